/* alama-cli-stats.c: `alama stats PROJECT [--json]`. */
#define G_LOG_DOMAIN "alama-cli-stats"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include <alama/alama-stats.h>
#include <alama/alama-store.h>

#include "alama-cli.h"
#include "alama-cli-common.h"

/* Printed through _(): translated when shown. */
static const char *const usage =
  N_("Usage: alama stats PROJECT [--json]\n"
     "\n"
     "Count documents, annotations (by label and status) and relations (by type and\n"
     "status), per annotator and per source.\n"
     "\n"
     "  --json       print the numbers as one JSON object\n"
     "  -h, --help   show this help\n");

int
alama_cli_stats (int argc, char **argv)
{
  g_autoptr(AlamaStore) store = NULL;
  g_autoptr(JsonNode) stats = NULL;
  g_autoptr(GError) error = NULL;
  const char *project = NULL;
  gboolean as_json = FALSE;

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "-h") == 0 || strcmp (argv[i], "--help") == 0)
        {
          fputs (_(usage), stdout);
          return 0;
        }
      else if (strcmp (argv[i], "--json") == 0)
        as_json = TRUE;
      else if (argv[i][0] == '-' && argv[i][1] != '\0')
        {
          fprintf (stderr, _("alama stats: unknown option %s\n\n%s"), argv[i], _(usage));
          return 2;
        }
      else if (project == NULL)
        project = argv[i];
      else
        {
          fprintf (stderr, _("alama stats: unexpected argument “%s”\n\n%s"), argv[i], _(usage));
          return 2;
        }
    }

  if (project == NULL)
    {
      fprintf (stderr, _("alama stats: no project given\n\n%s"), _(usage));
      return 2;
    }

  store = alama_cli_open_for_reading (project, &error);
  if (store == NULL)
    {
      alama_cli_print_error ("stats", error);
      return 1;
    }

  stats = alama_stats_collect (store, &error);
  if (stats == NULL)
    {
      alama_cli_print_error ("stats", error);
      return 1;
    }

  if (as_json)
    {
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autofree char *text = NULL;

      json_generator_set_pretty (gen, TRUE);
      json_generator_set_root (gen, stats);
      text = json_generator_to_data (gen, NULL);
      printf ("%s\n", text);
    }
  else
    {
      g_autofree char *text = alama_stats_format_text (stats);
      fputs (text, stdout);
    }

  return 0;
}
