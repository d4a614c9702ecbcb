#define G_LOG_DOMAIN "alama-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "alama-cli.h"

typedef struct
{
  const char *name;
  int       (*run) (int argc, char **argv);
  const char *summary;
} AlamaCliCommand;

static const AlamaCliCommand commands[] = {
  { "import",  alama_cli_import,  N_("import text, JSONL, brat or CoNLL files into a project") },
  { "export",  alama_cli_export,  N_("export annotations as JSONL, brat, CoNLL or CSV") },
  { "stats",   alama_cli_stats,   N_("count documents, annotations and relations") },
  { "schema",  alama_cli_schema,  N_("import or export a project's schema as a key file") },
  { "autotag", alama_cli_autotag, N_("propose entities, quotes and claims for review") },
  { "train",   alama_cli_train,   N_("train a tagger on the accepted entity annotations") },
  { "eval",    alama_cli_eval,    N_("score a source's suggestions against accepted annotations") },
  { "search",  alama_cli_search,  N_("search the project's documents and annotations") },
};

static void
print_help (void)
{
  printf (_("Usage:\n"
            "  alama [PROJECT]                 open the workbench\n"
            "  alama COMMAND PROJECT [OPTIONS]  run headless\n\n"
            "Commands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    printf ("  %-8s %s\n", commands[i].name, _(commands[i].summary));
  printf (_("\nRun 'alama COMMAND --help' for a command's options.\n"));
}

gboolean
alama_cli_dispatch (int    argc,
                    char **argv,
                    int   *exit_status)
{
  g_return_val_if_fail (exit_status != NULL, FALSE);

  if (argc < 2)
    return FALSE;

  if (strcmp (argv[1], "help") == 0 || strcmp (argv[1], "--help") == 0 ||
      strcmp (argv[1], "-h") == 0)
    {
      print_help ();
      *exit_status = 0;
      return TRUE;
    }

  if (strcmp (argv[1], "--version") == 0)
    {
      printf ("alama %s\n", PACKAGE_VERSION);
      *exit_status = 0;
      return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (strcmp (argv[1], commands[i].name) == 0)
        {
          *exit_status = commands[i].run (argc - 1, argv + 1);
          return TRUE;
        }
    }

  return FALSE;
}
