/* alama-io-tasks.c: import and export on GTask threads. */
#define G_LOG_DOMAIN "alama-io-tasks"

#include "config.h"

#include <glib/gi18n.h>

#include <alama/alama-export.h>
#include <alama/alama-import.h>
#include <alama/alama-store.h>

#include "alama-io-tasks.h"

/* What the worker needs, copied: the caller's strings may be gone by then. */
typedef struct
{
  char               *project_path;
  GStrv               paths;          /* import */
  gboolean            as_suggestions;
  gboolean            add_labels;
  char               *annotator;
  AlamaFormat         format;         /* of the export, or the import's (AUTO) */
  char               *out_path;
  AlamaStatusMask     statuses;

  AlamaIoProgressFunc progress;
  GObject            *progress_owner;
  GMainContext       *context;        /* the caller's, where progress is reported */
  gint64              last_report;    /* monotonic µs, to report at most ~20 times a second */

  char               *summary;        /* import: set by the worker */
} IoTaskData;

static void
io_task_data_free (IoTaskData *data)
{
  g_free (data->project_path);
  g_strfreev (data->paths);
  g_free (data->annotator);
  g_free (data->out_path);
  g_clear_object (&data->progress_owner);
  g_clear_pointer (&data->context, g_main_context_unref);
  g_free (data->summary);
  g_free (data);
}

typedef struct
{
  AlamaIoProgressFunc progress;
  GObject            *owner;
  double              fraction;
  char               *text;
} ProgressReport;

static gboolean
deliver_progress (gpointer user_data)
{
  ProgressReport *report = user_data;

  report->progress (report->fraction, report->text, report->owner);
  return G_SOURCE_REMOVE;
}

static void
progress_report_free (gpointer user_data)
{
  ProgressReport *report = user_data;

  g_clear_object (&report->owner);
  g_free (report->text);
  g_free (report);
}

/* Called on the worker thread; hands the report to the caller's context. */
static void
report_progress (IoTaskData *data,
                 double      fraction,
                 char       *text,      /* takes ownership */
                 gboolean    force)
{
  gint64 now = g_get_monotonic_time ();
  ProgressReport *report;

  if (data->progress == NULL || (!force && now - data->last_report < G_USEC_PER_SEC / 20))
    {
      g_free (text);
      return;
    }
  data->last_report = now;

  report = g_new0 (ProgressReport, 1);
  report->progress = data->progress;
  report->owner = data->progress_owner != NULL ? g_object_ref (data->progress_owner) : NULL;
  report->fraction = fraction;
  report->text = text;
  g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, deliver_progress, report,
                              progress_report_free);
}

static IoTaskData *
io_task_data_new (const char          *project_path,
                  AlamaIoProgressFunc  progress,
                  gpointer             progress_owner)
{
  IoTaskData *data = g_new0 (IoTaskData, 1);

  g_return_val_if_fail (progress_owner == NULL || G_IS_OBJECT (progress_owner), data);

  data->project_path = g_strdup (project_path);
  data->progress = progress;
  data->progress_owner = progress_owner != NULL ? g_object_ref (progress_owner) : NULL;
  data->context = g_main_context_ref_thread_default ();
  return data;
}

/* ---- Import ---------------------------------------------------------------- */

static void
import_progress_cb (guint        done,
                    guint        total,
                    const char  *current_path,
                    gpointer     user_data)
{
  IoTaskData *data = user_data;
  g_autofree char *name = current_path != NULL ? g_path_get_basename (current_path) : NULL;

  report_progress (data, total > 0 ? (double) done / total : -1.0,
                   name != NULL
                   ? g_strdup_printf (_("Importing %s (%u of %u)"), name, MIN (done + 1, total), total)
                   : g_strdup (_("Importing…")),
                   done == 0 || done == total);
}

static char *
import_summary (const AlamaImportReport *report)
{
  GString *summary = g_string_new (NULL);

  g_string_append_printf (summary,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "Imported %u document", "Imported %u documents",
                                       report->n_documents),
                          report->n_documents);
  g_string_append (summary, " ");
  g_string_append_printf (summary,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "with %u annotation", "with %u annotations",
                                       report->n_spans),
                          report->n_spans);
  if (report->n_files_skipped > 0)
    {
      g_string_append (summary, "; ");
      g_string_append_printf (summary,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u file was already in the project",
                                           "%u files were already in the project",
                                           report->n_files_skipped),
                              report->n_files_skipped);
    }
  g_string_append (summary, ".");
  return g_string_free (summary, FALSE);
}

/* How many times an import that found the project locked is run, in all. */
#define IMPORT_ATTEMPTS 4

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  IoTaskData *data = task_data;
  g_autoptr(AlamaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  AlamaImportOptions options = { 0 };
  AlamaImportReport report;
  gboolean ok;

  store = alama_store_open (data->project_path, ALAMA_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (data->annotator != NULL)
    alama_store_set_annotator (store, data->annotator);

  options.format = data->format;
  options.as_suggestions = data->as_suggestions;
  options.add_labels = data->add_labels;
  options.annotator = data->annotator;

  /* One import is one change, as `alama import` without --keep-going: a file
   * that fails (or a cancel) leaves the project as it was, and the error names
   * the file. So an import that found the project locked can run again: on a
   * very busy machine its commit can lose SQLite's locking race to the
   * window's own connection and to readers in other programs. */
  for (guint attempt = 1; ; attempt++)
    {
      alama_import_report_init (&report);
      ok = alama_import_paths (store, (const char * const *) data->paths, &options,
                               import_progress_cb, data, cancellable, &report, &error);
      if (ok || attempt == IMPORT_ATTEMPTS || g_cancellable_is_cancelled (cancellable) ||
          !g_error_matches (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_LOCKED))
        break;
      alama_import_report_clear (&report);
      g_clear_error (&error);
      report_progress (data, -1.0, g_strdup (_("The project is busy; trying again…")), TRUE);
      g_usleep ((G_USEC_PER_SEC / 4) << (attempt - 1));
    }
  data->summary = import_summary (&report);
  alama_import_report_clear (&report);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
alama_io_import_async (const char                  *project_path,
                       const char * const          *paths,
                       const AlamaIoImportSettings *settings,
                       AlamaIoProgressFunc          progress,
                       gpointer                     progress_owner,
                       GCancellable                *cancellable,
                       GAsyncReadyCallback          callback,
                       gpointer                     user_data)
{
  g_autoptr(GTask) task = NULL;
  IoTaskData *data;

  g_return_if_fail (project_path != NULL);
  g_return_if_fail (paths != NULL);

  data = io_task_data_new (project_path, progress, progress_owner);
  data->paths = g_strdupv ((char **) paths);
  if (settings != NULL)
    {
      data->format = settings->format;
      data->as_suggestions = settings->as_suggestions;
      data->add_labels = settings->add_labels;
      data->annotator = g_strdup (settings->annotator);
    }

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, alama_io_import_async);
  g_task_set_task_data (task, data, (GDestroyNotify) io_task_data_free);
  g_task_run_in_thread (task, import_thread);
}

gboolean
alama_io_import_finish (GAsyncResult  *result,
                        char         **out_summary,
                        GError       **error)
{
  IoTaskData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == alama_io_import_async, FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (out_summary != NULL)
    *out_summary = g_strdup (data->summary);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- Export ---------------------------------------------------------------- */

static void
export_progress_cb (guint    done,
                    guint    total,
                    gpointer user_data)
{
  IoTaskData *data = user_data;

  report_progress (data, total > 0 ? (double) done / total : -1.0,
                   g_strdup_printf (_("Exporting document %u of %u"), MIN (done + 1, total), total),
                   done == total);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  IoTaskData *data = task_data;
  g_autoptr(AlamaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  AlamaExportOptions options = { 0 };

  store = alama_store_open (data->project_path, ALAMA_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  options.statuses = data->statuses;
  if (!alama_export (store, data->format, data->out_path, &options,
                     export_progress_cb, data, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
alama_io_export_async (const char          *project_path,
                       AlamaFormat          format,
                       const char          *out_path,
                       AlamaStatusMask      statuses,
                       AlamaIoProgressFunc  progress,
                       gpointer             progress_owner,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  IoTaskData *data;

  g_return_if_fail (project_path != NULL);
  g_return_if_fail (out_path != NULL);

  data = io_task_data_new (project_path, progress, progress_owner);
  data->format = format;
  data->out_path = g_strdup (out_path);
  data->statuses = statuses;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, alama_io_export_async);
  g_task_set_task_data (task, data, (GDestroyNotify) io_task_data_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
alama_io_export_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == alama_io_export_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
