/* test-renderer.c: the software-rendering preference (alama-renderer.h). The
 * decision is a pure function of the environment and the preference, so no
 * display is needed. */
#define G_LOG_DOMAIN "test-renderer"

#include "config.h"

#include "alama-renderer.h"

typedef struct
{
  const char *gsk_renderer;      /* in */
  const char *gdk_debug;
  gboolean    software;
  const char *new_gsk_renderer;  /* out: NULL = left alone */
  const char *new_gdk_debug;
} Case;

static const Case cases[] = {
  /* The preference off: GTK's own choice, whatever the environment holds. */
  { NULL, NULL, FALSE, NULL, NULL },
  { NULL, "events", FALSE, NULL, NULL },
  { "cairo", NULL, FALSE, NULL, NULL },
  /* On: cairo, and no GL set-up. */
  { NULL, NULL, TRUE, "cairo", "gl-disable" },
  { "", "", TRUE, "cairo", "gl-disable" },
  /* Other GDK_DEBUG flags are kept; one already there (or "all") is not added. */
  { NULL, "events", TRUE, "cairo", "events,gl-disable" },
  { NULL, "misc,gl-disable", TRUE, "cairo", NULL },
  { NULL, "all", TRUE, "cairo", NULL },
  /* GSK_RENDERER in the environment wins over the preference. */
  { "gl", NULL, TRUE, NULL, NULL },
  { "ngl", "events", TRUE, NULL, NULL },
  { "cairo", NULL, TRUE, NULL, NULL },
};

static void
test_choose (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *gsk = NULL;
  g_autofree char *debug = NULL;

  alama_renderer_choose (c->gsk_renderer, c->gdk_debug, c->software, &gsk, &debug);
  g_assert_cmpstr (gsk, ==, c->new_gsk_renderer);
  g_assert_cmpstr (debug, ==, c->new_gdk_debug);
}

static const char *replaced_entry;

/* What the preference does to the process's environment, which keeps the
 * rest of what it held. */
static void
test_setup (void)
{
  g_unsetenv ("GSK_RENDERER");
  g_setenv ("GDK_DEBUG", "events", TRUE);
  g_setenv ("ALAMA_TEST_RENDERER_OTHER", "kept", TRUE);
  alama_renderer_setup (FALSE);
  g_assert_null (g_getenv ("GSK_RENDERER"));
  g_assert_cmpstr (g_getenv ("GDK_DEBUG"), ==, "events");

  alama_renderer_setup (TRUE);
  g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "cairo");
  g_assert_cmpstr (g_getenv ("GDK_DEBUG"), ==, "events,gl-disable");
  g_assert_cmpstr (g_getenv ("ALAMA_TEST_RENDERER_OTHER"), ==, "kept");

  /* setenv() still works on the new environment. It drops the entry it
   * replaces, a string of the environment the preference made, which glibc
   * does not free: held here, so that LeakSanitizer does not count it, and
   * finds it or not depending on what the stack happens to hold. */
  replaced_entry = g_getenv ("ALAMA_TEST_RENDERER_OTHER");
  g_setenv ("ALAMA_TEST_RENDERER_OTHER", "changed", TRUE);
  g_assert_cmpstr (g_getenv ("ALAMA_TEST_RENDERER_OTHER"), ==, "changed");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/alama/renderer/choose/%u", i);

      g_test_add_data_func (path, &cases[i], test_choose);
    }
  g_test_add_func ("/alama/renderer/setup", test_setup);

  return g_test_run ();
}
