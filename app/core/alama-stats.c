/* alama-stats.c: counts over a whole project, as JSON (`alama stats --json`, the
 * dashboard) and as an aligned text table (`alama stats`).
 *
 * Besides the keys documented in alama-stats.h the object has
 * "spans_by_status" and "relations_by_status" ({"accepted": n, ...}) and
 * "relations_by_source". "spans" and "relations" count every status;
 * "documents_with_annotations" counts documents with an accepted or pending span
 * (as alama_document_get_n_annotations() does).
 *
 * For the dashboard it also has (counting accepted and pending annotations, as
 * the workbench shows them; rejected ones are left out):
 *   "documents_done": documents with at least one annotation and no pending
 *                     suggestion left to review;
 *   "top_entities":   [{"label": "PER", "text": "...", "count": n}, ...] the most
 *                     frequent entity-kind spans, grouped by label and by their
 *                     text folded with alama_arabic_normalize() (so أردوغان and
 *                     اردوغان count together); "text" is the form seen first;
 *   "top_speakers", "top_claimants": [{"text": "...", "count": n}, ...] the "from"
 *                     ends of SPEAKER and CLAIMANT relations, grouped the same way.
 * Each list holds at most TOP_N items, by count then text.
 */
#define G_LOG_DOMAIN "alama-stats"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include <alama/alama-arabic.h>
#include <alama/alama-schema.h>
#include <alama/alama-stats.h>

#define TOP_N 10

/* One group of a "top" list: the form seen first and how often it was seen. */
typedef struct
{
  char   *label;   /* NULL in speaker/claimant lists */
  char   *text;
  gint64  count;
} TopItem;

static void
top_item_free (gpointer data)
{
  TopItem *item = data;

  g_free (item->label);
  g_free (item->text);
  g_free (item);
}

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
  gint64      documents_done;
  GHashTable *top_entities;        /* "LABEL\x1fnormalised" -> TopItem* */
  GHashTable *top_speakers;        /* normalised -> TopItem* */
  GHashTable *top_claimants;
  AlamaSchema *schema;
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
  g_clear_pointer (&c->top_entities, g_hash_table_unref);
  g_clear_pointer (&c->top_speakers, g_hash_table_unref);
  g_clear_pointer (&c->top_claimants, g_hash_table_unref);
  g_clear_pointer (&c->schema, alama_schema_unref);
}

static GHashTable *
top_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, top_item_free);
}

/* Counts @text (under @label, or none) in @top, grouped by its normalised form. */
static void
count_top (GHashTable *top,
           const char *label,
           const char *text)
{
  g_autofree char *normalised = alama_arabic_normalize (text, ALAMA_ARABIC_FOLD_DEFAULT, NULL);
  g_autofree char *key = NULL;
  TopItem *item;

  if (normalised == NULL)
    normalised = g_strdup (text);
  g_strstrip (normalised);
  if (normalised[0] == '\0')
    return;
  key = g_strconcat (label != NULL ? label : "", "\x1f", normalised, NULL);
  item = g_hash_table_lookup (top, key);
  if (item == NULL)
    {
      item = g_new0 (TopItem, 1);
      item->label = g_strdup (label);
      item->text = g_strstrip (g_strdup (text));
      g_hash_table_insert (top, g_steal_pointer (&key), item);
    }
  item->count++;
}

static int
compare_top_items (gconstpointer a,
                   gconstpointer b)
{
  const TopItem *x = *(TopItem * const *) a;
  const TopItem *y = *(TopItem * const *) b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  if (g_strcmp0 (x->text, y->text) != 0)
    return g_strcmp0 (x->text, y->text);
  return g_strcmp0 (x->label, y->label);
}

/* [{"label": ..., "text": ..., "count": n}, ...]: the TOP_N biggest groups. */
static void
add_top (JsonBuilder *b,
         GHashTable  *top)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, top);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (items, value);
  g_ptr_array_sort (items, compare_top_items);
  json_builder_begin_array (b);
  for (guint i = 0; i < items->len && i < TOP_N; i++)
    {
      TopItem *item = items->pdata[i];

      json_builder_begin_object (b);
      if (item->label != NULL)
        {
          json_builder_set_member_name (b, "label");
          json_builder_add_string_value (b, item->label);
        }
      json_builder_set_member_name (b, "text");
      json_builder_add_string_value (b, item->text);
      json_builder_set_member_name (b, "count");
      json_builder_add_int_value (b, item->count);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static gboolean
is_entity_label (Counts     *c,
                 const char *key)
{
  const AlamaLabel *label = c->schema != NULL ? alama_schema_find_label (c->schema, key) : NULL;

  return label != NULL && label->kind == ALAMA_LABEL_KIND_ENTITY;
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
  g_autoptr(GHashTable) spans_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *text = NULL;
  gboolean annotated = FALSE;
  gboolean pending = FALSE;

  if (spans == NULL)
    return FALSE;
  relations = alama_store_list_relations (store, id, ALAMA_STATUS_MASK_ALL, error);
  if (relations == NULL)
    return FALSE;
  text = alama_store_dup_document_text (store, id, error);
  if (text == NULL)
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
      if (span->status == ALAMA_STATUS_PENDING)
        pending = TRUE;
      g_hash_table_insert (spans_by_id, &span->id, span);
      if (span->status != ALAMA_STATUS_REJECTED && is_entity_label (c, span->label))
        {
          g_autofree char *covered = alama_span_dup_text (span, text);

          count_top (c->top_entities, span->label, covered);
        }
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

      if (rel->status != ALAMA_STATUS_REJECTED &&
          (g_strcmp0 (rel->type, "SPEAKER") == 0 || g_strcmp0 (rel->type, "CLAIMANT") == 0))
        {
          /* The speaker / claimant is the "from" end (PER;ORG;GPE -> QUOTE / CLAIM). */
          AlamaSpan *who = g_hash_table_lookup (spans_by_id, &rel->from_id);
          g_autofree char *covered = NULL;

          if (who == NULL || who->status == ALAMA_STATUS_REJECTED)
            continue;
          covered = alama_span_dup_text (who, text);
          count_top (g_str_equal (rel->type, "SPEAKER") ? c->top_speakers : c->top_claimants,
                     NULL, covered);
        }
    }

  c->documents++;
  if (annotated)
    c->documents_with_annotations++;
  if (annotated && !pending)
    c->documents_done++;
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
  c.top_entities = top_new ();
  c.top_speakers = top_new ();
  c.top_claimants = top_new ();
  c.schema = alama_store_get_schema (store);

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
  json_builder_set_member_name (b, "documents_done");
  json_builder_add_int_value (b, c.documents_done);
  json_builder_set_member_name (b, "top_entities");
  add_top (b, c.top_entities);
  json_builder_set_member_name (b, "top_speakers");
  add_top (b, c.top_speakers);
  json_builder_set_member_name (b, "top_claimants");
  add_top (b, c.top_claimants);
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

/* "Documents                    12": the name padded to a column, by characters. */
static void
append_count (GString    *out,
              const char *name,
              gint64      n)
{
  append_padded (out, name, 28);
  g_string_append_printf (out, " %" G_GINT64_FORMAT "\n", n);
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

/* The heading of a column: its key (a member name of the JSON) in words. */
static const char *
column_title (const char *key)
{
  if (g_str_equal (key, "accepted"))
    return C_("stats column", "accepted");
  if (g_str_equal (key, "pending"))
    return C_("stats column", "pending");
  if (g_str_equal (key, "rejected"))
    return C_("stats column", "rejected");
  if (g_str_equal (key, "spans"))
    return C_("stats column", "spans");
  if (g_str_equal (key, "relations"))
    return C_("stats column", "relations");
  if (g_str_equal (key, "count"))
    return C_("stats column", "count");
  return key;
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
    {
      const char *title = column_title (columns[c]);

      /* Right-aligned over the numbers, counted in characters. */
      g_string_append (out, "  ");
      for (glong i = g_utf8_strlen (title, -1); i < 10; i++)
        g_string_append_c (out, ' ');
      g_string_append (out, title);
    }
  g_string_append_c (out, '\n');

  if (names == NULL)
    g_string_append_printf (out, "%s\n", _("(none)"));

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

  append_count (out, _("Documents"), json_object_get_int_member_with_default (o, "documents", 0));
  append_count (out, _("Documents with annotations"),
                json_object_get_int_member_with_default (o, "documents_with_annotations", 0));
  append_count (out, _("Spans"), json_object_get_int_member_with_default (o, "spans", 0));
  append_count (out, _("Relations"), json_object_get_int_member_with_default (o, "relations", 0));

  append_table (out, _("Label"), object_member (o, "spans_by_label"), statuses);
  append_table (out, _("Relation type"), object_member (o, "relations_by_type"), statuses);
  append_table (out, _("Annotator"), object_member (o, "by_annotator"), work);
  append_table (out, _("Source (spans)"), object_member (o, "by_source"), n);

  return g_string_free (out, FALSE);
}
