/* test-search-errors.c: a search that fails because of the project file says
 * why with the store's codes (another program holds the lock, the project is
 * read-only), so the workbench can word it for the user; the message names
 * the file. */
#define G_LOG_DOMAIN "test-search-errors"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include <alama/alama-search.h>
#include <alama/alama-store.h>

typedef struct
{
  char *dir;
  char *path;
} Fixture;

/* A project with one document that is not indexed yet. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaStore) store = NULL;

  /* A lock held by another connection fails at once instead of being waited for. */
  g_setenv ("ALAMA_BUSY_TIMEOUT_MS", "0", TRUE);
  f->dir = g_dir_make_tmp ("alama-search-errors-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "p.alama", NULL);
  store = alama_store_open (f->path, ALAMA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (alama_store_add_document (store, "d1", NULL, "قال الرئيس إن الاتفاق قريب",
                                           NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (f->dir, name, NULL);
      g_remove (child);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
test_locked (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaStore) store = alama_store_open (f->path, ALAMA_STORE_OPEN_DEFAULT, &error);
  sqlite3 *other = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (f->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_false (alama_search_update_index (store, NULL, &error));
  g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, f->path));
  g_clear_error (&error);

  /* Once the other program is done, the same call works. */
  g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  g_assert_true (alama_search_update_index (store, NULL, &error));
  g_assert_no_error (error);
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaStore) store = alama_store_open (f->path, ALAMA_STORE_OPEN_READ_ONLY, &error);

  g_assert_no_error (error);
  g_assert_false (alama_search_update_index (store, NULL, &error));
  g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, f->path));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/alama/search-errors/locked", Fixture, NULL,
              fixture_set_up, test_locked, fixture_tear_down);
  g_test_add ("/alama/search-errors/read-only", Fixture, NULL,
              fixture_set_up, test_read_only, fixture_tear_down);
  return g_test_run ();
}
