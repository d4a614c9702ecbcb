/* test-migrations.c: the upgrade machinery of the project file.
 *
 * This build has one migration, so the tests prove the machinery with a
 * test-only list: the real migration 1 plus a made-up migration 2. */
#define G_LOG_DOMAIN "test-migrations"

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "alama/alama-store.h"
#include "../app/core/alama-store-private.h"

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
  g_autoptr(AlamaStore) store = NULL;
  g_autoptr(AlamaSpan) span = NULL;
  gint64 doc = 0;

  fixture->dir = g_dir_make_tmp ("alama-test-migrations-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "v1.alama", NULL);

  /* A version-1 project with a document and a span in it. */
  store = alama_store_open (fixture->path, ALAMA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (alama_store_add_document (store, "بيان", NULL,
                                           "أكد المتحدث باسم الحكومة أن الانتخابات ستجري في موعدها.",
                                           NULL, NULL, &doc, &error));
  span = alama_span_new ("PER", 4, 25);
  span->document_id = doc;
  g_assert_true (alama_store_add_span (store, span, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (fixture->dir, name, NULL);
      g_remove (child);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
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

/* Version 2 (test only): spans get a confidence column, filled for old rows. */
static gboolean
migration_2_confidence (sqlite3  *db,
                        GError  **error)
{
  if (sqlite3_exec (db, "ALTER TABLE spans ADD COLUMN confidence REAL; "
                        "UPDATE spans SET confidence = 1.0;", NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_FAILED, "%s", sqlite3_errmsg (db));
      return FALSE;
    }
  return TRUE;
}

/* Version 2 (test only) that does some work, then fails half-way. */
static gboolean
migration_2_failing (sqlite3  *db,
                     GError  **error)
{
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE half_done (x); DELETE FROM spans;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_FAILED, "disk on fire");
  return FALSE;
}

static sqlite3 *
open_raw (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  return db;
}

static AlamaMigration *
test_list (AlamaMigrationFunc second)
{
  guint n = 0;
  const AlamaMigration *real = _alama_store_get_migrations (&n);
  AlamaMigration *list = g_new0 (AlamaMigration, 2);

  g_assert_cmpuint (n, ==, ALAMA_SCHEMA_VERSION);
  g_assert_cmpuint (n, ==, 1);
  list[0] = real[0];
  list[1].description = "test migration 2";
  list[1].migrate = second;
  return list;
}

static void
test_fresh_file_is_current (Fixture       *fixture,
                            gconstpointer  data)
{
  sqlite3 *db = open_raw (fixture->path);

  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, ALAMA_SCHEMA_VERSION);
  g_assert_cmpint (query_int (db, "PRAGMA application_id"), ==, ALAMA_APPLICATION_ID);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM spans"), ==, 1);
  sqlite3_close (db);
}

static void
test_upgrade_v1_to_v2 (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree AlamaMigration *list = test_list (migration_2_confidence);
  sqlite3 *db = open_raw (fixture->path);

  g_assert_true (_alama_store_migrate_with (db, fixture->path, list, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, 2);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM spans WHERE confidence = 1.0"), ==, 1);

  /* Running it again is a no-op. */
  g_assert_true (_alama_store_migrate_with (db, fixture->path, list, 2, &error));
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, 2);

  /* And this build (which knows version 1 only) now refuses the file. */
  g_assert_false (_alama_store_migrate_with (db, fixture->path, list, 1, &error));
  g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, fixture->path));
  sqlite3_close (db);
  g_clear_error (&error);

  {
    g_autoptr(AlamaStore) store = alama_store_open (fixture->path, ALAMA_STORE_OPEN_DEFAULT,
                                                    &error);
    g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_TOO_NEW);
    g_assert_null (store);
  }
}

static void
test_failing_migration_leaves_v1 (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree AlamaMigration *list = test_list (migration_2_failing);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len = 0, after_len = 0;
  sqlite3 *db;

  g_assert_true (g_file_get_contents (fixture->path, &before, &before_len, NULL));

  db = open_raw (fixture->path);
  g_assert_false (_alama_store_migrate_with (db, fixture->path, list, 2, &error));
  g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "version 2"));
  g_assert_nonnull (strstr (error->message, "disk on fire"));
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM spans"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sqlite_master WHERE name = 'half_done'"),
                   ==, 0);
  sqlite3_close (db);

  g_assert_true (g_file_get_contents (fixture->path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
  g_clear_error (&error);

  /* The file still opens normally. */
  {
    g_autoptr(AlamaStore) store = alama_store_open (fixture->path, ALAMA_STORE_OPEN_DEFAULT,
                                                    &error);
    g_assert_no_error (error);
    g_assert_cmpuint (alama_store_get_n_documents (store), ==, 1);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/alama/migrations/fresh-file-is-current", Fixture, NULL,
              fixture_set_up, test_fresh_file_is_current, fixture_tear_down);
  g_test_add ("/alama/migrations/upgrade-v1-to-v2", Fixture, NULL,
              fixture_set_up, test_upgrade_v1_to_v2, fixture_tear_down);
  g_test_add ("/alama/migrations/failing-migration-leaves-v1", Fixture, NULL,
              fixture_set_up, test_failing_migration_leaves_v1, fixture_tear_down);

  return g_test_run ();
}
