/* test-store-upgrade.c: learning a project's version without opening it,
 * upgrading with progress, and stopping an upgrade (alama-store-upgrade.h).
 *
 * The old project is made as test-stats-kept and test-cli make one: a current
 * project taken back to version 8 by hand (what migrations 9 and 10 add is
 * dropped), so that the upgrade has two migrations with real work to do. */
#define G_LOG_DOMAIN "test-store-upgrade"

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "alama/alama-store.h"
#include "alama/alama-store-upgrade.h"
#include "../app/core/alama-store-upgrade-private.h"
#include "store-test-util.h"

#define OLD_VERSION 8

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
exec_raw (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaStore) store = NULL;

  store = create_project_in_tmp ("alama-test-store-upgrade-XXXXXX", "old.alama", &f->dir, &f->path);
  for (guint d = 0; d < 40; d++)
    {
      g_autofree char *name = g_strdup_printf ("خبر-%02u", d);
      gint64 doc = 0;

      g_assert_true (alama_store_add_document (store, name, NULL,
                                               "قال وزير الخارجية سيرغي لافروف إن المحادثات في موسكو "
                                               "كانت بناءة، وأكد بوتين ذلك.",
                                               NULL, NULL, &doc, &error));
      g_assert_no_error (error);
      for (guint s = 0; s < 5; s++)
        {
          g_autoptr(AlamaSpan) span = alama_span_new ("PER", s * 4, s * 4 + 3);

          span->document_id = doc;
          span->status = s % 2 ? ALAMA_STATUS_ACCEPTED : ALAMA_STATUS_PENDING;
          g_assert_true (alama_store_add_span (store, span, &error));
          g_assert_no_error (error);
        }
    }
  g_clear_object (&store);

  /* Back to version 8: migration 9's counts and migration 10's index go. */
  take_back_to_version_8 (f->path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_project_files (f->path);
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* ---- Reading the version ------------------------------------------------------ */

static void
test_read_version (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "missing.alama", NULL);
  g_autofree char *text = g_build_filename (f->dir, "notes.alama", NULL);
  g_autofree char *before = project_checksum (f->path);
  g_autofree char *after = NULL;
  guint version = 0;

  g_assert_cmpuint (project_header_version (f->path), ==,
                    (guint) project_query_int (f->path, "PRAGMA user_version"));
  g_assert_cmpuint (project_header_version (f->path), ==, OLD_VERSION);
  g_assert_false (project_wal_exists (f->path));
  after = project_checksum (f->path);
  g_assert_cmpstr (before, ==, after);

  g_assert_false (alama_store_read_version (missing, &version, &error));
  g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (text, "not a project, but long enough to have a header "
                                      "of a hundred bytes if SQLite had written one here...",
                                      -1, NULL));
  g_assert_false (alama_store_read_version (text, &version, &error));
  g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_A_PROJECT);
  g_remove (text);
}

/* Opening without upgrading refuses an old file and leaves it alone. */
static void
test_open_current_refuses (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = project_checksum (f->path);
  g_autofree char *after = NULL;
  g_autoptr(AlamaStore) store = alama_store_open_current (f->path, ALAMA_STORE_OPEN_DEFAULT,
                                                          &error);

  g_assert_null (store);
  g_assert_error (error, ALAMA_STORE_UPGRADE_ERROR, ALAMA_STORE_UPGRADE_ERROR_NEEDED);
  g_assert_nonnull (strstr (error->message, f->path));
  after = project_checksum (f->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (project_header_version (f->path), ==, OLD_VERSION);
}

/* ---- Progress ----------------------------------------------------------------- */

typedef struct
{
  guint  step;
  guint  n_steps;
  double fraction;
} Report;

static void
record_cb (guint    step,
           guint    n_steps,
           double   fraction,
           gpointer user_data)
{
  GArray *reports = user_data;
  Report report = { step, n_steps, fraction };

  g_array_append_val (reports, report);
}

static void
test_progress_in_order (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) reports = g_array_new (FALSE, FALSE, sizeof (Report));
  g_autoptr(AlamaStore) store = NULL;
  const Report *last;
  gboolean step_seen[ALAMA_SCHEMA_VERSION - OLD_VERSION] = { FALSE, };

  store = alama_store_open_upgraded (f->path, record_cb, reports, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  g_assert_cmpuint (reports->len, >=, 2);
  for (guint i = 0; i < reports->len; i++)
    {
      const Report *r = &g_array_index (reports, Report, i);

      g_assert_cmpuint (r->n_steps, ==, ALAMA_SCHEMA_VERSION - OLD_VERSION);
      g_assert_cmpfloat (r->fraction, >=, 0.0);
      g_assert_cmpfloat (r->fraction, <=, 1.0);
      if (r->step < r->n_steps)
        step_seen[r->step] = TRUE;
      if (i > 0)
        {
          const Report *before = &g_array_index (reports, Report, i - 1);

          g_assert_cmpuint (r->step, >=, before->step);
          g_assert_cmpfloat (r->fraction, >=, before->fraction);
        }
    }
  /* Each migration was announced, and the last report is the end. */
  for (guint s = 0; s < G_N_ELEMENTS (step_seen); s++)
    g_assert_true (step_seen[s]);
  last = &g_array_index (reports, Report, reports->len - 1);
  g_assert_cmpuint (last->step, ==, last->n_steps);
  g_assert_cmpfloat (last->fraction, ==, 1.0);

  g_clear_object (&store);
  g_assert_cmpuint (project_header_version (f->path), ==, ALAMA_SCHEMA_VERSION);
  g_assert_cmpint (project_query_int (f->path, "SELECT documents FROM stats_totals"), ==, 40);
}

/* A project that needs nothing is opened without a report of work to do. */
static void
test_current_file_reports_nothing (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) reports = g_array_new (FALSE, FALSE, sizeof (Report));
  g_autoptr(AlamaStore) first = alama_store_open (f->path, ALAMA_STORE_OPEN_DEFAULT, &error);
  g_autoptr(AlamaStore) store = NULL;

  g_assert_no_error (error);
  g_clear_object (&first);
  store = alama_store_open_upgraded (f->path, record_cb, reports, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpuint (reports->len, ==, 0);
}

/* ---- Cancelling from another thread ------------------------------------------- */

typedef struct
{
  const char   *path;
  GCancellable *cancellable;
  GMutex        mutex;
  GCond         cond;
  gboolean      reached;     /* the worker is inside the upgrade's second migration */
  gboolean      cancelled;   /* the main thread has cancelled */
  GError       *error;
  AlamaStore   *store;
} CancelRun;

/* At the start of the second migration, the first one's rows written in the
 * transaction: the worker waits there until the main thread has cancelled. */
static void
wait_for_cancel_cb (guint    step,
                    guint    n_steps,
                    double   fraction,
                    gpointer user_data)
{
  CancelRun *run = user_data;

  if (step != 1 || run->reached)
    return;
  g_mutex_lock (&run->mutex);
  run->reached = TRUE;
  g_cond_broadcast (&run->cond);
  while (!run->cancelled)
    g_cond_wait (&run->cond, &run->mutex);
  g_mutex_unlock (&run->mutex);
}

static gpointer
upgrade_thread (gpointer data)
{
  CancelRun *run = data;

  run->store = alama_store_open_upgraded (run->path, wait_for_cancel_cb, run, run->cancellable,
                                          &run->error);
  return NULL;
}

static void
test_cancel_leaves_file (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *before = project_checksum (f->path);
  g_autofree char *after = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaStore) store = NULL;
  CancelRun run = { f->path, cancellable, };
  GThread *thread;

  g_mutex_init (&run.mutex);
  g_cond_init (&run.cond);
  thread = g_thread_new ("upgrade", upgrade_thread, &run);

  g_mutex_lock (&run.mutex);
  while (!run.reached)
    g_cond_wait (&run.cond, &run.mutex);
  g_cancellable_cancel (cancellable);
  run.cancelled = TRUE;
  g_cond_broadcast (&run.cond);
  g_mutex_unlock (&run.mutex);
  g_thread_join (thread);

  g_assert_null (run.store);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_nonnull (strstr (run.error->message, f->path));
  g_clear_error (&run.error);
  g_mutex_clear (&run.mutex);
  g_cond_clear (&run.cond);

  /* Byte for byte as it was, at its old version, and no -wal left holding
   * half an upgrade. */
  after = project_checksum (f->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (project_header_version (f->path), ==, OLD_VERSION);
  g_assert_false (project_wal_exists (f->path));

  /* And it still opens, and upgrades, as usual. */
  store = alama_store_open (f->path, ALAMA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpuint (g_list_model_get_n_items (alama_store_get_documents (store)), ==, 40);
  g_clear_object (&store);
  g_assert_cmpuint (project_header_version (f->path), ==, ALAMA_SCHEMA_VERSION);
}

/* Cancelled before it starts: nothing is done. */
static void
test_cancelled_before (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *before = project_checksum (f->path);
  g_autofree char *after = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaStore) store = NULL;

  g_cancellable_cancel (cancellable);
  store = alama_store_open_upgraded (f->path, NULL, NULL, cancellable, &error);
  g_assert_null (store);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  after = project_checksum (f->path);
  g_assert_cmpstr (before, ==, after);
}

/* ---- Cancelling inside a statement -------------------------------------------- */

/* Two made-up migrations after this build's: the first writes a table, the
 * second runs a statement that never ends by itself (it counts for ever).
 * Only the progress handler's interrupt can stop it. */
static GMutex statement_mutex;
static GCond statement_cond;
static gboolean statement_started;

static gboolean
migration_writes (sqlite3  *db,
                  GError  **error)
{
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE written (x); INSERT INTO written VALUES (1);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  return TRUE;
}

static gboolean
migration_never_ends (sqlite3  *db,
                      GError  **error)
{
  int rc;

  g_mutex_lock (&statement_mutex);
  statement_started = TRUE;
  g_cond_broadcast (&statement_cond);
  g_mutex_unlock (&statement_mutex);

  rc = sqlite3_exec (db, "WITH RECURSIVE c (x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
                         "SELECT count (*) FROM c", NULL, NULL, NULL);
  g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_FAILED, "%s", sqlite3_errstr (rc));
  return FALSE;
}

typedef struct
{
  sqlite3      *db;
  const char   *path;
  GCancellable *cancellable;
  GError       *error;
  gboolean      ok;
} StatementRun;

static gpointer
statement_thread (gpointer data)
{
  StatementRun *run = data;
  guint n = 0;
  const AlamaMigration *real = _alama_store_get_migrations (&n);
  g_autofree AlamaMigration *list = g_new0 (AlamaMigration, n + 2);
  const AlamaUpgradeControl control = { FALSE, NULL, NULL, run->cancellable };

  memcpy (list, real, n * sizeof *list);
  list[n] = (AlamaMigration) { "write a table", migration_writes };
  list[n + 1] = (AlamaMigration) { "count for ever", migration_never_ends };
  run->ok = _alama_store_migrate_controlled (run->db, run->path, list, n + 2, &control,
                                             &run->error);
  return NULL;
}

static void
test_cancel_inside_statement (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaStore) current = alama_store_open (f->path, ALAMA_STORE_OPEN_DEFAULT, &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  StatementRun run = { NULL, f->path, cancellable, NULL, FALSE };
  GThread *thread;

  g_assert_no_error (error);
  g_clear_object (&current);
  before = project_checksum (f->path);

  g_assert_cmpint (sqlite3_open (f->path, &run.db), ==, SQLITE_OK);
  statement_started = FALSE;
  thread = g_thread_new ("statement", statement_thread, &run);
  g_mutex_lock (&statement_mutex);
  while (!statement_started)
    g_cond_wait (&statement_cond, &statement_mutex);
  g_mutex_unlock (&statement_mutex);
  /* From this thread, while the worker's statement runs. */
  g_cancellable_cancel (cancellable);
  g_thread_join (thread);

  g_assert_false (run.ok);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&run.error);
  g_assert_true (sqlite3_get_autocommit (run.db));
  g_assert_cmpint (sqlite3_close (run.db), ==, SQLITE_OK);

  after = project_checksum (f->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (project_header_version (f->path), ==, ALAMA_SCHEMA_VERSION);
  g_assert_cmpint (project_query_int (f->path, "SELECT count(*) FROM sqlite_master WHERE name = 'written'"),
                   ==, 0);
}

/* ---- Newer than this build ---------------------------------------------------- */

static void
test_too_new_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaStore) store = NULL;
  g_autofree char *newer = g_strdup_printf ("PRAGMA user_version = %d", ALAMA_SCHEMA_VERSION + 1);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  exec_raw (f->path, newer);
  before = project_checksum (f->path);
  g_assert_cmpuint (project_header_version (f->path), ==, ALAMA_SCHEMA_VERSION + 1);

  store = alama_store_open_upgraded (f->path, NULL, NULL, NULL, &error);
  g_assert_null (store);
  g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_TOO_NEW);
  g_clear_error (&error);

  store = alama_store_open_current (f->path, ALAMA_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_TOO_NEW);

  after = project_checksum (f->path);
  g_assert_cmpstr (before, ==, after);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/alama/store-upgrade/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("read-version", test_read_version);
  ADD ("open-current-refuses", test_open_current_refuses);
  ADD ("progress-in-order", test_progress_in_order);
  ADD ("current-file-reports-nothing", test_current_file_reports_nothing);
  ADD ("cancel-leaves-file", test_cancel_leaves_file);
  ADD ("cancelled-before", test_cancelled_before);
  ADD ("cancel-inside-statement", test_cancel_inside_statement);
  ADD ("too-new-refused", test_too_new_refused);
#undef ADD

  return g_test_run ();
}
