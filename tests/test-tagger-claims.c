/* test-tagger-claims.c: accusations, denials, promises and assertions with their
 * claimant, target and stance; verb-subject-object and subject-verb order. */
#define G_LOG_DOMAIN "test-tagger-claims"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "alama/alama.h"

#include "tagger-test-util.h"

/* One expected claim; @claimant_nth/@target_nth pick the occurrence of the name
 * in the text (أذربيجان and أرمينيا occur twice). */
typedef struct
{
  const char *claim;
  const char *stance;
  const char *claimant;
  guint       claimant_nth;
  const char *claimant_label;
  const char *target;       /* NULL: none */
  guint       target_nth;
} ExpectedClaim;

static void
test_claims (void)
{
  g_autoptr(AlamaGazetteer) gazetteer = load_test_gazetteer ();
  g_autoptr(AlamaTagger) tagger = alama_tagger_new_claims (gazetteer);
  g_autofree char *text = read_fixture ("claims-text.txt");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  Project project = { 0 };
  const ExpectedClaim expected[] = {
    /* VSO accusation: claimant after the verb, the object is the target, the
     * claim is the charge after بـ (as data/sample's gold and the guidelines have it) */
    { "بخرق وقف إطلاق النار قرب الحدود", "accuses", "أذربيجان", 0, "GPE", "أرمينيا", 0 },
    /* denial with أن: the claim is the clause after it */
    { "تكون قواتها قد شاركت في القتال", "denies", "موسكو", 0, "GPE", NULL, 0 },
    /* a promise; shadda on the verb */
    { "بإعادة الإعمار خلال عامين", "promises", "علييف", 0, "PER", NULL, 0 },
    /* SVO headline: subject in front of a verb without و */
    { "بحشد قواتها", "accuses", "أرمينيا", 1, "GPE", "أذربيجان", 1 },
    /* أكد أن is an assertion */
    { "روسيا مستعدة للوساطة", "asserts", "بوتين", 0, "PER", NULL, 0 },
  };

  project_open (&project, "news", text);
  {
    g_autoptr(AlamaTaggerReport) report = alama_tagger_report_new ("claims");

    alama_tagger_run (project.store, tagger, NULL, report, NULL, &error);
    g_assert_no_error (error);
    /* 5 claims (not أكد without أن) + 7 entities the relations need */
    g_assert_cmpuint (report->n_spans_added, ==, 12);
    /* 5 CLAIMANT + 2 TARGET */
    g_assert_cmpuint (report->n_relations_added, ==, 7);
  }

  spans = alama_store_list_spans (project.store, project.doc_id, ALAMA_STATUS_MASK_ALL, &error);
  g_assert_no_error (error);
  relations = alama_store_list_relations (project.store, project.doc_id, ALAMA_STATUS_MASK_ALL,
                                          &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_label (spans, "CLAIM"), ==, 5);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      gint64 start = cp_of (text, expected[i].claim, 0);
      AlamaSpan *claim = find_span (spans, "CLAIM", start, start + cp_len (expected[i].claim));
      gint64 claimant_start = cp_of_nth (text, expected[i].claimant, expected[i].claimant_nth);
      AlamaSpan *claimant = find_span (spans, expected[i].claimant_label, claimant_start,
                                       claimant_start + cp_len (expected[i].claimant));

      g_test_message ("claim %u", i);
      g_assert_nonnull (claim);
      g_assert_cmpstr (claim->source, ==, "claims");
      g_assert_cmpstr (alama_span_get_attribute (claim, "stance"), ==, expected[i].stance);
      g_assert_nonnull (claimant);
      g_assert_true (has_relation (relations, "CLAIMANT", claimant->id, claim->id));

      if (expected[i].target != NULL)
        {
          gint64 target_start = cp_of_nth (text, expected[i].target, expected[i].target_nth);
          AlamaSpan *target = find_span (spans, "GPE", target_start,
                                         target_start + cp_len (expected[i].target));

          g_assert_nonnull (target);
          g_assert_true (has_relation (relations, "TARGET", claim->id, target->id));
        }
    }

  /* A second run adds nothing. */
  {
    g_autoptr(AlamaTaggerReport) report = alama_tagger_report_new ("claims");

    alama_tagger_run (project.store, tagger, NULL, report, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (report->n_spans_added, ==, 0);
    g_assert_cmpuint (report->n_relations_added, ==, 0);
  }

  project_close (&project);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alama/tagger-claims/claimant-target-stance", test_claims);

  return g_test_run ();
}
