/* alama-tagger-learned.c: a string-matching recommender trained on the project.
 *
 * Like INCEpTION's string-matching recommender: every accepted entity annotation
 * teaches "this normalised surface form is a LABEL"; where a form was given
 * several labels, the most frequent one wins (ties: the label first in the
 * schema). The forms are then matched like a gazetteer (word-bounded, clitic-
 * aware, longest first) in every document. A new tagger reads the accepted
 * annotations again, so it improves as the analyst works.
 */
#define G_LOG_DOMAIN "alama-tagger-learned"

#include "config.h"

#include "alama-tagger-private.h"
#include "alama/alama-arabic.h"
#include "alama/alama-document.h"

typedef struct
{
  char       *surface;   /* as first seen, so the gazetteer normalises it the same way */
  GHashTable *labels;    /* label → GUINT count */
} LearnedForm;

static void
learned_form_free (LearnedForm *form)
{
  g_free (form->surface);
  g_hash_table_unref (form->labels);
  g_free (form);
}

static guint
label_rank (AlamaSchema *schema,
            const char  *label)
{
  for (guint i = 0; i < schema->labels->len; i++)
    if (g_strcmp0 (((AlamaLabel *) g_ptr_array_index (schema->labels, i))->key, label) == 0)
      return i;
  return G_MAXUINT;
}

static const char *
most_frequent_label (AlamaSchema *schema,
                     GHashTable  *labels)
{
  GHashTableIter iter;
  gpointer key, value;
  const char *best = NULL;
  guint best_count = 0;

  g_hash_table_iter_init (&iter, labels);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint count = GPOINTER_TO_UINT (value);

      if (count > best_count ||
          (count == best_count && label_rank (schema, key) < label_rank (schema, best)))
        {
          best = key;
          best_count = count;
        }
    }
  return best;
}

static gboolean
learn_document (AlamaStore    *store,
                AlamaSchema   *schema,
                AlamaDocument *document,
                GHashTable    *forms,
                GError       **error)
{
  gint64 id = alama_document_get_id (document);
  g_autoptr(GPtrArray) spans = NULL;
  g_autofree char *text = NULL;
  g_autoptr(AlamaTextIndex) index = NULL;

  spans = alama_store_list_spans (store, id, ALAMA_STATUS_MASK_ACCEPTED, error);
  if (spans == NULL)
    return FALSE;
  if (spans->len == 0)
    return TRUE;
  text = alama_store_dup_document_text (store, id, error);
  if (text == NULL)
    return FALSE;
  index = alama_text_index_new (text);

  for (guint i = 0; i < spans->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (spans, i);
      const AlamaLabel *label = alama_schema_find_label (schema, span->label);
      g_autofree char *surface = NULL;
      g_autofree char *norm = NULL;
      LearnedForm *form;
      guint count;

      /* Names recur; quotes and claims do not. Discontinuous spans neither. */
      if (label == NULL || label->kind != ALAMA_LABEL_KIND_ENTITY ||
          alama_span_get_n_fragments (span) != 1)
        continue;

      surface = alama_text_index_substring (index, alama_span_get_start (span),
                                            alama_span_get_end (span));
      norm = alama_arabic_normalize (surface, ALAMA_ARABIC_FOLD_DEFAULT, NULL);
      if (norm == NULL || *g_strstrip (norm) == '\0')
        continue;

      form = g_hash_table_lookup (forms, norm);
      if (form == NULL)
        {
          form = g_new0 (LearnedForm, 1);
          form->surface = g_strdup (g_strstrip (surface));
          form->labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_hash_table_insert (forms, g_strdup (norm), form);
        }
      count = GPOINTER_TO_UINT (g_hash_table_lookup (form->labels, span->label));
      g_hash_table_insert (form->labels, g_strdup (span->label), GUINT_TO_POINTER (count + 1));
    }
  return TRUE;
}

static AlamaTaggerProposals *
learned_propose (const AlamaTaggerInput *input,
                 gpointer                data)
{
  AlamaGazetteer *learned = data;
  AlamaTaggerProposals *proposals = alama_tagger_proposals_new ();
  g_autoptr(GPtrArray) matches = alama_gazetteer_match (learned, input->text, input->index,
                                                        ALAMA_TAGGER_SOURCE_LEARNED);

  for (guint i = 0; i < matches->len; i++)
    alama_tagger_proposals_add_span (proposals,
                                     alama_span_ref (g_ptr_array_index (matches, i)));
  return proposals;
}

AlamaTagger *
alama_tagger_new_learned (AlamaStore  *store,
                          GError     **error)
{
  g_autoptr(AlamaSchema) schema = NULL;
  g_autoptr(GHashTable) forms = NULL;
  g_autoptr(AlamaGazetteer) learned = NULL;
  GListModel *documents;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (ALAMA_IS_STORE (store), NULL);

  schema = alama_store_get_schema (store);
  forms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                 (GDestroyNotify) learned_form_free);
  documents = alama_store_get_documents (store);
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(AlamaDocument) document = g_list_model_get_item (documents, i);

      if (!learn_document (store, schema, document, forms, error))
        return NULL;
    }

  learned = alama_gazetteer_new ();
  g_hash_table_iter_init (&iter, forms);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      LearnedForm *form = value;

      /* Too-short forms are skipped as in the gazetteer: two-letter words collide
       * with prepositions and pronouns. */
      alama_gazetteer_add_entry (learned, form->surface,
                                 most_frequent_label (schema, form->labels), NULL, FALSE);
    }

  return _alama_tagger_new (ALAMA_TAGGER_SOURCE_LEARNED, learned_propose,
                            g_steal_pointer (&learned), (GDestroyNotify) alama_gazetteer_free);
}
