/* alama-main.h: the program, shared by `alama` (main.c) and the test and
 * benchmark build alama-instrumented (instrumentation/), which installs its
 * watcher before calling it. Each passes how it runs the workbench: `alama`
 * from its module, alama-instrumented linked in. */
#pragma once

#include "alama-workbench.h"

int alama_main (int               argc,
                char            **argv,
                AlamaWorkbenchRun run_workbench);
