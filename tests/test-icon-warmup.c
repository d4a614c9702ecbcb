/* test-icon-warmup.c: reading the icon theme in a thread at start-up
 * (alama-icon-warmup.h) changes no icon. What it saves is measured by the
 * first-frame benchmark (ALAMA_BENCH_LOG=1 prints "icon theme read"); here:
 * lookups made on the main thread while the thread reads, and after it, give
 * the same files as a theme read on the main thread alone, and the thread
 * and the main thread share the theme without a fault (the sanitizer run of
 * the suite runs this too). */
#define G_LOG_DOMAIN "test-icon-warmup"

#include "config.h"

#include "alama-icon-warmup.h"
#include "ui-test-init.h"

/* The workbench's icons, one that exists nowhere, and a fallback chain. */
static const char * const icon_names[] = {
  "text-x-generic-symbolic", "sidebar-show-symbolic", "sidebar-show-right-symbolic",
  "open-menu-symbolic", "edit-undo-symbolic", "edit-redo-symbolic", "window-close-symbolic",
  "preferences-system-symbolic", "go-up-symbolic", "go-down-symbolic",
  "accessories-text-editor-symbolic", "alama-no-such-icon-symbolic",
};

static char *
icon_uri (GtkIconTheme *theme,
          const char   *name)
{
  g_autoptr(GtkIconPaintable) icon =
    gtk_icon_theme_lookup_icon (theme, name, NULL, 16, 1, GTK_TEXT_DIR_RTL, 0);
  g_autoptr(GFile) file = gtk_icon_paintable_get_file (icon);

  return file != NULL ? g_file_get_uri (file) : g_strdup ("(none)");
}

/* A theme of its own with the display theme's settings, read on this thread. */
static GtkIconTheme *
theme_like (GtkIconTheme *model)
{
  GtkIconTheme *theme = gtk_icon_theme_new ();
  g_auto(GStrv) search_path = gtk_icon_theme_get_search_path (model);
  g_auto(GStrv) resource_path = gtk_icon_theme_get_resource_path (model);
  g_autofree char *name = gtk_icon_theme_get_theme_name (model);

  gtk_icon_theme_set_search_path (theme, (const char * const *) search_path);
  gtk_icon_theme_set_resource_path (theme, (const char * const *) resource_path);
  gtk_icon_theme_set_theme_name (theme, name);
  return theme;
}

static void
test_same_icons (void)
{
  GtkIconTheme *display_theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  g_autoptr(GtkIconTheme) reference = theme_like (display_theme);
  g_autoptr(GPtrArray) during = g_ptr_array_new_with_free_func (g_free);
  GThread *thread;

  thread = alama_icon_warmup_start (display_theme);
  /* At once, while the thread reads (these wait for its lock). */
  for (guint i = 0; i < G_N_ELEMENTS (icon_names); i++)
    g_ptr_array_add (during, icon_uri (display_theme, icon_names[i]));
  g_thread_join (thread);

  for (guint i = 0; i < G_N_ELEMENTS (icon_names); i++)
    {
      g_autofree char *expected = icon_uri (reference, icon_names[i]);
      g_autofree char *after = icon_uri (display_theme, icon_names[i]);

      g_assert_cmpstr (g_ptr_array_index (during, i), ==, expected);
      g_assert_cmpstr (after, ==, expected);
      g_test_message ("%s: %s", icon_names[i], expected);
    }
  /* The workbench's own icon is found (not the "missing image" fallback). */
  g_assert_true (gtk_icon_theme_has_icon (display_theme, "text-x-generic-symbolic"));
}

int
main (int    argc,
      char **argv)
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/alama/icon-warmup/same-icons", test_same_icons);

  return g_test_run ();
}
