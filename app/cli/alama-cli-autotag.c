/* alama-cli-autotag.c: `alama autotag PROJECT [--docs NAME...] [--tagger T]
 * [--min-confidence X] [--command CMD [--source NAME] [--timeout SECONDS]]
 * [--gazetteer-dir DIR]`.
 *
 * Runs the built-in taggers, a model trained with `alama train` (--tagger
 * model[:NAME]) or an external model (--command), and stores
 * their suggestions as pending annotations, one change per document; with
 * --min-confidence a suggestion whose confidence is below X is not stored
 * (alama-tagger-threshold.h). Prints, per
 * tagger, how many suggestions it added and of which labels; an external model's
 * bad output lines go to stderr with their line numbers.
 */
#define G_LOG_DOMAIN "alama-cli-autotag"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "alama/alama.h"
#include "alama-cli.h"
#include "alama-cli-common.h"

/* Built-in taggers in the order "all" runs them: entities first, so quotes and
 * claims find the gazetteer's suggestions as speakers and claimants. */
static const char * const builtin_taggers[] = { "gazetteer", "learned", "quotes", "claims" };

static void
print_report (AlamaTaggerReport *report,
              gboolean           messages_to_stderr)
{
  g_autofree char *summary = NULL;

  if (messages_to_stderr)
    {
      /* An external model's bad lines are errors in its output: stderr. */
      for (guint i = 0; i < report->messages->len; i++)
        fprintf (stderr, "alama autotag: %s\n", (char *) g_ptr_array_index (report->messages, i));
      g_ptr_array_set_size (report->messages, 0);
    }
  summary = alama_tagger_report_format (report);
  fputs (summary, stdout);
}

/* "model" or "model:NAME": a tagger trained with `alama train`. */
static gboolean
is_model_tagger (const char *name)
{
  return strcmp (name, "model") == 0 || g_str_has_prefix (name, ALAMA_TAGGER_SOURCE_MODEL_PREFIX);
}

static gboolean
tagger_wants_gazetteer (const char *name)
{
  /* A trained model has gazetteer features. */
  return strcmp (name, "gazetteer") == 0 || strcmp (name, "quotes") == 0 ||
         strcmp (name, "claims") == 0 || is_model_tagger (name);
}

/* @tagger_name's tagger, less its suggestions below @min_confidence. */
static AlamaTagger *
new_tagger (const char      *tagger_name,
            AlamaStore      *store,
            AlamaGazetteer  *gazetteer,
            double           min_confidence,
            GError         **error)
{
  AlamaTagger *tagger = alama_tagger_new_by_name (tagger_name, store, gazetteer, error);

  if (tagger != NULL && min_confidence > 0.0)
    tagger = alama_tagger_new_min_confidence (tagger, min_confidence);
  return tagger;
}

static int
run_model (AlamaStore         *store,
           const char         *tagger_name,
           AlamaGazetteer     *gazetteer,
           double              min_confidence,
           const char * const *doc_names)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaTagger) tagger = NULL;
  g_autoptr(AlamaTaggerReport) report = NULL;

  tagger = new_tagger (tagger_name, store, gazetteer, min_confidence, &error);
  if (tagger == NULL)
    {
      alama_cli_print_error ("autotag", error);
      return 1;
    }
  report = alama_tagger_report_new (alama_tagger_get_name (tagger));
  if (!alama_tagger_run (store, tagger, doc_names, report, NULL, &error))
    {
      print_report (report, FALSE);
      alama_cli_print_error ("autotag", error);
      return 1;
    }
  print_report (report, FALSE);
  return 0;
}

static int
run_builtin (AlamaStore         *store,
             const char         *tagger_name,
             const char         *gazetteer_dir,
             double              min_confidence,
             const char * const *doc_names)
{
  g_autoptr(AlamaGazetteer) gazetteer = NULL;
  g_autoptr(GError) error = NULL;
  gboolean all = strcmp (tagger_name, "all") == 0;
  guint n_added = 0;

  if (all || tagger_wants_gazetteer (tagger_name))
    {
      g_autofree char *dir = gazetteer_dir ? g_strdup (gazetteer_dir)
                                           : alama_gazetteer_dup_default_dir ();

      gazetteer = alama_gazetteer_new ();
      if (!alama_gazetteer_load_dir (gazetteer, dir, &error))
        {
          alama_cli_print_error ("autotag", error);
          return 1;
        }
    }

  if (is_model_tagger (tagger_name))
    return run_model (store, tagger_name, gazetteer, min_confidence, doc_names);

  for (guint i = 0; i < G_N_ELEMENTS (builtin_taggers); i++)
    {
      const char *name = builtin_taggers[i];
      g_autoptr(AlamaTagger) tagger = NULL;
      g_autoptr(AlamaTaggerReport) report = NULL;

      if (!all && strcmp (name, tagger_name) != 0)
        continue;

      tagger = new_tagger (name, store, gazetteer, min_confidence, &error);
      if (tagger == NULL)
        {
          alama_cli_print_error ("autotag", error);
          return 1;
        }
      report = alama_tagger_report_new (name);
      if (!alama_tagger_run (store, tagger, doc_names, report, NULL, &error))
        {
          /* Documents finished before the failure keep their suggestions. */
          print_report (report, FALSE);
          alama_cli_print_error ("autotag", error);
          return 1;
        }
      print_report (report, FALSE);
      n_added += report->n_spans_added;
    }

  if (all)
    printf (g_dngettext (GETTEXT_PACKAGE, "total: %u suggestion\n", "total: %u suggestions\n",
                         n_added), n_added);
  return 0;
}

int
alama_cli_autotag (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaStore) store = NULL;
  g_autoptr(GPtrArray) doc_names = NULL;
  g_auto(GStrv) args = NULL;
  g_auto(GStrv) docs = NULL;
  g_autofree char *tagger_name = NULL;
  g_autofree char *command = NULL;
  g_autofree char *source = NULL;
  g_autofree char *gazetteer_dir = NULL;
  int timeout = ALAMA_TAGGER_DEFAULT_TIMEOUT;
  double min_confidence = 0.0;
  GOptionEntry entries[] = {
    { "docs", 0, 0, G_OPTION_ARG_STRING_ARRAY, &docs,
      N_("Only these documents (names; the words after --docs up to the next option)"), "NAME..." },
    { "tagger", 0, 0, G_OPTION_ARG_STRING, &tagger_name,
      N_("gazetteer, quotes, claims, learned, all (default), or model[:NAME] for a model made "
         "with alama train"), "TAGGER" },
    { "min-confidence", 0, 0, G_OPTION_ARG_DOUBLE, &min_confidence,
      N_("Do not store a suggestion the tagger was less sure of than this (0 to 1; "
         "suggestions without a confidence are stored)"), "X" },
    { "command", 0, 0, G_OPTION_ARG_STRING, &command,
      N_("Run an external model: a shell command that reads documents as JSONL on stdin and "
         "writes suggestions as JSONL on stdout"), "CMD" },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source,
      N_("With --command: the source name of its suggestions (default: external)"), "NAME" },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout,
      N_("With --command: stop the model (and every process it started) after this many "
         "seconds; nothing is stored then (default: 600)"), "SECONDS" },
    { "gazetteer-dir", 0, 0, G_OPTION_ARG_FILENAME, &gazetteer_dir,
      N_("Folder of *.tsv entity lists (default: the installed gazetteers)"), "DIR" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &args, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new (N_("PROJECT - propose entities, quotes and claims for review"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return alama_cli_usage_error (context, "autotag", error->message);

  if (args == NULL || args[0] == NULL)
    return alama_cli_usage_error (context, "autotag", _("give a project"));

  /* `--docs A B C`: GOption takes A; B and C are left among the positionals. */
  doc_names = g_ptr_array_new ();
  for (guint i = 0; docs != NULL && docs[i] != NULL; i++)
    g_ptr_array_add (doc_names, docs[i]);
  for (guint i = 1; args[i] != NULL; i++)
    {
      if (docs == NULL)
        return alama_cli_usage_error (context, "autotag", _("give one project (document names go after --docs)"));
      g_ptr_array_add (doc_names, args[i]);
    }
  g_ptr_array_add (doc_names, NULL);

  if (command != NULL && tagger_name != NULL)
    return alama_cli_usage_error (context, "autotag", _("--command runs an external model; it does not go with --tagger"));
  if (source != NULL && command == NULL)
    return alama_cli_usage_error (context, "autotag", _("--source goes with --command"));
  if (timeout <= 0)
    return alama_cli_usage_error (context, "autotag", _("--timeout takes a number of seconds above 0"));
  if (!(min_confidence >= 0.0 && min_confidence <= 1.0))
    return alama_cli_usage_error (context, "autotag", _("--min-confidence takes a number from 0 to 1"));
  if (min_confidence > 0.0 && command != NULL)
    return alama_cli_usage_error (context, "autotag", _("--min-confidence goes with the built-in taggers and models, not --command"));
  if (tagger_name == NULL)
    tagger_name = g_strdup ("all");
  if (command == NULL && strcmp (tagger_name, "all") != 0 &&
      !g_strv_contains (builtin_taggers, tagger_name) && !is_model_tagger (tagger_name))
    {
      g_autofree char *message = g_strdup_printf (_("unknown tagger “%s” (gazetteer, quotes, "
                                                    "claims, learned, all or model[:NAME])"),
                                                  tagger_name);
      return alama_cli_usage_error (context, "autotag", message);
    }

  store = alama_store_open (args[0], ALAMA_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      alama_cli_print_error ("autotag", error);
      return 1;
    }

  if (command != NULL)
    {
      g_autoptr(AlamaTaggerReport) report =
        alama_tagger_report_new (source ? source : ALAMA_TAGGER_SOURCE_EXTERNAL);
      gboolean ok = alama_tagger_run_external_full (store, command, source,
                                                    (const char * const *) doc_names->pdata,
                                                    timeout, report, NULL, &error);

      print_report (report, TRUE);
      if (!ok)
        {
          alama_cli_print_error ("autotag", error);
          return 1;
        }
      return 0;
    }

  return run_builtin (store, tagger_name, gazetteer_dir, min_confidence,
                      (const char * const *) doc_names->pdata);
}
