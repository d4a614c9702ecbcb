/* alama-window-learn.c: the project's model learns as the analyst works.
 *
 * After every N new training annotations (GSettings "retrain-every"; 0 =
 * never) and on win.retrain (Review → Learn Now), the model "model" is
 * trained again in a worker thread with its own store connection, then the
 * suggestions of the documents nobody reviewed are refreshed
 * (alama_retrain_run(), include/alama/alama-retrain.h). Meanwhile a spinner
 * and a label in the header bar say so; the window goes on answering.
 *
 * What counts: the accepted entity spans written after the last training
 * started (alama_retrain_count_new_spans()). That is read from the file,
 * not added up from "changed" signals: accepting, correcting an accepted
 * span, adding one by hand and "Accept All" each write such rows, an undone
 * acceptance stops counting by itself, and the figure survives a restart
 * (the model's own time in the file is where a new session starts from). The
 * count is taken after the frame that shows a change, not in the key press.
 *
 * The refresh is written by the worker as not-undoable changes, and only on
 * documents without the analyst's decisions or edits: Undo still takes back
 * the analyst's last action. The window's store then catches up with the file
 * (alama_store_refresh()), so the shown document changes through its
 * AlamaDocumentModel like any commit of another connection.
 *
 * Closing the window or the project cancels the worker: it stops before it
 * stores the model, or between two documents, so the file holds the old model
 * or the new one, and whole documents. */
#define G_LOG_DOMAIN "alama-window"

#include "config.h"

#include <glib/gi18n.h>

#include <alama/alama-retrain.h>

#include "alama-error-text.h"
#include "alama-window-private.h"

struct _AlamaWindowLearn
{
  char            *path;            /* the project's file: a reload of it is the same project */
  AlamaAfterFrame *count_update;    /* the count follows a change after its frame */
  GCancellable    *cancellable;     /* the running training, or NULL */
  gint64           trained_since;   /* spans written after this are new (µs) */
};

typedef struct
{
  char   *project_path;
  char   *annotator;
  gint64  started;
  gboolean by_hand;                 /* win.retrain, not the count */
  GApplication *app;                /* held while the worker runs, or NULL */
} LearnJob;

static void
learn_job_free (LearnJob *job)
{
  if (job->app != NULL)
    g_application_release (job->app);
  g_clear_object (&job->app);
  g_free (job->project_path);
  g_free (job->annotator);
  g_free (job);
}

/* ---- The worker --------------------------------------------------------------- */

static void
learn_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  LearnJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaStore) store = NULL;
  g_autoptr(AlamaGazetteer) gazetteer = alama_gazetteer_new ();
  g_autofree char *dir = alama_gazetteer_dup_default_dir ();
  AlamaRetrainCounts counts = { 0 };

  /* A store is not thread-safe: this thread has its own connection. */
  store = alama_store_open (job->project_path, ALAMA_STORE_OPEN_DEFAULT, &error);
  if (store == NULL || !alama_gazetteer_load_dir (gazetteer, dir, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (job->annotator != NULL)
    alama_store_set_annotator (store, job->annotator);

  if (!alama_retrain_run (store, ALAMA_TAGGER_MODEL_DEFAULT_NAME, gazetteer, cancellable,
                          &counts, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, g_memdup2 (&counts, sizeof counts), g_free);
}

/* ---- Starting and finishing ------------------------------------------------------ */

static void
show_indicator (AlamaWindow *self,
                guint        n_new)
{
  g_autofree char *text = NULL;

  if (n_new > 0)
    text = g_strdup_printf (g_dngettext (NULL, "Learning from %u new annotation…",
                                         "Learning from %u new annotations…", n_new), n_new);
  else
    text = g_strdup (_("Learning from the annotations…"));
  gtk_label_set_label (self->learn_label, text);
  gtk_spinner_set_spinning (self->learn_spinner, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->learn_box), TRUE);
}

static void
hide_indicator (AlamaWindow *self)
{
  gtk_spinner_set_spinning (self->learn_spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->learn_box), FALSE);
}

static void
learn_done (GObject      *source_object,
            GAsyncResult *result,
            gpointer      user_data)
{
  AlamaWindow *self = ALAMA_WINDOW (source_object);
  LearnJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree AlamaRetrainCounts *counts = g_task_propagate_pointer (G_TASK (result), &error);
  AlamaWindowLearn *learn = self->learn;

  if (learn == NULL)  /* the window closed meanwhile */
    return;
  g_clear_object (&learn->cancellable);
  hide_indicator (self);

  /* Another project is open by now: this result is not about it. */
  if (g_strcmp0 (learn->path, job->project_path) != 0)
    {
      _alama_window_update_actions (self);
      return;
    }

  /* Whatever the outcome, what was there at the start has been looked at:
   * a failure is not tried again at every following change. */
  learn->trained_since = job->started;

  if (counts != NULL)
    {
      g_autofree char *message = NULL;

      /* The worker wrote through its own connection: catch up, so the shown
       * document's model reads the rows that changed. */
      if (self->store != NULL)
        alama_store_refresh (self->store, NULL);
      message = g_strdup_printf (g_dngettext (NULL, "The model learned; suggestions refreshed in %u document",
                                              "The model learned; suggestions refreshed in %u documents",
                                              counts->n_documents),
                                 counts->n_documents);
      alama_window_show_toast (self, message);
    }
  else if (g_error_matches (error, ALAMA_TAGGER_ERROR, ALAMA_TAGGER_ERROR_NO_TRAINING_DATA))
    {
      if (job->by_hand)
        alama_window_show_toast (self, _("Nothing to learn from yet: accept some entity annotations first"));
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
           !g_error_matches (error, ALAMA_TAGGER_ERROR, ALAMA_TAGGER_ERROR_CANCELLED))
    {
      g_autofree char *message = g_strdup_printf (_("The model could not learn: %s"),
                                                  alama_error_text (error));
      alama_window_show_toast (self, message);
    }

  _alama_window_update_actions (self);
  /* Annotations accepted while it learned may already make the next batch. */
  alama_after_frame_schedule (learn->count_update);
}

static void
start_learning (AlamaWindow *self,
                guint        n_new,
                gboolean     by_hand)
{
  AlamaWindowLearn *learn = self->learn;
  g_autoptr(GTask) task = NULL;
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  LearnJob *job;

  if (!_alama_window_is_writable (self) || learn->cancellable != NULL)
    return;

  job = g_new0 (LearnJob, 1);
  job->project_path = g_strdup (alama_store_get_path (self->store));
  job->annotator = g_strdup (alama_store_get_annotator (self->store));
  /* Before the worker reads anything: a span accepted from now on is new to
   * the next training, even if this one happens to see it. */
  job->started = g_get_real_time ();
  job->by_hand = by_hand;

  learn->cancellable = g_cancellable_new ();
  task = g_task_new (self, learn->cancellable, learn_done, NULL);
  g_task_set_source_tag (task, start_learning);
  g_task_set_task_data (task, job, (GDestroyNotify) learn_job_free);
  /* Quitting waits for the cancelled worker to stop, rather than cutting it
   * off in the middle of a write; the job lets go when it is freed. */
  if (app != NULL)
    {
      job->app = G_APPLICATION (g_object_ref (app));
      g_application_hold (job->app);
    }
  g_task_run_in_thread (task, learn_thread);

  show_indicator (self, n_new);
  _alama_window_update_actions (self);
}

/* ---- Counting ---------------------------------------------------------------------- */

static void
count_update (gpointer user_data)
{
  AlamaWindow *self = user_data;
  AlamaWindowLearn *learn = self->learn;
  guint every = g_settings_get_uint (self->settings, "retrain-every");
  g_autoptr(GError) error = NULL;
  guint n;

  if (every == 0 || learn->cancellable != NULL || !_alama_window_is_writable (self))
    return;
  n = alama_retrain_count_new_spans (self->store, learn->trained_since, &error);
  if (error != NULL)
    {
      g_debug ("counting new annotations: %s", error->message);
      return;
    }
  if (n >= every)
    start_learning (self, n, FALSE);
}

void
_alama_window_learn_store_changed (AlamaWindow *self)
{
  if (self->learn != NULL)
    alama_after_frame_schedule (self->learn->count_update);
}

/* Follows the window's project; a different one cancels the training of the
 * one before. Reopening the same file (after an import) keeps it. */
static void
follow_project (AlamaWindow *self)
{
  AlamaWindowLearn *learn = self->learn;
  const char *path = self->store != NULL ? alama_store_get_path (self->store) : NULL;

  if (g_strcmp0 (path, learn->path) == 0)
    return;
  if (learn->cancellable != NULL)
    g_cancellable_cancel (learn->cancellable);
  g_free (learn->path);
  learn->path = g_strdup (path);
  learn->trained_since = 0;
  if (self->store != NULL)
    {
      /* Where this project's model left off; without a model, this session. */
      learn->trained_since = alama_retrain_get_model_time (self->store,
                                                           ALAMA_TAGGER_MODEL_DEFAULT_NAME, NULL);
      if (learn->trained_since == 0)
        learn->trained_since = g_get_real_time ();
    }
}

/* ---- Actions and state -------------------------------------------------------------- */

static void
retrain_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  AlamaWindow *self = ALAMA_WINDOW (widget);

  if (!_alama_window_is_writable (self))
    return;
  start_learning (self, alama_retrain_count_new_spans (self->store, self->learn->trained_since, NULL),
                  TRUE);
}

void
_alama_window_update_learn_actions (AlamaWindow *self)
{
  if (self->learn == NULL)
    return;
  follow_project (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.retrain",
                                 _alama_window_is_writable (self) && self->learn->cancellable == NULL);
}

/* A smaller figure may already be reached. */
static void
retrain_every_changed_cb (AlamaWindow *self)
{
  if (self->learn != NULL)
    alama_after_frame_schedule (self->learn->count_update);
}

void
_alama_window_setup_learn (AlamaWindow *self)
{
  self->learn = g_new0 (AlamaWindowLearn, 1);
  self->learn->count_update = alama_after_frame_new (GTK_WIDGET (self), count_update, self);
  g_signal_connect_object (self->settings, "changed::retrain-every",
                           G_CALLBACK (retrain_every_changed_cb), self, G_CONNECT_SWAPPED);
}

void
_alama_window_learn_cancel (AlamaWindow *self)
{
  if (self->learn != NULL && self->learn->cancellable != NULL)
    g_cancellable_cancel (self->learn->cancellable);
}

void
_alama_window_learn_free (AlamaWindow *self)
{
  AlamaWindowLearn *learn = self->learn;

  if (learn == NULL)
    return;
  self->learn = NULL;
  g_clear_pointer (&learn->count_update, alama_after_frame_free);
  if (learn->cancellable != NULL)
    g_cancellable_cancel (learn->cancellable);
  g_clear_object (&learn->cancellable);
  g_free (learn->path);
  g_free (learn);
}

void
_alama_window_class_install_learn_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.retrain", NULL, retrain_activated);
}
