/* alama-cli-train.c: `alama train PROJECT [--docs NAME...] [--labels L...]
 * [--name NAME] [--seed N] [--epochs N] [--gazetteer-dir DIR | --no-gazetteer]`.
 *
 * Trains a sequence tagger on the project's accepted entity annotations
 * (include/alama/alama-tagger-model.h) and stores it in the project under NAME
 * ("model" unless told), replacing a model of that name. Prints what it learnt
 * from, how long it took and the model's size; `alama autotag PROJECT --tagger
 * model[:NAME]` and `alama eval ... --tagger model[:NAME]` then use it.
 */
#define G_LOG_DOMAIN "alama-cli-train"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "alama/alama.h"
#include "alama-cli.h"
#include "alama-cli-common.h"

/* "--labels PER,LOC" or "--labels PER LOC": one list either way. */
static void
add_split (GPtrArray  *into,
           const char *value)
{
  g_auto(GStrv) parts = g_strsplit (value, ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (*g_strstrip (parts[i]) != '\0')
      g_ptr_array_add (into, g_strdup (parts[i]));
}

int
alama_cli_train (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaStore) store = NULL;
  g_autoptr(AlamaGazetteer) gazetteer = NULL;
  g_autoptr(AlamaTaggerModel) model = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) doc_names = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) args = NULL;
  g_auto(GStrv) docs = NULL;
  g_auto(GStrv) label_args = NULL;
  g_autofree char *name = NULL;
  g_autofree char *gazetteer_dir = NULL;
  gboolean no_gazetteer = FALSE;
  gint64 seed = ALAMA_TAGGER_MODEL_DEFAULT_SEED;
  int epochs = ALAMA_TAGGER_MODEL_DEFAULT_EPOCHS;
  /* --epochs' help states the default as a number (a translatable string
   * cannot take it from the macro). */
  G_STATIC_ASSERT (ALAMA_TAGGER_MODEL_DEFAULT_EPOCHS == 8);
  AlamaTaggerModelOptions options;
  gint64 started;
  GOptionEntry entries[] = {
    { "docs", 0, 0, G_OPTION_ARG_STRING_ARRAY, &docs,
      N_("Only these documents (names; the words after --docs up to the next option)"), "NAME..." },
    { "labels", 0, 0, G_OPTION_ARG_STRING_ARRAY, &label_args,
      N_("Only these entity labels (comma-separated; default: every entity label with accepted "
         "annotations)"), "LABEL,..." },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name,
      N_("Store the model under this name (default: model)"), "NAME" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed,
      N_("Seed of the training order: the same seed gives the same model (default: 1)"), "N" },
    { "epochs", 0, 0, G_OPTION_ARG_INT, &epochs,
      N_("Passes over the training data (default: 8)"), "N" },
    { "gazetteer-dir", 0, 0, G_OPTION_ARG_FILENAME, &gazetteer_dir,
      N_("Folder of *.tsv entity lists for the gazetteer features (default: the installed "
         "gazetteers)"), "DIR" },
    { "no-gazetteer", 0, 0, G_OPTION_ARG_NONE, &no_gazetteer,
      N_("Train without gazetteer features"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &args, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new (N_("PROJECT - train a tagger on the accepted entity "
                                     "annotations"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return alama_cli_usage_error (context, "train", error->message);

  if (args == NULL || args[0] == NULL)
    return alama_cli_usage_error (context, "train", _("give a project"));
  /* `--docs A B C`: GOption takes A; B and C are left among the positionals. */
  for (guint i = 0; docs != NULL && docs[i] != NULL; i++)
    g_ptr_array_add (doc_names, docs[i]);
  for (guint i = 1; args[i] != NULL; i++)
    {
      if (docs == NULL)
        return alama_cli_usage_error (context, "train", _("give one project (document names go after --docs)"));
      g_ptr_array_add (doc_names, args[i]);
    }
  g_ptr_array_add (doc_names, NULL);
  for (guint i = 0; label_args != NULL && label_args[i] != NULL; i++)
    add_split (labels, label_args[i]);
  g_ptr_array_add (labels, NULL);

  if (epochs <= 0 || epochs > 1000)
    return alama_cli_usage_error (context, "train", _("--epochs takes a number from 1 to 1000"));
  if (seed < 0 || seed > G_MAXUINT32)
    return alama_cli_usage_error (context, "train", _("--seed takes a number from 0 to 4294967295"));
  if (name == NULL)
    name = g_strdup (ALAMA_TAGGER_MODEL_DEFAULT_NAME);
  if (*name == '\0' || strchr (name, ':') != NULL)
    return alama_cli_usage_error (context, "train", _("--name takes a name without “:”"));
  if (no_gazetteer && gazetteer_dir != NULL)
    return alama_cli_usage_error (context, "train", _("--no-gazetteer does not go with --gazetteer-dir"));

  store = alama_store_open (args[0], ALAMA_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      alama_cli_print_error ("train", error);
      return 1;
    }

  if (!no_gazetteer)
    {
      g_autofree char *dir = gazetteer_dir ? g_strdup (gazetteer_dir)
                                           : alama_gazetteer_dup_default_dir ();

      gazetteer = alama_gazetteer_new ();
      if (!alama_gazetteer_load_dir (gazetteer, dir, &error))
        {
          alama_cli_print_error ("train", error);
          return 1;
        }
    }

  documents = alama_tagger_select_documents (store, (const char * const *) doc_names->pdata,
                                             &error);
  if (documents == NULL)
    {
      alama_cli_print_error ("train", error);
      return 1;
    }

  alama_tagger_model_options_init (&options);
  options.documents = documents;
  options.labels = labels->len > 1 ? (const char * const *) labels->pdata : NULL;
  options.gazetteer = gazetteer;
  options.seed = (guint32) seed;
  options.epochs = (guint) epochs;

  started = g_get_monotonic_time ();
  model = alama_tagger_model_train (store, &options, &error);
  if (model == NULL || !alama_tagger_model_save (model, store, name, &error))
    {
      alama_cli_print_error ("train", error);
      return 1;
    }
  bytes = alama_tagger_model_to_bytes (model);

  {
    g_autofree char *label_list = g_strjoinv (", ",
                                              (char **) alama_tagger_model_get_labels (model));

    /* TRANSLATORS: model name, labels, seconds, size in MB, then the training data as JSON */
    printf (_("model “%s” (%s) trained in %.1f s, %.1f MB: %s\n"), name, label_list,
            (g_get_monotonic_time () - started) / 1e6, g_bytes_get_size (bytes) / 1e6,
            alama_tagger_model_get_info (model));
  }
  return 0;
}
