/* alama-startup-theme.c: GTK's settings made under the Empty theme (see the
 * header for why). */
#define G_LOG_DOMAIN "alama-startup-theme"

#include "config.h"

#include <gtk/gtk.h>

#include "alama-startup-theme.h"

/* A theme GTK has in its own resources, so no file is looked for. */
#define STARTUP_THEME "Empty"

static gboolean theme_was_set_here;

void
alama_startup_theme_prepare (void)
{
  const char *theme = g_getenv ("GTK_THEME");

  if (theme != NULL && theme[0] != '\0')
    return;

  /* A variable that is not there yet is appended after the others, so
   * removing it later moves no other entry under a thread reading them. */
  theme_was_set_here = g_setenv ("GTK_THEME", STARTUP_THEME, TRUE);
}

void
alama_startup_theme_settle (void)
{
  if (!theme_was_set_here)
    return;
  theme_was_set_here = FALSE;

  gtk_init ();
  /* Created now, the settings load STARTUP_THEME; GtkApplication's startup
   * then finds them made. */
  gtk_settings_get_default ();
  g_unsetenv ("GTK_THEME");
}
