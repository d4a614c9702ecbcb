/* alama-workbench-module.h: `alama` runs the workbench from its module. */
#pragma once

#include <glib.h>

/* Loads the workbench module (the build tree's for the program in its build
 * tree, else the installed one) and runs alama_workbench_run() from it; 1 with
 * a message on stderr when it cannot be loaded. */
int alama_workbench_module_run (int    argc,
                                char **argv,
                                gint64 start_time);
