/* test-search.c: corpus search. Each folding rule as a query on the fixture
 * sentences, clitics, the exact toggle, code point offsets (an emoji before the
 * hit), phrases, the lazy index, annotation queries and the scan fallback on a
 * read-only project. */
#define G_LOG_DOMAIN "test-search"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "alama/alama.h"
#include "search-test-util.h"
#include "store-test-util.h"

static const char *fixture_names[] = {
  "01-kremlin.txt", "02-vocalised.txt", "03-emoji.txt", "04-forms.txt", "05-clitics.txt",
  "10-baku.txt",
};

typedef struct
{
  char       *dir;
  char       *path;
  AlamaStore *store;
} Fixture;

static char *
read_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "search", name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->store = create_project_in_tmp ("alama-search-XXXXXX", "corpus.alama", &f->dir, &f->path);

  for (guint i = 0; i < G_N_ELEMENTS (fixture_names); i++)
    {
      g_autofree char *text = read_fixture (fixture_names[i]);

      alama_store_add_document (f->store, fixture_names[i], NULL, text, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
    }

  /* As alama import does after an import; ADD_UNINDEXED tests leave it out. */
  if (data == NULL)
    index_project (f->store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_project_in_tmp (&f->store, &f->dir, &f->path);
}

/* Every hit's text is exactly the original characters at its offsets, and its
 * context holds it. */
static void
assert_hits_consistent (AlamaStore *store,
                        GPtrArray  *hits)
{
  for (guint i = 0; i < hits->len; i++)
    {
      const AlamaSearchHit *hit = g_ptr_array_index (hits, i);
      g_autofree char *text = alama_store_dup_document_text (store, hit->document_id, NULL);
      g_autofree char *original = alama_text_substring (text, hit->start, hit->end);
      g_autofree char *context = alama_text_substring (text, hit->context_start,
                                                       hit->context_start +
                                                       g_utf8_strlen (hit->context, -1));

      g_assert_nonnull (text);
      g_assert_cmpstr (hit->text, ==, original);
      g_assert_cmpstr (hit->context, ==, context);
      g_assert_cmpint (hit->context_start, <=, hit->start);
      g_assert_nonnull (strstr (hit->context, hit->text));
    }
}

/* Asserts the hits are, in order, (document, original text) pairs. */
static void
assert_hits (AlamaStore         *store,
             GPtrArray          *hits,
             const char * const *expected)
{
  guint n = g_strv_length ((char **) expected) / 2;

  assert_hits_consistent (store, hits);
  if (hits->len != n)
    for (guint i = 0; i < hits->len; i++)
      {
        const AlamaSearchHit *hit = g_ptr_array_index (hits, i);
        g_test_message ("hit %u: %s %s", i, hit->document_name, hit->text);
      }
  g_assert_cmpuint (hits->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      const AlamaSearchHit *hit = g_ptr_array_index (hits, i);

      g_assert_cmpstr (hit->document_name, ==, expected[2 * i]);
      g_assert_cmpstr (hit->text, ==, expected[2 * i + 1]);
    }
}

#define ASSERT_SEARCH(store, query, flags, ...)                              \
  G_STMT_START {                                                             \
    const char *expected_[] = { __VA_ARGS__, NULL };                         \
    g_autoptr(GPtrArray) hits_ = search_all ((store), (query), (flags));         \
    assert_hits ((store), hits_, expected_);                                 \
  } G_STMT_END

#define ASSERT_NO_HITS(store, query, flags)                                  \
  G_STMT_START {                                                             \
    g_autoptr(GPtrArray) hits_ = search_all ((store), (query), (flags));         \
    g_assert_cmpuint (hits_->len, ==, 0);                                    \
  } G_STMT_END

static void
test_harakat (Fixture *f, gconstpointer data)
{
  /* A plain query finds the vocalised word, and a vocalised query the plain one. */
  ASSERT_SEARCH (f->store, "أعلن", 0, "02-vocalised.txt", "أعلنَ");
  ASSERT_SEARCH (f->store, "الْكَرْمَلِين", 0,
                 "01-kremlin.txt", "الكرملين",
                 "02-vocalised.txt", "الْكَرْمَلِينُ");
}

static void
test_tatweel (Fixture *f, gconstpointer data)
{
  ASSERT_SEARCH (f->store, "المفاوضات", 0, "02-vocalised.txt", "الـمـفـاوضـات");
}

static void
test_alef_forms (Fixture *f, gconstpointer data)
{
  ASSERT_SEARCH (f->store, "ايران", 0, "02-vocalised.txt", "إيران");
  ASSERT_SEARCH (f->store, "انقره", 0, "01-kremlin.txt", "أنقرة");
  ASSERT_SEARCH (f->store, "آنقرة", 0, "01-kremlin.txt", "أنقرة");
}

static void
test_ta_marbuta (Fixture *f, gconstpointer data)
{
  /* المنظمة finds المنظمه, and the stem of بالمنظمة (after the ب). */
  ASSERT_SEARCH (f->store, "المنظمة", 0,
                 "03-emoji.txt", "المنظمة",
                 "04-forms.txt", "المنظمه");
}

static void
test_alef_maqsura (Fixture *f, gconstpointer data)
{
  ASSERT_SEARCH (f->store, "مصطفي", 0, "04-forms.txt", "مصطفى");
}

static void
test_digits (Fixture *f, gconstpointer data)
{
  ASSERT_SEARCH (f->store, "2024", 0, "02-vocalised.txt", "٢٠٢٤", "04-forms.txt", "2024");
  ASSERT_SEARCH (f->store, "٢٠٢٤", 0, "02-vocalised.txt", "٢٠٢٤", "04-forms.txt", "2024");
}

static void
test_clitics (Fixture *f, gconstpointer data)
{
  /* The hit covers only the stem: بوتين inside وبوتين starts after the و. */
  ASSERT_SEARCH (f->store, "بوتين", 0, "01-kremlin.txt", "بوتين", "01-kremlin.txt", "بوتين");
  ASSERT_SEARCH (f->store, "كرملين", 0,
                 "01-kremlin.txt", "كرملين",
                 "02-vocalised.txt", "كَرْمَلِينُ");
  ASSERT_SEARCH (f->store, "حكومة", 0, "05-clitics.txt", "حكومة");          /* فال */
  ASSERT_SEARCH (f->store, "عادة", 0, "05-clitics.txt", "عادة");            /* وكال */
  ASSERT_SEARCH (f->store, "جيش", 0, "05-clitics.txt", "جيش");              /* وبال */
  ASSERT_SEARCH (f->store, "لبنان", 0, "05-clitics.txt", "لبنان");          /* و */
  ASSERT_SEARCH (f->store, "الأمين", 0, "04-forms.txt", "الأمين");          /* ب */
  /* للرئيس = ل + الرئيس: both رئيس and الرئيس find it. */
  ASSERT_SEARCH (f->store, "الرئيس", 0,
                 "01-kremlin.txt", "الرئيس",
                 "05-clitics.txt", "لرئيس",
                 "10-baku.txt", "الرئيس");
  ASSERT_SEARCH (f->store, "رئيس", 0,
                 "01-kremlin.txt", "رئيس",
                 "04-forms.txt", "رئيس",
                 "05-clitics.txt", "رئيس",
                 "10-baku.txt", "رئيس");
  /* A stem is not found inside a word that is not made of clitics + stem. */
  ASSERT_NO_HITS (f->store, "تين", 0);
}

static void
test_hit_offsets (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) hits = search_all (f->store, "بوتين", 0);
  g_autofree char *text = read_fixture ("01-kremlin.txt");
  const AlamaSearchHit *second;
  gint64 wa_putin;

  g_assert_cmpuint (hits->len, ==, 2);
  second = g_ptr_array_index (hits, 1);
  wa_putin = g_utf8_pointer_to_offset (text, strstr (text, "وبوتين"));
  g_assert_cmpint (second->start, ==, wa_putin + 1);
  g_assert_cmpint (second->end, ==, wa_putin + 6);
  /* The context is the sentence (the line) around the hit. */
  g_assert_cmpstr (second->context, ==, "وبوتين لم يعلّق بعد على التقارير.");
}

static void
test_offsets_after_emoji (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) hits = search_all (f->store, "الدوحه", 0);
  g_autofree char *text = read_fixture ("03-emoji.txt");
  const AlamaSearchHit *hit;
  gint64 expected;

  g_assert_cmpuint (hits->len, ==, 1);
  hit = g_ptr_array_index (hits, 0);
  /* Code points: 😀 counts one, not two (UTF-16) or four (bytes). */
  expected = g_utf8_pointer_to_offset (text, strstr (text, "الدوحة"));
  g_assert_cmpint (hit->start, ==, expected);
  g_assert_cmpint (hit->end, ==, expected + 6);
  g_assert_cmpstr (hit->text, ==, "الدوحة");
  assert_hits_consistent (f->store, hits);
}

static void
test_exact (Fixture *f, gconstpointer data)
{
  /* No clitics: only the bare بوتين, not the one inside وبوتين. */
  ASSERT_SEARCH (f->store, "بوتين", ALAMA_SEARCH_EXACT, "01-kremlin.txt", "بوتين");
  /* No folding. */
  ASSERT_SEARCH (f->store, "الكرملين", ALAMA_SEARCH_EXACT, "01-kremlin.txt", "الكرملين");
  ASSERT_NO_HITS (f->store, "المنظمة", ALAMA_SEARCH_EXACT);
  ASSERT_SEARCH (f->store, "2024", ALAMA_SEARCH_EXACT, "04-forms.txt", "2024");
  ASSERT_SEARCH (f->store, "٢٠٢٤", ALAMA_SEARCH_EXACT | ALAMA_SEARCH_SCAN, "02-vocalised.txt", "٢٠٢٤");
  ASSERT_SEARCH (f->store, "المنظمه", ALAMA_SEARCH_EXACT, "04-forms.txt", "المنظمه");
  /* Punctuation as typed. */
  ASSERT_SEARCH (f->store, "«لا تراجع", ALAMA_SEARCH_EXACT, "04-forms.txt", "«لا تراجع");
}

static void
test_phrase (Fixture *f, gconstpointer data)
{
  ASSERT_SEARCH (f->store, "الرئيس بوتين", 0, "01-kremlin.txt", "الرئيس بوتين");
  ASSERT_SEARCH (f->store, "رئيس الاذربيجاني", 0, "10-baku.txt", "رئيس الأذربيجاني");
  ASSERT_NO_HITS (f->store, "بوتين الرئيس", 0);
}

static void
test_scan_equals_index (Fixture *f, gconstpointer data)
{
  /* الرئيس: reading a document must find it in للرئيس as the index does. */
  const char *queries[] = { "بوتين", "كرملين", "2024", "المنظمة", "رئيس", "الرئيس بوتين",
                            "الرئيس" };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GPtrArray) indexed = search_all (f->store, queries[i], 0);
      g_autoptr(GPtrArray) scanned = search_all (f->store, queries[i], ALAMA_SEARCH_SCAN);

      g_assert_cmpuint (indexed->len, >, 0);
      g_assert_cmpuint (indexed->len, ==, scanned->len);
      for (guint k = 0; k < indexed->len; k++)
        {
          const AlamaSearchHit *a = g_ptr_array_index (indexed, k);
          const AlamaSearchHit *b = g_ptr_array_index (scanned, k);

          g_assert_cmpint (a->document_id, ==, b->document_id);
          g_assert_cmpint (a->start, ==, b->start);
          g_assert_cmpint (a->end, ==, b->end);
        }
    }
}

/* How many documents the project file's search index holds, read with a
 * connection of its own (search_indexed is a plain table). */
static gint64
count_indexed (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM search_indexed", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return n;
}

static void
test_index_follows_documents (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaDocument) doc = NULL;
  gint64 id = 0;

  ASSERT_SEARCH (f->store, "بوتين", 0, "01-kremlin.txt", "بوتين", "01-kremlin.txt", "بوتين");
  g_assert_cmpint (count_indexed (f->path), ==, G_N_ELEMENTS (fixture_names));

  /* A document added after the index was brought up to date is found (read
   * directly: it is one), and the query does not index it... */
  alama_store_add_document (f->store, "00-new.txt", NULL, "التقى بوتين نظيره التركي.", NULL, NULL,
                            &id, &error);
  g_assert_no_error (error);
  ASSERT_SEARCH (f->store, "بوتين", 0,
                 "00-new.txt", "بوتين", "01-kremlin.txt", "بوتين", "01-kremlin.txt", "بوتين");
  g_assert_cmpint (alama_search_count_documents (f->store, "بوتين", 0, NULL, &error), ==, 2);
  g_assert_cmpint (count_indexed (f->path), ==, G_N_ELEMENTS (fixture_names));
  g_assert_cmpint (alama_search_count_unindexed (f->store, &error), ==, 0);

  /* ...until the index is brought up to date. */
  index_project (f->store);
  g_assert_cmpint (count_indexed (f->path), ==, G_N_ELEMENTS (fixture_names) + 1);
  ASSERT_SEARCH (f->store, "بوتين", 0,
                 "00-new.txt", "بوتين", "01-kremlin.txt", "بوتين", "01-kremlin.txt", "بوتين");

  /* ...and one deleted is not. */
  doc = alama_store_find_document (f->store, "01-kremlin.txt");
  g_assert_nonnull (doc);
  alama_store_delete_document (f->store, alama_document_get_id (doc), &error);
  g_assert_no_error (error);
  ASSERT_SEARCH (f->store, "بوتين", 0, "00-new.txt", "بوتين");
}

static void
test_limit_and_errors (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  GPtrArray *none;

  hits = alama_search_text (f->store, "رئيس", 0, 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 2);

  none = alama_search_text (f->store, "   ", 0, 0, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, ALAMA_SEARCH_ERROR, ALAMA_SEARCH_ERROR_INVALID_QUERY);
  g_clear_error (&error);

  none = alama_search_text (f->store, "«»", 0, 0, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, ALAMA_SEARCH_ERROR, ALAMA_SEARCH_ERROR_INVALID_QUERY);
  g_clear_error (&error);

  /* FTS5 syntax typed by a user is just text. */
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = alama_search_text (f->store, "\"بوتين OR NEAR(", 0, 0, NULL, &error);
  g_assert_no_error (error);
}

/* Pages of a query, put together, are exactly its hits in one call (same
 * documents, offsets and contexts, same order), and the document count from
 * the index equals the number of distinct documents among the hits. */
static void
test_paging (Fixture *f, gconstpointer data)
{
  const AlamaSearchFlags modes[] = { ALAMA_SEARCH_DEFAULT, ALAMA_SEARCH_SCAN };
  /* في is twice in one document: hits and documents differ. */
  const char *queries[] = { "رئيس", "في" };

  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    for (guint qi = 0; qi < G_N_ELEMENTS (queries); qi++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GPtrArray) all = alama_search_text (f->store, queries[qi], modes[m], 0, NULL,
                                                      &error);
        g_autoptr(GHashTable) documents = g_hash_table_new (g_int64_hash, g_int64_equal);
        guint seen = 0;
        gint64 n_documents;

        g_assert_no_error (error);
        /* Enough hits that a page of 2 splits them into several pages. */
        g_assert_cmpuint (all->len, >=, 3);

        for (guint offset = 0; ; offset += 2)
          {
            g_autoptr(GPtrArray) page = alama_search_text_page (f->store, queries[qi], modes[m],
                                                                offset, 2, NULL, &error);

            g_assert_no_error (error);
            g_assert_cmpuint (page->len, <=, 2);
            if (page->len == 0)
              break;
            for (guint i = 0; i < page->len; i++)
              {
                AlamaSearchHit *got = g_ptr_array_index (page, i);
                AlamaSearchHit *want = g_ptr_array_index (all, seen + i);

                g_assert_cmpint (got->document_id, ==, want->document_id);
                g_assert_cmpint (got->start, ==, want->start);
                g_assert_cmpint (got->end, ==, want->end);
                g_assert_cmpstr (got->text, ==, want->text);
                g_assert_cmpint (got->context_start, ==, want->context_start);
                g_assert_cmpstr (got->context, ==, want->context);
              }
            seen += page->len;
          }
        g_assert_cmpuint (seen, ==, all->len);

        for (guint i = 0; i < all->len; i++)
          g_hash_table_add (documents,
                            &((AlamaSearchHit *) g_ptr_array_index (all, i))->document_id);
        n_documents = alama_search_count_documents (f->store, queries[qi], modes[m], NULL, &error);
        g_assert_no_error (error);
        g_assert_cmpint (n_documents, ==, g_hash_table_size (documents));
      }
}

/* ---- Annotations ------------------------------------------------------------- */

static gint64
add_span (AlamaStore  *store,
          gint64       document_id,
          const char  *text,
          const char  *label,
          const char  *covered,
          AlamaStatus  status,
          const char  *source)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_utf8_pointer_to_offset (text, strstr (text, covered));
  g_autoptr(AlamaSpan) span = alama_span_new (label, start, start + g_utf8_strlen (covered, -1));

  span->document_id = document_id;
  span->status = status;
  g_free (span->source);
  span->source = g_strdup (source);
  alama_store_add_span (store, span, &error);
  g_assert_no_error (error);
  return span->id;
}

static void
add_relation (AlamaStore *store,
              const char *type,
              gint64      from,
              gint64      to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaRelation) relation = alama_relation_new (type, from, to);

  alama_store_add_relation (store, relation, &error);
  g_assert_no_error (error);
}

static void
annotate_baku (Fixture *f)
{
  g_autoptr(AlamaDocument) doc = alama_store_find_document (f->store, "10-baku.txt");
  gint64 id = alama_document_get_id (doc);
  g_autofree char *text = alama_store_dup_document_text (f->store, id, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaSpan) accuses = NULL;
  g_autoptr(AlamaSpan) denies = NULL;
  gint64 aliyev, yerevan, claim1, claim2;
  gint64 start;

  aliyev = add_span (f->store, id, text, "PER", "إلهام علييف", ALAMA_STATUS_PENDING, "gazetteer");
  yerevan = add_span (f->store, id, text, "GPE", "يريفان", ALAMA_STATUS_ACCEPTED, NULL);

  start = g_utf8_pointer_to_offset (text, strstr (text, "اتهم"));
  accuses = alama_span_new ("CLAIM", start, g_utf8_pointer_to_offset (text, strstr (text, ".")));
  accuses->document_id = id;
  alama_span_set_attribute (accuses, "stance", "accuses");
  alama_store_add_span (f->store, accuses, &error);
  g_assert_no_error (error);
  claim1 = accuses->id;

  start = g_utf8_pointer_to_offset (text, strstr (text, "ونفت"));
  denies = alama_span_new ("CLAIM", start, start + g_utf8_strlen ("ونفت يريفان الاتهامات", -1));
  denies->document_id = id;
  alama_span_set_attribute (denies, "stance", "denies");
  alama_store_add_span (f->store, denies, &error);
  g_assert_no_error (error);
  claim2 = denies->id;

  add_relation (f->store, "CLAIMANT", aliyev, claim1);
  add_relation (f->store, "CLAIMANT", yerevan, claim2);
}

static GPtrArray *
search_annotations (AlamaStore                 *store,
                    const AlamaAnnotationQuery *q)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *hits = alama_search_annotations (store, q, &error);

  g_assert_no_error (error);
  g_assert_nonnull (hits);
  assert_hits_consistent (store, hits);
  return hits;
}

static void
test_annotations_claimant (Fixture *f, gconstpointer data)
{
  const char *stance_accuses[] = { "stance=accuses", NULL };
  const char *claimant_aliyev[] = { "CLAIMANT=علييف", NULL };
  const char *claimant_yerevan[] = { "CLAIMANT=يريفان", NULL };
  AlamaAnnotationQuery q = { 0, };
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GPtrArray) none = NULL;
  const AlamaSearchHit *hit;

  annotate_baku (f);

  /* Every CLAIM with stance=accuses whose claimant is علييف. */
  q.label = "CLAIM";
  q.attributes = stance_accuses;
  q.related = claimant_aliyev;
  hits = search_annotations (f->store, &q);
  g_assert_cmpuint (hits->len, ==, 1);
  hit = g_ptr_array_index (hits, 0);
  g_assert_cmpstr (hit->label, ==, "CLAIM");
  g_assert_cmpstr (hit->document_name, ==, "10-baku.txt");
  g_assert_true (g_str_has_prefix (hit->text, "اتهم الرئيس"));
  g_assert_cmpint (hit->span_id, >, 0);

  /* The other claim has another claimant and stance. */
  q.related = claimant_yerevan;
  none = search_annotations (f->store, &q);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_annotations_filters (Fixture *f, gconstpointer data)
{
  const char *bad_attr[] = { "stance", NULL };
  AlamaAnnotationQuery q = { 0, };
  g_autoptr(GError) error = NULL;
  GPtrArray *hits;

  annotate_baku (f);

  /* By source and status. */
  q.source = "gazetteer";
  hits = search_annotations (f->store, &q);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (((AlamaSearchHit *) g_ptr_array_index (hits, 0))->text, ==, "إلهام علييف");
  g_ptr_array_unref (hits);

  memset (&q, 0, sizeof q);
  q.statuses = ALAMA_STATUS_MASK_ACCEPTED;
  q.label = "PER";
  hits = search_annotations (f->store, &q);
  g_assert_cmpuint (hits->len, ==, 0);
  g_ptr_array_unref (hits);

  /* By covered text, normalised (ه for ة, no hamza on the alef). */
  memset (&q, 0, sizeof q);
  q.text = "الهدنه";
  hits = search_annotations (f->store, &q);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (((AlamaSearchHit *) g_ptr_array_index (hits, 0))->label, ==, "CLAIM");
  g_ptr_array_unref (hits);

  /* All CLAIMs, in document order. */
  memset (&q, 0, sizeof q);
  q.label = "CLAIM";
  hits = search_annotations (f->store, &q);
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_cmpint (((AlamaSearchHit *) g_ptr_array_index (hits, 0))->start, <,
                   ((AlamaSearchHit *) g_ptr_array_index (hits, 1))->start);
  g_ptr_array_unref (hits);

  memset (&q, 0, sizeof q);
  q.attributes = bad_attr;
  hits = alama_search_annotations (f->store, &q, &error);
  g_assert_null (hits);
  g_assert_error (error, ALAMA_SEARCH_ERROR, ALAMA_SEARCH_ERROR_INVALID_QUERY);
}

/* ---- Read-only --------------------------------------------------------------- */

static void
test_read_only_scan (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaStore) ro = NULL;

  /* Never searched while writable: the file has no index. */
  g_clear_object (&f->store);
  ro = alama_store_open (f->path, ALAMA_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (alama_store_is_read_only (ro));

  ASSERT_SEARCH (ro, "بوتين", 0, "01-kremlin.txt", "بوتين", "01-kremlin.txt", "بوتين");
  ASSERT_SEARCH (ro, "2024", 0, "02-vocalised.txt", "٢٠٢٤", "04-forms.txt", "2024");
  g_assert_false (alama_search_update_index (ro, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_clear_object (&ro);
  g_assert_cmpint (count_indexed (f->path), ==, 0);

  /* Reopen so tear-down finds a store. */
  f->store = alama_store_open (f->path, ALAMA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
}

/* Many documents not indexed yet: a query leaves them out, says how many,
 * and writes nothing; once indexed they are found. */
static void
test_unindexed_many (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  const guint n = 1001;

  g_assert_true (alama_store_begin_change (f->store, "add many", 0, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("many-%04u.txt", i);
      g_autofree char *text = g_strdup_printf ("قال بوتين في الخبر %u.", i);

      alama_store_add_document (f->store, name, NULL, text, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
    }
  g_assert_true (alama_store_end_change (f->store, &error));

  g_assert_cmpint (alama_search_count_unindexed (f->store, &error), ==, n);
  g_assert_no_error (error);
  ASSERT_SEARCH (f->store, "بوتين", 0, "01-kremlin.txt", "بوتين", "01-kremlin.txt", "بوتين");
  g_assert_cmpint (alama_search_count_documents (f->store, "بوتين", 0, NULL, &error), ==, 1);
  g_assert_cmpint (count_indexed (f->path), ==, G_N_ELEMENTS (fixture_names));

  g_assert_true (alama_search_update_index (f->store, NULL, &error));
  g_assert_cmpint (alama_search_count_unindexed (f->store, &error), ==, 0);
  hits = search_all (f->store, "بوتين", 0);
  g_assert_cmpuint (hits->len, ==, n + 2);
  g_assert_cmpint (alama_search_count_documents (f->store, "بوتين", 0, NULL, &error), ==, n + 1);
}

#define ADD(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)
#define ADD_UNINDEXED(path, func) \
  g_test_add ((path), Fixture, GINT_TO_POINTER (1), fixture_set_up, (func), fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  ADD ("/alama/search/harakat", test_harakat);
  ADD ("/alama/search/tatweel", test_tatweel);
  ADD ("/alama/search/alef-forms", test_alef_forms);
  ADD ("/alama/search/ta-marbuta", test_ta_marbuta);
  ADD ("/alama/search/alef-maqsura", test_alef_maqsura);
  ADD ("/alama/search/digits", test_digits);
  ADD ("/alama/search/clitics", test_clitics);
  ADD ("/alama/search/hit-offsets", test_hit_offsets);
  ADD ("/alama/search/offsets-after-emoji", test_offsets_after_emoji);
  ADD ("/alama/search/exact", test_exact);
  ADD ("/alama/search/phrase", test_phrase);
  ADD ("/alama/search/scan-equals-index", test_scan_equals_index);
  ADD ("/alama/search/index-follows-documents", test_index_follows_documents);
  ADD ("/alama/search/limit-and-errors", test_limit_and_errors);
  ADD ("/alama/search/paging", test_paging);
  ADD ("/alama/search/annotations-claimant", test_annotations_claimant);
  ADD ("/alama/search/annotations-filters", test_annotations_filters);
  ADD_UNINDEXED ("/alama/search/read-only-scan", test_read_only_scan);
  ADD ("/alama/search/unindexed-many", test_unindexed_many);

  return g_test_run ();
}
