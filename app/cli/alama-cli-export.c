/* PLACEHOLDER: replaced by the helper who owns `alama export`. */
#define G_LOG_DOMAIN "alama-cli-export"

#include "config.h"

#include <stdio.h>

#include "alama-cli.h"

int
alama_cli_export (int argc, char **argv)
{
  fprintf (stderr, "alama export: unfinished\n");
  return 1;
}
