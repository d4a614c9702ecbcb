/* alama-main.c: `alama SUBCOMMAND ...` runs headless (app/cli); anything else
 * opens the workbench (alama-workbench.h). */
#define G_LOG_DOMAIN "alama"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "alama-build-tree.h"
#include "alama-cli.h"
#include "alama-main.h"

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
  if (alama_build_tree_running ())
    return BUILD_LOCALEDIR;
  return LOCALEDIR;
}

int
alama_main (int               argc,
            char            **argv,
            AlamaWorkbenchRun run_workbench)
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

  return run_workbench (argc, argv, start_time);
}
