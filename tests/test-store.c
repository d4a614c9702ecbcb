/* test-store.c: the project file — opening, refusing, CRUD, validation, the
 * documents model. */
#define G_LOG_DOMAIN "test-store"

#include "config.h"

#include <string.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>
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
  g_autofree char *hash = NULL;
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
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, news_text, -1);
  g_assert_cmpstr (alama_document_get_content_hash (document), ==, hash);
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


static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

/* The bytes of the project, its -wal included (a committed change may sit in
 * the -wal until a checkpoint). */
static GBytes *
project_bytes (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GBytes) main_bytes = read_bytes (path);
  g_autoptr(GByteArray) all = g_byte_array_new ();

  g_byte_array_append (all, g_bytes_get_data (main_bytes, NULL), g_bytes_get_size (main_bytes));
  if (g_file_test (wal, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GBytes) wal_bytes = read_bytes (wal);
      g_byte_array_append (all, g_bytes_get_data (wal_bytes, NULL), g_bytes_get_size (wal_bytes));
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&all));
}

static gint64
count_rows (const char *path,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static void
test_refuses_foreign_sqlite (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaStore) store = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE contacts (name TEXT); "
                                     "INSERT INTO contacts VALUES ('هالة')", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
  before = read_bytes (fixture->path);

  for (int flags = 0; flags <= ALAMA_STORE_OPEN_CREATE; flags += ALAMA_STORE_OPEN_CREATE)
    {
      store = alama_store_open (fixture->path, flags, &error);
      g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_A_PROJECT);
      g_assert_null (store);
      g_assert_nonnull (strstr (error->message, fixture->path));
      g_assert_nonnull (strstr (error->message, "another program"));
      g_clear_error (&error);
    }

  after = read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_refuses_text_file (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaStore) store = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);

  g_assert_true (g_file_set_contents (fixture->path, news_text, -1, NULL));

  store = alama_store_open (fixture->path, ALAMA_STORE_OPEN_CREATE, &error);
  g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_A_PROJECT);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, "not a SQLite database"));
  g_assert_nonnull (strstr (error->message, fixture->path));

  after = read_bytes (fixture->path);
  g_assert_cmpmem (g_bytes_get_data (after, NULL), g_bytes_get_size (after),
                   news_text, strlen (news_text));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_empty_file (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaStore) store = NULL;

  g_assert_true (g_file_set_contents (fixture->path, "", 0, NULL));
  store = alama_store_open (fixture->path, ALAMA_STORE_OPEN_DEFAULT, &error);
  g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_A_PROJECT);
  g_clear_error (&error);

  store = alama_store_open (fixture->path, ALAMA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (count_rows (fixture->path, "labels"), ==, 9);
}

static void
test_corrupt (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaStore) store = create_store (fixture);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *damaged = NULL;
  gsize len;

  add_news_document (store, "خبر");
  g_clear_object (&store);   /* checkpoints: everything is in the main file */

  /* Keep our header, scribble over every page after the first. */
  bytes = read_bytes (fixture->path);
  len = g_bytes_get_size (bytes);
  g_assert_cmpuint (len, >, 4096);
  damaged = g_memdup2 (g_bytes_get_data (bytes, NULL), len);
  memset (damaged + 4096, 0xA5, len - 4096);
  g_assert_true (g_file_set_contents (fixture->path, damaged, len, NULL));

  store = alama_store_open (fixture->path, ALAMA_STORE_OPEN_DEFAULT, &error);
  g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_CORRUPT);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, fixture->path));
}

static void
test_too_new (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaStore) store = create_store (fixture);
  sqlite3 *db = NULL;

  g_clear_object (&store);
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = alama_store_open (fixture->path, ALAMA_STORE_OPEN_DEFAULT, &error);
  g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_TOO_NEW);
  g_assert_null (store);
}

/* A table or a column gone: refused as DAMAGED, by file and by name, both
 * read-write and read-only, and the file is left as it was. */
static void
check_damaged (Fixture    *fixture,
               const char *sql,
               const char *missing)
{
  AlamaStoreOpenFlags modes[] = { ALAMA_STORE_OPEN_DEFAULT, ALAMA_STORE_OPEN_READ_ONLY };
  g_autoptr(AlamaStore) store = create_store (fixture);
  g_autoptr(GBytes) before = NULL;
  sqlite3 *db = NULL;

  g_clear_object (&store);
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = project_bytes (fixture->path);

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) after = NULL;

      store = alama_store_open (fixture->path, modes[i], &error);
      g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_DAMAGED);
      g_assert_null (store);
      g_assert_nonnull (strstr (error->message, fixture->path));
      g_assert_nonnull (strstr (error->message, missing));
      after = project_bytes (fixture->path);
      g_assert_true (g_bytes_equal (before, after));
    }
}

static void
test_damaged_table (Fixture       *fixture,
                    gconstpointer  data)
{
  check_damaged (fixture, "DROP TABLE spans", "“spans”");
}

static void
test_damaged_column (Fixture       *fixture,
                     gconstpointer  data)
{
  check_damaged (fixture, "ALTER TABLE documents DROP COLUMN metadata", "“metadata”");
}

/* A symlink loop or a dangling link at the project path is refused, and
 * nothing is made behind it (not even with CREATE). */
static void
test_symlink_nowhere (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *target = g_build_filename (fixture->dir, "missing.alama", NULL);
  const char *targets[] = { fixture->path, target };

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AlamaStore) store = NULL;

      g_assert_cmpint (symlink (targets[i], fixture->path), ==, 0);
      store = alama_store_open (fixture->path, ALAMA_STORE_OPEN_CREATE, &error);
      g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_A_PROJECT);
      g_assert_null (store);
      g_assert_nonnull (strstr (error->message, "symbolic link"));
      g_assert_true (g_file_test (fixture->path, G_FILE_TEST_IS_SYMLINK));
      g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
      g_assert_cmpint (g_unlink (fixture->path), ==, 0);
    }
}

static void
check_read_only_store (Fixture    *fixture,
                       AlamaStore *store,
                       gint64      doc)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaSpan) span = alama_span_new ("PER", 0, 4);
  g_autoptr(GPtrArray) spans = NULL;
  gint64 id = 0;

  g_assert_true (alama_store_is_read_only (store));

  /* Reading works. */
  spans = alama_store_list_spans (store, doc, ALAMA_STATUS_MASK_ALL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 1);

  span->document_id = doc;
  g_assert_false (alama_store_add_span (store, span, &error));
  g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_clear_error (&error);
  g_assert_false (alama_store_add_document (store, "x", NULL, "نص", NULL, NULL, &id, &error));
  g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (alama_store_begin_change (store, "x", 0, &error));
  g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (alama_store_undo (store, NULL, &error));
  g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_READ_ONLY);
}

static gint64
make_project_with_span (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaStore) store = create_store (fixture);
  g_autoptr(AlamaSpan) span = NULL;
  gint64 doc = add_news_document (store, "خبر");
  gint64 start, end;

  find_cp (news_text, "سامر حدّاد", &start, &end);
  span = alama_span_new ("PER", start, end);
  span->document_id = doc;
  g_assert_true (alama_store_add_span (store, span, &error));
  g_assert_no_error (error);
  return doc;
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaStore) store = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  gint64 doc = make_project_with_span (fixture);

  before = project_bytes (fixture->path);

  /* Asked for. */
  store = alama_store_open (fixture->path, ALAMA_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  check_read_only_store (fixture, store, doc);
  g_clear_object (&store);

  /* A file without write permission bits (root ignores them: the store must not). */
  g_assert_cmpint (g_chmod (fixture->path, 0444), ==, 0);
  store = alama_store_open (fixture->path, ALAMA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  check_read_only_store (fixture, store, doc);
  g_clear_object (&store);
  g_assert_cmpint (g_chmod (fixture->path, 0644), ==, 0);

  /* A folder that cannot take the -wal and -shm files. */
  g_assert_cmpint (g_chmod (fixture->dir, 0555), ==, 0);
  store = alama_store_open (fixture->path, ALAMA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  check_read_only_store (fixture, store, doc);
  g_clear_object (&store);
  g_assert_cmpint (g_chmod (fixture->dir, 0755), ==, 0);

  after = project_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_locked (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaStore) store = NULL;
  g_autoptr(AlamaSpan) span = alama_span_new ("GPE", 0, 4);
  gint64 doc = make_project_with_span (fixture);
  sqlite3 *other = NULL;

  g_setenv ("ALAMA_BUSY_TIMEOUT_MS", "50", TRUE);
  store = alama_store_open (fixture->path, ALAMA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_open (fixture->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  span->document_id = doc;
  g_assert_false (alama_store_add_span (store, span, &error));
  g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, "another program"));
  g_assert_cmpint (span->id, ==, 0);
  g_clear_error (&error);

  g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);

  /* Once the other program is done, the same call works. */
  g_assert_true (alama_store_add_span (store, span, &error));
  g_assert_no_error (error);
  g_unsetenv ("ALAMA_BUSY_TIMEOUT_MS");
}

static void
test_validation_leaves_file_unchanged (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaStore) store = create_store (fixture);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(AlamaSpan) span = NULL;
  g_autoptr(AlamaDocument) document = NULL;
  gint64 doc = add_news_document (store, "خبر ٢");
  gint64 length = g_utf8_strlen (news_text, -1);
  gint64 id = 0;
  struct { const char *label; gint64 start, end; gint64 doc_delta; int code; } cases[] = {
    { "PER",     0, length + 1, 0, ALAMA_STORE_ERROR_INVALID },
    { "PER",     5, 5,          0, ALAMA_STORE_ERROR_INVALID },
    { "PER",     7, 3,          0, ALAMA_STORE_ERROR_INVALID },
    { "PER",    -1, 3,          0, ALAMA_STORE_ERROR_INVALID },
    { "WEAPON",  0, 3,          0, ALAMA_STORE_ERROR_UNKNOWN_LABEL },
    { "",        0, 3,          0, ALAMA_STORE_ERROR_INVALID },
    { "PER",     0, 3,        100, ALAMA_STORE_ERROR_NOT_FOUND },
  };

  g_clear_object (&store);   /* a checkpoint, so the bytes settle */
  store = alama_store_open (fixture->path, ALAMA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  before = project_bytes (fixture->path);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_clear_pointer (&span, alama_span_unref);
      span = alama_span_new (cases[i].label, cases[i].start, cases[i].end);
      span->document_id = doc + cases[i].doc_delta;
      g_assert_false (alama_store_add_span (store, span, &error));
      g_assert_error (error, ALAMA_STORE_ERROR, cases[i].code);
      if (cases[i].code == ALAMA_STORE_ERROR_INVALID && cases[i].label[0] != '\0')
        g_assert_nonnull (strstr (error->message, "خبر ٢"));
      g_assert_cmpint (span->id, ==, 0);
      g_clear_error (&error);
    }

  /* A span on the end edge is fine; the message of the one past it names the
   * offsets. */
  g_clear_pointer (&span, alama_span_unref);
  span = alama_span_new ("PER", 2, 9);
  alama_span_add_fragment (span, 20, length + 3);
  span->document_id = doc;
  g_assert_false (alama_store_add_span (store, span, &error));
  g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_INVALID);
  {
    g_autofree char *offsets = g_strdup_printf ("[20, %" G_GINT64_FORMAT ")", length + 3);
    g_assert_nonnull (strstr (error->message, offsets));
  }
  g_clear_error (&error);

  g_assert_false (alama_store_add_document (store, "سيئ", NULL, "\xd8\xa7\xff", NULL, NULL, &id,
                                            &error));
  g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "byte 2"));
  g_clear_error (&error);
  g_assert_false (alama_store_add_document (store, "سيئ", NULL, "نص", "[1, 2]", NULL, &id, &error));
  g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (alama_store_delete_span (store, 4242, &error));
  g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  after = project_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
  g_clear_object (&store);
  g_assert_cmpint (count_rows (fixture->path, "spans"), ==, 0);
  g_assert_cmpint (count_rows (fixture->path, "history"), ==, 1);   /* the add-document row */
  g_assert_cmpint (count_rows (fixture->path, "documents"), ==, 1);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *counter)
{
  (*counter)++;
}

static void
count_changed (AlamaStore *store,
               gint64      document_id,
               gint64     *last)
{
  *last = document_id;
}

static void
test_documents_model (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaStore) store = create_store (fixture);
  g_autoptr(AlamaDocument) first = NULL;
  g_autoptr(AlamaSpan) span = NULL;
  g_autoptr(AlamaSpan) suggestion = NULL;
  GListModel *model = alama_store_get_documents (store);
  g_autofree char *hash = NULL;
  guint notified = 0;
  gint64 changed_doc = -1;
  gint64 doc10, doc2, doc2b;

  g_signal_connect (store, "changed", G_CALLBACK (count_changed), &changed_doc);
  doc10 = add_news_document (store, "خبر 10");
  g_assert_cmpint (changed_doc, ==, doc10);
  doc2 = add_news_document (store, "خبر 2");
  doc2b = add_news_document (store, "خبر 2");

  /* Unique names, natural order. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  first = g_list_model_get_item (model, 0);
  g_assert_cmpint (alama_document_get_id (first), ==, doc2);
  g_clear_object (&first);
  first = g_list_model_get_item (model, 1);
  g_assert_cmpint (alama_document_get_id (first), ==, doc2b);
  g_assert_cmpstr (alama_document_get_name (first), ==, "خبر 2 (2)");
  g_clear_object (&first);
  first = alama_store_get_document (store, doc10);
  g_assert_cmpuint (alama_document_get_n_annotations (first), ==, 0);

  g_signal_connect (first, "notify::n-annotations", G_CALLBACK (count_notify), &notified);
  g_signal_connect (first, "notify::n-pending", G_CALLBACK (count_notify), &notified);

  span = alama_span_new ("GPE", 0, 3);
  span->document_id = doc10;
  g_assert_true (alama_store_add_span (store, span, &error));
  g_assert_cmpuint (alama_document_get_n_annotations (first), ==, 1);
  g_assert_cmpuint (alama_document_get_n_pending (first), ==, 0);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpint (changed_doc, ==, doc10);

  suggestion = alama_span_new ("PER", 5, 9);
  suggestion->document_id = doc10;
  suggestion->status = ALAMA_STATUS_PENDING;
  g_assert_true (alama_store_add_span (store, suggestion, &error));
  g_assert_cmpuint (alama_document_get_n_annotations (first), ==, 2);
  g_assert_cmpuint (alama_document_get_n_pending (first), ==, 1);
  g_assert_cmpuint (notified, ==, 3);

  /* Rejected ones are not counted. */
  g_assert_true (alama_store_set_span_status (store, suggestion->id, ALAMA_STATUS_REJECTED, &error));
  g_assert_cmpuint (alama_document_get_n_annotations (first), ==, 1);
  g_assert_cmpuint (alama_document_get_n_pending (first), ==, 0);

  g_assert_true (alama_store_undo (store, NULL, &error));
  g_assert_cmpuint (alama_document_get_n_pending (first), ==, 1);

  /* A cancelled group changes nothing in the model. */
  g_assert_true (alama_store_begin_change (store, "Import", ALAMA_CHANGE_NOT_UNDOABLE, &error));
  add_news_document (store, "خبر 3");
  alama_store_cancel_change (store);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_null (alama_store_find_document (store, "خبر 3"));

  g_assert_true (alama_store_delete_document (store, doc2, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_cmpuint (alama_store_get_n_documents (store), ==, 2);
  g_clear_object (&first);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, news_text, -1);
  first = alama_store_find_document_by_hash (store, hash);
  g_assert_nonnull (first);
  g_assert_cmpstr (alama_document_get_content_hash (first), ==, hash);
}

static void
test_schema_in_use (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaStore) store = create_store (fixture);
  g_autoptr(AlamaSchema) schema = alama_store_get_schema (store);
  g_autoptr(AlamaSchema) smaller = alama_schema_copy (schema);
  g_autoptr(AlamaSchema) now = NULL;
  g_autoptr(AlamaSpan) span = alama_span_new ("LOC", 0, 3);
  gint64 doc = add_news_document (store, "خبر");

  span->document_id = doc;
  g_assert_true (alama_store_add_span (store, span, &error));

  for (guint i = 0; i < smaller->labels->len; i++)
    if (g_str_equal (((AlamaLabel *) smaller->labels->pdata[i])->key, "LOC"))
      g_ptr_array_remove_index (smaller->labels, i);

  g_assert_false (alama_store_set_schema (store, smaller, &error));
  g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_UNKNOWN_LABEL);
  g_assert_nonnull (strstr (error->message, "LOC"));
  g_clear_error (&error);
  now = alama_store_get_schema (store);
  g_assert_nonnull (alama_schema_find_label (now, "LOC"));
  g_clear_pointer (&now, alama_schema_unref);

  g_assert_true (alama_store_delete_span (store, span->id, &error));
  g_assert_true (alama_store_set_schema (store, smaller, &error));
  g_assert_no_error (error);
  now = alama_store_get_schema (store);
  g_assert_null (alama_schema_find_label (now, "LOC"));
}

static void
test_imported_files (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaStore) store = create_store (fixture);
  const char *hash = "3b5d5c3712955042212316173ccf37be800cc7a5d8a9c1b2a7f1d6f3c0e0e8a1";

  g_assert_false (alama_store_has_imported_file (store, hash));
  g_assert_true (alama_store_record_imported_file (store, hash, "/tmp/a.jsonl", &error));
  g_assert_no_error (error);
  g_assert_true (alama_store_has_imported_file (store, hash));
  g_assert_false (alama_store_can_undo (store));
}

static void
test_list_order_and_relation_errors (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaStore) store = create_store (fixture);
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(AlamaSpan) person = NULL;
  g_autoptr(AlamaSpan) quote = NULL;
  g_autoptr(AlamaSpan) elsewhere = NULL;
  g_autoptr(AlamaRelation) relation = NULL;
  g_autoptr(AlamaSpan) relabel = NULL;
  gint64 doc = add_news_document (store, "خبر");
  gint64 other = add_news_document (store, "خبر آخر");
  struct { const char *label; gint64 start, end; } input[] = {
    { "GPE", 30, 35 }, { "PER", 20, 30 }, { "ORG", 20, 25 }, { "EVENT", 0, 40 }, { "LOC", 20, 28 },
  };
  const char *expected[] = { "EVENT", "PER", "LOC", "ORG", "GPE" };

  for (guint i = 0; i < G_N_ELEMENTS (input); i++)
    {
      g_autoptr(AlamaSpan) span = alama_span_new (input[i].label, input[i].start, input[i].end);

      span->document_id = doc;
      g_assert_true (alama_store_add_span (store, span, &error));
      g_assert_no_error (error);
    }

  /* By start, then longer first. */
  spans = alama_store_list_spans (store, doc, ALAMA_STATUS_MASK_ALL, &error);
  g_assert_cmpuint (spans->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < spans->len; i++)
    g_assert_cmpstr (((AlamaSpan *) spans->pdata[i])->label, ==, expected[i]);

  person = alama_span_copy (spans->pdata[1]);
  quote = alama_span_new ("QUOTE", 45, 60);
  quote->document_id = doc;
  g_assert_true (alama_store_add_span (store, quote, &error));
  elsewhere = alama_span_new ("QUOTE", 45, 60);
  elsewhere->document_id = other;
  g_assert_true (alama_store_add_span (store, elsewhere, &error));

  /* Spans of two documents. */
  relation = alama_relation_new ("SPEAKER", person->id, elsewhere->id);
  g_assert_false (alama_store_add_relation (store, relation, &error));
  g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* A span that is not there. */
  relation->to_id = 987654;
  g_assert_false (alama_store_add_relation (store, relation, &error));
  g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (relation->id, ==, 0);

  /* A label change that its relation would not allow. */
  relation->to_id = quote->id;
  g_assert_true (alama_store_add_relation (store, relation, &error));
  g_assert_no_error (error);
  relabel = alama_span_copy (person);
  g_free (relabel->label);
  relabel->label = g_strdup ("DATE");
  g_assert_false (alama_store_update_span (store, relabel, &error));
  g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_ALLOWED);
  g_assert_nonnull (strstr (error->message, "SPEAKER"));
  g_clear_error (&error);
  g_free (relabel->label);
  relabel->label = g_strdup ("ORG");
  g_assert_true (alama_store_update_span (store, relabel, &error));
  g_assert_no_error (error);
}

/* Metadata nesting "[" 200,000 deep overflowed the stack inside json-glib when
 * the store checked it (SIGSEGV); it is refused, and nothing is added. */
static void
test_deep_metadata_refused (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(AlamaStore) store = create_store (fixture);
  g_autoptr(GString) metadata = g_string_new ("{\"m\": ");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 200000; i++)
    g_string_append_c (metadata, '[');
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (metadata, ']');
  g_string_append_c (metadata, '}');

  g_assert_false (alama_store_add_document (store, "عميق", NULL, news_text, metadata->str, NULL,
                                            NULL, &error));
  g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "nested deeper than 512 levels"));
  g_assert_cmpuint (alama_store_get_n_documents (store), ==, 0);
}

/* A schema whose label holds a tab (as --add-labels produced from a CoNLL tag
 * or a JSONL label) was stored, and broke exports; the store refuses it and
 * keeps its schema. */
static void
test_schema_key_characters_refused (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(AlamaStore) store = create_store (fixture);
  g_autoptr(AlamaSchema) before = alama_store_get_schema (store);
  g_autoptr(AlamaSchema) schema = alama_schema_copy (before);
  g_autoptr(AlamaSchema) after = NULL;
  g_autoptr(GError) error = NULL;

  alama_schema_ensure_label (schema, "سلاح\t", ALAMA_LABEL_KIND_ENTITY);
  g_assert_false (alama_store_set_schema (store, schema, &error));
  g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "label “سلاح<U+0009>” holds U+0009"));
  g_clear_error (&error);

  g_clear_pointer (&schema, alama_schema_unref);
  schema = alama_schema_copy (before);
  alama_schema_ensure_relation_type (schema, "SAID\nTO");
  g_assert_false (alama_store_set_schema (store, schema, &error));
  g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "relation type “SAID<U+000A>TO”"));

  after = alama_store_get_schema (store);
  g_assert_cmpuint (after->labels->len, ==, before->labels->len);
  g_assert_cmpuint (after->relation_types->len, ==, before->relation_types->len);
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

  g_test_add ("/alama/store/refuses-foreign-sqlite", Fixture, NULL,
              fixture_set_up, test_refuses_foreign_sqlite, fixture_tear_down);
  g_test_add ("/alama/store/refuses-text-file", Fixture, NULL,
              fixture_set_up, test_refuses_text_file, fixture_tear_down);
  g_test_add ("/alama/store/empty-file", Fixture, NULL,
              fixture_set_up, test_empty_file, fixture_tear_down);
  g_test_add ("/alama/store/corrupt", Fixture, NULL,
              fixture_set_up, test_corrupt, fixture_tear_down);
  g_test_add ("/alama/store/too-new", Fixture, NULL,
              fixture_set_up, test_too_new, fixture_tear_down);
  g_test_add ("/alama/store/damaged-table", Fixture, NULL,
              fixture_set_up, test_damaged_table, fixture_tear_down);
  g_test_add ("/alama/store/damaged-column", Fixture, NULL,
              fixture_set_up, test_damaged_column, fixture_tear_down);
  g_test_add ("/alama/store/symlink-nowhere", Fixture, NULL,
              fixture_set_up, test_symlink_nowhere, fixture_tear_down);
  g_test_add ("/alama/store/read-only", Fixture, NULL,
              fixture_set_up, test_read_only, fixture_tear_down);
  g_test_add ("/alama/store/locked", Fixture, NULL,
              fixture_set_up, test_locked, fixture_tear_down);
  g_test_add ("/alama/store/validation-leaves-file-unchanged", Fixture, NULL,
              fixture_set_up, test_validation_leaves_file_unchanged, fixture_tear_down);
  g_test_add ("/alama/store/documents-model", Fixture, NULL,
              fixture_set_up, test_documents_model, fixture_tear_down);
  g_test_add ("/alama/store/schema-in-use", Fixture, NULL,
              fixture_set_up, test_schema_in_use, fixture_tear_down);
  g_test_add ("/alama/store/schema-key-characters-refused", Fixture, NULL,
              fixture_set_up, test_schema_key_characters_refused, fixture_tear_down);
  g_test_add ("/alama/store/deep-metadata-refused", Fixture, NULL,
              fixture_set_up, test_deep_metadata_refused, fixture_tear_down);
  g_test_add ("/alama/store/imported-files", Fixture, NULL,
              fixture_set_up, test_imported_files, fixture_tear_down);

  g_test_add ("/alama/store/list-order-and-relation-errors", Fixture, NULL,
              fixture_set_up, test_list_order_and_relation_errors, fixture_tear_down);

  return g_test_run ();
}
