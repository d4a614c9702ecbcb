/* test-store-review.c: the store's review queries: sources of spans and
 * relations by status, span and suggestion counts per document and source;
 * and a rejected span taking its pending relations with it. */
#define G_LOG_DOMAIN "test-store-review"

#include "config.h"

#include <glib/gstdio.h>

#include "alama/alama-store.h"
#include "../app/core/alama-store-private.h"   /* the connection, to count its reads */
#include "store-test-util.h"

/* Two original news-style sentences. */
static const char text_one[] =
  "استقبل الرئيس اللبناني في بيروت وفداً من البنك الدولي، وقال وزير المالية نديم سلامة إنّ «الإصلاحات ستبدأ قريباً».";
static const char text_two[] =
  "أعلنت وكالة الأنباء في دمشق أنّ وزيرة الصحة ريما الخطيب زارت مستشفى حلب الجامعي 🏥 صباح الأحد.";

typedef struct
{
  char       *dir;
  AlamaStore *store;
  gint64      doc_one;
  gint64      doc_two;
} Fixture;

/* Adds a span, with @confidence as its attribute when not NULL. */
static gint64
add_span_with (Fixture     *fixture,
               gint64       document_id,
               const char  *label,
               gint64       start,
               gint64       end,
               const char  *source,
               AlamaStatus  status,
               const char  *confidence)
{
  g_autoptr(AlamaSpan) span = alama_span_new (label, start, end);
  g_autoptr(GError) error = NULL;

  span->document_id = document_id;
  span->source = g_strdup (source);
  span->status = status;
  if (confidence != NULL)
    alama_span_set_attribute (span, "confidence", confidence);
  alama_store_add_span (fixture->store, span, &error);
  g_assert_no_error (error);
  return span->id;
}

static gint64
add_span (Fixture     *fixture,
          gint64       document_id,
          const char  *label,
          gint64       start,
          gint64       end,
          const char  *source,
          AlamaStatus  status)
{
  return add_span_with (fixture, document_id, label, start, end, source, status, NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("alama-test-store-review-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "review.alama", NULL);
  fixture->store = alama_store_open (path, ALAMA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  alama_store_add_document (fixture->store, "one", NULL, text_one, NULL, NULL, &fixture->doc_one, &error);
  g_assert_no_error (error);
  alama_store_add_document (fixture->store, "two", NULL, text_two, NULL, NULL, &fixture->doc_two, &error);
  g_assert_no_error (error);

  /* Document one: بيروت (GPE) and البنك الدولي (ORG) from the gazetteer, نديم
   * سلامة (PER) accepted by hand, a rejected quote from the quotes tagger.
   * Document two: دمشق pending from the gazetteer, ريما الخطيب pending from a model. */
  add_span (fixture, fixture->doc_one, "GPE", 25, 30, "gazetteer", ALAMA_STATUS_PENDING);
  add_span (fixture, fixture->doc_one, "ORG", 40, 52, "gazetteer", ALAMA_STATUS_PENDING);
  add_span (fixture, fixture->doc_one, "PER", 70, 80, ALAMA_SOURCE_MANUAL, ALAMA_STATUS_ACCEPTED);
  add_span (fixture, fixture->doc_one, "QUOTE", 85, 101, "quotes", ALAMA_STATUS_REJECTED);
  add_span (fixture, fixture->doc_two, "GPE", 19, 23, "gazetteer", ALAMA_STATUS_PENDING);
  add_span (fixture, fixture->doc_two, "PER", 41, 52, "ner-model", ALAMA_STATUS_PENDING);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_strdup (alama_store_get_path (fixture->store));

  g_clear_object (&fixture->store);
  remove_project_files (path);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static char *
join_sources (GPtrArray *sources)
{
  g_ptr_array_add (sources, NULL);
  return g_strjoinv (",", (char **) sources->pdata);
}

static void
test_list_sources (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pending = alama_store_list_sources (fixture->store, ALAMA_STATUS_MASK_PENDING, &error);
  g_autoptr(GPtrArray) accepted = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *pending_joined = NULL;
  g_autofree char *accepted_joined = NULL;
  g_autofree char *all_joined = NULL;

  g_assert_no_error (error);
  pending_joined = join_sources (pending);
  g_assert_cmpstr (pending_joined, ==, "gazetteer,ner-model");

  accepted = alama_store_list_sources (fixture->store, ALAMA_STATUS_MASK_ACCEPTED, &error);
  g_assert_no_error (error);
  accepted_joined = join_sources (accepted);
  g_assert_cmpstr (accepted_joined, ==, ALAMA_SOURCE_MANUAL);

  all = alama_store_list_sources (fixture->store, ALAMA_STATUS_MASK_ALL, &error);
  g_assert_no_error (error);
  all_joined = join_sources (all);
  g_assert_cmpstr (all_joined, ==, "gazetteer,manual,ner-model,quotes");
}

static void
test_list_sources_empty (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) none = alama_store_list_sources (fixture->store, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (none);
  g_assert_cmpuint (none->len, ==, 0);
}

/* The sources of pending spans cost a lookup per source, not a read of every
 * span: 20,000 accepted manual spans make the project's spans many pages, and
 * listing the pending sources reads a few of them (it read them all, as the
 * first frame of a project of millions of spans did). */
static void
test_list_sources_reads_little (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autofree char *joined = NULL;
  sqlite3 *db = _alama_store_get_db (fixture->store);
  int hits = 0, misses = 0, high = 0;
  glong length = g_utf8_strlen (text_two, -1);

  g_assert_true (alama_store_begin_change (fixture->store, "many", ALAMA_CHANGE_NOT_UNDOABLE,
                                           &error));
  for (guint i = 0; i < 20000; i++)
    add_span (fixture, fixture->doc_two, "PER", i % (length - 3), i % (length - 3) + 3,
              ALAMA_SOURCE_MANUAL, ALAMA_STATUS_ACCEPTED);
  g_assert_true (alama_store_end_change (fixture->store, &error));
  g_assert_no_error (error);

  sqlite3_db_status (db, SQLITE_DBSTATUS_CACHE_HIT, &hits, &high, TRUE);
  sqlite3_db_status (db, SQLITE_DBSTATUS_CACHE_MISS, &misses, &high, TRUE);
  pending = alama_store_list_sources (fixture->store, ALAMA_STATUS_MASK_PENDING, &error);
  sqlite3_db_status (db, SQLITE_DBSTATUS_CACHE_HIT, &hits, &high, FALSE);
  sqlite3_db_status (db, SQLITE_DBSTATUS_CACHE_MISS, &misses, &high, FALSE);
  g_assert_no_error (error);
  joined = join_sources (pending);
  g_assert_cmpstr (joined, ==, "gazetteer,ner-model");
  g_assert_cmpint (hits + misses, <, 60);
}

static void
test_count_spans (Fixture       *fixture,
                  gconstpointer  data)
{
  AlamaStore *store = fixture->store;

  /* Per document and source. */
  g_assert_cmpuint (alama_store_count_spans (store, fixture->doc_one, "gazetteer", ALAMA_STATUS_MASK_PENDING), ==, 2);
  g_assert_cmpuint (alama_store_count_spans (store, fixture->doc_two, "gazetteer", ALAMA_STATUS_MASK_PENDING), ==, 1);
  g_assert_cmpuint (alama_store_count_spans (store, fixture->doc_one, "ner-model", ALAMA_STATUS_MASK_PENDING), ==, 0);
  g_assert_cmpuint (alama_store_count_spans (store, fixture->doc_two, "ner-model", ALAMA_STATUS_MASK_PENDING), ==, 1);
  /* Any source, every document, several statuses. */
  g_assert_cmpuint (alama_store_count_spans (store, fixture->doc_one, NULL, ALAMA_STATUS_MASK_PENDING), ==, 2);
  g_assert_cmpuint (alama_store_count_spans (store, 0, NULL, ALAMA_STATUS_MASK_PENDING), ==, 4);
  g_assert_cmpuint (alama_store_count_spans (store, 0, "gazetteer", ALAMA_STATUS_MASK_PENDING), ==, 3);
  g_assert_cmpuint (alama_store_count_spans (store, fixture->doc_one, NULL, ALAMA_STATUS_MASK_ALL), ==, 4);
  g_assert_cmpuint (alama_store_count_spans (store, fixture->doc_one, NULL,
                                             ALAMA_STATUS_MASK_ACCEPTED | ALAMA_STATUS_MASK_REJECTED), ==, 2);
  g_assert_cmpuint (alama_store_count_spans (store, fixture->doc_one, "quotes", ALAMA_STATUS_MASK_REJECTED), ==, 1);
  g_assert_cmpuint (alama_store_count_spans (store, 0, "no-such-source", ALAMA_STATUS_MASK_ALL), ==, 0);
  g_assert_cmpuint (alama_store_count_spans (store, 999, NULL, ALAMA_STATUS_MASK_ALL), ==, 0);
}

/* Counts follow changes: an accept moves a span from pending to accepted, and
 * undo moves it back. */
static void
test_count_follows_changes (Fixture       *fixture,
                            gconstpointer  data)
{
  AlamaStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = alama_store_list_spans (store, fixture->doc_two, ALAMA_STATUS_MASK_PENDING, &error);
  g_autoptr(GPtrArray) sources = NULL;
  g_autofree char *joined = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 2);
  for (guint i = 0; i < spans->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (spans, i);

      if (g_strcmp0 (span->source, "ner-model") == 0)
        alama_store_set_span_status (store, span->id, ALAMA_STATUS_ACCEPTED, &error);
      g_assert_no_error (error);
    }

  g_assert_cmpuint (alama_store_count_spans (store, fixture->doc_two, "ner-model", ALAMA_STATUS_MASK_PENDING), ==, 0);
  g_assert_cmpuint (alama_store_count_spans (store, fixture->doc_two, "ner-model", ALAMA_STATUS_MASK_ACCEPTED), ==, 1);
  sources = alama_store_list_sources (store, ALAMA_STATUS_MASK_PENDING, &error);
  g_assert_no_error (error);
  joined = join_sources (sources);
  g_assert_cmpstr (joined, ==, "gazetteer");

  alama_store_undo (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (alama_store_count_spans (store, fixture->doc_two, "ner-model", ALAMA_STATUS_MASK_PENDING), ==, 1);
}

static gint64
add_relation (Fixture     *fixture,
              const char  *type,
              gint64       from,
              gint64       to,
              const char  *source,
              AlamaStatus  status)
{
  g_autoptr(AlamaRelation) relation = alama_relation_new (type, from, to);
  g_autoptr(GError) error = NULL;

  relation->source = g_strdup (source);
  relation->status = status;
  alama_store_add_relation (fixture->store, relation, &error);
  g_assert_no_error (error);
  return relation->id;
}

static AlamaStatus
relation_status (Fixture *fixture,
                 gint64   relation_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaRelation) relation = alama_store_get_relation (fixture->store, relation_id, &error);

  g_assert_no_error (error);
  return relation->status;
}

static AlamaStatus
span_status (Fixture *fixture,
             gint64   span_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaSpan) span = alama_store_get_span (fixture->store, span_id, &error);

  g_assert_no_error (error);
  return span->status;
}

static AlamaDocument *
document_by_id (Fixture *fixture,
                gint64   id)
{
  GListModel *documents = alama_store_get_documents (fixture->store);

  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(AlamaDocument) document = g_list_model_get_item (documents, i);

      if (alama_document_get_id (document) == id)
        return document;
    }
  g_assert_not_reached ();
}

/* A pending relation counts as a suggestion: in the document's pending count,
 * in the sources with suggestions and in the suggestions of its source. */
static void
test_pending_relations_counted (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autofree char *joined = NULL;
  AlamaDocument *one = document_by_id (fixture, fixture->doc_one);
  guint pending_before = alama_document_get_n_pending (one);
  guint annotations_before = alama_document_get_n_annotations (one);
  gint64 speaker = add_span (fixture, fixture->doc_one, "PER", 58, 69, ALAMA_SOURCE_MANUAL,
                             ALAMA_STATUS_ACCEPTED);
  gint64 quote = add_span (fixture, fixture->doc_one, "QUOTE", 90, 111, ALAMA_SOURCE_MANUAL,
                           ALAMA_STATUS_ACCEPTED);
  gint64 rel;

  g_assert_cmpuint (alama_store_count_suggestions (fixture->store, fixture->doc_one, NULL), ==,
                    pending_before);
  rel = add_relation (fixture, "SPEAKER", speaker, quote, "relation-model", ALAMA_STATUS_PENDING);

  g_assert_cmpuint (alama_document_get_n_pending (one), ==, pending_before + 1);
  g_assert_cmpuint (alama_document_get_n_annotations (one), ==, annotations_before + 2);
  g_assert_cmpuint (alama_store_count_suggestions (fixture->store, fixture->doc_one, NULL), ==,
                    pending_before + 1);
  g_assert_cmpuint (alama_store_count_suggestions (fixture->store, fixture->doc_one, "relation-model"), ==, 1);
  g_assert_cmpuint (alama_store_count_suggestions (fixture->store, fixture->doc_two, "relation-model"), ==, 0);
  g_assert_cmpuint (alama_store_count_suggestions (fixture->store, 0, "relation-model"), ==, 1);
  sources = alama_store_list_sources (fixture->store, ALAMA_STATUS_MASK_PENDING, &error);
  g_assert_no_error (error);
  joined = join_sources (sources);
  g_assert_cmpstr (joined, ==, "gazetteer,ner-model,relation-model");

  /* The same when the documents are read from the file, not followed. */
  {
    g_autofree char *path = g_strdup (alama_store_get_path (fixture->store));
    g_autoptr(AlamaStore) again = alama_store_open (path, ALAMA_STORE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    {
      GListModel *listed = alama_store_get_documents (again);

      for (guint i = 0; i < g_list_model_get_n_items (listed); i++)
        {
          g_autoptr(AlamaDocument) document = g_list_model_get_item (listed, i);

          if (alama_document_get_id (document) == fixture->doc_one)
            g_assert_cmpuint (alama_document_get_n_pending (document), ==, pending_before + 1);
        }
    }
  }

  /* Accepted, it is no longer a suggestion. */
  g_assert_true (alama_store_set_relation_status (fixture->store, rel, ALAMA_STATUS_ACCEPTED, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (alama_document_get_n_pending (one), ==, pending_before);
  g_assert_cmpuint (alama_store_count_suggestions (fixture->store, 0, "relation-model"), ==, 0);
  g_clear_pointer (&sources, g_ptr_array_unref);
  sources = alama_store_list_sources (fixture->store, ALAMA_STATUS_MASK_PENDING, &error);
  g_assert_no_error (error);
  g_clear_pointer (&joined, g_free);
  joined = join_sources (sources);
  g_assert_cmpstr (joined, ==, "gazetteer,ner-model");
}

/* Rejecting a span rejects its pending relations in the same change (one
 * undo step, one history change); accepted relations and relations of other
 * spans stay as they are. Undo restores all of them. */
static void
test_reject_span_rejects_relations (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  AlamaDocument *one = document_by_id (fixture, fixture->doc_one);
  gint64 speaker = add_span (fixture, fixture->doc_one, "PER", 58, 69, "quotes", ALAMA_STATUS_PENDING);
  gint64 cue = add_span (fixture, fixture->doc_one, "CUE", 53, 57, "quotes", ALAMA_STATUS_PENDING);
  gint64 quote = add_span (fixture, fixture->doc_one, "QUOTE", 90, 111, "quotes", ALAMA_STATUS_PENDING);
  gint64 other = add_span (fixture, fixture->doc_one, "ORG", 40, 52, ALAMA_SOURCE_MANUAL, ALAMA_STATUS_ACCEPTED);
  gint64 speaker_of = add_relation (fixture, "SPEAKER", speaker, quote, "quotes", ALAMA_STATUS_PENDING);
  gint64 cue_of = add_relation (fixture, "CUE_OF", cue, quote, "quotes", ALAMA_STATUS_PENDING);
  gint64 kept = add_relation (fixture, "AFFILIATION", speaker, other, ALAMA_SOURCE_MANUAL,
                              ALAMA_STATUS_ACCEPTED);
  guint pending = alama_document_get_n_pending (one);
  gint64 changes_before;

  history = alama_store_list_history (fixture->store, NULL, 0, &error);
  g_assert_no_error (error);
  changes_before = ((AlamaHistoryEntry *) g_ptr_array_index (history, history->len - 1))->change_id;
  g_clear_pointer (&history, g_ptr_array_unref);

  g_assert_true (alama_store_set_span_status (fixture->store, quote, ALAMA_STATUS_REJECTED, &error));
  g_assert_no_error (error);
  g_assert_cmpint (span_status (fixture, quote), ==, ALAMA_STATUS_REJECTED);
  g_assert_cmpint (relation_status (fixture, speaker_of), ==, ALAMA_STATUS_REJECTED);
  g_assert_cmpint (relation_status (fixture, cue_of), ==, ALAMA_STATUS_REJECTED);
  g_assert_cmpint (relation_status (fixture, kept), ==, ALAMA_STATUS_ACCEPTED);
  g_assert_cmpint (span_status (fixture, speaker), ==, ALAMA_STATUS_PENDING);
  /* The span and its two relations leave the suggestions. */
  g_assert_cmpuint (alama_document_get_n_pending (one), ==, pending - 3);

  /* One change: every history row of it shares one change id, the next one. */
  history = alama_store_list_history (fixture->store, NULL, 0, &error);
  g_assert_no_error (error);
  {
    guint n_rows = 0;

    for (guint i = 0; i < history->len; i++)
      {
        AlamaHistoryEntry *entry = g_ptr_array_index (history, i);

        if (entry->change_id > changes_before)
          {
            g_assert_cmpint (entry->change_id, ==, changes_before + 1);
            g_assert_cmpint (entry->change_action, ==, ALAMA_CHANGE_ACTION_REJECT);
            g_assert_cmpstr (entry->change_label, ==, "QUOTE");
            n_rows++;
          }
      }
    g_assert_cmpuint (n_rows, ==, 3);
  }

  /* One undo brings the span and both relations back to pending. */
  g_assert_true (alama_store_undo (fixture->store, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (span_status (fixture, quote), ==, ALAMA_STATUS_PENDING);
  g_assert_cmpint (relation_status (fixture, speaker_of), ==, ALAMA_STATUS_PENDING);
  g_assert_cmpint (relation_status (fixture, cue_of), ==, ALAMA_STATUS_PENDING);
  g_assert_cmpint (relation_status (fixture, kept), ==, ALAMA_STATUS_ACCEPTED);
  g_assert_cmpuint (alama_document_get_n_pending (one), ==, pending);

  /* Redo rejects them again; rejecting the "from" end works the same. */
  g_assert_true (alama_store_redo (fixture->store, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (relation_status (fixture, cue_of), ==, ALAMA_STATUS_REJECTED);
  g_assert_true (alama_store_undo (fixture->store, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (alama_store_set_span_status (fixture->store, cue, ALAMA_STATUS_REJECTED, &error));
  g_assert_no_error (error);
  g_assert_cmpint (relation_status (fixture, cue_of), ==, ALAMA_STATUS_REJECTED);
  g_assert_cmpint (relation_status (fixture, speaker_of), ==, ALAMA_STATUS_PENDING);
}

/* A pending suggestion of @source with @confidence. */
static gint64
add_weighed_span (Fixture    *fixture,
                  gint64      document_id,
                  const char *label,
                  gint64      start,
                  gint64      end,
                  const char *source,
                  const char *confidence)
{
  return add_span_with (fixture, document_id, label, start, end, source, ALAMA_STATUS_PENDING,
                        confidence);
}

/* The sources the workbench offers with a confidence threshold: a source whose
 * suggestions are all below it is not offered; one with a suggestion at or
 * above it, or without a confidence, is. */
static void
test_suggestion_sources_threshold (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) weak = NULL;
  g_autoptr(GPtrArray) strict = NULL;
  g_autofree char *at_none = NULL;
  g_autofree char *at_weak = NULL;
  g_autofree char *at_strict = NULL;
  gint64 low, high;

  /* "weak": two suggestions at 0.2 and 0.4 (and its relation between them);
   * "mixed": 0.3 and 0.9; "ner-model" (the fixture's): no confidence. A
   * confidence that is not a number in [0, 1] is no confidence. */
  low = add_weighed_span (fixture, fixture->doc_one, "PER", 0, 5, "weak", "0.2");
  high = add_weighed_span (fixture, fixture->doc_one, "QUOTE", 6, 11, "weak", "0.4");
  add_relation (fixture, "SPEAKER", low, high, "weak", ALAMA_STATUS_PENDING);
  add_weighed_span (fixture, fixture->doc_two, "PER", 0, 5, "mixed", "0.3");
  add_weighed_span (fixture, fixture->doc_two, "PER", 6, 11, "mixed", "0.9");
  add_weighed_span (fixture, fixture->doc_two, "PER", 12, 17, "odd", "1.5");
  add_weighed_span (fixture, fixture->doc_two, "PER", 24, 30, "odd", "0.1x");
  /* Relations alone from a source: their ends are other sources'. */
  add_relation (fixture, "SPEAKER", low, high, "linker", ALAMA_STATUS_PENDING);

  none = alama_store_list_suggestion_sources (fixture->store, 0.0, &error);
  g_assert_no_error (error);
  at_none = join_sources (none);
  g_assert_cmpstr (at_none, ==, "gazetteer,linker,mixed,ner-model,odd,weak");

  weak = alama_store_list_suggestion_sources (fixture->store, 0.4, &error);
  g_assert_no_error (error);
  at_weak = join_sources (weak);
  g_assert_cmpstr (at_weak, ==, "gazetteer,linker,mixed,ner-model,odd,weak");

  strict = alama_store_list_suggestion_sources (fixture->store, 0.5, &error);
  g_assert_no_error (error);
  at_strict = join_sources (strict);
  g_assert_cmpstr (at_strict, ==, "gazetteer,linker,mixed,ner-model,odd");

  g_clear_pointer (&strict, g_ptr_array_unref);
  g_clear_pointer (&at_strict, g_free);
  strict = alama_store_list_suggestion_sources (fixture->store, 0.95, &error);
  g_assert_no_error (error);
  at_strict = join_sources (strict);
  g_assert_cmpstr (at_strict, ==, "gazetteer,linker,ner-model,odd");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/alama/store-review/list-sources", Fixture, NULL,
              fixture_set_up, test_list_sources, fixture_tear_down);
  g_test_add ("/alama/store-review/list-sources-empty-mask", Fixture, NULL,
              fixture_set_up, test_list_sources_empty, fixture_tear_down);
  g_test_add ("/alama/store-review/list-sources-reads-little", Fixture, NULL,
              fixture_set_up, test_list_sources_reads_little, fixture_tear_down);
  g_test_add ("/alama/store-review/suggestion-sources-threshold", Fixture, NULL,
              fixture_set_up, test_suggestion_sources_threshold, fixture_tear_down);
  g_test_add ("/alama/store-review/count-spans", Fixture, NULL,
              fixture_set_up, test_count_spans, fixture_tear_down);
  g_test_add ("/alama/store-review/count-follows-changes", Fixture, NULL,
              fixture_set_up, test_count_follows_changes, fixture_tear_down);
  g_test_add ("/alama/store-review/pending-relations-counted", Fixture, NULL,
              fixture_set_up, test_pending_relations_counted, fixture_tear_down);
  g_test_add ("/alama/store-review/reject-span-rejects-relations", Fixture, NULL,
              fixture_set_up, test_reject_span_rejects_relations, fixture_tear_down);

  return g_test_run ();
}
