/* test-search-window.c: search in a document read window by window. Hits that
 * straddle the edge of a chunk (a phrase, a vocalised word), a character
 * outside the BMP before a hit, a hit in the last bytes, a phrase that runs
 * past a window; and, on random texts from an Arabic word list (fixed seed),
 * the same hits as the analysis of the whole text. The code point count
 * agrees with GLib's on texts of every length and alignment, and streaming a
 * large document leaves the connection's page cache size as it was. */
#define G_LOG_DOMAIN "test-search-window"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>

#include "alama/alama.h"
#include "../app/core/alama-search-private.h"
#include "../app/core/alama-store-private.h"
#include "search-test-util.h"
#include "store-test-util.h"

typedef struct
{
  char       *dir;
  char       *path;
  AlamaStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = create_project_in_tmp ("alama-search-window-XXXXXX", "big.alama", &f->dir, &f->path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_project_in_tmp (&f->store, &f->dir, &f->path);
}

static gint64
add_document (Fixture    *f,
              const char *name,
              const char *text)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (alama_store_add_document (f->store, name, NULL, text, NULL, NULL, &id, &error));
  g_assert_no_error (error);
  return id;
}

/* Fills @text with filler words up to @bytes. */
static void
fill_to (GString *text,
         gsize    bytes)
{
  static const char filler[] = "وقال المتحدث إن الاجتماع انتهى. ";

  while (text->len + strlen (filler) <= bytes)
    g_string_append (text, filler);
  while (text->len < bytes)
    g_string_append_c (text, ' ');
}

/* The hit at @i: [start, end) in code points, with @expected_text, and a
 * context that is the document's text at context_start. */
static void
assert_hit (GPtrArray  *hits,
            guint       i,
            const char *document_text,
            gint64      start,
            const char *expected_text)
{
  const AlamaSearchHit *hit;
  g_autofree char *context = NULL;

  g_assert_cmpuint (hits->len, >, i);
  hit = g_ptr_array_index (hits, i);
  g_assert_cmpstr (hit->text, ==, expected_text);
  g_assert_cmpint (hit->start, ==, start);
  g_assert_cmpint (hit->end, ==, start + g_utf8_strlen (expected_text, -1));
  context = alama_text_substring (document_text, hit->context_start,
                                  hit->context_start + g_utf8_strlen (hit->context, -1));
  g_assert_cmpstr (hit->context, ==, context);
  g_assert_nonnull (strstr (hit->context, hit->text));
}

/* Code points before byte @byte of @text. */
static gint64
cp_at (const char *text,
       gsize       byte)
{
  return g_utf8_pointer_to_offset (text, text + byte);
}

static void
test_chunk_edges (Fixture *f, gconstpointer data)
{
  g_autoptr(GString) text = g_string_new ("𝔸😀 ");   /* outside the BMP: 4 bytes, 1 code point each */
  const gsize chunk = ALAMA_SEARCH_CHUNK_BYTES;
  gsize phrase_at, vocalised_at, last_at;
  const char *vocalised = "بِالْكَرْمَلِين";

  /* A phrase across the first chunk's end: بوت | ين والكرملين. */
  fill_to (text, chunk - 6);
  phrase_at = text->len;
  g_string_append (text, "بوتين والكرملين ");
  g_assert_cmpuint (phrase_at, <, chunk);
  g_assert_cmpuint (phrase_at + strlen ("بوتين "), >, chunk);

  /* A vocalised word across the second chunk's end, between a letter and its
   * haraka: بِال | ْكَرْمَلِين. */
  fill_to (text, 2 * chunk - 8);
  vocalised_at = text->len;
  g_string_append (text, vocalised);
  g_string_append (text, " قال. ");
  g_assert_cmpuint (vocalised_at, <, 2 * chunk);
  g_assert_cmpuint (vocalised_at + strlen (vocalised), >, 2 * chunk);

  /* A hit in the last bytes, with no space or full stop after it. */
  fill_to (text, 3 * chunk + 100);
  g_string_append (text, "والرئيس\r\nزمردة");
  last_at = text->len - strlen ("زمردة");

  add_document (f, "big", text->str);
  for (int indexed = 0; indexed < 2; indexed++)
    {
      g_autoptr(GPtrArray) phrase = NULL;
      g_autoptr(GPtrArray) word = NULL;
      g_autoptr(GPtrArray) last = NULL;
      g_autoptr(GPtrArray) exact = NULL;

      /* First read directly (not indexed yet), then through the index. */
      if (indexed)
        index_project (f->store);

      phrase = search_all (f->store, "بوتين الكرملين", 0);
      g_assert_cmpuint (phrase->len, ==, 1);
      assert_hit (phrase, 0, text->str, cp_at (text->str, phrase_at), "بوتين والكرملين");

      word = search_all (f->store, "الكرملين", 0);
      g_assert_cmpuint (word->len, ==, 2);
      assert_hit (word, 0, text->str, cp_at (text->str, phrase_at + strlen ("بوتين و")),
                  "الكرملين");
      /* The hit leaves the clitic بِ (two code points) out. */
      assert_hit (word, 1, text->str, cp_at (text->str, vocalised_at) + 2, "الْكَرْمَلِين");

      last = search_all (f->store, "زمردة", 0);
      g_assert_cmpuint (last->len, ==, 1);
      assert_hit (last, 0, text->str, cp_at (text->str, last_at), "زمردة");

      exact = search_all (f->store, "زمردة", ALAMA_SEARCH_EXACT);
      g_assert_cmpuint (exact->len, ==, 1);
      assert_hit (exact, 0, text->str, cp_at (text->str, last_at), "زمردة");
    }
}

/* The words of a phrase far apart (punctuation between them is not a word):
 * the window widens until it holds the whole phrase. */
static void
test_phrase_past_window (Fixture *f, gconstpointer data)
{
  g_autoptr(GString) text = g_string_new ("قال ");
  g_autoptr(GPtrArray) hits = NULL;
  gsize at;

  at = text->len;
  g_string_append (text, "بوتين");
  for (guint i = 0; i < 3000; i++)
    g_string_append (text, " -");
  g_string_append (text, " الكرملين اليوم");
  add_document (f, "far", text->str);
  index_project (f->store);

  hits = search_all (f->store, "بوتين الكرملين", 0);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (((AlamaSearchHit *) hits->pdata[0])->start, ==, cp_at (text->str, at));
  g_assert_cmpint (((AlamaSearchHit *) hits->pdata[0])->end, ==,
                   g_utf8_strlen (text->str, -1) - g_utf8_strlen (" اليوم", -1));
}

/* ---- The whole-text analysis, as a reference ------------------------------------ */

typedef struct
{
  gint64  start;
  gint64  end;
} Ref;

static int
ref_word_match (const AlamaSearchWord *w,
                const char            *q)
{
  for (guint f = 0; f < w->forms->len; f++)
    if (strcmp (g_ptr_array_index (w->forms, f), q) == 0)
      return (int) g_array_index (w->form_starts, guint, f);
  return -1;
}

/* A text analysed all at once: its words (with maps) and its tokens. */
typedef struct
{
  const char *text;
  GPtrArray  *words;
  GHashTable *token_starts;   /* gint64* of the tokens' code point offsets */
  GHashTable *token_ends;
  GArray     *tokens;
} Whole;

static void
whole_init (Whole      *whole,
            const char *text)
{
  whole->text = text;
  whole->words = _alama_search_analyze (text, TRUE);
  whole->tokens = alama_text_words (text, TRUE);
  whole->token_starts = g_hash_table_new (g_int64_hash, g_int64_equal);
  whole->token_ends = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < whole->tokens->len; i++)
    {
      AlamaFragment *t = &g_array_index (whole->tokens, AlamaFragment, i);

      g_hash_table_add (whole->token_starts, &t->start);
      g_hash_table_add (whole->token_ends, &t->end);
    }
}

static void
whole_clear (Whole *whole)
{
  g_ptr_array_unref (whole->words);
  g_hash_table_unref (whole->token_starts);
  g_hash_table_unref (whole->token_ends);
  g_array_unref (whole->tokens);
}

/* The hits of @query in the whole text: the search's matching rules applied
 * to all of its words at once. */
static GArray *
reference_hits (const Whole      *whole,
                const char       *query,
                AlamaSearchFlags  flags)
{
  GArray *refs = g_array_new (FALSE, FALSE, sizeof (Ref));
  const char *text = whole->text;

  if (flags & ALAMA_SEARCH_EXACT)
    {
      gsize len = strlen (query);

      for (const char *p = strstr (text, query); p != NULL; p = strstr (p, query))
        {
          Ref r = { cp_at (text, (gsize) (p - text)), 0 };

          r.end = r.start + g_utf8_strlen (query, -1);
          if (g_hash_table_contains (whole->token_starts, &r.start) &&
              g_hash_table_contains (whole->token_ends, &r.end))
            {
              g_array_append_val (refs, r);
              p += len;
            }
          else
            p = g_utf8_next_char (p);
        }
    }
  else
    {
      GPtrArray *words = whole->words;
      g_autoptr(GPtrArray) q = _alama_search_analyze (query, FALSE);
      guint n = q->len;

      for (guint i = 0; i + n <= words->len; i++)
        {
          const AlamaSearchWord *first = g_ptr_array_index (words, i);
          int prefix = ref_word_match (first, ((AlamaSearchWord *) q->pdata[0])->norm);
          gboolean all = prefix >= 0;
          Ref r;

          for (guint k = 1; all && k < n; k++)
            all = ref_word_match (g_ptr_array_index (words, i + k),
                                  ((AlamaSearchWord *) q->pdata[k])->norm) >= 0;
          if (!all)
            continue;
          r.start = first->start + g_array_index (first->map, gint64, prefix);
          r.end = ((AlamaSearchWord *) words->pdata[i + n - 1])->end;
          g_array_append_val (refs, r);
          i += n - 1;
        }
    }
  return refs;
}

static const char * const word_list[] = {
  "بوتين", "وبوتين", "الكرملين", "بالكرملين", "للكرملين", "الْكَرْمَلِين", "الكرمـــلين",
  "الرئيس", "للرئيس", "والرئيس", "الرَّئِيس", "أعلن", "اعلن", "إعلان", "آمن", "مدرسة", "مدرسه",
  "المدرسة", "مستشفى", "مستشفي", "٢٠٢٤", "2024", "۲۰۲۴", "قال", "فقال", "وقال", "في", "من",
  "زمردة", "زُمُرُّدَة", "كتاب", "بكتاب", "ككتاب", "موسكو", "Putin", "😀", "𝔸", "،", ".", "؟",
  "-", "(", ")", "\"", "ﻻ", "لا", "ؤمن", "يؤمن", "ئ", "علي", "على", "عليّ",
};

/* Most words of a text hold no query word, as in news text. */
static const char * const neutral_words[] = {
  "اليوم", "حول", "مع", "بعد", "عن", "هذا", "التي", "ذلك", "كان", "المدينة", "الحكومة",
  "الأسبوع", "مصادر", "أكدت", "الوزراء", "الماضي", "بين", "خلال",
};

static const char * const separators[] = { " ", " ", " ", " ", "  ", "\n", "\r\n", "\t", " . ", "، " };

static const char * const queries[] = {
  "بوتين", "الكرملين", "كرملين", "الرئيس", "رئيس", "أعلن", "مدرسة", "مستشفى", "2024", "قال",
  "زمردة", "كتاب", "لا", "يؤمن", "على", "بوتين الكرملين", "قال بوتين", "الرئيس بوتين",
  "في من", "putin",
};

static const char * const exact_queries[] = {
  "بوتين", "الكرملين", "٢٠٢٤", "قال بوتين", "😀", "،", "زمردة",
};

static char *
random_text (GRand *rand,
             gsize  bytes)
{
  GString *text = g_string_new (NULL);

  while (text->len < bytes)
    {
      if (g_rand_int_range (rand, 0, 8) == 0)
        g_string_append (text, word_list[g_rand_int_range (rand, 0, G_N_ELEMENTS (word_list))]);
      else
        g_string_append (text,
                         neutral_words[g_rand_int_range (rand, 0, G_N_ELEMENTS (neutral_words))]);
      g_string_append (text, separators[g_rand_int_range (rand, 0, G_N_ELEMENTS (separators))]);
    }
  return g_string_free (text, FALSE);
}

static void
assert_same_hits (AlamaStore       *store,
                  const Whole      *whole,
                  const char       *query,
                  AlamaSearchFlags  flags)
{
  g_autoptr(GPtrArray) hits = search_all (store, query, flags);
  g_autoptr(GArray) refs = reference_hits (whole, query, flags);

  g_test_message ("“%s” (%s): %u hits", query, flags ? "exact" : "folded", refs->len);
  g_assert_cmpuint (hits->len, ==, refs->len);
  for (guint i = 0; i < refs->len; i++)
    {
      const AlamaSearchHit *hit = g_ptr_array_index (hits, i);
      const Ref *r = &g_array_index (refs, Ref, i);
      g_autofree char *original = alama_text_substring (whole->text, r->start, r->end);

      g_assert_cmpint (hit->start, ==, r->start);
      g_assert_cmpint (hit->end, ==, r->end);
      g_assert_cmpstr (hit->text, ==, original);
    }
}

static void
test_equals_whole_text (Fixture *f, gconstpointer data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261207);
  /* One text longer than a chunk, and short ones for many windows' edges. */
  const gsize sizes[] = { ALAMA_SEARCH_CHUNK_BYTES + 20000, 3000, 20000, 100000 };

  for (guint d = 0; d < G_N_ELEMENTS (sizes); d++)
    {
      g_autofree char *text = random_text (rand, sizes[d]);
      Whole whole;
      gint64 id;

      /* One document at a time, so the hits are this text's. */
      id = add_document (f, "random", text);
      if (d % 2 == 1)
        index_project (f->store);
      whole_init (&whole, text);
      for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
        assert_same_hits (f->store, &whole, queries[i], 0);
      for (guint i = 0; i < G_N_ELEMENTS (exact_queries); i++)
        assert_same_hits (f->store, &whole, exact_queries[i], ALAMA_SEARCH_EXACT);
      whole_clear (&whole);
      g_assert_true (alama_store_delete_document (f->store, id, NULL));
    }
}

/* Each folded form alone, far from the others, so no other hit's window
 * reads it: the scan for where a query may be must not pass it over. */
static void
test_sparse_forms (Fixture *f, gconstpointer data)
{
  static const char * const pairs[] = {
    "الكرملين", "الكرمـــلين",  "مدرسة", "مدرسه",  "مستشفى", "مستشفي",  "أعلن", "اعلن",
    "2024", "٢٠٢٤",  "لا", "ﻻ",  "زمردة", "زُمُرُّدَة",  "الرئيس", "للرئيس",  "علي", "عليّ",
    "كتاب", "كتا\u200Cب",
  };
  g_autoptr(GString) text = g_string_new (NULL);
  Whole whole;

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i += 2)
    {
      fill_to (text, text->len + 8 * 1024);
      g_string_append (text, pairs[i + 1]);
      g_string_append (text, " ");
    }
  fill_to (text, text->len + 8 * 1024);
  add_document (f, "sparse", text->str);
  index_project (f->store);

  whole_init (&whole, text->str);
  for (guint i = 0; i < G_N_ELEMENTS (pairs); i += 2)
    {
      g_autoptr(GPtrArray) hits = search_all (f->store, pairs[i], 0);

      g_assert_cmpuint (hits->len, >=, 1);
      assert_same_hits (f->store, &whole, pairs[i], 0);
    }
  whole_clear (&whole);
}

/* One character of 1, 2, 3 or 4 UTF-8 bytes, chosen by @r. */
static const char *
random_char (GRand *r)
{
  static const char *chars[] = { "a", " ", "\xd9\x82", "\xd8\xa7", "\xd9\x8e",
                                 "\xe2\x80\x8f", "\xef\xbb\xbf", "\xf0\x9f\x98\x80" };

  return chars[g_rand_int_range (r, 0, G_N_ELEMENTS (chars))];
}

static void
test_count_chars (Fixture *f, gconstpointer data)
{
  g_autoptr(GRand) r = g_rand_new_with_seed (13);
  g_autoptr(GString) text = g_string_new (NULL);

  /* Past 2,040 bytes: the count sums its words in rounds of 255. */
  while (text->len < 5000)
    g_string_append (text, random_char (r));
  for (gsize start = 0; start < 16; start++)
    {
      const char *from = text->str + start;

      if ((*from & 0xC0) == 0x80)
        continue;
      for (gsize len = 0; start + len <= text->len; len += 1 + len / 64)
        {
          const char *to = from + len;

          if (start + len < text->len && (*to & 0xC0) == 0x80)
            continue;
          g_assert_cmpint (_alama_search_count_chars (from, len), ==,
                           g_utf8_strlen (from, (gssize) len));
        }
    }
}

static gint64
cache_size (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gint64 size;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA cache_size", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  size = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return size;
}

static void
test_large_read_keeps_cache_size (Fixture *f, gconstpointer data)
{
  g_autoptr(GString) text = g_string_new ("زمردة ");
  sqlite3 *db = _alama_store_get_db (f->store);
  AlamaSearchReader *reader;
  gint64 before;
  gint64 id;

  fill_to (text, 4 * ALAMA_SEARCH_CHUNK_BYTES + 1);
  id = add_document (f, "large", text->str);
  before = cache_size (db);

  reader = _alama_search_reader_open (db, id);
  g_assert_nonnull (reader);
  g_assert_cmpint (cache_size (db), !=, before);
  _alama_search_reader_free (reader);
  g_assert_cmpint (cache_size (db), ==, before);

  {
    g_autoptr(GPtrArray) hits = search_all (f->store, "زمردة", 0);

    assert_hit (hits, 0, text->str, 0, "زمردة");
  }
  g_assert_cmpint (cache_size (db), ==, before);
}

#define ADD(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  ADD ("/alama/search-window/chunk-edges", test_chunk_edges);
  ADD ("/alama/search-window/phrase-past-window", test_phrase_past_window);
  ADD ("/alama/search-window/equals-whole-text", test_equals_whole_text);
  ADD ("/alama/search-window/sparse-forms", test_sparse_forms);
  ADD ("/alama/search-window/count-chars", test_count_chars);
  ADD ("/alama/search-window/large-read-keeps-cache-size", test_large_read_keeps_cache_size);

  return g_test_run ();
}
