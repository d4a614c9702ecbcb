/* test-store.c: the project file — opening, refusing, CRUD, validation, the
 * documents model. */
#define G_LOG_DOMAIN "test-store"

#include "config.h"

#include <sqlite3.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "alama/alama-store.h"

/* An original news-style sentence: a quote with a speaker, harakat and an
 * emoji, so that code point offsets differ from bytes. */
static const char news_text[] =
  "قالَ وزير الخارجية سامر حدّاد في عمّان إنّ «المفاوضات ستُستأنف الأسبوع المقبل» 🙂.";

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("alama-test-store-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "project.alama", NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_remove (path);
      return;
    }
  g_chmod (path, 0755);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static AlamaStore *
create_store (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  AlamaStore *store = alama_store_open (fixture->path, ALAMA_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static gint64
add_news_document (AlamaStore *store,
                   const char *name)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (alama_store_add_document (store, name, "/tmp/news.txt", news_text,
                                           "{\"source\": \"وكالة\"}", NULL, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* Offsets of a substring in code points. */
static void
find_cp (const char *text,
         const char *needle,
         gint64     *start,
         gint64     *end)
{
  const char *at = strstr (text, needle);

  g_assert_nonnull (at);
  *start = g_utf8_pointer_to_offset (text, at);
  *end = *start + g_utf8_strlen (needle, -1);
}

static void
test_create_and_reopen (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaStore) store = NULL;
  g_autoptr(AlamaSchema) schema = NULL;
  g_autoptr(AlamaDocument) document = NULL;
  g_autofree char *text = NULL;
  gint64 id;

  /* Without CREATE a missing file is NOT_FOUND and is not created. */
  store = alama_store_open (fixture->path, ALAMA_STORE_OPEN_DEFAULT, &error);
  g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_FOUND);
  g_assert_null (store);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  store = create_store (fixture);
  g_assert_false (alama_store_is_read_only (store));
  schema = alama_store_get_schema (store);
  g_assert_nonnull (alama_schema_find_label (schema, "PER"));
  g_assert_nonnull (alama_schema_find_relation_type (schema, "SPEAKER"));
  id = add_news_document (store, "خبر ١");
  g_clear_object (&store);

  store = alama_store_open (fixture->path, ALAMA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (alama_store_get_n_documents (store), ==, 1);
  document = alama_store_get_document (store, id);
  g_assert_nonnull (document);
  g_assert_cmpstr (alama_document_get_name (document), ==, "خبر ١");
  g_assert_cmpint (alama_document_get_length (document), ==, g_utf8_strlen (news_text, -1));
  g_assert_cmpstr (alama_document_get_content_hash (document), ==,
                   g_compute_checksum_for_string (G_CHECKSUM_SHA256, news_text, -1));
  text = alama_store_dup_document_text (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, news_text);
}

static void
test_span_crud (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaStore) store = create_store (fixture);
  g_autoptr(AlamaSpan) person = NULL;
  g_autoptr(AlamaSpan) place = NULL;
  g_autoptr(AlamaSpan) loaded = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  gint64 doc = add_news_document (store, "خبر");
  gint64 start, end;

  find_cp (news_text, "سامر حدّاد", &start, &end);
  person = alama_span_new ("PER", start, end);
  person->document_id = doc;
  g_assert_true (alama_store_add_span (store, person, &error));
  g_assert_no_error (error);
  g_assert_cmpint (person->id, >, 0);
  g_assert_cmpstr (person->source, ==, ALAMA_SOURCE_MANUAL);
  g_assert_nonnull (person->annotator);

  find_cp (news_text, "عمّان", &start, &end);
  place = alama_span_new ("GPE", start, end);
  place->document_id = doc;
  place->status = ALAMA_STATUS_PENDING;
  place->source = g_strdup ("gazetteer");
  g_assert_true (alama_store_add_span (store, place, &error));

  loaded = alama_store_get_span (store, person->id, &error);
  g_assert_no_error (error);
  g_assert_true (alama_span_equal_content (loaded, person));

  /* Update: label and a note. */
  g_free (loaded->label);
  loaded->label = g_strdup ("ORG");
  loaded->note = g_strdup ("ملاحظة");
  g_assert_true (alama_store_update_span (store, loaded, &error));
  g_assert_no_error (error);
  g_clear_pointer (&loaded, alama_span_unref);
  loaded = alama_store_get_span (store, person->id, &error);
  g_assert_cmpstr (loaded->label, ==, "ORG");
  g_assert_cmpstr (loaded->note, ==, "ملاحظة");

  g_assert_true (alama_store_set_span_status (store, place->id, ALAMA_STATUS_ACCEPTED, &error));
  spans = alama_store_list_spans (store, doc, ALAMA_STATUS_MASK_ACCEPTED, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 2);
  g_clear_pointer (&spans, g_ptr_array_unref);

  g_assert_true (alama_store_delete_span (store, person->id, &error));
  g_assert_no_error (error);
  spans = alama_store_list_spans (store, doc, ALAMA_STATUS_MASK_ALL, &error);
  g_assert_cmpuint (spans->len, ==, 1);
  g_assert_cmpint (((AlamaSpan *) spans->pdata[0])->id, ==, place->id);

  g_clear_pointer (&loaded, alama_span_unref);
  loaded = alama_store_get_span (store, person->id, &error);
  g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_FOUND);
  g_assert_null (loaded);
}

static void
test_relation_crud (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaStore) store = create_store (fixture);
  g_autoptr(AlamaSpan) speaker = NULL;
  g_autoptr(AlamaSpan) quote = NULL;
  g_autoptr(AlamaRelation) relation = NULL;
  g_autoptr(AlamaRelation) wrong = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  gint64 doc = add_news_document (store, "خبر");
  gint64 start, end;

  find_cp (news_text, "سامر حدّاد", &start, &end);
  speaker = alama_span_new ("PER", start, end);
  speaker->document_id = doc;
  g_assert_true (alama_store_add_span (store, speaker, &error));
  find_cp (news_text, "«المفاوضات ستُستأنف الأسبوع المقبل»", &start, &end);
  quote = alama_span_new ("QUOTE", start, end);
  quote->document_id = doc;
  g_assert_true (alama_store_add_span (store, quote, &error));
  g_assert_no_error (error);

  relation = alama_relation_new ("SPEAKER", speaker->id, quote->id);
  g_assert_true (alama_store_add_relation (store, relation, &error));
  g_assert_no_error (error);
  g_assert_cmpint (relation->id, >, 0);
  g_assert_cmpint (relation->document_id, ==, doc);

  /* The other way round is not allowed by the schema. */
  wrong = alama_relation_new ("SPEAKER", quote->id, speaker->id);
  g_assert_false (alama_store_add_relation (store, wrong, &error));
  g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  g_free (wrong->type);
  wrong->type = g_strdup ("FRIEND_OF");
  g_assert_false (alama_store_add_relation (store, wrong, &error));
  g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_UNKNOWN_LABEL);
  g_assert_nonnull (strstr (error->message, "FRIEND_OF"));
  g_clear_error (&error);

  g_assert_cmpuint (alama_store_count_span_relations (store, quote->id), ==, 1);
  g_assert_true (alama_store_set_relation_status (store, relation->id, ALAMA_STATUS_REJECTED,
                                                  &error));
  relations = alama_store_list_relations (store, doc, ALAMA_STATUS_MASK_ACCEPTED, &error);
  g_assert_cmpuint (relations->len, ==, 0);
  g_clear_pointer (&relations, g_ptr_array_unref);

  /* Deleting the quote takes its relation along. */
  g_assert_true (alama_store_delete_span (store, quote->id, &error));
  g_assert_no_error (error);
  relations = alama_store_list_relations (store, doc, ALAMA_STATUS_MASK_ALL, &error);
  g_assert_cmpuint (relations->len, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/alama/store/create-and-reopen", Fixture, NULL,
              fixture_set_up, test_create_and_reopen, fixture_tear_down);
  g_test_add ("/alama/store/span-crud", Fixture, NULL,
              fixture_set_up, test_span_crud, fixture_tear_down);
  g_test_add ("/alama/store/relation-crud", Fixture, NULL,
              fixture_set_up, test_relation_crud, fixture_tear_down);

  return g_test_run ();
}
