/* alama-cli-import.c: `alama import PROJECT PATH... [OPTIONS]`.
 *
 * The whole command is one change: a failing file leaves the project as it was
 * (with --keep-going that file alone is left out). A missing PROJECT is filled
 * under a hidden name and appears only when the import succeeded, so a failed
 * first import leaves nothing behind and never removes what someone else made.
 */
#define G_LOG_DOMAIN "alama-cli-import"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include <glib/gstdio.h>

#include "alama/alama.h"
#include "alama-cli.h"
#include "alama-cli-common.h"

/* Opens (or, when @create, makes unpublished) the project, imports the paths
 * into it and brings its search index up to date. */
static AlamaStore *
import_into (const char                *project,
             gboolean                   create,
             const char * const        *paths,
             const AlamaImportOptions  *options,
             AlamaImportReport         *report,
             GError                   **error)
{
  g_autoptr(AlamaStore) store = NULL;

  if (create)
    store = alama_store_create_unpublished (project, error);
  else
    store = alama_store_open (project, ALAMA_STORE_OPEN_CREATE, error);
  if (store == NULL)
    return NULL;
  if (options->annotator != NULL)
    alama_store_set_annotator (store, options->annotator);

  if (!alama_import_paths (store, paths, options, NULL, NULL, NULL, report, error))
    return NULL;

  /* After the import's own transaction, so the import's speed and its all or
   * nothing are its own. A new project is indexed before it appears, so it
   * appears whole; in an existing one the documents stay imported if indexing
   * fails, and a search reads or reports the ones not indexed. */
  if (!alama_search_update_index (store, NULL, error))
    {
      if (!create)
        g_prefix_error (error, _("the documents were imported but not indexed for search: "));
      return NULL;
    }

  return g_steal_pointer (&store);
}

int
alama_cli_import (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaStore) store = NULL;
  g_auto(GStrv) args = NULL;
  g_autofree char *format_str = NULL;
  g_autofree char *source = NULL;
  g_autofree char *text_field = NULL;
  g_autofree char *spans_field = NULL;
  g_autofree char *start_key = NULL;
  g_autofree char *end_key = NULL;
  g_autofree char *label_key = NULL;
  g_autofree char *annotator = NULL;
  g_autofree char *offsets = NULL;
  g_autofree char *conllu_ner = NULL;
  gint conllu_column = 0;
  gboolean suggestions = FALSE;
  gboolean add_labels = FALSE;
  AlamaImportOptions options = { 0 };
  AlamaImportReport report;
  const char *project;
  gboolean create;
  gboolean keep_going = FALSE;
  int status;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_str,
      N_("Read the files as txt, jsonl, prodigy, brat, conll, conllu, labelstudio or webanno "
         "(default: by file name and content)"), "FORMAT" },
    { "suggestions", 0, 0, G_OPTION_ARG_NONE, &suggestions,
      N_("Store the annotations as pending suggestions for review"), NULL },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source,
      N_("Source name recorded on the annotations (with --suggestions)"), "NAME" },
    { "add-labels", 0, 0, G_OPTION_ARG_NONE, &add_labels,
      N_("Add unknown labels and relation types to the schema"), NULL },
    { "text-field", 0, 0, G_OPTION_ARG_STRING, &text_field,
      N_("JSONL: the key of the text (default: text)"), "F" },
    { "spans-field", 0, 0, G_OPTION_ARG_STRING, &spans_field,
      N_("JSONL: the key of the span list (default: entities, else label, spans, labels)"), "F" },
    { "start-key", 0, 0, G_OPTION_ARG_STRING, &start_key,
      N_("JSONL: a span's start key (default: start_offset; start for spans)"), "K" },
    { "end-key", 0, 0, G_OPTION_ARG_STRING, &end_key,
      N_("JSONL: a span's end key (default: end_offset; end for spans)"), "K" },
    { "label-key", 0, 0, G_OPTION_ARG_STRING, &label_key,
      N_("JSONL: a span's label key (default: label)"), "K" },
    { "annotator", 0, 0, G_OPTION_ARG_STRING, &annotator,
      N_("Who is recorded as having made the annotations"), "NAME" },
    { "offsets", 0, 0, G_OPTION_ARG_STRING, &offsets,
      N_("JSONL: what the offsets count: codepoint (default), utf16 (JavaScript, Java: "
         "doccano, Label Studio) or utf8 (bytes)"), "UNIT" },
    { "conllu-ner", 0, 0, G_OPTION_ARG_STRING, &conllu_ner,
      N_("CoNLL-U: the MISC key of the entity tags (default: NE, NER or Entity)"), "KEY" },
    { "conllu-column", 0, 0, G_OPTION_ARG_INT, &conllu_column,
      N_("CoNLL-U: the column of the entity tags, 1 to 10 (instead of a MISC key)"), "N" },
    { "keep-going", 0, 0, G_OPTION_ARG_NONE, &keep_going,
      N_("Leave out a file that fails, import the others, exit with 1"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &args, NULL, "PROJECT PATH..." },
    { NULL }
  };

  context = g_option_context_new (N_("- import files into a project"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, TRUE);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return alama_cli_usage_error (context, "import", error->message);

  if (args == NULL || g_strv_length (args) < 2)
    return alama_cli_usage_error (context, "import", _("give a project and at least one file or folder"));

  if (format_str != NULL && (!alama_format_from_string (format_str, &options.format) ||
                             options.format == ALAMA_FORMAT_CSV))
    {
      g_autofree char *message = g_strdup_printf (_("unknown format “%s” (txt, jsonl, prodigy, brat, conll, conllu, labelstudio or webanno)"),
                                                  format_str);
      return alama_cli_usage_error (context, "import", message);
    }
  if (offsets != NULL && !alama_offset_unit_from_string (offsets, &options.offsets))
    {
      g_autofree char *message =
        g_strdup_printf (_("unknown --offsets “%s” (codepoint, utf16 or utf8)"), offsets);
      return alama_cli_usage_error (context, "import", message);
    }
  if (conllu_column < 0 || conllu_column > 10)
    return alama_cli_usage_error (context, "import", _("--conllu-column takes a column from 1 to 10"));
  if (conllu_ner != NULL && conllu_column != 0)
    return alama_cli_usage_error (context, "import", _("give --conllu-ner or --conllu-column, not both"));
  if (source != NULL && !suggestions)
    return alama_cli_usage_error (context, "import", _("--source goes with --suggestions"));

  options.as_suggestions = suggestions;
  options.source = source;
  options.add_labels = add_labels;
  options.text_field = text_field;
  options.spans_field = spans_field;
  options.start_key = start_key;
  options.end_key = end_key;
  options.label_key = label_key;
  options.annotator = annotator;
  options.keep_going = keep_going;
  options.conllu_ner_key = conllu_ner;
  options.conllu_column = (guint) conllu_column;

  project = args[0];
  create = !g_file_test (project, G_FILE_TEST_EXISTS) &&
           !g_file_test (project, G_FILE_TEST_IS_SYMLINK);

  alama_import_report_init (&report);
  store = import_into (project, create, (const char * const *) args + 1, &options, &report,
                       &error);
  if (store != NULL && create)
    {
      gboolean taken = FALSE;

      /* Another command made the project meanwhile: import into theirs. */
      if (alama_store_publish (store, &taken, &error) && taken)
        {
          g_clear_object (&store);
          alama_import_report_clear (&report);
          alama_import_report_init (&report);
          store = import_into (project, FALSE, (const char * const *) args + 1, &options,
                               &report, &error);
        }
      else if (error != NULL)
        g_clear_object (&store);
    }

  for (guint i = 0; i < report.messages->len; i++)
    printf ("%s\n", (const char *) g_ptr_array_index (report.messages, i));
  for (guint i = 0; i < report.failures->len; i++)
    fprintf (stderr, "alama import: %s\n", (const char *) g_ptr_array_index (report.failures, i));

  if (store == NULL)
    {
      alama_cli_print_error ("import", error);
      alama_import_report_clear (&report);
      return 1;
    }

  printf (_("imported %u documents, %u annotations, %u relations from %u files (%u skipped"),
          report.n_documents, report.n_spans, report.n_relations,
          report.n_files, report.n_files_skipped);
  if (keep_going)
    printf (_(", %u failed"), report.n_files_failed);
  printf (")\n");

  status = report.n_files_failed > 0 ? 1 : 0;
  alama_import_report_clear (&report);
  return status;
}
