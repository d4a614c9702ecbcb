/* alama-window-io.c: the window's projects and files: new and open project,
 * import and export through the file choosers, and the progress bar of the
 * background task that an import or export runs (alama-io-tasks.c). */
#define G_LOG_DOMAIN "alama-window"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include <alama/alama-export.h>
#include <alama/alama-import.h>

#include "alama-error-text.h"
#include "alama-io-tasks.h"
#include "alama-window-private.h"

/* ---- Background tasks: progress bar ----------------------------------------- */

static void
task_progress_cb (double      fraction,
                  const char *text,
                  gpointer    user_data)
{
  AlamaWindow *self = user_data;

  if (self->io_cancellable == NULL)
    return;
  gtk_label_set_label (self->progress_label, text);
  if (fraction < 0)
    gtk_progress_bar_pulse (self->progress_bar);
  else
    gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));
}

static GCancellable *
begin_task (AlamaWindow *self,
            const char  *text)
{
  g_assert (self->io_cancellable == NULL);

  self->io_cancellable = g_cancellable_new ();
  gtk_label_set_label (self->progress_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  _alama_window_update_actions (self);
  return self->io_cancellable;
}

static void
end_task (AlamaWindow *self)
{
  g_clear_object (&self->io_cancellable);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  _alama_window_update_actions (self);
}

static gboolean
is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
         g_error_matches (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_CANCELLED) ||
         g_error_matches (error, ALAMA_EXPORT_ERROR, ALAMA_EXPORT_ERROR_CANCELLED);
}

static void
cancel_task_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  AlamaWindow *self = ALAMA_WINDOW (widget);

  if (self->io_cancellable != NULL)
    g_cancellable_cancel (self->io_cancellable);
}

/* ---- Formats ---------------------------------------------------------------- */

/* The formats of `alama import --format` and `alama export --format`, by the
 * same names, as the choosers offer them. */
static const struct
{
  const char  *id;        /* the --format name */
  const char  *what;      /* N_(): what it is, shown before the name */
  AlamaFormat  format;
  gboolean     imported;
  const char  *suffix;    /* export: added when the name has none; "" a folder; NULL no export */
} formats[] = {
  { "jsonl", N_("JSONL, doccano’s, one document a line"), ALAMA_FORMAT_JSONL, TRUE, ".jsonl" },
  { "prodigy", N_("Prodigy tasks (JSONL)"), ALAMA_FORMAT_PRODIGY, TRUE, ".jsonl" },
  { "brat", N_("brat standoff (.txt and .ann)"), ALAMA_FORMAT_BRAT, TRUE, "" },
  { "conll", N_("CoNLL, BIO tags"), ALAMA_FORMAT_CONLL, TRUE, ".conll" },
  { "conllu", N_("CoNLL-U, Universal Dependencies"), ALAMA_FORMAT_CONLLU, TRUE, NULL },
  { "labelstudio", N_("Label Studio JSON"), ALAMA_FORMAT_LABELSTUDIO, TRUE, ".json" },
  { "webanno", N_("WebAnno TSV, INCEpTION’s"), ALAMA_FORMAT_WEBANNO, TRUE, "" },
  { "csv", N_("CSV, for spreadsheets"), ALAMA_FORMAT_CSV, FALSE, ".csv" },
  { "txt", N_("Plain text"), ALAMA_FORMAT_TXT, TRUE, NULL },
};

/* "Label Studio JSON (labelstudio)": the name is isolated, so that it keeps
 * its place in an Arabic sentence. */
static char *
format_label (guint i)
{
  return g_strdup_printf ("%s (\xe2\x81\xa8%s\xe2\x81\xa9)", _(formats[i].what), formats[i].id);
}

/* A "format" choice of the formats imported or exported, @first (id, label)
 * in front when not NULL. */
static void
add_format_choice (GtkFileChooser *chooser,
                   gboolean        import,
                   const char     *first_id,
                   const char     *first_label)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  if (first_id != NULL)
    {
      g_ptr_array_add (ids, (char *) first_id);
      g_ptr_array_add (labels, g_strdup (first_label));
    }
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (import ? formats[i].imported : formats[i].suffix != NULL)
      {
        g_ptr_array_add (ids, (char *) formats[i].id);
        g_ptr_array_add (labels, format_label (i));
      }
  g_ptr_array_add (ids, NULL);
  g_ptr_array_add (labels, NULL);
  /* The chooser copies both lists. */
  gtk_file_chooser_add_choice (chooser, "format", _("Format"), (const char **) ids->pdata,
                               (const char **) labels->pdata);
  gtk_file_chooser_set_choice (chooser, "format", first_id != NULL ? first_id : formats[0].id);
}

/* The table's entry of the chosen format; -1 for none (detect it). */
static int
chosen_format (GtkFileChooser *chooser)
{
  const char *id = gtk_file_chooser_get_choice (chooser, "format");

  for (guint i = 0; id != NULL && i < G_N_ELEMENTS (formats); i++)
    if (g_str_equal (id, formats[i].id))
      return (int) i;
  return -1;
}

/* ---- Import ----------------------------------------------------------------- */

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AlamaWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  gboolean ok;

  ok = alama_io_import_finish (result, &summary, &error);
  end_task (self);
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;

  /* The worker wrote through its own connection: re-open ours to see it (also
   * after an error, since the files before it were imported). */
  _alama_window_reload_project (self);

  if (ok)
    alama_window_show_toast (self, summary);
  else if (is_cancelled (error))
    alama_window_show_toast (self, _("Import cancelled. Files imported before stay in the project."));
  else
    {
      g_autofree char *body = g_strdup_printf ("%s\n\n%s\n%s", alama_error_text (error),
                                               _("Files before this one were imported; "
                                                 "this one and the rest were not."),
                                               summary != NULL ? summary : "");
      _alama_window_show_error (self, _("Import Stopped"), body);
    }
}

void
_alama_window_start_import (AlamaWindow        *self,
                            const char * const *paths,
                            AlamaFormat         format,
                            gboolean            as_suggestions,
                            gboolean            add_labels)
{
  AlamaIoImportSettings settings = { 0 };
  g_autofree char *annotator = g_settings_get_string (self->settings, "annotator");
  GCancellable *cancellable;

  if (self->store == NULL || self->io_cancellable != NULL)
    return;

  settings.format = format;
  settings.as_suggestions = as_suggestions;
  settings.add_labels = add_labels;
  settings.annotator = annotator[0] != '\0' ? annotator : NULL;

  cancellable = begin_task (self, _("Importing…"));
  alama_io_import_async (alama_store_get_path (self->store), paths, &settings,
                         task_progress_cb, self, cancellable,
                         import_done_cb, g_object_ref (self));
}

static gboolean
choice_is_true (GtkFileChooser *chooser,
                const char     *id)
{
  const char *value = gtk_file_chooser_get_choice (chooser, id);

  return value != NULL && g_str_equal (value, "true");
}

static void
import_chooser_response_cb (GtkNativeDialog *dialog,
                            int              response,
                            AlamaWindow     *self)
{
  GtkFileChooser *chooser = GTK_FILE_CHOOSER (dialog);
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  int f;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      files = gtk_file_chooser_get_files (chooser);
      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          char *path = g_file_get_path (file);

          if (path != NULL)
            g_ptr_array_add (paths, path);
          /* A file's folder, or a chosen folder's parent: where its
           * neighbours are. */
          if (i == 0)
            {
              g_clear_object (&self->import_folder);
              self->import_folder = g_file_get_parent (file);
            }
        }
      g_ptr_array_add (paths, NULL);
      f = chosen_format (chooser);
      if (paths->len > 1)
        _alama_window_start_import (self, (const char * const *) paths->pdata,
                                    f >= 0 ? formats[f].format : ALAMA_FORMAT_AUTO,
                                    choice_is_true (chooser, "as-suggestions"),
                                    choice_is_true (chooser, "add-labels"));
    }

  g_object_unref (dialog);
  g_object_unref (self);
}

static void new_project (AlamaWindow *self, int import_after);

/* The chooser starts where the last import came from, and before any in the
 * project's folder: the files to import are usually next to one another, and
 * GTK would otherwise start on Recent, a list of files from anywhere. */
static void
start_in_import_folder (AlamaWindow    *self,
                        GtkFileChooser *chooser)
{
  g_autoptr(GFile) project = g_file_new_for_path (alama_store_get_path (self->store));
  g_autoptr(GFile) project_folder = g_file_get_parent (project);
  GFile *folder = self->import_folder != NULL ? self->import_folder : project_folder;

  if (folder != NULL)
    gtk_file_chooser_set_current_folder (chooser, folder, NULL);
}

static void
choose_import (AlamaWindow *self,
               int          kind)
{
  GtkFileChooserNative *chooser;

  if (self->store == NULL)
    {
      /* From the start page: a project to import into comes first. */
      new_project (self, kind);
      return;
    }

  chooser = gtk_file_chooser_native_new (kind == IMPORT_FOLDER ? _("Import a Folder")
                                                                : _("Import Files"),
                                         GTK_WINDOW (self),
                                         kind == IMPORT_FOLDER
                                         ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                         : GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  start_in_import_folder (self, GTK_FILE_CHOOSER (chooser));
  if (kind == IMPORT_FILES)
    {
      g_autoptr(GtkFileFilter) known = gtk_file_filter_new ();
      g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

      gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
      gtk_file_filter_set_name (known, _("Files of the formats Alama reads"));
      for (const char * const *p = (const char * const[]) { "*.txt", "*.jsonl", "*.json", "*.ann",
                                                             "*.conll", "*.conllu", "*.tsv",
                                                             "*.iob", "*.bio", "*.train",
                                                             NULL }; *p; p++)
        gtk_file_filter_add_pattern (known, *p);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), known);
      /* CoNLL and text come under many names: the content tells. */
      gtk_file_filter_set_name (all, _("All files"));
      gtk_file_filter_add_pattern (all, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
    }
  add_format_choice (GTK_FILE_CHOOSER (chooser), TRUE, "auto",
                     _("Detect from the file name and content"));
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "add-labels",
                               _("Add unknown labels to the schema"), NULL, NULL);
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "as-suggestions",
                               _("Import annotations as suggestions to review"), NULL, NULL);
  g_signal_connect (chooser, "response", G_CALLBACK (import_chooser_response_cb),
                    g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
import_files_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  choose_import (ALAMA_WINDOW (widget), IMPORT_FILES);
}

static void
import_folder_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  choose_import (ALAMA_WINDOW (widget), IMPORT_FOLDER);
}

/* ---- Export ----------------------------------------------------------------- */

typedef struct
{
  AlamaWindow *window;
  char        *path;       /* what was written: a file, or brat's folder */
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->window);
  g_free (job->path);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportJob, export_job_free)

/* win.open-export-folder (a bytestring: the export's path), the toast's button:
 * the folder that holds the export, brat's own folder, else the file's. */
static void
open_export_folder_activated (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  const char *path = g_variant_get_bytestring (param);
  g_autofree char *folder = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;

  if (path[0] == '\0')
    return;
  folder = g_file_test (path, G_FILE_TEST_IS_DIR) ? g_strdup (path) : g_path_get_dirname (path);
  file = g_file_new_for_path (folder);
  uri = g_file_get_uri (file);
  gtk_show_uri (GTK_WINDOW (widget), uri, GDK_CURRENT_TIME);
}

/* Says where the export went, with a button that opens its folder. */
static void
show_export_toast (AlamaWindow *self,
                   const char  *path)
{
  g_autofree char *name = g_filename_display_name (path);
  /* Isolated: a Latin path inside an Arabic sentence keeps its order. */
  g_autofree char *display = g_strconcat ("\xe2\x81\xa8", name, "\xe2\x81\xa9", NULL);
  /* TRANSLATORS: %s is the file or folder the export was written to */
  g_autofree char *message = g_strdup_printf (_("Exported to %s"), display);
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 10);
  adw_toast_set_button_label (toast, _("Open Folder"));
  adw_toast_set_action_name (toast, "win.open-export-folder");
  adw_toast_set_action_target_value (toast, g_variant_new_bytestring (path));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ExportJob) job = user_data;
  AlamaWindow *self = job->window;
  g_autoptr(GError) error = NULL;

  if (alama_io_export_finish (result, &error))
    {
      end_task (self);
      if (!gtk_widget_in_destruction (GTK_WIDGET (self)))
        show_export_toast (self, job->path);
      return;
    }

  end_task (self);
  if (is_cancelled (error))
    alama_window_show_toast (self, _("Export cancelled"));
  else if (!gtk_widget_in_destruction (GTK_WIDGET (self)))
    _alama_window_show_error (self, _("Export Failed"), alama_error_text (error));
}

void
_alama_window_start_export (AlamaWindow     *self,
                            AlamaFormat      format,
                            const char      *out_path,
                            AlamaStatusMask  statuses)
{
  ExportJob *job;

  if (self->store == NULL || self->io_cancellable != NULL)
    return;

  job = g_new0 (ExportJob, 1);
  job->window = g_object_ref (self);
  job->path = g_strdup (out_path);
  alama_io_export_async (alama_store_get_path (self->store), format, out_path, statuses,
                         task_progress_cb, self, begin_task (self, _("Exporting…")),
                         export_done_cb, job);
}

static void
export_chooser_response_cb (GtkNativeDialog *dialog,
                            int              response,
                            AlamaWindow     *self)
{
  GtkFileChooser *chooser = GTK_FILE_CHOOSER (dialog);
  const char *statuses_id = gtk_file_chooser_get_choice (chooser, "statuses");
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  AlamaStatusMask statuses = ALAMA_STATUS_MASK_ACCEPTED;
  int f = chosen_format (chooser);

  if (response != GTK_RESPONSE_ACCEPT || self->store == NULL || self->io_cancellable != NULL)
    goto out;

  file = gtk_file_chooser_get_file (chooser);
  path = file != NULL ? g_file_get_path (file) : NULL;
  if (path == NULL)
    goto out;

  if (f < 0 || formats[f].suffix == NULL)
    f = 0;
  /* A webanno export named NAME.tsv is that one file, else a folder. */
  if (formats[f].suffix[0] != '\0' && !g_str_has_suffix (path, formats[f].suffix))
    {
      char *with_suffix = g_strconcat (path, formats[f].suffix, NULL);

      g_free (path);
      path = with_suffix;
    }
  if (statuses_id != NULL && g_str_equal (statuses_id, "pending"))
    statuses = ALAMA_STATUS_MASK_ACCEPTED | ALAMA_STATUS_MASK_PENDING;
  else if (statuses_id != NULL && g_str_equal (statuses_id, "all"))
    statuses = ALAMA_STATUS_MASK_ALL;

  _alama_window_start_export (self, formats[f].format, path, statuses);

out:
  g_object_unref (dialog);
  g_object_unref (self);
}

/* The save dialog always shows a file-type drop-down, which without filters
 * read "(None)" beside nothing that said what it was: each entry now says what
 * it shows, the first (all files) chosen. */
static void
add_export_filters (GtkFileChooser *chooser)
{
  static const struct
  {
    const char *name;
    const char *pattern;
  } filters[] = {
    { N_("Show all files"),          "*" },
    { N_("Show JSONL files (.jsonl)"), "*.jsonl" },
    { N_("Show JSON files (.json)"),   "*.json" },
    { N_("Show CoNLL files (.conll)"), "*.conll" },
    { N_("Show TSV files (.tsv)"),     "*.tsv" },
    { N_("Show CSV files (.csv)"),     "*.csv" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _(filters[i].name));
      gtk_file_filter_add_pattern (filter, filters[i].pattern);
      gtk_file_chooser_add_filter (chooser, filter);
    }
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  AlamaWindow *self = ALAMA_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *base = NULL;
  g_autofree char *suggested = NULL;
  static const char *status_ids[] = { "accepted", "pending", "all", NULL };
  const char *status_labels[] = { _("Accepted annotations"),
                                  _("Accepted and pending"),
                                  _("All, including rejected"),
                                  NULL };

  if (self->store == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Export Annotations"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  base = g_path_get_basename (alama_store_get_path (self->store));
  if (g_str_has_suffix (base, ".alama"))
    base[strlen (base) - strlen (".alama")] = '\0';
  suggested = g_strconcat (base, "-export", NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  add_format_choice (GTK_FILE_CHOOSER (chooser), FALSE, NULL, NULL);
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "statuses", _("Include"),
                               status_ids, status_labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "statuses", "accepted");
  add_export_filters (GTK_FILE_CHOOSER (chooser));
  g_signal_connect (chooser, "response", G_CALLBACK (export_chooser_response_cb),
                    g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- New and open project --------------------------------------------------- */

static void
new_project_response_cb (GtkNativeDialog *dialog,
                         int              response,
                         AlamaWindow     *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaStore) store = NULL;
  int import_after = self->import_after_create;

  self->import_after_create = IMPORT_NONE;
  if (response != GTK_RESPONSE_ACCEPT)
    goto out;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  path = file != NULL ? g_file_get_path (file) : NULL;
  if (path == NULL)
    goto out;
  if (!g_str_has_suffix (path, ".alama"))
    {
      char *with_suffix = g_strconcat (path, ".alama", NULL);

      g_free (path);
      path = with_suffix;
    }

  /* Never replace a file: an existing project would lose its work. */
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *name = g_filename_display_basename (path);
      g_autofree char *body = g_strdup_printf (_("A file named “%s” already exists. Choose "
                                                 "another name, or open it with Open Project."),
                                               name);

      _alama_window_show_error (self, _("Cannot Create the Project"), body);
      goto out;
    }

  store = alama_store_open (path, ALAMA_STORE_OPEN_CREATE, &error);
  if (store == NULL)
    {
      _alama_window_show_error (self, _("Cannot Create the Project"), alama_error_text (error));
      goto out;
    }
  g_clear_object (&store);

  if (alama_window_open_project (self, path) && import_after != IMPORT_NONE)
    choose_import (self, import_after);

out:
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
new_project (AlamaWindow *self,
             int          import_after)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("New Project"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Create"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("news.alama"));
  self->import_after_create = import_after;
  g_signal_connect (chooser, "response", G_CALLBACK (new_project_response_cb),
                    g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
new_project_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  new_project (ALAMA_WINDOW (widget), IMPORT_NONE);
}

static void
open_project_response_cb (GtkNativeDialog *dialog,
                          int              response,
                          AlamaWindow     *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        alama_window_open_project (self, path);
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
open_project_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  AlamaWindow *self = ALAMA_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) projects = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Open Project"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (projects, _("Alama projects"));
  gtk_file_filter_add_pattern (projects, "*.alama");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), projects);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  g_signal_connect (chooser, "response", G_CALLBACK (open_project_response_cb),
                    g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- Registration ----------------------------------------------------------- */

void
_alama_window_class_install_io_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-project", NULL, new_project_activated);
  gtk_widget_class_install_action (widget_class, "win.open-project", NULL, open_project_activated);
  gtk_widget_class_install_action (widget_class, "win.import-files", NULL, import_files_activated);
  gtk_widget_class_install_action (widget_class, "win.import-folder", NULL,
                                   import_folder_activated);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "win.cancel-task", NULL, cancel_task_activated);
  gtk_widget_class_install_action (widget_class, "win.open-export-folder", "ay",
                                   open_export_folder_activated);
}
