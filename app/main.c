/* main.c: the installed `alama`. */
#include "config.h"

#include "alama-main.h"
#include "alama-workbench-module.h"

int
main (int    argc,
      char **argv)
{
  return alama_main (argc, argv, alama_workbench_module_run);
}
