/* alama-window-actions.c: what the window's menu items, buttons and shortcuts do.
 *
 * The actions are installed on AlamaWindow's class as "win.*" (projects and
 * files in alama-window-io.c, review in alama-window-review.c, find and
 * dashboard in alama-window-insight.c); which are enabled is decided in one
 * place, _alama_window_update_actions(). The keyboard shortcuts are set in
 * alama-application.c and listed in ui/gtk/help-overlay.ui.
 */
#define G_LOG_DOMAIN "alama-window"

#include "config.h"

#include <glib/gi18n.h>

#include "alama-change-words.h"
#include "alama-error-text.h"
#include "alama-window-insight.h"
#include "alama-window-private.h"

#define ZOOM_STEP 1.1
#define ZOOM_MIN  0.5
#define ZOOM_MAX  3.0

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

/* The next undo (or redo) in the interface's language; NULL when there is
 * nothing. */
static char *
dup_change_words (AlamaStore *store,
                  gboolean    undo)
{
  AlamaChangeAction action = ALAMA_CHANGE_ACTION_NONE;
  g_autofree char *label = NULL;

  if (!(undo ? alama_store_get_undo_action (store, &action, &label)
             : alama_store_get_redo_action (store, &action, &label)))
    return NULL;
  /* Without an action, the label holds the words its caller gave. */
  return alama_change_words (action, label, NULL);
}

/* A toast's Undo takes back the change the toast names: once another change
 * has come after it (or it was undone), Undo there would take back something
 * else, so the toast goes. */
static void
forget_stale_undo_toast (AlamaWindow *self)
{
  if (self->undo_toast == NULL)
    return;
  if (self->store != NULL && alama_store_get_undo_change_id (self->store) == self->undo_toast_change)
    return;
  adw_toast_dismiss (self->undo_toast);
}

gboolean
_alama_window_is_writable (AlamaWindow *self)
{
  /* While another project is upgraded, the one behind the page is not there
   * to be changed: an Undo would act where the analyst cannot see it. */
  return self->store != NULL && self->upgrade == NULL && !alama_store_is_read_only (self->store);
}

void
_alama_window_update_actions (AlamaWindow *self)
{
  gboolean has_store = self->store != NULL && self->upgrade == NULL;
  gboolean writable = _alama_window_is_writable (self);
  gboolean busy = self->io_cancellable != NULL;
  gboolean can_undo = writable && !busy && alama_store_can_undo (self->store);
  gboolean can_redo = writable && !busy && alama_store_can_redo (self->store);
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "win.undo", can_undo);
  forget_stale_undo_toast (self);
  gtk_widget_action_set_enabled (widget, "win.redo", can_redo);
  set_history_tooltip (self->undo_button,
                       can_undo ? dup_change_words (self->store, TRUE) : NULL,
                       _("Undo “%s” (Ctrl+Z)"), _("Nothing to Undo"));
  set_history_tooltip (self->redo_button,
                       can_redo ? dup_change_words (self->store, FALSE) : NULL,
                       _("Redo “%s” (Ctrl+Shift+Z)"), _("Nothing to Redo"));

  gtk_widget_action_set_enabled (widget, "win.delete-annotation",
                                 writable && self->document != NULL &&
                                 (_alama_window_get_selected_relation (self) != 0 ||
                                  _alama_window_get_selected_span (self) != 0));
  gtk_widget_action_set_enabled (widget, "win.relabel-annotation",
                                 writable && self->document != NULL);
  gtk_widget_action_set_enabled (widget, "win.previous-document", has_store);
  gtk_widget_action_set_enabled (widget, "win.next-document", has_store);
  gtk_widget_action_set_enabled (widget, "win.focus-filter", has_store);
  gtk_widget_action_set_enabled (widget, "win.export", has_store && !busy);
  gtk_widget_action_set_enabled (widget, "win.import-files", !busy && (writable || !has_store));
  gtk_widget_action_set_enabled (widget, "win.import-folder", !busy && (writable || !has_store));
  gtk_widget_action_set_enabled (widget, "win.new-project", !busy);
  gtk_widget_action_set_enabled (widget, "win.open-project", !busy);
  gtk_widget_action_set_enabled (widget, "win.cancel-task", busy);
  _alama_window_update_review_actions (self);
  _alama_window_update_learn_actions (self);
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

/* Undo or redo the last change, then show where it happened. */
static void
step_history (AlamaWindow *self,
              gboolean     forward)
{
  g_autoptr(GError) error = NULL;
  gint64 document_id = 0;
  gboolean ok;

  if (self->store == NULL)
    return;
  ok = forward ? alama_store_redo (self->store, &document_id, &error)
               : alama_store_undo (self->store, &document_id, &error);
  if (!ok)
    alama_window_show_toast (self, alama_error_text (error));
  else
    show_touched_document (self, document_id);
  _alama_window_update_actions (self);
}

/* The Undo of a toast: the change it names, only while it is the next to
 * undo (another process may have changed the project since). */
static void
undo_change_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  AlamaWindow *self = ALAMA_WINDOW (widget);

  if (self->store == NULL)
    return;
  if (alama_store_get_undo_change_id (self->store) != g_variant_get_int64 (param))
    {
      alama_window_show_toast (self, _("Not undone: other changes came after it"));
      _alama_window_update_actions (self);
      return;
    }
  step_history (self, FALSE);
}

static void
undo_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  step_history (ALAMA_WINDOW (widget), FALSE);
}

static void
redo_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  step_history (ALAMA_WINDOW (widget), TRUE);
}

/* ---- Deleting an annotation or a relation ------------------------------------
 *
 * The one delete path of the window (the Delete key in the text and in the
 * panel, the panel's Delete buttons): at once, with a toast that offers Undo.
 * A selected relation goes alone; an annotation takes its relations along,
 * after asking. */

static void
show_undo_toast (AlamaWindow *self,
                 const char  *title)
{
  AdwToast *toast = adw_toast_new (title);
  gint64 change = alama_store_get_undo_change_id (self->store);

  if (change == 0)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      return;
    }
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-change");
  adw_toast_set_action_target_value (toast, g_variant_new_int64 (change));
  /* Moves the weak pointer from the old toast to the new one: the old one,
   * let go of later, must not clear the new one. */
  g_set_weak_pointer (&self->undo_toast, toast);
  self->undo_toast_change = change;
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  _alama_window_update_actions (self);
}

/* Deletes the relation @relation_id, or else the span @span_id with its
 * relations, and offers Undo. */
static void
delete_now (AlamaWindow *self,
            gint64       span_id,
            gint64       relation_id)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = relation_id != 0 ? alama_store_delete_relation (self->store, relation_id, &error)
                                 : alama_store_delete_span (self->store, span_id, &error);

  if (!ok)
    alama_window_show_toast (self, alama_error_text (error));
  else
    show_undo_toast (self, relation_id != 0 ? _("Relation deleted") : _("Annotation deleted"));
}

static void
free_span_id (gpointer  span_id,
              GClosure *closure)
{
  g_free (span_id);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  AlamaWindow *self = ALAMA_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  gint64 span_id = *(gint64 *) user_data;

  if (g_str_equal (response, "delete") && self->store != NULL)
    delete_now (self, span_id, 0);
}

static void
delete_annotation_activated (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  AlamaWindow *self = ALAMA_WINDOW (widget);
  gint64 relation_id = _alama_window_get_selected_relation (self);
  gint64 span_id;
  guint n_relations;
  GtkWidget *dialog;
  g_autofree char *body = NULL;

  if (self->store == NULL)
    return;
  if (relation_id != 0)
    {
      delete_now (self, 0, relation_id);
      return;
    }
  span_id = _alama_window_get_selected_span (self);
  if (span_id == 0)
    return;

  n_relations = alama_store_count_span_relations (self->store, span_id);
  if (n_relations == 0)
    {
      delete_now (self, span_id, 0);
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
  g_signal_connect_data (dialog, "response", G_CALLBACK (delete_response_cb),
                         g_memdup2 (&span_id, sizeof span_id), free_span_id, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- Relabelling an annotation whose relations the new label forbids ---------
 *
 * The text's label keys and the panel's label drop-down relabel through here
 * when the new label would break relations: the window names them and, on
 * yes, relabels and drops them as one change (one undo step). */

/* What the dialog asks about, kept with its response handler. */
typedef struct
{
  gint64  span_id;
  char   *label;
} Relabel;

static void
relabel_free (gpointer  data,
              GClosure *closure)
{
  Relabel *relabel = data;

  g_free (relabel->label);
  g_free (relabel);
}

static void
relabel_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  AlamaWindow *self = ALAMA_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  const Relabel *relabel = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "drop") || self->store == NULL)
    return;
  if (!alama_store_relabel_span_dropping_relations (self->store, relabel->span_id,
                                                    relabel->label, &error))
    alama_window_show_toast (self, alama_error_text (error));
  _alama_window_update_actions (self);
}

/* "SPEAKER ⁨PER ليلى سعيد⁩": a relation as the dialog names it. */
static char *
describe_relation (AlamaDocumentModel  *model,
                   const AlamaRelation *relation,
                   gint64               span_id)
{
  gint64 other_id = relation->from_id == span_id ? relation->to_id : relation->from_id;
  AlamaSpan *other = model != NULL ? alama_document_model_find_span (model, other_id) : NULL;
  g_autofree char *text = other != NULL ? alama_span_dup_text (other,
                                                               alama_document_model_get_text (model))
                                        : NULL;

  if (text != NULL && g_utf8_strlen (text, -1) > 40)
    {
      char *cut = g_utf8_substring (text, 0, 39);

      g_free (text);
      text = g_strconcat (cut, "…", NULL);
      g_free (cut);
    }
  if (text != NULL)
    g_strdelimit (text, "\n\r\t", ' ');
  return g_strdup_printf ("• %s \xE2\x81\xA8%s %s\xE2\x81\xA9", relation->type,
                          other != NULL ? other->label : "", text != NULL ? text : "");
}

static void
relabel_annotation_activated (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  AlamaWindow *self = ALAMA_WINDOW (widget);
  g_autoptr(GPtrArray) blocking = NULL;
  g_autoptr(AlamaSpan) span = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) body = NULL;
  g_autofree char *heading = NULL;
  const char *label = NULL;
  gint64 span_id = 0;
  GtkWidget *dialog;
  Relabel *relabel;

  if (self->store == NULL)
    return;
  g_variant_get (param, "(x&s)", &span_id, &label);

  blocking = alama_store_list_relations_blocking_label (self->store, span_id, label, &error);
  if (blocking != NULL && blocking->len == 0)
    {
      span = alama_store_get_span (self->store, span_id, &error);
      if (span != NULL)
        {
          g_free (span->label);
          span->label = g_strdup (label);
          alama_store_update_span (self->store, span, &error);
        }
    }
  if (error != NULL)
    {
      alama_window_show_toast (self, alama_error_text (error));
      return;
    }
  if (blocking->len == 0)
    return;

  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Drop %u Relation?",
                                          "Drop %u Relations?", blocking->len),
                             blocking->len);
  body = g_string_new (NULL);
  g_string_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                      "As %s, this annotation cannot keep this relation:",
                                      "As %s, this annotation cannot keep these relations:",
                                      blocking->len),
                   label);
  for (guint i = 0; i < blocking->len; i++)
    {
      g_autofree char *line = describe_relation (alama_annotation_panel_get_model (self->panel),
                                                 g_ptr_array_index (blocking, i), span_id);

      g_string_append_printf (body, "\n%s", line);
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "drop", _("_Drop and Relabel"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "drop",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  relabel = g_new0 (Relabel, 1);
  relabel->span_id = span_id;
  relabel->label = g_strdup (label);
  g_signal_connect_data (dialog, "response", G_CALLBACK (relabel_response_cb), relabel,
                         relabel_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- Navigation and focus --------------------------------------------------- */

static void
previous_document_activated (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  _alama_window_step_document (ALAMA_WINDOW (widget), -1);
}

static void
next_document_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  _alama_window_step_document (ALAMA_WINDOW (widget), +1);
}

static void
focus_filter_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  AlamaWindow *self = ALAMA_WINDOW (widget);

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
cycle_focus_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  cycle_focus (ALAMA_WINDOW (widget), +1);
}

static void
cycle_focus_back_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  cycle_focus (ALAMA_WINDOW (widget), -1);
}

/* ---- Zoom ------------------------------------------------------------------- */

static void
set_zoom (AlamaWindow *self,
          double       zoom)
{
  g_settings_set_double (self->settings, "zoom", CLAMP (zoom, ZOOM_MIN, ZOOM_MAX));
}

static void
zoom_in_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  AlamaWindow *self = ALAMA_WINDOW (widget);

  set_zoom (self, g_settings_get_double (self->settings, "zoom") * ZOOM_STEP);
}

static void
zoom_out_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  AlamaWindow *self = ALAMA_WINDOW (widget);

  set_zoom (self, g_settings_get_double (self->settings, "zoom") / ZOOM_STEP);
}

static void
zoom_reset_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  set_zoom (ALAMA_WINDOW (widget), 1.0);
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
set_annotator_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  AlamaWindow *self = ALAMA_WINDOW (widget);
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

/* ---- Main menu and help ------------------------------------------------------ */

static void
show_primary_menu_activated (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  gtk_menu_button_popup (ALAMA_WINDOW (widget)->primary_menu_button);
}

/* GtkApplication would build gtk/help-overlay.ui eagerly for every window it
 * gets, a GtkShortcutsWindow of a hundred widgets, before the first frame. The
 * resource lives elsewhere, so GTK does not find it; this builds it on first
 * use and hands it to GtkApplicationWindow, which then keeps it (hidden on
 * close) as if GTK had loaded it. */
static void
show_help_overlay_activated (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/org/alama/Workbench/shortcuts-window.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, overlay);
    }
  gtk_window_present (GTK_WINDOW (overlay));
}

/* ---- Registration ----------------------------------------------------------- */

void
_alama_window_class_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_activated);
  gtk_widget_class_install_action (widget_class, "win.undo-change", "x", undo_change_activated);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_activated);
  gtk_widget_class_install_action (widget_class, "win.delete-annotation", NULL,
                                   delete_annotation_activated);
  gtk_widget_class_install_action (widget_class, "win.relabel-annotation", "(xs)",
                                   relabel_annotation_activated);
  gtk_widget_class_install_action (widget_class, "win.previous-document", NULL,
                                   previous_document_activated);
  gtk_widget_class_install_action (widget_class, "win.next-document", NULL,
                                   next_document_activated);
  gtk_widget_class_install_action (widget_class, "win.focus-filter", NULL, focus_filter_activated);
  gtk_widget_class_install_action (widget_class, "win.cycle-focus", NULL, cycle_focus_activated);
  gtk_widget_class_install_action (widget_class, "win.cycle-focus-back", NULL,
                                   cycle_focus_back_activated);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_in_activated);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_out_activated);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, zoom_reset_activated);
  gtk_widget_class_install_action (widget_class, "win.set-annotator", NULL,
                                   set_annotator_activated);
  gtk_widget_class_install_action (widget_class, "win.show-primary-menu", NULL,
                                   show_primary_menu_activated);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   show_help_overlay_activated);
  gtk_widget_class_install_property_action (widget_class, "win.sidebar-visible", "sidebar-visible");

  _alama_window_class_install_io_actions (widget_class);
  _alama_window_class_install_review_actions (widget_class);
  _alama_window_class_install_learn_actions (widget_class);
  _alama_window_class_install_insight_actions (widget_class);
}

/* View settings the menu switches directly (radio items and toggles): these
 * are the GSettings keys themselves, so they stay GActions of the window's
 * action map rather than class actions. */
static const char *settings_actions[] = {
  "font-family", "direction", "line-spacing", "snap-to-words", "show-rejected", "panel-visible",
  "review-least-certain-first",
};

void
_alama_window_add_settings_actions (AlamaWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (settings_actions); i++)
    {
      g_autoptr(GAction) action = g_settings_create_action (self->settings, settings_actions[i]);

      g_action_map_add_action (G_ACTION_MAP (self), action);
    }
}
