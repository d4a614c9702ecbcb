/* test-window-upgrade.c: a project made by an older version of Alama, opened
 * from within the window (File > Open and the recent projects take this path:
 * no read-ahead), is upgraded behind the upgrade page and then shown; Cancel
 * leaves the file as it was; a failed upgrade shows the error dialog and the
 * page the window had before.
 *
 * The test holds the upgrade in its worker, inside its transaction, through
 * the "upgrade-running" probe point (alama-probe.h), so that the page is seen
 * whatever the machine's speed. */
#define G_LOG_DOMAIN "test-window-upgrade"

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include <adwaita.h>

#include <alama/alama-import.h>
#include <alama/alama-store.h>
#include <alama/alama-store-upgrade.h>

#include "alama-probe.h"
#include "alama-window-private.h"
#include "store-test-util.h"
#include "window-test-util.h"

/* ---- Holding the upgrade ---------------------------------------------------- */

static GMutex hold_mutex;
static GCond hold_cond;
static gboolean hold_enabled;
static gboolean holding;      /* the worker waits at the probe point */
static gboolean released;

static void
probe_cb (const char *point,
          gpointer    instance,
          gpointer    user_data)
{
  GCancellable *cancellable = instance;

  if (!g_str_equal (point, "upgrade-running"))
    return;
  g_mutex_lock (&hold_mutex);
  if (hold_enabled)
    {
      holding = TRUE;
      /* Let go when released or cancelled; the cancel comes from the main
       * thread through the page, which cannot signal this condition. */
      while (!released && !g_cancellable_is_cancelled (cancellable))
        {
          gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 50;
          g_cond_wait_until (&hold_cond, &hold_mutex, until);
        }
      holding = FALSE;
    }
  g_mutex_unlock (&hold_mutex);
}

static void
hold_upgrades (gboolean hold)
{
  g_mutex_lock (&hold_mutex);
  hold_enabled = hold;
  released = !hold;
  g_cond_broadcast (&hold_cond);
  g_mutex_unlock (&hold_mutex);
}

static gboolean
is_holding (void)
{
  gboolean value;

  g_mutex_lock (&hold_mutex);
  value = holding;
  g_mutex_unlock (&hold_mutex);
  return value;
}

/* ---- Projects ----------------------------------------------------------------- */

typedef struct
{
  char        *dir;
  char        *current_path;   /* a current project, open in the window at the start */
  char        *old_path;       /* the same taken back to version 8 */
  AlamaWindow *window;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("alama-window-upgrade-XXXXXX", &error);
  g_assert_no_error (error);
  f->current_path = make_shell_project (f->dir, "current.alama", "news.jsonl");
  f->old_path = make_shell_project (f->dir, "old.alama", "news.jsonl");
  take_back_to_version_8 (f->old_path);
  g_assert_cmpuint (project_header_version (f->old_path), ==, 8);

  f->window = alama_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1024, 700);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (alama_window_open_project (f->window, f->current_path));
  settle (GTK_WIDGET (f->window));
  hold_upgrades (TRUE);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  hold_upgrades (FALSE);
  DESTROY_AND_FINALIZE (f->window);
  remove_tree (f->dir);
  g_free (f->current_path);
  g_free (f->old_path);
  g_free (f->dir);
}

static const char *
shown_page (AlamaWindow *window)
{
  return gtk_stack_get_visible_child_name (window->main_stack);
}

static GtkWidget *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (window))
        return window;
    }
  return NULL;
}

/* ---- Tests -------------------------------------------------------------------- */

/* The page while the upgrade runs, the window's content drawn meanwhile, then
 * the project's first document and the file at the current version. */
static void
test_upgrade_then_open (Fixture       *f,
                        gconstpointer  data)
{
  AlamaStore *before = alama_window_get_store (f->window);
  AlamaStore *store;

  g_autofree char *before_title = g_strdup (gtk_window_get_title (GTK_WINDOW (f->window)));
  g_autofree char *old_name = g_path_get_basename (f->old_path);
  g_autofree char *upgrading_title = g_strdup_printf ("%s — Alama", old_name);

  g_assert_false (alama_window_open_project (f->window, f->old_path));
  g_assert_cmpstr (shown_page (f->window), ==, "upgrade");
  /* The title names the project being upgraded, not the one behind the page. */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, upgrading_title);
  g_assert_cmpstr (before_title, !=, upgrading_title);
  WAIT_FOR (is_holding ());
  g_assert_true (is_holding ());
  /* The window goes on drawing while the worker holds the upgrade open. */
  wait_for_frames (GTK_WIDGET (f->window), 2);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->window->upgrade_page)));
  g_assert_cmpuint (project_header_version (f->old_path), ==, 8);

  hold_upgrades (FALSE);
  WAIT_FOR ((store = alama_window_get_store (f->window)) != before &&
            alama_window_get_document (f->window) != NULL);
  store = alama_window_get_store (f->window);
  g_assert_true (store != before);
  g_assert_cmpstr (alama_store_get_path (store), ==, f->old_path);
  g_assert_nonnull (alama_window_get_document (f->window));
  g_assert_cmpstr (shown_page (f->window), ==, "workbench");
  g_assert_false (alama_store_is_read_only (store));
  g_assert_cmpint (project_query_int (f->old_path, "PRAGMA user_version"), ==, ALAMA_SCHEMA_VERSION);
}

/* Cancel: the file byte for byte as it was, at its old version, and the
 * project that was open before is shown again. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *before_sum = project_checksum (f->old_path);
  g_autofree char *after_sum = NULL;
  g_autofree char *before_title = NULL;
  AlamaStore *before = alama_window_get_store (f->window);
  g_autoptr(AlamaSpan) span = alama_span_new ("PER", 0, 3);
  g_autoptr(AlamaDocument) document = g_list_model_get_item (alama_store_get_documents (before), 0);
  g_autoptr(GError) error = NULL;

  /* Something to undo in the project open before. */
  span->document_id = alama_document_get_id (document);
  g_assert_true (alama_store_add_span (before, span, &error));
  g_assert_no_error (error);
  WAIT_FOR (widget_action_enabled (GTK_WIDGET (f->window), "win.undo"));
  g_assert_true (widget_action_enabled (GTK_WIDGET (f->window), "win.undo"));

  before_title = g_strdup (gtk_window_get_title (GTK_WINDOW (f->window)));
  g_assert_false (alama_window_open_project (f->window, f->old_path));
  WAIT_FOR (is_holding ());
  g_assert_true (is_holding ());
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), !=, before_title);
  /* The project behind the page takes no actions meanwhile. */
  g_assert_false (widget_action_enabled (GTK_WIDGET (f->window), "win.undo"));
  g_assert_false (widget_action_enabled (GTK_WIDGET (f->window), "win.export"));
  g_assert_false (widget_action_enabled (GTK_WIDGET (f->window), "win.next-document"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window->upgrade_page),
                                             "upgrade-page.cancel", NULL));
  WAIT_FOR (f->window->upgrade == NULL && !is_holding () &&
            g_strcmp0 (shown_page (f->window), "workbench") == 0);
  g_assert_null (f->window->upgrade);
  g_assert_cmpstr (shown_page (f->window), ==, "workbench");
  g_assert_true (alama_window_get_store (f->window) == before);
  g_assert_true (widget_action_enabled (GTK_WIDGET (f->window), "win.undo"));
  /* The title names the project shown again. */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, before_title);

  /* The worker's connection is closed when its task ends. */
  WAIT_FOR (!project_wal_exists (f->old_path));
  after_sum = project_checksum (f->old_path);
  g_assert_cmpstr (before_sum, ==, after_sum);
  g_assert_cmpuint (project_header_version (f->old_path), ==, 8);
}

/* Another program holds the write lock: the error dialog, with the window
 * as it was, and the file left alone. */
static void
test_failure_shows_error (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *before_sum = project_checksum (f->old_path);
  g_autofree char *after_sum = NULL;
  AlamaStore *before = alama_window_get_store (f->window);
  GtkWidget *dialog = NULL;
  sqlite3 *other = NULL;

  hold_upgrades (FALSE);
  g_setenv ("ALAMA_BUSY_TIMEOUT_MS", "0", TRUE);
  g_assert_cmpint (sqlite3_open (f->old_path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_false (alama_window_open_project (f->window, f->old_path));
  WAIT_FOR ((dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            f->old_path));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpstr (shown_page (f->window), ==, "workbench");
  g_assert_true (alama_window_get_store (f->window) == before);

  g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (other), ==, SQLITE_OK);
  g_unsetenv ("ALAMA_BUSY_TIMEOUT_MS");
  after_sum = project_checksum (f->old_path);
  g_assert_cmpstr (before_sum, ==, after_sum);
  g_assert_cmpuint (project_header_version (f->old_path), ==, 8);
}

/* Opening another project while one is upgraded stops that upgrade. */
static void
test_open_other_stops (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *before_sum = project_checksum (f->old_path);
  g_autofree char *after_sum = NULL;

  g_assert_false (alama_window_open_project (f->window, f->old_path));
  WAIT_FOR (is_holding ());
  g_assert_true (is_holding ());
  g_assert_true (alama_window_open_project (f->window, f->current_path));
  g_assert_cmpstr (shown_page (f->window), ==, "workbench");
  g_assert_cmpstr (alama_store_get_path (alama_window_get_store (f->window)), ==,
                   f->current_path);
  WAIT_FOR (!is_holding () &&
            !project_wal_exists (f->old_path));
  /* What the stopped upgrade's end brings changes nothing in the window. */
  drain_main_loop ();
  g_assert_cmpstr (alama_store_get_path (alama_window_get_store (f->window)), ==,
                   f->current_path);
  after_sum = project_checksum (f->old_path);
  g_assert_cmpstr (before_sum, ==, after_sum);
}

int
main (int argc, char **argv)
{
  ui_test_init (&argc, &argv);
  alama_probe_install (probe_cb, NULL);

  g_test_add ("/alama/window-upgrade/upgrade-then-open", Fixture, NULL, fixture_setup,
              test_upgrade_then_open, fixture_teardown);
  g_test_add ("/alama/window-upgrade/cancel", Fixture, NULL, fixture_setup, test_cancel,
              fixture_teardown);
  g_test_add ("/alama/window-upgrade/failure-shows-error", Fixture, NULL, fixture_setup,
              test_failure_shows_error, fixture_teardown);
  g_test_add ("/alama/window-upgrade/open-other-stops", Fixture, NULL, fixture_setup,
              test_open_other_stops, fixture_teardown);

  return g_test_run ();
}
