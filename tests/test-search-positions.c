/* test-search-positions.c: the checkpoints kept with the search index for
 * large documents (alama-search-positions.c).
 *
 * A generated text of a few megabytes (a fixed seed) holds Arabic with
 * harakat, tatweel and clitics, Latin, digits, characters outside the BMP and
 * line feeds, and around every place a checkpoint can fall, runs of phrases
 * so that hits straddle checkpoints. Searching it through the checkpoints
 * gives the same hits (offsets, texts, contexts, order, pages) as reading the
 * whole document (ALAMA_SEARCH_SCAN), folded and exact; each checkpoint
 * holds the byte, code point and token counts of the text before it; a
 * document indexed without checkpoints (a project from before migration 11)
 * is still searched right; small documents get none; deleting a document
 * drops its checkpoints.
 */
#define G_LOG_DOMAIN "test-search-positions"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>

#include "alama/alama.h"
#include "../app/core/alama-search-private.h"
#include "../app/core/alama-store-private.h"
#include "search-test-util.h"
#include "store-test-util.h"

/* Big enough for about a dozen checkpoints. */
#define TEXT_BYTES (3 * 1024 * 1024)
/* Where the word found nowhere else goes: between two checkpoints. */
#define RARE_AT    (TEXT_BYTES * 2 / 3 + 100 * 1024)

typedef struct
{
  char       *dir;
  char       *path;
  AlamaStore *store;
  char       *text;       /* the large document's */
  gint64      document;
} Fixture;

/* Words the queries do not look for... */
static const char * const filler_words[] = {
  "قال", "المتحدث", "إن", "الاجتماع", "انتهى.", "في", "مِنْ", "النفط", "الحكومة", "وزير",
  "الخارجية", "اليوم", "أمس", "\n", "ـــ", "،", "«موسكو»", "😀", "𝐀𝐁𝐂", "Moscow",
};

/* ...and, one word in QUERY_WORD_ONE_IN, the forms they find. */
static const char * const query_words[] = {
  "بوتين", "وبوتين", "بُوتِين", "بوتـــين", "الرئيس", "للرئيس", "وَالرئيس", "بالكرملين",
  "الكرملين", "Putin", "putin,", "2024", "٢٠٢٤", "Kremlin",
};
#define QUERY_WORD_ONE_IN 150

/* Written where a checkpoint can fall (at each multiple of the checkpoint
 * distance, a little later for each one before): the query phrases again and
 * again, so that some hits begin before a checkpoint and end after it. */
static const char zone[] = "الرئيس بوتين « بوتين بوتين ";

/* @bytes of words; with @queries, the words and phrases the cases look for
 * too. */
static char *
make_text (gsize    bytes,
           gboolean queries)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261207);
  GString *text = g_string_sized_new (bytes + 64);
  gsize next_zone = ALAMA_SEARCH_CHECKPOINT_BYTES - 256;

  while (text->len < bytes)
    {
      if (queries && text->len >= next_zone)
        {
          while (text->len < next_zone + 1280)
            g_string_append (text, zone);
          next_zone += ALAMA_SEARCH_CHECKPOINT_BYTES;
          continue;
        }
      if (queries && g_rand_int_range (rand, 0, QUERY_WORD_ONE_IN) == 0)
        g_string_append (text, query_words[g_rand_int_range (rand, 0, G_N_ELEMENTS (query_words))]);
      else
        g_string_append (text, filler_words[g_rand_int_range (rand, 0, G_N_ELEMENTS (filler_words))]);
      g_string_append_c (text, ' ');
      /* One word found nowhere else, two thirds into the text. */
      if (queries && text->len >= RARE_AT && text->len < RARE_AT + 16)
        g_string_append (text, "زيلينسكي ");
    }
  return g_string_free (text, FALSE);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->store = create_project_in_tmp ("alama-search-positions-XXXXXX", "big.alama", &f->dir, &f->path);
  f->text = make_text (TEXT_BYTES, TRUE);
  g_assert_true (alama_store_add_document (f->store, "كبير", NULL, f->text, NULL, NULL,
                                           &f->document, &error));
  g_assert_no_error (error);
  /* A small document beside it, searched the same way as before. */
  g_assert_true (alama_store_add_document (f->store, "صغير", NULL,
                                           "قال الرئيس بوتين في الكرملين إن Putin زار «موسكو».",
                                           NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  index_project (f->store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_project_in_tmp (&f->store, &f->dir, &f->path);
  g_free (f->text);
}

static gint64
query_int (AlamaStore *store,
           const char *sql,
           gint64      document)
{
  sqlite3 *db = _alama_store_get_db (store);
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, document);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static gint64
count_checkpoints (AlamaStore *store,
                   gint64      document)
{
  return query_int (store, "SELECT count(*) FROM search_positions WHERE document_id = ?1",
                    document);
}

static GArray *
list_checkpoints (AlamaStore *store,
                  gint64      document)
{
  sqlite3 *db = _alama_store_get_db (store);
  sqlite3_stmt *stmt = NULL;
  GArray *checkpoints = g_array_new (FALSE, FALSE, sizeof (AlamaSearchCheckpoint));

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT byte, cp, token FROM search_positions "
                                       "WHERE document_id = ?1 ORDER BY token", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, document);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      AlamaSearchCheckpoint c = {
        sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
        sqlite3_column_int64 (stmt, 2)
      };

      g_array_append_val (checkpoints, c);
    }
  sqlite3_finalize (stmt);
  return checkpoints;
}

static GPtrArray *
search_page (AlamaStore       *store,
             const char       *query,
             AlamaSearchFlags  flags,
             guint             offset,
             guint             limit)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *hits = alama_search_text_page (store, query, flags, offset, limit, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (hits);
  return hits;
}

static void
assert_same_hits (GPtrArray *indexed,
                  GPtrArray *scanned)
{
  g_assert_cmpuint (indexed->len, ==, scanned->len);
  for (guint i = 0; i < indexed->len; i++)
    {
      const AlamaSearchHit *a = g_ptr_array_index (indexed, i);
      const AlamaSearchHit *b = g_ptr_array_index (scanned, i);

      g_assert_cmpint (a->document_id, ==, b->document_id);
      g_assert_cmpint (a->start, ==, b->start);
      g_assert_cmpint (a->end, ==, b->end);
      g_assert_cmpstr (a->text, ==, b->text);
      g_assert_cmpint (a->context_start, ==, b->context_start);
      g_assert_cmpstr (a->context, ==, b->context);
    }
}

/* How many hits of @hits in document @document begin before a checkpoint
 * and end after it. */
static guint
count_straddling (GPtrArray *hits,
                  GArray    *checkpoints,
                  gint64     document)
{
  guint n = 0;

  for (guint i = 0; i < hits->len; i++)
    {
      const AlamaSearchHit *hit = g_ptr_array_index (hits, i);

      for (guint c = 0; hit->document_id == document && c < checkpoints->len; c++)
        {
          gint64 cp = g_array_index (checkpoints, AlamaSearchCheckpoint, c).cp;

          if (hit->start < cp && cp < hit->end)
            n++;
        }
    }
  return n;
}

typedef struct
{
  const char       *query;
  AlamaSearchFlags  flags;
  gboolean          straddles;   /* the text makes some of its hits straddle a checkpoint */
} Case;

static const Case cases[] = {
  { "بوتين", 0, FALSE },
  { "الرئيس بوتين", 0, TRUE },
  { "بوتين بوتين", 0, TRUE },       /* a phrase whose hits could overlap */
  { "الرئيس", 0, FALSE },           /* also للرئيس and وَالرئيس */
  { "كرملين", 0, FALSE },           /* behind the article and بال */
  { "Putin", 0, FALSE },            /* nothing for the fast scan to look for */
  { "2024", 0, FALSE },
  { "زيلينسكي", 0, FALSE },
  { "بوتين", ALAMA_SEARCH_EXACT, FALSE },
  { "وبوتين", ALAMA_SEARCH_EXACT, FALSE },
  { "« بوتين", ALAMA_SEARCH_EXACT, TRUE },   /* begins before the word at a checkpoint */
  { "الرئيس بوتين", ALAMA_SEARCH_EXACT, TRUE },
};

/* Every case, all hits and pages of them, through the checkpoints and by
 * reading the whole document. */
static void
assert_cases_match_scan (AlamaStore *store,
                         gint64      document,
                         gboolean    expect_straddling)
{
  g_autoptr(GArray) checkpoints = list_checkpoints (store, document);

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GPtrArray) indexed = search_page (store, cases[c].query, cases[c].flags, 0, 0);
      g_autoptr(GPtrArray) scanned = search_page (store, cases[c].query,
                                                  cases[c].flags | ALAMA_SEARCH_SCAN, 0, 0);

      g_test_message ("%s%s: %u hits", cases[c].query,
                      cases[c].flags & ALAMA_SEARCH_EXACT ? " (exact)" : "", scanned->len);
      g_assert_cmpuint (scanned->len, >, 0);
      assert_same_hits (indexed, scanned);
      if (expect_straddling && cases[c].straddles)
        g_assert_cmpuint (count_straddling (scanned, checkpoints, document), >, 0);

      /* Pages: the first hit alone, and one from the middle on (hits passed
       * over are counted the same way). */
      for (guint p = 0; p < 2; p++)
        {
          guint offset = p == 0 ? 0 : scanned->len / 2;
          guint limit = p == 0 ? 1 : scanned->len / 4 + 1;
          g_autoptr(GPtrArray) a = search_page (store, cases[c].query, cases[c].flags, offset, limit);
          g_autoptr(GPtrArray) b = search_page (store, cases[c].query,
                                                cases[c].flags | ALAMA_SEARCH_SCAN, offset, limit);

          assert_same_hits (a, b);
        }
    }
}

static void
test_same_hits_as_scan (Fixture       *f,
                        gconstpointer  data)
{
  g_assert_cmpint (count_checkpoints (f->store, f->document), >=,
                   TEXT_BYTES / ALAMA_SEARCH_CHECKPOINT_BYTES - 1);
  assert_cases_match_scan (f->store, f->document, TRUE);
}

/* Each checkpoint is a cut, about the checkpoint distance after the one
 * before, and says how many bytes, code points and index tokens (words with a
 * normalised form) come before it. */
static gboolean
count_word (const AlamaSearchWord *word,
            gpointer               user_data)
{
  GArray *starts = user_data;
  gint64 byte = (gint64) word->byte_start;

  g_array_append_val (starts, byte);
  return TRUE;
}

static void
test_checkpoints_count_what_precedes (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GArray) checkpoints = list_checkpoints (f->store, f->document);
  g_autoptr(GArray) word_starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  gsize len = strlen (f->text);
  gint64 previous = 0;
  guint w = 0;

  _alama_search_foreach_word (f->text, FALSE, FALSE, count_word, word_starts);
  g_assert_cmpuint (checkpoints->len, >, 0);
  for (guint i = 0; i < checkpoints->len; i++)
    {
      const AlamaSearchCheckpoint *c = &g_array_index (checkpoints, AlamaSearchCheckpoint, i);

      g_assert_cmpint (c->byte, >=, previous + ALAMA_SEARCH_CHECKPOINT_BYTES);
      g_assert_cmpint (c->byte, <, (gint64) len);
      g_assert_true (_alama_search_is_cut ((const guchar *) f->text, len, (gsize) c->byte));
      g_assert_cmpint (c->cp, ==, g_utf8_strlen (f->text, c->byte));
      while (w < word_starts->len && g_array_index (word_starts, gint64, w) < c->byte)
        w++;
      g_assert_cmpint (c->token, ==, w);
      g_assert_cmpint (g_array_index (word_starts, gint64, w), ==, c->byte);
      previous = c->byte;
    }
}

/* A query for a word found once reads only the block that holds it. */
static void
test_rare_word_reads_one_block (Fixture       *f,
                                gconstpointer  data)
{
  sqlite3 *db = _alama_store_get_db (f->store);
  gsize size = strlen (f->text);
  g_autoptr(GArray) blocks = _alama_search_positions_blocks (db, f->document, size,
                                                             "\"زيلينسكي\"", FALSE);
  const AlamaSearchBlock *block;
  gsize at = (gsize) (strstr (f->text, "زيلينسكي") - f->text);

  g_assert_nonnull (blocks);
  g_assert_cmpuint (blocks->len, ==, 1);
  block = &g_array_index (blocks, AlamaSearchBlock, 0);
  g_assert_cmpuint (block->start, <=, at);
  g_assert_cmpuint (at, <, block->end);
  g_assert_cmpuint (block->end - block->start, <, size / 4);
  g_assert_cmpint (block->cp_start, ==, g_utf8_strlen (f->text, (gssize) block->start));
}

/* A project from before migration 11: its index has no checkpoints (the
 * table is made by the upgrade, empty), and the document is read whole. */
static void
test_old_project_without_checkpoints (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = _alama_store_get_db (f->store);

  g_assert_cmpint (sqlite3_exec (db, "DROP TABLE search_positions; PRAGMA user_version = 10",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_clear_object (&f->store);
  f->store = alama_store_open (f->path, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM search_positions WHERE ?1 >= 0", 0),
                   ==, 0);
  g_assert_null (_alama_search_positions_blocks (_alama_store_get_db (f->store), f->document,
                                                 strlen (f->text), "\"بوتين\"", FALSE));
  assert_cases_match_scan (f->store, f->document, FALSE);
}

static gint64
add_and_index (Fixture    *f,
               const char *name,
               const char *text)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (alama_store_add_document (f->store, name, NULL, text, NULL, NULL, &id, &error));
  g_assert_no_error (error);
  index_project (f->store);
  return id;
}

/* An exact query that begins with what precedes the word at a checkpoint
 * ("« " before بوتين) is found though the index places it after the
 * checkpoint and nothing else of the query is in the block before. */
static void
test_exact_hit_before_checkpoint (Fixture       *f,
                                  gconstpointer  data)
{
  static const char before[] = "« ";
  g_autofree char *plain = make_text (ALAMA_SEARCH_CHECKPOINT_MIN_BYTES + 64 * 1024, FALSE);
  g_autofree char *text = NULL;
  g_autoptr(GArray) plain_checkpoints = NULL;
  g_autoptr(GArray) checkpoints = NULL;
  g_autoptr(GPtrArray) indexed = NULL;
  g_autoptr(GPtrArray) scanned = NULL;
  gint64 plain_id, id, first;
  guint in_document = 0;

  /* Where the first checkpoint of the text falls... */
  plain_id = add_and_index (f, "بلا", plain);
  plain_checkpoints = list_checkpoints (f->store, plain_id);
  g_assert_cmpuint (plain_checkpoints->len, >, 0);
  first = g_array_index (plain_checkpoints, AlamaSearchCheckpoint, 0).byte;
  g_assert_cmpint (plain[first - 1], ==, ' ');

  /* ...is where the phrase goes: its word becomes the checkpoint. */
  text = g_strdup_printf ("%.*s%sبوتين %s", (int) first, plain, before, plain + first);
  id = add_and_index (f, "مع", text);
  checkpoints = list_checkpoints (f->store, id);
  g_assert_cmpint (g_array_index (checkpoints, AlamaSearchCheckpoint, 0).byte, ==,
                   first + (gint64) strlen (before));

  indexed = search_page (f->store, "« بوتين", ALAMA_SEARCH_EXACT, 0, 0);
  scanned = search_page (f->store, "« بوتين", ALAMA_SEARCH_EXACT | ALAMA_SEARCH_SCAN, 0, 0);
  assert_same_hits (indexed, scanned);
  for (guint i = 0; i < scanned->len; i++)
    {
      const AlamaSearchHit *hit = g_ptr_array_index (scanned, i);

      if (hit->document_id != id)
        continue;
      in_document++;
      g_assert_cmpint (hit->start, <, g_array_index (checkpoints, AlamaSearchCheckpoint, 0).cp);
    }
  g_assert_cmpuint (in_document, ==, 1);
}

/* A new project keeps pointer maps, so that reading a large text far from
 * its start does not walk its chain of overflow pages. */
static void
test_new_project_keeps_pointer_maps (Fixture       *f,
                                     gconstpointer  data)
{
  g_assert_cmpint (query_int (f->store, "SELECT ?1 + auto_vacuum FROM pragma_auto_vacuum", 0), ==,
                   2);   /* INCREMENTAL */
}

static void
test_small_document_has_none (Fixture       *f,
                              gconstpointer  data)
{
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM search_positions "
                              "WHERE document_id <> ?1", f->document), ==, 0);
}

static void
test_delete_drops_checkpoints (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;

  g_assert_cmpint (count_checkpoints (f->store, f->document), >, 0);
  g_assert_true (alama_store_delete_document (f->store, f->document, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_checkpoints (f->store, f->document), ==, 0);
  hits = search_page (f->store, "بوتين", 0, 0, 0);
  g_assert_cmpuint (hits->len, ==, 1);   /* in the small document only */
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

  ADD ("/alama/search-positions/same-hits-as-scan", test_same_hits_as_scan);
  ADD ("/alama/search-positions/checkpoints-count-what-precedes",
       test_checkpoints_count_what_precedes);
  ADD ("/alama/search-positions/rare-word-reads-one-block", test_rare_word_reads_one_block);
  ADD ("/alama/search-positions/exact-hit-before-checkpoint", test_exact_hit_before_checkpoint);
  ADD ("/alama/search-positions/old-project-without-checkpoints",
       test_old_project_without_checkpoints);
  ADD ("/alama/search-positions/small-document-has-none", test_small_document_has_none);
  ADD ("/alama/search-positions/new-project-keeps-pointer-maps",
       test_new_project_keeps_pointer_maps);
  ADD ("/alama/search-positions/delete-drops-checkpoints", test_delete_drops_checkpoints);

  return g_test_run ();
}
