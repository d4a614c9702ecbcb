/* alama-cli-eval.c: `alama eval PROJECT --source NAME [--json] [--docs NAME...]`
 * or `alama eval PROJECT --tagger NAME [--gazetteer-dir DIR] [--blind] ...`.
 *
 * Scores the stored suggestions of one source (--source), or what a built-in
 * tagger proposes right now without storing it (--tagger), against the accepted
 * annotations (what counts as gold and how spans are matched:
 * include/alama/alama-eval.h) and prints a table, or with --json one JSON object.
 */
#define G_LOG_DOMAIN "alama-cli-eval"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "alama/alama.h"
#include "alama-cli.h"
#include "alama-cli-common.h"

int
alama_cli_eval (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaStore) store = NULL;
  g_autoptr(AlamaEvalResult) result = NULL;
  g_autoptr(GPtrArray) doc_names = NULL;
  g_auto(GStrv) args = NULL;
  g_auto(GStrv) docs = NULL;
  g_autofree char *source = NULL;
  g_autofree char *tagger_name = NULL;
  g_autofree char *gazetteer_dir = NULL;
  g_autoptr(AlamaGazetteer) gazetteer = NULL;
  g_autoptr(AlamaTagger) tagger = NULL;
  gboolean json = FALSE;
  gboolean all_labels = FALSE;
  gboolean blind = FALSE;
  GOptionEntry entries[] = {
    { "source", 0, 0, G_OPTION_ARG_STRING, &source,
      N_("Score the stored spans of this source (gazetteer, quotes, external, ...)"), "NAME" },
    { "tagger", 0, 0, G_OPTION_ARG_STRING, &tagger_name,
      N_("Run a built-in tagger, or model[:NAME] trained with alama train, in memory and score "
         "what it proposes"), "NAME" },
    { "gazetteer-dir", 0, 0, G_OPTION_ARG_FILENAME, &gazetteer_dir,
      N_("With --tagger: folder of *.tsv entity lists"), "DIR" },
    { "all-labels", 0, 0, G_OPTION_ARG_NONE, &all_labels,
      N_("Count gold of every label, also those the source never proposes"), NULL },
    { "blind", 0, 0, G_OPTION_ARG_NONE, &blind,
      N_("With --tagger: do not show the tagger the documents' annotations, as on articles "
         "nobody has annotated yet"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { "docs", 0, 0, G_OPTION_ARG_STRING_ARRAY, &docs,
      N_("Only these documents (names; the words after --docs up to the next option)"), "NAME..." },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &args, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new (N_("PROJECT - score a source's suggestions against accepted "
                                     "annotations"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return alama_cli_usage_error (context, "eval", error->message);

  if (args == NULL || args[0] == NULL)
    return alama_cli_usage_error (context, "eval", _("give a project"));
  if ((source == NULL) == (tagger_name == NULL))
    return alama_cli_usage_error (context, "eval", _("give either --source NAME or --tagger NAME"));
  if (blind && tagger_name == NULL)
    return alama_cli_usage_error (context, "eval", _("--blind goes with --tagger"));

  /* `--docs A B C`: GOption takes A; B and C are left among the positionals. */
  doc_names = g_ptr_array_new ();
  for (guint i = 0; docs != NULL && docs[i] != NULL; i++)
    g_ptr_array_add (doc_names, docs[i]);
  for (guint i = 1; args[i] != NULL; i++)
    {
      if (docs == NULL)
        return alama_cli_usage_error (context, "eval", _("give one project (document names go after --docs)"));
      g_ptr_array_add (doc_names, args[i]);
    }
  g_ptr_array_add (doc_names, NULL);

  store = alama_cli_open_for_reading (args[0], &error);
  if (store == NULL)
    {
      alama_cli_print_error ("eval", error);
      return 1;
    }

  if (tagger_name != NULL)
    {
      g_autofree char *dir = gazetteer_dir ? g_strdup (gazetteer_dir)
                                           : alama_gazetteer_dup_default_dir ();

      gazetteer = alama_gazetteer_new ();
      if (!alama_gazetteer_load_dir (gazetteer, dir, &error) ||
          (tagger = alama_tagger_new_by_name (tagger_name, store, gazetteer, &error)) == NULL)
        {
          alama_cli_print_error ("eval", error);
          return 1;
        }
      result = alama_eval_tagger_with_flags (store, tagger,
                                             (const char * const *) doc_names->pdata,
                                             (all_labels ? ALAMA_EVAL_FLAGS_ALL_LABELS : 0) |
                                             (blind ? ALAMA_EVAL_FLAGS_BLIND : 0),
                                             &error);
    }
  else
    result = alama_eval_source (store, source, (const char * const *) doc_names->pdata,
                                all_labels, &error);
  if (result == NULL)
    {
      alama_cli_print_error ("eval", error);
      return 1;
    }

  if (json)
    {
      g_autoptr(JsonNode) root = alama_eval_result_to_json (result);
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autofree char *text = NULL;

      json_generator_set_pretty (generator, TRUE);
      json_generator_set_root (generator, root);
      text = json_generator_to_data (generator, NULL);
      printf ("%s\n", text);
    }
  else
    {
      g_autofree char *table = alama_eval_result_format_text (result);

      fputs (table, stdout);
    }
  return 0;
}
