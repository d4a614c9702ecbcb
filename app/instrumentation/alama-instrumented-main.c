/* alama-instrumented-main.c: `alama` with the watcher the UI tests and GUI
 * benchmarks switch on through the environment (alama-instrumentation.h). */
#include "config.h"

#include "alama-instrumentation.h"
#include "alama-main.h"
#include "alama-workbench.h"

int
main (int    argc,
      char **argv)
{
  alama_instrumentation_install ();
  return alama_main (argc, argv, alama_workbench_run);
}
