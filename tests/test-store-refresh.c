/* test-store-refresh.c: two AlamaStore connections on one project file (two
 * workbench processes): each sees the other's commits after alama_store_refresh(),
 * the documents model is updated in place, and undo stays safe across them. */
#define G_LOG_DOMAIN "test-store-refresh"

#include "config.h"

#include <glib/gstdio.h>

#include "alama/alama-store.h"
#include "store-test-util.h"

/* Original news-style sentences. */
static const char first_text[] =
  "أعلن رئيس بلدية طرابلس خالد المصري أنّ «أعمال الترميم ستنتهي قبل الشتاء».";
static const char second_text[] =
  "التقى وفد من نقابة الصحفيين في بيروت بوزيرة الإعلام ليلى حمدان صباح الأحد.";

typedef struct
{
  char       *dir;
  char       *path;
  AlamaStore *one;     /* the first process */
  AlamaStore *two;     /* the second process */
  gint64      doc_id;  /* first_text, added by one */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("alama-test-refresh-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "project.alama", NULL);

  fixture->one = alama_store_open (fixture->path, ALAMA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  alama_store_add_document (fixture->one, "tripoli", NULL, first_text, NULL, NULL,
                            &fixture->doc_id, &error);
  g_assert_no_error (error);

  fixture->two = alama_store_open (fixture->path, ALAMA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->one);
  g_assert_finalize_object (fixture->two);
  remove_project_files (fixture->path);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static void
count_changed_cb (AlamaStore *store,
                  gint64      document_id,
                  gpointer    user_data)
{
  int *count = user_data;

  (*count)++;
}

static gint64
add_span (AlamaStore *store,
          gint64      doc_id,
          const char *label,
          gint64      start,
          gint64      end)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaSpan) span = alama_span_new (label, start, end);

  span->document_id = doc_id;
  span->status = ALAMA_STATUS_ACCEPTED;
  g_assert_true (alama_store_add_span (store, span, &error));
  g_assert_no_error (error);
  return span->id;
}

/* Nothing changed: refresh says so and emits nothing; our own commits do not
 * count as "another connection's". */
static void
test_quiet (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  int changed = 0;

  g_signal_connect (fixture->two, "changed", G_CALLBACK (count_changed_cb), &changed);
  g_assert_false (alama_store_refresh (fixture->two, &error));
  g_assert_no_error (error);
  g_assert_cmpint (changed, ==, 0);

  add_span (fixture->two, fixture->doc_id, "PER", 23, 34);   /* خالد المصري */
  changed = 0;
  g_assert_false (alama_store_refresh (fixture->two, &error));
  g_assert_no_error (error);
  g_assert_cmpint (changed, ==, 0);
}

/* A span made by one is listed by two after refresh, the document's counts in
 * two's model follow, and "changed" is emitted once. */
static void
test_span_seen (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaDocument) doc = alama_store_get_document (fixture->two, fixture->doc_id);
  g_autoptr(GPtrArray) spans = NULL;
  gint64 span_id;
  int changed = 0;

  g_assert_nonnull (doc);
  g_assert_cmpuint (alama_document_get_n_annotations (doc), ==, 0);
  g_signal_connect (fixture->two, "changed", G_CALLBACK (count_changed_cb), &changed);

  span_id = add_span (fixture->one, fixture->doc_id, "PER", 23, 34);

  g_assert_true (alama_store_refresh (fixture->two, &error));
  g_assert_no_error (error);
  g_assert_cmpint (changed, ==, 1);
  spans = alama_store_list_spans (fixture->two, fixture->doc_id, ALAMA_STATUS_MASK_ALL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 1);
  g_assert_cmpint (((AlamaSpan *) g_ptr_array_index (spans, 0))->id, ==, span_id);
  /* The same object in the model, updated in place. */
  g_assert_cmpuint (alama_document_get_n_annotations (doc), ==, 1);

  /* A second refresh with nothing new is quiet again. */
  g_assert_false (alama_store_refresh (fixture->two, &error));
  g_assert_cmpint (changed, ==, 1);
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  guint *total = user_data;

  total[0] += removed;
  total[1] += added;
}

/* A document added by one appears in two's model (in name order, without the
 * others being replaced); one deleted by one leaves it. */
static void
test_documents_model (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GListModel *model = alama_store_get_documents (fixture->two);
  g_autoptr(AlamaDocument) kept = g_list_model_get_item (model, 0);
  g_autoptr(AlamaDocument) first = NULL;
  g_autoptr(AlamaDocument) second = NULL;
  guint totals[2] = { 0, 0 };
  gint64 beirut_id = 0;

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), totals);

  g_assert_true (alama_store_add_document (fixture->one, "beirut", NULL, second_text, NULL, NULL,
                                           &beirut_id, &error));
  g_assert_no_error (error);
  g_assert_true (alama_store_refresh (fixture->two, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_cmpuint (totals[0], ==, 0);
  g_assert_cmpuint (totals[1], ==, 1);
  first = g_list_model_get_item (model, 0);
  second = g_list_model_get_item (model, 1);
  g_assert_cmpstr (alama_document_get_name (first), ==, "beirut");
  g_assert_true (second == kept);   /* not replaced by a new object */

  g_assert_true (alama_store_delete_document (fixture->one, fixture->doc_id, &error));
  g_assert_no_error (error);
  g_assert_true (alama_store_refresh (fixture->two, &error));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_clear_object (&first);
  first = g_list_model_get_item (model, 0);
  g_assert_cmpint (alama_document_get_id (first), ==, beirut_id);
  g_assert_null (alama_store_get_document (fixture->two, fixture->doc_id));
  /* totals lives on this stack frame; the store empties the model on dispose. */
  g_signal_handlers_disconnect_by_func (model, items_changed_cb, totals);
}

/* A label added to the schema by one is known to two after refresh (the cache
 * was dropped). */
static void
test_schema_seen (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaSchema) before = alama_store_get_schema (fixture->two);
  g_autoptr(AlamaSchema) changed = alama_store_get_schema (fixture->one);
  g_autoptr(AlamaSchema) copy = alama_schema_copy (changed);
  g_autoptr(AlamaSchema) after = NULL;

  g_assert_null (alama_schema_find_label (before, "WEAPON"));
  alama_schema_ensure_label (copy, "WEAPON", ALAMA_LABEL_KIND_ENTITY);
  g_assert_true (alama_store_set_schema (fixture->one, copy, &error));
  g_assert_no_error (error);

  g_assert_true (alama_store_refresh (fixture->two, &error));
  after = alama_store_get_schema (fixture->two);
  g_assert_nonnull (alama_schema_find_label (after, "WEAPON"));
  /* And two can use it at once. */
  add_span (fixture->two, fixture->doc_id, "WEAPON", 0, 4);
}

/* Undo across processes never loses a write: when two has changed a span by a
 * change that is not on the undo stack, one's undo of adding it is refused and
 * the file stays as it was; the undo of a change that nobody touched since works
 * from either connection. */
static void
test_undo_checks_rows (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaSpan) span = NULL;
  g_autoptr(AlamaSpan) after = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  gint64 span_id;

  span_id = add_span (fixture->one, fixture->doc_id, "PER", 23, 34);
  g_assert_true (alama_store_refresh (fixture->two, &error));

  /* two relabels it outside the undo stack (as an import would). */
  span = alama_store_get_span (fixture->two, span_id, &error);
  g_assert_no_error (error);
  g_free (span->label);
  span->label = g_strdup ("ORG");
  g_assert_true (alama_store_begin_change (fixture->two, "Relabel", ALAMA_CHANGE_NOT_UNDOABLE, &error));
  g_assert_true (alama_store_update_span (fixture->two, span, &error));
  g_assert_true (alama_store_end_change (fixture->two, &error));
  g_assert_no_error (error);

  g_assert_true (alama_store_refresh (fixture->one, &error));
  g_assert_false (alama_store_undo (fixture->one, NULL, &error));
  g_assert_nonnull (error);
  g_assert_cmpstr (error->message, !=, "");
  g_clear_error (&error);

  after = alama_store_get_span (fixture->one, span_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after->label, ==, "ORG");

  /* A change nobody touched since: two adds, one undoes it. */
  span_id = add_span (fixture->two, fixture->doc_id, "GPE", 16, 22);
  g_assert_true (alama_store_refresh (fixture->one, &error));
  g_assert_true (alama_store_undo (fixture->one, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (alama_store_refresh (fixture->two, &error));
  spans = alama_store_list_spans (fixture->two, fixture->doc_id, ALAMA_STATUS_MASK_ALL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 1);
  g_assert_cmpstr (((AlamaSpan *) g_ptr_array_index (spans, 0))->label, ==, "ORG");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/alama/store-refresh/quiet", Fixture, NULL,
              fixture_set_up, test_quiet, fixture_tear_down);
  g_test_add ("/alama/store-refresh/span-seen", Fixture, NULL,
              fixture_set_up, test_span_seen, fixture_tear_down);
  g_test_add ("/alama/store-refresh/documents-model", Fixture, NULL,
              fixture_set_up, test_documents_model, fixture_tear_down);
  g_test_add ("/alama/store-refresh/schema-seen", Fixture, NULL,
              fixture_set_up, test_schema_seen, fixture_tear_down);
  g_test_add ("/alama/store-refresh/undo-checks-rows", Fixture, NULL,
              fixture_set_up, test_undo_checks_rows, fixture_tear_down);

  return g_test_run ();
}
