/* PLACEHOLDER: replaced by the helper who owns `alama schema`. */
#define G_LOG_DOMAIN "alama-cli-schema"

#include "config.h"

#include <stdio.h>

#include "alama-cli.h"

int
alama_cli_schema (int argc, char **argv)
{
  fprintf (stderr, "alama schema: unfinished\n");
  return 1;
}
