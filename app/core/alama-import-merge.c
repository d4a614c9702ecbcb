/* alama-import-merge.c: one text, one document, however many Prodigy tasks
 * hold it.
 *
 * Prodigy writes one task per question: binary ner.teach asks about one span
 * at a time, so a text comes back in several tasks. A task whose text is
 * already a document of the file being imported adds its spans to that
 * document; a span already there (same label and fragments) is not added
 * twice. The document keeps the first task's name and metadata.
 *
 * When two tasks disagree about one span, the stronger verdict wins: rejected
 * over accepted over pending. A rejection is an explicit judgement that the
 * span is wrong; training on a span someone rejected does more harm than
 * leaving out one someone accepted, and the rejected span stays in the project
 * where a reviewer finds it and can accept it again.
 */
#define G_LOG_DOMAIN "alama-import"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "alama/alama-import.h"
#include "alama-hash-private.h"
#include "alama-import-private.h"

struct _AlamaImportMerge
{
  GHashTable *by_text;   /* SHA-256 of a text (hex) → gint64 document id */
};

AlamaImportMerge *
_alama_import_merge_new (void)
{
  AlamaImportMerge *merge = g_new0 (AlamaImportMerge, 1);

  merge->by_text = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return merge;
}

void
_alama_import_merge_free (AlamaImportMerge *merge)
{
  if (merge == NULL)
    return;
  g_clear_pointer (&merge->by_text, g_hash_table_unref);
  g_free (merge);
}

gint64
_alama_import_merge_find (AlamaImportMerge *merge,
                          const char       *text)
{
  g_autofree char *hash = _alama_sha256_hex (text, strlen (text));
  gint64 *id = g_hash_table_lookup (merge->by_text, hash);

  return id != NULL ? *id : 0;
}

void
_alama_import_merge_remember (AlamaImportMerge *merge,
                              const char       *text,
                              gint64            document_id)
{
  g_hash_table_insert (merge->by_text, _alama_sha256_hex (text, strlen (text)),
                       g_memdup2 (&document_id, sizeof document_id));
}

/* How strong a verdict a status is; see the top of the file. */
static int
status_rank (AlamaStatus status)
{
  switch (status)
    {
    case ALAMA_STATUS_REJECTED:
      return 2;
    case ALAMA_STATUS_ACCEPTED:
      return 1;
    case ALAMA_STATUS_PENDING:
    default:
      return 0;
    }
}

static gboolean
same_place (const AlamaSpan *a,
            const AlamaSpan *b)
{
  if (strcmp (a->label, b->label) != 0 || a->fragments->len != b->fragments->len)
    return FALSE;
  for (guint f = 0; f < a->fragments->len; f++)
    {
      const AlamaFragment *x = &g_array_index (a->fragments, AlamaFragment, f);
      const AlamaFragment *y = &g_array_index (b->fragments, AlamaFragment, f);

      if (x->start != y->start || x->end != y->end)
        return FALSE;
    }
  return TRUE;
}

gboolean
_alama_import_merge_into (AlamaStore         *store,
                          AlamaImportDoc     *doc,
                          gint64              document_id,
                          AlamaImportReport  *counts,
                          GError            **error)
{
  g_autoptr(GPtrArray) existing = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GArray) span_ids = g_array_sized_new (FALSE, TRUE, sizeof (gint64), doc->spans->len);

  if ((existing = alama_store_list_spans (store, document_id, ALAMA_STATUS_MASK_ALL,
                                          error)) == NULL ||
      (relations = alama_store_list_relations (store, document_id, ALAMA_STATUS_MASK_ALL,
                                               error)) == NULL)
    return FALSE;

  for (guint i = 0; i < doc->spans->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (doc->spans, i);
      AlamaSpan *same = NULL;

      for (guint e = 0; e < existing->len && same == NULL; e++)
        if (same_place (g_ptr_array_index (existing, e), span))
          same = g_ptr_array_index (existing, e);

      if (same == NULL)
        {
          span->document_id = document_id;
          if (!alama_store_add_span (store, span, error))
            return FALSE;
          g_ptr_array_add (existing, alama_span_ref (span));
          counts->n_spans++;
          same = span;
        }
      else if (status_rank (span->status) > status_rank (same->status))
        {
          if (!alama_store_set_span_status (store, same->id, span->status, error))
            return FALSE;
          same->status = span->status;
        }
      g_array_append_val (span_ids, same->id);
    }

  for (guint i = 0; i < doc->relations->len; i++)
    {
      AlamaRelation *relation = g_ptr_array_index (doc->relations, i);
      gboolean known = FALSE;

      relation->document_id = document_id;
      relation->from_id = g_array_index (span_ids, gint64, relation->from_id);
      relation->to_id = g_array_index (span_ids, gint64, relation->to_id);
      for (guint r = 0; r < relations->len && !known; r++)
        {
          AlamaRelation *other = g_ptr_array_index (relations, r);

          known = other->from_id == relation->from_id && other->to_id == relation->to_id &&
                  strcmp (other->type, relation->type) == 0;
        }
      if (known)
        continue;
      if (!alama_store_add_relation (store, relation, error))
        return FALSE;
      g_ptr_array_add (relations, alama_relation_ref (relation));
      counts->n_relations++;
    }

  return TRUE;
}
