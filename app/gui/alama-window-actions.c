/* alama-window-actions.c: what the window's menu items, buttons and shortcuts do.
 *
 * All actions live in the window's "win" action group; which are enabled is
 * decided in one place, _alama_window_update_actions(). The keyboard shortcuts
 * are set in alama-application.c and listed in ui/gtk/help-overlay.ui.
 */
#define G_LOG_DOMAIN "alama-window"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include <alama/alama-export.h>
#include <alama/alama-import.h>

#include "alama-error-text.h"
#include "alama-io-tasks.h"
#include "alama-window-insight.h"
#include "alama-window-private.h"

#define ZOOM_STEP 1.1
#define ZOOM_MIN  0.5
#define ZOOM_MAX  3.0

static void
set_enabled (AlamaWindow *self,
             const char  *name,
             gboolean     enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  if (G_IS_SIMPLE_ACTION (action))
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

static void
set_history_tooltip (GtkButton  *button,
                     char       *description,   /* takes ownership, may be NULL */
                     const char *format,
                     const char *nothing)
{
  g_autofree char *owned = description;
  g_autofree char *tooltip = NULL;

  const char *text;

  if (description != NULL)
    tooltip = g_strdup_printf (format, description);
  text = tooltip != NULL ? tooltip : nothing;
  /* GTK queries the pointer (an X round trip) on every set, even of the same
   * text; this runs after every change and selection. */
  if (g_strcmp0 (gtk_widget_get_tooltip_text (GTK_WIDGET (button)), text) != 0)
    gtk_widget_set_tooltip_text (GTK_WIDGET (button), text);
}

void
_alama_window_update_actions (AlamaWindow *self)
{
  gboolean has_store = self->store != NULL;
  gboolean writable = has_store && !alama_store_is_read_only (self->store);
  gboolean busy = self->io_cancellable != NULL;
  gboolean can_undo = writable && !busy && alama_store_can_undo (self->store);
  gboolean can_redo = writable && !busy && alama_store_can_redo (self->store);

  set_enabled (self, "undo", can_undo);
  set_enabled (self, "redo", can_redo);
  set_history_tooltip (self->undo_button,
                       can_undo ? alama_store_dup_undo_description (self->store) : NULL,
                       _("Undo “%s” (Ctrl+Z)"), _("Nothing to Undo"));
  set_history_tooltip (self->redo_button,
                       can_redo ? alama_store_dup_redo_description (self->store) : NULL,
                       _("Redo “%s” (Ctrl+Shift+Z)"), _("Nothing to Redo"));

  set_enabled (self, "delete-annotation",
               writable && self->document != NULL && _alama_window_get_selected_span (self) != 0);
  set_enabled (self, "previous-document", has_store);
  set_enabled (self, "next-document", has_store);
  set_enabled (self, "focus-filter", has_store);
  set_enabled (self, "export", has_store && !busy);
  set_enabled (self, "import-files", !busy && (writable || !has_store));
  set_enabled (self, "import-folder", !busy && (writable || !has_store));
  set_enabled (self, "new-project", !busy);
  set_enabled (self, "open-project", !busy);
  set_enabled (self, "cancel-task", busy);
  _alama_window_update_review_actions (self);
  _alama_window_update_insight_actions (self);
}

/* ---- Undo and redo ---------------------------------------------------------- */

static void
show_touched_document (AlamaWindow *self,
                       gint64       document_id)
{
  g_autoptr(AlamaDocument) document = NULL;

  /* Show the change where it happened, so an undo is never invisible. */
  if (document_id == 0 || (self->document != NULL &&
                           alama_document_get_id (self->document) == document_id))
    return;
  document = alama_store_get_document (self->store, document_id);
  if (document != NULL)
    alama_window_select_document_by_name (self, alama_document_get_name (document));
}

static void
undo_activated (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  AlamaWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 document_id = 0;

  if (self->store == NULL)
    return;
  if (!alama_store_undo (self->store, &document_id, &error))
    alama_window_show_toast (self, alama_error_text (error));
  else
    show_touched_document (self, document_id);
  _alama_window_update_actions (self);
}

static void
redo_activated (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  AlamaWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 document_id = 0;

  if (self->store == NULL)
    return;
  if (!alama_store_redo (self->store, &document_id, &error))
    alama_window_show_toast (self, alama_error_text (error));
  else
    show_touched_document (self, document_id);
  _alama_window_update_actions (self);
}

/* ---- Deleting an annotation ------------------------------------------------- */

static void
delete_span_now (AlamaWindow *self,
                 gint64       span_id)
{
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (!alama_store_delete_span (self->store, span_id, &error))
    {
      alama_window_show_toast (self, alama_error_text (error));
      return;
    }

  toast = adw_toast_new (_("Annotation deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  _alama_window_update_actions (self);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  AlamaWindow *self = ALAMA_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  gint64 span_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "span-id"));

  if (g_str_equal (response, "delete") && self->store != NULL)
    delete_span_now (self, span_id);
}

static void
delete_annotation_activated (GSimpleAction *action,
                             GVariant      *param,
                             gpointer       user_data)
{
  AlamaWindow *self = user_data;
  gint64 span_id = _alama_window_get_selected_span (self);
  guint n_relations;
  GtkWidget *dialog;
  g_autofree char *body = NULL;

  if (self->store == NULL || span_id == 0)
    return;

  n_relations = alama_store_count_span_relations (self->store, span_id);
  if (n_relations == 0)
    {
      delete_span_now (self, span_id);
      return;
    }

  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u relation starts or ends at this annotation and will "
                                       "be deleted with it.",
                                       "%u relations start or end at this annotation and will "
                                       "be deleted with it.",
                                       n_relations),
                          n_relations);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Delete the Annotation?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "span-id", GSIZE_TO_POINTER ((gsize) span_id));
  g_signal_connect (dialog, "response", G_CALLBACK (delete_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- Navigation and focus --------------------------------------------------- */

static void
previous_document_activated (GSimpleAction *action,
                             GVariant      *param,
                             gpointer       user_data)
{
  _alama_window_step_document (user_data, -1);
}

static void
next_document_activated (GSimpleAction *action,
                         GVariant      *param,
                         gpointer       user_data)
{
  _alama_window_step_document (user_data, +1);
}

static void
focus_filter_activated (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  AlamaWindow *self = user_data;

  gtk_widget_set_visible (self->sidebar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->filter_entry));
}

/* F6 cycles sidebar -> text -> panel (the panes that are visible). */
static void
cycle_focus (AlamaWindow *self,
             int          step)
{
  GtkWidget *areas[3] = { self->sidebar, GTK_WIDGET (self->doc_view), GTK_WIDGET (self->panel) };
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  int current = -1;

  if (self->store == NULL)
    return;

  for (int i = 0; i < 3; i++)
    if (focus != NULL && (focus == areas[i] || gtk_widget_is_ancestor (focus, areas[i])))
      current = i;

  for (int n = 1; n <= 3; n++)
    {
      int i = ((current < 0 ? (step > 0 ? -1 : 0) : current) + step * n + 6) % 3;

      if (!gtk_widget_is_visible (areas[i]) || !gtk_widget_get_child_visible (areas[i]))
        continue;
      if (i == 0)
        gtk_widget_grab_focus (GTK_WIDGET (self->document_list));
      else if (i == 1)
        {
          if (!gtk_widget_is_drawable (GTK_WIDGET (self->doc_view)))
            continue;
          gtk_widget_grab_focus (GTK_WIDGET (self->doc_view));
        }
      else
        alama_annotation_panel_focus_list (self->panel);
      return;
    }
}

static void
cycle_focus_activated (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  cycle_focus (user_data, +1);
}

static void
cycle_focus_back_activated (GSimpleAction *action,
                            GVariant      *param,
                            gpointer       user_data)
{
  cycle_focus (user_data, -1);
}

/* ---- Zoom ------------------------------------------------------------------- */

static void
set_zoom (AlamaWindow *self,
          double       zoom)
{
  g_settings_set_double (self->settings, "zoom", CLAMP (zoom, ZOOM_MIN, ZOOM_MAX));
}

static void
zoom_in_activated (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  AlamaWindow *self = user_data;

  set_zoom (self, g_settings_get_double (self->settings, "zoom") * ZOOM_STEP);
}

static void
zoom_out_activated (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  AlamaWindow *self = user_data;

  set_zoom (self, g_settings_get_double (self->settings, "zoom") / ZOOM_STEP);
}

static void
zoom_reset_activated (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  set_zoom (user_data, 1.0);
}

/* ---- Annotator name --------------------------------------------------------- */

static void
annotator_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       GtkEditable      *entry)
{
  AlamaWindow *self = ALAMA_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  g_autofree char *name = NULL;

  if (!g_str_equal (response, "save"))
    return;
  name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_settings_set_string (self->settings, "annotator", name);
}

static void
set_annotator_activated (GSimpleAction *action,
                         GVariant      *param,
                         gpointer       user_data)
{
  AlamaWindow *self = user_data;
  g_autofree char *current = g_settings_get_string (self->settings, "annotator");
  GtkWidget *dialog;
  GtkWidget *entry;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Annotator Name"),
                                   _("New annotations and every change are recorded under "
                                     "this name. Leave it empty to use your account name."));
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry),
                         current[0] != '\0' ? current
                         : self->store != NULL ? alama_store_get_annotator (self->store)
                         : g_get_user_name ());
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (annotator_response_cb), entry);
  gtk_window_present (GTK_WINDOW (dialog));
}

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
cancel_task_activated (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  AlamaWindow *self = user_data;

  if (self->io_cancellable != NULL)
    g_cancellable_cancel (self->io_cancellable);
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
                            gboolean            as_suggestions,
                            gboolean            add_labels)
{
  AlamaIoImportSettings settings = { 0 };
  g_autofree char *annotator = g_settings_get_string (self->settings, "annotator");
  GCancellable *cancellable;

  if (self->store == NULL || self->io_cancellable != NULL)
    return;

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

  if (response == GTK_RESPONSE_ACCEPT)
    {
      files = gtk_file_chooser_get_files (chooser);
      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          char *path = g_file_get_path (file);

          if (path != NULL)
            g_ptr_array_add (paths, path);
        }
      g_ptr_array_add (paths, NULL);
      if (paths->len > 1)
        _alama_window_start_import (self, (const char * const *) paths->pdata,
                      choice_is_true (chooser, "as-suggestions"),
                      choice_is_true (chooser, "add-labels"));
    }

  g_object_unref (dialog);
  g_object_unref (self);
}

static void new_project (AlamaWindow *self, int import_after);

static void
choose_import (AlamaWindow *self,
               int          kind)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = NULL;

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
  if (kind == IMPORT_FILES)
    {
      gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
      filter = gtk_file_filter_new ();
      gtk_file_filter_set_name (filter, _("Text, JSONL, brat and CoNLL files"));
      for (const char * const *p = (const char * const[]) { "*.txt", "*.jsonl", "*.json", "*.ann",
                                                             "*.conll", NULL }; *p; p++)
        gtk_file_filter_add_pattern (filter, *p);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
    }
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "add-labels",
                               _("Add unknown labels to the schema"), NULL, NULL);
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "as-suggestions",
                               _("Import annotations as suggestions to review"), NULL, NULL);
  g_signal_connect (chooser, "response", G_CALLBACK (import_chooser_response_cb),
                    g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
import_files_activated (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  choose_import (user_data, IMPORT_FILES);
}

static void
import_folder_activated (GSimpleAction *action,
                         GVariant      *param,
                         gpointer       user_data)
{
  choose_import (user_data, IMPORT_FOLDER);
}

/* ---- Export ----------------------------------------------------------------- */

static const struct
{
  const char  *id;
  AlamaFormat  format;
  const char  *suffix;   /* added when the name has none; "" for brat's folder */
} export_formats[] = {
  { "jsonl", ALAMA_FORMAT_JSONL, ".jsonl" },
  { "brat",  ALAMA_FORMAT_BRAT,  ""       },
  { "conll", ALAMA_FORMAT_CONLL, ".conll" },
  { "csv",   ALAMA_FORMAT_CSV,   ".csv"   },
};

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AlamaWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (alama_io_export_finish (result, &error))
    {
      end_task (self);
      alama_window_show_toast (self, _("Export finished"));
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
  if (self->store == NULL || self->io_cancellable != NULL)
    return;

  alama_io_export_async (alama_store_get_path (self->store), format, out_path, statuses,
                         task_progress_cb, self, begin_task (self, _("Exporting…")),
                         export_done_cb, g_object_ref (self));
}

static void
export_chooser_response_cb (GtkNativeDialog *dialog,
                            int              response,
                            AlamaWindow     *self)
{
  GtkFileChooser *chooser = GTK_FILE_CHOOSER (dialog);
  const char *format_id = gtk_file_chooser_get_choice (chooser, "format");
  const char *statuses_id = gtk_file_chooser_get_choice (chooser, "statuses");
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  AlamaStatusMask statuses = ALAMA_STATUS_MASK_ACCEPTED;
  guint f = 0;

  if (response != GTK_RESPONSE_ACCEPT || self->store == NULL || self->io_cancellable != NULL)
    goto out;

  file = gtk_file_chooser_get_file (chooser);
  path = file != NULL ? g_file_get_path (file) : NULL;
  if (path == NULL)
    goto out;

  for (guint i = 0; i < G_N_ELEMENTS (export_formats); i++)
    if (format_id != NULL && g_str_equal (format_id, export_formats[i].id))
      f = i;
  if (export_formats[f].suffix[0] != '\0' && !g_str_has_suffix (path, export_formats[f].suffix))
    {
      char *with_suffix = g_strconcat (path, export_formats[f].suffix, NULL);

      g_free (path);
      path = with_suffix;
    }
  if (statuses_id != NULL && g_str_equal (statuses_id, "pending"))
    statuses = ALAMA_STATUS_MASK_ACCEPTED | ALAMA_STATUS_MASK_PENDING;
  else if (statuses_id != NULL && g_str_equal (statuses_id, "all"))
    statuses = ALAMA_STATUS_MASK_ALL;

  _alama_window_start_export (self, export_formats[f].format, path, statuses);

out:
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
export_activated (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  AlamaWindow *self = user_data;
  GtkFileChooserNative *chooser;
  g_autofree char *base = NULL;
  g_autofree char *suggested = NULL;
  static const char *format_ids[] = { "jsonl", "brat", "conll", "csv", NULL };
  const char *format_labels[] = { _("JSONL (one document per line)"),
                                  _("brat standoff (a folder)"),
                                  _("CoNLL (BIO tags)"),
                                  _("CSV (spreadsheets)"),
                                  NULL };
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
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "format", _("Format"),
                               format_ids, format_labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "format", "jsonl");
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "statuses", _("Include"),
                               status_ids, status_labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "statuses", "accepted");
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
new_project_activated (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  new_project (user_data, IMPORT_NONE);
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
open_project_activated (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  AlamaWindow *self = user_data;
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

/* ---- Panes ------------------------------------------------------------------ */

static void
sidebar_visible_changed (GSimpleAction *action,
                         GVariant      *state,
                         gpointer       user_data)
{
  AlamaWindow *self = user_data;

  g_simple_action_set_state (action, state);
  gtk_widget_set_visible (self->sidebar, g_variant_get_boolean (state));
}

/* ---- Registration ----------------------------------------------------------- */

static const GActionEntry window_actions[] = {
  { "undo", undo_activated },
  { "redo", redo_activated },
  { "delete-annotation", delete_annotation_activated },
  { "previous-document", previous_document_activated },
  { "next-document", next_document_activated },
  { "focus-filter", focus_filter_activated },
  { "cycle-focus", cycle_focus_activated },
  { "cycle-focus-back", cycle_focus_back_activated },
  { "zoom-in", zoom_in_activated },
  { "zoom-out", zoom_out_activated },
  { "zoom-reset", zoom_reset_activated },
  { "set-annotator", set_annotator_activated },
  { "new-project", new_project_activated },
  { "open-project", open_project_activated },
  { "import-files", import_files_activated },
  { "import-folder", import_folder_activated },
  { "export", export_activated },
  { "cancel-task", cancel_task_activated },
  { "sidebar-visible", NULL, NULL, "true", sidebar_visible_changed },
};

/* View settings the menu switches directly (radio items and toggles). */
static const char *settings_actions[] = {
  "font-family", "direction", "line-spacing", "snap-to-words", "show-rejected", "panel-visible",
};

void
_alama_window_add_actions (AlamaWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), window_actions,
                                   G_N_ELEMENTS (window_actions), self);

  for (guint i = 0; i < G_N_ELEMENTS (settings_actions); i++)
    {
      g_autoptr(GAction) action = g_settings_create_action (self->settings, settings_actions[i]);

      g_action_map_add_action (G_ACTION_MAP (self), action);
    }
  _alama_window_add_review_actions (self);
  _alama_window_add_insight_actions (self);
}
