/* test-store-row-log.c: the live document models and the documents' counts
 * follow our own commits from the rows each change wrote (alama-store-row-log.c),
 * without aggregating the document's spans again, and they stay exactly what a
 * fresh read gives: after every kind of write, a call that failed inside a
 * group, a cancelled group, undo and redo, another process, a deleted document.
 *
 * A second, plain SQLite connection reads the truth as a stamp (count, sums of
 * ids and times, latest time) of each document's rows per set of statuses; the
 * same stamp is added up from each document's AlamaDocumentModel. A trace on
 * the store's own connection counts the aggregate queries it ran. */
#define G_LOG_DOMAIN "test-store-row-log"

#include "config.h"

#include <glib/gstdio.h>

#include "alama/alama.h"
#include "../app/core/alama-store-private.h"
#include "../app/core/alama-store-change-private.h"
#include "../app/core/alama-store-rows-private.h"
#include "store-test-util.h"

/* Original news-style sentences: people, places, organisations, a quote. */
static const char text_amman[] =
  "قال المتحدث باسم وزارة الصحة في عمّان سامي الخطيب إنّ «الحملة ستشمل كل المحافظات» "
  "خلال الأسبوع المقبل، وأضاف أن منظمة الصحة العالمية تدعمها.";
static const char text_tunis[] =
  "أعلنت الهيئة العليا للانتخابات في تونس أن نسبة المشاركة بلغت 41٪، "
  "وقال رئيسها فاروق بوعسكر: \"النتائج الأولية تُعلن الثلاثاء\".";

static const char *const stamp_sql[2] = {
  "SELECT count(*), coalesce(sum(id), 0), coalesce(sum(modified % 2147483647), 0), "
  "coalesce(max(modified), 0) FROM spans WHERE document_id = ?1 AND status IN (?2, ?3, ?4)",
  "SELECT count(*), coalesce(sum(id), 0), coalesce(sum(modified % 2147483647), 0), "
  "coalesce(max(modified), 0) FROM relations WHERE document_id = ?1 AND status IN (?2, ?3, ?4)",
};

/* What a set of rows adds up to: equal stamps mean (all but certainly) equal
 * sets of rows, since every write moves a row's modified time. */
typedef struct
{
  guint   n_spans;
  guint64 id_sum;
  guint64 modified_sum;   /* of modified modulo 2147483647, as the SQL sums */
  gint64  max_modified;
} Stamp;

static const AlamaStatusMask masks[] = {
  ALAMA_STATUS_MASK_ALL,
  ALAMA_STATUS_MASK_ACCEPTED | ALAMA_STATUS_MASK_PENDING,   /* the doc view's */
  ALAMA_STATUS_MASK_ACCEPTED,
};

typedef struct
{
  char       *dir;
  char       *path;
  AlamaStore *store;
  sqlite3    *truth;         /* a connection of its own, read only */
  gint64      docs[2];
  AlamaDocumentModel *models[2];  /* the live models of docs, as the workbench keeps */
  guint       aggregates;    /* aggregate queries the store ran (trace) */
  guint       counts;        /* document count queries the store ran */
} Fixture;

static int
trace_cb (unsigned  type,
          void     *user_data,
          void     *p,
          void     *x)
{
  Fixture *fixture = user_data;
  const char *sql = sqlite3_sql (p);

  if (sql == NULL)
    return 0;
  if (strstr (sql, "coalesce(sum(id), 0)") != NULL)
    fixture->aggregates++;
  if (strstr (sql, "sum(status = 'pending')") != NULL)
    fixture->counts++;
  return 0;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("alama-test-row-log-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "project.alama", NULL);
  fixture->store = alama_store_open (fixture->path, ALAMA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  alama_store_add_document (fixture->store, "amman", NULL, text_amman, NULL, NULL,
                            &fixture->docs[0], &error);
  g_assert_no_error (error);
  alama_store_add_document (fixture->store, "tunis", NULL, text_tunis, NULL, NULL,
                            &fixture->docs[1], &error);
  g_assert_no_error (error);
  /* The model is read, as the workbench does, so its counts are kept. */
  g_assert_cmpuint (g_list_model_get_n_items (alama_store_get_documents (fixture->store)), ==, 2);
  for (guint d = 0; d < 2; d++)
    {
      fixture->models[d] = alama_document_model_get_for_document (fixture->store, fixture->docs[d],
                                                                  &error);
      g_assert_no_error (error);
    }

  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &fixture->truth, SQLITE_OPEN_READONLY, NULL),
                   ==, SQLITE_OK);
  sqlite3_trace_v2 (_alama_store_get_db (fixture->store), SQLITE_TRACE_STMT, trace_cb, fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  sqlite3_close (fixture->truth);
  sqlite3_trace_v2 (_alama_store_get_db (fixture->store), 0, NULL, NULL);
  for (guint d = 0; d < 2; d++)
    g_assert_finalize_object (fixture->models[d]);
  g_assert_finalize_object (fixture->store);
  remove_project_files (fixture->path);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* ---- The truth, and what the store says ------------------------------------ */

static Stamp
true_stamp (Fixture         *fixture,
            gboolean         relations,
            gint64           doc_id,
            AlamaStatusMask  statuses)
{
  sqlite3_stmt *stmt = NULL;
  Stamp stamp = { 0, };

  g_assert_cmpint (sqlite3_prepare_v2 (fixture->truth, stamp_sql[relations ? 1 : 0], -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, doc_id);
  for (int i = 0; i < 3; i++)
    if (statuses & (1 << i))
      sqlite3_bind_text (stmt, 2 + i, alama_status_to_string ((AlamaStatus) i), -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  stamp.n_spans = (guint) sqlite3_column_int64 (stmt, 0);
  stamp.id_sum = (guint64) sqlite3_column_int64 (stmt, 1);
  stamp.modified_sum = (guint64) sqlite3_column_int64 (stmt, 2);
  stamp.max_modified = sqlite3_column_int64 (stmt, 3);
  sqlite3_finalize (stmt);
  return stamp;
}

static void
stamp_add (Stamp  *stamp,
           gint64  id,
           gint64  modified)
{
  stamp->n_spans++;
  stamp->id_sum += (guint64) id;
  stamp->modified_sum += (guint64) (modified % 2147483647);
  stamp->max_modified = MAX (stamp->max_modified, modified);
}

/* The stamp of what the document's live model holds. */
static Stamp
store_stamp (Fixture         *fixture,
             gboolean         relations,
             gint64           doc_id,
             AlamaStatusMask  statuses)
{
  AlamaDocumentModel *model = fixture->models[doc_id == fixture->docs[0] ? 0 : 1];
  Stamp stamp = { 0, };

  g_assert_cmpint (alama_document_model_get_document_id (model), ==, doc_id);
  if (relations)
    {
      for (guint i = 0; i < alama_document_model_get_n_relations (model); i++)
        {
          AlamaRelation *relation = alama_document_model_get_relation (model, i);

          if (statuses & (1 << relation->status))
            stamp_add (&stamp, relation->id, relation->modified);
        }
    }
  else
    {
      for (guint i = 0; i < alama_document_model_get_n_spans (model); i++)
        {
          AlamaSpan *span = alama_document_model_get_span (model, i);

          if (statuses & (1 << span->status))
            stamp_add (&stamp, span->id, span->modified);
        }
    }
  return stamp;
}

static void
assert_stamp_equal (const Stamp *mine,
                    const Stamp *truth)
{
  g_assert_cmpuint (mine->n_spans, ==, truth->n_spans);
  g_assert_cmpuint (mine->id_sum, ==, truth->id_sum);
  g_assert_cmpuint (mine->modified_sum, ==, truth->modified_sum);
  g_assert_cmpint (mine->max_modified, ==, truth->max_modified);
}

/* What each document's model holds, for every set of statuses a view shows,
 * is the truth. Returns how many of them came without an aggregate query. */
static guint
assert_stamps_true (Fixture *fixture)
{
  guint kept = 0;

  for (guint d = 0; d < G_N_ELEMENTS (fixture->docs); d++)
    for (int relations = 0; relations < 2; relations++)
      for (guint m = 0; m < G_N_ELEMENTS (masks); m++)
        {
          guint aggregates = fixture->aggregates;
          Stamp mine = store_stamp (fixture, relations, fixture->docs[d], masks[m]);
          Stamp truth = true_stamp (fixture, relations, fixture->docs[d], masks[m]);

          assert_stamp_equal (&mine, &truth);
          if (fixture->aggregates == aggregates)
            kept++;
        }
  return kept;
}

static void
true_counts (Fixture *fixture,
             gint64   doc_id,
             guint   *annotations,
             guint   *pending)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (fixture->truth,
                                       "SELECT count(*), coalesce(sum(status = 'pending'), 0) "
                                       "  + (SELECT count(*) FROM relations WHERE document_id = ?1 "
                                       "     AND status = 'pending') "
                                       "FROM spans WHERE document_id = ?1 "
                                       "AND status IN ('accepted', 'pending')",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, doc_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  *annotations = (guint) sqlite3_column_int64 (stmt, 0);
  *pending = (guint) sqlite3_column_int64 (stmt, 1);
  sqlite3_finalize (stmt);
}

static void
assert_counts_true (Fixture *fixture)
{
  GListModel *documents = alama_store_get_documents (fixture->store);

  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(AlamaDocument) document = g_list_model_get_item (documents, i);
      guint annotations, pending;

      true_counts (fixture, alama_document_get_id (document), &annotations, &pending);
      g_assert_cmpuint (alama_document_get_n_annotations (document), ==, annotations);
      g_assert_cmpuint (alama_document_get_n_pending (document), ==, pending);
    }
}

/* ---- Writes ------------------------------------------------------------------ */

static const char *const labels[] = { "PER", "ORG", "GPE", "LOC" };

static gint64
add_span (Fixture     *fixture,
          guint        doc,
          const char  *label,
          gint64       start,
          gint64       end,
          AlamaStatus  status)
{
  g_autoptr(AlamaSpan) span = alama_span_new (label, start, end);
  g_autoptr(GError) error = NULL;

  span->document_id = fixture->docs[doc];
  span->status = status;
  if (status == ALAMA_STATUS_PENDING)
    span->source = g_strdup ("gazetteer");
  alama_store_add_span (fixture->store, span, &error);
  g_assert_no_error (error);
  return span->id;
}

/* The ids of a document's spans (all statuses) or relations, from the truth. */
static GArray *
true_ids (Fixture    *fixture,
          const char *table,
          gint64      doc_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s WHERE document_id = ?", table);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (fixture->truth, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, doc_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  return ids;
}

static gint64
pick (GRand  *rand,
      GArray *ids)
{
  if (ids->len == 0)
    return 0;
  return g_array_index (ids, gint64, g_rand_int_range (rand, 0, (gint32) ids->len));
}

/* From now on the file refuses a span fragment that starts at @start: a write
 * that fails after its call has written the span row. */
static void
refuse_fragments_at (Fixture *fixture,
                     gint64   start)
{
  g_autofree char *sql = g_strdup_printf ("CREATE TRIGGER test_refuse BEFORE INSERT ON span_fragments "
                                          "WHEN NEW.start = %" G_GINT64_FORMAT " BEGIN "
                                          "SELECT RAISE(ABORT, 'refused by the test'); END",
                                          start);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* ---- Tests ------------------------------------------------------------------- */

/* The workbench's case: the view and the panel read their stamps, a label key
 * adds a span, they read again. The second read runs no aggregate, the counts
 * are not counted again, and all is the truth. Fails when the store re-reads. */
static void
test_add_follows_without_reading (Fixture       *fixture,
                                  gconstpointer  data)
{
  AlamaStatusMask view = ALAMA_STATUS_MASK_ACCEPTED | ALAMA_STATUS_MASK_PENDING;

  add_span (fixture, 0, "ORG", 17, 28, ALAMA_STATUS_ACCEPTED);   /* وزارة الصحة */
  store_stamp (fixture, FALSE, fixture->docs[0], view);
  store_stamp (fixture, FALSE, fixture->docs[0], ALAMA_STATUS_MASK_ALL);
  store_stamp (fixture, TRUE, fixture->docs[0], view);

  fixture->aggregates = fixture->counts = 0;
  add_span (fixture, 0, "GPE", 32, 37, ALAMA_STATUS_ACCEPTED);   /* عمّان */
  g_assert_cmpuint (fixture->counts, ==, 0);
  assert_counts_true (fixture);
  {
    Stamp a = store_stamp (fixture, FALSE, fixture->docs[0], view);
    Stamp b = store_stamp (fixture, FALSE, fixture->docs[0], ALAMA_STATUS_MASK_ALL);
    Stamp c = store_stamp (fixture, TRUE, fixture->docs[0], view);
    Stamp ta = true_stamp (fixture, FALSE, fixture->docs[0], view);
    Stamp tb = true_stamp (fixture, FALSE, fixture->docs[0], ALAMA_STATUS_MASK_ALL);
    Stamp tc = true_stamp (fixture, TRUE, fixture->docs[0], view);

    g_assert_cmpuint (fixture->aggregates, ==, 0);
    assert_stamp_equal (&a, &ta);
    assert_stamp_equal (&b, &tb);
    assert_stamp_equal (&c, &tc);
    g_assert_cmpuint (a.n_spans, ==, 2);
  }
}

/* Undo of the newest span takes away the row with the newest time: the model
 * takes out that one row and reads nothing else; still the truth. */
static void
test_undo_of_newest_reads_again (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  add_span (fixture, 0, "PER", 38, 49, ALAMA_STATUS_ACCEPTED);   /* سامي الخطيب */
  add_span (fixture, 0, "ORG", 112, 132, ALAMA_STATUS_PENDING);  /* منظمة الصحة العالمية */
  assert_stamps_true (fixture);
  fixture->aggregates = 0;
  g_assert_true (alama_store_undo (fixture->store, NULL, &error));
  g_assert_no_error (error);
  assert_stamps_true (fixture);
  g_assert_cmpuint (fixture->aggregates, ==, 0);
  assert_counts_true (fixture);
}

/* A call that fails inside a group is rolled back to its savepoint: its rows
 * must leave the log with it, or the model would hold a span that is not
 * there. */
static void
test_failed_call_in_group (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaSpan) bad = alama_span_new ("PER", 0, 3);
  g_autoptr(AlamaSpan) at99 = alama_span_new ("GPE", 99, 104);
  g_autoptr(AlamaRelation) relation = NULL;
  gint64 per, org;

  at99->document_id = fixture->docs[0];
  per = add_span (fixture, 0, "PER", 38, 49, ALAMA_STATUS_ACCEPTED);
  refuse_fragments_at (fixture, 99);
  assert_stamps_true (fixture);

  g_assert_true (alama_store_begin_change (fixture->store, "group", 0, &error));
  g_assert_no_error (error);
  org = add_span (fixture, 0, "ORG", 17, 28, ALAMA_STATUS_ACCEPTED);
  /* A relation the schema does not allow (ORG affiliated to PER): refused
   * after its own checks, inside the group. */
  relation = alama_relation_new ("AFFILIATION", org, per);
  g_assert_false (alama_store_add_relation (fixture->store, relation, &error));
  g_clear_error (&error);
  /* A label that does not exist. */
  g_free (bad->label);
  bad->label = g_strdup ("NO-SUCH-LABEL");
  bad->document_id = fixture->docs[0];
  g_assert_false (alama_store_add_span (fixture->store, bad, &error));
  g_clear_error (&error);
  /* A call that fails after it wrote its span row: the test's trigger refuses
   * the span's fragment, so the call rolls back to its savepoint. */
  g_assert_false (alama_store_add_span (fixture->store, at99, &error));
  g_clear_error (&error);
  g_assert_true (alama_store_delete_span (fixture->store, per, &error));
  g_assert_no_error (error);
  g_assert_true (alama_store_end_change (fixture->store, &error));
  g_assert_no_error (error);

  assert_stamps_true (fixture);
  assert_counts_true (fixture);
}

/* Deleting a span row takes the relations on it by ON DELETE CASCADE, which
 * writes them without the row functions: the log must still see them go.
 * (alama_store_delete_span() deletes them itself first; the row call is the
 * contract for undo, redo and whatever comes next.) */
static void
test_cascaded_relations (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaRelation) relation = NULL;
  gint64 per, org;

  per = add_span (fixture, 0, "PER", 38, 49, ALAMA_STATUS_ACCEPTED);   /* سامي الخطيب */
  org = add_span (fixture, 0, "ORG", 17, 28, ALAMA_STATUS_ACCEPTED);   /* وزارة الصحة */
  relation = alama_relation_new ("AFFILIATION", per, org);
  g_assert_true (alama_store_add_relation (fixture->store, relation, &error));
  g_assert_no_error (error);
  assert_stamps_true (fixture);
  g_assert_cmpuint (true_stamp (fixture, TRUE, fixture->docs[0], ALAMA_STATUS_MASK_ALL).n_spans, ==, 1);

  g_assert_true (_alama_store_op_start (fixture->store, ALAMA_CHANGE_UNDOABLE, &error));
  g_assert_true (_alama_store_delete_span_row (fixture->store, per, &error));
  g_assert_true (_alama_store_op_finish (fixture->store, TRUE, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (true_stamp (fixture, TRUE, fixture->docs[0], ALAMA_STATUS_MASK_ALL).n_spans, ==, 0);
  assert_stamps_true (fixture);
}

/* Another process writes; we then change the same document without having
 * refreshed: its counts are counted, not followed from stale ones. */
static void
test_other_process_then_ours (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaStore) other = alama_store_open (fixture->path, ALAMA_STORE_OPEN_DEFAULT, &error);
  g_autoptr(AlamaSpan) theirs = alama_span_new ("GPE", 32, 37);

  g_assert_no_error (error);
  add_span (fixture, 0, "PER", 38, 49, ALAMA_STATUS_ACCEPTED);
  assert_stamps_true (fixture);
  assert_counts_true (fixture);

  theirs->document_id = fixture->docs[0];
  g_assert_true (alama_store_add_span (other, theirs, &error));
  g_assert_no_error (error);

  fixture->counts = 0;
  add_span (fixture, 0, "ORG", 17, 28, ALAMA_STATUS_PENDING);
  g_assert_cmpuint (fixture->counts, >, 0);
  assert_counts_true (fixture);
  assert_stamps_true (fixture);
}

/* A long random run of every kind of write; after each, every stamp and count
 * is the truth. Most stamps must have been followed rather than read again, or
 * the run did not test the following. */
static void
test_random_writes (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261122);
  g_autoptr(AlamaStore) other = NULL;
  g_autoptr(GError) error = NULL;
  gint64 lengths[2];
  guint kept = 0, asked = 0;
  gboolean deleted_a_document = FALSE;

  other = alama_store_open (fixture->path, ALAMA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  for (guint step = 0; step < 400; step++)
    {
      guint doc = g_rand_int_range (rand, 0, 2);
      gint64 doc_id = fixture->docs[doc];
      g_autoptr(GArray) spans = true_ids (fixture, "spans", doc_id);
      g_autoptr(GArray) relations = true_ids (fixture, "relations", doc_id);
      int op = g_rand_int_range (rand, 0, 100);
      gboolean ok = TRUE;

      for (guint d = 0; d < 2; d++)
        {
          g_autoptr(AlamaDocument) document = alama_store_get_document (fixture->store,
                                                                        fixture->docs[d]);

          lengths[d] = alama_document_get_length (document);
        }

      if (op < 30 || spans->len < 2)
        {
          gint64 start = g_rand_int_range (rand, 0, (gint32) lengths[doc] - 1);
          gint64 width = g_rand_int_range (rand, 1, 12);   /* not inside MIN(): evaluated twice */
          gint64 end = MIN (lengths[doc], start + width);

          add_span (fixture, doc, labels[g_rand_int_range (rand, 0, G_N_ELEMENTS (labels))],
                    start, end, g_rand_boolean (rand) ? ALAMA_STATUS_ACCEPTED : ALAMA_STATUS_PENDING);
        }
      else if (op < 42)
        ok = alama_store_set_span_status (fixture->store, pick (rand, spans),
                                          (AlamaStatus) g_rand_int_range (rand, 0, 3), &error);
      else if (op < 50)
        {
          g_autoptr(AlamaSpan) span = alama_store_get_span (fixture->store, pick (rand, spans), &error);

          g_assert_no_error (error);
          g_free (span->label);
          span->label = g_strdup (labels[g_rand_int_range (rand, 0, G_N_ELEMENTS (labels))]);
          /* Refused when a relation does not allow the new label: a failed call too. */
          if (!alama_store_update_span (fixture->store, span, &error))
            g_clear_error (&error);
        }
      else if (op < 58)
        ok = alama_store_delete_span (fixture->store, pick (rand, spans), &error);
      else if (op < 68)
        {
          /* PER -> ORG/GPE may be allowed, the rest refused: both happen. */
          g_autoptr(AlamaRelation) relation = alama_relation_new ("AFFILIATION", pick (rand, spans),
                                                                  pick (rand, spans));

          if (!alama_store_add_relation (fixture->store, relation, &error))
            g_clear_error (&error);
        }
      else if (op < 72 && relations->len > 0)
        ok = alama_store_set_relation_status (fixture->store, pick (rand, relations),
                                              (AlamaStatus) g_rand_int_range (rand, 0, 3), &error);
      else if (op < 76 && relations->len > 0)
        ok = alama_store_delete_relation (fixture->store, pick (rand, relations), &error);
      else if (op < 84)
        {
          if (!alama_store_undo (fixture->store, NULL, &error))
            g_clear_error (&error);
        }
      else if (op < 89)
        {
          if (!alama_store_redo (fixture->store, NULL, &error))
            g_clear_error (&error);
        }
      else if (op < 95)
        {
          /* A group: some calls, one that fails; ended or cancelled. */
          g_autoptr(AlamaSpan) bad = alama_span_new ("PER", lengths[doc], lengths[doc] + 4);
          gboolean cancel = g_rand_boolean (rand);

          g_assert_true (alama_store_begin_change (fixture->store, "group", 0, &error));
          add_span (fixture, doc, "PER", 0, 3, ALAMA_STATUS_PENDING);
          bad->document_id = doc_id;
          g_assert_false (alama_store_add_span (fixture->store, bad, &error));
          g_clear_error (&error);
          g_assert_true (alama_store_set_span_status (fixture->store, pick (rand, spans),
                                                      ALAMA_STATUS_REJECTED, &error));
          if (cancel)
            alama_store_cancel_change (fixture->store);
          else
            g_assert_true (alama_store_end_change (fixture->store, &error));
        }
      else if (op < 98)
        {
          /* Another process writes; the workbench refreshes. */
          g_autoptr(AlamaSpan) theirs = alama_span_new ("GPE", 0, 3);

          theirs->document_id = doc_id;
          g_assert_true (alama_store_add_span (other, theirs, &error));
          alama_store_refresh (fixture->store, &error);
        }
      else if (!deleted_a_document && step > 300)
        {
          /* A document goes (its rows by cascade), and comes back empty. */
          ok = alama_store_delete_document (fixture->store, doc_id, &error);
          g_assert_true (ok);
          for (int relations = 0; relations < 2; relations++)
            for (guint m = 0; m < G_N_ELEMENTS (masks); m++)
              {
                Stamp mine = store_stamp (fixture, relations, doc_id, masks[m]);
                Stamp truth = true_stamp (fixture, relations, doc_id, masks[m]);

                g_assert_cmpuint (truth.n_spans, ==, 0);
                assert_stamp_equal (&mine, &truth);
              }
          alama_store_add_document (fixture->store, doc == 0 ? "amman" : "tunis", NULL,
                                    doc == 0 ? text_amman : text_tunis, NULL, NULL,
                                    &fixture->docs[doc], &error);
          g_assert_no_error (error);
          g_assert_finalize_object (fixture->models[doc]);
          fixture->models[doc] = alama_document_model_get_for_document (fixture->store,
                                                                        fixture->docs[doc], &error);
          deleted_a_document = TRUE;
        }
      g_assert_no_error (error);
      g_assert_true (ok);

      kept += assert_stamps_true (fixture);
      asked += 2 * 2 * G_N_ELEMENTS (masks);
      assert_counts_true (fixture);
    }

  g_test_message ("%u of %u looks needed no aggregate query", kept, asked);
  g_assert_true (deleted_a_document);
  g_assert_cmpuint (kept, >, asked / 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/alama/store-row-log/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("add-follows-without-reading", test_add_follows_without_reading);
  ADD ("undo-of-newest-reads-again", test_undo_of_newest_reads_again);
  ADD ("failed-call-in-group", test_failed_call_in_group);
  ADD ("cascaded-relations", test_cascaded_relations);
  ADD ("other-process-then-ours", test_other_process_then_ours);
  ADD ("random-writes", test_random_writes);
#undef ADD

  return g_test_run ();
}
