/* test-store-list-spans.c: alama_store_list_spans() lists a document's spans
 * whole and in order: every span of the statuses asked for, each as
 * alama_store_get_span() reads it alone (fragments, attributes, every field),
 * sorted by alama_span_compare(). Spans that start together, fragments that
 * start together and attributes the store cannot write as plain text are the
 * cases a faster reading could get wrong.
 */
#define G_LOG_DOMAIN "test-store-list-spans"

#include "config.h"


#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "alama/alama.h"
#include "store-test-util.h"
#include "../app/core/alama-span-attributes-private.h"

static const char text_unit[] =
  "قال وزير المالية سمير عبد الله إنّ «الموازنة الجديدة ستُعرض على البرلمان الشهر المقبل». ";
static const char *labels[] = { "PER", "ORG", "GPE", "QUOTE", "CLAIM" };

typedef struct
{
  char       *dir;
  char       *path;
  AlamaStore *store;
  gint64      doc_id;
  gint64      other_doc_id;
  gint64      length;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < 6; i++)
    g_string_append (text, text_unit);
  fixture->length = g_utf8_strlen (text->str, -1);
  fixture->dir = g_dir_make_tmp ("alama-test-list-spans-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "project.alama", NULL);
  fixture->store = alama_store_open (fixture->path, ALAMA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  alama_store_add_document (fixture->store, "first", NULL, text->str, NULL, NULL,
                            &fixture->doc_id, &error);
  g_assert_no_error (error);
  alama_store_add_document (fixture->store, "second", NULL, text->str, NULL, NULL,
                            &fixture->other_doc_id, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  remove_project_files (fixture->path);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
assert_same_span (const AlamaSpan *listed,
                  const AlamaSpan *alone)
{
  g_assert_cmpint (listed->id, ==, alone->id);
  g_assert_cmpint (listed->document_id, ==, alone->document_id);
  g_assert_true (alama_span_equal_content (listed, alone));
  for (guint i = 0; i < alama_span_get_n_fragments (alone); i++)
    {
      g_assert_cmpint (alama_span_get_fragment (listed, i)->start, ==,
                       alama_span_get_fragment (alone, i)->start);
      g_assert_cmpint (alama_span_get_fragment (listed, i)->end, ==,
                       alama_span_get_fragment (alone, i)->end);
    }
  g_assert_cmpstr (listed->annotator, ==, alone->annotator);
  g_assert_cmpstr (listed->ext_id, ==, alone->ext_id);
  g_assert_cmpint (listed->created, ==, alone->created);
  g_assert_cmpint (listed->modified, ==, alone->modified);
}

/* Lists @document_id's spans of @mask and checks them against @added (the
 * ids of every span added, any document) read one by one. */
static void
assert_listing (AlamaStore      *store,
                gint64           document_id,
                AlamaStatusMask  mask,
                GArray          *added)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) listed = alama_store_list_spans (store, document_id, mask, &error);
  guint expected = 0;

  g_assert_no_error (error);
  for (guint i = 1; i < listed->len; i++)
    g_assert_cmpint (alama_span_compare (listed->pdata[i - 1], listed->pdata[i]), <, 0);

  for (guint i = 0; i < added->len; i++)
    {
      g_autoptr(AlamaSpan) alone = alama_store_get_span (store, g_array_index (added, gint64, i),
                                                         &error);
      gboolean found = FALSE;

      g_assert_no_error (error);
      if (alone->document_id != document_id || !(mask & (1 << alone->status)))
        continue;
      expected++;
      for (guint j = 0; j < listed->len && !found; j++)
        if (((AlamaSpan *) listed->pdata[j])->id == alone->id)
          {
            assert_same_span (listed->pdata[j], alone);
            found = TRUE;
          }
      g_assert_true (found);
    }
  g_assert_cmpuint (listed->len, ==, expected);
}

/* Random spans, many starting at the same offsets (nested entities), some in
 * pieces whose pieces start together, under every status mask. */
static void
test_order_and_content (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GArray) added = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());

  for (guint i = 0; i < 300; i++)
    {
      g_autoptr(GError) error = NULL;
      /* Few starts, so that many spans share one. */
      gint64 start = g_rand_int_range (rand, 0, 40) * 7;
      gint64 end = MIN (fixture->length, start + g_rand_int_range (rand, 1, 25));
      g_autoptr(AlamaSpan) span = alama_span_new (labels[g_rand_int_range (rand, 0, G_N_ELEMENTS (labels))],
                                                  start, end);

      switch (g_rand_int_range (rand, 0, 4))
        {
        case 0:   /* a second piece starting where the first does, shorter */
          if (end - start > 1)
            alama_span_add_fragment (span, start, end - 1);
          break;
        case 1:   /* a later piece */
          alama_span_add_fragment (span, MIN (end + 3, fixture->length - 2),
                                   MIN (end + 8, fixture->length));
          break;
        default:
          break;
        }
      span->document_id = g_rand_int_range (rand, 0, 5) == 0 ? fixture->other_doc_id
                                                              : fixture->doc_id;
      span->status = g_rand_int_range (rand, 0, 3);
      if (g_rand_int_range (rand, 0, 4) == 0)
        alama_span_set_attribute (span, "stance", "denies");
      alama_store_add_span (fixture->store, span, &error);
      g_assert_no_error (error);
      g_array_append_val (added, span->id);
    }

  for (AlamaStatusMask mask = 1; mask <= ALAMA_STATUS_MASK_ALL; mask++)
    {
      assert_listing (fixture->store, fixture->doc_id, mask, added);
      assert_listing (fixture->store, fixture->other_doc_id, mask, added);
    }
}

/* Attribute names and values that need escapes, or none, or are not ASCII,
 * go in and come out unchanged. */
static void
test_attributes_round_trip (Fixture       *fixture,
                            gconstpointer  data)
{
  static const char *values[][2] = {
    { "stance", "denies" },
    { "quote", "he said \"no\"" },
    { "path", "C:\\news\\today" },
    { "lines", "first\nsecond\tthird" },
    { "ملاحظة", "مهم جدًا" },
    { "empty", "" },
    { "braces", "{\"a\":\"b\"}" },
    { "comma", "a\",\"b" },
  };
  g_autoptr(GArray) added = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i <= G_N_ELEMENTS (values); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AlamaSpan) span = alama_span_new ("PER", i, i + 3);

      span->document_id = fixture->doc_id;
      /* One attribute per span, then all of them on the last. */
      for (guint j = 0; j < G_N_ELEMENTS (values); j++)
        if (j == i || i == G_N_ELEMENTS (values))
          alama_span_set_attribute (span, values[j][0], values[j][1]);
      alama_store_add_span (fixture->store, span, &error);
      g_assert_no_error (error);
      g_array_append_val (added, span->id);
    }
  assert_listing (fixture->store, fixture->doc_id, ALAMA_STATUS_MASK_ALL, added);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) listed = alama_store_list_spans (fixture->store, fixture->doc_id,
                                                          ALAMA_STATUS_MASK_ALL, &error);
    const AlamaSpan *last = NULL;

    g_assert_no_error (error);
    for (guint i = 0; i < listed->len; i++)
      if (((AlamaSpan *) listed->pdata[i])->id == g_array_index (added, gint64, added->len - 1))
        last = listed->pdata[i];
    g_assert_nonnull (last);
    g_assert_nonnull (last->attributes);
    g_assert_cmpuint (g_hash_table_size (last->attributes), ==, G_N_ELEMENTS (values));
    for (guint j = 0; j < G_N_ELEMENTS (values); j++)
      g_assert_cmpstr (alama_span_get_attribute (last, values[j][0]), ==, values[j][1]);
  }
}

/* The attributes as json-glib reads them: what the store did before it had
 * a reader of its own for plain objects. */
static GHashTable *
attributes_by_json_glib (const char *json)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (!json_parser_load_from_data (parser, json, -1, NULL) ||
      json_parser_get_root (parser) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return attributes;
  json_object_iter_init (&iter, json_node_get_object (json_parser_get_root (parser)));
  while (json_object_iter_next (&iter, &name, &value))
    if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
      g_hash_table_insert (attributes, g_strdup (name), g_strdup (json_node_get_string (value)));
  return attributes;
}

/* Whatever the column holds (a file written by another program, or
 * damaged), the map is the one json-glib gives. */
static void
test_attributes_as_json_glib_reads_them (void)
{
  static const char *columns[] = {
    "{}", "", "{\"stance\":\"denies\"}", "{\"a\":\"1\",\"b\":\"2\"}",
    "{\"a\":\"1\",\"a\":\"2\"}", "{ \"a\" : \"1\" }", "{\"a\":1,\"b\":\"x\"}",
    "{\"a\":\"x\\\"y\"}", "{\"a\":\"\\u0645\"}", "{\"\":\"x\"}", "{\"a\":\"\"}",
    "{\"a\":\"1\",}", "{\"a\":\"1\"", "{\"a\"}", "{\"a\":\"1\"}x", "[\"a\"]", "null",
    "{\"a\":\"1\" ,\"b\":\"2\"}", "{\"a\":{\"b\":\"c\"}}", "{\"a\":\"1\"\"b\":\"2\"}",
    "{\"مفتاح\":\"قيمة\"}", "{\"a\":\"\xff\"}", "{\"a\":\"tab\there\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GHashTable) expected = attributes_by_json_glib (columns[i]);
      g_autoptr(GHashTable) read = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_autofree char *shown = g_strescape (columns[i], "\"");
      GHashTableIter iter;
      gpointer key, value;

      /* Escaped: one column is not UTF-8, which a TAP reader refuses. */
      g_test_message ("column %s", shown);
      _alama_span_attributes_from_json (read, columns[i]);
      g_assert_cmpuint (g_hash_table_size (read), ==, g_hash_table_size (expected));
      g_hash_table_iter_init (&iter, expected);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_assert_cmpstr (g_hash_table_lookup (read, key), ==, value);

      /* What a span is given: the same map, or no table for an empty one. */
      g_clear_pointer (&read, g_hash_table_unref);
      read = _alama_span_attributes_new_from_json (columns[i]);
      if (g_hash_table_size (expected) == 0)
        g_assert_null (read);
      else
        {
          g_assert_nonnull (read);
          g_assert_cmpuint (g_hash_table_size (read), ==, g_hash_table_size (expected));
          g_hash_table_iter_init (&iter, expected);
          while (g_hash_table_iter_next (&iter, &key, &value))
            g_assert_cmpstr (g_hash_table_lookup (read, key), ==, value);
        }
    }
}

/* Spans listed without attributes (never given any, or all removed) hold no
 * attribute table, and those with attributes keep theirs. */
static void
test_no_attributes_no_table (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaSpan) plain = alama_span_new ("PER", 0, 3);
  g_autoptr(AlamaSpan) emptied = alama_span_new ("ORG", 4, 8);
  g_autoptr(AlamaSpan) with = alama_span_new ("GPE", 9, 12);
  g_autoptr(GPtrArray) listed = NULL;

  plain->document_id = emptied->document_id = with->document_id = fixture->doc_id;
  alama_span_set_attribute (emptied, "stance", "denies");
  alama_span_set_attribute (emptied, "stance", NULL);
  alama_span_set_attribute (with, "stance", "accuses");
  alama_store_add_span (fixture->store, plain, &error);
  g_assert_no_error (error);
  alama_store_add_span (fixture->store, emptied, &error);
  g_assert_no_error (error);
  alama_store_add_span (fixture->store, with, &error);
  g_assert_no_error (error);

  listed = alama_store_list_spans (fixture->store, fixture->doc_id, ALAMA_STATUS_MASK_ALL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 3);
  g_assert_null (((AlamaSpan *) listed->pdata[0])->attributes);
  g_assert_null (((AlamaSpan *) listed->pdata[1])->attributes);
  g_assert_nonnull (((AlamaSpan *) listed->pdata[2])->attributes);
  g_assert_cmpstr (alama_span_get_attribute (listed->pdata[2], "stance"), ==, "accuses");
  g_assert_true (alama_span_equal_content (listed->pdata[1], emptied));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/alama/store/list-spans/order-and-content", Fixture, NULL,
              fixture_set_up, test_order_and_content, fixture_tear_down);
  g_test_add ("/alama/store/list-spans/attributes-round-trip", Fixture, NULL,
              fixture_set_up, test_attributes_round_trip, fixture_tear_down);
  g_test_add ("/alama/store/list-spans/no-attributes-no-table", Fixture, NULL,
              fixture_set_up, test_no_attributes_no_table, fixture_tear_down);
  g_test_add_func ("/alama/store/list-spans/attributes-as-json-glib-reads-them",
                   test_attributes_as_json_glib_reads_them);

  return g_test_run ();
}
