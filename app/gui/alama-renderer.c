/* alama-renderer.c: the renderer choice made before GTK starts (see the header).
 * GLib only: it runs before GTK is initialised, and the tests call it without a
 * display. */
#define G_LOG_DOMAIN "alama-renderer"

#include "config.h"

#include <string.h>

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
alama_renderer_choose (const char         *gsk_renderer,
                       const char         *gdk_debug,
                       AlamaDisplayGuess   display,
                       char              **new_gsk_renderer,
                       char              **new_gdk_debug)
{
  const char *renderer = gsk_renderer;

  g_return_if_fail (new_gsk_renderer != NULL);
  g_return_if_fail (new_gdk_debug != NULL);

  *new_gsk_renderer = NULL;
  *new_gdk_debug = NULL;

  if (renderer == NULL || renderer[0] == '\0')
    {
      /* Wayland and the rest keep GTK's choice (GL there is not probed
       * through an X visual, and nothing was measured). */
      if (display != ALAMA_DISPLAY_GUESS_X11)
        return;
      renderer = "cairo";
      *new_gsk_renderer = g_strdup (renderer);
    }

  /* Only the cairo renderer lets GDK do without GL; "help" and unknown names
   * are GTK's to handle. */
  if (g_ascii_strcasecmp (renderer, "cairo") != 0 || list_has_word (gdk_debug, "gl-disable"))
    return;

  if (gdk_debug == NULL || gdk_debug[0] == '\0')
    *new_gdk_debug = g_strdup ("gl-disable");
  else
    *new_gdk_debug = g_strconcat (gdk_debug, ",gl-disable", NULL);
}

AlamaDisplayGuess
alama_renderer_guess_display (void)
{
  const char *backend = g_getenv ("GDK_BACKEND");
  const char *display = g_getenv ("DISPLAY");
  const char *wayland = g_getenv ("WAYLAND_DISPLAY");
  const char *runtime_dir = g_getenv ("XDG_RUNTIME_DIR");

  /* GDK_BACKEND is a list GDK tries in order; the first entry decides when GDK
   * can open it, which is the case worth guessing. */
  if (backend != NULL && backend[0] != '\0' && strcmp (backend, "*") != 0)
    return g_ascii_strncasecmp (backend, "x11", 3) == 0 ? ALAMA_DISPLAY_GUESS_X11
                                                        : ALAMA_DISPLAY_GUESS_OTHER;

  /* Without GDK_BACKEND, GDK tries Wayland before X11, and libwayland falls
   * back to the socket "wayland-0" when WAYLAND_DISPLAY is unset. */
  if (wayland != NULL && wayland[0] != '\0')
    return ALAMA_DISPLAY_GUESS_OTHER;
  if (runtime_dir != NULL)
    {
      g_autofree char *socket = g_build_filename (runtime_dir, "wayland-0", NULL);

      if (g_file_test (socket, G_FILE_TEST_EXISTS))
        return ALAMA_DISPLAY_GUESS_OTHER;
    }
  return display != NULL && display[0] != '\0' ? ALAMA_DISPLAY_GUESS_X11
                                               : ALAMA_DISPLAY_GUESS_OTHER;
}

void
alama_renderer_setup (void)
{
  g_autofree char *gsk_renderer = NULL;
  g_autofree char *gdk_debug = NULL;

  alama_renderer_choose (g_getenv ("GSK_RENDERER"), g_getenv ("GDK_DEBUG"),
                         alama_renderer_guess_display (), &gsk_renderer, &gdk_debug);
  if (gsk_renderer != NULL)
    g_setenv ("GSK_RENDERER", gsk_renderer, TRUE);
  if (gdk_debug != NULL)
    g_setenv ("GDK_DEBUG", gdk_debug, TRUE);
}
