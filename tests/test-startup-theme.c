/* test-startup-theme.c: GTK's settings are made under its Empty theme, then
 * libadwaita themes the application as usual (alama-startup-theme.h).
 *
 * GTK can be initialised once per process, so the cases run in this order:
 * first the user's GTK_THEME (GTK must stay uninitialised), then ours. The
 * display check cannot use ui_test_init(): that would initialise GTK first. */
#define G_LOG_DOMAIN "test-startup-theme"

#include "config.h"

#include <stdlib.h>

#include <adwaita.h>

#include "alama-startup-theme.h"

static int
natural_height (GtkWidget *widget)
{
  int natural = 0;

  g_object_ref_sink (widget);
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, -1, NULL, &natural, NULL, NULL);
  g_object_unref (widget);
  return natural;
}

static GtkWidget *
label_with_class (const char *css_class)
{
  GtkWidget *label = gtk_label_new ("مثال Example");

  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
test_user_theme_left_alone (void)
{
  g_setenv ("GTK_THEME", "HighContrast", TRUE);

  alama_startup_theme_prepare ();
  g_assert_cmpstr (g_getenv ("GTK_THEME"), ==, "HighContrast");
  alama_startup_theme_settle ();
  g_assert_cmpstr (g_getenv ("GTK_THEME"), ==, "HighContrast");
  g_assert_false (gtk_is_initialized ());

  g_unsetenv ("GTK_THEME");
}

static void
test_empty_then_adwaita (void)
{
  g_autofree char *theme_name = NULL;
  GtkWidget *button;

  alama_startup_theme_prepare ();
  g_assert_cmpstr (g_getenv ("GTK_THEME"), ==, "Empty");

  alama_startup_theme_settle ();
  g_assert_true (gtk_is_initialized ());
  /* Gone before libadwaita looks, and for any child process. */
  g_assert_null (g_getenv ("GTK_THEME"));

  /* The settings were made with the Empty theme: a button has no padding or
   * border yet, so it is exactly as tall as its label (GTK's Default theme
   * pads buttons). */
  button = gtk_button_new_with_label ("مثال Example");
  g_assert_cmpint (natural_height (button), ==, natural_height (label_with_class (NULL)));

  /* libadwaita, started after, saw no GTK_THEME: it switched GTK to its own
   * empty theme and added its stylesheet (a title is bigger than a label). */
  adw_init ();
  g_object_get (gtk_settings_get_default (), "gtk-theme-name", &theme_name, NULL);
  g_assert_cmpstr (theme_name, ==, "Adwaita-empty");
  g_assert_cmpint (natural_height (label_with_class ("title-1")), >,
                   natural_height (label_with_class (NULL)));
  button = gtk_button_new_with_label ("مثال Example");
  g_assert_cmpint (natural_height (button), >, natural_height (label_with_class (NULL)));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      if (g_strcmp0 (g_getenv ("CI"), "true") == 0)
        {
          g_printerr ("No display, and CI=true: the ui suite must run (use xvfb-run)\n");
          return 1;
        }
      g_print ("1..0 # SKIP no display\n");
      return 77;
    }

  /* In this order: the first needs GTK not yet initialised. */
  g_test_add_func ("/alama/startup-theme/user-theme-left-alone", test_user_theme_left_alone);
  g_test_add_func ("/alama/startup-theme/empty-then-adwaita", test_empty_then_adwaita);

  return g_test_run ();
}
