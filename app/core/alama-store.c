/* alama-store.c: the AlamaStore object — its fields, its life, and the SQL
 * helpers every file of the store uses: the statement cache, errors from SQLite
 * results, statuses as stored.
 *
 * The rest of the store is spread over files that call one way (see
 * alama-store-object-private.h): opening in alama-store-open.c, the schema,
 * documents and annotations in alama-store-schema.c, -documents.c,
 * -document-edits.c and -annotations.c, transactions in alama-store-change.c,
 * undo and redo in alama-history.c, the tables in alama-store-migrations.c.
 */
#define G_LOG_DOMAIN "alama-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include <glib/gstdio.h>

#include "alama-store-rows-changed-private.h"

#include <json-glib/json-glib.h>

#include "alama-store-object-private.h"

G_DEFINE_FINAL_TYPE (AlamaStore, alama_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (alama-store-error-quark, alama_store_error)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];


/* ---- Small helpers ---------------------------------------------------------- */

const char *
_alama_status_to_sql (AlamaStatus status)
{
  const char *str = alama_status_to_string (status);

  return str ? str : "pending";
}

AlamaStatus
_alama_status_from_sql (const char *str)
{
  AlamaStatus status = ALAMA_STATUS_PENDING;

  alama_status_from_string (str, &status);
  return status;
}

sqlite3 *
_alama_store_get_db (AlamaStore *self)
{
  g_return_val_if_fail (ALAMA_IS_STORE (self), NULL);
  return self->db;
}

AlamaChange *
_alama_store_get_change (AlamaStore *self)
{
  return &self->change;
}

const char *
_alama_store_get_synchronous_pragma (AlamaStore *self)
{
  return self->synchronous_pragma;
}

void
_alama_store_set_synchronous_pragma (AlamaStore *self,
                                     const char *pragma)
{
  self->synchronous_pragma = pragma;
}

void
_alama_store_set_sqlite_error (AlamaStore  *self,
                               int          rc,
                               const char  *what,
                               GError     **error)
{
  const char *detail = self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    /* A write that lost WAL's locking race to other connections for seconds. */
    case SQLITE_PROTOCOL:
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_LOCKED,
                   _("%s is being changed by another program"), self->path);
      break;

    case SQLITE_READONLY:
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_READ_ONLY,
                   _("%s is read-only"), self->path);
      break;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_CORRUPT,
                   _("%s is damaged (%s while %s)"), self->path, detail, what);
      break;

    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_IO,
                   _("Cannot write %s while %s: %s"), self->path, what, detail);
      break;

    case SQLITE_CONSTRAINT:
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_INVALID,
                   _("%s: %s while %s"), self->path, detail, what);
      break;

    default:
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_FAILED,
                   _("%s: %s while %s"), self->path, detail, what);
    }
}

AlamaStmt *
_alama_store_prepare (AlamaStore  *self,
                      const char  *sql,
                      GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements_by_address, sql);

  /* An address can be reused by another (freed) text: the text decides. */
  if (stmt != NULL && strcmp (sqlite3_sql (stmt), sql) != 0)
    stmt = NULL;
  if (stmt == NULL && (stmt = g_hash_table_lookup (self->statements, sql)) != NULL)
    g_hash_table_insert (self->statements_by_address, (gpointer) sql, stmt);

  if (stmt == NULL)
    {
      int rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);

      if (rc != SQLITE_OK)
        {
          g_autofree char *what = g_strdup_printf ("preparing “%s”", sql);

          _alama_store_set_sqlite_error (self, rc, what, error);
          sqlite3_finalize (stmt);
          return NULL;
        }

      g_hash_table_insert (self->statements, g_strdup (sql), stmt);
      g_hash_table_insert (self->statements_by_address, (gpointer) sql, stmt);
    }

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return stmt;
}

gboolean
_alama_store_exec (AlamaStore  *self,
                   const char  *sql,
                   GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _alama_store_set_sqlite_error (self, rc, sql, error);
      return FALSE;
    }

  return TRUE;
}

/* Steps a statement that returns no rows. */
gboolean
_alama_store_step_done (AlamaStore   *self,
           sqlite3_stmt *stmt,
           const char   *what,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _alama_store_set_sqlite_error (self, rc, what, error);
      return FALSE;
    }

  return TRUE;
}

void
_alama_bind_text_or_null (sqlite3_stmt *stmt,
                   int           i,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, i, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, i);
}

char *
_alama_column_dup (sqlite3_stmt *stmt,
            int           i)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, i));
}

gboolean
_alama_store_check_writable (AlamaStore  *self,
                             GError     **error)
{
  if (self->read_only)
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_READ_ONLY,
                   _("%s is read-only"), self->path);
      return FALSE;
    }

  return TRUE;
}

void
_alama_change_clear (AlamaChange *change)
{
  g_clear_pointer (&change->description, g_free);
  g_clear_pointer (&change->label, g_free);
  g_clear_pointer (&change->touched, g_hash_table_unref);
  g_clear_pointer (&change->added_documents, g_array_unref);
  g_clear_pointer (&change->removed_documents, g_array_unref);
  g_clear_pointer (&change->row_log, g_array_unref);
  g_clear_pointer (&change->row_log_marks, g_array_unref);
  g_clear_pointer (&change->checked_document_name, g_free);
  memset (change, 0, sizeof *change);
  change->document_id = -1;
}

void
_alama_store_rollback_change (AlamaStore *self)
{
  AlamaChange *change = _alama_store_get_change (self);
  sqlite3 *db = _alama_store_get_db (self);

  if (db != NULL && !sqlite3_get_autocommit (db))
    _alama_store_exec (self, "ROLLBACK", NULL);
  _alama_change_clear (change);

  /* The schema rows may have been rolled back under the cache. */
  _alama_store_forget_schema (self);
}

void
_alama_store_forget_schema (AlamaStore *self)
{
  g_clear_pointer (&self->schema, alama_schema_unref);
  self->rollback_generation++;
}

guint
_alama_store_get_rollback_generation (AlamaStore *self)
{
  return self->rollback_generation;
}

void
_alama_store_emit_changed (AlamaStore *self,
                           gint64      document_id)
{
  g_signal_emit (self, signals[CHANGED], 0, document_id);
}

/* Executes @sql with @id bound to its one parameter. */
gboolean
_alama_store_exec_with_id (AlamaStore  *self,
              const char  *sql,
              gint64       id,
              GError     **error)
{
  sqlite3_stmt *stmt = _alama_store_prepare (self, sql, error);
  gboolean ok;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  if (!ok)
    _alama_store_set_sqlite_error (self, sqlite3_errcode (_alama_store_get_db (self)), sql, error);
  _alama_stmt_reset (stmt);

  return ok;
}

/* Removes a database file and the files SQLite keeps beside it. */
void
_alama_store_remove_with_companions (const char *db_path)
{
  static const char * const suffixes[] = { "-wal", "-shm", "-journal", "" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (db_path, suffixes[i], NULL);

      g_unlink (file);
    }
}

/* ---- GObject ------------------------------------------------------------------ */

const char *
alama_store_get_path (AlamaStore *self)
{
  g_return_val_if_fail (ALAMA_IS_STORE (self), NULL);
  return self->path;
}

gboolean
alama_store_is_read_only (AlamaStore *self)
{
  g_return_val_if_fail (ALAMA_IS_STORE (self), TRUE);
  return self->read_only;
}

void
alama_store_set_annotator (AlamaStore *self,
                           const char *annotator)
{
  g_return_if_fail (ALAMA_IS_STORE (self));

  g_free (self->annotator);
  self->annotator = g_strdup (annotator ? annotator : g_get_user_name ());
}

const char *
alama_store_get_annotator (AlamaStore *self)
{
  g_return_val_if_fail (ALAMA_IS_STORE (self), NULL);
  return self->annotator;
}

static void
alama_store_dispose (GObject *object)
{
  AlamaStore *self = ALAMA_STORE (object);

  if (self->change.active)
    _alama_store_rollback_change (self);

  /* A window may still hold the model: it must not read from a closed file. */
  if (self->documents != NULL)
    _alama_document_list_detach (self->documents);

  G_OBJECT_CLASS (alama_store_parent_class)->dispose (object);
}

static void
alama_store_finalize (GObject *object)
{
  AlamaStore *self = ALAMA_STORE (object);

  g_clear_pointer (&self->statements_by_address, g_hash_table_unref);
  g_clear_pointer (&self->statements, g_hash_table_unref);   /* finalizes the statements */
  g_clear_pointer (&self->db, sqlite3_close_v2);
  if (self->unpublished || self->private_folder != NULL)
    _alama_store_remove_with_companions (self->db_path);
  if (self->private_folder != NULL)
    g_rmdir (self->private_folder);
  g_clear_pointer (&self->db_path, g_free);
  g_clear_pointer (&self->private_folder, g_free);
  g_clear_pointer (&self->schema, alama_schema_unref);
  g_clear_object (&self->documents);
  _alama_change_clear (&self->change);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->annotator, g_free);

  G_OBJECT_CLASS (alama_store_parent_class)->finalize (object);
}

static void
alama_store_class_init (AlamaStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = alama_store_dispose;
  object_class->finalize = alama_store_finalize;

  /**
   * AlamaStore::changed:
   * @document_id: the document that changed, or 0 when several did or the schema
   *
   * Emitted after every committed change, undo and redo included.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  _alama_store_install_rows_changed (object_class);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
alama_store_init (AlamaStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  self->statements_by_address = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->annotator = g_strdup (g_get_user_name ());
  self->change.document_id = -1;
}


/* ---- Other processes' changes ------------------------------------------------ */

/* PRAGMA data_version changes when another connection commits to the file (our
 * own commits leave it alone), so reading it is the cheap "has anyone else
 * written?" check: no table is touched. */
gboolean
_alama_store_read_data_version (AlamaStore  *self,
                                gint64      *version,
                                GError     **error)
{
  sqlite3_stmt *stmt = _alama_store_prepare (self, "PRAGMA data_version", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *version = sqlite3_column_int64 (stmt, 0);
  _alama_stmt_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      _alama_store_set_sqlite_error (self, rc, "checking for changes by other programs", error);
      return FALSE;
    }
  return TRUE;
}

