/* test-preferences.c: the Preferences window's Software Rendering row is bound
 * to the "software-rendering" key both ways (alama-renderer.h reads the key at
 * the next start). */
#define G_LOG_DOMAIN "test-preferences"

#include "config.h"

#include "alama-preferences.h"
#include "ui-test-init.h"

/* The switch of the action row titled @title, anywhere under @widget. */
static GtkSwitch *
find_row_switch (GtkWidget  *widget,
                 const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkSwitch *found;

      if (ADW_IS_ACTION_ROW (child) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
        {
          GtkWidget *activatable = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (child));

          return GTK_IS_SWITCH (activatable) ? GTK_SWITCH (activatable) : NULL;
        }
      if ((found = find_row_switch (child, title)) != NULL)
        return found;
    }
  return NULL;
}

static void
test_software_rendering_row (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  AlamaPreferences *prefs;
  GtkSwitch *sw;

  g_settings_set_boolean (settings, "software-rendering", FALSE);
  prefs = alama_preferences_new (NULL);
  sw = find_row_switch (GTK_WIDGET (prefs), "Software Rendering");
  g_assert_nonnull (sw);
  g_assert_false (gtk_switch_get_active (sw));

  g_settings_set_boolean (settings, "software-rendering", TRUE);
  g_assert_true (gtk_switch_get_active (sw));

  gtk_switch_set_active (sw, FALSE);
  g_assert_false (g_settings_get_boolean (settings, "software-rendering"));

  gtk_window_destroy (GTK_WINDOW (prefs));
}

int
main (int    argc,
      char **argv)
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/alama/preferences/software-rendering", test_software_rendering_row);

  return g_test_run ();
}
