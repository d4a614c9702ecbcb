/* alama-workbench.c: the workbench's entry point, the one symbol of the
 * workbench module (and linked into alama-instrumented). */
#define G_LOG_DOMAIN "alama"

#include "config.h"

#include "alama-application.h"
#include "alama-renderer.h"
#include "alama-workbench.h"

int
alama_workbench_run (int    argc,
                     char **argv,
                     gint64 start_time)
{
  g_autoptr(AlamaApplication) app = alama_application_new ();
  GSettings *settings = alama_application_get_settings (app);

  /* Before GTK starts: it reads the renderer from the environment once. */
  alama_renderer_setup (g_settings_get_boolean (settings, "software-rendering"));
  alama_application_set_start_time (app, start_time);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
