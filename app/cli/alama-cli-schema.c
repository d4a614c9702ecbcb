/* alama-cli-schema.c: `alama schema PROJECT [--export FILE | --import FILE]`. */
#define G_LOG_DOMAIN "alama-cli-schema"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include <alama/alama-schema.h>
#include <alama/alama-store.h>

#include "alama-cli.h"
#include "alama-cli-common.h"

/* Printed through _(): translated when shown. */
static const char *const usage =
  N_("Usage: alama schema PROJECT [--export FILE | --import FILE]\n"
     "\n"
     "Show, export or replace a project's schema (labels, relation types and\n"
     "attributes) as a key file (.ini). Without an option the schema is printed.\n"
     "\n"
     "  --export FILE   write the schema to FILE ('-' for standard output)\n"
     "  --import FILE   replace the project's schema with FILE's, in one step;\n"
     "                  refused if it drops a label or relation type in use\n"
     "  -h, --help      show this help\n");

static int
export_schema (AlamaStore *store,
               const char *file)
{
  g_autoptr(AlamaSchema) schema = alama_store_get_schema (store);
  g_autoptr(GError) error = NULL;

  if (file == NULL || strcmp (file, "-") == 0)
    {
      g_autofree char *data = alama_schema_to_keyfile_data (schema, NULL);

      fputs (data, stdout);
      return 0;
    }

  if (!alama_schema_save_keyfile (schema, file, &error))
    {
      alama_cli_print_error ("schema", error);
      return 1;
    }

  return 0;
}

static int
import_schema (AlamaStore *store,
               const char *file)
{
  g_autoptr(AlamaSchema) schema = NULL;
  g_autoptr(GError) error = NULL;

  schema = alama_schema_load_keyfile (file, &error);
  if (schema == NULL)
    {
      alama_cli_print_error ("schema", error);
      return 1;
    }

  if (!alama_store_set_schema (store, schema, &error))
    {
      alama_cli_print_error ("schema", error);
      return 1;
    }

  printf (_("Imported %u labels, %u relation types and %u attributes into %s\n"),
          schema->labels->len, schema->relation_types->len, schema->attributes->len,
          alama_store_get_path (store));
  return 0;
}

int
alama_cli_schema (int argc, char **argv)
{
  g_autoptr(AlamaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *project = NULL;
  const char *export_file = NULL;
  const char *import_file = NULL;

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "-h") == 0 || strcmp (argv[i], "--help") == 0)
        {
          fputs (_(usage), stdout);
          return 0;
        }
      else if (strcmp (argv[i], "--export") == 0 || strcmp (argv[i], "--import") == 0)
        {
          if (i + 1 >= argc)
            {
              fprintf (stderr, _("alama schema: %s needs a FILE\n\n%s"), argv[i], _(usage));
              return 2;
            }
          if (argv[i][2] == 'e')
            export_file = argv[++i];
          else
            import_file = argv[++i];
        }
      else if (g_str_has_prefix (argv[i], "--export="))
        export_file = argv[i] + strlen ("--export=");
      else if (g_str_has_prefix (argv[i], "--import="))
        import_file = argv[i] + strlen ("--import=");
      else if (argv[i][0] == '-' && argv[i][1] != '\0')
        {
          fprintf (stderr, _("alama schema: unknown option %s\n\n%s"), argv[i], _(usage));
          return 2;
        }
      else if (project == NULL)
        project = argv[i];
      else
        {
          fprintf (stderr, _("alama schema: unexpected argument “%s”\n\n%s"), argv[i], _(usage));
          return 2;
        }
    }

  if (project == NULL)
    {
      fprintf (stderr, _("alama schema: no project given\n\n%s"), _(usage));
      return 2;
    }
  if (export_file != NULL && import_file != NULL)
    {
      fprintf (stderr, _("alama schema: use either --export or --import, not both\n\n%s"), _(usage));
      return 2;
    }
  if ((export_file != NULL && export_file[0] == '\0') ||
      (import_file != NULL && import_file[0] == '\0'))
    {
      fprintf (stderr, _("alama schema: an empty FILE name\n\n%s"), _(usage));
      return 2;
    }

  store = import_file != NULL ? alama_store_open (project, ALAMA_STORE_OPEN_DEFAULT, &error)
                              : alama_cli_open_for_reading (project, &error);
  if (store == NULL)
    {
      alama_cli_print_error ("schema", error);
      return 1;
    }

  if (import_file != NULL)
    return import_schema (store, import_file);

  return export_schema (store, export_file);
}
