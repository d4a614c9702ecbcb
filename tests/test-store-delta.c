/* test-store-delta.c: catching up with a change by reading only what changed
 * (alama_store_sync_spans and the calls under it). An incremental update must
 * leave exactly what a full re-read gives, and must refuse (so the caller
 * reloads) whenever the changed rows do not explain the store's state. */
#define G_LOG_DOMAIN "test-store-delta"

#include "config.h"

#include <glib/gstdio.h>

#include "alama/alama-store.h"
#include "store-test-util.h"

/* An original news-style sentence: a person, a place, an organisation, a quote. */
static const char text[] =
  "قال المتحدث باسم وزارة الصحة في عمّان سامي الخطيب إنّ «الحملة ستشمل كل المحافظات» "
  "خلال الأسبوع المقبل، وأضاف أن منظمة الصحة العالمية تدعمها.";

typedef struct
{
  char       *dir;
  char       *path;
  AlamaStore *store;
  gint64      doc_id;
  GPtrArray  *spans;    /* what a client holds */
  AlamaSpanStamp stamp;
  GString    *steps;    /* "-3 +5 " ... from the sync callback */
} Fixture;

static gint64
add_span (Fixture    *fixture,
          const char *label,
          gint64      start,
          gint64      end)
{
  g_autoptr(AlamaSpan) span = alama_span_new (label, start, end);
  g_autoptr(GError) error = NULL;

  span->document_id = fixture->doc_id;
  alama_store_add_span (fixture->store, span, &error);
  g_assert_no_error (error);
  return span->id;
}

/* What a client does on open: a full read and its stamp. */
static void
full_reload (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&fixture->spans, g_ptr_array_unref);
  fixture->spans = alama_store_list_spans (fixture->store, fixture->doc_id,
                                           ALAMA_STATUS_MASK_ALL, &error);
  g_assert_no_error (error);
  fixture->stamp = (AlamaSpanStamp) { 0, };
  for (guint i = 0; i < fixture->spans->len; i++)
    alama_span_stamp_add (&fixture->stamp, g_ptr_array_index (fixture->spans, i));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("alama-test-delta-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "project.alama", NULL);
  fixture->store = alama_store_open (fixture->path, ALAMA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  alama_store_add_document (fixture->store, "amman", NULL, text, NULL, NULL,
                            &fixture->doc_id, &error);
  g_assert_no_error (error);
  fixture->steps = g_string_new (NULL);

  add_span (fixture, "ORG", 17, 28);   /* وزارة الصحة */
  add_span (fixture, "LOC", 32, 37);   /* عمّان */
  add_span (fixture, "PER", 38, 49);   /* سامي الخطيب */
  full_reload (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->spans, g_ptr_array_unref);
  g_string_free (fixture->steps, TRUE);
  g_assert_finalize_object (fixture->store);
  remove_project_files (fixture->path);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static void
record_step_cb (guint      position,
                AlamaSpan *span,
                gpointer   user_data)
{
  Fixture *fixture = user_data;

  if (span == NULL)
    g_string_append_printf (fixture->steps, "-%u ", position);
  else
    g_string_append_printf (fixture->steps, "+%u ", position);
}

static gboolean
sync_client (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_string_truncate (fixture->steps, 0);
  ok = alama_store_sync_spans (fixture->store, fixture->doc_id, ALAMA_STATUS_MASK_ALL,
                               fixture->spans, &fixture->stamp, record_step_cb, fixture, &error);
  g_assert_no_error (error);
  return ok;
}

/* The client's array holds the same rows, in the same order, as a fresh read. */
static void
assert_same_as_store (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) fresh = alama_store_list_spans (fixture->store, fixture->doc_id,
                                                       ALAMA_STATUS_MASK_ALL, &error);
  AlamaSpanStamp stamp = { 0, };

  g_assert_no_error (error);
  g_assert_cmpuint (fixture->spans->len, ==, fresh->len);
  for (guint i = 0; i < fresh->len; i++)
    {
      AlamaSpan *mine = g_ptr_array_index (fixture->spans, i);
      AlamaSpan *theirs = g_ptr_array_index (fresh, i);

      g_assert_cmpint (mine->id, ==, theirs->id);
      g_assert_cmpint (mine->modified, ==, theirs->modified);
      g_assert_true (alama_span_equal_content (mine, theirs));
    }
  g_assert_true (alama_store_get_span_stamp (fixture->store, fixture->doc_id,
                                             ALAMA_STATUS_MASK_ALL, &stamp, NULL));
  g_assert_true (alama_span_stamp_equal (&stamp, &fixture->stamp));
}

static void
test_add_is_incremental (Fixture       *fixture,
                         gconstpointer  data)
{
  /* منظمة الصحة العالمية, after the others: inserted at the end. */
  add_span (fixture, "ORG", 112, 132);
  g_assert_true (sync_client (fixture));
  g_assert_cmpstr (fixture->steps->str, ==, "+3 ");
  assert_same_as_store (fixture);

  /* المتحدث, before them all: inserted at the front, not appended. */
  add_span (fixture, "PER", 4, 11);
  g_assert_true (sync_client (fixture));
  g_assert_cmpstr (fixture->steps->str, ==, "+0 ");
  assert_same_as_store (fixture);
  g_assert_cmpuint (alama_store_count_document_spans (fixture->store, fixture->doc_id,
                                                      ALAMA_STATUS_MASK_ALL), ==, 5);
}

static void
test_nothing_changed (Fixture       *fixture,
                      gconstpointer  data)
{
  g_assert_true (sync_client (fixture));
  g_assert_cmpstr (fixture->steps->str, ==, "");
  assert_same_as_store (fixture);
}

static void
test_update_moves_row (Fixture       *fixture,
                       gconstpointer  data)
{
  AlamaSpan *first = g_ptr_array_index (fixture->spans, 0);
  g_autoptr(AlamaSpan) moved = alama_span_new ("LOC", 112, 132);
  g_autoptr(GError) error = NULL;

  moved->id = first->id;
  moved->document_id = fixture->doc_id;
  alama_store_update_span (fixture->store, moved, &error);
  g_assert_no_error (error);

  g_assert_true (sync_client (fixture));
  /* Removed from the front, inserted after the two that were behind it. */
  g_assert_cmpstr (fixture->steps->str, ==, "-0 +2 ");
  assert_same_as_store (fixture);
}

static void
test_delete_needs_reload (Fixture       *fixture,
                          gconstpointer  data)
{
  AlamaSpan *second = g_ptr_array_index (fixture->spans, 1);
  g_autoptr(GError) error = NULL;

  alama_store_delete_span (fixture->store, second->id, &error);
  g_assert_no_error (error);

  g_assert_false (sync_client (fixture));
  g_assert_cmpstr (fixture->steps->str, ==, "");
  g_assert_cmpuint (fixture->spans->len, ==, 3);   /* untouched */
  full_reload (fixture);
  assert_same_as_store (fixture);
}

/* Undo of an update writes the older row back, with its older modified time: the
 * changed-since query cannot see it, only the stamp can. */
static void
test_undo_needs_reload (Fixture       *fixture,
                        gconstpointer  data)
{
  AlamaSpan *last = g_ptr_array_index (fixture->spans, 2);
  g_autoptr(AlamaSpan) relabelled = alama_span_copy (last);
  g_autoptr(GError) error = NULL;

  g_free (relabelled->label);
  relabelled->label = g_strdup ("ORG");
  alama_store_update_span (fixture->store, relabelled, &error);
  g_assert_no_error (error);
  g_assert_true (sync_client (fixture));
  assert_same_as_store (fixture);

  /* Within the second of slack the restored row is read again and replaced. */
  alama_store_undo (fixture->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sync_client (fixture));
  assert_same_as_store (fixture);
  g_assert_cmpstr (((AlamaSpan *) g_ptr_array_index (fixture->spans, 2))->label, ==, "PER");

  /* Older than the slack (as if the client had last looked much later): the
   * changed-since query finds nothing, the stamp sees the difference. */
  alama_store_redo (fixture->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sync_client (fixture));
  fixture->stamp.max_modified += 10 * G_USEC_PER_SEC;
  alama_store_undo (fixture->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (sync_client (fixture));
  full_reload (fixture);
  assert_same_as_store (fixture);
  g_assert_cmpstr (((AlamaSpan *) g_ptr_array_index (fixture->spans, 2))->label, ==, "PER");
}

/* A status that leaves the client's statuses is a removal for that client. */
static void
test_status_leaving_mask_needs_reload (Fixture       *fixture,
                                       gconstpointer  data)
{
  AlamaStatusMask shown = ALAMA_STATUS_MASK_ACCEPTED | ALAMA_STATUS_MASK_PENDING;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GError) error = NULL;
  AlamaSpanStamp stamp = { 0, };
  gint64 id;

  spans = alama_store_list_spans (fixture->store, fixture->doc_id, shown, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < spans->len; i++)
    alama_span_stamp_add (&stamp, g_ptr_array_index (spans, i));
  id = ((AlamaSpan *) g_ptr_array_index (spans, 0))->id;

  alama_store_set_span_status (fixture->store, id, ALAMA_STATUS_REJECTED, &error);
  g_assert_no_error (error);
  g_assert_false (alama_store_sync_spans (fixture->store, fixture->doc_id, shown, spans, &stamp,
                                          NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 3);
  g_assert_cmpuint (alama_store_count_document_spans (fixture->store, fixture->doc_id, shown),
                    ==, 2);
}

static void
test_modified_since (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) none = NULL, recent = NULL;
  g_autoptr(GError) error = NULL;
  gint64 before = fixture->stamp.max_modified + 1;
  gint64 id;

  none = alama_store_list_spans_modified_since (fixture->store, fixture->doc_id, before,
                                                ALAMA_STATUS_MASK_ALL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);

  id = add_span (fixture, "ORG", 112, 132);
  recent = alama_store_list_spans_modified_since (fixture->store, fixture->doc_id, before,
                                                  ALAMA_STATUS_MASK_ALL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (recent->len, ==, 1);
  g_assert_cmpint (((AlamaSpan *) g_ptr_array_index (recent, 0))->id, ==, id);
  g_assert_cmpint (alama_span_get_start (g_ptr_array_index (recent, 0)), ==, 112);
}

static gint64
span_id_with_label (Fixture    *fixture,
                    const char *label)
{
  for (guint i = 0; i < fixture->spans->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (fixture->spans, i);

      if (g_strcmp0 (span->label, label) == 0)
        return span->id;
    }
  g_assert_not_reached ();
  return 0;
}

static AlamaSpanStamp
relation_stamp (Fixture         *fixture,
                AlamaStatusMask  statuses)
{
  g_autoptr(GError) error = NULL;
  AlamaSpanStamp stamp = { 0, };

  g_assert_true (alama_store_get_relation_stamp (fixture->store, fixture->doc_id, statuses,
                                                 &stamp, &error));
  g_assert_no_error (error);
  return stamp;
}

/* The doc view keeps its relations while their stamp holds: a span edit must
 * leave it as it was, and every relation write must move it. */
static void
test_relation_stamp (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaRelation) relation = NULL;
  AlamaSpanStamp before, after;

  before = relation_stamp (fixture, ALAMA_STATUS_MASK_ALL);
  g_assert_cmpuint (before.n_spans, ==, 0);

  relation = alama_relation_new ("AFFILIATION", span_id_with_label (fixture, "PER"),
                                 span_id_with_label (fixture, "ORG"));
  g_assert_true (alama_store_add_relation (fixture->store, relation, &error));
  g_assert_no_error (error);
  after = relation_stamp (fixture, ALAMA_STATUS_MASK_ALL);
  g_assert_cmpuint (after.n_spans, ==, 1);
  g_assert_cmpuint (after.id_sum, ==, (guint64) relation->id);
  g_assert_false (alama_span_stamp_equal (&before, &after));

  /* A new span, and a span edited: the relations' stamp stays. */
  before = after;
  add_span (fixture, "ORG", 112, 132);  /* منظمة الصحة العالمية */
  after = relation_stamp (fixture, ALAMA_STATUS_MASK_ALL);
  g_assert_true (alama_span_stamp_equal (&before, &after));
  g_assert_cmpint (after.max_modified, ==, before.max_modified);

  /* A status change moves it, and takes the relation out of the shown statuses. */
  g_usleep (2);   /* modified is in µs: make sure the write gets a later one */
  g_assert_true (alama_store_set_relation_status (fixture->store, relation->id,
                                                  ALAMA_STATUS_REJECTED, &error));
  g_assert_no_error (error);
  after = relation_stamp (fixture, ALAMA_STATUS_MASK_ALL);
  g_assert_false (alama_span_stamp_equal (&before, &after) &&
                  after.max_modified == before.max_modified);
  after = relation_stamp (fixture, ALAMA_STATUS_MASK_ACCEPTED | ALAMA_STATUS_MASK_PENDING);
  g_assert_cmpuint (after.n_spans, ==, 0);

  /* Deleting an end deletes the relation with it. */
  g_assert_true (alama_store_delete_span (fixture->store, span_id_with_label (fixture, "PER"),
                                          &error));
  g_assert_no_error (error);
  after = relation_stamp (fixture, ALAMA_STATUS_MASK_ALL);
  g_assert_cmpuint (after.n_spans, ==, 0);
}

static AlamaSpanStamp
span_stamp (AlamaStore      *store,
            gint64           doc_id,
            AlamaStatusMask  statuses)
{
  g_autoptr(GError) error = NULL;
  AlamaSpanStamp stamp = { 0, };

  g_assert_true (alama_store_get_span_stamp (store, doc_id, statuses, &stamp, &error));
  g_assert_no_error (error);
  return stamp;
}

/* The store keeps the stamps it read last (they aggregate every row): each must
 * follow every writer — this connection, another one, a change rolled back —
 * and stay apart from the others (statuses, table, document). */
static void
test_stamp_follows_every_writer (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaStore) other = NULL;
  g_autoptr(AlamaSpan) pending = NULL;
  AlamaSpanStamp before = span_stamp (fixture->store, fixture->doc_id, ALAMA_STATUS_MASK_ALL);
  AlamaSpanStamp now;
  gint64 other_doc = 0;

  g_assert_cmpuint (before.n_spans, ==, 3);
  now = span_stamp (fixture->store, fixture->doc_id, ALAMA_STATUS_MASK_ALL);
  g_assert_true (alama_span_stamp_equal (&now, &before));

  /* This connection writes. */
  add_span (fixture, "ORG", 112, 132);   /* منظمة الصحة العالمية */
  now = span_stamp (fixture->store, fixture->doc_id, ALAMA_STATUS_MASK_ALL);
  g_assert_cmpuint (now.n_spans, ==, 4);

  /* Another connection (another window, another process) writes a suggestion:
   * seen with all statuses, not with the accepted ones only. */
  other = alama_store_open (fixture->path, ALAMA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (span_stamp (fixture->store, fixture->doc_id,
                                ALAMA_STATUS_MASK_ACCEPTED).n_spans, ==, 4);
  pending = alama_span_new ("LOC", 32, 37);
  pending->document_id = fixture->doc_id;
  pending->status = ALAMA_STATUS_PENDING;
  pending->source = g_strdup ("gazetteer");
  g_assert_true (alama_store_add_span (other, pending, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (span_stamp (fixture->store, fixture->doc_id,
                                ALAMA_STATUS_MASK_ALL).n_spans, ==, 5);
  g_assert_cmpuint (span_stamp (fixture->store, fixture->doc_id,
                                ALAMA_STATUS_MASK_ACCEPTED).n_spans, ==, 4);

  /* Read inside a change that is then rolled back: the stamp after is the one
   * before the change. */
  g_assert_true (alama_store_begin_change (fixture->store, "try", 0, &error));
  g_assert_no_error (error);
  add_span (fixture, "PER", 0, 3);      /* قال: a wrong tag, taken back */
  g_assert_cmpuint (span_stamp (fixture->store, fixture->doc_id,
                                ALAMA_STATUS_MASK_ALL).n_spans, ==, 6);
  alama_store_cancel_change (fixture->store);
  g_assert_cmpuint (span_stamp (fixture->store, fixture->doc_id,
                                ALAMA_STATUS_MASK_ALL).n_spans, ==, 5);

  /* The relations' stamp and another document's are their own. */
  g_assert_cmpuint (relation_stamp (fixture, ALAMA_STATUS_MASK_ALL).n_spans, ==, 0);
  alama_store_add_document (fixture->store, "beirut", NULL, "انفجار في مرفأ بيروت", NULL, NULL,
                            &other_doc, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (span_stamp (fixture->store, other_doc, ALAMA_STATUS_MASK_ALL).n_spans, ==, 0);
  g_assert_cmpuint (span_stamp (fixture->store, fixture->doc_id,
                                ALAMA_STATUS_MASK_ALL).n_spans, ==, 5);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/alama/store-delta/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("add-is-incremental", test_add_is_incremental);
  ADD ("nothing-changed", test_nothing_changed);
  ADD ("update-moves-row", test_update_moves_row);
  ADD ("delete-needs-reload", test_delete_needs_reload);
  ADD ("undo-needs-reload", test_undo_needs_reload);
  ADD ("status-leaving-mask-needs-reload", test_status_leaving_mask_needs_reload);
  ADD ("modified-since", test_modified_since);
  ADD ("relation-stamp", test_relation_stamp);
  ADD ("stamp-follows-every-writer", test_stamp_follows_every_writer);
#undef ADD

  return g_test_run ();
}
