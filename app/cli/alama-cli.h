/* alama-cli.h: the headless subcommands of `alama`.
 *
 * Each subcommand is `int alama_cli_NAME (int argc, char **argv)` in its own file
 * alama-cli-NAME.c; argv[0] is the subcommand name. They print results on stdout,
 * errors on stderr ("alama NAME: message"), and return 0 on success, 1 on an error
 * in the input or the project, 2 on a usage error.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Returns TRUE and sets *exit_status if argv[1] names a subcommand. */
gboolean alama_cli_dispatch (int    argc,
                             char **argv,
                             int   *exit_status);

int alama_cli_import  (int argc, char **argv);
int alama_cli_export  (int argc, char **argv);
int alama_cli_stats   (int argc, char **argv);
int alama_cli_schema  (int argc, char **argv);
int alama_cli_autotag (int argc, char **argv);
int alama_cli_eval    (int argc, char **argv);
int alama_cli_train   (int argc, char **argv);
int alama_cli_search  (int argc, char **argv);

G_END_DECLS
