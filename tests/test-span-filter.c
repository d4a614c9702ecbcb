/* test-span-filter.c: which spans a view shows (alama-span-filter.h). A model's
 * pending suggestion below the threshold is left out; nothing else is for its
 * confidence: not a decided span, not a hand-made one, not one without a
 * confidence or with a confidence that does not parse. */
#include "config.h"

#include <alama/alama.h>

#include "store-test-util.h"

static AlamaSpan *
make_span (AlamaStatus  status,
           const char  *source,
           const char  *confidence)
{
  AlamaSpan *span = alama_span_new ("PER", 0, 4);

  span->status = status;
  g_free (span->source);
  span->source = g_strdup (source);
  if (confidence != NULL)
    alama_span_set_attribute (span, ALAMA_TAGGER_MODEL_CONFIDENCE_ATTRIBUTE, confidence);
  return span;
}

static gboolean
shows (double       min_confidence,
       AlamaStatus  status,
       const char  *source,
       const char  *confidence)
{
  AlamaSpanFilter filter = { ALAMA_STATUS_MASK_ALL, min_confidence };
  g_autoptr(AlamaSpan) span = make_span (status, source, confidence);

  return alama_span_filter_shows (&filter, span);
}

static void
test_weak_suggestion_hidden (void)
{
  g_assert_false (shows (0.5, ALAMA_STATUS_PENDING, "model:model", "0.2"));
  g_assert_false (shows (0.5, ALAMA_STATUS_PENDING, "model:model", "0.49"));
  g_assert_true (shows (0.5, ALAMA_STATUS_PENDING, "model:model", "0.5"));
  g_assert_true (shows (0.5, ALAMA_STATUS_PENDING, "model:model", "0.9"));
}

static void
test_zero_shows_all (void)
{
  g_assert_true (shows (0.0, ALAMA_STATUS_PENDING, "model:model", "0"));
  g_assert_true (shows (0.0, ALAMA_STATUS_PENDING, "model:model", "0.01"));
}

static void
test_never_hidden_for_confidence (void)
{
  /* Decided: the analyst's, whatever the model thought. */
  g_assert_true (shows (0.9, ALAMA_STATUS_ACCEPTED, "model:model", "0.1"));
  g_assert_true (shows (0.9, ALAMA_STATUS_REJECTED, "model:model", "0.1"));
  /* Hand-made, even carrying the attribute. */
  g_assert_true (shows (0.9, ALAMA_STATUS_PENDING, ALAMA_SOURCE_MANUAL, "0.1"));
  g_assert_true (shows (0.9, ALAMA_STATUS_PENDING, NULL, "0.1"));
  /* No confidence to judge by. */
  g_assert_true (shows (0.9, ALAMA_STATUS_PENDING, "gazetteer", NULL));
  g_assert_true (shows (0.9, ALAMA_STATUS_PENDING, "model:model", "sure"));
  g_assert_true (shows (0.9, ALAMA_STATUS_PENDING, "model:model", "7"));
}

static void
test_statuses (void)
{
  AlamaSpanFilter filter = { ALAMA_STATUS_MASK_ACCEPTED | ALAMA_STATUS_MASK_PENDING, 0.5 };
  g_autoptr(AlamaSpan) rejected = make_span (ALAMA_STATUS_REJECTED, "model:model", "0.9");
  g_autoptr(AlamaSpan) accepted = make_span (ALAMA_STATUS_ACCEPTED, "model:model", "0.1");

  g_assert_false (alama_span_filter_shows (&filter, rejected));
  g_assert_true (alama_span_filter_shows (&filter, accepted));
}

static gint64
add_span (AlamaStore  *store,
          gint64       document_id,
          gint64       start,
          AlamaStatus  status,
          const char  *confidence)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaSpan) span = make_span (status, "model:model", confidence);

  span->document_id = document_id;
  g_array_index (span->fragments, AlamaFragment, 0).start = start;
  g_array_index (span->fragments, AlamaFragment, 0).end = start + 3;
  alama_store_add_span (store, span, &error);
  g_assert_no_error (error);
  return span->id;
}

/* A new project in a folder of its own, with one document ("abc def ghi jkl
 * mno") whose id is *@doc. */
static AlamaStore *
open_project (char   **dir,
              char   **path,
              gint64  *doc)
{
  g_autoptr(GError) error = NULL;
  AlamaStore *store = create_project_in_tmp ("alama-test-span-filter-XXXXXX", "project.alama",
                                             dir, path);

  alama_store_add_document (store, "doc", NULL, "abc def ghi jkl mno", NULL, NULL, doc, &error);
  g_assert_no_error (error);
  return store;
}

static void
close_project (AlamaStore *store,
               const char *dir,
               const char *path)
{
  g_assert_finalize_object (store);
  remove_project_files (path);
  g_rmdir (dir);
}

/* The index a view draws holds exactly the spans the predicate shows. */
static void
test_index (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  AlamaStore *store;
  AlamaDocumentModel *model;
  AlamaSpanIndex *index;
  AlamaSpanFilter all = { ALAMA_STATUS_MASK_ALL, 0.0 };
  AlamaSpanFilter strict = { ALAMA_STATUS_MASK_ALL, 0.5 };
  gint64 doc, weak, strong, decided, unscored;

  store = open_project (&dir, &path, &doc);
  weak = add_span (store, doc, 0, ALAMA_STATUS_PENDING, "0.2");
  strong = add_span (store, doc, 4, ALAMA_STATUS_PENDING, "0.9");
  decided = add_span (store, doc, 8, ALAMA_STATUS_ACCEPTED, "0.2");
  unscored = add_span (store, doc, 12, ALAMA_STATUS_PENDING, NULL);

  model = alama_document_model_get_for_document (store, doc, &error);
  g_assert_no_error (error);
  g_assert_false (alama_span_filter_hides_any (&all, model, 0, 4));
  g_assert_true (alama_span_filter_hides_any (&strict, model, 0, 4));
  g_assert_false (alama_span_filter_hides_any (&strict, model, 1, 3));

  index = alama_span_filter_new_index (&strict, model);
  g_assert_cmpuint (alama_span_index_get_n_spans (index), ==, 3);
  g_assert_cmpint (alama_span_index_find_id (index, weak), <, 0);
  g_assert_cmpint (alama_span_index_find_id (index, strong), >=, 0);
  g_assert_cmpint (alama_span_index_find_id (index, decided), >=, 0);
  g_assert_cmpint (alama_span_index_find_id (index, unscored), >=, 0);
  alama_span_index_free (index);

  g_assert_true (alama_span_filter_equal (&all, &all));
  g_assert_false (alama_span_filter_equal (&all, &strict));

  g_assert_finalize_object (model);
  close_project (store, dir, path);
}

static gint64
add_relation (AlamaStore *store,
              gint64      from_id,
              gint64      to_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaRelation) relation = alama_relation_new ("AFFILIATION", from_id, to_id);

  relation->status = ALAMA_STATUS_PENDING;
  g_free (relation->source);
  relation->source = g_strdup ("model:model");
  alama_store_add_relation (store, relation, &error);
  g_assert_no_error (error);
  return relation->id;
}

/* The suggestions left to review are the ones a view shows: a weak one is not
 * counted, nor a relation that ends on it; a relation between shown ones is. */
static void
test_count_suggestions (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(AlamaSpan) org = make_span (ALAMA_STATUS_PENDING, "model:model", NULL);
  AlamaSpanFilter all = { ALAMA_STATUS_MASK_PENDING, 0.0 };
  AlamaSpanFilter strict = { ALAMA_STATUS_MASK_PENDING, 0.5 };
  AlamaSpanFilter stricter = { ALAMA_STATUS_MASK_PENDING, 0.95 };
  AlamaStore *store;
  gint64 doc, weak, strong;

  store = open_project (&dir, &path, &doc);
  weak = add_span (store, doc, 0, ALAMA_STATUS_PENDING, "0.2");
  strong = add_span (store, doc, 4, ALAMA_STATUS_PENDING, "0.9");
  add_span (store, doc, 12, ALAMA_STATUS_ACCEPTED, "0.1");
  g_free (org->label);
  org->label = g_strdup ("ORG");
  org->document_id = doc;
  g_array_index (org->fragments, AlamaFragment, 0).start = 8;
  g_array_index (org->fragments, AlamaFragment, 0).end = 11;
  alama_store_add_span (store, org, &error);
  g_assert_no_error (error);
  add_relation (store, weak, org->id);
  add_relation (store, strong, org->id);

  /* Three pending spans and two pending relations. */
  g_assert_cmpuint (alama_span_filter_count_suggestions (&all, store, doc, NULL), ==, 5);
  g_assert_cmpuint (alama_span_filter_count_suggestions (&strict, store, doc, NULL), ==, 3);
  /* Only the unscored ORG is left: a relation needs both ends shown. */
  g_assert_cmpuint (alama_span_filter_count_suggestions (&stricter, store, doc, NULL), ==, 1);
  g_assert_cmpuint (alama_span_filter_count_suggestions (&strict, store, doc, "model:model"), ==, 3);
  g_assert_cmpuint (alama_span_filter_count_suggestions (&strict, store, doc, "gazetteer"), ==, 0);

  close_project (store, dir, path);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alama/span-filter/weak-suggestion-hidden", test_weak_suggestion_hidden);
  g_test_add_func ("/alama/span-filter/zero-shows-all", test_zero_shows_all);
  g_test_add_func ("/alama/span-filter/never-hidden-for-confidence", test_never_hidden_for_confidence);
  g_test_add_func ("/alama/span-filter/statuses", test_statuses);
  g_test_add_func ("/alama/span-filter/index", test_index);
  g_test_add_func ("/alama/span-filter/count-suggestions", test_count_suggestions);

  return g_test_run ();
}
