/* alama-workbench.h: the workbench, `alama [PROJECT] [--open DOCNAME] ...`.
 *
 * `alama` loads it from a module (alama-workbench-module.c) so that the headless
 * commands start without GTK; alama-instrumented links it in. */
#pragma once

#include <glib.h>

/* The type of alama_workbench_run(), the symbol the module exports. */
typedef int (*AlamaWorkbenchRun) (int    argc,
                                  char **argv,
                                  gint64 start_time);

/* Runs the application until it quits; @start_time is g_get_monotonic_time()
 * at the start of main(), for `--exit-after-first-frame`. */
int alama_workbench_run (int    argc,
                         char **argv,
                         gint64 start_time);
