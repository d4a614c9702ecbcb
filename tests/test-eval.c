/* test-eval.c: precision, recall and F1 on a hand-made project whose answer was
 * computed by hand (below). */
#define G_LOG_DOMAIN "test-eval"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "alama/alama.h"

/* The fixture, offsets in code points of eval-text.txt:
 *
 *   gold (accepted)                        predictions (source "gazetteer")
 *   g1 PER [0,5)   accepted, gazetteer     p1 = g1 itself (an accepted suggestion)
 *   g2 GPE [10,15) manual                  p2 GPE [10,14)  pending   (overlaps g2)
 *   g3 ORG [20,30) manual                  p3 ORG [22,25)  rejected  (overlaps g3)
 *   g4 PER [40,45) manual                  p4 ORG [25,28)  pending   (overlaps g3 too)
 *                                          p5 LOC [50,55)  pending   (nothing)
 *   not counted: a "learned" PER [60,65) pending (another source) and a manual
 *   ORG [50,55) rejected (only accepted spans are gold), and a manual DATE
 *   [70,75) accepted, which counts (one more fn) only with all_labels.
 *
 * Exact (same label and offsets):
 *   tp = p1 = 1; fp = p2, p3, p4, p5 = 4; fn = g2, g3, g4 = 3
 *   P = 1/5 = 0.2, R = 1/4 = 0.25, F1 = 2·0.2·0.25 / 0.45 = 0.2222…
 *   per label: PER 1/0/1, GPE 0/1/1, ORG 0/2/1, LOC 0/1/0   (tp/fp/fn)
 * Overlap (same label, any shared character, each gold once, in order of start):
 *   p1→g1, p2→g2, p3→g3 are hits; p4 finds g3 used: fp; p5: fp; g4: fn
 *   tp = 3, fp = 2, fn = 1: P = 3/5 = 0.6, R = 3/4 = 0.75, F1 = 0.9/1.35 = 0.6667
 *   per label: PER 1/0/1, GPE 1/0/0, ORG 1/1/0, LOC 0/1/0
 */

typedef struct
{
  const char  *label;
  gint64       start;
  gint64       end;
  const char  *source;
  AlamaStatus  status;
} FixtureSpan;

static const FixtureSpan fixture_spans[] = {
  { "PER", 0, 5, "gazetteer", ALAMA_STATUS_ACCEPTED },   /* g1 = p1 */
  { "GPE", 10, 15, "manual", ALAMA_STATUS_ACCEPTED },    /* g2 */
  { "ORG", 20, 30, "manual", ALAMA_STATUS_ACCEPTED },    /* g3 */
  { "PER", 40, 45, "manual", ALAMA_STATUS_ACCEPTED },    /* g4 */
  { "GPE", 10, 14, "gazetteer", ALAMA_STATUS_PENDING },  /* p2 */
  { "ORG", 22, 25, "gazetteer", ALAMA_STATUS_REJECTED }, /* p3 */
  { "ORG", 25, 28, "gazetteer", ALAMA_STATUS_PENDING },  /* p4 */
  { "LOC", 50, 55, "gazetteer", ALAMA_STATUS_PENDING },  /* p5 */
  { "PER", 60, 65, "learned", ALAMA_STATUS_PENDING },    /* another source */
  { "ORG", 50, 55, "manual", ALAMA_STATUS_REJECTED },    /* rejected: not gold */
  { "DATE", 70, 75, "manual", ALAMA_STATUS_ACCEPTED },   /* a label the source never proposes */
};

static void
assert_counts (AlamaEvalScores *scores,
               const char      *label,   /* NULL: overall */
               guint            tp,
               guint            fp,
               guint            fn)
{
  const AlamaEvalCounts *counts = label ? g_hash_table_lookup (scores->per_label, label)
                                        : &scores->overall;

  g_assert_nonnull (counts);
  g_assert_cmpuint (counts->tp, ==, tp);
  g_assert_cmpuint (counts->fp, ==, fp);
  g_assert_cmpuint (counts->fn, ==, fn);
}

static void
test_eval_project (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("alama-eval-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "eval.alama", NULL);
  g_autofree char *text = NULL;
  g_autoptr(AlamaStore) store = NULL;
  g_autoptr(AlamaEvalResult) result = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *table = NULL;
  JsonObject *exact, *overall;
  gint64 doc = 0;
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  g_file_get_contents (g_test_get_filename (G_TEST_DIST, "fixtures", "taggers", "eval-text.txt",
                                            NULL), &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_utf8_strlen (text, -1), >=, 65);

  store = alama_store_open (path, ALAMA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  alama_store_add_document (store, "eval", NULL, text, NULL, NULL, &doc, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (fixture_spans); i++)
    {
      g_autoptr(AlamaSpan) span = alama_span_new (fixture_spans[i].label, fixture_spans[i].start,
                                                  fixture_spans[i].end);

      span->document_id = doc;
      span->status = fixture_spans[i].status;
      g_free (span->source);
      span->source = g_strdup (fixture_spans[i].source);
      alama_store_add_span (store, span, &error);
      g_assert_no_error (error);
    }

  result = alama_eval_source (store, "gazetteer", NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_documents, ==, 1);

  assert_counts (&result->exact, NULL, 1, 4, 3);
  assert_counts (&result->exact, "PER", 1, 0, 1);
  assert_counts (&result->exact, "GPE", 0, 1, 1);
  assert_counts (&result->exact, "ORG", 0, 2, 1);
  assert_counts (&result->exact, "LOC", 0, 1, 0);
  g_assert_cmpfloat_with_epsilon (alama_eval_counts_precision (&result->exact.overall), 0.2, 1e-9);
  g_assert_cmpfloat_with_epsilon (alama_eval_counts_recall (&result->exact.overall), 0.25, 1e-9);
  g_assert_cmpfloat_with_epsilon (alama_eval_counts_f1 (&result->exact.overall), 2.0 / 9.0, 1e-9);

  assert_counts (&result->overlap, NULL, 3, 2, 1);
  assert_counts (&result->overlap, "PER", 1, 0, 1);
  assert_counts (&result->overlap, "GPE", 1, 0, 0);
  assert_counts (&result->overlap, "ORG", 1, 1, 0);
  assert_counts (&result->overlap, "LOC", 0, 1, 0);
  g_assert_cmpfloat_with_epsilon (alama_eval_counts_precision (&result->overlap.overall), 0.6, 1e-9);
  g_assert_cmpfloat_with_epsilon (alama_eval_counts_recall (&result->overlap.overall), 0.75, 1e-9);
  g_assert_cmpfloat_with_epsilon (alama_eval_counts_f1 (&result->overlap.overall), 2.0 / 3.0, 1e-9);

  /* The JSON form carries the same numbers. */
  json = alama_eval_result_to_json (result);
  exact = json_object_get_object_member (json_node_get_object (json), "exact");
  overall = json_object_get_object_member (exact, "overall");
  g_assert_cmpint (json_object_get_int_member (overall, "tp"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (overall, "fp"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (overall, "fn"), ==, 3);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (overall, "precision"), 0.2, 1e-9);
  g_assert_true (json_object_has_member (json_object_get_object_member (exact, "per_label"),
                                         "ORG"));
  g_assert_true (json_object_has_member (json_node_get_object (json), "overlap"));

  /* With all labels the DATE gold is a miss in both matchings. */
  {
    g_autoptr(AlamaEvalResult) all = alama_eval_source (store, "gazetteer", NULL, TRUE, &error);

    g_assert_no_error (error);
    assert_counts (&all->exact, NULL, 1, 4, 4);
    assert_counts (&all->overlap, NULL, 3, 2, 2);
    assert_counts (&all->exact, "DATE", 0, 0, 1);
  }

  table = alama_eval_result_format_text (result);
  g_assert_nonnull (strstr (table, "overall"));
  g_assert_nonnull (strstr (table, "0.667"));

  /* An unknown document is an error, not an empty score. */
  {
    const char * const names[] = { "missing", NULL };
    g_autoptr(AlamaEvalResult) none = alama_eval_source (store, "gazetteer", names, FALSE, &error);

    g_assert_null (none);
    g_assert_error (error, ALAMA_TAGGER_ERROR, ALAMA_TAGGER_ERROR_NO_SUCH_DOCUMENT);
  }

  g_clear_object (&store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
  g_rmdir (dir);
}

/* alama_eval_tagger scores what a tagger would propose, and stores nothing. */
static void
test_eval_tagger (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("alama-eval-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "eval.alama", NULL);
  g_autoptr(AlamaStore) store = NULL;
  g_autoptr(AlamaGazetteer) gazetteer = alama_gazetteer_new ();
  g_autoptr(AlamaTagger) tagger = NULL;
  g_autoptr(AlamaEvalResult) result = NULL;
  g_autoptr(GPtrArray) after = NULL;
  /* Gold: بوتين PER [4,9), موسكو GPE [10,15). The gazetteer knows بوتين and باكو.
   * exact: tp 1 (بوتين), fp 1 (باكو), fn 1 (موسكو) */
  const char *text = "زار بوتين موسكو ثم باكو.";
  const char *labels[] = { "PER", "GPE" };
  const gint64 starts[] = { 4, 10 };
  gint64 doc = 0;
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  alama_gazetteer_add_entry (gazetteer, "بوتين", "PER", NULL, FALSE);
  alama_gazetteer_add_entry (gazetteer, "باكو", "GPE", NULL, FALSE);
  tagger = alama_tagger_new_gazetteer (gazetteer);

  store = alama_store_open (path, ALAMA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  alama_store_add_document (store, "d", NULL, text, NULL, NULL, &doc, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(AlamaSpan) span = alama_span_new (labels[i], starts[i], starts[i] + 5);

      span->document_id = doc;
      alama_store_add_span (store, span, &error);
      g_assert_no_error (error);
    }

  result = alama_eval_tagger (store, tagger, NULL, FALSE, &error);
  g_assert_no_error (error);
  assert_counts (&result->exact, NULL, 1, 1, 1);
  after = alama_store_list_spans (store, doc, ALAMA_STATUS_MASK_ALL, &error);
  g_assert_cmpuint (after->len, ==, 2);

  g_clear_object (&store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
  g_rmdir (dir);
}

/* Relations score by pairs: both ends must share a character with the gold pair's
 * ends, whatever their labels; a relation proposed twice counts once.
 *
 *   gold                                   predicted
 *   SPEAKER PER [0,5)  → QUOTE [10,30)     SPEAKER GPE [1,4)   → QUOTE [12,20)  hit (ends overlap)
 *   SPEAKER ORG [40,45) → QUOTE [50,60)    the same again                        counted once
 *                                          SPEAKER ORG [40,45) → QUOTE [61,70)  fp (quote elsewhere)
 *   tp 1, fp 1, fn 1 (the second gold pair): P = R = F1 = 0.5
 */
static void
test_eval_relations (void)
{
  g_autoptr(AlamaEvalResult) result = alama_eval_result_new ("quotes");
  g_autoptr(AlamaSpan) g_speaker1 = alama_span_new ("PER", 0, 5);
  g_autoptr(AlamaSpan) g_quote1 = alama_span_new ("QUOTE", 10, 30);
  g_autoptr(AlamaSpan) g_speaker2 = alama_span_new ("ORG", 40, 45);
  g_autoptr(AlamaSpan) g_quote2 = alama_span_new ("QUOTE", 50, 60);
  g_autoptr(AlamaSpan) p_speaker1 = alama_span_new ("GPE", 1, 4);
  g_autoptr(AlamaSpan) p_quote1 = alama_span_new ("QUOTE", 12, 20);
  g_autoptr(AlamaSpan) p_speaker2 = alama_span_new ("ORG", 40, 45);
  g_autoptr(AlamaSpan) p_quote2 = alama_span_new ("QUOTE", 61, 70);
  g_autoptr(GArray) gold = g_array_new (FALSE, FALSE, sizeof (AlamaEvalRelation));
  g_autoptr(GArray) predicted = g_array_new (FALSE, FALSE, sizeof (AlamaEvalRelation));
  g_autoptr(JsonNode) json = NULL;
  const AlamaEvalRelation gold_pairs[] = {
    { "SPEAKER", g_speaker1, g_quote1 },
    { "SPEAKER", g_speaker2, g_quote2 },
  };
  const AlamaEvalRelation predicted_pairs[] = {
    { "SPEAKER", p_speaker1, p_quote1 },
    { "SPEAKER", p_speaker1, p_quote1 },
    { "SPEAKER", p_speaker2, p_quote2 },
  };

  g_array_append_vals (gold, gold_pairs, G_N_ELEMENTS (gold_pairs));
  g_array_append_vals (predicted, predicted_pairs, G_N_ELEMENTS (predicted_pairs));
  alama_eval_add_relations (result, gold, predicted);

  assert_counts (&result->relations, "SPEAKER", 1, 1, 1);
  assert_counts (&result->relations, NULL, 1, 1, 1);
  g_assert_cmpfloat_with_epsilon (alama_eval_counts_f1 (&result->relations.overall), 0.5, 1e-9);

  json = alama_eval_result_to_json (result);
  g_assert_true (json_object_has_member (
    json_object_get_object_member (
      json_object_get_object_member (json_node_get_object (json), "relations"), "per_type"),
    "SPEAKER"));
}

static void
test_empty (void)
{
  AlamaEvalCounts zero = { 0, 0, 0 };

  /* No predictions and no gold: 0, not NaN. */
  g_assert_cmpfloat (alama_eval_counts_precision (&zero), ==, 0.0);
  g_assert_cmpfloat (alama_eval_counts_recall (&zero), ==, 0.0);
  g_assert_cmpfloat (alama_eval_counts_f1 (&zero), ==, 0.0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alama/eval/hand-computed", test_eval_project);
  g_test_add_func ("/alama/eval/tagger-in-memory", test_eval_tagger);
  g_test_add_func ("/alama/eval/relations-by-pair", test_eval_relations);
  g_test_add_func ("/alama/eval/empty", test_empty);

  return g_test_run ();
}
