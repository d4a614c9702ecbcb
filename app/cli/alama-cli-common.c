/* alama-cli-common.c: what the subcommands share (see alama-cli-common.h). */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "alama-cli-common.h"

void
alama_cli_print_error (const char   *command,
                       const GError *error)
{
  fprintf (stderr, "alama %s: %s\n", command, error ? error->message : _("unknown error"));
}

int
alama_cli_usage_error (GOptionContext *context,
                       const char     *command,
                       const char     *message)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  fprintf (stderr, "alama %s: %s\n\n%s", command, message, help);
  return 2;
}

AlamaStore *
alama_cli_open_for_reading (const char  *path,
                            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  AlamaStore *store;

  store = alama_store_open (path, ALAMA_STORE_OPEN_DEFAULT, &local_error);
  if (store != NULL)
    return store;
  if (g_error_matches (local_error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_READ_ONLY) ||
      g_error_matches (local_error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_LOCKED))
    return alama_store_open (path, ALAMA_STORE_OPEN_READ_ONLY, error);

  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}
