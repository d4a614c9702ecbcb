/* alama-workbench-module.c: the workbench is a module that `alama` loads only
 * when it opens the workbench. Linked against GTK and libadwaita, the program
 * spent most of a headless command's start in the dynamic linker, relocating
 * libraries that command never calls. */
#define G_LOG_DOMAIN "alama"

#include "config.h"

#include <glib/gi18n.h>
#include <gmodule.h>

#include "alama-build-tree.h"
#include "alama-workbench.h"
#include "alama-workbench-module.h"

int
alama_workbench_module_run (int    argc,
                            char **argv,
                            gint64 start_time)
{
  const char *path = alama_build_tree_running () ? BUILD_WORKBENCH_MODULE : WORKBENCH_MODULE;
  GModule *module;
  gpointer symbol = NULL;

  /* Never unloaded: GTK's types and threads outlive the run. */
  module = g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL || !g_module_symbol (module, "alama_workbench_run", &symbol))
    {
      g_printerr (_("Cannot start the workbench: %s\n"), g_module_error ());
      return 1;
    }
  g_module_make_resident (module);
  return ((AlamaWorkbenchRun) symbol) (argc, argv, start_time);
}
