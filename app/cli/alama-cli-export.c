/* alama-cli-export.c: `alama export PROJECT --format F -o OUT [options]`.
 *
 * Options are read by hand rather than with GOptionContext because --docs takes
 * every following argument up to the next option (document names often contain
 * spaces and '#', e.g. "anercorp-sample #2").
 */
#define G_LOG_DOMAIN "alama-cli-export"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include <glib/gstdio.h>

#include <alama/alama-export.h>
#include <alama/alama-store.h>

#include "alama-cli.h"
#include "alama-cli-common.h"

/* Printed through _(): translated when shown. */
static const char *const usage =
  N_("Usage: alama export PROJECT --format FORMAT -o OUT [OPTIONS]\n"
     "\n"
     "Write the annotations of a project as a dataset.\n"
     "\n"
     "  -f, --format FORMAT   jsonl, prodigy, brat, conll, csv, labelstudio or webanno\n"
     "  -o, --output OUT      the file (jsonl, prodigy, conll, labelstudio), folder (brat,\n"
     "                        webanno; webanno: OUT.tsv for one document) or file/folder (csv:\n"
     "                        OUT.csv gives OUT-spans.csv, OUT-relations.csv,\n"
     "                        OUT-quotes-claims.csv; a folder gets spans.csv ...);\n"
     "                        - writes jsonl, prodigy or conll to standard output\n"
     "  --status STATUS       accepted (default), pending, rejected, all, or a list\n"
     "                        such as accepted,pending\n"
     "  --docs NAME...        only these documents (every argument up to the next option)\n"
     "  --nested              CoNLL: nested entities in extra tag columns\n"
     "  --labels entity|all   CoNLL: tag entity labels only (default) or every label\n"
     "  --offsets UNIT        jsonl, prodigy: what offsets count: codepoint (default),\n"
     "                        utf16 (JavaScript, Java) or utf8 (bytes)\n"
     "  --force               brat, webanno: write into a folder that already holds files\n"
     "                        (files of the same names are replaced, others kept)\n"
     "  -h, --help            show this help\n");

static int
usage_error (const char *message)
{
  fprintf (stderr, "alama export: %s\n\n%s", message, _(usage));
  return 2;
}

static gboolean
parse_statuses (const char      *value,
                AlamaStatusMask *mask)
{
  g_auto(GStrv) parts = g_strsplit (value, ",", -1);

  *mask = 0;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      AlamaStatus status;

      if (strcmp (parts[i], "all") == 0)
        *mask |= ALAMA_STATUS_MASK_ALL;
      else if (alama_status_from_string (parts[i], &status))
        *mask |= 1 << status;
      else
        return FALSE;
    }
  return *mask != 0;
}

typedef struct
{
  const char *project;
  const char *format;
  const char *output;
  const char *status;
  const char *labels;
  const char *offsets;
  gboolean    nested;
  gboolean    force;
  gboolean    help;
  GPtrArray  *docs;      /* borrowed argv strings */
} ExportArgs;

/* Returns 0 when the arguments are complete, else the exit status of a usage error
 * (already reported). */
static int
parse_args (int         argc,
            char      **argv,
            ExportArgs *args)
{
  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];
      const char **value_slot = NULL;

      if (strcmp (arg, "-h") == 0 || strcmp (arg, "--help") == 0)
        {
          args->help = TRUE;
          return 0;
        }
      else if (strcmp (arg, "-f") == 0 || strcmp (arg, "--format") == 0)
        value_slot = &args->format;
      else if (strcmp (arg, "-o") == 0 || strcmp (arg, "--output") == 0)
        value_slot = &args->output;
      else if (strcmp (arg, "--status") == 0)
        value_slot = &args->status;
      else if (strcmp (arg, "--labels") == 0)
        value_slot = &args->labels;
      else if (strcmp (arg, "--offsets") == 0)
        value_slot = &args->offsets;
      else if (strcmp (arg, "--nested") == 0)
        args->nested = TRUE;
      else if (strcmp (arg, "--force") == 0)
        args->force = TRUE;
      else if (strcmp (arg, "--docs") == 0)
        {
          guint before = args->docs->len;

          while (i + 1 < argc && !g_str_has_prefix (argv[i + 1], "--") &&
                 strcmp (argv[i + 1], "-o") != 0 && strcmp (argv[i + 1], "-f") != 0)
            g_ptr_array_add (args->docs, argv[++i]);
          if (args->docs->len == before)
            return usage_error (_("--docs needs at least one document name"));
        }
      else if (arg[0] == '-' && arg[1] != '\0')
        {
          g_autofree char *message = g_strdup_printf (_("unknown option %s"), arg);
          return usage_error (message);
        }
      else if (args->project == NULL)
        args->project = arg;
      else
        {
          g_autofree char *message = g_strdup_printf (_("unexpected argument “%s”"), arg);
          return usage_error (message);
        }

      if (value_slot != NULL)
        {
          if (i + 1 >= argc)
            {
              g_autofree char *message = g_strdup_printf (_("%s needs a value"), arg);
              return usage_error (message);
            }
          *value_slot = argv[++i];
        }
    }

  if (args->project == NULL)
    return usage_error (_("no project given"));
  if (args->format == NULL)
    return usage_error (_("no --format given"));
  if (args->output == NULL)
    return usage_error (_("no output given (-o OUT)"));
  return 0;
}

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  guint *n_documents = user_data;

  *n_documents = done;
}

/* CoNLL has its own entry point, for --labels. */
static gboolean
export_to_path (AlamaStore               *store,
                AlamaFormat               format,
                const char               *path,
                const AlamaExportOptions *options,
                gboolean                  all_labels,
                guint                    *n_documents,
                GError                  **error)
{
  if (format == ALAMA_FORMAT_CONLL)
    return alama_export_conll_labels (store, path, options, all_labels, progress_cb, n_documents,
                                      NULL, error);
  return alama_export (store, format, path, options, progress_cb, n_documents, NULL, error);
}

/* The exporters write by path (a temporary file renamed into place, so that a
 * failed export leaves nothing half-written). For "-o -" the dataset is
 * written to a temporary folder and then copied to standard output. */
static gboolean
export_to_stdout (AlamaStore               *store,
                  AlamaFormat               format,
                  const AlamaExportOptions *options,
                  gboolean                  all_labels,
                  guint                    *n_documents,
                  GError                  **error)
{
  g_autofree char *dir = g_dir_make_tmp ("alama-export-XXXXXX", error);
  g_autofree char *path = NULL;
  FILE *in = NULL;
  char buffer[65536];
  size_t n;
  gboolean ok;

  if (dir == NULL)
    return FALSE;
  path = g_build_filename (dir, format == ALAMA_FORMAT_CONLL ? "export.conll" : "export.jsonl", NULL);
  ok = export_to_path (store, format, path, options, all_labels, n_documents, error);
  if (ok && (in = g_fopen (path, "rb")) == NULL)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                   _("could not read back %s: %s"), path, g_strerror (errno));
      ok = FALSE;
    }
  while (ok && (n = fread (buffer, 1, sizeof buffer, in)) > 0)
    if (fwrite (buffer, 1, n, stdout) != n)
      ok = FALSE;
  if (ok && (ferror (in) || fflush (stdout) != 0))
    ok = FALSE;
  if (!ok && error != NULL && *error == NULL)
    g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_IO, _("could not write to standard output"));
  if (in != NULL)
    fclose (in);
  g_remove (path);
  g_rmdir (dir);
  return ok;
}

int
alama_cli_export (int argc, char **argv)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new ();
  g_autoptr(AlamaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  AlamaExportOptions options = { 0 };
  ExportArgs args = { 0 };
  AlamaFormat format;
  gboolean all_labels = FALSE;
  gboolean to_stdout;
  guint n_documents = 0;
  gboolean ok;
  int status;

  args.docs = docs;
  status = parse_args (argc, argv, &args);
  if (status != 0)
    return status;
  if (args.help)
    {
      fputs (_(usage), stdout);
      return 0;
    }

  if (!alama_format_from_string (args.format, &format) ||
      format == ALAMA_FORMAT_AUTO || format == ALAMA_FORMAT_TXT)
    {
      g_autofree char *message =
        g_strdup_printf (_("unknown format “%s” (use jsonl, prodigy, brat, conll, csv, labelstudio or webanno)"),
                         args.format);
      return usage_error (message);
    }

  options.statuses = ALAMA_STATUS_MASK_ACCEPTED;
  if (args.status != NULL && !parse_statuses (args.status, &options.statuses))
    {
      g_autofree char *message =
        g_strdup_printf (_("unknown status “%s” (use accepted, pending, rejected or all)"),
                         args.status);
      return usage_error (message);
    }

  if (args.labels != NULL)
    {
      if (strcmp (args.labels, "all") == 0)
        all_labels = TRUE;
      else if (strcmp (args.labels, "entity") != 0 && strcmp (args.labels, "entities") != 0)
        return usage_error (_("--labels takes “entity” or “all”"));
      if (format != ALAMA_FORMAT_CONLL)
        return usage_error (_("--labels applies to --format conll only"));
    }

  if (args.offsets != NULL)
    {
      if (!alama_offset_unit_from_string (args.offsets, &options.offsets))
        {
          g_autofree char *message =
            g_strdup_printf (_("unknown --offsets “%s” (codepoint, utf16 or utf8)"), args.offsets);
          return usage_error (message);
        }
      if (format != ALAMA_FORMAT_JSONL && format != ALAMA_FORMAT_PRODIGY)
        return usage_error (_("--offsets applies to --format jsonl and prodigy only"));
    }

  to_stdout = strcmp (args.output, "-") == 0;
  if (to_stdout && format != ALAMA_FORMAT_JSONL && format != ALAMA_FORMAT_CONLL &&
      format != ALAMA_FORMAT_PRODIGY)
    return usage_error (_("-o - (standard output) takes prodigy, jsonl or conll: brat and csv "
                          "write several files"));

  if (args.force && format != ALAMA_FORMAT_BRAT && format != ALAMA_FORMAT_WEBANNO)
    return usage_error (_("--force applies to --format brat and webanno only"));

  options.nested = args.nested;
  options.force = args.force;
  if (docs->len > 0)
    {
      g_ptr_array_add (docs, NULL);
      options.doc_names = (const char * const *) docs->pdata;
    }

  store = alama_cli_open_for_reading (args.project, &error);
  if (store == NULL)
    {
      alama_cli_print_error ("export", error);
      return 1;
    }

  if (to_stdout)
    ok = export_to_stdout (store, format, &options, all_labels, &n_documents, &error);
  else
    ok = export_to_path (store, format, args.output, &options, all_labels, &n_documents, &error);
  if (!ok)
    {
      alama_cli_print_error ("export", error);
      if (g_error_matches (error, ALAMA_EXPORT_ERROR, ALAMA_EXPORT_ERROR_NOT_EMPTY))
        fputs (_("alama export: --force writes into it: files of the same names are "
                 "replaced, the others kept\n"), stderr);
      return 1;
    }

  /* With the data on standard output, the summary goes to standard error. */
  fprintf (to_stdout ? stderr : stdout,
           g_dngettext (GETTEXT_PACKAGE, "Exported %u document to %s (%s)\n",
                        "Exported %u documents to %s (%s)\n", n_documents),
           n_documents, to_stdout ? _("standard output") : args.output,
           alama_format_to_string (format));
  return 0;
}
