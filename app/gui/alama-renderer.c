/* alama-renderer.c: the software-rendering preference, applied before GTK
 * starts (see the header). GLib only: the tests call it without a display. */
#define G_LOG_DOMAIN "alama-renderer"

#include "config.h"

#include <unistd.h>

#include "alama-renderer.h"

/* Does the comma/space/colon separated @list hold @word (GDK's own syntax)? */
static gboolean
list_has_word (const char *list,
               const char *word)
{
  g_auto(GStrv) words = NULL;

  if (list == NULL)
    return FALSE;
  words = g_strsplit_set (list, ",: ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (g_ascii_strcasecmp (words[i], word) == 0 || g_ascii_strcasecmp (words[i], "all") == 0)
      return TRUE;
  return FALSE;
}

void
alama_renderer_choose (const char  *gsk_renderer,
                       const char  *gdk_debug,
                       gboolean     software_rendering,
                       char       **new_gsk_renderer,
                       char       **new_gdk_debug)
{
  g_return_if_fail (new_gsk_renderer != NULL);
  g_return_if_fail (new_gdk_debug != NULL);

  *new_gsk_renderer = NULL;
  *new_gdk_debug = NULL;

  /* The user's environment wins over the preference. */
  if (!software_rendering || (gsk_renderer != NULL && gsk_renderer[0] != '\0'))
    return;

  *new_gsk_renderer = g_strdup ("cairo");
  if (list_has_word (gdk_debug, "gl-disable"))
    return;
  if (gdk_debug == NULL || gdk_debug[0] == '\0')
    *new_gdk_debug = g_strdup ("gl-disable");
  else
    *new_gdk_debug = g_strconcat (gdk_debug, ",gl-disable", NULL);
}

void
alama_renderer_setup (gboolean software_rendering)
{
  g_autofree char *gsk_renderer = NULL;
  g_autofree char *gdk_debug = NULL;
  char **env;

  alama_renderer_choose (g_getenv ("GSK_RENDERER"), g_getenv ("GDK_DEBUG"),
                         software_rendering, &gsk_renderer, &gdk_debug);
  if (gsk_renderer == NULL && gdk_debug == NULL)
    return;

  /* Reading the preference started GSettings' D-Bus threads, which may read
   * the environment: setenv() could free the array one of them is walking.
   * So a new environment is made and put in place with one store, and the old
   * one is left as it is. The new one lives as long as the process. */
  env = g_get_environ ();
  if (gsk_renderer != NULL)
    env = g_environ_setenv (env, "GSK_RENDERER", gsk_renderer, TRUE);
  if (gdk_debug != NULL)
    env = g_environ_setenv (env, "GDK_DEBUG", gdk_debug, TRUE);
  environ = env;
}
