/* test-retrain.c: training again as the analyst works (alama-retrain.h): what
 * counts as new training data, which documents are "not reviewed", and the
 * refresh of their model suggestions: kept, replaced or added, never touching
 * what an analyst decided, one change that Undo passes over. */
#define G_LOG_DOMAIN "test-retrain"

#include "config.h"

#include <string.h>

#include "alama/alama.h"

#include "store-test-util.h"
#include "tagger-test-util.h"

#define MODEL_SOURCE ALAMA_TAGGER_SOURCE_MODEL_PREFIX ALAMA_TAGGER_MODEL_DEFAULT_NAME

/* Invented sentences: the same names in the same places, so that a model
 * trained on the first document finds them in the others. */
static const char train_text[] =
  "قال الرئيس سالم الحداد إن الوفد وصل إلى عمّان أمس .\n"
  "وأعلنت شركة النور أن الوزير كريم العلي سيزور بغداد غدا .\n"
  "قال الرئيس سالم الحداد إن شركة النور ستفتح مكتبا في عمّان .\n"
  "والتقى الوزير كريم العلي الرئيس سالم الحداد في بغداد .\n"
  "وأعلنت شركة النور أن الوفد وصل إلى بغداد .";
static const char other_text[] =
  "قال الرئيس سالم الحداد إن الوزير كريم العلي وصل إلى عمّان .";

typedef struct
{
  const char *word;
  const char *label;
} Name;

static const Name names[] = {
  { "سالم الحداد", "PER" }, { "كريم العلي", "PER" }, { "عمّان", "GPE" },
  { "بغداد", "GPE" }, { "شركة النور", "ORG" },
};

/* Accepts every occurrence of the names in the "train" document. */
static guint
annotate_train (Project *project,
                gint64   doc_id)
{
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *p = train_text;

      for (guint nth = 0; (p = strstr (p, names[i].word)) != NULL; nth++, n++)
        {
          project_add_span (project, doc_id, train_text, names[i].word, nth, names[i].label,
                            ALAMA_SOURCE_MANUAL, ALAMA_STATUS_ACCEPTED);
          p += strlen (names[i].word);
        }
    }
  return n;
}

static void
project_free (Project *project)
{
  g_clear_object (&project->store);
  remove_project_files (project->path);
  g_rmdir (project->dir);
  g_free (project->path);
  g_free (project->dir);
}

static GPtrArray *
spans_of (Project *project,
          gint64   doc_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *spans = alama_store_list_spans (project->store, doc_id, ALAMA_STATUS_MASK_ALL, &error);

  g_assert_no_error (error);
  return spans;
}

static guint
count_source (GPtrArray  *spans,
              const char *source)
{
  guint n = 0;

  for (guint i = 0; i < spans->len; i++)
    n += g_strcmp0 (((AlamaSpan *) g_ptr_array_index (spans, i))->source, source) == 0;
  return n;
}

static gboolean
is_reviewed (Project *project,
             gint64   doc_id)
{
  g_autoptr(GError) error = NULL;
  gboolean reviewed = FALSE;

  g_assert_true (alama_retrain_is_reviewed (project->store, doc_id, 0, &reviewed, &error));
  g_assert_no_error (error);
  return reviewed;
}

/* Accepting, correcting and adding by hand count; pending does not; undoing
 * an acceptance takes it out again; only what came after @since. */
static void
test_count_new_spans (void)
{
  Project project = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 doc_id, pending_id, since;
  guint n;

  project_open (&project, "doc", train_text);
  doc_id = project.doc_id;
  n = annotate_train (&project, doc_id);
  g_assert_cmpuint (alama_retrain_count_new_spans (project.store, 0, &error), ==, n);
  g_assert_no_error (error);

  since = g_get_real_time ();
  g_assert_cmpuint (alama_retrain_count_new_spans (project.store, since, &error), ==, 0);
  pending_id = project_add_span (&project, doc_id, train_text, "الوفد", 0, "ORG", "gazetteer",
                                 ALAMA_STATUS_PENDING);
  g_assert_cmpuint (alama_retrain_count_new_spans (project.store, since, &error), ==, 0);

  alama_store_set_span_status (project.store, pending_id, ALAMA_STATUS_ACCEPTED, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (alama_retrain_count_new_spans (project.store, since, &error), ==, 1);

  alama_store_undo (project.store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (alama_retrain_count_new_spans (project.store, since, &error), ==, 0);

  /* A QUOTE is not an entity: the model does not learn it. */
  project_add_span (&project, doc_id, train_text, "الوفد وصل", 0, "QUOTE", ALAMA_SOURCE_MANUAL,
                    ALAMA_STATUS_ACCEPTED);
  g_assert_cmpuint (alama_retrain_count_new_spans (project.store, since, &error), ==, 0);

  project_free (&project);
}

/* Not reviewed: only pending spans from taggers, touched by autotag runs at
 * most. Reviewed: anything accepted or rejected, or the analyst's own edit. */
static void
test_unreviewed (void)
{
  Project project = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(AlamaGazetteer) gazetteer = alama_gazetteer_new ();
  g_autoptr(AlamaTagger) tagger = NULL;
  g_autoptr(AlamaTaggerReport) report = alama_tagger_report_new ("gazetteer");
  const char * const autotagged_names[] = { "autotagged", NULL };
  gint64 accepted, rejected, autotagged, edited, empty, span_id;
  gint64 last_change = -1;

  project_open_empty (&project);
  accepted = project_add_document (&project, "accepted", other_text);
  rejected = project_add_document (&project, "rejected", other_text);
  autotagged = project_add_document (&project, "autotagged", other_text);
  edited = project_add_document (&project, "edited", other_text);
  empty = project_add_document (&project, "empty", other_text);

  project_add_span (&project, accepted, other_text, "عمّان", 0, "GPE", "gazetteer",
                    ALAMA_STATUS_ACCEPTED);
  project_add_span (&project, rejected, other_text, "عمّان", 0, "GPE", "gazetteer",
                    ALAMA_STATUS_REJECTED);
  /* An autotag run is not the analyst's review. */
  alama_gazetteer_add_entry (gazetteer, "عمّان", "GPE", NULL, FALSE);
  tagger = alama_tagger_new_gazetteer (gazetteer);
  alama_tagger_run (project.store, tagger, autotagged_names, report, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_spans_added, ==, 1);
  /* Deleting a suggestion is: everything left is pending, yet it was looked at. */
  span_id = project_add_span (&project, edited, other_text, "عمّان", 0, "GPE", "gazetteer",
                              ALAMA_STATUS_PENDING);
  alama_store_delete_span (project.store, span_id, &error);
  g_assert_no_error (error);

  g_assert_true (is_reviewed (&project, accepted));
  g_assert_true (is_reviewed (&project, rejected));
  g_assert_false (is_reviewed (&project, autotagged));
  g_assert_true (is_reviewed (&project, edited));
  g_assert_false (is_reviewed (&project, empty));

  ids = alama_retrain_list_unreviewed (project.store, &last_change, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, autotagged);
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, empty);
  g_assert_cmpint (last_change, >, 0);

  /* Looking only after @last_change still sees a decision made later. */
  {
    gboolean reviewed = TRUE;

    alama_retrain_is_reviewed (project.store, empty, last_change, &reviewed, &error);
    g_assert_no_error (error);
    g_assert_false (reviewed);
    span_id = project_add_span (&project, empty, other_text, "عمّان", 0, "GPE", "gazetteer",
                                ALAMA_STATUS_PENDING);
    alama_store_resize_span (project.store, span_id, 0, 3, &error);
    g_assert_no_error (error);
    alama_retrain_is_reviewed (project.store, empty, last_change, &reviewed, &error);
    g_assert_no_error (error);
    g_assert_true (reviewed);
  }

  project_free (&project);
}

/* Trains, then refreshes: the model's old suggestion that it no longer makes
 * goes, a suggestion equal to another tagger's is not added twice, the
 * reviewed document is left as it was, and Undo takes back the analyst's last
 * action, not the refresh. */
static void
test_run_refreshes (void)
{
  Project project = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before_reviewed = NULL;
  g_autoptr(GPtrArray) after_reviewed = NULL;
  g_autoptr(GPtrArray) after_other = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *undo = NULL;
  AlamaRetrainCounts counts = { 0 };
  gint64 train_id, other_id, reviewed_id, stale_id, gazetteer_id, decided_id;
  gboolean found_stale = FALSE;
  guint gazetteer_same = 0;

  project_open_empty (&project);
  train_id = project_add_document (&project, "train", train_text);
  other_id = project_add_document (&project, "other", other_text);
  reviewed_id = project_add_document (&project, "reviewed", other_text);
  annotate_train (&project, train_id);

  /* A stale model suggestion on a word that is no name, and another
   * tagger's suggestion on a name, imported (not the analyst's doing). */
  alama_store_begin_change (project.store, "Import", ALAMA_CHANGE_NOT_UNDOABLE, &error);
  g_assert_no_error (error);
  stale_id = project_add_span (&project, other_id, other_text, "الوزير", 0, "PER", MODEL_SOURCE,
                               ALAMA_STATUS_PENDING);
  gazetteer_id = project_add_span (&project, other_id, other_text, "عمّان", 0, "GPE", "gazetteer",
                                   ALAMA_STATUS_PENDING);
  alama_store_end_change (project.store, &error);
  g_assert_no_error (error);
  /* The analyst's last action: a decision in the reviewed document. */
  project_add_span (&project, reviewed_id, other_text, "الوزير", 0, "PER", MODEL_SOURCE,
                    ALAMA_STATUS_PENDING);
  decided_id = project_add_span (&project, reviewed_id, other_text, "عمّان", 0, "GPE", MODEL_SOURCE,
                                 ALAMA_STATUS_PENDING);
  alama_store_set_span_status (project.store, decided_id, ALAMA_STATUS_REJECTED, &error);
  g_assert_no_error (error);
  before_reviewed = spans_of (&project, reviewed_id);

  g_assert_cmpint (alama_retrain_get_model_time (project.store, ALAMA_TAGGER_MODEL_DEFAULT_NAME,
                                                 &error), ==, 0);
  g_assert_true (alama_retrain_run (project.store, ALAMA_TAGGER_MODEL_DEFAULT_NAME, NULL, NULL,
                                    &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpint (alama_retrain_get_model_time (project.store, ALAMA_TAGGER_MODEL_DEFAULT_NAME,
                                                 &error), >, 0);

  /* "train" has accepted spans (reviewed); "other" is the one refreshed. */
  g_assert_cmpuint (counts.n_documents, ==, 1);
  after_other = spans_of (&project, other_id);
  for (guint i = 0; i < after_other->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (after_other, i);

      g_assert_cmpint (span->status, ==, ALAMA_STATUS_PENDING);
      found_stale |= span->id == stale_id;
      if (alama_span_get_start (span) == cp_of (other_text, "عمّان", 0) &&
          g_strcmp0 (span->label, "GPE") == 0)
        gazetteer_same++;
      if (g_strcmp0 (span->source, MODEL_SOURCE) == 0)
        g_assert_nonnull (alama_span_get_attribute (span, ALAMA_TAGGER_MODEL_CONFIDENCE_ATTRIBUTE));
    }
  g_assert_false (found_stale);
  g_assert_cmpuint (counts.n_removed, ==, 1);
  g_assert_cmpuint (count_source (after_other, MODEL_SOURCE), ==, counts.n_added);
  g_assert_cmpuint (counts.n_added, >, 0);
  /* The gazetteer's GPE is still there, and only once. */
  g_assert_cmpuint (gazetteer_same, ==, 1);
  {
    g_autoptr(AlamaSpan) kept = alama_store_get_span (project.store, gazetteer_id, NULL);

    g_assert_nonnull (kept);
  }

  /* The reviewed document: every row as it was. */
  after_reviewed = spans_of (&project, reviewed_id);
  g_assert_cmpuint (after_reviewed->len, ==, before_reviewed->len);
  for (guint i = 0; i < after_reviewed->len; i++)
    {
      AlamaSpan *a = g_ptr_array_index (before_reviewed, i);
      AlamaSpan *b = g_ptr_array_index (after_reviewed, i);

      g_assert_cmpint (a->id, ==, b->id);
      g_assert_cmpint (a->modified, ==, b->modified);
    }

  /* Undo: the rejection, not the refresh. */
  undo = alama_store_dup_undo_description (project.store);
  g_assert_cmpstr (undo, ==, "Reject suggestion");
  alama_store_undo (project.store, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(AlamaSpan) decided = alama_store_get_span (project.store, decided_id, NULL);
    g_autoptr(GPtrArray) other = spans_of (&project, other_id);

    g_assert_cmpint (decided->status, ==, ALAMA_STATUS_PENDING);
    g_assert_cmpuint (count_source (other, MODEL_SOURCE), ==, counts.n_added);
  }

  /* The refresh is in the history, as an autotag run by the model. */
  history = alama_store_list_history (project.store, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (((AlamaHistoryEntry *) g_ptr_array_index (history, history->len - 1))->change_action,
                   ==, ALAMA_CHANGE_ACTION_AUTOTAG);

  project_free (&project);
}

/* Run twice with the same data: the suggestions the model makes again are
 * kept (same ids), nothing is added or removed. */
static void
test_run_again_keeps (void)
{
  Project project = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  AlamaRetrainCounts counts = { 0 };
  gint64 train_id, other_id;

  project_open_empty (&project);
  train_id = project_add_document (&project, "train", train_text);
  other_id = project_add_document (&project, "other", other_text);
  annotate_train (&project, train_id);

  alama_retrain_run (project.store, ALAMA_TAGGER_MODEL_DEFAULT_NAME, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  first = spans_of (&project, other_id);
  alama_retrain_run (project.store, ALAMA_TAGGER_MODEL_DEFAULT_NAME, NULL, NULL, &counts, &error);
  g_assert_no_error (error);
  second = spans_of (&project, other_id);

  g_assert_cmpuint (counts.n_added, ==, 0);
  g_assert_cmpuint (counts.n_removed, ==, 0);
  g_assert_cmpuint (first->len, ==, second->len);
  for (guint i = 0; i < first->len; i++)
    g_assert_cmpint (((AlamaSpan *) g_ptr_array_index (first, i))->id, ==,
                     ((AlamaSpan *) g_ptr_array_index (second, i))->id);

  project_free (&project);
}

/* Cancelled: no model stored, no suggestion written. */
static void
test_run_cancelled (void)
{
  Project project = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) spans = NULL;
  gint64 train_id, other_id;

  project_open_empty (&project);
  train_id = project_add_document (&project, "train", train_text);
  other_id = project_add_document (&project, "other", other_text);
  annotate_train (&project, train_id);

  g_cancellable_cancel (cancellable);
  g_assert_false (alama_retrain_run (project.store, ALAMA_TAGGER_MODEL_DEFAULT_NAME, NULL,
                                     cancellable, NULL, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (alama_retrain_get_model_time (project.store, ALAMA_TAGGER_MODEL_DEFAULT_NAME,
                                                 NULL), ==, 0);
  spans = spans_of (&project, other_id);
  g_assert_cmpuint (spans->len, ==, 0);

  project_free (&project);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alama/retrain/count-new-spans", test_count_new_spans);
  g_test_add_func ("/alama/retrain/unreviewed", test_unreviewed);
  g_test_add_func ("/alama/retrain/run-refreshes", test_run_refreshes);
  g_test_add_func ("/alama/retrain/run-again-keeps", test_run_again_keeps);
  g_test_add_func ("/alama/retrain/run-cancelled", test_run_cancelled);

  return g_test_run ();
}
