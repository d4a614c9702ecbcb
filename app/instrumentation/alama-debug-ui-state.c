/* alama-debug-ui-state.c: ALAMA_DEBUG_UI_STATE=FILE (see the header). */
#define G_LOG_DOMAIN "alama-instrumentation"

#include "config.h"

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "alama-debug-ui-state.h"

static void
collect_menu_labels (GMenuModel  *model,
                     JsonBuilder *b)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *label = NULL;
      GMenuModel *link;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        json_builder_add_string_value (b, label);
      link = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);
      if (link == NULL)
        link = g_menu_model_get_item_link (model, i, G_MENU_LINK_SUBMENU);
      if (link != NULL)
        {
          collect_menu_labels (link, b);
          g_object_unref (link);
        }
    }
}

/* Tooltips and labels of the header bar's buttons, and its title. */
static void
collect_header_labels (GtkWidget   *widget,
                       JsonBuilder *b)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *tooltip = gtk_widget_get_tooltip_text (child);

      if (tooltip != NULL && (GTK_IS_BUTTON (child) || GTK_IS_MENU_BUTTON (child)))
        json_builder_add_string_value (b, tooltip);
      if (ADW_IS_WINDOW_TITLE (child))
        json_builder_add_string_value (b, adw_window_title_get_title (ADW_WINDOW_TITLE (child)));
      collect_header_labels (child, b);
    }
}

/* The window's primary menu button (the one F10 opens). */
static GtkMenuButton *
find_primary_menu_button (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkMenuButton *found;

      if (GTK_IS_MENU_BUTTON (child) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (child)))
        return GTK_MENU_BUTTON (child);
      if ((found = find_primary_menu_button (child)) != NULL)
        return found;
    }
  return NULL;
}

static void
write_ui_state (GtkWindow  *window,
                const char *path)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  GtkMenuButton *menu_button = find_primary_menu_button (GTK_WIDGET (window));
  GtkWidget *header = menu_button != NULL
                      ? gtk_widget_get_ancestor (GTK_WIDGET (menu_button), ADW_TYPE_HEADER_BAR)
                      : NULL;
  GMenuModel *menu = menu_button != NULL ? gtk_menu_button_get_menu_model (menu_button) : NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "direction");
  json_builder_add_string_value (b, gtk_widget_get_direction (GTK_WIDGET (window)) == GTK_TEXT_DIR_RTL
                                    ? "rtl" : "ltr");
  json_builder_set_member_name (b, "locale_direction");
  json_builder_add_string_value (b, gtk_get_locale_direction () == GTK_TEXT_DIR_RTL ? "rtl" : "ltr");
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, gtk_window_get_title (window));
  json_builder_set_member_name (b, "header_labels");
  json_builder_begin_array (b);
  if (header != NULL)
    collect_header_labels (header, b);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "menu_labels");
  json_builder_begin_array (b);
  if (menu != NULL)
    collect_menu_labels (menu, b);
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  if (!json_generator_to_file (generator, path, &error))
    g_warning ("Could not write the UI state: %s", error->message);
}

static void
after_paint_cb (GdkFrameClock *clock,
                GtkWindow     *window)
{
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, window);
  write_ui_state (window, g_object_get_data (G_OBJECT (window), "alama-debug-ui-state"));
}

static void
map_cb (GtkWindow *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));

  if (clock != NULL)
    g_signal_connect_object (clock, "after-paint", G_CALLBACK (after_paint_cb), window, 0);
}

void
alama_debug_ui_state_watch (GtkWindow  *window,
                            const char *path)
{
  g_object_set_data_full (G_OBJECT (window), "alama-debug-ui-state", g_strdup (path), g_free);
  g_signal_connect (window, "map", G_CALLBACK (map_cb), NULL);
}
