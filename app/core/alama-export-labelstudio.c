/* alama-export-labelstudio.c: Label Studio's JSON task list, one task per document.
 *
 *   [{"id": DOC, "data": {"text": ..., metadata...}, "meta": {"alama_name": NAME},
 *     "annotations": [{"id": N, "completed_by": ANNOTATOR, "was_cancelled": false,
 *                      "result": [labels, choices, textarea and relation items]}],
 *     "predictions": [{"id": N, "model_version": SOURCE, "result": [...]}]}]
 *
 * Each annotator's accepted spans are one annotation; pending suggestions are
 * one prediction per source. Label Studio has no place for a rejected
 * suggestion (an annotation would read back as accepted): those are left out. A region's id
 * is its span id, so exports of one project agree on them. Offsets are code
 * points, the text under them is written in value.text. A span's attributes
 * are choices results named by the attribute, its note a textarea result named
 * "note", both with the span's id, as Label Studio writes per-region results.
 * A relation is written in the annotation (or prediction) holding both of its
 * ends. Label Studio has no discontinuous regions: such a span is written from
 * its first start to its last end.
 */
#define G_LOG_DOMAIN "alama-export-labelstudio"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "alama-compare-private.h"
#include "alama/alama-export.h"
#include "alama/alama-text.h"
#include "alama-export-private.h"

/* The spans and relations of one annotation or prediction. */
typedef struct
{
  char       *name;       /* annotator or source */
  gboolean    prediction;
  GPtrArray  *spans;      /* AlamaSpan*, borrowed */
  GPtrArray  *relations;  /* AlamaRelation*, borrowed */
  GHashTable *span_ids;   /* gint64* of its spans */
} Group;

static void
group_free (Group *group)
{
  g_free (group->name);
  g_ptr_array_unref (group->spans);
  g_ptr_array_unref (group->relations);
  g_hash_table_unref (group->span_ids);
  g_free (group);
}

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const Group *x = *(Group * const *) a;
  const Group *y = *(Group * const *) b;

  if (x->prediction != y->prediction)
    return x->prediction ? 1 : -1;
  return g_strcmp0 (x->name, y->name);
}

static void
append_region_head (GString         *out,
                    const AlamaSpan *span,
                    const char      *from_name,
                    const char      *type)
{
  g_string_append_printf (out, "{\"id\":\"%" G_GINT64_FORMAT "\",\"from_name\":", span->id);
  _alama_export_append_json_string (out, from_name);
  g_string_append (out, ",\"to_name\":\"text\",\"type\":");
  _alama_export_append_json_string (out, type);
  g_string_append_printf (out, ",\"value\":{\"start\":%" G_GINT64_FORMAT ",\"end\":%"
                          G_GINT64_FORMAT, alama_span_get_start (span),
                          alama_span_get_end (span));
}

static void
append_span (GString         *out,
             AlamaTextIndex  *index,
             const AlamaSpan *span)
{
  g_autofree char *text = alama_text_index_substring (index, alama_span_get_start (span),
                                                      alama_span_get_end (span));
  g_autofree gpointer *names = NULL;
  guint n = 0;

  append_region_head (out, span, "label", "labels");
  g_string_append (out, ",\"text\":");
  _alama_export_append_json_string (out, text);
  g_string_append (out, ",\"labels\":[");
  _alama_export_append_json_string (out, span->label);
  g_string_append (out, "]}}");

  /* Sorted, so that the same project always exports the same bytes. */
  if (span->attributes != NULL)
    {
      names = g_hash_table_get_keys_as_array (span->attributes, &n);
      qsort (names, n, sizeof (gpointer), _alama_compare_strings);
    }
  for (guint i = 0; i < n; i++)
    {
      g_string_append_c (out, ',');
      append_region_head (out, span, names[i], "choices");
      g_string_append (out, ",\"choices\":[");
      _alama_export_append_json_string (out, g_hash_table_lookup (span->attributes, names[i]));
      g_string_append (out, "]}}");
    }

  if (span->note != NULL && span->note[0] != '\0')
    {
      g_string_append_c (out, ',');
      append_region_head (out, span, "note", "textarea");
      g_string_append (out, ",\"text\":[");
      _alama_export_append_json_string (out, span->note);
      g_string_append (out, "]}}");
    }
}

static void
append_group (GString        *out,
              AlamaTextIndex *index,
              Group          *group,
              guint           number)
{
  gboolean first = TRUE;

  g_string_append_printf (out, "{\"id\":%u,", number);
  if (group->prediction)
    {
      g_string_append (out, "\"model_version\":");
      _alama_export_append_json_string (out, group->name);
    }
  else
    {
      const char *name = group->name != NULL ? group->name : "";
      gboolean numeric = name[0] != '\0' && strspn (name, "0123456789") == strlen (name) &&
                         strlen (name) < 18;

      /* A user id stays a number, as Label Studio writes it; any other name is
       * the user's email, as its user objects carry it. */
      g_string_append (out, "\"completed_by\":");
      if (numeric)
        g_string_append (out, name);
      else
        {
          g_string_append (out, "{\"email\":");
          _alama_export_append_json_string (out, name);
          g_string_append_c (out, '}');
        }
      g_string_append (out, ",\"was_cancelled\":false");
    }

  g_string_append (out, ",\"result\":[");
  for (guint i = 0; i < group->spans->len; i++)
    {
      if (!first)
        g_string_append_c (out, ',');
      append_span (out, index, g_ptr_array_index (group->spans, i));
      first = FALSE;
    }
  for (guint i = 0; i < group->relations->len; i++)
    {
      AlamaRelation *relation = g_ptr_array_index (group->relations, i);

      if (!first)
        g_string_append_c (out, ',');
      g_string_append_printf (out, "{\"from_id\":\"%" G_GINT64_FORMAT "\",\"to_id\":\"%"
                              G_GINT64_FORMAT "\",\"type\":\"relation\",\"direction\":\"right\","
                              "\"labels\":[", relation->from_id, relation->to_id);
      _alama_export_append_json_string (out, relation->type);
      g_string_append (out, "]}");
      first = FALSE;
    }
  g_string_append (out, "]}");
}

/* data: the text and the document's metadata (which cannot replace the text). */
static void
append_data (GString    *out,
             const char *text,
             const char *metadata_json)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  g_string_append (out, "\"data\":{\"text\":");
  _alama_export_append_json_string (out, text);
  if (metadata_json != NULL && metadata_json[0] != '\0' &&
      json_parser_load_from_data (parser, metadata_json, -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      JsonObject *metadata = json_node_get_object (json_parser_get_root (parser));
      g_autoptr(GList) members = json_object_get_members (metadata);

      members = g_list_sort (members, (GCompareFunc) g_strcmp0);
      for (GList *l = members; l != NULL; l = l->next)
        {
          g_autofree char *value = NULL;

          if (g_strcmp0 (l->data, "text") == 0)
            continue;
          value = json_to_string (json_object_get_member (metadata, l->data), FALSE);
          g_string_append_c (out, ',');
          _alama_export_append_json_string (out, l->data);
          g_string_append_c (out, ':');
          g_string_append (out, value);
        }
    }
  g_string_append_c (out, '}');
}

static gboolean
append_document (GString          *out,
                 AlamaStore       *store,
                 AlamaDocument    *document,
                 AlamaStatusMask   statuses,
                 GError          **error)
{
  gint64 id = alama_document_get_id (document);
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) group_of_span = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) ordered = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(AlamaTextIndex) index = NULL;
  g_autofree char *text = NULL;
  guint n_annotations = 0, n_predictions = 0;

  if ((text = alama_store_dup_document_text (store, id, error)) == NULL ||
      (spans = alama_store_list_spans (store, id, statuses, error)) == NULL ||
      (relations = alama_store_list_relations (store, id, statuses, error)) == NULL)
    return FALSE;
  index = alama_text_index_new (text);

  for (guint i = 0; i < spans->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (spans, i);
      gboolean prediction = span->status == ALAMA_STATUS_PENDING;
      const char *name = prediction ? span->source : span->annotator;
      g_autofree char *key = g_strdup_printf ("%c%s", prediction ? 'p' : 'a',
                                              name != NULL ? name : "");
      Group *group = g_hash_table_lookup (groups, key);

      if (span->status == ALAMA_STATUS_REJECTED)
        continue;
      if (group == NULL)
        {
          group = g_new0 (Group, 1);
          group->name = g_strdup (name);
          group->prediction = prediction;
          group->spans = g_ptr_array_new ();
          group->relations = g_ptr_array_new ();
          group->span_ids = g_hash_table_new (g_int64_hash, g_int64_equal);
          g_ptr_array_add (ordered, group);
          g_hash_table_insert (groups, g_steal_pointer (&key), group);
        }
      g_ptr_array_add (group->spans, span);
      g_hash_table_add (group->span_ids, &span->id);
      g_hash_table_insert (group_of_span, &span->id, group);
    }

  for (guint i = 0; i < relations->len; i++)
    {
      AlamaRelation *relation = g_ptr_array_index (relations, i);
      Group *group = g_hash_table_lookup (group_of_span, &relation->from_id);

      if (group != NULL && g_hash_table_contains (group->span_ids, &relation->to_id))
        g_ptr_array_add (group->relations, relation);
    }
  g_ptr_array_sort (ordered, compare_groups);

  g_string_append_printf (out, "{\"id\":%" G_GINT64_FORMAT ",", id);
  append_data (out, text, alama_document_get_metadata_json (document));
  g_string_append (out, ",\"meta\":{\"alama_name\":");
  _alama_export_append_json_string (out, alama_document_get_name (document));
  g_string_append (out, "},\"annotations\":[");
  for (guint i = 0; i < ordered->len; i++)
    {
      Group *group = g_ptr_array_index (ordered, i);

      if (group->prediction)
        continue;
      if (n_annotations > 0)
        g_string_append_c (out, ',');
      append_group (out, index, group, ++n_annotations);
    }
  g_string_append (out, "],\"predictions\":[");
  for (guint i = 0; i < ordered->len; i++)
    {
      Group *group = g_ptr_array_index (ordered, i);

      if (!group->prediction)
        continue;
      if (n_predictions > 0)
        g_string_append_c (out, ',');
      append_group (out, index, group, ++n_predictions);
    }
  g_string_append (out, "]}");

  return TRUE;
}

gboolean
alama_export_labelstudio (AlamaStore                *store,
                          const char                *out_path,
                          const AlamaExportOptions  *options,
                          AlamaExportProgressFunc    progress,
                          gpointer                   progress_data,
                          GCancellable              *cancellable,
                          GError                   **error)
{
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GString) out = NULL;
  AlamaStatusMask statuses = _alama_export_statuses (options);

  g_return_val_if_fail (ALAMA_IS_STORE (store), FALSE);
  g_return_val_if_fail (out_path != NULL, FALSE);

  if ((documents = alama_export_select_documents (store, options, error)) == NULL)
    return FALSE;

  out = g_string_new ("[");
  for (guint i = 0; i < documents->len; i++)
    {
      if (_alama_export_check_cancelled (cancellable, error))
        return FALSE;
      g_string_append (out, i > 0 ? ",\n" : "\n");
      if (!append_document (out, store, g_ptr_array_index (documents, i), statuses, error))
        return FALSE;
      if (progress != NULL)
        progress (i + 1, documents->len, progress_data);
    }
  g_string_append (out, "\n]\n");

  return _alama_export_write_file (out_path, out->str, out->len, error);
}
