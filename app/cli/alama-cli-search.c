/* PLACEHOLDER: replaced by the helper who owns `alama search`. */
#define G_LOG_DOMAIN "alama-cli-search"

#include "config.h"

#include <stdio.h>

#include "alama-cli.h"

int
alama_cli_search (int argc, char **argv)
{
  fprintf (stderr, "alama search: unfinished\n");
  return 1;
}
