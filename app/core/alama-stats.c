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
 *                     suggestion (span or relation) left to review;
 *   "top_entities":   [{"label": "PER", "text": "...", "count": n}, ...] the most
 *                     frequent entity-kind spans, grouped by label and by their
 *                     text folded with alama_arabic_normalize() (so أردوغان and
 *                     اردوغان count together); "text" is the form of the
 *                     group's earliest annotation (lowest id);
 *   "top_speakers", "top_claimants": [{"text": "...", "count": n}, ...] the "from"
 *                     ends of SPEAKER and CLAIMANT relations, grouped the same way.
 * Each list holds at most TOP_N items, by count then text.
 *
 * Nothing here walks the documents: the counts are kept in the project file as
 * annotations change (alama-stats-kept.c), and this reads them in one read
 * transaction, so that stats costs the same at ten documents and at a hundred
 * thousand.
 */
#define G_LOG_DOMAIN "alama-stats"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include <alama/alama-schema.h>
#include <alama/alama-stats.h>

#include "alama-compare-private.h"
#include "alama-stats-kept-private.h"
#include "alama-store-object-private.h"
#include "alama-store-private.h"

#define TOP_N 10
#define TOP_N_LESS_ONE 9   /* for the SQL text */

/* One group of a "top" list: the form it shows and how often it was seen. */
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
  g_ptr_array_sort (keys, _alama_compare_strings);
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

/* ---- Reading the kept counts (alama-stats-kept.c) --------------------------- */

static gboolean
fail (AlamaStore    *store,
      sqlite3_stmt  *stmt,
      int            rc,
      GError       **error)
{
  _alama_stmt_reset (stmt);
  _alama_store_set_sqlite_error (store, rc, "reading the statistics", error);
  return FALSE;
}

static void
count_by (GHashTable *counter,
          const char *key,
          gint64      n)
{
  gint64 *value = g_hash_table_lookup (counter, key);

  if (value == NULL)
    {
      value = g_new0 (gint64, 1);
      g_hash_table_insert (counter, g_strdup (key), value);
    }
  *value += n;
}

static void
count_nested_by (GHashTable *counters,
                 const char *outer,
                 const char *inner,
                 gint64      n)
{
  GHashTable *counter = g_hash_table_lookup (counters, outer);

  if (counter == NULL)
    {
      counter = counter_new ();
      g_hash_table_insert (counters, g_strdup (outer), counter);
    }
  count_by (counter, inner, n);
}

/* Spans or relations (@relations) by (label or type, status, source,
 * annotator), into @c. */
static gboolean
read_counts (AlamaStore  *store,
             gboolean     relations,
             Counts      *c,
             GError     **error)
{
  const char *sql = relations
    ? "SELECT type, status, source, annotator, n FROM stats_relation_counts WHERE n > 0"
    : "SELECT label, status, source, annotator, n FROM stats_span_counts WHERE n > 0";
  sqlite3_stmt *stmt = _alama_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      const char *status = alama_status_to_string (
        _alama_status_from_sql ((const char *) sqlite3_column_text (stmt, 1)));
      const char *source = (const char *) sqlite3_column_text (stmt, 2);
      const char *annotator = (const char *) sqlite3_column_text (stmt, 3);
      gint64 n = sqlite3_column_int64 (stmt, 4);

      count_nested_by (relations ? c->relations_by_type : c->spans_by_label, key, status, n);
      count_by (relations ? c->relations_by_status : c->spans_by_status, status, n);
      count_nested_by (c->by_annotator, annotator, relations ? "relations" : "spans", n);
      count_by (relations ? c->relations_by_source : c->by_source, source, n);
      if (relations)
        c->relations += n;
      else
        c->spans += n;
    }
  if (rc != SQLITE_DONE)
    return fail (store, stmt, rc, error);
  _alama_stmt_reset (stmt);
  return TRUE;
}

static gboolean
read_documents (AlamaStore  *store,
                Counts      *c,
                GError     **error)
{
  sqlite3_stmt *stmt = _alama_store_prepare (store,
                                             "SELECT documents, annotated, done FROM stats_totals",
                                             error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return fail (store, stmt, rc, error);
  c->documents = sqlite3_column_int64 (stmt, 0);
  c->documents_with_annotations = sqlite3_column_int64 (stmt, 1);
  c->documents_done = sqlite3_column_int64 (stmt, 2);
  _alama_stmt_reset (stmt);
  return TRUE;
}

/* The form a group shows: the covered text of its member with the lowest id,
 * found by @stmt (?1 = norm, ?2 = label or relation type). */
static gboolean
read_group_text (AlamaStore    *store,
                 sqlite3_stmt  *stmt,
                 const char    *norm,
                 const char    *key,
                 char         **text,
                 GError       **error)
{
  gint64 span_id = 0;
  int rc;

  sqlite3_bind_text (stmt, 1, norm, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    span_id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    return fail (store, stmt, rc, error);
  _alama_stmt_reset (stmt);

  if (span_id == 0)
    {
      /* The counts say the group has a member: only a damaged file gets here. */
      *text = g_strdup (norm);
      return TRUE;
    }
  *text = _alama_stats_kept_dup_span_text (store, span_id, error);
  if (*text == NULL)
    return FALSE;
  g_strstrip (*text);
  return TRUE;
}

/* The groups of a top list, most frequent first, into @top (TopItem by
 * key): every group that can be among the TOP_N, with its form. @stmt lists
 * (label or type, norm, n) by n descending; @member_stmt finds a group's
 * first member. Groups tied with the last place are all read, since their
 * forms decide which of them are shown. */
static gboolean
read_top (AlamaStore    *store,
          Counts        *c,
          sqlite3_stmt  *stmt,
          sqlite3_stmt  *member_stmt,
          gboolean       entities,
          GHashTable    *top,
          GError       **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();   /* owned by @top */
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) norms = g_ptr_array_new_with_free_func (g_free);
  gint64 last_place = 0;
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      const char *norm = (const char *) sqlite3_column_text (stmt, 1);
      gint64 n = sqlite3_column_int64 (stmt, 2);
      TopItem *item;

      if (items->len >= TOP_N && n < last_place)
        break;
      if (entities && !is_entity_label (c, key))
        continue;
      item = g_new0 (TopItem, 1);
      item->label = entities ? g_strdup (key) : NULL;
      item->count = n;
      g_hash_table_insert (top, g_strconcat (entities ? key : "", "\x1f", norm, NULL), item);
      g_ptr_array_add (items, item);
      g_ptr_array_add (keys, g_strdup (key));
      g_ptr_array_add (norms, g_strdup (norm));
      if (items->len == TOP_N)
        last_place = n;
    }
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return fail (store, stmt, rc, error);
  _alama_stmt_reset (stmt);

  for (guint i = 0; i < items->len; i++)
    {
      TopItem *item = items->pdata[i];

      if (!read_group_text (store, member_stmt, norms->pdata[i], keys->pdata[i], &item->text,
                            error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_tops (AlamaStore  *store,
           Counts      *c,
           GError     **error)
{
  static const char * const types[] = { "SPEAKER", "CLAIMANT" };
  sqlite3_stmt *list, *member;

  /* The groups that can make the list: at least as frequent as the tenth
   * one. The inner query keeps ten rows while it scans, not every group. */
  list = _alama_store_prepare (store, "SELECT label, norm, n FROM stats_entity_counts "
                                      "WHERE label IN (SELECT key FROM labels WHERE kind = ?1) "
                                      "AND n >= max (1, coalesce ((SELECT n FROM "
                                      "stats_entity_counts WHERE label IN (SELECT key FROM "
                                      "labels WHERE kind = ?1) AND n > 0 ORDER BY n DESC "
                                      "LIMIT 1 OFFSET " G_STRINGIFY (TOP_N_LESS_ONE) "), 1)) "
                                      "ORDER BY n DESC", error);
  member = _alama_store_prepare (store, "SELECT span_id FROM stats_span_groups "
                                        "WHERE norm = ?1 AND label = ?2 AND live "
                                        "ORDER BY span_id LIMIT 1", error);
  if (list == NULL || member == NULL)
    return FALSE;
  sqlite3_bind_text (list, 1, alama_label_kind_to_string (ALAMA_LABEL_KIND_ENTITY), -1,
                     SQLITE_STATIC);
  if (!read_top (store, c, list, member, TRUE, c->top_entities, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      list = _alama_store_prepare (store, "SELECT type, norm, n FROM stats_speaker_counts "
                                          "WHERE type = ?1 AND n >= max (1, coalesce ((SELECT n "
                                          "FROM stats_speaker_counts WHERE type = ?1 AND n > 0 "
                                          "ORDER BY n DESC LIMIT 1 OFFSET "
                                          G_STRINGIFY (TOP_N_LESS_ONE) "), 1)) "
                                          "ORDER BY n DESC", error);
      member = _alama_store_prepare (store, "SELECT g.span_id FROM stats_span_groups g "
                                            "WHERE g.norm = ?1 AND g.live AND EXISTS "
                                            "(SELECT 1 FROM relations r WHERE r.from_span = "
                                            "g.span_id AND r.type = ?2 AND r.status <> "
                                            "'rejected') ORDER BY g.span_id LIMIT 1", error);
      if (list == NULL || member == NULL)
        return FALSE;
      sqlite3_bind_text (list, 1, types[i], -1, SQLITE_STATIC);
      if (!read_top (store, c, list, member, FALSE,
                     i == 0 ? c->top_speakers : c->top_claimants, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_kept (AlamaStore  *store,
           Counts      *c,
           GError     **error)
{
  return read_documents (store, c, error) &&
         read_counts (store, FALSE, c, error) &&
         read_counts (store, TRUE, c, error) &&
         read_tops (store, c, error);
}

JsonNode *
alama_stats_collect (AlamaStore  *store,
                     GError     **error)
{
  g_autoptr(JsonBuilder) b = NULL;
  gboolean own_transaction;
  Counts c = { 0 };
  gboolean ok;
  JsonNode *root;

  g_return_val_if_fail (ALAMA_IS_STORE (store), NULL);

  if (!_alama_stats_kept_catch_up (store, error))
    return NULL;

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

  /* One read transaction: every count from the same state of the file. */
  own_transaction = sqlite3_get_autocommit (_alama_store_get_db (store));
  if (own_transaction && !_alama_store_exec (store, "BEGIN", error))
    {
      counts_clear (&c);
      return NULL;
    }
  ok = read_kept (store, &c, error);
  if (own_transaction)
    _alama_store_exec (store, "COMMIT", NULL);
  if (!ok)
    {
      counts_clear (&c);
      return NULL;
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
