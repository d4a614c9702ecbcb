/* PLACEHOLDER: replaced by the helper who owns `alama stats`. */
#define G_LOG_DOMAIN "alama-cli-stats"

#include "config.h"

#include <stdio.h>

#include "alama-cli.h"

int
alama_cli_stats (int argc, char **argv)
{
  fprintf (stderr, "alama stats: unfinished\n");
  return 1;
}
