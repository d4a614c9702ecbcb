/* alama-store-upgrade.c: the migration driver. It brings a project file to
 * this build's version by running the migrations it lacks
 * (alama-store-migrations.c) in ONE transaction, refuses to when asked
 * (alama_store_open_current()), and reports its progress and stops when
 * cancelled (alama_store_open_upgraded(); alama-store-upgrade.h).
 */
#define G_LOG_DOMAIN "alama-store-upgrade"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <math.h>

#include "alama-store-upgrade-private.h"

static gboolean
read_user_version (sqlite3     *db,
                   const char  *path,
                   gint64      *version,
                   GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      int code = (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB) ? ALAMA_STORE_ERROR_CORRUPT
                 : (rc == SQLITE_BUSY) ? ALAMA_STORE_ERROR_LOCKED
                 : ALAMA_STORE_ERROR_FAILED;

      g_set_error (error, ALAMA_STORE_ERROR, code,
                   _("Cannot read the version of %s: %s"), path, sqlite3_errmsg (db));
      sqlite3_finalize (stmt);
      return FALSE;
    }

  *version = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

G_DEFINE_QUARK (alama-store-upgrade-error-quark, alama_store_upgrade_error)

/* The VM instructions between two calls of the progress handler: often enough
 * that a cancel stops a long statement at once, rarely enough to cost nothing. */
#define PROGRESS_OPS 1000
/* Reports go to the caller at most this often. */
#define REPORT_INTERVAL_US (G_USEC_PER_SEC / 20)

typedef struct
{
  const AlamaUpgradeControl *control;
  guint                      step;
  guint                      n_steps;
  double                     ticks;          /* handler calls in this step */
  double                     ticks_scale;    /* about a step's ticks on a file this size */
  gint64                     last_report_us;
} Upgrade;

static void
report (Upgrade *upgrade,
        double   within_step,
        gboolean always)
{
  gint64 now;

  if (upgrade->control == NULL || upgrade->control->progress == NULL)
    return;
  now = g_get_monotonic_time ();
  if (!always && now - upgrade->last_report_us < REPORT_INTERVAL_US)
    return;
  upgrade->last_report_us = now;
  upgrade->control->progress (upgrade->step, upgrade->n_steps,
                              (upgrade->step + within_step) / upgrade->n_steps,
                              upgrade->control->user_data);
}

static gboolean
cancelled (Upgrade *upgrade)
{
  return upgrade->control != NULL && g_cancellable_is_cancelled (upgrade->control->cancellable);
}

/* SQLite calls this every PROGRESS_OPS instructions of a migration's
 * statements; non-zero stops the statement (SQLITE_INTERRUPT). How far a
 * statement is cannot be known, so the fraction of the step approaches 1 as
 * the instructions add up, scaled by the file's size. */
static int
progress_handler_cb (void *data)
{
  Upgrade *upgrade = data;

  upgrade->ticks += 1;
  report (upgrade, 0.95 * (1.0 - exp (-upgrade->ticks / upgrade->ticks_scale)), FALSE);
  return cancelled (upgrade);
}

static double
ticks_scale (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  double pages = 0;

  if (sqlite3_prepare_v2 (db, "PRAGMA page_count", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    pages = sqlite3_column_double (stmt, 0);
  sqlite3_finalize (stmt);
  /* Measured: migration 10 (an index over the spans) runs about one handler
   * call per ten pages of the file; the scale puts it near 80% when done. */
  return MAX (pages / 16.0, 16.0);
}

/* Ends the transaction of a failed or stopped upgrade. The handler goes first:
 * still installed, it would stop the ROLLBACK too. An interrupted statement may
 * have rolled the transaction back already; a second ROLLBACK then fails,
 * harmlessly. */
static void
roll_back (sqlite3 *db)
{
  sqlite3_progress_handler (db, 0, NULL, NULL);
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
}

static void
set_cancelled (const char  *path,
               GError     **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
               _("The upgrade of %s was cancelled; the file is as it was"), path);
}

gboolean
_alama_store_migrate_controlled (sqlite3                    *db,
                                 const char                 *path,
                                 const AlamaMigration       *list,
                                 guint                       n_migrations,
                                 const AlamaUpgradeControl  *control,
                                 GError                    **error)
{
  Upgrade upgrade = { control, 0, 0, 0, 1, 0 };
  g_autofree char *bump = NULL;
  gint64 version;
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);

  if (!read_user_version (db, path, &version, error))
    return FALSE;

  if (version > (gint64) n_migrations)
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_TOO_NEW,
                   "%s was made by a newer version of Alama (file version %" G_GINT64_FORMAT
                   ", this version reads up to %u)",
                   path, version, n_migrations);
      return FALSE;
    }
  if (version == (gint64) n_migrations)
    return TRUE;
  /* An empty file (version 0) is one being created: that is no upgrade. */
  if (control != NULL && control->refuse && version > 0)
    {
      g_set_error (error, ALAMA_STORE_UPGRADE_ERROR, ALAMA_STORE_UPGRADE_ERROR_NEEDED,
                   _("%s was made by an older version of Alama (file version %u) and must be "
                     "upgraded to version %u"), path, (guint) version, n_migrations);
      return FALSE;
    }

  /* Every migration in ONE transaction: an upgrade that fails or is cancelled
   * part-way leaves the file at the version it had, never in between. */
  rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, ALAMA_STORE_ERROR,
                   rc == SQLITE_BUSY ? ALAMA_STORE_ERROR_LOCKED : ALAMA_STORE_ERROR_FAILED,
                   rc == SQLITE_BUSY ? "%s is being changed by another program"
                                     : "Cannot upgrade %s: %s",
                   path, sqlite3_errmsg (db));
      return FALSE;
    }

  upgrade.n_steps = n_migrations - (guint) version;
  if (control != NULL && (control->progress != NULL || control->cancellable != NULL))
    {
      upgrade.ticks_scale = ticks_scale (db);
      sqlite3_progress_handler (db, PROGRESS_OPS, progress_handler_cb, &upgrade);
    }

  for (guint i = (guint) version; i < n_migrations; i++)
    {
      g_autoptr(GError) local_error = NULL;

      upgrade.step = i - (guint) version;
      upgrade.ticks = 0;
      report (&upgrade, 0.0, TRUE);

      if (cancelled (&upgrade))
        {
          roll_back (db);
          set_cancelled (path, error);
          return FALSE;
        }
      if (!list[i].migrate (db, &local_error))
        {
          roll_back (db);
          if (cancelled (&upgrade))
            set_cancelled (path, error);
          else
            g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_FAILED,
                         _("Cannot upgrade %s to version %u (%s): %s"),
                         path, i + 1, list[i].description, local_error->message);
          return FALSE;
        }
      g_debug ("Upgrading %s: version %u done (%s)", path, i + 1, list[i].description);
    }

  bump = g_strdup_printf ("PRAGMA user_version = %u", n_migrations);
  rc = sqlite3_exec (db, bump, NULL, NULL, NULL);
  /* The last moment a cancel can still leave the file as it was. */
  if (rc == SQLITE_OK && cancelled (&upgrade))
    {
      roll_back (db);
      set_cancelled (path, error);
      return FALSE;
    }
  sqlite3_progress_handler (db, 0, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_FAILED,
                   _("Cannot upgrade %s to version %u: %s"), path, n_migrations,
                   sqlite3_errmsg (db));
      roll_back (db);
      return FALSE;
    }

  upgrade.step = upgrade.n_steps;
  report (&upgrade, 0.0, TRUE);
  g_debug ("Upgraded %s from version %" G_GINT64_FORMAT " to %u", path, version, n_migrations);
  return TRUE;
}

gboolean
_alama_store_migrate_with (sqlite3               *db,
                           const char            *path,
                           const AlamaMigration  *list,
                           guint                  n_migrations,
                           GError               **error)
{
  return _alama_store_migrate_controlled (db, path, list, n_migrations, NULL, error);
}
