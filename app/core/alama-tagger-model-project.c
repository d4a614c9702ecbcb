/* alama-tagger-model-project.c: the trained tagger and the project file.
 *
 * Reads the training data (the accepted entity spans, as BIO tags over the
 * tokens of their documents), keeps models in the table models (migration 8:
 * name, created, labels, bytes, info) and wraps a model as an AlamaTagger
 * "model:NAME" for autotag and eval.
 */
#define G_LOG_DOMAIN "alama-tagger-model"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "alama-store-private.h"
#include "alama-tagger-model-private.h"
#include "alama-tagger-private.h"
#include "alama/alama-document.h"

void
alama_tagger_model_options_init (AlamaTaggerModelOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->seed = ALAMA_TAGGER_MODEL_DEFAULT_SEED;
  options->epochs = ALAMA_TAGGER_MODEL_DEFAULT_EPOCHS;
}

/* ---- Training data -------------------------------------------------------------- */

static gboolean
is_trained_label (AlamaSchema        *schema,
                  const char * const *labels,
                  const char         *label)
{
  const AlamaLabel *found = alama_schema_find_label (schema, label);

  if (found == NULL || found->kind != ALAMA_LABEL_KIND_ENTITY)
    return FALSE;
  return labels == NULL || g_strv_contains (labels, label);
}

/* The accepted spans of @document that teach the model: contiguous, of a trained
 * label, none overlapping an earlier one (a nested name is left to the outer). */
static GPtrArray *
training_spans (AlamaStore          *store,
                AlamaSchema         *schema,
                AlamaDocument       *document,
                const char * const  *labels,
                GError             **error)
{
  g_autoptr(GPtrArray) spans = NULL;
  GPtrArray *kept = g_ptr_array_new_with_free_func ((GDestroyNotify) alama_span_unref);
  gint64 covered_to = -1;

  spans = alama_store_list_spans (store, alama_document_get_id (document),
                                  ALAMA_STATUS_MASK_ACCEPTED, error);
  if (spans == NULL)
    {
      g_ptr_array_unref (kept);
      return NULL;
    }
  for (guint i = 0; i < spans->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (spans, i);

      if (!is_trained_label (schema, labels, span->label) ||
          alama_span_get_n_fragments (span) != 1 || alama_span_get_start (span) < covered_to)
        continue;
      covered_to = alama_span_get_end (span);
      g_ptr_array_add (kept, alama_span_ref (span));
    }
  return kept;
}

static guint
token_at_or_after (GArray *tokens,
                   gint64  cp)
{
  guint lo = 0, hi = tokens->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (tokens, AlamaModelToken, mid).end <= cp)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* BIO tags of the tokens: a token a span overlaps is inside it (a span that
 * starts after a clitic still tags the whole token). */
static guint8 *
gold_tags (AlamaModelText *text,
           GPtrArray      *spans,
           GPtrArray      *labels)
{
  guint8 *tags = g_new0 (guint8, MAX (text->tokens->len, 1));

  for (guint i = 0; i < spans->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (spans, i);
      gint64 start = alama_span_get_start (span), end = alama_span_get_end (span);
      guint label = 0;
      gboolean first = TRUE;

      while (g_strcmp0 (g_ptr_array_index (labels, label), span->label) != 0)
        label++;
      for (guint t = token_at_or_after (text->tokens, start);
           t < text->tokens->len && g_array_index (text->tokens, AlamaModelToken, t).start < end;
           t++)
        {
          /* A token already inside the previous span stays there. */
          if (first && tags[t] != ALAMA_MODEL_TAG_OUTSIDE)
            continue;
          tags[t] = first ? ALAMA_MODEL_TAG_BEGIN (label) : ALAMA_MODEL_TAG_INSIDE (label);
          first = FALSE;
        }
    }
  return tags;
}

/* The labels to train: @wanted (checked against the schema) or every entity
 * label some training span has, in schema order. */
static GPtrArray *
choose_labels (AlamaSchema         *schema,
               const char * const  *wanted,
               GPtrArray           *document_spans,
               GError             **error)
{
  GPtrArray *labels = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; wanted != NULL && wanted[i] != NULL; i++)
    {
      const AlamaLabel *label = alama_schema_find_label (schema, wanted[i]);

      if (label == NULL || label->kind != ALAMA_LABEL_KIND_ENTITY)
        {
          g_set_error (error, ALAMA_TAGGER_ERROR, ALAMA_TAGGER_ERROR_UNKNOWN_LABEL,
                       _("“%s” is not an entity label of the project's schema"), wanted[i]);
          g_ptr_array_unref (labels);
          return NULL;
        }
    }

  for (guint l = 0; l < schema->labels->len; l++)
    {
      const AlamaLabel *label = g_ptr_array_index (schema->labels, l);
      gboolean used = FALSE;

      if (!is_trained_label (schema, wanted, label->key))
        continue;
      for (guint d = 0; d < document_spans->len && !used; d++)
        {
          GPtrArray *spans = g_ptr_array_index (document_spans, d);

          for (guint i = 0; i < spans->len && !used; i++)
            used = g_strcmp0 (((AlamaSpan *) g_ptr_array_index (spans, i))->label,
                              label->key) == 0;
        }
      if (used)
        g_ptr_array_add (labels, g_strdup (label->key));
    }
  return labels;
}

static char *
info_json (AlamaModelLexicon             *lexicon,
           guint                          n_documents,
           AlamaModelCorpus              *corpus,
           GPtrArray                     *labels,
           GHashTable                    *span_counts,
           const AlamaTaggerModelOptions *options,
           guint                          epochs,
           float                          outside_bias,
           double                         seconds)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "documents");
  json_builder_add_int_value (builder, n_documents);
  json_builder_set_member_name (builder, "sentences");
  json_builder_add_int_value (builder, corpus->sentences->len);
  json_builder_set_member_name (builder, "tokens");
  json_builder_add_int_value (builder, corpus->tags->len);
  json_builder_set_member_name (builder, "spans");
  json_builder_begin_object (builder);
  for (guint l = 0; l < labels->len; l++)
    {
      const char *label = g_ptr_array_index (labels, l);

      json_builder_set_member_name (builder, label);
      json_builder_add_int_value (builder,
                                  GPOINTER_TO_UINT (g_hash_table_lookup (span_counts, label)));
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "epochs");
  json_builder_add_int_value (builder, epochs);
  json_builder_set_member_name (builder, "seed");
  json_builder_add_int_value (builder, options->seed);
  json_builder_set_member_name (builder, "feature_bits");
  json_builder_add_int_value (builder, ALAMA_MODEL_FEATURE_BITS);
  json_builder_set_member_name (builder, "gazetteer");
  json_builder_add_boolean_value (builder, options->gazetteer != NULL);
  json_builder_set_member_name (builder, "lexicon_entries");
  json_builder_add_int_value (builder, _alama_model_lexicon_get_n_entries (lexicon));
  json_builder_set_member_name (builder, "outside_bias");
  json_builder_add_double_value (builder, outside_bias);
  json_builder_set_member_name (builder, "seconds");
  json_builder_add_double_value (builder, seconds);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

AlamaTaggerModel *
alama_tagger_model_train (AlamaStore                    *store,
                          const AlamaTaggerModelOptions *options,
                          GError                       **error)
{
  AlamaTaggerModelOptions defaults;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) trained_documents = g_ptr_array_new ();
  g_autoptr(GPtrArray) document_spans =
    g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(AlamaSchema) schema = NULL;
  g_autoptr(AlamaModelCorpus) corpus = _alama_model_corpus_new ();
  g_autoptr(GHashTable) span_counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(AlamaTaggerModel) model = NULL;
  g_autoptr(AlamaModelLexicon) lexicon = NULL;
  g_autofree char *info = NULL;
  gint64 started = g_get_monotonic_time ();
  guint epochs;

  g_return_val_if_fail (ALAMA_IS_STORE (store), NULL);

  if (options == NULL)
    {
      alama_tagger_model_options_init (&defaults);
      options = &defaults;
    }
  epochs = options->epochs > 0 ? options->epochs : ALAMA_TAGGER_MODEL_DEFAULT_EPOCHS;

  if (options->documents != NULL)
    documents = g_ptr_array_ref (options->documents);
  else
    {
      GListModel *all = alama_store_get_documents (store);

      documents = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < g_list_model_get_n_items (all); i++)
        g_ptr_array_add (documents, g_list_model_get_item (all, i));
    }
  schema = alama_store_get_schema (store);

  for (guint d = 0; d < documents->len; d++)
    {
      AlamaDocument *document = g_ptr_array_index (documents, d);
      GPtrArray *spans = training_spans (store, schema, document, options->labels, error);

      if (spans == NULL)
        return NULL;
      if (spans->len == 0)
        {
          g_ptr_array_unref (spans);
          continue;
        }
      g_ptr_array_add (trained_documents, document);
      g_ptr_array_add (document_spans, spans);
    }

  labels = choose_labels (schema, options->labels, document_spans, error);
  if (labels == NULL)
    return NULL;
  if (labels->len == 0)
    {
      g_set_error (error, ALAMA_TAGGER_ERROR, ALAMA_TAGGER_ERROR_NO_TRAINING_DATA,
                   _("%s has no accepted entity annotations to learn from"),
                   alama_store_get_path (store));
      return NULL;
    }

  lexicon = _alama_model_lexicon_new_default (error);
  if (lexicon == NULL)
    return NULL;

  for (guint d = 0; d < trained_documents->len; d++)
    {
      AlamaDocument *document = g_ptr_array_index (trained_documents, d);
      GPtrArray *spans = g_ptr_array_index (document_spans, d);
      g_autofree char *text = NULL;
      g_autoptr(AlamaTextIndex) index = NULL;
      g_autoptr(AlamaModelText) model_text = NULL;
      g_autofree guint8 *tags = NULL;

      if (g_cancellable_set_error_if_cancelled (options->cancellable, error))
        return NULL;
      text = alama_store_dup_document_text (store, alama_document_get_id (document), error);
      if (text == NULL)
        return NULL;
      index = alama_text_index_new (text);
      model_text = _alama_model_text_new (text, index, options->gazetteer, lexicon,
                                          ALAMA_MODEL_FEATURE_BITS);
      tags = gold_tags (model_text, spans, labels);
      _alama_model_corpus_append (corpus, model_text, tags);
      for (guint i = 0; i < spans->len; i++)
        {
          const char *label = ((AlamaSpan *) g_ptr_array_index (spans, i))->label;
          guint count = GPOINTER_TO_UINT (g_hash_table_lookup (span_counts, label));

          g_hash_table_insert (span_counts, (gpointer) label, GUINT_TO_POINTER (count + 1));
        }
    }

  model = _alama_model_learn (corpus, labels, epochs, options->seed, options->cancellable,
                              error);
  if (model == NULL)
    return NULL;
  /* The model keeps the lists it learnt with: it tags the same whatever the
   * installed ones say later. */
  _alama_model_lexicon_free (model->lexicon);
  model->lexicon = g_steal_pointer (&lexicon);
  info = info_json (model->lexicon, trained_documents->len, corpus, labels, span_counts, options, epochs,
                    model->outside_bias, (g_get_monotonic_time () - started) / 1e6);
  _alama_model_set_info (model, info);
  return g_steal_pointer (&model);
}

/* ---- The models table ------------------------------------------------------------ */

static char *
labels_json (AlamaTaggerModel *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  const char * const *labels = alama_tagger_model_get_labels (self);

  json_builder_begin_array (builder);
  for (guint i = 0; labels[i] != NULL; i++)
    json_builder_add_string_value (builder, labels[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

gboolean
alama_tagger_model_save (AlamaTaggerModel *self,
                         AlamaStore       *store,
                         const char       *name,
                         GError          **error)
{
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *labels = NULL;
  gconstpointer data;
  gsize size;
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (ALAMA_IS_STORE (store), FALSE);
  g_return_val_if_fail (name != NULL && *name != '\0', FALSE);

  db = _alama_store_get_db (store);
  bytes = alama_tagger_model_to_bytes (self);
  data = g_bytes_get_data (bytes, &size);
  labels = labels_json (self);

  rc = sqlite3_prepare_v2 (db, "INSERT OR REPLACE INTO models (name, created, labels, bytes, info) "
                               "VALUES (?, ?, ?, ?, ?)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, g_get_real_time ());
      sqlite3_bind_text (stmt, 3, labels, -1, SQLITE_TRANSIENT);
      sqlite3_bind_blob64 (stmt, 4, data, size, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, alama_tagger_model_get_info (self), -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _alama_store_set_sqlite_error (store, rc, _("storing a trained model"), error);
      return FALSE;
    }
  return TRUE;
}

AlamaTaggerModel *
alama_tagger_model_load (AlamaStore  *store,
                         const char  *name,
                         GError     **error)
{
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *info = NULL;
  g_autoptr(GError) local_error = NULL;
  AlamaTaggerModel *model;
  int rc;

  g_return_val_if_fail (ALAMA_IS_STORE (store), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  db = _alama_store_get_db (store);
  /* A file older than the models table has no model either. */
  rc = sqlite3_prepare_v2 (db, "SELECT bytes, info FROM models WHERE name = ?", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
          info = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
        }
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE && sqlite3_errcode (db) != SQLITE_ERROR)
    {
      _alama_store_set_sqlite_error (store, rc, _("reading a trained model"), error);
      return NULL;
    }
  if (bytes == NULL)
    {
      g_set_error (error, ALAMA_TAGGER_ERROR, ALAMA_TAGGER_ERROR_NO_SUCH_MODEL,
                   _("%s has no model named “%s” (make one with alama train)"),
                   alama_store_get_path (store), name);
      return NULL;
    }

  model = alama_tagger_model_new_from_bytes (bytes, &local_error);
  if (model == NULL)
    {
      g_set_error (error, ALAMA_TAGGER_ERROR, ALAMA_TAGGER_ERROR_BAD_MODEL,
                   _("%s: model “%s”: %s"), alama_store_get_path (store), name,
                   local_error->message);
      return NULL;
    }
  _alama_model_set_info (model, info != NULL ? info : "{}");
  return model;
}

/* ---- The tagger ------------------------------------------------------------------ */

typedef struct
{
  AlamaTaggerModel *model;
  AlamaGazetteer   *gazetteer;   /* borrowed, may be NULL */
  char             *source;
} ModelTagger;

static void
model_tagger_free (ModelTagger *self)
{
  alama_tagger_model_free (self->model);
  g_free (self->source);
  g_free (self);
}

static AlamaTaggerProposals *
model_propose (const AlamaTaggerInput *input,
               gpointer                data)
{
  ModelTagger *self = data;
  AlamaTaggerProposals *proposals = alama_tagger_proposals_new ();
  g_autoptr(GPtrArray) spans = alama_tagger_model_tag (self->model, input->text, input->index,
                                                       self->gazetteer, self->source);

  for (guint i = 0; i < spans->len; i++)
    alama_tagger_proposals_add_span (proposals, alama_span_ref (g_ptr_array_index (spans, i)));
  return proposals;
}

AlamaTagger *
alama_tagger_new_model (AlamaTaggerModel *model,
                        const char       *name,
                        AlamaGazetteer   *gazetteer)
{
  ModelTagger *self;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  self = g_new0 (ModelTagger, 1);
  self->model = model;
  self->gazetteer = gazetteer;
  self->source = g_strconcat (ALAMA_TAGGER_SOURCE_MODEL_PREFIX, name, NULL);
  return _alama_tagger_new (self->source, model_propose, self,
                            (GDestroyNotify) model_tagger_free);
}
