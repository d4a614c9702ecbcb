/* alama-stats.c: counts over a whole project, as JSON (`alama stats --json`, the
 * dashboard) and as an aligned text table (`alama stats`).
 *
 * Besides the keys documented in alama-stats.h the object has
 * "spans_by_status" and "relations_by_status" ({"accepted": n, ...}) and
 * "relations_by_source". "spans" and "relations" count every status;
 * "documents_with_annotations" counts documents with an accepted or pending span
 * (as alama_document_get_n_annotations() does).
 */
#define G_LOG_DOMAIN "alama-stats"

#include "config.h"

#include <string.h>

#include <alama/alama-stats.h>

/* counts: key -> GHashTable (status string -> count) */
typedef struct
{
  gint64      documents;
  gint64      documents_with_annotations;
  gint64      spans;
  gint64      relations;
  GHashTable *spans_by_label;      /* char* -> GHashTable* of char* -> gint64* */
  GHashTable *relations_by_type;
  GHashTable *spans_by_status;     /* char* -> gint64* */
  GHashTable *relations_by_status;
  GHashTable *by_annotator;        /* char* -> GHashTable ("spans"/"relations" -> gint64*) */
  GHashTable *by_source;           /* char* -> gint64* (spans) */
  GHashTable *relations_by_source;
} Counts;

static GHashTable *
counter_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static GHashTable *
nested_counter_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                (GDestroyNotify) g_hash_table_unref);
}

static void
count (GHashTable *counter,
       const char *key)
{
  gint64 *n = g_hash_table_lookup (counter, key);

  if (n == NULL)
    {
      n = g_new0 (gint64, 1);
      g_hash_table_insert (counter, g_strdup (key), n);
    }
  (*n)++;
}

static void
count_nested (GHashTable *counters,
              const char *outer,
              const char *inner)
{
  GHashTable *counter = g_hash_table_lookup (counters, outer);

  if (counter == NULL)
    {
      counter = counter_new ();
      g_hash_table_insert (counters, g_strdup (outer), counter);
    }
  count (counter, inner);
}

static void
counts_clear (Counts *c)
{
  g_clear_pointer (&c->spans_by_label, g_hash_table_unref);
  g_clear_pointer (&c->relations_by_type, g_hash_table_unref);
  g_clear_pointer (&c->spans_by_status, g_hash_table_unref);
  g_clear_pointer (&c->relations_by_status, g_hash_table_unref);
  g_clear_pointer (&c->by_annotator, g_hash_table_unref);
  g_clear_pointer (&c->by_source, g_hash_table_unref);
  g_clear_pointer (&c->relations_by_source, g_hash_table_unref);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Keys in sorted order, so that output is stable. */
static GPtrArray *
sorted_keys (GHashTable *table)
{
  GPtrArray *keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, compare_strings);
  return keys;
}

static gint64
counter_get (GHashTable *counter,
             const char *key)
{
  gint64 *n = counter != NULL ? g_hash_table_lookup (counter, key) : NULL;
  return n != NULL ? *n : 0;
}

/* {"key": n, ...} */
static void
add_counter (JsonBuilder *b,
             GHashTable  *counter)
{
  g_autoptr(GPtrArray) keys = sorted_keys (counter);

  json_builder_begin_object (b);
  for (guint i = 0; i < keys->len; i++)
    {
      json_builder_set_member_name (b, keys->pdata[i]);
      json_builder_add_int_value (b, counter_get (counter, keys->pdata[i]));
    }
  json_builder_end_object (b);
}

/* {"accepted": n, "pending": n, "rejected": n}: every status, zeros included. */
static void
add_status_counter (JsonBuilder *b,
                    GHashTable  *counter)
{
  json_builder_begin_object (b);
  for (AlamaStatus s = ALAMA_STATUS_ACCEPTED; s <= ALAMA_STATUS_REJECTED; s++)
    {
      json_builder_set_member_name (b, alama_status_to_string (s));
      json_builder_add_int_value (b, counter_get (counter, alama_status_to_string (s)));
    }
  json_builder_end_object (b);
}

static void
add_nested (JsonBuilder *b,
            GHashTable  *counters,
            gboolean     by_status)
{
  g_autoptr(GPtrArray) keys = sorted_keys (counters);

  json_builder_begin_object (b);
  for (guint i = 0; i < keys->len; i++)
    {
      GHashTable *counter = g_hash_table_lookup (counters, keys->pdata[i]);

      json_builder_set_member_name (b, keys->pdata[i]);
      if (by_status)
        add_status_counter (b, counter);
      else
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "spans");
          json_builder_add_int_value (b, counter_get (counter, "spans"));
          json_builder_set_member_name (b, "relations");
          json_builder_add_int_value (b, counter_get (counter, "relations"));
          json_builder_end_object (b);
        }
    }
  json_builder_end_object (b);
}

static gboolean
count_document (AlamaStore     *store,
                AlamaDocument  *doc,
                Counts         *c,
                GError        **error)
{
  gint64 id = alama_document_get_id (doc);
  g_autoptr(GPtrArray) spans = alama_store_list_spans (store, id, ALAMA_STATUS_MASK_ALL, error);
  g_autoptr(GPtrArray) relations = NULL;
  gboolean annotated = FALSE;

  if (spans == NULL)
    return FALSE;
  relations = alama_store_list_relations (store, id, ALAMA_STATUS_MASK_ALL, error);
  if (relations == NULL)
    return FALSE;

  for (guint i = 0; i < spans->len; i++)
    {
      AlamaSpan *span = spans->pdata[i];
      const char *status = alama_status_to_string (span->status);

      c->spans++;
      count_nested (c->spans_by_label, span->label, status);
      count (c->spans_by_status, status);
      count_nested (c->by_annotator, span->annotator ? span->annotator : "", "spans");
      count (c->by_source, span->source ? span->source : ALAMA_SOURCE_MANUAL);
      if (span->status != ALAMA_STATUS_REJECTED)
        annotated = TRUE;
    }

  for (guint i = 0; i < relations->len; i++)
    {
      AlamaRelation *rel = relations->pdata[i];
      const char *status = alama_status_to_string (rel->status);

      c->relations++;
      count_nested (c->relations_by_type, rel->type, status);
      count (c->relations_by_status, status);
      count_nested (c->by_annotator, rel->annotator ? rel->annotator : "", "relations");
      count (c->relations_by_source, rel->source ? rel->source : ALAMA_SOURCE_MANUAL);
    }

  c->documents++;
  if (annotated)
    c->documents_with_annotations++;
  return TRUE;
}

JsonNode *
alama_stats_collect (AlamaStore  *store,
                     GError     **error)
{
  g_autoptr(JsonBuilder) b = NULL;
  GListModel *documents;
  Counts c = { 0 };
  JsonNode *root;

  g_return_val_if_fail (ALAMA_IS_STORE (store), NULL);

  c.spans_by_label = nested_counter_new ();
  c.relations_by_type = nested_counter_new ();
  c.spans_by_status = counter_new ();
  c.relations_by_status = counter_new ();
  c.by_annotator = nested_counter_new ();
  c.by_source = counter_new ();
  c.relations_by_source = counter_new ();

  documents = alama_store_get_documents (store);
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(AlamaDocument) doc = g_list_model_get_item (documents, i);

      if (!count_document (store, doc, &c, error))
        {
          counts_clear (&c);
          return NULL;
        }
    }

  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "documents");
  json_builder_add_int_value (b, c.documents);
  json_builder_set_member_name (b, "documents_with_annotations");
  json_builder_add_int_value (b, c.documents_with_annotations);
  json_builder_set_member_name (b, "spans");
  json_builder_add_int_value (b, c.spans);
  json_builder_set_member_name (b, "relations");
  json_builder_add_int_value (b, c.relations);
  json_builder_set_member_name (b, "spans_by_status");
  add_status_counter (b, c.spans_by_status);
  json_builder_set_member_name (b, "relations_by_status");
  add_status_counter (b, c.relations_by_status);
  json_builder_set_member_name (b, "spans_by_label");
  add_nested (b, c.spans_by_label, TRUE);
  json_builder_set_member_name (b, "relations_by_type");
  add_nested (b, c.relations_by_type, TRUE);
  json_builder_set_member_name (b, "by_annotator");
  add_nested (b, c.by_annotator, FALSE);
  json_builder_set_member_name (b, "by_source");
  add_counter (b, c.by_source);
  json_builder_set_member_name (b, "relations_by_source");
  add_counter (b, c.relations_by_source);
  json_builder_end_object (b);

  counts_clear (&c);
  root = json_builder_get_root (b);
  return root;
}

/* ---- Text table ------------------------------------------------------------ */

/* Pads by characters, not bytes, so Arabic names line up. */
static void
append_padded (GString    *out,
               const char *text,
               guint       width)
{
  glong n = g_utf8_strlen (text, -1);

  g_string_append (out, text);
  for (glong i = n; i < (glong) width; i++)
    g_string_append_c (out, ' ');
}

static guint
widest_member (JsonObject *object,
               guint       at_least)
{
  g_autoptr(GList) names = object != NULL ? json_object_get_members (object) : NULL;
  guint width = at_least;

  for (GList *l = names; l != NULL; l = l->next)
    width = MAX (width, (guint) g_utf8_strlen (l->data, -1));
  return width;
}

static GList *
sorted_members (JsonObject *object)
{
  GList *names = object != NULL ? json_object_get_members (object) : NULL;
  return g_list_sort (names, (GCompareFunc) g_strcmp0);
}

/* A table with one row per member of @object and the given integer columns. */
static void
append_table (GString            *out,
              const char         *title,
              JsonObject         *object,
              const char * const *columns)
{
  g_autoptr(GList) names = sorted_members (object);
  guint width = widest_member (object, g_utf8_strlen (title, -1));

  g_string_append_c (out, '\n');
  append_padded (out, title, width);
  for (guint c = 0; columns[c] != NULL; c++)
    g_string_append_printf (out, "  %10s", columns[c]);
  g_string_append_c (out, '\n');

  if (names == NULL)
    g_string_append (out, "(none)\n");

  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (object, l->data);

      append_padded (out, l->data, width);
      for (guint c = 0; columns[c] != NULL; c++)
        {
          gint64 n;

          if (JSON_NODE_HOLDS_OBJECT (node))
            n = json_object_get_int_member_with_default (json_node_get_object (node), columns[c], 0);
          else
            n = json_node_get_int (node);
          g_string_append_printf (out, "  %10" G_GINT64_FORMAT, n);
        }
      g_string_append_c (out, '\n');
    }
}

static JsonObject *
object_member (JsonObject *o,
               const char *name)
{
  JsonNode *node = json_object_get_member (o, name);
  return (node != NULL && JSON_NODE_HOLDS_OBJECT (node)) ? json_node_get_object (node) : NULL;
}

char *
alama_stats_format_text (JsonNode *stats)
{
  static const char * const statuses[] = { "accepted", "pending", "rejected", NULL };
  static const char * const work[] = { "spans", "relations", NULL };
  static const char * const n[] = { "count", NULL };
  GString *out;
  JsonObject *o;

  g_return_val_if_fail (stats != NULL && JSON_NODE_HOLDS_OBJECT (stats), NULL);

  o = json_node_get_object (stats);
  out = g_string_new (NULL);

  g_string_append_printf (out, "%-28s %" G_GINT64_FORMAT "\n", "Documents",
                          json_object_get_int_member_with_default (o, "documents", 0));
  g_string_append_printf (out, "%-28s %" G_GINT64_FORMAT "\n", "Documents with annotations",
                          json_object_get_int_member_with_default (o, "documents_with_annotations", 0));
  g_string_append_printf (out, "%-28s %" G_GINT64_FORMAT "\n", "Spans",
                          json_object_get_int_member_with_default (o, "spans", 0));
  g_string_append_printf (out, "%-28s %" G_GINT64_FORMAT "\n", "Relations",
                          json_object_get_int_member_with_default (o, "relations", 0));

  append_table (out, "Label", object_member (o, "spans_by_label"), statuses);
  append_table (out, "Relation type", object_member (o, "relations_by_type"), statuses);
  append_table (out, "Annotator", object_member (o, "by_annotator"), work);
  append_table (out, "Source (spans)", object_member (o, "by_source"), n);

  return g_string_free (out, FALSE);
}
