/* alama-arabic.c: Arabic normalisation for matching, with a map back to the
 * original code points, and the clitic prefixes a word may carry.
 *
 * The folding follows the usual practice of Arabic search engines (Lucene's
 * ArabicNormalizer): remove harakat and tatweel, unify alef forms, ta marbuta
 * and alef maqsura, and digits. Normalised text is only ever a matching key;
 * documents keep their characters.
 */
#define G_LOG_DOMAIN "alama-arabic"

#include "config.h"

#include <string.h>

#include "alama/alama-arabic.h"

gboolean
alama_arabic_is_haraka (gunichar c)
{
  return (c >= 0x064B && c <= 0x065F) || c == 0x0670;
}

gboolean
alama_arabic_is_arabic_letter (gunichar c)
{
  if (c == 0x0640)   /* tatweel is a modifier letter, but stretches, not spells */
    return FALSE;
  return g_unichar_isalpha (c) && g_unichar_get_script (c) == G_UNICODE_SCRIPT_ARABIC;
}

static gboolean
is_invisible_control (gunichar c)
{
  return (c >= 0x200B && c <= 0x200F) ||
         c == 0x061C ||
         (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069) ||
         c == 0x2060 ||   /* word joiner */
         c == 0x00AD ||   /* soft hyphen */
         c == 0xFEFF;     /* zero width no-break space (a stray BOM) */
}

static gboolean
is_presentation_form (gunichar c)
{
  /* Arabic Presentation Forms-A and -B: contextual glyphs and ligatures (ﻻ)
   * that some PDFs and old encoders emit instead of letters. */
  return (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFE);
}

/* Folds one character (after NFC). Returns 0 when it is dropped. */
static gunichar
fold_char (gunichar             c,
           AlamaArabicFoldFlags flags)
{
  if (alama_arabic_is_haraka (c) || c == 0x0640 || is_invisible_control (c))
    return 0;

  switch (c)
    {
    case 0x0622: /* آ */
    case 0x0623: /* أ */
    case 0x0625: /* إ */
    case 0x0671: /* ٱ */
      return 0x0627;
    case 0x0629: /* ة */
      return 0x0647;
    case 0x0649: /* ى */
    case 0x06CC: /* Persian ی */
      return 0x064A;
    case 0x06A9: /* Persian ک */
      return 0x0643;
    case 0x0624: /* ؤ */
      return (flags & ALAMA_ARABIC_FOLD_HAMZA_CARRIERS) ? 0x0648 : c;
    case 0x0626: /* ئ */
      return (flags & ALAMA_ARABIC_FOLD_HAMZA_CARRIERS) ? 0x064A : c;
    default:
      break;
    }

  if (c >= 0x0660 && c <= 0x0669)
    return '0' + (c - 0x0660);
  if (c >= 0x06F0 && c <= 0x06F9)
    return '0' + (c - 0x06F0);

  if (c < 0x80)
    return g_ascii_tolower (c);
  if (g_unichar_isupper (c) || g_unichar_istitle (c))
    return g_unichar_tolower (c);

  return c;
}

/* Whether a character joins the one before it in a normalisation cluster. */
static gboolean
continues_cluster (gunichar c)
{
  return g_unichar_ismark (c) || g_unichar_combining_class (c) != 0;
}

/* NFC never changes a lone character from these ranges, so we can skip the
 * (comparatively slow) call for the common case of a plain letter. */
static gboolean
nfc_is_identity_alone (gunichar c)
{
  return c < 0x0300 || (c >= 0x0600 && c <= 0x06FF);
}

typedef struct
{
  GString *out;
  GArray  *map;       /* of gint64, or NULL */
  gint64   n_out;
  AlamaArabicFoldFlags flags;
} Folder;

static void
folder_emit (Folder   *folder,
             gunichar  c,
             gint64    origin)
{
  gunichar f = fold_char (c, folder->flags);

  if (f == 0)
    return;
  g_string_append_unichar (folder->out, f);
  if (folder->map != NULL)
    g_array_append_val (folder->map, origin);
  folder->n_out++;
}

/* Emits every character of @str (already composed), all mapped to @origin, or
 * one to one from @origin when @one_to_one. */
static void
folder_emit_string (Folder     *folder,
                    const char *str,
                    gint64      origin,
                    gboolean    one_to_one)
{
  gint64 i = 0;

  for (const char *p = str; *p != '\0'; p = g_utf8_next_char (p), i++)
    folder_emit (folder, g_utf8_get_char (p), one_to_one ? origin + i : origin);
}

char *
alama_arabic_normalize (const char            *text,
                        AlamaArabicFoldFlags   flags,
                        GArray               **out_map)
{
  Folder folder = { 0, };
  const char *p;
  gint64 cp = 0;

  g_return_val_if_fail (text != NULL, NULL);

  folder.out = g_string_sized_new (strlen (text));
  folder.map = out_map != NULL ? g_array_new (FALSE, FALSE, sizeof (gint64)) : NULL;
  folder.flags = flags;

  /* Work cluster by cluster (a character and the marks that follow it): NFC only
   * ever composes within one, so the map stays exact between clusters. Inside a
   * cluster that NFC changes, every output character maps to the cluster's first
   * code point, the character it came from. */
  p = text;
  while (*p != '\0')
    {
      const char *cluster = p;
      gint64 cluster_cp = cp;
      gunichar first = g_utf8_get_char (p);
      gint64 n = 1;

      p = g_utf8_next_char (p);
      while (*p != '\0' && continues_cluster (g_utf8_get_char (p)))
        {
          p = g_utf8_next_char (p);
          n++;
        }
      cp += n;

      if (n == 1 && nfc_is_identity_alone (first))
        {
          folder_emit (&folder, first, cluster_cp);
        }
      else if (n == 1 && is_presentation_form (first))
        {
          /* Compatibility decomposition: ﻻ → لا, both from the ligature. */
          g_autofree char *nfkc = g_utf8_normalize (cluster, p - cluster, G_NORMALIZE_NFKC);

          folder_emit_string (&folder, nfkc != NULL ? nfkc : "", cluster_cp, FALSE);
        }
      else
        {
          g_autofree char *nfc = g_utf8_normalize (cluster, p - cluster, G_NORMALIZE_NFC);
          gboolean unchanged = nfc != NULL &&
                               strlen (nfc) == (gsize) (p - cluster) &&
                               memcmp (nfc, cluster, p - cluster) == 0;

          folder_emit_string (&folder, nfc != NULL ? nfc : "", cluster_cp, unchanged);
        }
    }

  if (out_map != NULL)
    {
      g_array_append_val (folder.map, cp);
      *out_map = folder.map;
    }

  return g_string_free (folder.out, FALSE);
}

/* ---- Clitics ------------------------------------------------------------------ */

/* A prefix chain is [conjunction] [preposition] [article]:
 *   conjunction و ف, preposition ب ل ك, article ال.
 * ل followed by ال is written لل (the alef is dropped): للرئيس = ل + الرئيس. */
static const char * const conjunctions[] = { "", "\xD9\x88" /* و */, "\xD9\x81" /* ف */ };
static const char * const prepositions[] = {
  "", "\xD8\xA8" /* ب */, "\xD9\x84" /* ل */, "\xD9\x83" /* ك */
};
static const char * const articles[] = { "", "\xD8\xA7\xD9\x84" /* ال */ };

#define MIN_STEM_LETTERS 2

static int
compare_guint (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;

  return (x > y) - (x < y);
}

/* The 24 prefix chains, spelled once: the search tokenizer and the gazetteer
 * split every word of every document they read, and building each chain with
 * g_strconcat() per word was a tenth of a search's time. */
typedef struct
{
  char  bytes[16];
  gsize n_bytes;
  guint n_chars;
} PrefixChain;

#define N_PREFIX_CHAINS (G_N_ELEMENTS (conjunctions) * G_N_ELEMENTS (prepositions) * G_N_ELEMENTS (articles))

static const PrefixChain *
prefix_chains (void)
{
  static PrefixChain chains[N_PREFIX_CHAINS];
  static gsize ready = 0;

  if (g_once_init_enter (&ready))
    {
      guint n = 0;

      for (guint c = 0; c < G_N_ELEMENTS (conjunctions); c++)
        for (guint q = 0; q < G_N_ELEMENTS (prepositions); q++)
          for (guint a = 0; a < G_N_ELEMENTS (articles); a++)
            {
              PrefixChain *chain = &chains[n++];
              const char *second = (q == 2 && a == 1) ? "\xD9\x84\xD9\x84" /* لل */ : prepositions[q];
              const char *third = (q == 2 && a == 1) ? "" : articles[a];

              g_strlcpy (chain->bytes, conjunctions[c], sizeof chain->bytes);
              g_strlcat (chain->bytes, second, sizeof chain->bytes);
              g_strlcat (chain->bytes, third, sizeof chain->bytes);
              chain->n_bytes = strlen (chain->bytes);
              chain->n_chars = (guint) g_utf8_strlen (chain->bytes, -1);
            }
      g_once_init_leave (&ready, 1);
    }
  return chains;
}

GArray *
alama_arabic_clitic_splits (const char *normalized_word)
{
  const PrefixChain *chains;
  GArray *lengths;
  glong word_len;
  guint zero = 0;

  g_return_val_if_fail (normalized_word != NULL, NULL);

  chains = prefix_chains ();
  lengths = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_val (lengths, zero);
  word_len = g_utf8_strlen (normalized_word, -1);

  for (guint i = 0; i < N_PREFIX_CHAINS; i++)
    {
      const PrefixChain *chain = &chains[i];
      gboolean seen = FALSE;

      if (chain->n_chars == 0 ||
          word_len - (glong) chain->n_chars < MIN_STEM_LETTERS ||
          strncmp (normalized_word, chain->bytes, chain->n_bytes) != 0)
        continue;

      for (guint j = 0; j < lengths->len; j++)
        seen |= g_array_index (lengths, guint, j) == chain->n_chars;
      if (!seen)
        g_array_append_val (lengths, chain->n_chars);
    }

  g_array_sort (lengths, compare_guint);

  return lengths;
}

static gboolean
is_hamzated_alef (gunichar c)
{
  return c == 0x0623 /* أ */ || c == 0x0625 /* إ */ || c == 0x0622 /* آ */;
}

static gboolean
in_list (const char * const *list,
         guint               n,
         gunichar            c)
{
  for (guint i = 0; i < n; i++)
    if (list[i][0] != '\0' && g_utf8_get_char (list[i]) == c)
      return TRUE;
  return FALSE;
}

gint64
alama_arabic_certain_proclitics (const char *word)
{
  const char *p;
  gint64 cp = 0;
  guint letters = 0, stem_letters = 0;
  gboolean had_preposition = FALSE;

  g_return_val_if_fail (word != NULL, 0);

  /* At most a conjunction then a preposition, each with its harakat. */
  p = word;
  while (*p != '\0' && letters < 2)
    {
      gunichar c = g_utf8_get_char (p);

      if (letters == 0 && in_list (conjunctions, G_N_ELEMENTS (conjunctions), c))
        ;
      else if (!had_preposition && in_list (prepositions, G_N_ELEMENTS (prepositions), c))
        had_preposition = TRUE;
      else
        break;
      letters++;
      p = g_utf8_next_char (p);
      cp++;
      while (*p != '\0' && alama_arabic_is_haraka (g_utf8_get_char (p)))
        {
          p = g_utf8_next_char (p);
          cp++;
        }
      if (is_hamzated_alef (g_utf8_get_char (p)))
        break;
    }

  if (letters == 0 || !is_hamzated_alef (g_utf8_get_char (p)))
    return 0;

  for (const char *q = p; *q != '\0'; q = g_utf8_next_char (q))
    if (alama_arabic_is_arabic_letter (g_utf8_get_char (q)))
      stem_letters++;
  return stem_letters >= 3 ? cp : 0;
}
