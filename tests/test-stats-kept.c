/* test-stats-kept.c: the counts `alama stats` keeps in the project file equal
 * a count made from scratch, after any sequence of edits.
 *
 * The reference below walks every document, span, relation and text, as
 * alama_stats_collect() did before the counts were kept; each test compares
 * the two whole JSON objects. */
#define G_LOG_DOMAIN "test-stats-kept"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include <alama/alama-arabic.h>
#include <alama/alama-import.h>
#include <alama/alama-schema.h>
#include <alama/alama-stats.h>
#include <alama/alama-store.h>

#include "../app/core/alama-stats-kept-private.h"
#include "../app/core/alama-store-private.h"
#include "store-test-util.h"

#define TOP_N 10

/* ---- The reference: a walk over everything --------------------------------- */

typedef struct
{
  char   *label;
  char   *text;
  gint64  count;
  gint64  first_id;   /* the member whose form the group shows */
} RefItem;

static void
ref_item_free (gpointer data)
{
  RefItem *item = data;

  g_free (item->label);
  g_free (item->text);
  g_free (item);
}

typedef struct
{
  gint64      documents, with_annotations, done, spans, relations;
  GHashTable *spans_by_label, *relations_by_type;   /* key -> (status -> n) */
  GHashTable *spans_by_status, *relations_by_status;
  GHashTable *by_annotator;                         /* name -> ("spans"/"relations" -> n) */
  GHashTable *by_source, *relations_by_source;
  GHashTable *entities, *speakers, *claimants;      /* group key -> RefItem */
} Ref;

static GHashTable *
counter_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static GHashTable *
nested_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                (GDestroyNotify) g_hash_table_unref);
}

static void
bump (GHashTable *counter,
      const char *key)
{
  gint64 *n = g_hash_table_lookup (counter, key);

  if (n == NULL)
    g_hash_table_insert (counter, g_strdup (key), n = g_new0 (gint64, 1));
  (*n)++;
}

static void
bump_nested (GHashTable *counters,
             const char *outer,
             const char *inner)
{
  GHashTable *counter = g_hash_table_lookup (counters, outer);

  if (counter == NULL)
    g_hash_table_insert (counters, g_strdup (outer), counter = counter_new ());
  bump (counter, inner);
}

static void
ref_top (GHashTable *top,
         const char *label,
         const char *covered,
         gint64      member_id)
{
  g_autofree char *norm = _alama_stats_kept_group_key (covered);
  g_autofree char *key = NULL;
  RefItem *item;

  if (norm[0] == '\0')
    return;
  key = g_strconcat (label != NULL ? label : "", "\x1f", norm, NULL);
  item = g_hash_table_lookup (top, key);
  if (item == NULL)
    {
      item = g_new0 (RefItem, 1);
      item->label = g_strdup (label);
      g_hash_table_insert (top, g_steal_pointer (&key), item);
    }
  item->count++;
  if (item->first_id == 0 || member_id < item->first_id)
    {
      item->first_id = member_id;
      g_free (item->text);
      item->text = g_strstrip (g_strdup (covered));
    }
}

static void
ref_document (AlamaStore  *store,
              AlamaSchema *schema,
              gint64       id,
              Ref         *r)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = alama_store_list_spans (store, id, ALAMA_STATUS_MASK_ALL, &error);
  g_autoptr(GPtrArray) relations = alama_store_list_relations (store, id, ALAMA_STATUS_MASK_ALL,
                                                                &error);
  g_autofree char *text = alama_store_dup_document_text (store, id, &error);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  gboolean annotated = FALSE, pending = FALSE;

  g_assert_no_error (error);
  for (guint i = 0; i < spans->len; i++)
    {
      AlamaSpan *span = spans->pdata[i];
      const char *status = alama_status_to_string (span->status);
      const AlamaLabel *label = alama_schema_find_label (schema, span->label);

      r->spans++;
      bump_nested (r->spans_by_label, span->label, status);
      bump (r->spans_by_status, status);
      bump_nested (r->by_annotator, span->annotator ? span->annotator : "", "spans");
      bump (r->by_source, span->source ? span->source : ALAMA_SOURCE_MANUAL);
      annotated |= span->status != ALAMA_STATUS_REJECTED;
      pending |= span->status == ALAMA_STATUS_PENDING;
      g_hash_table_insert (by_id, &span->id, span);
      if (span->status != ALAMA_STATUS_REJECTED && label != NULL &&
          label->kind == ALAMA_LABEL_KIND_ENTITY)
        {
          g_autofree char *covered = alama_span_dup_text (span, text);
          ref_top (r->entities, span->label, covered, span->id);
        }
    }

  for (guint i = 0; i < relations->len; i++)
    {
      AlamaRelation *rel = relations->pdata[i];
      const char *status = alama_status_to_string (rel->status);
      AlamaSpan *who;

      r->relations++;
      pending |= rel->status == ALAMA_STATUS_PENDING;
      bump_nested (r->relations_by_type, rel->type, status);
      bump (r->relations_by_status, status);
      bump_nested (r->by_annotator, rel->annotator ? rel->annotator : "", "relations");
      bump (r->relations_by_source, rel->source ? rel->source : ALAMA_SOURCE_MANUAL);
      who = g_hash_table_lookup (by_id, &rel->from_id);
      if (rel->status != ALAMA_STATUS_REJECTED && who != NULL &&
          who->status != ALAMA_STATUS_REJECTED &&
          (g_str_equal (rel->type, "SPEAKER") || g_str_equal (rel->type, "CLAIMANT")))
        {
          g_autofree char *covered = alama_span_dup_text (who, text);
          ref_top (g_str_equal (rel->type, "SPEAKER") ? r->speakers : r->claimants, NULL,
                   covered, who->id);
        }
    }

  r->documents++;
  r->with_annotations += annotated;
  r->done += annotated && !pending;
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The keys (or with @values, the values) of @table in a new array. */
static GPtrArray *
table_items (GHashTable *table,
             gboolean    values)
{
  GPtrArray *items = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_ptr_array_add (items, values ? value : key);
  return items;
}

static GPtrArray *
sorted_keys (GHashTable *table)
{
  GPtrArray *keys = table_items (table, FALSE);

  g_ptr_array_sort (keys, compare_keys);
  return keys;
}

static gint64
get (GHashTable *counter,
     const char *key)
{
  gint64 *n = counter != NULL ? g_hash_table_lookup (counter, key) : NULL;
  return n != NULL ? *n : 0;
}

static void
add_statuses (JsonBuilder *b,
              GHashTable  *counter)
{
  json_builder_begin_object (b);
  for (AlamaStatus s = ALAMA_STATUS_ACCEPTED; s <= ALAMA_STATUS_REJECTED; s++)
    {
      json_builder_set_member_name (b, alama_status_to_string (s));
      json_builder_add_int_value (b, get (counter, alama_status_to_string (s)));
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
        add_statuses (b, counter);
      else
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "spans");
          json_builder_add_int_value (b, get (counter, "spans"));
          json_builder_set_member_name (b, "relations");
          json_builder_add_int_value (b, get (counter, "relations"));
          json_builder_end_object (b);
        }
    }
  json_builder_end_object (b);
}

static void
add_counter (JsonBuilder *b,
             GHashTable  *counter)
{
  g_autoptr(GPtrArray) keys = sorted_keys (counter);

  json_builder_begin_object (b);
  for (guint i = 0; i < keys->len; i++)
    {
      json_builder_set_member_name (b, keys->pdata[i]);
      json_builder_add_int_value (b, get (counter, keys->pdata[i]));
    }
  json_builder_end_object (b);
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const RefItem *x = *(RefItem * const *) a;
  const RefItem *y = *(RefItem * const *) b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  if (g_strcmp0 (x->text, y->text) != 0)
    return g_strcmp0 (x->text, y->text);
  return g_strcmp0 (x->label, y->label);
}

static void
add_top (JsonBuilder *b,
         GHashTable  *top)
{
  g_autoptr(GPtrArray) items = table_items (top, TRUE);

  g_ptr_array_sort (items, compare_items);
  json_builder_begin_array (b);
  for (guint i = 0; i < items->len && i < TOP_N; i++)
    {
      RefItem *item = items->pdata[i];

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

static JsonNode *
reference_stats (AlamaStore *store)
{
  g_autoptr(AlamaSchema) schema = alama_store_get_schema (store);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  GListModel *documents = alama_store_get_documents (store);
  Ref r = {
    .spans_by_label = nested_new (), .relations_by_type = nested_new (),
    .spans_by_status = counter_new (), .relations_by_status = counter_new (),
    .by_annotator = nested_new (), .by_source = counter_new (),
    .relations_by_source = counter_new (),
    .entities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, ref_item_free),
    .speakers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, ref_item_free),
    .claimants = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, ref_item_free),
  };

  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(AlamaDocument) doc = g_list_model_get_item (documents, i);
      ref_document (store, schema, alama_document_get_id (doc), &r);
    }

  json_builder_begin_object (b);
#define INT_MEMBER(name, value) \
  json_builder_set_member_name (b, name); json_builder_add_int_value (b, value)
  INT_MEMBER ("documents", r.documents);
  INT_MEMBER ("documents_with_annotations", r.with_annotations);
  INT_MEMBER ("spans", r.spans);
  INT_MEMBER ("relations", r.relations);
  json_builder_set_member_name (b, "spans_by_status");
  add_statuses (b, r.spans_by_status);
  json_builder_set_member_name (b, "relations_by_status");
  add_statuses (b, r.relations_by_status);
  json_builder_set_member_name (b, "spans_by_label");
  add_nested (b, r.spans_by_label, TRUE);
  json_builder_set_member_name (b, "relations_by_type");
  add_nested (b, r.relations_by_type, TRUE);
  json_builder_set_member_name (b, "by_annotator");
  add_nested (b, r.by_annotator, FALSE);
  json_builder_set_member_name (b, "by_source");
  add_counter (b, r.by_source);
  json_builder_set_member_name (b, "relations_by_source");
  add_counter (b, r.relations_by_source);
  INT_MEMBER ("documents_done", r.done);
#undef INT_MEMBER
  json_builder_set_member_name (b, "top_entities");
  add_top (b, r.entities);
  json_builder_set_member_name (b, "top_speakers");
  add_top (b, r.speakers);
  json_builder_set_member_name (b, "top_claimants");
  add_top (b, r.claimants);
  json_builder_end_object (b);

  g_hash_table_unref (r.spans_by_label);
  g_hash_table_unref (r.relations_by_type);
  g_hash_table_unref (r.spans_by_status);
  g_hash_table_unref (r.relations_by_status);
  g_hash_table_unref (r.by_annotator);
  g_hash_table_unref (r.by_source);
  g_hash_table_unref (r.relations_by_source);
  g_hash_table_unref (r.entities);
  g_hash_table_unref (r.speakers);
  g_hash_table_unref (r.claimants);
  return json_builder_get_root (b);
}

/* Below what the JSON shows: every kept row equals its recount (a count of a
 * group outside the top ten, a norm no list shows yet). */
static void
put_count (GHashTable *counts,
           const char *a,
           const char *b,
           gint64      n)
{
  g_autofree char *key = g_strconcat (a, "\x1f", b, NULL);
  gint64 *value = g_hash_table_lookup (counts, key);

  if (value == NULL)
    g_hash_table_insert (counts, g_steal_pointer (&key), value = g_new0 (gint64, 1));
  *value += n;
}

/* The rows of @sql (text, text, count) with a non-zero count equal @expected. */
static void
assert_table (sqlite3    *db,
              const char *sql,
              GHashTable *expected)
{
  g_autoptr(GHashTable) kept = counter_new ();
  GHashTableIter iter;
  gpointer key, value;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    if (sqlite3_column_int64 (stmt, 2) != 0)
      put_count (kept, (const char *) sqlite3_column_text (stmt, 0),
                 (const char *) sqlite3_column_text (stmt, 1), sqlite3_column_int64 (stmt, 2));
  sqlite3_finalize (stmt);

  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_test_message ("%s: %s", sql, (char *) key);
      g_assert_cmpint (get (kept, key), ==, *(gint64 *) value);
    }
  g_hash_table_iter_init (&iter, kept);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (expected, key))
      {
        g_test_message ("%s: %s", sql, (char *) key);
        g_assert_cmpint (*(gint64 *) value, ==, 0);
      }
}

static void
assert_rows_equal_recount (AlamaStore *store)
{
  sqlite3 *db = _alama_store_get_db (store);
  GListModel *documents = alama_store_get_documents (store);
  g_autoptr(GHashTable) entities = counter_new ();
  g_autoptr(GHashTable) speakers = counter_new ();
  g_autoptr(GHashTable) document_counts = counter_new ();
  sqlite3_stmt *group = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT label, live, norm FROM stats_span_groups "
                                           "WHERE span_id = ?", -1, &group, NULL), ==, SQLITE_OK);
  for (guint d = 0; d < g_list_model_get_n_items (documents); d++)
    {
      g_autoptr(AlamaDocument) doc = g_list_model_get_item (documents, d);
      gint64 id = alama_document_get_id (doc);
      g_autoptr(GPtrArray) spans = alama_store_list_spans (store, id, ALAMA_STATUS_MASK_ALL, NULL);
      g_autoptr(GPtrArray) relations = alama_store_list_relations (store, id,
                                                                    ALAMA_STATUS_MASK_ALL, NULL);
      g_autofree char *text = alama_store_dup_document_text (store, id, NULL);
      g_autoptr(GHashTable) norms = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                           g_free);
      g_autofree char *doc_key = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      for (guint i = 0; i < spans->len; i++)
        {
          AlamaSpan *span = spans->pdata[i];
          g_autofree char *covered = alama_span_dup_text (span, text);
          char *norm = _alama_stats_kept_group_key (covered);
          gboolean live = span->status != ALAMA_STATUS_REJECTED;

          sqlite3_bind_int64 (group, 1, span->id);
          g_assert_cmpint (sqlite3_step (group), ==, SQLITE_ROW);
          g_assert_cmpstr ((const char *) sqlite3_column_text (group, 0), ==, span->label);
          g_assert_cmpint (sqlite3_column_int (group, 1), ==, live);
          g_assert_cmpstr ((const char *) sqlite3_column_text (group, 2), ==, norm);
          sqlite3_reset (group);

          if (live && norm[0] != '\0')
            put_count (entities, span->label, norm, 1);
          put_count (document_counts, doc_key, "live", live);
          put_count (document_counts, doc_key, "pending", span->status == ALAMA_STATUS_PENDING);
          g_hash_table_insert (norms, &span->id, live ? norm : (g_free (norm), NULL));
        }
      for (guint i = 0; i < relations->len; i++)
        {
          AlamaRelation *rel = relations->pdata[i];
          const char *norm = g_hash_table_lookup (norms, &rel->from_id);

          if (rel->status != ALAMA_STATUS_REJECTED && norm != NULL && norm[0] != '\0' &&
              (g_str_equal (rel->type, "SPEAKER") || g_str_equal (rel->type, "CLAIMANT")))
            put_count (speakers, rel->type, norm, 1);
        }
    }
  sqlite3_finalize (group);

  assert_table (db, "SELECT label, norm, n FROM stats_entity_counts", entities);
  assert_table (db, "SELECT type, norm, n FROM stats_speaker_counts", speakers);
  assert_table (db, "SELECT document_id, 'live', live FROM stats_document_counts "
                    "UNION ALL SELECT document_id, 'pending', pending FROM stats_document_counts",
                document_counts);
}

/* The kept statistics equal the reference, in full (the text table is made
 * from the JSON, so equal JSON gives an equal table). */
static void
assert_kept_equal_reference (AlamaStore *store,
                             const char *after)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) kept = alama_stats_collect (store, &error);
  g_autoptr(JsonNode) reference = reference_stats (store);

  g_assert_no_error (error);
  if (!json_node_equal (kept, reference))
    {
      g_autofree char *a = json_to_string (kept, TRUE);
      g_autofree char *b = json_to_string (reference, TRUE);

      g_test_message ("after %s\nkept: %s\nreference: %s", after, a, b);
      g_assert_cmpstr (a, ==, b);
    }
  g_test_message ("the rows after %s", after);
  assert_rows_equal_recount (store);
}

/* ---- A project and random edits ---------------------------------------------- */

typedef struct
{
  char       *dir;
  char       *path;
  AlamaStore *store;
  guint       n_names;   /* documents added so far, for unique names */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("alama-stats-kept-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "project.alama", NULL);
  f->store = alama_store_open (f->path, ALAMA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&f->store);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (f->dir, name, NULL);
      g_remove (child);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Names in several spellings that fold together, and words around them. */
static const char * const names[] = {
  "أردوغان", "اردوغان", "أردُوغان", "بوتين", "بوتينُ", "ماكرون", "إيران", "ايران",
  "الأمم المتحدة", "الامم المتحدة", "Macron", "macron",
};
static const char * const words[] = {
  "قال", "في", "إن", "اليوم", "الرئيس", "«سنبني", "الجسر»", "أمس", "،", "\t", "بيروت",
};

static char *
random_text (void)
{
  GString *text = g_string_new (NULL);
  int n = g_test_rand_int_range (3, 24);

  for (int i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (text, ' ');
      if (g_test_rand_bit ())
        g_string_append (text, names[g_test_rand_int_range (0, G_N_ELEMENTS (names))]);
      else
        g_string_append (text, words[g_test_rand_int_range (0, G_N_ELEMENTS (words))]);
    }
  return g_string_free (text, FALSE);
}

static gint64
random_document (Fixture *f)
{
  GListModel *documents = alama_store_get_documents (f->store);
  guint n = g_list_model_get_n_items (documents);
  g_autoptr(AlamaDocument) doc = NULL;

  if (n == 0)
    return 0;
  doc = g_list_model_get_item (documents, g_test_rand_int_range (0, n));
  return alama_document_get_id (doc);
}

static gint64
add_document (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = random_text ();
  g_autofree char *name = g_strdup_printf ("doc %u", ++f->n_names);
  gint64 id = 0;

  g_assert_true (alama_store_add_document (f->store, name, NULL, text, NULL, NULL, &id, &error));
  g_assert_no_error (error);
  return id;
}

/* A random range of @document_id: a word, two words, or any characters. */
static void
random_range (AlamaStore *store,
              gint64      document_id,
              gint64     *start,
              gint64     *end)
{
  g_autofree char *text = alama_store_dup_document_text (store, document_id, NULL);
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 length = g_utf8_strlen (text, -1);
  gboolean in_word = FALSE;
  gint64 cp = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), cp++)
    {
      gboolean space = *p == ' ';

      if (!space && !in_word)
        g_array_append_val (starts, cp);
      if (space && in_word)
        g_array_append_val (ends, cp);
      in_word = !space;
    }
  if (in_word)
    g_array_append_val (ends, cp);

  if (g_test_rand_int_range (0, 5) > 0 && starts->len > 0)
    {
      guint w = g_test_rand_int_range (0, starts->len);
      guint last = w + (guint) g_test_rand_int_range (0, 2);

      last = MIN (last, ends->len - 1);

      *start = g_array_index (starts, gint64, w);
      *end = g_array_index (ends, gint64, last);
    }
  else
    {
      *start = g_test_rand_int_range (0, length);
      *end = *start + g_test_rand_int_range (1, 12);
      *end = MIN (*end, length);
    }
}

static const char * const labels[] = {
  "PER", "PER", "PER", "ORG", "GPE", "LOC", "DATE", "QUOTE", "QUOTE", "CLAIM", "CLAIM", "CUE",
};
static const char * const sources[] = { ALAMA_SOURCE_MANUAL, "gazetteer", "model" };
static const char * const annotators[] = { "سلمى", "يوسف", "" };

static AlamaStatus
random_status (void)
{
  return (AlamaStatus) g_test_rand_int_range (ALAMA_STATUS_ACCEPTED, ALAMA_STATUS_REJECTED + 1);
}

static gboolean
add_span_to (Fixture *f,
             gint64   doc,
             GError **error)
{
  g_autoptr(AlamaSpan) span = NULL;
  gint64 start, end;

  random_range (f->store, doc, &start, &end);
  span = alama_span_new (labels[g_test_rand_int_range (0, G_N_ELEMENTS (labels))], start, end);
  if (g_test_rand_int_range (0, 6) == 0)
    {
      random_range (f->store, doc, &start, &end);
      alama_span_add_fragment (span, start, end);
    }
  span->document_id = doc;
  span->status = random_status ();
  span->source = g_strdup (sources[g_test_rand_int_range (0, G_N_ELEMENTS (sources))]);
  return alama_store_add_span (f->store, span, error);
}

static gboolean
add_span (Fixture *f,
          GError **error)
{
  gint64 doc = random_document (f);

  return doc == 0 || add_span_to (f, doc, error);
}

/* A random span of a random document (NULL when there is none). */
static AlamaSpan *
random_span (Fixture *f)
{
  gint64 doc = random_document (f);
  g_autoptr(GPtrArray) spans = NULL;

  if (doc == 0)
    return NULL;
  spans = alama_store_list_spans (f->store, doc, ALAMA_STATUS_MASK_ALL, NULL);
  if (spans == NULL || spans->len == 0)
    return NULL;
  return alama_span_ref (spans->pdata[g_test_rand_int_range (0, spans->len)]);
}

static AlamaRelation *
random_relation (Fixture *f)
{
  gint64 doc = random_document (f);
  g_autoptr(GPtrArray) relations = NULL;

  if (doc == 0)
    return NULL;
  relations = alama_store_list_relations (f->store, doc, ALAMA_STATUS_MASK_ALL, NULL);
  if (relations == NULL || relations->len == 0)
    return NULL;
  return alama_relation_ref (relations->pdata[g_test_rand_int_range (0, relations->len)]);
}

static gboolean
add_relation (Fixture *f,
              GError **error)
{
  static const char * const types[] = { "SPEAKER", "SPEAKER", "CLAIMANT", "CLAIMANT", "TARGET" };
  gint64 doc = random_document (f);
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GPtrArray) from = g_ptr_array_new ();
  g_autoptr(GPtrArray) to = g_ptr_array_new ();
  g_autoptr(AlamaRelation) relation = NULL;
  const char *type = types[g_test_rand_int_range (0, G_N_ELEMENTS (types))];
  gboolean speaker = g_str_equal (type, "SPEAKER"), claimant = g_str_equal (type, "CLAIMANT");

  if (doc == 0)
    return TRUE;
  spans = alama_store_list_spans (f->store, doc, ALAMA_STATUS_MASK_ALL, error);
  if (spans == NULL)
    return FALSE;
  for (guint i = 0; i < spans->len; i++)
    {
      AlamaSpan *span = spans->pdata[i];
      gboolean who = g_strv_contains ((const char *[]) { "PER", "ORG", "GPE", NULL }, span->label);

      if (speaker || claimant ? who : g_str_equal (span->label, "CLAIM"))
        g_ptr_array_add (from, span);
      if (speaker ? g_str_equal (span->label, "QUOTE")
                  : claimant ? g_str_equal (span->label, "CLAIM") : who)
        g_ptr_array_add (to, span);
    }
  if (from->len == 0 || to->len == 0)
    return TRUE;

  relation = alama_relation_new (type,
                                 ((AlamaSpan *) from->pdata[g_test_rand_int_range (0, from->len)])->id,
                                 ((AlamaSpan *) to->pdata[g_test_rand_int_range (0, to->len)])->id);
  relation->status = random_status ();
  relation->source = g_strdup (sources[g_test_rand_int_range (0, G_N_ELEMENTS (sources))]);
  return alama_store_add_relation (f->store, relation, error);
}

/* A JSONL file of two documents, each with a PER, a QUOTE and a SPEAKER
 * relation between them; @broken adds a line that fails the whole file. */
static char *
write_import_file (Fixture    *f,
                   const char *name,
                   gboolean    broken)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  GString *out = g_string_new (NULL);

  /* A file that fails has one document: the next file's first document gets
   * its id, right after the last text read was that document's. */
  for (int i = 0; i < (broken ? 1 : 2); i++)
    {
      const char *who = names[g_test_rand_int_range (0, G_N_ELEMENTS (names))];
      const char *said = words[g_test_rand_int_range (0, 8)];
      g_autofree char *text = g_strdup_printf ("%s قال «%s» اليوم", who, said);
      glong quote_start = g_utf8_strlen (who, -1) + strlen (" ") + g_utf8_strlen ("قال ", -1);
      glong quote_end = quote_start + g_utf8_strlen (said, -1) + 2;

      g_string_append_printf (out,
                              "{\"name\": \"%s %u\", \"text\": \"%s\", \"entities\": ["
                              "{\"id\": 1, \"label\": \"PER\", \"start_offset\": 0, "
                              "\"end_offset\": %ld}, "
                              "{\"id\": 2, \"label\": \"QUOTE\", \"start_offset\": %ld, "
                              "\"end_offset\": %ld}], \"relations\": [{\"id\": 1, \"type\": "
                              "\"SPEAKER\", \"from_id\": 1, \"to_id\": 2}]}\n",
                              name, ++f->n_names, text, g_utf8_strlen (who, -1), quote_start,
                              quote_end);
    }
  if (broken)
    g_string_append (out, "{\"name\": \"broken\", \"text\": \n");
  g_assert_true (g_file_set_contents (path, out->str, out->len, &error));
  g_assert_no_error (error);
  g_string_free (out, TRUE);
  return g_steal_pointer (&path);
}

static gboolean
import_files (Fixture  *f,
              gboolean  first_broken,
              GError  **error)
{
  g_autofree char *name_a = g_strdup_printf ("a%u.jsonl", f->n_names);
  g_autofree char *name_b = g_strdup_printf ("b%u.jsonl", f->n_names);
  g_autofree char *a = write_import_file (f, name_a, first_broken);
  g_autofree char *b = write_import_file (f, name_b, FALSE);
  const char *paths[] = { a, b, NULL };
  AlamaImportOptions options = { .keep_going = TRUE, .as_suggestions = g_test_rand_bit () };
  AlamaImportReport report;
  gboolean ok;

  alama_import_report_init (&report);
  ok = alama_import_paths (f->store, paths, &options, NULL, NULL, NULL, &report, error);
  alama_import_report_clear (&report);
  return ok;
}

/* One random edit; its name goes to @what. It may fail (a relabel the
 * relations forbid, a change rolled back): the store must stay consistent. */
static gboolean
random_edit (Fixture     *f,
             const char **what,
             GError     **error)
{
  int dice = g_test_rand_int_range (0, 100);

  alama_store_set_annotator (f->store, annotators[g_test_rand_int_range (0, 3)]);

  if (dice < 5 || random_document (f) == 0)
    {
      *what = "add document";
      add_document (f);
      return TRUE;
    }
  if (dice < 35)
    {
      *what = "add span";
      return add_span (f, error);
    }
  if (dice < 45)
    {
      g_autoptr(AlamaSpan) span = random_span (f);
      gint64 start, end;

      *what = "update span";
      if (span == NULL)
        return TRUE;
      if (g_test_rand_bit ())
        {
          g_free (span->label);
          span->label = g_strdup (labels[g_test_rand_int_range (0, G_N_ELEMENTS (labels))]);
        }
      else
        {
          random_range (f->store, span->document_id, &start, &end);
          g_array_set_size (span->fragments, 0);
          alama_span_add_fragment (span, start, end);
        }
      return alama_store_update_span (f->store, span, error);
    }
  if (dice < 56)
    {
      g_autoptr(AlamaSpan) span = random_span (f);

      *what = "set span status";
      return span == NULL || alama_store_set_span_status (f->store, span->id, random_status (), error);
    }
  if (dice < 62)
    {
      g_autoptr(AlamaSpan) span = random_span (f);

      *what = "delete span";
      return span == NULL || alama_store_delete_span (f->store, span->id, error);
    }
  if (dice < 74)
    {
      *what = "add relation";
      return add_relation (f, error);
    }
  if (dice < 79)
    {
      g_autoptr(AlamaRelation) relation = random_relation (f);

      *what = "set relation status";
      return relation == NULL ||
             alama_store_set_relation_status (f->store, relation->id, random_status (), error);
    }
  if (dice < 82)
    {
      g_autoptr(AlamaRelation) relation = random_relation (f);

      *what = "delete relation";
      return relation == NULL || alama_store_delete_relation (f->store, relation->id, error);
    }
  if (dice < 88)
    {
      *what = "undo";
      return !alama_store_can_undo (f->store) || alama_store_undo (f->store, NULL, error);
    }
  if (dice < 92)
    {
      *what = "redo";
      return !alama_store_can_redo (f->store) || alama_store_redo (f->store, NULL, error);
    }
  if (dice < 94)
    {
      *what = "delete document";
      return alama_store_delete_document (f->store, random_document (f), error);
    }
  if (dice < 97)
    {
      gboolean cancel = g_test_rand_bit ();
      gint64 doc;

      *what = cancel ? "a group of edits, cancelled" : "a group of edits";
      if (!alama_store_begin_change (f->store, "group", ALAMA_CHANGE_UNDOABLE, error))
        return FALSE;
      doc = g_test_rand_bit () ? add_document (f) : random_document (f);
      for (int i = 0; i < 3; i++)
        {
          g_autoptr(GError) local_error = NULL;

          if (!add_span_to (f, doc, &local_error))
            g_test_message ("in the group: %s", local_error->message);
        }
      if (!cancel)
        return alama_store_end_change (f->store, error);

      /* A document added and annotated, then rolled back, gives its id to the
       * next document. */
      alama_store_cancel_change (f->store);
      return add_span_to (f, add_document (f), error);
    }
  if (dice < 99)
    {
      gboolean broken = g_test_rand_bit ();

      *what = broken ? "an import of a failing file and a good one" : "an import";
      return import_files (f, broken, error);
    }
  {
    g_autoptr(AlamaSchema) current = alama_store_get_schema (f->store);
    g_autoptr(AlamaSchema) schema = alama_schema_copy (current);
    AlamaLabel *date = (AlamaLabel *) alama_schema_find_label (schema, "DATE");

    *what = "DATE made an entity or not";
    date->kind = date->kind == ALAMA_LABEL_KIND_ENTITY ? ALAMA_LABEL_KIND_CUE
                                                       : ALAMA_LABEL_KIND_ENTITY;
    return alama_store_set_schema (f->store, schema, error);
  }
}

static void
test_random_edits (Fixture       *f,
                   gconstpointer  data)
{
  guint n_edits = g_test_thorough () ? 3000 : 400;
  guint n_failed = 0;

  for (guint i = 0; i < n_edits; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *label = NULL;
      const char *what = NULL;

      if (!random_edit (f, &what, &error))
        {
          n_failed++;
          g_test_message ("edit %u (%s) failed: %s", i, what,
                          error != NULL ? error->message : "?");
        }
      label = g_strdup_printf ("edit %u (%s)", i, what);
      assert_kept_equal_reference (f->store, label);
    }
  g_test_message ("%u edits, %u failed and rolled back", n_edits, n_failed);
}

/* ---- Writers that do not record the text, and old files ----------------------- */

static void
fill_project (Fixture *f,
              guint    n_edits)
{
  for (guint i = 0; i < n_edits; i++)
    {
      g_autoptr(GError) error = NULL;
      const char *what = NULL;

      random_edit (f, &what, &error);
    }
}

static sqlite3 *
open_raw (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL), ==, SQLITE_OK);
  return db;
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* Makes random edits, @n_edits and then more, until the project has what
 * @count_sql counts: a test of what a project holds needs it there, whatever
 * the seed. */
static void
fill_project_until (Fixture    *f,
                    guint       n_edits,
                    const char *count_sql)
{
  gint64 count = 0;

  fill_project (f, n_edits);
  for (guint round = 0; round < 100; round++)
    {
      sqlite3 *db = open_raw (f->path);

      count = query_int (db, count_sql);
      sqlite3_close (db);
      if (count > 0)
        break;
      fill_project (f, 20);
    }
  g_assert_cmpint (count, >, 0);
}

/* Another program moves fragments and adds a span with plain SQL: the
 * triggers drop what they cannot know, and the next stats records it. */
static void
test_other_writer (Fixture       *f,
                   gconstpointer  data)
{
  sqlite3 *db;

  fill_project_until (f, 300, "SELECT count(*) FROM (SELECT span_id FROM span_fragments "
                             "GROUP BY span_id HAVING count(*) > 1)");
  g_assert_cmpint (alama_store_get_n_documents (f->store), >, 0);
  assert_kept_equal_reference (f->store, "the edits");

  db = open_raw (f->path);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM span_fragments"), >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM (SELECT span_id FROM span_fragments "
                                  "GROUP BY span_id HAVING count(*) > 1)"), >, 0);
  g_assert_cmpint (sqlite3_exec (db,
                                 /* A fragment moved, one added, one taken off a span of two. */
                                 "UPDATE span_fragments SET start = 0 "
                                 "WHERE rowid IN (SELECT min(rowid) FROM span_fragments);"
                                 "DELETE FROM span_fragments WHERE rowid IN (SELECT max(rowid) "
                                 "  FROM span_fragments GROUP BY span_id HAVING count(*) > 1 "
                                 "  ORDER BY span_id LIMIT 1);"
                                 "INSERT INTO span_fragments (span_id, document_id, start, \"end\") "
                                 "  SELECT span_id, document_id, 0, 2 FROM span_fragments "
                                 "  ORDER BY rowid LIMIT 1 OFFSET "
                                 "  (SELECT count(*) / 2 FROM span_fragments);"
                                 /* Spans and relations relabelled, accepted and rejected. */
                                 "UPDATE spans SET status = CASE status WHEN 'rejected' "
                                 "  THEN 'accepted' ELSE 'rejected' END WHERE id % 3 = 0;"
                                 "UPDATE spans SET label = CASE label WHEN 'PER' THEN 'ORG' "
                                 "  ELSE 'PER' END WHERE id % 4 = 1;"
                                 "UPDATE relations SET status = CASE status WHEN 'rejected' "
                                 "  THEN 'pending' ELSE 'rejected' END WHERE id % 2 = 0;"
                                 "UPDATE relations SET type = CASE type WHEN 'SPEAKER' "
                                 "  THEN 'CLAIMANT' ELSE 'SPEAKER' END WHERE id % 3 = 1;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM spans s WHERE NOT EXISTS "
                                  "(SELECT 1 FROM stats_span_groups g WHERE g.span_id = s.id)"),
                   >=, 1);
  /* Older spans only: what tells is the note the triggers left. */
  g_assert_cmpint (query_int (db, "SELECT max(id) FROM spans"), ==,
                   query_int (db, "SELECT max(span_id) FROM stats_span_groups"));
  sqlite3_close (db);
  g_assert_true (alama_store_refresh (f->store, NULL));
  assert_kept_equal_reference (f->store, "another program's edits");

  db = open_raw (f->path);
  g_assert_cmpint (sqlite3_exec (db,
                                 /* A span of its own. */
                                 "INSERT INTO spans (document_id, label, source, status, "
                                 "  annotator, created, modified) "
                                 "  SELECT id, 'PER', 'script', 'accepted', 'script', 0, 0 "
                                 "  FROM documents LIMIT 1;"
                                 "INSERT INTO span_fragments (span_id, document_id, start, \"end\") "
                                 "  SELECT max(s.id), s.document_id, 0, 3 FROM spans s;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM spans s WHERE NOT EXISTS "
                                  "(SELECT 1 FROM stats_span_groups g WHERE g.span_id = s.id)"),
                   >=, 1);
  sqlite3_close (db);

  g_assert_true (alama_store_refresh (f->store, NULL));
  assert_kept_equal_reference (f->store, "another program's writes");

  db = open_raw (f->path);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM spans s WHERE NOT EXISTS "
                                  "(SELECT 1 FROM stats_span_groups g WHERE g.span_id = s.id)"),
                   ==, 0);
  sqlite3_close (db);
}

/* Deleting a document takes its spans and relations by ON DELETE CASCADE,
 * which the triggers must see too. */
static void
test_cascade (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 doc;

  while (TRUE)
    {
      fill_project (f, 60);
      doc = random_document (f);
      if (doc != 0)
        {
          g_autoptr(GPtrArray) relations = alama_store_list_relations (f->store, doc,
                                                                        ALAMA_STATUS_MASK_ALL,
                                                                        &error);
          g_assert_no_error (error);
          if (relations->len > 0)
            break;
        }
    }
  assert_kept_equal_reference (f->store, "the edits");

  g_assert_true (alama_store_delete_document (f->store, doc, &error));
  g_assert_no_error (error);
  assert_kept_equal_reference (f->store, "deleting a document with relations");
}

/* A speaker credited with two quotes by a tagger: rejecting one quote rejects
 * its pending SPEAKER relation, so the speaker counts one quote; the document
 * is done only when no suggested relation is left. Kept and recounted agree. */
static void
test_rejected_quote (Fixture       *f,
                     gconstpointer  data)
{
  static const char text[] = "قال لافروف «سنواصل الحوار» ثم قال لافروف «لن نتراجع» أمس.";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) stats = NULL;
  gint64 doc = 0, speaker, quotes[2], relations[2];
  JsonArray *top;
  const gint64 ranges[][2] = { { 11, 26 }, { 41, 52 } };

  g_assert_true (alama_store_add_document (f->store, "quotes", NULL, text, NULL, NULL, &doc, &error));
  g_assert_no_error (error);
  {
    g_autoptr(AlamaSpan) span = alama_span_new ("PER", 4, 10);

    span->document_id = doc;
    g_assert_true (alama_store_add_span (f->store, span, &error));
    g_assert_no_error (error);
    speaker = span->id;
  }
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(AlamaSpan) span = alama_span_new ("QUOTE", ranges[i][0], ranges[i][1]);
      g_autoptr(AlamaRelation) relation = NULL;

      span->document_id = doc;
      span->source = g_strdup ("quotes");
      span->status = ALAMA_STATUS_PENDING;
      g_assert_true (alama_store_add_span (f->store, span, &error));
      g_assert_no_error (error);
      quotes[i] = span->id;
      relation = alama_relation_new ("SPEAKER", speaker, span->id);
      relation->source = g_strdup ("quotes");
      relation->status = ALAMA_STATUS_PENDING;
      g_assert_true (alama_store_add_relation (f->store, relation, &error));
      g_assert_no_error (error);
      relations[i] = relation->id;
    }
  assert_kept_equal_reference (f->store, "two suggested quotes");

  g_assert_true (alama_store_set_span_status (f->store, quotes[1], ALAMA_STATUS_REJECTED, &error));
  g_assert_no_error (error);
  g_assert_true (alama_store_set_span_status (f->store, quotes[0], ALAMA_STATUS_ACCEPTED, &error));
  g_assert_no_error (error);
  assert_kept_equal_reference (f->store, "one quote rejected, one accepted");

  stats = alama_stats_collect (f->store, &error);
  g_assert_no_error (error);
  top = json_object_get_array_member (json_node_get_object (stats), "top_speakers");
  g_assert_cmpuint (json_array_get_length (top), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (top, 0), "count"), ==, 1);
  /* The accepted quote's SPEAKER is still a suggestion: not done. */
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (stats), "documents_done"), ==, 0);

  g_assert_true (alama_store_set_relation_status (f->store, relations[0], ALAMA_STATUS_ACCEPTED, &error));
  g_assert_no_error (error);
  g_clear_pointer (&stats, json_node_unref);
  stats = alama_stats_collect (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (stats), "documents_done"), ==, 1);
  assert_kept_equal_reference (f->store, "the relation accepted");
}

/* Opens the project a test took back to an older version: it is upgraded to
 * this one, gives the statistics it gave before (@before), and its kept counts
 * follow the edits made after the upgrade. */
static void
assert_upgrade_keeps_stats (Fixture    *f,
                            JsonNode   *before,
                            const char *what)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autofree char *edits = g_strdup_printf ("edits after %s", what);
  sqlite3 *db;

  f->store = alama_store_open (f->path, ALAMA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  db = open_raw (f->path);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, ALAMA_SCHEMA_VERSION);
  sqlite3_close (db);

  after = reference_stats (f->store);
  g_assert_true (json_node_equal (before, after));
  assert_kept_equal_reference (f->store, what);

  fill_project (f, 100);
  assert_kept_equal_reference (f->store, edits);
}

/* A project of the version before the counts were kept (5) gets them, filled from
 * its rows, when it is opened. */
static void
test_migration_from_previous (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(JsonNode) before = NULL;
  sqlite3 *db;

  fill_project (f, 300);
  before = reference_stats (f->store);
  g_clear_object (&f->store);

  /* What that version had: none of the stats tables or triggers. */
  db = open_raw (f->path);
  g_assert_cmpint (sqlite3_exec (db,
                                 "BEGIN;"
                                 "DROP TRIGGER stats_span_inserted;"
                                 "DROP TRIGGER stats_span_deleted;"
                                 "DROP TRIGGER stats_span_updated;"
                                 "DROP TRIGGER stats_fragment_inserted;"
                                 "DROP TRIGGER stats_fragment_deleted;"
                                 "DROP TRIGGER stats_fragment_updated_old;"
                                 "DROP TRIGGER stats_fragment_updated_new;"
                                 "DROP TRIGGER stats_group_inserted;"
                                 "DROP TRIGGER stats_group_deleted;"
                                 "DROP TRIGGER stats_group_updated;"
                                 "DROP TRIGGER stats_relation_inserted;"
                                 "DROP TRIGGER stats_relation_deleted;"
                                 "DROP TRIGGER stats_relation_updated;"
                                 "DROP TRIGGER stats_document_deleted;"
                                 "DROP TRIGGER stats_document_inserted;"
                                 "DROP TABLE stats_totals;"
                                 "DROP TABLE stats_span_counts;"
                                 "DROP TABLE stats_relation_counts;"
                                 "DROP TABLE stats_document_counts;"
                                 "DROP TABLE stats_span_groups;"
                                 "DROP TABLE stats_entity_counts;"
                                 "DROP TABLE stats_speaker_counts;"
                                 "DROP TABLE stats_stale;"
                                 "COMMIT;", NULL, NULL, NULL), ==, SQLITE_OK);
  {
    /* The version before migration 7 made the kept counts (later migrations
     * run again too, and must cope). */
    g_autofree char *previous = g_strdup_printf ("PRAGMA user_version = %d", 6);
    g_assert_cmpint (sqlite3_exec (db, previous, NULL, NULL, NULL), ==, SQLITE_OK);
  }
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sqlite_master WHERE name LIKE 'stats_%'"),
                   ==, 0);
  sqlite3_close (db);

  assert_upgrade_keeps_stats (f, before, "the migration");

  db = open_raw (f->path);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM spans"), ==,
                   query_int (db, "SELECT count(*) FROM stats_span_groups"));
  sqlite3_close (db);
}

/* A version-8 project (documents' pending relations and the totals not kept:
 * stats looked them up) gets them, filled from its rows, when it is opened;
 * the upgrade keeps the group rows it finds and records the missing ones. */
static void
test_migration_from_version_8 (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(JsonNode) before = NULL;
  sqlite3 *db;

  fill_project_until (f, 300, "SELECT count(*) FROM relations WHERE status = 'pending'");
  before = reference_stats (f->store);
  g_clear_object (&f->store);

  take_back_to_version_8 (f->path);
  db = open_raw (f->path);
  /* Spans another writer changed: no group row. */
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM stats_span_groups WHERE span_id % 7 = 0;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  assert_upgrade_keeps_stats (f, before, "the migration from version 8");

  db = open_raw (f->path);
  g_assert_cmpint (query_int (db, "SELECT coalesce (sum (pending_relations), 0) "
                                  "FROM stats_document_counts"), ==,
                   query_int (db, "SELECT count(*) FROM relations WHERE status = 'pending'"));
  g_assert_cmpint (query_int (db, "SELECT documents FROM stats_totals"), ==,
                   query_int (db, "SELECT count(*) FROM documents"));
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM spans"), ==,
                   query_int (db, "SELECT count(*) FROM stats_span_groups"));
  sqlite3_close (db);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/alama/stats-kept/random-edits", Fixture, NULL, fixture_setup,
              test_random_edits, fixture_teardown);
  g_test_add ("/alama/stats-kept/other-writer", Fixture, NULL, fixture_setup,
              test_other_writer, fixture_teardown);
  g_test_add ("/alama/stats-kept/rejected-quote", Fixture, NULL, fixture_setup,
              test_rejected_quote, fixture_teardown);
  g_test_add ("/alama/stats-kept/cascade", Fixture, NULL, fixture_setup,
              test_cascade, fixture_teardown);
  g_test_add ("/alama/stats-kept/migration-from-previous-version", Fixture, NULL, fixture_setup,
              test_migration_from_previous, fixture_teardown);
  g_test_add ("/alama/stats-kept/migration-from-version-8", Fixture, NULL, fixture_setup,
              test_migration_from_version_8, fixture_teardown);

  return g_test_run ();
}
