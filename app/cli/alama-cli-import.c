/* PLACEHOLDER: replaced by the helper who owns `alama import`. */
#define G_LOG_DOMAIN "alama-cli-import"

#include "config.h"

#include <stdio.h>

#include "alama-cli.h"

int
alama_cli_import (int argc, char **argv)
{
  fprintf (stderr, "alama import: unfinished\n");
  return 1;
}
