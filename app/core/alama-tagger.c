/* alama-tagger.c: proposals, reports and the one runner that stores suggestions.
 *
 * Every tagger only proposes; this file decides what lands in the project, so the
 * review rules (never propose again what the analyst rejected, never touch an
 * existing annotation, one change per document) live in one place.
 */
#define G_LOG_DOMAIN "alama-tagger"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <stdlib.h>
#include <string.h>

#include "alama-compare-private.h"
#include "alama-tagger-private.h"
#include "alama/alama-arabic.h"
#include "alama/alama-document.h"
#include "alama/alama-tagger-model.h"


AlamaTagger *
alama_tagger_new_by_name (const char      *name,
                          AlamaStore      *store,
                          AlamaGazetteer  *gazetteer,
                          GError         **error)
{
  g_return_val_if_fail (name != NULL, NULL);

  if (g_strcmp0 (name, ALAMA_TAGGER_SOURCE_GAZETTEER) == 0 && gazetteer != NULL)
    return alama_tagger_new_gazetteer (gazetteer);
  if (g_strcmp0 (name, ALAMA_TAGGER_SOURCE_QUOTES) == 0)
    return alama_tagger_new_quotes (gazetteer);
  if (g_strcmp0 (name, ALAMA_TAGGER_SOURCE_CLAIMS) == 0)
    return alama_tagger_new_claims (gazetteer);
  if (g_strcmp0 (name, ALAMA_TAGGER_SOURCE_LEARNED) == 0)
    return alama_tagger_new_learned (store, error);
  if (g_strcmp0 (name, "model") == 0 || g_str_has_prefix (name, ALAMA_TAGGER_SOURCE_MODEL_PREFIX))
    {
      const char *model_name = g_str_has_prefix (name, ALAMA_TAGGER_SOURCE_MODEL_PREFIX)
                               ? name + strlen (ALAMA_TAGGER_SOURCE_MODEL_PREFIX)
                               : ALAMA_TAGGER_MODEL_DEFAULT_NAME;
      AlamaTaggerModel *model = alama_tagger_model_load (store, model_name, error);

      return model != NULL ? alama_tagger_new_model (model, model_name, gazetteer) : NULL;
    }

  g_set_error (error, ALAMA_TAGGER_ERROR, ALAMA_TAGGER_ERROR_UNKNOWN_TAGGER,
               _("unknown tagger “%s” (gazetteer, quotes, claims, learned or model[:NAME])"),
               name);
  return NULL;
}


/* ---- Reports ----------------------------------------------------------------- */

AlamaTaggerReport *
alama_tagger_report_new (const char *tagger)
{
  AlamaTaggerReport *report = g_new0 (AlamaTaggerReport, 1);

  report->tagger = g_strdup (tagger);
  report->spans_by_label = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  report->relations_by_type = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  report->messages = g_ptr_array_new_with_free_func (g_free);
  return report;
}

void
alama_tagger_report_free (AlamaTaggerReport *report)
{
  if (report == NULL)
    return;
  g_free (report->tagger);
  g_hash_table_unref (report->spans_by_label);
  g_hash_table_unref (report->relations_by_type);
  g_ptr_array_unref (report->messages);
  g_free (report);
}

static void
count_in (GHashTable *table,
          const char *key)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (table, key));

  g_hash_table_insert (table, g_strdup (key), GUINT_TO_POINTER (n + 1));
}

/* " (GPE 7, PER 5)", keys sorted so the summary reads the same from run to run. */
static void
append_counts (GString    *out,
               GHashTable *table)
{
  g_autofree gpointer *keys = NULL;
  guint n_keys = 0;

  if (g_hash_table_size (table) == 0)
    return;

  keys = g_hash_table_get_keys_as_array (table, &n_keys);
  qsort (keys, n_keys, sizeof (gpointer), _alama_compare_strings);
  g_string_append (out, " (");
  for (guint i = 0; i < n_keys; i++)
    g_string_append_printf (out, "%s%s %u", i > 0 ? ", " : "", (char *) keys[i],
                            GPOINTER_TO_UINT (g_hash_table_lookup (table, keys[i])));
  g_string_append (out, ")");
}

char *
alama_tagger_report_format (AlamaTaggerReport *report)
{
  GString *out;

  g_return_val_if_fail (report != NULL, NULL);

  out = g_string_new (NULL);
  g_string_append_printf (out, "%s: %u suggestion%s", report->tagger, report->n_spans_added,
                          report->n_spans_added == 1 ? "" : "s");
  append_counts (out, report->spans_by_label);
  g_string_append_printf (out, ", %u relation%s", report->n_relations_added,
                          report->n_relations_added == 1 ? "" : "s");
  append_counts (out, report->relations_by_type);
  g_string_append_printf (out, ", %u already present or rejected, %u document%s\n",
                          report->n_skipped, report->n_documents,
                          report->n_documents == 1 ? "" : "s");
  for (guint i = 0; i < report->messages->len; i++)
    g_string_append_printf (out, "  %s\n", (char *) g_ptr_array_index (report->messages, i));
  return g_string_free (out, FALSE);
}

/* ---- Storing ----------------------------------------------------------------- */

/* What a proposal became in the project. */
#define PROPOSAL_BLOCKED ((gint64) -1)   /* rejected before, or its label is unknown */

static gboolean
relation_exists (GPtrArray  *relations,
                 const char *type,
                 gint64      from_id,
                 gint64      to_id)
{
  for (guint i = 0; i < relations->len; i++)
    {
      AlamaRelation *relation = g_ptr_array_index (relations, i);

      if (relation->from_id == from_id && relation->to_id == to_id &&
          g_strcmp0 (relation->type, type) == 0)
        return TRUE;
    }
  return FALSE;
}

static AlamaSpan *
find_same_place (GPtrArray       *spans,
                 const AlamaSpan *span)
{
  for (guint i = 0; i < spans->len; i++)
    if (_alama_tagger_spans_same_place (g_ptr_array_index (spans, i), span))
      return g_ptr_array_index (spans, i);
  return NULL;
}

static AlamaSpan *
find_by_id (GPtrArray *spans,
            gint64     id)
{
  for (guint i = 0; i < spans->len; i++)
    if (((AlamaSpan *) g_ptr_array_index (spans, i))->id == id)
      return g_ptr_array_index (spans, i);
  return NULL;
}

static void
add_message_once (AlamaTaggerReport *report,
                  char              *message)  /* takes ownership */
{
  for (guint i = 0; i < report->messages->len; i++)
    if (g_strcmp0 (g_ptr_array_index (report->messages, i), message) == 0)
      {
        g_free (message);
        return;
      }
  g_ptr_array_add (report->messages, message);
}

/* Decides and stores, inside an open change. Counts go to @report only when the
 * whole change commits, so they are gathered in locals first. */
static gboolean
store_in_change (AlamaStore           *store,
                 gint64                document_id,
                 const char           *doc_name,
                 AlamaTaggerProposals *proposals,
                 AlamaSchema          *schema,
                 GPtrArray            *existing,
                 GPtrArray            *existing_relations,
                 AlamaTaggerReport    *counts,
                 GError              **error)
{
  g_autofree gint64 *ids = g_new0 (gint64, MAX (proposals->spans->len, 1));
  /* The spans stored in this change, so a proposal made twice lands once. */
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func ((GDestroyNotify) alama_span_unref);

  for (guint i = 0; i < proposals->spans->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (proposals->spans, i);
      AlamaSpan *same;

      if (span->id != 0)
        {
          /* A reference to an existing span; only usable if it is not rejected. */
          AlamaSpan *current = find_by_id (existing, span->id);

          ids[i] = (current != NULL && current->status != ALAMA_STATUS_REJECTED)
                   ? span->id : PROPOSAL_BLOCKED;
          continue;
        }

      if ((same = find_same_place (existing, span)) != NULL)
        {
          ids[i] = same->status == ALAMA_STATUS_REJECTED ? PROPOSAL_BLOCKED : same->id;
          counts->n_skipped++;
          continue;
        }

      if ((same = find_same_place (added, span)) != NULL)
        {
          ids[i] = same->id;
          continue;
        }

      if (alama_schema_find_label (schema, span->label) == NULL)
        {
          add_message_once (counts,
                            g_strdup_printf ("label %s is not in the project's schema: "
                                             "its suggestions were skipped", span->label));
          ids[i] = PROPOSAL_BLOCKED;
          continue;
        }

      {
        g_autoptr(AlamaSpan) copy = alama_span_copy (span);

        copy->id = 0;
        copy->document_id = document_id;
        copy->status = ALAMA_STATUS_PENDING;
        if (copy->source == NULL)
          copy->source = g_strdup (counts->tagger);
        if (!alama_store_add_span (store, copy, error))
          {
            g_prefix_error (error, "document %s: ", doc_name);
            return FALSE;
          }
        ids[i] = copy->id;
        g_ptr_array_add (added, g_steal_pointer (&copy));
      }
      counts->n_spans_added++;
      count_in (counts->spans_by_label, span->label);
    }

  for (guint i = 0; i < proposals->relations->len; i++)
    {
      const AlamaTaggerRelation *proposed = &g_array_index (proposals->relations,
                                                            AlamaTaggerRelation, i);
      AlamaSpan *from = g_ptr_array_index (proposals->spans, proposed->from);
      AlamaSpan *to = g_ptr_array_index (proposals->spans, proposed->to);
      gint64 from_id = ids[proposed->from];
      gint64 to_id = ids[proposed->to];
      g_autoptr(AlamaRelation) relation = NULL;

      if (from_id <= 0 || to_id <= 0 || from_id == to_id)
        continue;
      if (relation_exists (existing_relations, proposed->type, from_id, to_id))
        {
          counts->n_skipped++;
          continue;
        }
      if (!alama_schema_relation_allowed (schema, proposed->type, from->label, to->label))
        {
          add_message_once (counts,
                            g_strdup_printf ("relation %s from %s to %s is not allowed by the "
                                             "project's schema: skipped",
                                             proposed->type, from->label, to->label));
          continue;
        }

      relation = alama_relation_new (proposed->type, from_id, to_id);
      relation->document_id = document_id;
      relation->status = ALAMA_STATUS_PENDING;
      relation->source = g_strdup (counts->tagger);
      if (!alama_store_add_relation (store, relation, error))
        {
          g_prefix_error (error, "document %s: ", doc_name);
          return FALSE;
        }
      /* So a relation proposed twice in one batch lands once. */
      g_ptr_array_add (existing_relations, g_steal_pointer (&relation));
      counts->n_relations_added++;
      count_in (counts->relations_by_type, proposed->type);
    }

  return TRUE;
}

static void
merge_counts (GHashTable *into,
              GHashTable *from)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, from);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (into, key));

      g_hash_table_insert (into, g_strdup (key), GUINT_TO_POINTER (n + GPOINTER_TO_UINT (value)));
    }
}

gboolean
alama_tagger_store_proposals (AlamaStore            *store,
                              gint64                 document_id,
                              AlamaTaggerProposals  *proposals,
                              AlamaTaggerReport     *report,
                              GError               **error)
{
  g_autoptr(AlamaDocument) document = NULL;
  g_autoptr(AlamaSchema) schema = NULL;
  g_autoptr(GPtrArray) existing = NULL;
  g_autoptr(GPtrArray) existing_relations = NULL;
  g_autoptr(AlamaTaggerReport) counts = NULL;

  g_return_val_if_fail (ALAMA_IS_STORE (store), FALSE);
  g_return_val_if_fail (proposals != NULL, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  document = alama_store_get_document (store, document_id);
  if (document == NULL)
    {
      g_set_error (error, ALAMA_TAGGER_ERROR, ALAMA_TAGGER_ERROR_NO_SUCH_DOCUMENT,
                   "%s: no document with id %" G_GINT64_FORMAT,
                   alama_store_get_path (store), document_id);
      return FALSE;
    }

  existing = alama_store_list_spans (store, document_id, ALAMA_STATUS_MASK_ALL, error);
  if (existing == NULL)
    return FALSE;
  existing_relations = alama_store_list_relations (store, document_id, ALAMA_STATUS_MASK_ALL,
                                                   error);
  if (existing_relations == NULL)
    return FALSE;
  schema = alama_store_get_schema (store);
  counts = alama_tagger_report_new (report->tagger);

  if (proposals->spans->len == 0)
    {
      report->n_documents++;
      return TRUE;
    }

  if (!alama_store_begin_action_change (store, ALAMA_CHANGE_ACTION_AUTOTAG, report->tagger,
                                        ALAMA_CHANGE_UNDOABLE, error))
    return FALSE;

  if (!store_in_change (store, document_id, alama_document_get_name (document), proposals,
                        schema, existing, existing_relations, counts, error))
    {
      alama_store_cancel_change (store);
      return FALSE;
    }

  if (!alama_store_end_change (store, error))
    {
      alama_store_cancel_change (store);
      return FALSE;
    }

  report->n_documents++;
  report->n_spans_added += counts->n_spans_added;
  report->n_relations_added += counts->n_relations_added;
  report->n_skipped += counts->n_skipped;
  merge_counts (report->spans_by_label, counts->spans_by_label);
  merge_counts (report->relations_by_type, counts->relations_by_type);
  for (guint i = 0; i < counts->messages->len; i++)
    add_message_once (report, g_strdup (g_ptr_array_index (counts->messages, i)));
  return TRUE;
}

/* ---- Running ----------------------------------------------------------------- */

GPtrArray *
alama_tagger_select_documents (AlamaStore          *store,
                               const char * const  *doc_names,
                               GError             **error)
{
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (ALAMA_IS_STORE (store), NULL);

  if (doc_names == NULL || doc_names[0] == NULL)
    {
      GListModel *model = alama_store_get_documents (store);
      guint n = g_list_model_get_n_items (model);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (documents, g_list_model_get_item (model, i));
      return g_steal_pointer (&documents);
    }

  for (guint i = 0; doc_names[i] != NULL; i++)
    {
      AlamaDocument *document = alama_store_find_document (store, doc_names[i]);

      if (document == NULL)
        {
          g_set_error (error, ALAMA_TAGGER_ERROR, ALAMA_TAGGER_ERROR_NO_SUCH_DOCUMENT,
                       _("%s has no document named “%s”"), alama_store_get_path (store),
                       doc_names[i]);
          return NULL;
        }
      g_ptr_array_add (documents, document);
    }
  return g_steal_pointer (&documents);
}

gboolean
alama_tagger_run (AlamaStore          *store,
                  AlamaTagger         *tagger,
                  const char * const  *doc_names,
                  AlamaTaggerReport   *report,
                  GCancellable        *cancellable,
                  GError             **error)
{
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(AlamaSchema) schema = NULL;

  g_return_val_if_fail (ALAMA_IS_STORE (store), FALSE);
  g_return_val_if_fail (tagger != NULL, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  documents = alama_tagger_select_documents (store, doc_names, error);
  if (documents == NULL)
    return FALSE;
  schema = alama_store_get_schema (store);

  for (guint i = 0; i < documents->len; i++)
    {
      AlamaDocument *document = g_ptr_array_index (documents, i);
      gint64 id = alama_document_get_id (document);
      g_autofree char *text = NULL;
      g_autoptr(AlamaTextIndex) index = NULL;
      g_autoptr(GPtrArray) existing = NULL;
      g_autoptr(AlamaTaggerProposals) proposals = NULL;
      AlamaTaggerInput input = { 0 };

      if (g_cancellable_is_cancelled (cancellable))
        {
          g_set_error (error, ALAMA_TAGGER_ERROR, ALAMA_TAGGER_ERROR_CANCELLED,
                       _("autotag cancelled after %u of %u documents"), i, documents->len);
          return FALSE;
        }

      text = alama_store_dup_document_text (store, id, error);
      if (text == NULL)
        return FALSE;
      existing = alama_store_list_spans (store, id, ALAMA_STATUS_MASK_ALL, error);
      if (existing == NULL)
        return FALSE;
      index = alama_text_index_new (text);

      input.text = text;
      input.index = index;
      input.schema = schema;
      input.existing = existing;
      proposals = alama_tagger_propose (tagger, &input);

      if (!alama_tagger_store_proposals (store, id, proposals, report, error))
        return FALSE;
    }
  return TRUE;
}
