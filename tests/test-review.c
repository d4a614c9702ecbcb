/* test-review.c: reviewing suggestions in the doc view, in process: the walk
 * from suggestion to suggestion (skipping accepted spans, by source, suggested
 * relations in reading order, stopping at the end), accept,
 * reject and relabel as one undoable change each, and the span tooltip that tells
 * a suggestion from an accepted annotation. Real-input tests are in
 * test-ui-review.py. */
#define G_LOG_DOMAIN "test-review"

#include "config.h"

#include <string.h>

#include "doc-view-test-util.h"

typedef struct
{
  DocViewProject *project;
  GtkWidget      *window;
  AlamaDocView   *view;
  gint64          lavrov;     /* PER, accepted by hand */
  gint64          kremlin;    /* GPE, pending, gazetteer */
  gint64          putin;      /* PER, pending, gazetteer */
  gint64          moscow;     /* GPE, pending, ner-model */
  gint64          kyiv;       /* GPE, pending, gazetteer */
} Fixture;

static gint64
add_span (Fixture     *f,
          const char  *word,
          int          nth,
          const char  *label,
          const char  *source,
          AlamaStatus  status)
{
  gint64 start = cp_of (f->project->text, word, nth);
  g_autoptr(AlamaSpan) span = alama_span_new (label, start, start + cp_len (word));
  g_autoptr(GError) error = NULL;

  span->document_id = alama_document_get_id (f->project->doc);
  span->source = g_strdup (source);
  span->status = status;
  alama_store_add_span (f->project->store, span, &error);
  g_assert_no_error (error);
  return span->id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->project = doc_view_project_new ("kremlin.txt");
  f->lavrov = add_span (f, "لافروف", 0, "PER", ALAMA_SOURCE_MANUAL, ALAMA_STATUS_ACCEPTED);
  f->kremlin = add_span (f, "الكرملين", 0, "GPE", "gazetteer", ALAMA_STATUS_PENDING);
  f->putin = add_span (f, "بوتين", 0, "PER", "gazetteer", ALAMA_STATUS_PENDING);
  f->moscow = add_span (f, "موسكو", 0, "GPE", "ner-model", ALAMA_STATUS_PENDING);
  f->kyiv = add_span (f, "كييف", 0, "GPE", "gazetteer", ALAMA_STATUS_PENDING);

  f->view = ALAMA_DOC_VIEW (alama_doc_view_new ());
  alama_doc_view_set_store (f->view, f->project->store);
  alama_doc_view_set_document (f->view, f->project->doc);
  f->window = doc_view_window_new (GTK_WIDGET (f->view), 800, 600);
  doc_view_settle (f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  doc_view_project_free (f->project);
}

static AlamaStatus
status_of (Fixture *f,
           gint64   span_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaSpan) span = alama_store_get_span (f->project->store, span_id, &error);

  g_assert_no_error (error);
  return span->status;
}

static void
test_walk_skips_accepted (Fixture       *f,
                          gconstpointer  data)
{
  /* In text order: الكرملين, لافروف (accepted: skipped), بوتين, موسكو, كييف. */
  g_assert_true (_alama_doc_view_review_step (f->view, 1));
  g_assert_cmpint (alama_doc_view_get_selected_span (f->view), ==, f->kremlin);
  g_assert_true (_alama_doc_view_review_step (f->view, 1));
  g_assert_cmpint (alama_doc_view_get_selected_span (f->view), ==, f->putin);
  g_assert_true (_alama_doc_view_review_step (f->view, 1));
  g_assert_cmpint (alama_doc_view_get_selected_span (f->view), ==, f->moscow);
  g_assert_true (_alama_doc_view_review_step (f->view, 1));
  g_assert_cmpint (alama_doc_view_get_selected_span (f->view), ==, f->kyiv);
  /* Past the last: nothing, the selection stays (the window goes on). */
  g_assert_false (_alama_doc_view_review_step (f->view, 1));
  g_assert_cmpint (alama_doc_view_get_selected_span (f->view), ==, f->kyiv);
  g_assert_true (_alama_doc_view_review_step (f->view, -1));
  g_assert_cmpint (alama_doc_view_get_selected_span (f->view), ==, f->moscow);
  /* From nothing, backwards: the last. */
  g_assert_true (_alama_doc_view_review_restart (f->view, -1));
  g_assert_cmpint (alama_doc_view_get_selected_span (f->view), ==, f->kyiv);
}

static void
test_walk_by_source (Fixture       *f,
                     gconstpointer  data)
{
  alama_doc_view_set_review_source (f->view, "ner-model");
  g_assert_true (_alama_doc_view_review_restart (f->view, 1));
  g_assert_cmpint (alama_doc_view_get_selected_span (f->view), ==, f->moscow);
  g_assert_false (_alama_doc_view_review_step (f->view, 1));

  alama_doc_view_set_review_source (f->view, NULL);
  g_assert_true (_alama_doc_view_review_step (f->view, 1));
  g_assert_cmpint (alama_doc_view_get_selected_span (f->view), ==, f->kyiv);
}

/* Gives span @id the model confidence @confidence. */
static void
set_confidence (Fixture    *f,
                gint64      id,
                const char *confidence)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaSpan) span = alama_store_get_span (f->project->store, id, &error);

  g_assert_no_error (error);
  alama_span_set_attribute (span, ALAMA_TAGGER_MODEL_CONFIDENCE_ATTRIBUTE, confidence);
  g_assert_true (alama_store_update_span (f->project->store, span, &error));
  g_assert_no_error (error);
}

static void
test_walk_least_certain_first (Fixture       *f,
                               gconstpointer  data)
{
  /* Reading order: kremlin, putin, moscow, kyiv. */
  set_confidence (f, f->kremlin, "0.91");
  set_confidence (f, f->moscow, "0.35");
  set_confidence (f, f->kyiv, "0.60");
  doc_view_settle (f->window);

  /* Off: reading order, whatever the confidences. */
  g_assert_true (_alama_doc_view_review_restart (f->view, 1));
  g_assert_cmpint (alama_doc_view_get_selected_span (f->view), ==, f->kremlin);

  alama_doc_view_set_review_least_certain_first (f->view, TRUE);
  g_assert_true (_alama_doc_view_review_restart (f->view, 1));
  g_assert_cmpint (alama_doc_view_get_selected_span (f->view), ==, f->moscow);
  g_assert_true (_alama_doc_view_review_step (f->view, 1));
  g_assert_cmpint (alama_doc_view_get_selected_span (f->view), ==, f->kyiv);
  g_assert_true (_alama_doc_view_review_step (f->view, 1));
  g_assert_cmpint (alama_doc_view_get_selected_span (f->view), ==, f->kremlin);
  /* No confidence (a rule tagger's): last. */
  g_assert_true (_alama_doc_view_review_step (f->view, 1));
  g_assert_cmpint (alama_doc_view_get_selected_span (f->view), ==, f->putin);
  g_assert_false (_alama_doc_view_review_step (f->view, 1));
  /* P walks the same order back. */
  g_assert_true (_alama_doc_view_review_step (f->view, -1));
  g_assert_cmpint (alama_doc_view_get_selected_span (f->view), ==, f->kremlin);

  /* Accepting goes on to the next least certain. */
  alama_doc_view_select_span (f->view, f->moscow, FALSE);
  g_assert_true (_alama_doc_view_review_decide (f->view, ALAMA_STATUS_ACCEPTED, NULL));
  g_assert_cmpint (alama_doc_view_get_selected_span (f->view), ==, f->kyiv);
}

static void
test_decide_one_change_each (Fixture       *f,
                             gconstpointer  data)
{
  AlamaStore *store = f->project->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaSpan) relabelled = NULL;

  /* Accept: the next suggestion is selected. */
  alama_doc_view_select_span (f->view, f->kremlin, FALSE);
  g_assert_true (_alama_doc_view_review_decide (f->view, ALAMA_STATUS_ACCEPTED, NULL));
  g_assert_cmpint (status_of (f, f->kremlin), ==, ALAMA_STATUS_ACCEPTED);
  g_assert_cmpint (alama_doc_view_get_selected_span (f->view), ==, f->putin);

  /* Reject: the row stays, rejected, and drops out of the view. */
  g_assert_true (_alama_doc_view_review_decide (f->view, ALAMA_STATUS_REJECTED, NULL));
  g_assert_cmpint (status_of (f, f->putin), ==, ALAMA_STATUS_REJECTED);
  g_assert_cmpint (alama_doc_view_get_selected_span (f->view), ==, f->moscow);
  g_assert_cmpint (alama_span_index_find_id (_alama_doc_view_get_span_index (f->view), f->putin), <, 0);

  /* A label: relabel and accept together. */
  g_assert_true (_alama_doc_view_review_decide (f->view, ALAMA_STATUS_ACCEPTED, "ORG"));
  relabelled = alama_store_get_span (store, f->moscow, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (relabelled->label, ==, "ORG");
  g_assert_cmpint (relabelled->status, ==, ALAMA_STATUS_ACCEPTED);

  /* An accepted span is not a suggestion: nothing to decide. */
  alama_doc_view_select_span (f->view, f->lavrov, FALSE);
  g_assert_null (_alama_doc_view_get_selected_suggestion (f->view));
  g_assert_false (_alama_doc_view_review_decide (f->view, ALAMA_STATUS_REJECTED, NULL));
  g_assert_cmpint (status_of (f, f->lavrov), ==, ALAMA_STATUS_ACCEPTED);

  /* Each decision is one undo step, newest first. */
  alama_store_undo (store, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&relabelled, alama_span_unref);
  relabelled = alama_store_get_span (store, f->moscow, &error);
  g_assert_cmpstr (relabelled->label, ==, "GPE");
  g_assert_cmpint (relabelled->status, ==, ALAMA_STATUS_PENDING);
  g_assert_cmpint (status_of (f, f->putin), ==, ALAMA_STATUS_REJECTED);
  alama_store_undo (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status_of (f, f->putin), ==, ALAMA_STATUS_PENDING);
  g_assert_cmpint (status_of (f, f->kremlin), ==, ALAMA_STATUS_ACCEPTED);
}

static void
test_tooltip_tells_status (Fixture       *f,
                           gconstpointer  data)
{
  AlamaSpanIndex *index = _alama_doc_view_get_span_index (f->view);
  AlamaSpan *pending = alama_span_index_get_span (index, alama_span_index_find_id (index, f->kremlin));
  AlamaSpan *accepted = alama_span_index_get_span (index, alama_span_index_find_id (index, f->lavrov));
  g_autofree char *pending_tip = _alama_doc_view_dup_span_tooltip (f->view, pending);
  g_autofree char *accepted_tip = _alama_doc_view_dup_span_tooltip (f->view, accepted);

  /* The interface's direction mark (LRM under the tests' C locale), then the
   * label, isolated. */
  g_assert_true (g_str_has_prefix (pending_tip, "\u200E\u2068GPE\u2069"));
  g_assert_nonnull (strstr (pending_tip, "gazetteer"));
  g_assert_nonnull (strstr (pending_tip, "pending"));
  g_assert_nonnull (strstr (pending_tip, "Enter"));
  g_assert_true (g_str_has_prefix (accepted_tip, "\u200E\u2068PER\u2069"));
  g_assert_nonnull (strstr (accepted_tip, ALAMA_SOURCE_MANUAL));
  g_assert_nonnull (strstr (accepted_tip, "accepted"));
  g_assert_null (strstr (accepted_tip, "Enter"));
  g_assert_null (strstr (pending_tip, "confidence"));
}

static void
test_tooltip_tells_confidence (Fixture       *f,
                               gconstpointer  data)
{
  AlamaSpanIndex *index = _alama_doc_view_get_span_index (f->view);
  g_autoptr(AlamaSpan) suggested = alama_span_copy (
    alama_span_index_get_span (index, alama_span_index_find_id (index, f->moscow)));
  g_autofree char *tip = NULL;

  alama_span_set_attribute (suggested, ALAMA_TAGGER_MODEL_CONFIDENCE_ATTRIBUTE, "0.826");
  tip = _alama_doc_view_dup_span_tooltip (f->view, suggested);
  g_assert_nonnull (strstr (tip, "confidence 83%"));

  /* Not a confidence: nothing said about one. */
  alama_span_set_attribute (suggested, ALAMA_TAGGER_MODEL_CONFIDENCE_ATTRIBUTE, "sure");
  g_clear_pointer (&tip, g_free);
  tip = _alama_doc_view_dup_span_tooltip (f->view, suggested);
  g_assert_null (strstr (tip, "confidence"));
}

static gint64
add_relation (Fixture     *f,
              const char  *type,
              gint64       from,
              gint64       to,
              AlamaStatus  status)
{
  g_autoptr(AlamaRelation) relation = alama_relation_new (type, from, to);
  g_autoptr(GError) error = NULL;

  relation->source = g_strdup ("quotes");
  relation->status = status;
  alama_store_add_relation (f->project->store, relation, &error);
  g_assert_no_error (error);
  return relation->id;
}

static gint64
add_quote (Fixture     *f,
           AlamaStatus  status)
{
  gint64 start = cp_of (f->project->text, "«", 0);
  gint64 end = cp_of (f->project->text, "»", 0) + 1;
  g_autoptr(AlamaSpan) span = alama_span_new ("QUOTE", start, end);
  g_autoptr(GError) error = NULL;

  span->document_id = alama_document_get_id (f->project->doc);
  span->source = g_strdup ("quotes");
  span->status = status;
  alama_store_add_span (f->project->store, span, &error);
  g_assert_no_error (error);
  return span->id;
}

static AlamaStatus
relation_status_of (Fixture *f,
                    gint64   relation_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaRelation) relation = alama_store_get_relation (f->project->store, relation_id, &error);

  g_assert_no_error (error);
  return relation->status;
}

static void
assert_selected (Fixture *f,
                 gint64   span_id,
                 gint64   relation_id)
{
  g_assert_cmpint (alama_doc_view_get_selected_span (f->view), ==, span_id);
  g_assert_cmpint (alama_doc_view_get_selected_relation (f->view), ==, relation_id);
}

/* Suggested relations are stops of the walk, where their first end is, after
 * the span that starts there; A accepts one and the walk goes on after it;
 * past the last suggestion the walk stops (no wrap to the top). */
static void
test_walk_relations (Fixture       *f,
                     gconstpointer  data)
{
  /* The second لافروف (pending) says the quote (pending): the SPEAKER relation
   * sits where لافروف starts, after لافروف itself. */
  gint64 speaker = add_span (f, "لافروف", 1, "PER", "quotes", ALAMA_STATUS_PENDING);
  gint64 quote = add_quote (f, ALAMA_STATUS_PENDING);
  gint64 said = add_relation (f, "SPEAKER", speaker, quote, ALAMA_STATUS_PENDING);

  doc_view_settle (f->window);
  g_assert_true (_alama_doc_view_review_restart (f->view, 1));
  assert_selected (f, f->kremlin, 0);
  g_assert_true (_alama_doc_view_review_step (f->view, 1));
  assert_selected (f, f->putin, 0);
  g_assert_true (_alama_doc_view_review_step (f->view, 1));
  assert_selected (f, speaker, 0);
  g_assert_true (_alama_doc_view_review_step (f->view, 1));
  assert_selected (f, 0, said);
  g_assert_true (_alama_doc_view_review_step (f->view, 1));
  assert_selected (f, f->moscow, 0);
  /* And back. */
  g_assert_true (_alama_doc_view_review_step (f->view, -1));
  assert_selected (f, 0, said);

  /* Accepting the relation leaves its ends as they were and goes on after it. */
  g_assert_true (_alama_doc_view_has_selected_suggestion (f->view));
  g_assert_true (_alama_doc_view_review_decide (f->view, ALAMA_STATUS_ACCEPTED, NULL));
  g_assert_cmpint (relation_status_of (f, said), ==, ALAMA_STATUS_ACCEPTED);
  g_assert_cmpint (status_of (f, speaker), ==, ALAMA_STATUS_PENDING);
  assert_selected (f, f->moscow, 0);

  /* Accept the rest in order; after the last one the walk stops there. */
  g_assert_true (_alama_doc_view_review_decide (f->view, ALAMA_STATUS_ACCEPTED, NULL));
  assert_selected (f, quote, 0);
  g_assert_true (_alama_doc_view_review_decide (f->view, ALAMA_STATUS_ACCEPTED, NULL));
  assert_selected (f, f->kyiv, 0);
  g_assert_false (_alama_doc_view_review_at_end (f->view));
  g_assert_true (_alama_doc_view_review_decide (f->view, ALAMA_STATUS_ACCEPTED, NULL));
  g_assert_true (_alama_doc_view_review_at_end (f->view));
  /* Earlier suggestions are left (الكرملين, بوتين, لافروف), but N does not wrap. */
  g_assert_false (_alama_doc_view_review_step (f->view, 1));
  assert_selected (f, 0, 0);
  /* P goes back from the end: the last suggestion left, the speaker. */
  g_assert_true (_alama_doc_view_review_step (f->view, -1));
  assert_selected (f, speaker, 0);
  g_assert_false (_alama_doc_view_review_at_end (f->view));
  g_assert_true (_alama_doc_view_review_restart (f->view, 1));
  assert_selected (f, f->kremlin, 0);
}

/* A relation is reachable once its ends are accepted (it is drawn), and a
 * relation whose end is rejected is rejected with it: never reachable. */
static void
test_reject_span_takes_relation (Fixture       *f,
                                 gconstpointer  data)
{
  gint64 speaker = add_span (f, "لافروف", 1, "PER", "quotes", ALAMA_STATUS_PENDING);
  gint64 quote = add_quote (f, ALAMA_STATUS_PENDING);
  gint64 said = add_relation (f, "SPEAKER", speaker, quote, ALAMA_STATUS_PENDING);

  doc_view_settle (f->window);
  alama_doc_view_select_span (f->view, speaker, FALSE);
  g_assert_true (_alama_doc_view_review_decide (f->view, ALAMA_STATUS_REJECTED, NULL));
  g_assert_cmpint (status_of (f, speaker), ==, ALAMA_STATUS_REJECTED);
  g_assert_cmpint (relation_status_of (f, said), ==, ALAMA_STATUS_REJECTED);
  /* Next: موسكو, not the relation that went with the span. */
  assert_selected (f, f->moscow, 0);

  /* One undo step brings both back; the relation is a stop again. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (alama_store_undo (f->project->store, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (status_of (f, speaker), ==, ALAMA_STATUS_PENDING);
  g_assert_cmpint (relation_status_of (f, said), ==, ALAMA_STATUS_PENDING);
  alama_doc_view_select_span (f->view, speaker, FALSE);
  g_assert_true (_alama_doc_view_review_decide (f->view, ALAMA_STATUS_ACCEPTED, NULL));
  assert_selected (f, 0, said);
  g_assert_cmpint (relation_status_of (f, said), ==, ALAMA_STATUS_PENDING);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add ("/alama/review/walk-skips-accepted", Fixture, NULL,
              fixture_set_up, test_walk_skips_accepted, fixture_tear_down);
  g_test_add ("/alama/review/walk-by-source", Fixture, NULL,
              fixture_set_up, test_walk_by_source, fixture_tear_down);
  g_test_add ("/alama/review/walk-least-certain-first", Fixture, NULL,
              fixture_set_up, test_walk_least_certain_first, fixture_tear_down);
  g_test_add ("/alama/review/decide-one-change-each", Fixture, NULL,
              fixture_set_up, test_decide_one_change_each, fixture_tear_down);
  g_test_add ("/alama/review/walk-relations", Fixture, NULL,
              fixture_set_up, test_walk_relations, fixture_tear_down);
  g_test_add ("/alama/review/reject-span-takes-relation", Fixture, NULL,
              fixture_set_up, test_reject_span_takes_relation, fixture_tear_down);
  g_test_add ("/alama/review/tooltip-tells-status", Fixture, NULL,
              fixture_set_up, test_tooltip_tells_status, fixture_tear_down);
  g_test_add ("/alama/review/tooltip-tells-confidence", Fixture, NULL,
              fixture_set_up, test_tooltip_tells_confidence, fixture_tear_down);

  return g_test_run ();
}
