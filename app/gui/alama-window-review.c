/* alama-window-review.c: the window's side of reviewing automatic suggestions.
 *
 * - win.review-next / win.review-previous (N / P in the doc view): the next
 *   pending suggestion (span or relation) in the document. Past the last one N
 *   stops and says so; N again goes to the next document that has one,
 *   wrapping around the project (documents in the list's name order). P goes
 *   on to the previous document at once.
 * - win.review-accept / win.review-reject: the selected suggestion.
 * - win.review-least-certain-first (the GSettings key of that name): N / P visit
 *   a document's suggestions by the model's confidence, lowest first.
 * - win.accept-all-label ("s") / win.accept-all-source ("s"): every pending
 *   suggestion of one label / one source in the shown document, as ONE change.
 * - win.run-taggers: the built-in taggers on the shown document, in a worker
 *   thread with its own store (like imports), then the project is re-read.
 * - The "Sources" drop-down above the document list (alama-source-chooser.c):
 *   choosing one filters the list to documents with pending suggestions from
 *   it, and N / P visit only its suggestions.
 * - A "Review" submenu at the top of the main menu with all of the above.
 *
 * The key handling itself (N, P, Enter, A, R, Delete, label keys) lives in the
 * doc view (alama-doc-view-input.c, alama-doc-view-review.c). */
#define G_LOG_DOMAIN "alama-window"

#include "config.h"

#include <glib/gi18n.h>

#include <alama/alama-span-filter.h>
#include <alama/alama-tagger.h>

#include "alama-error-text.h"
#include "alama-doc-view-private.h"
#include "alama-window-private.h"

struct _AlamaWindowReview
{
  GMenu           *accept_all_section;
  char            *accept_all_key;   /* what the section was built from */
  gint64           accept_all_document; /* ...and for which document (0: none) */

  AlamaAfterFrame *store_update;     /* "changed" is followed after the next frame */
  GCancellable    *tagger_cancellable; /* the running tagger task, or NULL */
};

/* Built-in taggers run by win.run-taggers, in the order `alama autotag` uses. */
static const char * const run_taggers[] = { "gazetteer", "learned", "quotes", "claims" };

/* ---- Walking from suggestion to suggestion --------------------------------- */

/* The suggestions of a document that N would visit: from the chosen source,
 * and not hidden below the view's confidence threshold. */
static guint
count_shown_suggestions (AlamaWindow *self,
                         gint64       document_id)
{
  AlamaSpanFilter shown = { ALAMA_STATUS_MASK_PENDING,
                            alama_doc_view_get_min_confidence (self->doc_view) };

  return alama_span_filter_count_suggestions (&shown, self->store, document_id,
                                              alama_source_chooser_get_source (self->source_chooser));
}

static void
review_walk (AlamaWindow *self,
             int          direction)
{
  GListModel *documents;
  guint n;
  int current = -1;

  if (self->store == NULL)
    return;
  gtk_widget_grab_focus (GTK_WIDGET (self->doc_view));
  if (self->document != NULL)
    {
      /* Past the last suggestion N stops once, so that the analyst sees the
       * document is done before it is replaced by the next one. */
      gboolean said_end = direction > 0 && _alama_doc_view_review_at_end (self->doc_view);

      if (!said_end && _alama_doc_view_review_step (self->doc_view, direction))
        return;
      if (direction > 0 && !said_end &&
          count_shown_suggestions (self, alama_document_get_id (self->document)) > 0)
        {
          _alama_doc_view_review_set_at_end (self->doc_view, TRUE);
          return;
        }
    }

  documents = alama_store_get_documents (self->store);
  n = g_list_model_get_n_items (documents);
  if (self->document != NULL)
    {
      guint position = alama_store_get_document_position (self->store,
                                                          alama_document_get_id (self->document));

      if (position < n)
        current = (int) position;
    }

  /* The other documents in order, wrapping around, and last this one again
   * from its start (its earlier suggestions). */
  for (guint k = 1; k <= n; k++)
    {
      int position = current < 0
                     ? (direction > 0 ? (int) k - 1 : (int) (n - k))
                     : (((current + direction * (int) k) % (int) n) + (int) n) % (int) n;
      g_autoptr(AlamaDocument) document = g_list_model_get_item (documents, (guint) position);

      if (count_shown_suggestions (self, alama_document_get_id (document)) == 0)
        continue;
      alama_window_select_document_by_name (self, alama_document_get_name (document));
      if (_alama_doc_view_review_restart (self->doc_view, direction))
        {
          gtk_widget_grab_focus (GTK_WIDGET (self->doc_view));
          return;
        }
    }

  if (alama_source_chooser_get_source (self->source_chooser) != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("No pending suggestions from “%s”"),
                                                  alama_source_chooser_get_source (self->source_chooser));
      alama_window_show_toast (self, message);
    }
  else
    alama_window_show_toast (self, _("No pending suggestions in this project"));
}

static void
review_next_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  review_walk (ALAMA_WINDOW (widget), 1);
}

static void
review_previous_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  review_walk (ALAMA_WINDOW (widget), -1);
}

/* ---- Deciding ---------------------------------------------------------------- */

static void
review_decide (AlamaWindow *self,
               AlamaStatus  status)
{
  if (!_alama_doc_view_has_selected_suggestion (self->doc_view))
    {
      alama_window_show_toast (self, _("Select a suggestion first (N for the next one)"));
      return;
    }
  _alama_doc_view_review_decide (self->doc_view, status, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->doc_view));
}

static void
review_accept_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  review_decide (ALAMA_WINDOW (widget), ALAMA_STATUS_ACCEPTED);
}

static void
review_reject_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  review_decide (ALAMA_WINDOW (widget), ALAMA_STATUS_REJECTED);
}

/* Accepts the shown document's pending suggestions with @label or from
 * @source (one of the two; from a source, its suggested relations too) in one
 * change: those the view shows. A suggestion hidden below the confidence
 * threshold was never seen, and a relation to one is not drawn either. */
static void
accept_all (AlamaWindow *self,
            const char  *label,
            const char  *source)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autofree char *description = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GHashTable) hidden = g_hash_table_new (g_int64_hash, g_int64_equal);
  AlamaSpanFilter shown = { ALAMA_STATUS_MASK_PENDING,
                            alama_doc_view_get_min_confidence (self->doc_view) };
  guint n = 0;

  if (!_alama_window_is_writable (self) || self->document == NULL)
    return;

  spans = alama_store_list_spans (self->store, alama_document_get_id (self->document),
                                  ALAMA_STATUS_MASK_PENDING, &error);
  description = label != NULL
                ? g_strdup_printf (_("Accept all %s suggestions"), label)
                : g_strdup_printf (_("Accept all suggestions from %s"), source);
  if (spans == NULL ||
      !alama_store_begin_change (self->store, description, ALAMA_CHANGE_UNDOABLE, &error))
    goto failed;

  for (guint i = 0; i < spans->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (spans, i);

      if (!alama_span_filter_shows (&shown, span))
        {
          g_hash_table_add (hidden, &span->id);
          continue;
        }
      if ((label != NULL && g_strcmp0 (span->label, label) != 0) ||
          (source != NULL && g_strcmp0 (span->source, source) != 0))
        continue;
      if (!alama_store_set_span_status (self->store, span->id, ALAMA_STATUS_ACCEPTED, &error))
        {
          alama_store_cancel_change (self->store);
          goto failed;
        }
      n++;
    }
  if (source != NULL)
    {
      g_autoptr(GPtrArray) relations = alama_store_list_relations (self->store,
                                                                   alama_document_get_id (self->document),
                                                                   ALAMA_STATUS_MASK_PENDING, &error);

      for (guint i = 0; relations != NULL && i < relations->len; i++)
        {
          AlamaRelation *rel = g_ptr_array_index (relations, i);

          if (g_strcmp0 (rel->source, source) != 0 ||
              g_hash_table_contains (hidden, &rel->from_id) ||
              g_hash_table_contains (hidden, &rel->to_id))
            continue;
          if (!alama_store_set_relation_status (self->store, rel->id, ALAMA_STATUS_ACCEPTED, &error))
            break;
          n++;
        }
      if (relations == NULL || error != NULL)
        {
          alama_store_cancel_change (self->store);
          goto failed;
        }
    }
  if (!alama_store_end_change (self->store, &error))
    goto failed;

  message = label != NULL
            ? g_strdup_printf (g_dngettext (NULL, "Accepted %u %s suggestion", "Accepted %u %s suggestions", n), n, label)
            : g_strdup_printf (g_dngettext (NULL, "Accepted %u suggestion from %s", "Accepted %u suggestions from %s", n), n, source);
  alama_window_show_toast (self, message);
  _alama_window_update_actions (self);
  return;

failed:
  message = g_strdup_printf (_("Could not accept the suggestions of “%s”: %s"),
                             alama_document_get_name (self->document), alama_error_text (error));
  _alama_window_show_error (self, _("Nothing Was Changed"), message);
}

static void
accept_all_label_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  accept_all (ALAMA_WINDOW (widget), g_variant_get_string (param, NULL), NULL);
}

static void
accept_all_source_activated (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  accept_all (ALAMA_WINDOW (widget), NULL, g_variant_get_string (param, NULL));
}

/* ---- Running the taggers ------------------------------------------------------ */

typedef struct
{
  char *project_path;
  char *document_name;
  char *annotator;
} TaggerJob;

static void
tagger_job_free (TaggerJob *job)
{
  g_free (job->project_path);
  g_free (job->document_name);
  g_free (job->annotator);
  g_free (job);
}

static void
run_taggers_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  TaggerJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaStore) store = NULL;
  g_autoptr(AlamaGazetteer) gazetteer = alama_gazetteer_new ();
  g_autofree char *dir = alama_gazetteer_dup_default_dir ();
  g_autoptr(GString) summary = g_string_new (NULL);
  const char *names[] = { job->document_name, NULL };

  /* A store is not thread-safe: this thread has its own connection. */
  store = alama_store_open (job->project_path, ALAMA_STORE_OPEN_DEFAULT, &error);
  if (store == NULL || !alama_gazetteer_load_dir (gazetteer, dir, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (job->annotator != NULL)
    alama_store_set_annotator (store, job->annotator);

  for (guint i = 0; i < G_N_ELEMENTS (run_taggers); i++)
    {
      g_autoptr(AlamaTagger) tagger = alama_tagger_new_by_name (run_taggers[i], store, gazetteer, &error);
      g_autoptr(AlamaTaggerReport) report = alama_tagger_report_new (run_taggers[i]);
      g_autofree char *text = NULL;

      if (tagger == NULL || !alama_tagger_run (store, tagger, names, report, cancellable, &error))
        {
          /* Taggers that ran keep their suggestions; say which one failed. */
          g_prefix_error (&error, "%s: ", run_taggers[i]);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      text = alama_tagger_report_format (report);
      g_string_append (summary, text);
    }
  g_task_return_pointer (task, g_string_free (g_steal_pointer (&summary), FALSE), g_free);
}

static void
run_taggers_done (GObject      *source_object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  AlamaWindow *self = ALAMA_WINDOW (source_object);
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = g_task_propagate_pointer (G_TASK (result), &error);

  if (self->review == NULL)  /* the window closed meanwhile */
    return;
  g_clear_object (&self->review->tagger_cancellable);
  /* The worker wrote through its own connection: re-read the project. */
  _alama_window_reload_project (self);
  if (summary == NULL)
    _alama_window_show_error (self, _("Automatic Tagging Failed"), alama_error_text (error));
  else
    {
      g_autofree char *flat = g_strstrip (g_strdelimit (g_strdup (summary), "\n", ';'));
      alama_window_show_toast (self, flat);
    }
  _alama_window_update_actions (self);
}

static void
run_taggers_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  AlamaWindow *self = ALAMA_WINDOW (widget);
  g_autoptr(GTask) task = NULL;
  TaggerJob *job;

  if (!_alama_window_is_writable (self) || self->document == NULL || self->review->tagger_cancellable != NULL)
    return;

  job = g_new0 (TaggerJob, 1);
  job->project_path = g_strdup (alama_store_get_path (self->store));
  job->document_name = g_strdup (alama_document_get_name (self->document));
  job->annotator = g_strdup (alama_store_get_annotator (self->store));

  self->review->tagger_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->review->tagger_cancellable, run_taggers_done, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) tagger_job_free);
  g_task_run_in_thread (task, run_taggers_thread);
  alama_window_show_toast (self, _("Running the automatic taggers…"));
  _alama_window_update_actions (self);
}

/* ---- Source chooser ----------------------------------------------------------- */

/* N and P visit only the chosen source's suggestions. */
static void
source_chosen_cb (AlamaWindow *self)
{
  alama_doc_view_set_review_source (self->doc_view,
                                    alama_source_chooser_get_source (self->source_chooser));
}

/* ---- Menu --------------------------------------------------------------------- */

static GMenuItem *
menu_item (const char *label,
           const char *action,
           const char *accel)
{
  GMenuItem *item = g_menu_item_new (label, action);

  if (accel != NULL)
    g_menu_item_set_attribute (item, "accel", "s", accel);
  return item;
}

static void
add_review_menu (AlamaWindow *self)
{
  GMenuModel *model = gtk_menu_button_get_menu_model (self->primary_menu_button);
  g_autoptr(GMenu) review_menu = g_menu_new ();
  g_autoptr(GMenu) walk = g_menu_new ();
  g_autoptr(GMenu) order = g_menu_new ();
  g_autoptr(GMenu) tag = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();
  const struct { const char *label, *action, *accel; } walk_items[] = {
    { N_("_Next Suggestion"), "win.review-next", "n" },
    { N_("_Previous Suggestion"), "win.review-previous", "p" },
    { N_("_Accept Suggestion"), "win.review-accept", "Return" },
    { N_("_Reject Suggestion"), "win.review-reject", "r" },
  };

  if (!G_IS_MENU (model))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (walk_items); i++)
    {
      g_autoptr(GMenuItem) item = menu_item (_(walk_items[i].label), walk_items[i].action,
                                             walk_items[i].accel);
      g_menu_append_item (walk, item);
    }
  g_menu_append_section (review_menu, NULL, G_MENU_MODEL (walk));

  self->review->accept_all_section = g_menu_new ();
  g_menu_append_section (review_menu, NULL, G_MENU_MODEL (self->review->accept_all_section));

  g_menu_append (tag, _("Run Automatic _Taggers on This Document"), "win.run-taggers");
  g_menu_append (tag, _("L_earn Now"), "win.retrain");  /* alama-window-learn.c */
  g_menu_append_section (review_menu, NULL, G_MENU_MODEL (tag));

  /* Last, so that the items above keep their places for the keyboard. */
  g_menu_append (order, _("_Least Certain First"), "win.review-least-certain-first");
  g_menu_append_section (review_menu, NULL, G_MENU_MODEL (order));

  g_menu_append_submenu (section, _("_Review"), G_MENU_MODEL (review_menu));
  g_menu_insert_section (G_MENU (model), 0, NULL, G_MENU_MODEL (section));
}

/* The "Accept All …" items for the shown document's pending labels and sources. */
static void
refresh_accept_all (AlamaWindow *self)
{
  AlamaWindowReview *review = self->review;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GHashTable) labels = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) sources = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GList) label_keys = NULL;
  g_autoptr(GList) source_keys = NULL;
  g_autoptr(GString) key = g_string_new (NULL);

  if (review->accept_all_section == NULL)
    return;
  review->accept_all_document = self->document != NULL ? alama_document_get_id (self->document) : 0;
  /* The document's counts are brought up to date before "changed" is emitted:
   * without suggestions there is nothing to read, and reading nothing from a
   * document of many annotations is still a query on every key press. */
  if (self->store != NULL && self->document != NULL &&
      alama_document_get_n_pending (self->document) > 0)
    spans = alama_store_list_spans (self->store, alama_document_get_id (self->document),
                                    ALAMA_STATUS_MASK_PENDING, NULL);
  for (guint i = 0; spans != NULL && i < spans->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (spans, i);

      g_hash_table_add (labels, span->label);
      g_hash_table_add (sources, span->source);
    }
  /* "Accept All from" a source takes its suggested relations too. */
  if (spans != NULL)
    relations = alama_store_list_relations (self->store, alama_document_get_id (self->document),
                                            ALAMA_STATUS_MASK_PENDING, NULL);
  for (guint i = 0; relations != NULL && i < relations->len; i++)
    g_hash_table_add (sources, ((AlamaRelation *) g_ptr_array_index (relations, i))->source);
  label_keys = g_list_sort (g_hash_table_get_keys (labels), (GCompareFunc) g_strcmp0);
  source_keys = g_list_sort (g_hash_table_get_keys (sources), (GCompareFunc) g_strcmp0);

  for (GList *l = label_keys; l != NULL; l = l->next)
    g_string_append_printf (key, "L%s\x1f", (char *) l->data);
  for (GList *l = source_keys; l != NULL; l = l->next)
    g_string_append_printf (key, "S%s\x1f", (char *) l->data);
  if (g_strcmp0 (key->str, review->accept_all_key) == 0)
    return;
  g_free (review->accept_all_key);
  review->accept_all_key = g_strdup (key->str);

  g_menu_remove_all (review->accept_all_section);
  for (GList *l = label_keys; l != NULL; l = l->next)
    {
      g_autofree char *label = g_strdup_printf (_("Accept All %s Suggestions"), (char *) l->data);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target (item, "win.accept-all-label", "s", (char *) l->data);
      g_menu_append_item (review->accept_all_section, item);
    }
  for (GList *l = source_keys; l != NULL; l = l->next)
    {
      g_autofree char *label = g_strdup_printf (_("Accept All from %s"), (char *) l->data);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target (item, "win.accept-all-source", "s", (char *) l->data);
      g_menu_append_item (review->accept_all_section, item);
    }
}

/* ---- Setup and state ---------------------------------------------------------- */

static void
update_from_store (gpointer user_data)
{
  AlamaWindow *self = user_data;

  refresh_accept_all (self);
}

/* The Accept All menu is not what a key press waits for: it follows after the
 * frame that shows the change. */
void
_alama_window_review_store_changed (AlamaWindow *self)
{
  if (self->review != NULL)
    alama_after_frame_schedule (self->review->store_update);
}

void
_alama_window_update_review_actions (AlamaWindow *self)
{
  gboolean can_write = _alama_window_is_writable (self);
  gboolean has_document = self->document != NULL;
  gboolean suggestion = has_document && _alama_doc_view_has_selected_suggestion (self->doc_view);
  AlamaWindowReview *review = self->review;
  GtkWidget *widget = GTK_WIDGET (self);

  if (review == NULL)
    return;
  /* Called on every selection change; the suggestions only change with the
   * document shown or with the store (store_changed_cb refreshes then). */
  if (review->accept_all_key == NULL ||
      review->accept_all_document != (has_document ? alama_document_get_id (self->document) : 0))
    refresh_accept_all (self);

  gtk_widget_action_set_enabled (widget, "win.review-next", self->store != NULL);
  gtk_widget_action_set_enabled (widget, "win.review-previous", self->store != NULL);
  gtk_widget_action_set_enabled (widget, "win.review-accept", can_write && suggestion);
  gtk_widget_action_set_enabled (widget, "win.review-reject", can_write && suggestion);
  gtk_widget_action_set_enabled (widget, "win.accept-all-label", can_write && has_document);
  gtk_widget_action_set_enabled (widget, "win.accept-all-source", can_write && has_document);
  gtk_widget_action_set_enabled (widget, "win.run-taggers",
                                 can_write && has_document &&
                                 self->review->tagger_cancellable == NULL &&
                                 self->io_cancellable == NULL);
}

static void
selected_relation_cb (AlamaWindow *self)
{
  alama_annotation_panel_set_review_relation (self->panel,
                                              _alama_doc_view_get_selected_suggested_relation (self->doc_view));
  _alama_window_update_actions (self);
}

void
_alama_window_setup_review (AlamaWindow *self)
{
  AlamaWindowReview *review = g_new0 (AlamaWindowReview, 1);
  g_autoptr(GtkEveryFilter) every = gtk_every_filter_new ();
  GtkFilter *name_filter = gtk_filter_list_model_get_filter (self->filtered_documents);

  self->review = review;
  review->store_update = alama_after_frame_new (GTK_WIDGET (self), update_from_store, self);

  /* The source chooser under the name filter, above the document list. */
  g_signal_connect_object (self->source_chooser, "notify::source",
                           G_CALLBACK (source_chosen_cb), self, G_CONNECT_SWAPPED);

  /* Both filters must pass: the name typed and the source chosen. */
  if (name_filter != NULL)
    gtk_multi_filter_append (GTK_MULTI_FILTER (every), g_object_ref (name_filter));
  gtk_multi_filter_append (GTK_MULTI_FILTER (every),
                           g_object_ref (alama_source_chooser_get_filter (self->source_chooser)));
  gtk_filter_list_model_set_filter (self->filtered_documents, GTK_FILTER (every));

  add_review_menu (self);

  /* Accept and Reject apply to a selected suggested relation too. */
  g_signal_connect_object (self->doc_view, "notify::selected-relation",
                           G_CALLBACK (selected_relation_cb), self, G_CONNECT_SWAPPED);
}

void
_alama_window_review_free (AlamaWindow *self)
{
  AlamaWindowReview *review = self->review;

  if (review == NULL)
    return;
  self->review = NULL;
  g_clear_pointer (&review->store_update, alama_after_frame_free);
  if (review->tagger_cancellable != NULL)
    g_cancellable_cancel (review->tagger_cancellable);
  g_clear_object (&review->tagger_cancellable);
  g_clear_object (&review->accept_all_section);
  g_free (review->accept_all_key);
  g_free (review);
}

void
_alama_window_class_install_review_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.review-next", NULL,
                                   review_next_activated);
  gtk_widget_class_install_action (widget_class, "win.review-previous", NULL,
                                   review_previous_activated);
  gtk_widget_class_install_action (widget_class, "win.review-accept", NULL,
                                   review_accept_activated);
  gtk_widget_class_install_action (widget_class, "win.review-reject", NULL,
                                   review_reject_activated);
  gtk_widget_class_install_action (widget_class, "win.accept-all-label", "s",
                                   accept_all_label_activated);
  gtk_widget_class_install_action (widget_class, "win.accept-all-source", "s",
                                   accept_all_source_activated);
  gtk_widget_class_install_action (widget_class, "win.run-taggers", NULL, run_taggers_activated);

  /* N and P also from the document list or the panel. A class binding runs in
   * the bubble phase: a text entry that has the focus takes its letters first. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, 0, "win.review-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, 0, "win.review-previous", NULL);
}
