/* store-test-util.h: for the core tests that make a project file of their own. */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include <alama/alama-store-upgrade.h>

/* Removes a project file and the -wal and -shm files SQLite keeps beside it
 * (close the store first). */
static inline void
remove_project_files (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_remove (path);
  g_remove (wal);
  g_remove (shm);
}

/* Runs @sql_file (under tests/fixtures/store) on the project at @path with a
 * plain SQLite connection of its own, as another program would. */
static inline void
run_store_fixture_sql (const char *path,
                       const char *sql_file)
{
  g_autofree char *script_path = g_test_build_filename (G_TEST_DIST, "fixtures", "store",
                                                        sql_file, NULL);
  g_autofree char *script = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_true (g_file_get_contents (script_path, &script, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, script, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* Takes the project at @path back to what version 8 of the schema wrote
 * (tests/fixtures/store/back-to-version-8.sql), for the tests of upgrades. */
static inline void
take_back_to_version_8 (const char *path)
{
  run_store_fixture_sql (path, "back-to-version-8.sql");
}

/* SHA-256 of the file at @path: "left exactly as it was" is this, equal. */
static inline char *
project_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

/* The schema version in the file's header (alama_store_read_version()). */
static inline guint
project_header_version (const char *path)
{
  g_autoptr(GError) error = NULL;
  guint version = 0;

  g_assert_true (alama_store_read_version (path, &version, &error));
  g_assert_no_error (error);
  return version;
}

/* The first column of the first row of @sql, on a connection of its own to
 * @path: it sees commits still in the -wal, which the file's header does not. */
static inline gint64
project_query_int (const char *path,
                   const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* Whether SQLite's write-ahead log is beside @path: a connection that was not
 * closed leaves it. */
static inline gboolean
project_wal_exists (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  return g_file_test (wal, G_FILE_TEST_EXISTS);
}

/* A new project @file_name in a new temporary folder made from @dir_template
 * (as g_dir_make_tmp() takes it); sets @dir and @path (owned). Undo it with
 * remove_project_in_tmp(). */
static inline AlamaStore *
create_project_in_tmp (const char  *dir_template,
                       const char  *file_name,
                       char       **dir,
                       char       **path)
{
  g_autoptr(GError) error = NULL;
  AlamaStore *store;

  *dir = g_dir_make_tmp (dir_template, &error);
  g_assert_no_error (error);
  *path = g_build_filename (*dir, file_name, NULL);
  store = alama_store_open (*path, ALAMA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  return store;
}

/* Closes @store (if still open) and removes the project and its folder. */
static inline void
remove_project_in_tmp (AlamaStore **store,
                       char       **dir,
                       char       **path)
{
  g_clear_object (store);
  remove_project_files (*path);
  g_rmdir (*dir);
  g_clear_pointer (path, g_free);
  g_clear_pointer (dir, g_free);
}
