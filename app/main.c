/* main.c: the installed `alama`. */
#include "config.h"

#include "alama-main.h"

int
main (int    argc,
      char **argv)
{
  return alama_main (argc, argv);
}
