/* test-search-tokenizer.c: the search index's words are the words a search
 * matches, and the fast paths of the tokenizer give what the plain definition
 * gives.
 *
 * The plain definitions live in this file as references: normalisation is NFC
 * of each cluster (a character and the marks after it) and then the folding of
 * alama-arabic.h character by character; clitic splits are the prefix chains
 * [و ف] [ب ل ك] [ال] spelled out one by one; the tokens of a document are the
 * ICU words of alama_text_words(), normalised, each followed by its stems
 * behind clitics. The code under test reaches the same results without
 * per-word allocations, without NFC for plain letters and inert harakat, and
 * without a table lookup for the case of Arabic letters. They are compared on
 * a tricky Arabic sample (harakat in any order, tatweel, lam-alef ligatures,
 * hamza forms composed and decomposed, Arabic-Indic digits, characters beyond
 * the BMP), on every code point alone and after an Arabic letter, and on
 * random texts (fixed seed). */
#define G_LOG_DOMAIN "test-search-tokenizer"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <sqlite3.h>

#include "alama/alama.h"
#include "../app/core/alama-search-private.h"

/* ---- The reference normalisation ------------------------------------------------ */

static gboolean
ref_is_invisible_control (gunichar c)
{
  return (c >= 0x200B && c <= 0x200F) || c == 0x061C || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069) || c == 0x2060 || c == 0x00AD || c == 0xFEFF;
}

static gunichar
ref_fold_char (gunichar             c,
               AlamaArabicFoldFlags flags)
{
  if (alama_arabic_is_haraka (c) || c == 0x0640 || ref_is_invisible_control (c))
    return 0;
  switch (c)
    {
    case 0x0622: case 0x0623: case 0x0625: case 0x0671:
      return 0x0627;
    case 0x0629:
      return 0x0647;
    case 0x0649: case 0x06CC:
      return 0x064A;
    case 0x06A9:
      return 0x0643;
    case 0x0624:
      return (flags & ALAMA_ARABIC_FOLD_HAMZA_CARRIERS) ? 0x0648 : c;
    case 0x0626:
      return (flags & ALAMA_ARABIC_FOLD_HAMZA_CARRIERS) ? 0x064A : c;
    default:
      break;
    }
  if (c >= 0x0660 && c <= 0x0669)
    return '0' + (c - 0x0660);
  if (c >= 0x06F0 && c <= 0x06F9)
    return '0' + (c - 0x06F0);
  if (g_unichar_isupper (c) || g_unichar_istitle (c))
    return g_unichar_tolower (c);
  return c;
}

static void
ref_emit (GString              *out,
          GArray               *map,
          const char           *str,
          gint64                origin,
          gboolean              one_to_one,
          AlamaArabicFoldFlags  flags)
{
  gint64 i = 0;

  for (const char *p = str; *p != '\0'; p = g_utf8_next_char (p), i++)
    {
      gunichar f = ref_fold_char (g_utf8_get_char (p), flags);
      gint64 from = one_to_one ? origin + i : origin;

      if (f == 0)
        continue;
      g_string_append_unichar (out, f);
      g_array_append_val (map, from);
    }
}

static char *
ref_normalize (const char           *text,
               AlamaArabicFoldFlags  flags,
               GArray              **out_map)
{
  GString *out = g_string_new (NULL);
  GArray *map = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char *p = text;
  gint64 cp = 0;

  while (*p != '\0')
    {
      const char *cluster = p;
      gint64 cluster_cp = cp;
      gunichar first = g_utf8_get_char (p);
      g_autofree char *composed = NULL;

      p = g_utf8_next_char (p);
      cp++;
      while (*p != '\0' && (g_unichar_ismark (g_utf8_get_char (p)) ||
                            g_unichar_combining_class (g_utf8_get_char (p)) != 0))
        {
          p = g_utf8_next_char (p);
          cp++;
        }

      if (p == g_utf8_next_char (cluster) &&
          ((first >= 0xFB50 && first <= 0xFDFF) || (first >= 0xFE70 && first <= 0xFEFE)))
        {
          composed = g_utf8_normalize (cluster, p - cluster, G_NORMALIZE_NFKC);
          ref_emit (out, map, composed != NULL ? composed : "", cluster_cp, FALSE, flags);
        }
      else
        {
          composed = g_utf8_normalize (cluster, p - cluster, G_NORMALIZE_NFC);
          ref_emit (out, map, composed != NULL ? composed : "", cluster_cp,
                    composed != NULL && strlen (composed) == (gsize) (p - cluster) &&
                    memcmp (composed, cluster, p - cluster) == 0,
                    flags);
        }
    }
  g_array_append_val (map, cp);
  *out_map = map;
  return g_string_free (out, FALSE);
}

static void
assert_normalizes_as_reference (const char *text)
{
  for (guint f = 0; f < 2; f++)
    {
      AlamaArabicFoldFlags flags = f ? ALAMA_ARABIC_FOLD_HAMZA_CARRIERS : ALAMA_ARABIC_FOLD_DEFAULT;
      g_autoptr(GArray) map = NULL;
      g_autoptr(GArray) ref_map = NULL;
      g_autofree char *norm = alama_arabic_normalize (text, flags, &map);
      g_autofree char *ref = ref_normalize (text, flags, &ref_map);
      g_autofree char *without_map = alama_arabic_normalize (text, flags, NULL);

      if (g_strcmp0 (norm, ref) != 0)
        g_error ("“%s” normalises to “%s”, the reference to “%s”", text, norm, ref);
      g_assert_cmpstr (without_map, ==, ref);
      g_assert_cmpuint (map->len, ==, ref_map->len);
      for (guint i = 0; i < map->len; i++)
        g_assert_cmpint (g_array_index (map, gint64, i), ==, g_array_index (ref_map, gint64, i));
    }
}

/* Harakat in both orders and mixed with the composing madda and hamzas,
 * tatweel, the lam-alef ligatures and other presentation forms, hamza forms
 * composed and decomposed, both kinds of Arabic-Indic digits, letters beyond
 * the BMP, invisible controls, Latin and Greek case. */
static const char * const tricky[] = {
  "مُحَمَّدٌ وَالكَرْمَلِينُ فِي مُوسْكُو، وبِالكرملين ولِلرئيس وللرئيس",
  "ب\u0651\u064E ب\u064E\u0651 ب\u0650\u0651\u0652 \u064E\u0651ب ا\u064E\u0654 ا\u0654\u064E و\u0654\u064F ي\u0654",
  "الـــرئيس هـــذا ـــ \u0640\u064E ك\u0640\u0651\u0640تاب",
  "ﻻ ﻷ ﻵ ﻹ ﻼ لا لأ لإ لآ ﷲ ﷺ ﷻ ﭐ ﮎ",
  "أحمد إيران آمال ٱلله ا\u0654حمد ا\u0655يران ا\u0653مال مسؤول رئيس مسو\u0654ول ء",
  "١٤ آذار/مارس ٢٠٢٣ ۱۴۰۲ ۵۶ 2023م ٣٫١٤",
  "𞸀𞸁𞸂 😀 𝐀𝐁𝐂 𐹠𐹡 𠀋 نص 𞤢𞤣",
  "PUTIN Putin İstanbul STRASSE ẞ Σίσυφος ǅ ǈ Ⅻ",
  "بي\u200Cروت \u200Fقال\u202B الرئيس\u202C\u2066 ال\u061Cحكومة \u00AD\u2060\uFEFF",
  "e\u0301 A\u030A \u1100\u1161\u11A8 \u0915\u093F ۀ ە\u0654 ۓ ے\u0654 ۂ ہ\u0654",
  "\u0610\u0611بسم \u06D6\u06DAقلى \u08F0\u08F1 \u0656\u065F\u0670",
};

static void
test_normalize_tricky (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (tricky); i++)
    assert_normalizes_as_reference (tricky[i]);
}

static void
test_normalize_every_code_point (void)
{
  /* Each character alone, after an Arabic letter, and after a letter with
   * harakat and followed by an inert and a composing mark: the BMP, the
   * Arabic mathematical letters and the emoji beyond it. */
  for (gunichar c = 1; c < 0x1F700; c = c == 0xFFFF ? 0x1EE00 : c == 0x1EEFF ? 0x1F300 : c + 1)
    {
      char bytes[8] = { 0, };
      g_autofree char *after = NULL;
      g_autofree char *around = NULL;

      if (c >= 0xD800 && c <= 0xDFFF)
        continue;
      g_unichar_to_utf8 (c, bytes);
      after = g_strconcat ("ب", bytes, "ت", NULL);
      around = g_strconcat ("ا\u064E", bytes, "\u0651\u0654ي", NULL);
      assert_normalizes_as_reference (bytes);
      assert_normalizes_as_reference (after);
      assert_normalizes_as_reference (around);
    }
}

static void
test_normalize_harakat_pairs (void)
{
  /* Every character of the Arabic block followed by every pair of marks of
   * U+064B–U+065F and U+0670: the marks that fold away and the three that
   * compose. */
  for (gunichar base = 0x0600; base <= 0x06FF; base++)
    for (gunichar m1 = 0x064B; m1 <= 0x0670; m1 = m1 == 0x065F ? 0x0670 : m1 + 1)
      for (gunichar m2 = 0x064B; m2 <= 0x0670; m2 = m2 == 0x065F ? 0x0670 : m2 + 1)
        {
          char text[16] = { 0, };
          int n = 0;

          n += g_unichar_to_utf8 (base, text + n);
          n += g_unichar_to_utf8 (m1, text + n);
          n += g_unichar_to_utf8 (m2, text + n);
          g_unichar_to_utf8 ('x', text + n);
          assert_normalizes_as_reference (text);
        }
}

/* ---- Random texts ----------------------------------------------------------------- */

static const char * const pieces[] = {
  "ا", "ب", "ت", "ل", "و", "ف", "ك", "م", "ن", "ي", "ى", "ة", "ه", "أ", "إ", "آ", "ؤ", "ئ", "ء",
  "ال", "لل", "وال", "بال", "فلل", "كال", "\u064E", "\u064F", "\u0650", "\u0651", "\u0652",
  "\u064B", "\u0653", "\u0654", "\u0655", "\u0670", "\u0640", "ﻻ", "ﻷ", "ﷲ", "٠", "٣", "۴", "7",
  "𞸀", "😀", "𝐀", "A", "z", "İ", "Σ", "e\u0301", "\u200C", "\u200F", "\uFEFF", "\u00AD",
  "\u0610", "\u06D6", "ۀ", "ے", "ک", "ی", " ", " ", " ", " ", "، ", ". ", "\n", "-", "'", "_",
};

static char *
random_text (GRand *rand,
             guint  n_pieces)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n_pieces; i++)
    g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
  return g_string_free (text, FALSE);
}

static void
test_normalize_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (13);

  for (guint i = 0; i < 3000; i++)
    {
      g_autofree char *text = random_text (rand, g_rand_int_range (rand, 1, 40));

      assert_normalizes_as_reference (text);
    }
}

/* ---- Clitic splits ------------------------------------------------------------------ */

/* Every chain [conjunction] [preposition] [article] that the word begins with
 * and that leaves two code points, by length, each length once, shortest
 * first, 0 included. */
static GArray *
ref_clitic_splits (const char *word)
{
  static const char * const conjunctions[] = { "", "و", "ف" };
  static const char * const prepositions[] = { "", "ب", "ل", "ك" };
  static const char * const articles[] = { "", "ال" };
  GArray *splits = g_array_new (FALSE, FALSE, sizeof (guint));
  glong word_len = g_utf8_strlen (word, -1);

  for (guint length = 0; length <= 6; length++)
    {
      gboolean found = length == 0;

      for (guint c = 0; c < 3 && !found; c++)
        for (guint q = 0; q < 4 && !found; q++)
          for (guint a = 0; a < 2 && !found; a++)
            {
              /* ل + ال is written لل. */
              g_autofree char *chain = q == 2 && a == 1
                ? g_strconcat (conjunctions[c], "لل", NULL)
                : g_strconcat (conjunctions[c], prepositions[q], articles[a], NULL);
              glong chain_len = g_utf8_strlen (chain, -1);

              found = chain_len == (glong) length && chain_len > 0 &&
                      word_len - chain_len >= 2 && g_str_has_prefix (word, chain);
            }
      if (found)
        g_array_append_val (splits, length);
    }
  return splits;
}

static void
assert_splits_as_reference (const char *word)
{
  g_autoptr(GArray) splits = alama_arabic_clitic_splits (word);
  g_autoptr(GArray) ref = ref_clitic_splits (word);

  if (splits->len != ref->len ||
      memcmp (splits->data, ref->data, splits->len * sizeof (guint)) != 0)
    g_error ("“%s”: %u splits, the reference %u", word, splits->len, ref->len);
}

static void
test_clitic_splits_every_word (void)
{
  /* Every word of up to six letters over the clitic letters and one other. */
  static const char * const letters[] = { "و", "ف", "ب", "ل", "ك", "ا", "م" };
  guint n_letters = G_N_ELEMENTS (letters);

  for (guint length = 0; length <= 6; length++)
    {
      guint n_words = 1;

      for (guint i = 0; i < length; i++)
        n_words *= n_letters;
      for (guint w = 0; w < n_words; w++)
        {
          char word[32] = { 0, };
          guint rest = w;

          for (guint i = 0; i < length; i++, rest /= n_letters)
            strcat (word, letters[rest % n_letters]);
          assert_splits_as_reference (word);
        }
    }
}

/* ---- The tokenizer ----------------------------------------------------------------- */

typedef struct
{
  GString *tokens;   /* "flags token start end" a line */
} Collected;

static int
collect_token (void       *ctx,
               int         flags,
               const char *token,
               int         n_token,
               int         start,
               int         end)
{
  Collected *c = ctx;

  g_string_append_printf (c->tokens, "%d %.*s %d %d\n", flags, n_token, token, start, end);
  return SQLITE_OK;
}

/* What FTS5 receives from our tokenizer for @n_text bytes of @text. */
static char *
tokenize (const char *text,
          int         n_text,
          int         flags)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  fts5_api *api = NULL;
  fts5_tokenizer tokenizer;
  Fts5Tokenizer *instance = NULL;
  void *user_data = NULL;
  Collected c = { g_string_new (NULL) };

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_cmpint (_alama_search_register_tokenizer (db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_pointer (stmt, 1, (void *) &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  g_assert_nonnull (api);
  g_assert_cmpint (api->xFindTokenizer (api, ALAMA_SEARCH_TOKENIZER, &user_data, &tokenizer),
                   ==, SQLITE_OK);
  g_assert_cmpint (tokenizer.xCreate (user_data, NULL, 0, &instance), ==, SQLITE_OK);
  g_assert_cmpint (tokenizer.xTokenize (instance, &c, flags, text, n_text, collect_token),
                   ==, SQLITE_OK);
  tokenizer.xDelete (instance);
  sqlite3_close (db);
  return g_string_free (c.tokens, FALSE);
}

/* The tokens by the plain definition: each ICU word of alama_text_words()
 * normalised, dropped when nothing is left; for a document, then each stem
 * behind a clitic prefix and, behind لل, the stem with its article restored,
 * all at the word's bytes. */
static char *
ref_tokens (const char *text,
            gboolean    document)
{
  g_autoptr(GArray) words = alama_text_words (text, FALSE);
  GString *tokens = g_string_new (NULL);

  for (guint i = 0; i < words->len; i++)
    {
      const AlamaFragment *w = &g_array_index (words, AlamaFragment, i);
      const char *start = g_utf8_offset_to_pointer (text, w->start);
      const char *end = g_utf8_offset_to_pointer (text, w->end);
      g_autofree char *surface = g_strndup (start, end - start);
      g_autofree char *norm = alama_arabic_normalize (surface, ALAMA_ARABIC_FOLD_DEFAULT, NULL);
      int bs = (int) (start - text), be = (int) (end - text);
      g_autoptr(GArray) splits = NULL;

      if (*norm == '\0')
        continue;
      g_string_append_printf (tokens, "0 %s %d %d\n", norm, bs, be);
      if (!document)
        continue;
      splits = alama_arabic_clitic_splits (norm);
      for (guint s = 0; s < splits->len; s++)
        {
          guint split = g_array_index (splits, guint, s);
          const char *stem = g_utf8_offset_to_pointer (norm, split);

          if (split > 0)
            g_string_append_printf (tokens, "%d %s %d %d\n", FTS5_TOKEN_COLOCATED, stem, bs, be);
          if (split >= 2 && g_str_has_prefix (g_utf8_offset_to_pointer (norm, split - 2), "لل"))
            g_string_append_printf (tokens, "%d ال%s %d %d\n", FTS5_TOKEN_COLOCATED, stem, bs, be);
        }
    }
  return g_string_free (tokens, FALSE);
}

/* The tokens by the words a search matches (_alama_search_analyze): the
 * normalised word, then its other forms at the same place. */
static char *
analyzed_tokens (const char *text)
{
  g_autoptr(GPtrArray) words = _alama_search_analyze (text, TRUE);
  GString *tokens = g_string_new (NULL);

  for (guint i = 0; i < words->len; i++)
    {
      const AlamaSearchWord *w = g_ptr_array_index (words, i);

      g_assert_cmpint (w->start, ==, g_utf8_pointer_to_offset (text, text + w->byte_start));
      g_assert_cmpint (w->end, ==, g_utf8_pointer_to_offset (text, text + w->byte_end));
      g_assert_cmpint (g_array_index (w->map, gint64, w->map->len - 1), ==, w->end - w->start);
      for (guint f = 0; f < w->forms->len; f++)
        g_string_append_printf (tokens, "%d %s %d %d\n", f == 0 ? 0 : FTS5_TOKEN_COLOCATED,
                                (const char *) g_ptr_array_index (w->forms, f),
                                (int) w->byte_start, (int) w->byte_end);
    }
  return g_string_free (tokens, FALSE);
}

static void
assert_tokens_as_reference (const char *text)
{
  g_autofree char *document = tokenize (text, (int) strlen (text), FTS5_TOKENIZE_DOCUMENT);
  g_autofree char *query = tokenize (text, (int) strlen (text), FTS5_TOKENIZE_QUERY);
  g_autofree char *ref_document = ref_tokens (text, TRUE);
  g_autofree char *ref_query = ref_tokens (text, FALSE);
  g_autofree char *analyzed = analyzed_tokens (text);

  g_assert_cmpstr (document, ==, ref_document);
  g_assert_cmpstr (query, ==, ref_query);
  /* What the index holds is what a search matches. */
  g_assert_cmpstr (analyzed, ==, ref_document);
}

static void
test_tokens_tricky (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (tricky); i++)
    assert_tokens_as_reference (tricky[i]);
}

static void
test_tokens_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  for (guint i = 0; i < 500; i++)
    {
      g_autofree char *text = random_text (rand, g_rand_int_range (rand, 1, 200));

      assert_tokens_as_reference (text);
    }
}

static void
test_tokens_invalid_utf8 (void)
{
  /* A query that is not valid UTF-8 (or holds a NUL) is cut where the valid
   * text ends, and what comes before is tokenized as it would be alone. */
  const char valid[] = "قال الكرملين";
  g_autofree char *bad_byte = g_strconcat (valid, "\xFF الرئيس", NULL);
  g_autofree char *cut_char = g_strconcat (valid, " \xD9", NULL);
  g_autofree char *alone = tokenize (valid, (int) strlen (valid), FTS5_TOKENIZE_DOCUMENT);
  g_autofree char *after_bad = tokenize (bad_byte, (int) strlen (bad_byte), FTS5_TOKENIZE_DOCUMENT);
  g_autofree char *after_cut = tokenize (cut_char, (int) strlen (cut_char), FTS5_TOKENIZE_DOCUMENT);
  g_autoptr(GString) with_nul = g_string_new (valid);
  g_autofree char *after_nul = NULL;

  g_string_append_c (with_nul, '\0');
  g_string_append (with_nul, "الرئيس");
  after_nul = tokenize (with_nul->str, (int) with_nul->len, FTS5_TOKENIZE_DOCUMENT);

  g_assert_cmpstr (alone, !=, "");
  g_assert_cmpstr (after_bad, ==, alone);
  g_assert_cmpstr (after_cut, ==, alone);
  g_assert_cmpstr (after_nul, ==, alone);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/search-tokenizer/normalize/tricky", test_normalize_tricky);
  g_test_add_func ("/search-tokenizer/normalize/every-code-point", test_normalize_every_code_point);
  g_test_add_func ("/search-tokenizer/normalize/harakat-pairs", test_normalize_harakat_pairs);
  g_test_add_func ("/search-tokenizer/normalize/random", test_normalize_random);
  g_test_add_func ("/search-tokenizer/clitic-splits/every-word", test_clitic_splits_every_word);
  g_test_add_func ("/search-tokenizer/tokens/tricky", test_tokens_tricky);
  g_test_add_func ("/search-tokenizer/tokens/random", test_tokens_random);
  g_test_add_func ("/search-tokenizer/tokens/invalid-utf8", test_tokens_invalid_utf8);

  return g_test_run ();
}
