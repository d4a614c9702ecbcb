/* alama-cli-common.h: what the subcommands share. Subcommand files call these;
 * nothing here calls a subcommand. */
#pragma once

#include <glib.h>

#include "alama/alama-store.h"

G_BEGIN_DECLS

/* Prints "alama COMMAND: MESSAGE" to stderr. */
void        alama_cli_print_error     (const char      *command,
                                       const GError    *error);

/* Prints "alama COMMAND: MESSAGE" and @context's help to stderr; returns 2. */
int         alama_cli_usage_error     (GOptionContext  *context,
                                       const char      *command,
                                       const char      *message);

/* Opens an existing project for a command that only reads it: for writing
 * when it can (so a file made by an older version is upgraded, and derived
 * tables can be brought up to date), read-only when the file or its folder is
 * read-only or another process holds the write lock. */
AlamaStore *alama_cli_open_for_reading (const char     *path,
                                        GError        **error);

G_END_DECLS
