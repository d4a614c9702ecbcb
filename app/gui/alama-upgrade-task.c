/* alama-upgrade-task.c: see alama-upgrade-task.h. */
#define G_LOG_DOMAIN "alama-upgrade-task"

#include "config.h"

#include "alama-probe.h"
#include "alama-upgrade-task.h"

typedef struct
{
  char                  *path;
  AlamaStoreUpgradeFunc  progress;       /* called in @context */
  gpointer               progress_data;
  GMainContext          *context;
  gboolean               reported;       /* worker only: the first report was made */
} UpgradeData;

static void
upgrade_data_free (gpointer data)
{
  UpgradeData *upgrade = data;

  g_free (upgrade->path);
  g_main_context_unref (upgrade->context);
  g_free (upgrade);
}

/* One report on its way to the caller's context; it holds the task, and so
 * the caller's source object and progress data, until it is delivered. */
typedef struct
{
  GTask  *task;
  guint   step;
  guint   n_steps;
  double  fraction;
} Report;

static void
report_free (gpointer data)
{
  Report *report = data;

  g_object_unref (report->task);
  g_free (report);
}

static gboolean
deliver_report_cb (gpointer data)
{
  Report *report = data;
  UpgradeData *upgrade = g_task_get_task_data (report->task);

  /* Reports are queued before the task's result, so @progress_data, which the
   * caller frees in its callback, is still there. */
  upgrade->progress (report->step, report->n_steps, report->fraction, upgrade->progress_data);
  return G_SOURCE_REMOVE;
}

/* In the worker: the core already reports at most about 20 times a second. */
static void
worker_progress_cb (guint    step,
                    guint    n_steps,
                    double   fraction,
                    gpointer user_data)
{
  GTask *task = user_data;
  UpgradeData *upgrade = g_task_get_task_data (task);
  Report *report;

  if (upgrade->progress != NULL)
    {
      report = g_new0 (Report, 1);
      report->task = g_object_ref (task);
      report->step = step;
      report->n_steps = n_steps;
      report->fraction = fraction;
      g_main_context_invoke_full (upgrade->context, G_PRIORITY_DEFAULT, deliver_report_cb, report,
                                  report_free);
    }

  /* The upgrade's transaction is open: a watcher (the UI tests) may hold it
   * here to see the page, and lets go when it is done or @cancellable fires. */
  if (!upgrade->reported)
    {
      upgrade->reported = TRUE;
      alama_probe_point ("upgrade-running", g_task_get_cancellable (task));
    }
}

static void
upgrade_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  UpgradeData *upgrade = task_data;
  g_autoptr(GError) error = NULL;
  AlamaStore *store;

  store = alama_store_open_upgraded (upgrade->path, worker_progress_cb, task, cancellable,
                                     &error);
  if (store == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, store, g_object_unref);
}

void
alama_upgrade_task_run_async (gpointer               source_object,
                              const char            *path,
                              AlamaStoreUpgradeFunc  progress,
                              gpointer               progress_data,
                              GCancellable          *cancellable,
                              GAsyncReadyCallback    callback,
                              gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  UpgradeData *upgrade;

  g_return_if_fail (path != NULL);

  upgrade = g_new0 (UpgradeData, 1);
  upgrade->path = g_strdup (path);
  upgrade->progress = progress;
  upgrade->progress_data = progress_data;
  upgrade->context = g_main_context_ref_thread_default ();

  task = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (task, alama_upgrade_task_run_async);
  g_task_set_task_data (task, upgrade, upgrade_data_free);
  /* The store is returned even when a cancel came too late to stop the
   * upgrade: the file was upgraded, and the caller decides. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, upgrade_thread);
}

AlamaStore *
alama_upgrade_task_run_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == alama_upgrade_task_run_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
