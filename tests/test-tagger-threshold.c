/* test-tagger-threshold.c: `alama autotag --min-confidence` (alama-tagger-threshold.h).
 * A tagger proposes suggestions with confidences 0.2, 0.6 and 0.9, one
 * without a confidence, and relations among them; behind a threshold of 0.5
 * the 0.2 one is not stored, nor the relation that needs it, and everything
 * else is, under the inner tagger's name. */
#include "config.h"

#include <alama/alama.h>

#include "../app/core/alama-tagger-private.h"
#include "store-test-util.h"

/* "abc def ghi jkl": a span on each word. */
static const char text[] = "abc def ghi jkl";

static AlamaSpan *
suggestion (const char *label,
            gint64      start,
            const char *confidence)
{
  AlamaSpan *span = alama_span_new (label, start, start + 3);

  g_free (span->source);
  span->source = g_strdup ("model:model");
  span->status = ALAMA_STATUS_PENDING;
  if (confidence != NULL)
    alama_span_set_attribute (span, ALAMA_TAGGER_MODEL_CONFIDENCE_ATTRIBUTE, confidence);
  return span;
}

static AlamaTaggerProposals *
fake_propose (const AlamaTaggerInput *input,
              gpointer                data)
{
  AlamaTaggerProposals *proposals = alama_tagger_proposals_new ();
  guint weak, middle, strong, unscored;

  weak = alama_tagger_proposals_add_span (proposals, suggestion ("PER", 0, "0.2"));
  middle = alama_tagger_proposals_add_span (proposals, suggestion ("ORG", 4, "0.6"));
  strong = alama_tagger_proposals_add_span (proposals, suggestion ("PER", 8, "0.9"));
  unscored = alama_tagger_proposals_add_span (proposals, suggestion ("ORG", 12, NULL));
  alama_tagger_proposals_add_relation (proposals, "AFFILIATION", weak, middle);
  alama_tagger_proposals_add_relation (proposals, "AFFILIATION", strong, unscored);
  return proposals;
}

/* The stored spans' first start -> the span, and the relations' count. */
static void
stored (AlamaStore  *store,
        gint64       doc,
        GHashTable **by_start,
        guint       *n_relations)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = alama_store_list_spans (store, doc, ALAMA_STATUS_MASK_ALL, &error);
  g_autoptr(GPtrArray) relations = NULL;

  g_assert_no_error (error);
  *by_start = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                     (GDestroyNotify) alama_span_unref);
  for (guint i = 0; i < spans->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (spans, i);

      g_hash_table_insert (*by_start, g_memdup2 (&g_array_index (span->fragments, AlamaFragment, 0).start,
                                                  sizeof (gint64)),
                           alama_span_ref (span));
    }
  relations = alama_store_list_relations (store, doc, ALAMA_STATUS_MASK_ALL, &error);
  g_assert_no_error (error);
  *n_relations = relations->len;
}

static void
run (double       min_confidence,
     GHashTable **by_start,
     guint       *n_relations)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("alama-test-tagger-threshold-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "project.alama", NULL);
  g_autoptr(AlamaTaggerReport) report = NULL;
  AlamaTagger *tagger;
  AlamaStore *store;
  gint64 doc;

  g_assert_no_error (error);
  store = alama_store_open (path, ALAMA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  alama_store_add_document (store, "doc", NULL, text, NULL, NULL, &doc, &error);
  g_assert_no_error (error);

  tagger = _alama_tagger_new ("model:model", fake_propose, NULL, NULL);
  tagger = alama_tagger_new_min_confidence (tagger, min_confidence);
  g_assert_cmpstr (alama_tagger_get_name (tagger), ==, "model:model");
  report = alama_tagger_report_new (alama_tagger_get_name (tagger));
  g_assert_true (alama_tagger_run (store, tagger, NULL, report, NULL, &error));
  g_assert_no_error (error);
  alama_tagger_free (tagger);

  stored (store, doc, by_start, n_relations);
  g_assert_finalize_object (store);
  remove_project_files (path);
  g_rmdir (dir);
}

static gboolean
has_span_at (GHashTable *by_start,
             gint64      start)
{
  return g_hash_table_contains (by_start, &start);
}

static void
test_weak_not_stored (void)
{
  g_autoptr(GHashTable) by_start = NULL;
  guint n_relations = 0;

  run (0.5, &by_start, &n_relations);
  g_assert_false (has_span_at (by_start, 0));
  g_assert_true (has_span_at (by_start, 4));
  g_assert_true (has_span_at (by_start, 8));
  g_assert_true (has_span_at (by_start, 12));
  g_assert_cmpuint (g_hash_table_size (by_start), ==, 3);
  /* The relation from the weak one went with it; the other stays. */
  g_assert_cmpuint (n_relations, ==, 1);
}

static void
test_zero_stores_all (void)
{
  g_autoptr(GHashTable) by_start = NULL;
  guint n_relations = 0;

  run (0.0, &by_start, &n_relations);
  g_assert_cmpuint (g_hash_table_size (by_start), ==, 4);
  g_assert_cmpuint (n_relations, ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alama/tagger-threshold/weak-not-stored", test_weak_not_stored);
  g_test_add_func ("/alama/tagger-threshold/zero-stores-all", test_zero_stores_all);

  return g_test_run ();
}
