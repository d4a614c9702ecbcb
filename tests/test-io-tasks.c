/* test-io-tasks.c: the workbench's import task runs an import again when it
 * found the project locked, and reports it.
 *
 * Another connection holds the project's write lock; the task's store waits
 * only briefly for it (ALAMA_BUSY_TIMEOUT_MS), fails, says it will try again,
 * and the test lets go of the lock when it reads that. */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include <alama/alama-store.h>

#include "alama-io-tasks.h"

#define TRYING_AGAIN "The project is busy; trying again…"

typedef struct
{
  char     *dir;
  char     *project;
  char     *input;
  sqlite3  *blocker;          /* holds the write lock, or NULL */
  gboolean  told_busy;        /* the task said it tries again */
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaStore) store = NULL;

  f->dir = g_dir_make_tmp ("alama-io-tasks-XXXXXX", &error);
  g_assert_no_error (error);
  f->project = g_build_filename (f->dir, "p.alama", NULL);
  f->input = g_build_filename (f->dir, "news.jsonl", NULL);
  g_file_set_contents (f->input,
                       "{\"name\": \"beirut\", \"text\": \"قال الوزير في بيروت إن الاتفاق قريب.\"}\n",
                       -1, &error);
  g_assert_no_error (error);
  store = alama_store_open (f->project, ALAMA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->project, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->project, "-shm", NULL);

  if (f->blocker != NULL)
    sqlite3_close (f->blocker);
  g_clear_error (&f->error);
  g_unlink (f->input);
  g_unlink (f->project);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->input);
  g_free (f->project);
  g_free (f->dir);
}

static void
progress_cb (double      fraction,
             const char *text,
             gpointer    user_data)
{
  Fixture *f = g_object_get_data (user_data, "fixture");

  if (g_strcmp0 (text, TRYING_AGAIN) == 0)
    f->told_busy = TRUE;
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Fixture *f = user_data;

  f->ok = alama_io_import_finish (result, NULL, &f->error);
  f->done = TRUE;
}

static gint64
count_documents (const char *project)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open (project, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM documents", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* Takes the project's write lock on another connection, then starts the
 * import task. */
static void
start_import_while_locked (Fixture *f)
{
  const char *paths[] = { f->input, NULL };
  g_autoptr(GObject) owner = g_object_new (G_TYPE_OBJECT, NULL);

  g_object_set_data (owner, "fixture", f);
  g_assert_cmpint (sqlite3_open (f->project, &f->blocker), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (f->blocker, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  alama_io_import_async (f->project, paths, NULL, progress_cb, owner, NULL, import_done_cb, f);
}

static void
test_import_retries_when_locked (Fixture       *f,
                                 gconstpointer  data)
{
  start_import_while_locked (f);
  while (!f->told_busy && !f->done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (f->done);
  g_assert_cmpint (count_documents (f->project), ==, 0);

  g_assert_cmpint (sqlite3_exec (f->blocker, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  while (!f->done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (f->error);
  g_assert_true (f->ok);
  g_assert_cmpint (count_documents (f->project), ==, 1);
}

/* A lock that stays is reported as such, once the task has tried enough. */
static void
test_import_gives_up_on_a_lock_that_stays (Fixture       *f,
                                           gconstpointer  data)
{
  start_import_while_locked (f);
  while (!f->done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (f->told_busy);
  g_assert_false (f->ok);
  g_assert_error (f->error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_LOCKED);
  g_assert_cmpint (sqlite3_exec (f->blocker, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (count_documents (f->project), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* The task's store gives up on the lock at once instead of after seconds. */
  g_setenv ("ALAMA_BUSY_TIMEOUT_MS", "20", TRUE);

  g_test_add ("/alama/io-tasks/import-retries-when-locked", Fixture, NULL,
              fixture_set_up, test_import_retries_when_locked, fixture_tear_down);
  g_test_add ("/alama/io-tasks/import-gives-up-on-a-lock-that-stays", Fixture, NULL,
              fixture_set_up, test_import_gives_up_on_a_lock_that_stays, fixture_tear_down);

  return g_test_run ();
}
