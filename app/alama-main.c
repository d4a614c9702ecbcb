/* alama-main.c: `alama SUBCOMMAND ...` runs headless (app/cli); anything else
 * opens the workbench. */
#define G_LOG_DOMAIN "alama"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "alama-application.h"
#include "alama-cli.h"
#include "alama-main.h"
#include "alama-renderer.h"

int
alama_main (int    argc,
            char **argv)
{
  /* For `--exit-after-first-frame`: the benchmark measures from here. */
  gint64 start_time = g_get_monotonic_time ();
  int status = 0;

  setlocale (LC_ALL, "");
  /* ALAMA_LOCALEDIR lets a build tree use its own compiled translations (GLib
   * only translates GTK's strings, and so only mirrors the UI for Arabic, when
   * the application itself has a translation for the locale). */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("ALAMA_LOCALEDIR") != NULL
                                   ? g_getenv ("ALAMA_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (alama_cli_dispatch (argc, argv, &status))
    return status;

  {
    g_autoptr(AlamaApplication) app = alama_application_new ();
    GSettings *settings = alama_application_get_settings (app);

    /* Before GTK starts: it reads the renderer from the environment once. */
    alama_renderer_setup (g_settings_get_boolean (settings, "software-rendering"));
    alama_application_set_start_time (app, start_time);
    return g_application_run (G_APPLICATION (app), argc, argv);
  }
}
