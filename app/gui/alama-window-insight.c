/* alama-window-insight.c: finding and seeing in the workbench window.
 *
 * Ctrl+F shows the find bar over the document view; Ctrl+Shift+F turns the
 * sidebar into the project search; Ctrl+D opens the dashboard; Ctrl+, the
 * preferences. Kept out of alama-window.c so that the shell can grow on its own;
 * its state is its group of fields in the window (alama-window-private.h).
 */
#define G_LOG_DOMAIN "alama-window"

#include "config.h"

#include <glib/gi18n.h>

#include "alama-preferences.h"
#include "alama-window-insight.h"
#include "alama-window-private.h"

#define SEARCH_SIDEBAR_WIDTH 360

static AlamaFindBar *
ensure_find_bar (AlamaWindow *self)
{
  if (self->find_bar == NULL)
    {
      self->find_bar = ALAMA_FIND_BAR (alama_find_bar_new (self->doc_view));
      gtk_box_prepend (GTK_BOX (self->view_box), GTK_WIDGET (self->find_bar));
    }
  return self->find_bar;
}

static void hit_activated_cb (AlamaWindow *self,
                              gint64       document_id,
                              gint64       start,
                              gint64       end,
                              gint64       span_id);
static void search_close_cb  (AlamaWindow *self);

static AlamaSearchPanel *
ensure_search_panel (AlamaWindow *self)
{
  if (self->search_panel == NULL)
    {
      self->search_panel = ALAMA_SEARCH_PANEL (alama_search_panel_new ());
      gtk_widget_set_vexpand (GTK_WIDGET (self->search_panel), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->search_panel), FALSE);
      gtk_box_append (GTK_BOX (self->sidebar), GTK_WIDGET (self->search_panel));
      g_signal_connect_object (self->search_panel, "hit-activated",
                               G_CALLBACK (hit_activated_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->search_panel, "close", G_CALLBACK (search_close_cb),
                               self, G_CONNECT_SWAPPED);
      alama_search_panel_set_store (self->search_panel, self->search_store);
    }
  return self->search_panel;
}

AlamaFindBar *
_alama_window_get_find_bar (AlamaWindow *self)
{
  return ensure_find_bar (self);
}

AlamaSearchPanel *
_alama_window_get_search_panel (AlamaWindow *self)
{
  return ensure_search_panel (self);
}

/* ---- Find in the document ------------------------------------------------- */

static void
find_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  AlamaWindow *self = ALAMA_WINDOW (widget);

  if (self->document == NULL)
    return;
  alama_find_bar_open (ensure_find_bar (self));
}

/* ---- Project search in the sidebar ---------------------------------------- */

static void
show_search_page (AlamaWindow *self,
                  gboolean     show)
{
  GtkWidget *panel = show ? GTK_WIDGET (ensure_search_panel (self))
                          : GTK_WIDGET (self->search_panel);

  /* The sidebar's own children (filter, list) give way to the search page. */
  for (GtkWidget *child = gtk_widget_get_first_child (self->sidebar); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_visible (child, child == panel ? show : !show);

  if (show)
    {
      int position = gtk_paned_get_position (self->outer_paned);

      gtk_widget_set_visible (self->sidebar, TRUE);
      if (position < SEARCH_SIDEBAR_WIDTH && self->search_sidebar_width == 0)
        {
          self->search_sidebar_width = position;
          gtk_paned_set_position (self->outer_paned, SEARCH_SIDEBAR_WIDTH);
        }
    }
  else if (self->search_sidebar_width > 0)
    {
      gtk_paned_set_position (self->outer_paned, self->search_sidebar_width);
      self->search_sidebar_width = 0;
    }
}

void
_alama_window_search_project (AlamaWindow *self,
                              const char  *label,
                              const char  *text)
{
  AlamaSearchPanel *panel;

  if (self->store == NULL)
    return;
  show_search_page (self, TRUE);
  panel = ensure_search_panel (self);
  if (label != NULL || text != NULL)
    alama_search_panel_search (panel, label, text);
  alama_search_panel_focus (panel);
}

static void
find_project_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  _alama_window_search_project (ALAMA_WINDOW (widget), NULL, NULL);
}

static void
search_close_cb (AlamaWindow *self)
{
  show_search_page (self, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->document_list));
}

/* Opens the document of the hit with the hit selected, scrolled to and flashed. */
static void
hit_activated_cb (AlamaWindow *self,
                  gint64       document_id,
                  gint64       start,
                  gint64       end,
                  gint64       span_id)
{
  g_autoptr(AlamaDocument) document = NULL;
  gint64 range[2] = { start, end };

  if (self->store == NULL)
    return;
  document = alama_store_get_document (self->store, document_id);
  if (document == NULL ||
      !alama_window_select_document_by_name (self, alama_document_get_name (document)))
    {
      alama_window_show_toast (self, _("That document is no longer in the project."));
      return;
    }

  if (span_id != 0)
    alama_doc_view_select_span (self->doc_view, span_id, TRUE);
  else
    {
      alama_doc_view_set_search_hits (self->doc_view, range, 1, 0);
      alama_doc_view_select_range (self->doc_view, start, end, TRUE);
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->doc_view));
}

/* ---- Dashboard and preferences -------------------------------------------- */

static void
dashboard_search_cb (AlamaDashboard *dashboard,
                     const char     *label,
                     const char     *text,
                     AlamaWindow    *self)
{
  gtk_window_present (GTK_WINDOW (self));
  _alama_window_search_project (self, label, text);
}

AlamaDashboard *
_alama_window_show_dashboard (AlamaWindow *self)
{
  if (self->store == NULL)
    return NULL;

  if (self->dashboard != NULL)
    alama_dashboard_refresh (self->dashboard);
  else
    {
      self->dashboard = alama_dashboard_new (GTK_WINDOW (self), self->store);
      g_object_bind_property (self->doc_view, "min-confidence", self->dashboard,
                              "min-confidence", G_BINDING_SYNC_CREATE);
      g_object_add_weak_pointer (G_OBJECT (self->dashboard), (gpointer *) &self->dashboard);
      gtk_window_set_destroy_with_parent (GTK_WINDOW (self->dashboard), TRUE);
      g_signal_connect_object (self->dashboard, "search", G_CALLBACK (dashboard_search_cb),
                               self, 0);
    }
  gtk_window_present (GTK_WINDOW (self->dashboard));
  return self->dashboard;
}

static void
dashboard_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  _alama_window_show_dashboard (ALAMA_WINDOW (widget));
}

static void
preferences_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  gtk_window_present (GTK_WINDOW (alama_preferences_new (GTK_WINDOW (ALAMA_WINDOW (widget)))));
}

/* ---- Setup ----------------------------------------------------------------- */

void
_alama_window_update_insight_actions (AlamaWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find", self->document != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find-project", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.dashboard", self->store != NULL);

  /* A new project: the search follows it, a dashboard of the old one closes. */
  if (self->search_store != self->store)
    {
      self->search_store = self->store;
      if (self->search_panel != NULL)
        alama_search_panel_set_store (self->search_panel, self->store);
      if (self->store == NULL)
        show_search_page (self, FALSE);
      if (self->dashboard != NULL)
        gtk_window_destroy (GTK_WINDOW (self->dashboard));
    }
}

static void
add_menu_items (AlamaWindow *self)
{
  GMenuModel *model = gtk_menu_button_get_menu_model (self->primary_menu_button);
  g_autoptr(GMenu) section = g_menu_new ();
  int n;

  if (!G_IS_MENU (model))
    return;
  g_menu_append (section, _("_Find in Document"), "win.find");
  g_menu_append (section, _("_Search the Project…"), "win.find-project");
  g_menu_append (section, _("_Dashboard"), "win.dashboard");
  n = g_menu_model_get_n_items (model);
  g_menu_insert_section (G_MENU (model), MIN (2, n), NULL, G_MENU_MODEL (section));

  /* Preferences open the last section (shortcuts, about), as in GNOME apps. */
  n = g_menu_model_get_n_items (model);
  if (n > 0)
    {
      g_autoptr(GMenuModel) last = g_menu_model_get_item_link (model, n - 1, G_MENU_LINK_SECTION);

      if (G_IS_MENU (last))
        g_menu_prepend (G_MENU (last), _("_Preferences"), "win.preferences");
    }
}

void
_alama_window_setup_insight (AlamaWindow *self)
{
  add_menu_items (self);
}

void
_alama_window_dispose_insight (AlamaWindow *self)
{
  if (self->dashboard != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->dashboard), (gpointer *) &self->dashboard);
  self->dashboard = NULL;
}

void
_alama_window_class_install_insight_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_activated);
  gtk_widget_class_install_action (widget_class, "win.find-project", NULL,
                                   find_project_activated);
  gtk_widget_class_install_action (widget_class, "win.dashboard", NULL, dashboard_activated);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_activated);
}
