/* alama-span-filter.c: which of a document's spans a view shows (see the header). */
#define G_LOG_DOMAIN "alama-span-filter"

#include "config.h"

#include <alama/alama-span.h>
#include <alama/alama-span-filter.h>
#include <alama/alama-store.h>
#include <alama/alama-tagger-model.h>

gboolean
alama_span_filter_shows (const AlamaSpanFilter *filter,
                         const AlamaSpan       *span)
{
  double confidence;

  g_return_val_if_fail (filter != NULL, TRUE);
  g_return_val_if_fail (span != NULL, TRUE);

  if (!(filter->statuses & (1 << span->status)))
    return FALSE;
  /* Only a tagger's suggestion still waiting for review can be too weak to
   * show: once decided, or made by hand, it is the analyst's. */
  if (span->status != ALAMA_STATUS_PENDING || filter->min_confidence <= 0.0 ||
      span->source == NULL || g_str_equal (span->source, ALAMA_SOURCE_MANUAL))
    return TRUE;
  if (!alama_span_get_confidence (span, &confidence))
    return TRUE;
  return confidence >= filter->min_confidence;
}

gboolean
alama_span_filter_equal (const AlamaSpanFilter *a,
                         const AlamaSpanFilter *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->statuses == b->statuses && a->min_confidence == b->min_confidence;
}

gboolean
alama_span_filter_hides_any (const AlamaSpanFilter *filter,
                             AlamaDocumentModel    *model,
                             guint                  from,
                             guint                  n)
{
  g_return_val_if_fail (filter != NULL, FALSE);
  g_return_val_if_fail (ALAMA_IS_DOCUMENT_MODEL (model), FALSE);

  for (guint i = from; i < from + n; i++)
    if (!alama_span_filter_shows (filter, alama_document_model_get_span (model, i)))
      return TRUE;
  return FALSE;
}

AlamaSpanIndex *
alama_span_filter_new_index (const AlamaSpanFilter *filter,
                             AlamaDocumentModel    *model)
{
  g_autoptr(GPtrArray) shown = NULL;
  guint n;

  g_return_val_if_fail (filter != NULL, NULL);
  g_return_val_if_fail (ALAMA_IS_DOCUMENT_MODEL (model), NULL);

  n = alama_document_model_get_n_spans (model);
  shown = g_ptr_array_sized_new (n);
  /* The model's spans are in the index's order already. */
  for (guint i = 0; i < n; i++)
    {
      AlamaSpan *span = alama_document_model_get_span (model, i);

      if (alama_span_filter_shows (filter, span))
        g_ptr_array_add (shown, span);
    }
  return alama_span_index_new (shown);
}

guint
alama_span_filter_count_suggestions (const AlamaSpanFilter *filter,
                                     AlamaStore            *store,
                                     gint64                 document_id,
                                     const char            *source)
{
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GHashTable) hidden = NULL;
  guint n = 0;

  g_return_val_if_fail (filter != NULL, 0);
  g_return_val_if_fail (ALAMA_IS_STORE (store), 0);
  g_return_val_if_fail (document_id > 0, 0);

  if (filter->min_confidence <= 0.0)
    return alama_store_count_suggestions (store, document_id, source);
  /* Nothing to leave out where there is nothing pending (the usual case,
   * and a cheap count). */
  if (alama_store_count_suggestions (store, document_id, source) == 0)
    return 0;

  spans = alama_store_list_spans (store, document_id, ALAMA_STATUS_MASK_PENDING, NULL);
  relations = alama_store_list_relations (store, document_id, ALAMA_STATUS_MASK_PENDING, NULL);
  hidden = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; spans != NULL && i < spans->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (spans, i);

      if (!alama_span_filter_shows (filter, span))
        g_hash_table_add (hidden, &span->id);
      else if (source == NULL || g_strcmp0 (span->source, source) == 0)
        n++;
    }
  for (guint i = 0; relations != NULL && i < relations->len; i++)
    {
      AlamaRelation *relation = g_ptr_array_index (relations, i);

      if ((source == NULL || g_strcmp0 (relation->source, source) == 0) &&
          !g_hash_table_contains (hidden, &relation->from_id) &&
          !g_hash_table_contains (hidden, &relation->to_id))
        n++;
    }
  return n;
}
