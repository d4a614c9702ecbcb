/* alama-main.c: `alama SUBCOMMAND ...` runs headless (app/cli); anything else
 * opens the workbench. */
#define G_LOG_DOMAIN "alama"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdlib.h>

#include "alama-application.h"
#include "alama-cli.h"
#include "alama-main.h"
#include "alama-renderer.h"

/* TRUE when the running executable lies inside the build tree it was built
 * in: `build/app/alama` run by hand or by .ci/setup-and-run. The installed copy
 * lives elsewhere and reads the installed translations. */
static gboolean
running_from_build_tree (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *root = realpath (BUILD_ROOT, NULL);
  g_autofree char *prefix = NULL;

  if (exe == NULL || root == NULL)
    return FALSE;
  prefix = g_strconcat (root, G_DIR_SEPARATOR_S, NULL);
  return g_str_has_prefix (exe, prefix);
}

/* Where the translations are: ALAMA_LOCALEDIR when set, else the build tree's
 * compiled po/ for a program run from it, else the installed ones. (GLib only
 * translates GTK's strings, and so only mirrors the UI for Arabic, when the
 * application itself has a translation for the locale.) */
static const char *
locale_dir (void)
{
  const char *dir = g_getenv ("ALAMA_LOCALEDIR");

  if (dir != NULL && *dir != '\0')
    return dir;
  if (running_from_build_tree ())
    return BUILD_LOCALEDIR;
  return LOCALEDIR;
}

int
alama_main (int    argc,
            char **argv)
{
  /* For `--exit-after-first-frame`: the benchmark measures from here. */
  gint64 start_time = g_get_monotonic_time ();
  int status = 0;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, locale_dir ());
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
