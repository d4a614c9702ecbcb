/* alama-main.h: the program, shared by `alama` (main.c) and the test and
 * benchmark build alama-instrumented (instrumentation/), which installs its
 * watcher before calling it. */
#pragma once

int alama_main (int    argc,
                char **argv);
