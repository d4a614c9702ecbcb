/* PLACEHOLDER: replaced by the helper who owns `alama autotag`. */
#define G_LOG_DOMAIN "alama-cli-autotag"

#include "config.h"

#include <stdio.h>

#include "alama-cli.h"

int
alama_cli_autotag (int argc, char **argv)
{
  fprintf (stderr, "alama autotag: unfinished\n");
  return 1;
}
