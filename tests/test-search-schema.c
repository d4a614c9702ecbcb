/* test-search-schema.c: the search tables are part of the project's schema,
 * made by a migration (alama-store-migrations.c), never on the side by a
 * search: a new project has them as soon as it is opened, and searching,
 * counting and indexing leave the schema exactly as the migrations made it. */
#define G_LOG_DOMAIN "test-search-schema"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include <alama/alama-search.h>
#include <alama/alama-store.h>

/* Every table, index, trigger and view of the file, as "type name: sql" lines. */
static char *
read_schema (const char *path)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT type, name, coalesce (sql, '') FROM sqlite_master"
                                       " ORDER BY type, name", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s %s: %s\n", sqlite3_column_text (stmt, 0),
                            sqlite3_column_text (stmt, 1), sqlite3_column_text (stmt, 2));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_made_by_migration (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("alama-search-schema-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "p.alama", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  AlamaAnnotationQuery query = { 0 };

  g_assert_no_error (error);
  {
    g_autoptr(AlamaStore) store = alama_store_open (path, ALAMA_STORE_OPEN_CREATE, &error);
    g_assert_no_error (error);
    g_assert_true (alama_store_add_document (store, "d1", NULL, "قال الرئيس إن الاتفاق قريب",
                                             NULL, NULL, NULL, &error));
    g_assert_no_error (error);
  }

  /* Opened and given a document, never searched: the tables are there. */
  before = read_schema (path);
  g_assert_nonnull (strstr (before, "table search_fts: CREATE VIRTUAL TABLE search_fts"));
  g_assert_nonnull (strstr (before, "table search_indexed: "));

  {
    g_autoptr(AlamaStore) store = alama_store_open (path, ALAMA_STORE_OPEN_DEFAULT, &error);
    g_autoptr(GPtrArray) hits = NULL;
    g_autoptr(GPtrArray) spans = NULL;

    g_assert_no_error (error);
    hits = alama_search_text (store, "الاتفاق", ALAMA_SEARCH_DEFAULT, 0, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_cmpint (alama_search_count_unindexed (store, &error), >=, 0);
    g_assert_no_error (error);
    g_assert_true (alama_search_update_index (store, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (alama_search_count_documents (store, "الرئيس", ALAMA_SEARCH_DEFAULT,
                                                   NULL, &error), ==, 1);
    g_assert_no_error (error);
    spans = alama_search_annotations (store, &query, &error);
    g_assert_no_error (error);
  }

  after = read_schema (path);
  g_assert_cmpstr (after, ==, before);

  g_remove (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/alama/search-schema/made-by-migration", test_made_by_migration);
  return g_test_run ();
}
