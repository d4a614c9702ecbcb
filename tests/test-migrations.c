/* test-migrations.c: the upgrade machinery of the project file, and the real
 * migrations.
 *
 * The machinery is proved with a test-only list: this build's real migrations
 * plus a made-up next one (TEST_VERSION). Migration 2 (the indexes for catching
 * up with a change) is proved on a file taken back to version 1. */
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

#define TEST_VERSION (ALAMA_SCHEMA_VERSION + 1)

/* The next version (test only): spans get a confidence column, filled for old rows. */
static gboolean
migration_next_confidence (sqlite3  *db,
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

/* The next version (test only) that does some work, then fails half-way. */
static gboolean
migration_next_failing (sqlite3  *db,
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
test_list (AlamaMigrationFunc next)
{
  guint n = 0;
  const AlamaMigration *real = _alama_store_get_migrations (&n);
  AlamaMigration *list = g_new0 (AlamaMigration, TEST_VERSION);

  g_assert_cmpuint (n, ==, ALAMA_SCHEMA_VERSION);
  for (guint i = 0; i < n; i++)
    list[i] = real[i];
  list[n].description = "test migration";
  list[n].migrate = next;
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
test_upgrade_to_next (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree AlamaMigration *list = test_list (migration_next_confidence);
  sqlite3 *db = open_raw (fixture->path);

  g_assert_true (_alama_store_migrate_with (db, fixture->path, list, TEST_VERSION, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, TEST_VERSION);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM spans WHERE confidence = 1.0"), ==, 1);

  /* Running it again is a no-op. */
  g_assert_true (_alama_store_migrate_with (db, fixture->path, list, TEST_VERSION, &error));
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, TEST_VERSION);

  /* And this build (which knows one version less) now refuses the file. */
  g_assert_false (_alama_store_migrate_with (db, fixture->path, list, ALAMA_SCHEMA_VERSION,
                                             &error));
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
test_failing_migration_leaves_file (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree AlamaMigration *list = test_list (migration_next_failing);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len = 0, after_len = 0;
  sqlite3 *db;

  g_assert_true (g_file_get_contents (fixture->path, &before, &before_len, NULL));

  db = open_raw (fixture->path);
  g_assert_false (_alama_store_migrate_with (db, fixture->path, list, TEST_VERSION, &error));
  g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_FAILED);
  {
    g_autofree char *version = g_strdup_printf ("version %d", TEST_VERSION);
    g_assert_nonnull (strstr (error->message, version));
  }
  g_assert_nonnull (strstr (error->message, "disk on fire"));
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, ALAMA_SCHEMA_VERSION);
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

static int
count_commits_cb (void *data)
{
  (*(int *) data)++;
  return 0;   /* let the commit happen */
}

static gint64
count_index (sqlite3    *db,
             const char *name)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM sqlite_master "
                                           "WHERE type = 'index' AND name = ?", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* What migration 1 left: the indexes of version 1, user_version 1. */
static void
take_back_to_v1 (sqlite3 *db)
{
  g_assert_cmpint (sqlite3_exec (db,
                                 "BEGIN;"
                                 "DROP TRIGGER document_order_add;"
                                 "DROP TRIGGER document_order_remove;"
                                 "DROP TRIGGER document_order_rename;"
                                 "DROP TABLE document_order;"
                                 "DROP INDEX spans_by_document_modified;"
                                 "DROP INDEX relations_by_document_modified;"
                                 "CREATE INDEX spans_by_document ON spans (document_id, status);"
                                 "CREATE INDEX relations_by_document ON relations (document_id, status);"
                                 "PRAGMA user_version = 1;"
                                 "COMMIT;", NULL, NULL, NULL), ==, SQLITE_OK);
}

static const char delta_query[] =
  "EXPLAIN QUERY PLAN SELECT id, modified FROM spans WHERE document_id = 1 "
  "AND status IN ('accepted', 'pending') AND modified >= 5";

/* True when the plan of @sql names @index. */
static gboolean
plan_uses (sqlite3    *db,
           const char *sql,
           const char *index)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    if (strstr ((const char *) sqlite3_column_text (stmt, 3), index) != NULL)
      found = TRUE;
  sqlite3_finalize (stmt);
  return found;
}

static void
test_v1_file_gets_indexes (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;
  const AlamaMigration *real = _alama_store_get_migrations (&n);
  sqlite3 *db = open_raw (fixture->path);
  int commits = 0;

  take_back_to_v1 (db);
  g_assert_false (plan_uses (db, delta_query, "spans_by_document_modified"));

  /* Up to version 2 only: what this test is about. */
  sqlite3_commit_hook (db, count_commits_cb, &commits);
  g_assert_true (_alama_store_migrate_with (db, fixture->path, real, 2, &error));
  g_assert_no_error (error);
  sqlite3_commit_hook (db, NULL, NULL);

  /* One transaction took it from 1 to 2: the indexes and the version together. */
  g_assert_cmpint (commits, ==, 1);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, 2);
  g_assert_cmpint (count_index (db, "spans_by_document_modified"), ==, 1);
  g_assert_cmpint (count_index (db, "relations_by_document_modified"), ==, 1);
  g_assert_cmpint (count_index (db, "spans_by_document"), ==, 0);
  g_assert_cmpint (count_index (db, "relations_by_document"), ==, 0);
  g_assert_true (plan_uses (db, delta_query, "spans_by_document_modified"));
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM spans"), ==, 1);
  sqlite3_close (db);

  /* The upgraded file opens and takes new annotations. */
  {
    g_autoptr(AlamaStore) store = alama_store_open (fixture->path, ALAMA_STORE_OPEN_DEFAULT,
                                                    &error);
    g_autoptr(AlamaSpan) span = alama_span_new ("LOC", 30, 40);

    g_assert_no_error (error);
    span->document_id = 1;
    g_assert_true (alama_store_add_span (store, span, &error));
    g_assert_no_error (error);
  }
}

static void
test_v1_file_upgraded_on_open (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = open_raw (fixture->path);

  take_back_to_v1 (db);
  sqlite3_close (db);

  {
    g_autoptr(AlamaStore) store = alama_store_open (fixture->path, ALAMA_STORE_OPEN_DEFAULT,
                                                    &error);
    g_assert_no_error (error);
    g_assert_cmpuint (alama_store_get_n_documents (store), ==, 1);
  }

  db = open_raw (fixture->path);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, ALAMA_SCHEMA_VERSION);
  g_assert_cmpint (count_index (db, "spans_by_document_modified"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM spans"), ==, 1);
  sqlite3_close (db);
}

static void
test_current_file_untouched (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len = 0, after_len = 0;
  guint n = 0;
  const AlamaMigration *real = _alama_store_get_migrations (&n);
  sqlite3 *db;
  int commits = 0;

  g_assert_true (g_file_get_contents (fixture->path, &before, &before_len, NULL));
  db = open_raw (fixture->path);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, ALAMA_SCHEMA_VERSION);
  sqlite3_commit_hook (db, count_commits_cb, &commits);
  g_assert_true (_alama_store_migrate_with (db, fixture->path, real, n, &error));
  g_assert_no_error (error);
  g_assert_cmpint (commits, ==, 0);
  sqlite3_close (db);

  g_assert_true (g_file_get_contents (fixture->path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
}

/* The words the store wrote into changes.description before version 6, and
 * what version 6 reads them as (no action: a group's or an import's own words). */
static const struct
{
  const char *description;
  const char *action;
  const char *label;
} old_words[] = {
  { "Add document بيان", "add-document", "بيان" },
  { "Delete document تقرير (2)", "delete-document", "تقرير (2)" },
  { "Change label to ORG", "relabel-span", "ORG" },
  { "Change relation to QUOTE_OF", "retype-relation", "QUOTE_OF" },
  { "Mark PER for review", "mark-pending", "PER" },
  { "Autotag (gazetteer)", "autotag", "gazetteer" },
  { "Accept suggestion", "accept", NULL },
  { "Reject suggestion", "reject", NULL },
  { "Change schema", "set-schema", NULL },
  { "Import", "import", NULL },
  { "Add PER", "add-span", "PER" },
  { "Edit LOC", "edit-span", "LOC" },
  { "Delete QUOTE", "delete-span", "QUOTE" },
  { "Import news.jsonl", NULL, NULL },
  { "قبول كل اقتراحات PER", NULL, NULL },
};

/* A version-5 file's English change descriptions become actions and labels,
 * and word the same as before. */
static void
test_v5_descriptions_become_actions (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaStore) store = NULL;
  g_autofree char *newest = NULL;
  AlamaChangeAction action = ALAMA_CHANGE_ACTION_NONE;
  g_autofree char *label = NULL;
  sqlite3 *db = open_raw (fixture->path);
  sqlite3_stmt *stmt = NULL;
  guint i = 0;

  /* What version 5 wrote: the words alone. */
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM changes;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO changes (description, undoable, at) "
                                           "VALUES (?, 1, 0)", -1, &stmt, NULL), ==, SQLITE_OK);
  for (i = 0; i < G_N_ELEMENTS (old_words); i++)
    {
      sqlite3_bind_text (stmt, 1, old_words[i].description, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 5", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = alama_store_open (fixture->path, ALAMA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (_alama_store_get_db (store), "PRAGMA user_version"), ==,
                   ALAMA_SCHEMA_VERSION);

  g_assert_cmpint (sqlite3_prepare_v2 (_alama_store_get_db (store),
                                       "SELECT description, action, label FROM changes ORDER BY id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  for (i = 0; sqlite3_step (stmt) == SQLITE_ROW; i++)
    {
      const char *description = (const char *) sqlite3_column_text (stmt, 0);
      const char *nick = (const char *) sqlite3_column_text (stmt, 1);
      const char *stored_label = (const char *) sqlite3_column_text (stmt, 2);
      g_autofree char *words = NULL;

      g_assert_cmpuint (i, <, G_N_ELEMENTS (old_words));
      g_assert_cmpstr (nick, ==, old_words[i].action);
      g_assert_cmpstr (stored_label, ==, old_words[i].label);
      /* The English lives in one place now; the words read back the same. */
      if (nick != NULL)
        g_assert_cmpstr (description, ==, "");
      words = alama_change_action_format (alama_change_action_from_nick (nick), stored_label,
                                          description);
      g_assert_cmpstr (words, ==, old_words[i].description);
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (i, ==, G_N_ELEMENTS (old_words));

  /* The undo stack words the newest one as before, and hands out its action. */
  newest = alama_store_dup_undo_description (store);
  g_assert_cmpstr (newest, ==, old_words[G_N_ELEMENTS (old_words) - 1].description);
  g_assert_true (alama_store_get_undo_action (store, &action, &label));
  g_assert_cmpint (action, ==, ALAMA_CHANGE_ACTION_NONE);
  g_assert_cmpstr (label, ==, old_words[G_N_ELEMENTS (old_words) - 1].description);
}

/* The columns the store checks a project for on open are exactly those the
 * migrations make, read from a database migrated in memory. */
static void
test_expected_columns_match_migrations (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) listing = g_string_new (NULL);
  const char * const *expected = _alama_store_get_expected_columns ();
  const AlamaMigration *migrations;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  guint n_migrations, i = 0;
  gboolean same = TRUE;

  migrations = _alama_store_get_migrations (&n_migrations);
  g_assert_cmpint (sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_true (_alama_store_migrate_with (db, ":memory:", migrations, n_migrations, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT m.name, c.name FROM sqlite_master m, "
                                           "pragma_table_info (m.name) c "
                                           "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' "
                                           "ORDER BY m.name, c.cid", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *column = g_strdup_printf ("%s\t%s", sqlite3_column_text (stmt, 0),
                                                 sqlite3_column_text (stmt, 1));

      g_string_append_printf (listing, "  \"%s\\t%s\",\n", sqlite3_column_text (stmt, 0),
                              sqlite3_column_text (stmt, 1));
      if (expected[i] == NULL || strcmp (expected[i], column) != 0)
        same = FALSE;
      if (expected[i] != NULL)
        i++;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  if (expected[i] != NULL)
    same = FALSE;
  if (!same)
    g_test_message ("expected_columns[] in alama-store-migrations.c should be:\n%s", listing->str);
  g_assert_true (same);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alama/migrations/expected-columns-match-migrations",
                   test_expected_columns_match_migrations);
  g_test_add ("/alama/migrations/fresh-file-is-current", Fixture, NULL,
              fixture_set_up, test_fresh_file_is_current, fixture_tear_down);
  g_test_add ("/alama/migrations/upgrade-to-next", Fixture, NULL,
              fixture_set_up, test_upgrade_to_next, fixture_tear_down);
  g_test_add ("/alama/migrations/failing-migration-leaves-file", Fixture, NULL,
              fixture_set_up, test_failing_migration_leaves_file, fixture_tear_down);
  g_test_add ("/alama/migrations/v1-file-gets-indexes", Fixture, NULL,
              fixture_set_up, test_v1_file_gets_indexes, fixture_tear_down);
  g_test_add ("/alama/migrations/v1-file-upgraded-on-open", Fixture, NULL,
              fixture_set_up, test_v1_file_upgraded_on_open, fixture_tear_down);
  g_test_add ("/alama/migrations/v5-descriptions-become-actions", Fixture, NULL,
              fixture_set_up, test_v5_descriptions_become_actions, fixture_tear_down);
  g_test_add ("/alama/migrations/current-file-untouched", Fixture, NULL,
              fixture_set_up, test_current_file_untouched, fixture_tear_down);

  return g_test_run ();
}
