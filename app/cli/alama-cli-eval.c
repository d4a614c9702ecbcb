/* PLACEHOLDER: replaced by the helper who owns `alama eval`. */
#define G_LOG_DOMAIN "alama-cli-eval"

#include "config.h"

#include <stdio.h>

#include "alama-cli.h"

int
alama_cli_eval (int argc, char **argv)
{
  fprintf (stderr, "alama eval: unfinished\n");
  return 1;
}
