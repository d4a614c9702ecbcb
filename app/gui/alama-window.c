/* alama-window.c: the workbench window: a project, its document list, the
 * document view and the annotation panel, and the settings that shape them.
 * Actions (undo, import, navigation ...) are in alama-window-actions.c.
 *
 * Why this file is long: it is the place where the project, the document list,
 * the view and the panel are wired to each other (and to other processes on
 * the same file); imports and exports, review, search and learning each have
 * their own alama-window-*.c. */
#define G_LOG_DOMAIN "alama-window"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include <alama/alama-arabic.h>
#include <alama/alama-store-upgrade.h>

#include "alama-error-text.h"
#include "alama-doc-view.h"
#include "alama-document-row.h"
#include "alama-label-legend.h"
#include "alama-probe.h"
#include "alama-window-insight.h"
#include "alama-window-private.h"

G_DEFINE_FINAL_TYPE (AlamaWindow, alama_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_SIDEBAR_VISIBLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void set_document (AlamaWindow   *self,
                          AlamaDocument *document);

/* ---- Errors and toasts ---------------------------------------------------- */

void
alama_window_show_toast (AlamaWindow *self,
                         const char  *message)
{
  g_return_if_fail (ALAMA_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

void
_alama_window_show_error (AlamaWindow *self,
                          const char  *heading,
                          const char  *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  /* At start-up the project is opened before the window is shown (so that the
   * window is laid out once, with the document in it): a dialog about it must
   * not appear before, and so under, its parent. */
  if (!gtk_widget_get_visible (GTK_WIDGET (self)))
    gtk_window_present (GTK_WINDOW (self));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
view_error_cb (AlamaWindow *self,
               const char  *message)
{
  alama_window_show_toast (self, message);
}

/* A notice replaces the one before it at once: clicks that go through the
 * annotations at a point must not queue a toast each. */
static void
view_notice_cb (AlamaWindow *self,
                const char  *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 3);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* ---- Settings ------------------------------------------------------------- */

static const char *direction_names[] = { "auto", "rtl", "ltr" };

static gboolean
direction_get_mapping (GValue   *value,
                       GVariant *variant,
                       gpointer  user_data)
{
  const char *name = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (direction_names); i++)
    if (g_str_equal (name, direction_names[i]))
      {
        g_value_set_enum (value, (AlamaDirection) i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
direction_set_mapping (const GValue       *value,
                       const GVariantType *expected_type,
                       gpointer            user_data)
{
  guint direction = (guint) g_value_get_enum (value);

  if (direction >= G_N_ELEMENTS (direction_names))
    direction = ALAMA_DIRECTION_AUTO;
  return g_variant_new_string (direction_names[direction]);
}

static void
bind_view_settings (AlamaWindow *self)
{
  g_settings_bind (self->settings, "zoom", self->doc_view, "zoom", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "font-family", self->doc_view, "font-family",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "line-spacing", self->doc_view, "line-spacing",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "snap-to-words", self->doc_view, "snap-to-words",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-rejected", self->doc_view, "show-rejected",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "min-confidence", self->doc_view, "min-confidence",
                   G_SETTINGS_BIND_GET);
  /* The panel lists what the text shows, and the document list's badges count
   * it: one threshold, the view's. */
  g_object_bind_property (self->doc_view, "min-confidence", self->panel, "min-confidence",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->doc_view, "min-confidence", self->pending_count,
                          "min-confidence", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->doc_view, "min-confidence", self->source_chooser,
                          "min-confidence", G_BINDING_SYNC_CREATE);
  g_settings_bind (self->settings, "review-least-certain-first", self->doc_view,
                   "review-least-certain-first", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "direction", self->doc_view, "direction",
                                G_SETTINGS_BIND_DEFAULT,
                                direction_get_mapping, direction_set_mapping, NULL, NULL);
  g_settings_bind (self->settings, "panel-visible", self->panel, "visible",
                   G_SETTINGS_BIND_DEFAULT);
}

static void
apply_annotator (AlamaWindow *self)
{
  g_autofree char *annotator = g_settings_get_string (self->settings, "annotator");

  if (self->store != NULL && annotator[0] != '\0' && !alama_store_is_read_only (self->store))
    alama_store_set_annotator (self->store, annotator);
}

static void
annotator_changed_cb (AlamaWindow *self)
{
  apply_annotator (self);
}

static void
save_window_state (AlamaWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }

  if (gtk_widget_get_mapped (GTK_WIDGET (self->outer_paned)))
    {
      int sidebar = gtk_widget_get_width (self->sidebar);
      int panel = gtk_widget_get_width (GTK_WIDGET (self->panel));

      if (gtk_widget_get_visible (self->sidebar) && sidebar >= 120 && sidebar <= 800)
        g_settings_set_int (self->settings, "sidebar-width", sidebar);
      if (gtk_widget_get_visible (GTK_WIDGET (self->panel)) && panel >= 160 && panel <= 900)
        g_settings_set_int (self->settings, "panel-width", panel);
    }
}

/* GtkPaned measures its position from the start child; the panel is the end
 * child, so its width can only be applied once the paned has its first size.
 * (max-position does not help: it already has the panel's minimum taken off.) */
static void
inner_paned_max_position_cb (AlamaWindow *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->inner_paned));

  if (self->panel_width_applied || width <= 0)
    return;

  self->panel_width_applied = TRUE;
  gtk_paned_set_position (self->inner_paned,
                          MAX (width / 3, width - g_settings_get_int (self->settings, "panel-width")));
}

static gboolean
alama_window_close_request (GtkWindow *window)
{
  AlamaWindow *self = ALAMA_WINDOW (window);

  save_window_state (self);
  if (self->io_cancellable != NULL)
    g_cancellable_cancel (self->io_cancellable);
  /* A worker's task holds the window, so dispose would wait for the worker:
   * tell it to stop now. The application waits for it to let go. */
  _alama_window_upgrade_stop (self);
  _alama_window_learn_cancel (self);

  return GTK_WINDOW_CLASS (alama_window_parent_class)->close_request (window);
}

/* ---- First frame (--exit-after-first-frame) ------------------------------- */

static gboolean
exit_after_first_frame (AlamaWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return ALAMA_IS_APPLICATION (app) &&
         alama_application_get_exit_after_first_frame (ALAMA_APPLICATION (app));
}

static void
first_frame_after_paint_cb (GdkFrameClock *clock,
                            AlamaWindow   *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  g_signal_handlers_disconnect_by_func (clock, first_frame_after_paint_cb, self);
  alama_probe_point ("first-frame", self);
  if (!exit_after_first_frame (self))
    return;

  g_print ("first-frame-ms: %" G_GINT64_FORMAT "\n",
           (g_get_monotonic_time () - alama_application_get_start_time (ALAMA_APPLICATION (app))) / 1000);
  fflush (stdout);
  g_application_quit (G_APPLICATION (app));
}

static gboolean
first_frame_tick_cb (GtkWidget     *widget,
                     GdkFrameClock *clock,
                     gpointer       user_data)
{
  /* The tick runs before layout and paint of this frame: the paint that follows
   * is the first one with the document in it. */
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (first_frame_after_paint_cb),
                           user_data, 0);
  return G_SOURCE_REMOVE;
}

static void
arm_first_frame (AlamaWindow *self)
{
  GtkWidget *widget;

  if (!(exit_after_first_frame (self) || alama_probe_is_installed ()) || self->first_frame_armed)
    return;
  self->first_frame_armed = TRUE;

  widget = self->document != NULL ? GTK_WIDGET (self->doc_view) : GTK_WIDGET (self);
  gtk_widget_add_tick_callback (widget, first_frame_tick_cb, self, NULL);
}

static void
alama_window_map (GtkWidget *widget)
{
  AlamaWindow *self = ALAMA_WINDOW (widget);

  GTK_WIDGET_CLASS (alama_window_parent_class)->map (widget);

  /* Without a project there is no document to wait for: the start page counts.
   * An upgrading project's document comes when the upgrade is done. */
  if (self->store == NULL && self->upgrade == NULL)
    arm_first_frame (self);
}

/* ---- Document list -------------------------------------------------------- */

static char *
normalise_for_filter (const char *text)
{
  g_autofree char *normalised = alama_arabic_normalize (text, ALAMA_ARABIC_FOLD_DEFAULT, NULL);

  return g_utf8_casefold (normalised != NULL ? normalised : text, -1);
}

static gboolean
document_filter_func (gpointer item,
                      gpointer user_data)
{
  AlamaWindow *self = user_data;
  g_autofree char *name = NULL;

  if (self->filter_needle == NULL)
    return TRUE;
  name = normalise_for_filter (alama_document_get_name (item));
  return strstr (name, self->filter_needle) != NULL;
}

static void
filter_changed_cb (AlamaWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->filter_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_clear_pointer (&self->filter_needle, g_free);
  if (stripped[0] != '\0')
    self->filter_needle = normalise_for_filter (stripped);
  /* Without a function the filter matches all: the list then passes the
   * documents through without reading each one (the store reads them lazily). */
  gtk_custom_filter_set_filter_func (self->document_filter,
                                     self->filter_needle != NULL ? document_filter_func : NULL,
                                     self->filter_needle != NULL ? self : NULL, NULL);
}

/* Enter in the filter shows the first match and moves to the text. */
static void
filter_activate_cb (AlamaWindow *self)
{
  filter_changed_cb (self);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->document_selection)) > 0)
    {
      gtk_single_selection_set_selected (self->document_selection, 0);
      gtk_widget_grab_focus (GTK_WIDGET (self->doc_view));
    }
}

static void
filter_stop_cb (AlamaWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->filter_entry), "");
  filter_changed_cb (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->document_list));
}

static void
document_selected_cb (AlamaWindow *self)
{
  AlamaDocument *document = gtk_single_selection_get_selected_item (self->document_selection);

  /* A filter that hides the shown document unselects it; keep showing it. */
  if (document != NULL)
    set_document (self, document);
}

void
_alama_window_update_title (AlamaWindow *self)
{
  g_autofree char *project = NULL;
  g_autofree char *window_title = NULL;
  const char *upgrading = _alama_window_upgrade_get_path (self);

  /* The upgrade page stands for the project being upgraded, not for the one
   * behind it. */
  if (upgrading != NULL)
    {
      project = g_path_get_basename (upgrading);
      adw_window_title_set_title (self->window_title, project);
      adw_window_title_set_subtitle (self->window_title, _("Upgrading"));
      window_title = g_strdup_printf (_("%s — Alama"), project);
      gtk_window_set_title (GTK_WINDOW (self), window_title);
      return;
    }

  if (self->store == NULL)
    {
      adw_window_title_set_title (self->window_title, _("Alama"));
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("Alama"));
      return;
    }

  project = g_path_get_basename (alama_store_get_path (self->store));
  adw_window_title_set_title (self->window_title,
                              self->document != NULL
                              ? alama_document_get_name (self->document)
                              : project);
  adw_window_title_set_subtitle (self->window_title, self->document != NULL ? project : NULL);

  /* What task switchers (and xdotool) see: "document — project — Alama". */
  if (self->document != NULL)
    window_title = g_strdup_printf (_("%s — %s — Alama"),
                                    alama_document_get_name (self->document), project);
  else
    window_title = g_strdup_printf (_("%s — Alama"), project);
  gtk_window_set_title (GTK_WINDOW (self), window_title);
}

/* ---- The panel after the first frame --------------------------------------
 *
 * Listing 10,000 annotations in the panel took about a fifth of the time to the
 * first frame. Until the window has painted once, the panel waits: the first
 * frame shows the text with its annotations, and the list follows in an idle
 * right after it. */

static gboolean
panel_fill_cb (gpointer user_data)
{
  AlamaWindow *self = user_data;

  self->panel_fill_id = 0;
  alama_annotation_panel_set_document (self->panel, self->document);
  return G_SOURCE_REMOVE;
}

static void
window_painted_cb (GdkFrameClock *clock,
                   AlamaWindow   *self)
{
  g_signal_handlers_disconnect_by_func (clock, window_painted_cb, self);
  self->window_painted = TRUE;
  if (self->panel_fill_id == 0)
    self->panel_fill_id = g_idle_add (panel_fill_cb, self);
}

static gboolean
watch_first_paint_tick_cb (GtkWidget     *widget,
                           GdkFrameClock *clock,
                           gpointer       user_data)
{
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (window_painted_cb), widget, 0);
  return G_SOURCE_REMOVE;
}

static void
set_document (AlamaWindow   *self,
              AlamaDocument *document)
{
  if (self->document == document)
    return;

  g_set_object (&self->document, document);
  alama_doc_view_set_document (self->doc_view, document);
  /* Before the first frame the panel is filled by window_painted_cb(). */
  if (self->window_painted)
    alama_annotation_panel_set_document (self->panel, document);
  gtk_stack_set_visible_child_name (self->view_stack, document != NULL ? "view" : "empty");
  _alama_window_update_title (self);
  _alama_window_update_actions (self);
}

static guint
find_position (AlamaWindow   *self,
               AlamaDocument *document)
{
  GListModel *model = G_LIST_MODEL (self->document_selection);
  GtkFilter *filter = gtk_filter_list_model_get_filter (self->filtered_documents);
  guint n = g_list_model_get_n_items (model);

  /* Unfiltered, the list is the store's: ask it, rather than read every item. */
  if (filter == NULL || gtk_filter_get_strictness (filter) == GTK_FILTER_MATCH_ALL)
    {
      guint position = alama_store_get_document_position (self->store,
                                                          alama_document_get_id (document));

      return position < n ? position : GTK_INVALID_LIST_POSITION;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AlamaDocument) item = g_list_model_get_item (model, i);

      if (item == document)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
select_document (AlamaWindow   *self,
                 AlamaDocument *document)
{
  guint position = find_position (self, document);

  if (position == GTK_INVALID_LIST_POSITION && self->filter_needle != NULL)
    {
      /* Hidden by the filter: clear it so the list shows what the text shows. */
      gtk_editable_set_text (GTK_EDITABLE (self->filter_entry), "");
      filter_changed_cb (self);
      position = find_position (self, document);
    }

  if (position != GTK_INVALID_LIST_POSITION)
    {
      gtk_single_selection_set_selected (self->document_selection, position);
      gtk_widget_activate_action (GTK_WIDGET (self->document_list), "list.scroll-to-item",
                                  "u", position);
    }
  set_document (self, document);
}

gboolean
alama_window_select_document_by_name (AlamaWindow *self,
                                      const char  *name)
{
  g_autoptr(AlamaDocument) document = NULL;

  g_return_val_if_fail (ALAMA_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (self->store == NULL)
    return FALSE;
  document = alama_store_find_document (self->store, name);
  if (document == NULL)
    return FALSE;
  select_document (self, document);
  return TRUE;
}

void
_alama_window_step_document (AlamaWindow *self,
                             int          step)
{
  GListModel *model = G_LIST_MODEL (self->document_selection);
  guint n = g_list_model_get_n_items (model);
  guint position = gtk_single_selection_get_selected (self->document_selection);
  g_autoptr(AlamaDocument) document = NULL;

  if (n == 0)
    return;
  if (position == GTK_INVALID_LIST_POSITION)
    position = step > 0 ? 0 : n - 1;
  else if (step < 0 && position == 0)
    return;
  else if (step > 0 && position + 1 >= n)
    return;
  else
    position += step;

  document = g_list_model_get_item (model, position);
  select_document (self, document);
}

/* ---- View and panel ------------------------------------------------------- */

gint64
_alama_window_get_selected_span (AlamaWindow *self)
{
  gint64 id;

  alama_after_frame_flush (self->panel_follows_view);
  id = alama_annotation_panel_get_selected_span (self->panel);
  return id != 0 ? id : alama_doc_view_get_selected_span (self->doc_view);
}

static void
panel_follow_view (gpointer user_data)
{
  AlamaWindow *self = user_data;

  self->syncing_selection = TRUE;
  alama_annotation_panel_select_span (self->panel,
                                      alama_doc_view_get_selected_span (self->doc_view));
  self->syncing_selection = FALSE;
  _alama_window_update_actions (self);
}

/* The panel (its row, scrolled to; the editor below it) follows after the view
 * has drawn the selection: a new annotation is on screen without waiting for
 * their relayout. */
static void
view_selected_span_cb (AlamaWindow *self)
{
  if (self->syncing_selection)
    return;
  alama_after_frame_schedule (self->panel_follows_view);
}

static void
panel_selected_span_cb (AlamaWindow *self)
{
  gint64 id = alama_annotation_panel_get_selected_span (self->panel);

  if (self->syncing_selection)
    return;

  self->syncing_selection = TRUE;
  if (id != alama_doc_view_get_selected_span (self->doc_view))
    alama_doc_view_select_span (self->doc_view, id, id != 0);
  self->syncing_selection = FALSE;
  _alama_window_update_actions (self);
}

/* A relation selected in the text shows in the panel at once (there is no
 * list row to lay out), and one selected in the panel in the text. */
static void
view_selected_relation_cb (AlamaWindow *self)
{
  if (self->syncing_selection)
    return;
  self->syncing_selection = TRUE;
  alama_annotation_panel_select_relation (self->panel,
                                          alama_doc_view_get_selected_relation (self->doc_view));
  self->syncing_selection = FALSE;
  _alama_window_update_actions (self);
}

static void
panel_selected_relation_cb (AlamaWindow *self)
{
  gint64 id = alama_annotation_panel_get_selected_relation (self->panel);

  if (self->syncing_selection)
    return;
  self->syncing_selection = TRUE;
  if (id != alama_doc_view_get_selected_relation (self->doc_view))
    alama_doc_view_select_relation (self->doc_view, id, FALSE);
  self->syncing_selection = FALSE;
  _alama_window_update_actions (self);
}

/* A relation row of the panel: the relation is selected and the text shows
 * its other end (the end the panel showed is where the analyst came from). */
static void
panel_show_relation_cb (AlamaWindow *self,
                        gint64       relation_id,
                        gint64       other_span_id)
{
  alama_doc_view_select_relation (self->doc_view, relation_id, FALSE);
  alama_doc_view_scroll_to_span (self->doc_view, other_span_id);
  /* The row goes with the annotation editor; the keys (Delete) act on the
   * relation where it is selected. */
  gtk_widget_grab_focus (GTK_WIDGET (self->doc_view));
}

gint64
_alama_window_get_selected_relation (AlamaWindow *self)
{
  return alama_doc_view_get_selected_relation (self->doc_view);
}

/* ---- The project ---------------------------------------------------------- */

static void
store_changed_cb (AlamaWindow *self,
                  gint64       document_id)
{
  _alama_window_review_store_changed (self);
  _alama_window_learn_store_changed (self);
  _alama_window_update_actions (self);
}

static void
set_store (AlamaWindow *self,
           AlamaStore  *store)
{
  GListModel *documents = NULL;

  set_document (self, NULL);

  if (self->store != NULL)
    g_clear_signal_handler (&self->store_changed_id, self->store);
  g_set_object (&self->store, store);

  alama_doc_view_set_store (self->doc_view, store);
  alama_annotation_panel_set_store (self->panel, store);
  alama_pending_count_set_store (self->pending_count, store);
  alama_source_chooser_set_store (self->source_chooser, store);

  if (store != NULL)
    {
      self->store_changed_id = g_signal_connect_swapped (store, "changed",
                                                         G_CALLBACK (store_changed_cb), self);
      documents = alama_store_get_documents (store);
      apply_annotator (self);
    }
  gtk_filter_list_model_set_model (self->filtered_documents, documents);

  gtk_revealer_set_reveal_child (self->read_only_revealer,
                                 store != NULL && alama_store_is_read_only (store));
  alama_annotation_panel_set_editable (self->panel,
                                       store != NULL && !alama_store_is_read_only (store));
  gtk_stack_set_visible_child_name (self->main_stack, store != NULL ? "workbench" : "start");
  _alama_window_update_title (self);
  _alama_window_update_actions (self);
}

/* The banner's reason when the project had to be opened read-only. */
static void
explain_read_only (AlamaWindow      *self,
                   AlamaPreloadOpen  how)
{
  if (how == ALAMA_PRELOAD_OPEN_READ_ONLY_LOCKED)
    gtk_label_set_label (self->read_only_label,
                         _("Another program is changing this project, so it is open "
                           "read-only here. Close the other one and open it again to edit."));
  else if (how == ALAMA_PRELOAD_OPEN_READ_ONLY_FILE)
    gtk_label_set_label (self->read_only_label,
                         _("This project is read-only: you can read and export it, "
                           "but not change it."));
}

/* Opens @path for writing if we may, else read-only with the reason in the
 * banner; with what the application read ahead for @path when there is some
 * (then *@preloaded may hold the first document's data, and *@document_name
 * is the document it was asked for). Returns NULL with a message for a person
 * in @error; ALAMA_STORE_UPGRADE_ERROR_NEEDED when the file is older than this
 * version, left alone. */
static AlamaStore *
open_store (AlamaWindow             *self,
            const char              *path,
            AlamaPreloadedDocument **preloaded,
            char                   **document_name,
            GError                 **error)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  AlamaPreload *preload = NULL;
  AlamaPreloadOpen how = ALAMA_PRELOAD_OPEN_WRITABLE;
  AlamaStore *store;

  if (ALAMA_IS_APPLICATION (app))
    preload = alama_application_take_preload (ALAMA_APPLICATION (app), path);
  if (preload != NULL)
    {
      *document_name = g_strdup (alama_preload_get_document_name (preload));
      store = alama_preload_finish (preload, &how, preloaded, error);
    }
  else
    store = alama_preload_open_store (path, &how, error);
  if (store != NULL)
    explain_read_only (self, how);
  return store;
}

/* The project @store (at @absolute) in the window, its first document shown:
 * the one read ahead in @preloaded when there is one. */
static void
show_project (AlamaWindow            *self,
              const char             *absolute,
              AlamaStore             *store,
              AlamaPreloadedDocument *preloaded)
{
  g_autoptr(AlamaDocument) first = NULL;
  GListModel *documents;

  set_store (self, store);
  g_settings_set_string (self->settings, "last-project", absolute);

  /* Show something at once: the first document. --open replaces it; when it
   * was read ahead, that document is the one read (the --open one, or the
   * first), and the view takes its data instead of reading it again. The text
   * gets the keyboard, so label keys work without a click first. */
  documents = G_LIST_MODEL (self->document_selection);
  if (preloaded != NULL)
    first = alama_store_get_document (store, preloaded->document_id);
  if (first == NULL && g_list_model_get_n_items (documents) > 0)
    first = g_list_model_get_item (documents, 0);
  if (first != NULL)
    {
      if (preloaded != NULL)
        alama_doc_view_set_preloaded (self->doc_view, preloaded);
      else
        g_clear_pointer (&preloaded, alama_preloaded_document_free);
      select_document (self, first);
      gtk_widget_grab_focus (GTK_WIDGET (self->doc_view));
    }
  else
    g_clear_pointer (&preloaded, alama_preloaded_document_free);

  arm_first_frame (self);
}

gboolean
alama_window_open_project (AlamaWindow *self,
                           const char  *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaStore) store = NULL;
  g_autoptr(AlamaPreloadedDocument) preloaded = NULL;
  g_autofree char *absolute = NULL;
  g_autofree char *document_name = NULL;

  g_return_val_if_fail (ALAMA_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* The project asked for now replaces one still being upgraded. */
  _alama_window_upgrade_stop (self);
  absolute = g_canonicalize_filename (path, NULL);
  gtk_label_set_label (self->read_only_label,
                       _("This project is read-only: you can read and export it, but not change it."));
  store = open_store (self, absolute, &preloaded, &document_name, &error);
  if (store == NULL)
    {
      g_autofree char *heading = NULL;

      /* Opened once it is upgraded, with a page saying so meanwhile. */
      if (g_error_matches (error, ALAMA_STORE_UPGRADE_ERROR, ALAMA_STORE_UPGRADE_ERROR_NEEDED))
        {
          _alama_window_upgrade_project (self, absolute, document_name);
          return FALSE;
        }
      if (g_error_matches (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_LOCKED))
        heading = g_strdup (_("Another Program Is Using This Project"));
      else
        heading = g_strdup (_("Cannot Open the Project"));
      _alama_window_show_error (self, heading, alama_error_text (error));
      arm_first_frame (self);
      return FALSE;
    }

  show_project (self, absolute, store, g_steal_pointer (&preloaded));
  return TRUE;
}

void
_alama_window_show_upgraded (AlamaWindow *self,
                             const char  *path,
                             AlamaStore  *store,
                             const char  *document_name)
{
  show_project (self, path, store, NULL);
  if (document_name != NULL && !alama_window_select_document_by_name (self, document_name))
    {
      g_autofree char *message =
        g_strdup_printf (_("The project has no document named “%s”."), document_name);
      alama_window_show_toast (self, message);
    }
}

void
_alama_window_reload_project (AlamaWindow *self)
{
  g_autofree char *path = NULL;
  g_autofree char *document_name = NULL;

  if (self->store == NULL)
    return;

  path = g_strdup (alama_store_get_path (self->store));
  if (self->document != NULL)
    document_name = g_strdup (alama_document_get_name (self->document));

  if (alama_window_open_project (self, path) && document_name != NULL)
    alama_window_select_document_by_name (self, document_name);
}

AlamaStore *
alama_window_get_store (AlamaWindow *self)
{
  g_return_val_if_fail (ALAMA_IS_WINDOW (self), NULL);

  return self->store;
}

AlamaDocument *
alama_window_get_document (AlamaWindow *self)
{
  g_return_val_if_fail (ALAMA_IS_WINDOW (self), NULL);

  return self->document;
}

/* ---- Other processes on the same project ------------------------------------ */

/* Another workbench (or the CLI) may write to the project: catch up when the
 * window gets the focus and every 2 s while it is shown. alama_store_refresh()
 * costs one PRAGMA when nothing changed; when something did, the store emits
 * "changed" and the view, panel and document list reload from it. */
static void
refresh_from_file (AlamaWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  if (!alama_store_refresh (self->store, &error))
    {
      if (error != NULL)
        g_debug ("%s", error->message);
      return;
    }

  /* The document shown may have been deleted by the other process. */
  if (self->document != NULL)
    {
      g_autoptr(AlamaDocument) still = alama_store_get_document (self->store,
                                                                 alama_document_get_id (self->document));
      if (still == NULL)
        set_document (self, NULL);
    }
  _alama_window_update_actions (self);
}

static gboolean
refresh_timeout_cb (gpointer user_data)
{
  AlamaWindow *self = user_data;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh_from_file (self);
  return G_SOURCE_CONTINUE;
}

static void
is_active_changed_cb (AlamaWindow *self)
{
  if (gtk_window_is_active (GTK_WINDOW (self)))
    refresh_from_file (self);
}

/* ---- Focus after the main menu ------------------------------------------- */

static gboolean
refocus_after_menu_cb (gpointer user_data)
{
  AlamaWindow *self = user_data;

  if (self->document != NULL && gtk_widget_is_drawable (GTK_WIDGET (self->doc_view)))
    gtk_widget_grab_focus (GTK_WIDGET (self->doc_view));
  else if (self->store != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->document_list));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->start_page));
  return G_SOURCE_REMOVE;
}

/* After an item of the main menu is activated with Enter, GTK 4.8 leaves the
 * keyboard focus nowhere (no shortcut works until a click). Put it back on the
 * text once the popover has finished closing (an idle: during "closed" GTK is
 * still moving focus and a grab would be undone). */
static void
primary_menu_closed_cb (AlamaWindow *self)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refocus_after_menu_cb,
                   g_object_ref (self), g_object_unref);
}

/* ---- GObject -------------------------------------------------------------- */

static void
alama_window_dispose (GObject *object)
{
  AlamaWindow *self = ALAMA_WINDOW (object);

  if (self->io_cancellable != NULL)
    g_cancellable_cancel (self->io_cancellable);
  g_clear_object (&self->io_cancellable);
  _alama_window_upgrade_stop (self);
  self->upgrade_page = NULL;
  _alama_window_review_free (self);
  _alama_window_learn_free (self);
  _alama_window_dispose_insight (self);
  g_clear_handle_id (&self->refresh_source_id, g_source_remove);
  g_clear_handle_id (&self->panel_fill_id, g_source_remove);
  g_clear_pointer (&self->panel_follows_view, alama_after_frame_free);

  if (self->store != NULL)
    g_clear_signal_handler (&self->store_changed_id, self->store);

  gtk_widget_dispose_template (GTK_WIDGET (self), ALAMA_TYPE_WINDOW);

  g_clear_object (&self->document);
  g_clear_object (&self->import_folder);
  g_clear_weak_pointer (&self->undo_toast);
  g_clear_object (&self->store);
  g_clear_object (&self->document_selection);
  g_clear_object (&self->pending_count);
  g_clear_object (&self->filtered_documents);
  g_clear_object (&self->document_filter);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (alama_window_parent_class)->dispose (object);
}

static void
alama_window_finalize (GObject *object)
{
  AlamaWindow *self = ALAMA_WINDOW (object);

  g_clear_pointer (&self->filter_needle, g_free);

  G_OBJECT_CLASS (alama_window_parent_class)->finalize (object);
}

/* "sidebar-visible" is the state of win.sidebar-visible (Shift+F9, the menu):
 * the sidebar's own visibility, which Ctrl+L also changes. */
static void
sidebar_visible_notify_cb (AlamaWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIDEBAR_VISIBLE]);
}

static void
alama_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AlamaWindow *self = ALAMA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SIDEBAR_VISIBLE:
      g_value_set_boolean (value, self->sidebar != NULL && gtk_widget_get_visible (self->sidebar));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alama_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  AlamaWindow *self = ALAMA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SIDEBAR_VISIBLE:
      if (self->sidebar != NULL)
        gtk_widget_set_visible (self->sidebar, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alama_window_class_init (AlamaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = alama_window_dispose;
  object_class->finalize = alama_window_finalize;
  object_class->get_property = alama_window_get_property;
  object_class->set_property = alama_window_set_property;
  widget_class->map = alama_window_map;
  window_class->close_request = alama_window_close_request;

  g_type_ensure (ALAMA_TYPE_DOC_VIEW);
  g_type_ensure (ALAMA_TYPE_ANNOTATION_PANEL);
  g_type_ensure (ALAMA_TYPE_START_PAGE);
  g_type_ensure (ALAMA_TYPE_LABEL_LEGEND);
  g_type_ensure (ALAMA_TYPE_SOURCE_CHOOSER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/alama/Workbench/alama-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AlamaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AlamaWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, AlamaWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, AlamaWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, AlamaWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, AlamaWindow, read_only_revealer);
  gtk_widget_class_bind_template_child (widget_class, AlamaWindow, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, AlamaWindow, learn_box);
  gtk_widget_class_bind_template_child (widget_class, AlamaWindow, learn_spinner);
  gtk_widget_class_bind_template_child (widget_class, AlamaWindow, learn_label);
  gtk_widget_class_bind_template_child (widget_class, AlamaWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, AlamaWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, AlamaWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, AlamaWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, AlamaWindow, start_page);
  gtk_widget_class_bind_template_child (widget_class, AlamaWindow, outer_paned);
  gtk_widget_class_bind_template_child (widget_class, AlamaWindow, inner_paned);
  gtk_widget_class_bind_template_child (widget_class, AlamaWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, AlamaWindow, filter_entry);
  gtk_widget_class_bind_template_child (widget_class, AlamaWindow, source_chooser);
  gtk_widget_class_bind_template_child (widget_class, AlamaWindow, document_list);
  gtk_widget_class_bind_template_child (widget_class, AlamaWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, AlamaWindow, view_box);
  gtk_widget_class_bind_template_child (widget_class, AlamaWindow, view_scroller);
  gtk_widget_class_bind_template_child (widget_class, AlamaWindow, doc_view);
  gtk_widget_class_bind_template_child (widget_class, AlamaWindow, panel);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_error_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_notice_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_selected_span_cb);
  gtk_widget_class_bind_template_callback (widget_class, panel_selected_span_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_selected_relation_cb);
  gtk_widget_class_bind_template_callback (widget_class, panel_selected_relation_cb);
  gtk_widget_class_bind_template_callback (widget_class, panel_show_relation_cb);

  properties[PROP_SIDEBAR_VISIBLE] =
    g_param_spec_boolean ("sidebar-visible", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  _alama_window_class_install_actions (widget_class);
}

static void
alama_window_init (AlamaWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->panel_follows_view = alama_after_frame_new (GTK_WIDGET (self), panel_follow_view, self);

  self->settings = g_settings_new (APPLICATION_ID);

  /* store documents -> filter (by the entry) -> single selection -> list view */
  self->document_filter = gtk_custom_filter_new (NULL, NULL, NULL);
  self->filtered_documents = gtk_filter_list_model_new (NULL,
                                                        g_object_ref (GTK_FILTER (self->document_filter)));
  self->document_selection =
    gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filtered_documents)));
  gtk_single_selection_set_autoselect (self->document_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->document_selection, TRUE);
  g_signal_connect_swapped (self->document_selection, "notify::selected-item",
                            G_CALLBACK (document_selected_cb), self);
  self->pending_count = alama_pending_count_new ();
  factory = alama_document_row_factory_new (self->pending_count);
  gtk_list_view_set_factory (self->document_list, factory);
  gtk_list_view_set_model (self->document_list, GTK_SELECTION_MODEL (self->document_selection));

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  gtk_paned_set_position (self->outer_paned, g_settings_get_int (self->settings, "sidebar-width"));
  g_signal_connect_swapped (self->inner_paned, "notify::max-position",
                            G_CALLBACK (inner_paned_max_position_cb), self);

  g_signal_connect_object (gtk_menu_button_get_popover (self->primary_menu_button), "closed",
                           G_CALLBACK (primary_menu_closed_cb), self, G_CONNECT_SWAPPED);

  bind_view_settings (self);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (is_active_changed_cb), NULL);
  self->refresh_source_id = g_timeout_add_seconds (2, refresh_timeout_cb, self);
  gtk_widget_add_tick_callback (GTK_WIDGET (self), watch_first_paint_tick_cb, NULL, NULL);
  g_signal_connect_object (self->settings, "changed::annotator",
                           G_CALLBACK (annotator_changed_cb), self, G_CONNECT_SWAPPED);

  _alama_window_add_settings_actions (self);
  _alama_window_setup_review (self);
  _alama_window_setup_learn (self);
  _alama_window_setup_insight (self);
  g_signal_connect_object (self->sidebar, "notify::visible",
                           G_CALLBACK (sidebar_visible_notify_cb), self, G_CONNECT_SWAPPED);
  gtk_stack_set_visible_child_name (self->main_stack, "start");
  _alama_window_update_actions (self);
}

AlamaWindow *
alama_window_new (AlamaApplication *app)
{
  return g_object_new (ALAMA_TYPE_WINDOW, "application", app, NULL);
}
