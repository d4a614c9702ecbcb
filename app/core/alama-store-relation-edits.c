/* alama-store-relation-edits.c: edits that change relations as a whole, made
 * of the store's public calls on spans and relations (alama-store-annotations.c)
 * grouped into one change.
 *
 * - Reversing a relation swaps its ends; the store words the change
 *   "Reverse TYPE" and refuses a direction the schema does not allow.
 * - Relabelling a span whose relations the new label forbids deletes those
 *   relations and relabels the span as one undo step, so that one undo brings
 *   back the label and every relation with its id.
 */
#define G_LOG_DOMAIN "alama-store"

#include "config.h"

#include "alama/alama-store.h"

gboolean
alama_store_reverse_relation (AlamaStore  *self,
                              gint64       relation_id,
                              GError     **error)
{
  g_autoptr(AlamaRelation) relation = NULL;
  gint64 from_id;

  g_return_val_if_fail (ALAMA_IS_STORE (self), FALSE);

  relation = alama_store_get_relation (self, relation_id, error);
  if (relation == NULL)
    return FALSE;
  from_id = relation->from_id;
  relation->from_id = relation->to_id;
  relation->to_id = from_id;
  return alama_store_update_relation (self, relation, error);
}

static gboolean
relabel_dropping (AlamaStore  *self,
                  gint64       span_id,
                  const char  *label,
                  GError     **error)
{
  g_autoptr(GPtrArray) blocking = NULL;
  g_autoptr(AlamaSpan) span = NULL;

  blocking = alama_store_list_relations_blocking_label (self, span_id, label, error);
  if (blocking == NULL)
    return FALSE;
  /* The relations go first, each with its own history row, so that undo
   * brings them back (after the old label) with their ids. */
  for (guint i = 0; i < blocking->len; i++)
    if (!alama_store_delete_relation (self, ((AlamaRelation *) g_ptr_array_index (blocking, i))->id,
                                      error))
      return FALSE;
  span = alama_store_get_span (self, span_id, error);
  if (span == NULL)
    return FALSE;
  g_free (span->label);
  span->label = g_strdup (label);
  return alama_store_update_span (self, span, error);
}

gboolean
alama_store_relabel_span_dropping_relations (AlamaStore  *self,
                                             gint64       span_id,
                                             const char  *label,
                                             GError     **error)
{
  g_return_val_if_fail (ALAMA_IS_STORE (self), FALSE);
  g_return_val_if_fail (label != NULL, FALSE);

  /* Inside a caller's change the calls join it; otherwise they are one. */
  if (alama_store_in_change (self))
    return relabel_dropping (self, span_id, label, error);

  if (!alama_store_begin_action_change (self, ALAMA_CHANGE_ACTION_RELABEL_SPAN, label,
                                        ALAMA_CHANGE_UNDOABLE, error))
    return FALSE;
  if (!relabel_dropping (self, span_id, label, error))
    {
      alama_store_cancel_change (self);
      return FALSE;
    }
  return alama_store_end_change (self, error);
}
