/* test-renderer.c: the renderer Alama asks GTK for (alama-renderer.h). The
 * decision is a pure function of the environment it is given, so no display is
 * needed; what GTK then does with it is checked by the first-frame benchmark
 * ("startup renderer GskCairoRenderer" under ALAMA_BENCH_LOG=1). */
#define G_LOG_DOMAIN "test-renderer"

#include "config.h"

#include <glib/gstdio.h>

#include "alama-renderer.h"

typedef struct
{
  const char        *gsk_renderer;      /* in */
  const char        *gdk_debug;
  AlamaDisplayGuess  display;
  const char        *new_gsk_renderer;  /* out: NULL = left alone */
  const char        *new_gdk_debug;
} Case;

static const Case cases[] = {
  /* X11 and no choice of the user: cairo, and no GL probe. */
  { NULL, NULL, ALAMA_DISPLAY_GUESS_X11, "cairo", "gl-disable" },
  { "", "", ALAMA_DISPLAY_GUESS_X11, "cairo", "gl-disable" },
  /* Other GDK_DEBUG flags are kept. */
  { NULL, "events", ALAMA_DISPLAY_GUESS_X11, "cairo", "events,gl-disable" },
  /* Already there (or "all"): nothing to add. */
  { NULL, "misc,gl-disable", ALAMA_DISPLAY_GUESS_X11, "cairo", NULL },
  { NULL, "all", ALAMA_DISPLAY_GUESS_X11, "cairo", NULL },
  /* The user's renderer wins; GL keeps its probe. */
  { "gl", NULL, ALAMA_DISPLAY_GUESS_X11, NULL, NULL },
  { "ngl", "events", ALAMA_DISPLAY_GUESS_X11, NULL, NULL },
  { "vulkan", NULL, ALAMA_DISPLAY_GUESS_OTHER, NULL, NULL },
  /* cairo chosen by the user, on any display: the probe is useless there too. */
  { "cairo", NULL, ALAMA_DISPLAY_GUESS_OTHER, NULL, "gl-disable" },
  { "Cairo", "events", ALAMA_DISPLAY_GUESS_X11, NULL, "events,gl-disable" },
  /* Wayland (or unknown): GTK's own default. */
  { NULL, NULL, ALAMA_DISPLAY_GUESS_OTHER, NULL, NULL },
  { NULL, "events", ALAMA_DISPLAY_GUESS_OTHER, NULL, NULL },
};

static void
test_choose (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];
      g_autofree char *gsk = NULL;
      g_autofree char *debug = NULL;

      g_test_message ("case %u: GSK_RENDERER=%s GDK_DEBUG=%s x11=%d", i,
                      c->gsk_renderer, c->gdk_debug, c->display == ALAMA_DISPLAY_GUESS_X11);
      alama_renderer_choose (c->gsk_renderer, c->gdk_debug, c->display, &gsk, &debug);
      g_assert_cmpstr (gsk, ==, c->new_gsk_renderer);
      g_assert_cmpstr (debug, ==, c->new_gdk_debug);
    }
}

/* Which display GDK will open, from the variables it reads itself. */
static void
test_guess_display (void)
{
  g_autofree char *runtime = g_dir_make_tmp ("alama-renderer-XXXXXX", NULL);
  g_autofree char *socket = g_build_filename (runtime, "wayland-0", NULL);

  g_assert_nonnull (runtime);
  g_setenv ("XDG_RUNTIME_DIR", runtime, TRUE);
  g_unsetenv ("GDK_BACKEND");
  g_unsetenv ("WAYLAND_DISPLAY");
  g_setenv ("DISPLAY", ":99", TRUE);
  g_assert_cmpint (alama_renderer_guess_display (), ==, ALAMA_DISPLAY_GUESS_X11);

  g_setenv ("WAYLAND_DISPLAY", "wayland-1", TRUE);
  g_assert_cmpint (alama_renderer_guess_display (), ==, ALAMA_DISPLAY_GUESS_OTHER);
  g_setenv ("GDK_BACKEND", "x11", TRUE);
  g_assert_cmpint (alama_renderer_guess_display (), ==, ALAMA_DISPLAY_GUESS_X11);
  g_setenv ("GDK_BACKEND", "wayland,x11", TRUE);
  g_assert_cmpint (alama_renderer_guess_display (), ==, ALAMA_DISPLAY_GUESS_OTHER);

  /* libwayland's default socket counts as a Wayland session. */
  g_unsetenv ("GDK_BACKEND");
  g_unsetenv ("WAYLAND_DISPLAY");
  g_assert_true (g_file_set_contents (socket, "", 0, NULL));
  g_assert_cmpint (alama_renderer_guess_display (), ==, ALAMA_DISPLAY_GUESS_OTHER);
  g_assert_cmpint (g_remove (socket), ==, 0);

  g_unsetenv ("DISPLAY");
  g_assert_cmpint (alama_renderer_guess_display (), ==, ALAMA_DISPLAY_GUESS_OTHER);
  g_assert_cmpint (g_rmdir (runtime), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alama/renderer/choose", test_choose);
  g_test_add_func ("/alama/renderer/guess-display", test_guess_display);

  return g_test_run ();
}
