/* alama-store-object-private.h: the AlamaStore instance and the SQL helpers
 * every file of the store uses (alama-store.c).
 *
 * The store is one object whose work is spread over files that call one way:
 *
 *   alama-store-open.c, alama-history.c           (opening; undo and redo)
 *     -> alama-store-schema.c, -document-edits.c, -annotations.c  (public edits)
 *     -> alama-store-change.c                     (transactions, savepoints, commit)
 *     -> alama-store-documents.c, -delta.c        (what a commit brings along)
 *     -> alama-store-rows.c, -row-log.c           (rows of spans and relations)
 *     -> alama-store.c                            (this: the object, SQL helpers)
 *
 * tests/check-core-cycles.py fails when a call goes back up. For the store's
 * files only.
 */
#pragma once

#include <sqlite3.h>

#include "alama-document-list-private.h"
#include "alama-store-change-private.h"
#include "alama-store-delta-private.h"
#include "alama-store-private.h"

G_BEGIN_DECLS


struct _AlamaStore
{
  GObject       parent_instance;

  /* Owned */
  sqlite3      *db;
  char         *path;
  char         *annotator;
  GHashTable   *statements;   /* SQL text -> sqlite3_stmt*, prepared once */
  /* SQL address -> the same statements (not owned). Callers pass string
   * literals: looking up the address and comparing the text spares hashing the
   * whole SQL text on every call (a few % of an import). */
  GHashTable   *statements_by_address;
  AlamaSchema  *schema;       /* cache; NULL when it must be reread */
  /* Counts rollbacks: caches of rows read inside a transaction compare it with
   * the value they were filled at (a rolled-back document's id is given out
   * again). */
  guint         rollback_generation;
  /* The documents model is read on the first alama_store_get_documents() and
   * kept up to date from then on. A headless command that never asks for it
   * (import, export, search) neither reads every document at open nor updates
   * the model after each commit. */
  AlamaDocumentList *documents;  /* in name order; items read when asked for */
  gboolean      documents_loaded;
  AlamaChange   change;
  gint64        data_version; /* PRAGMA data_version when the cache was last read */
  /* PRAGMA data_version at which every document's counts were read or
   * followed exactly: while it holds, a change's row log updates the counts of
   * the documents it touched without counting their spans again. */
  gint64        counts_data_version;
  AlamaStampCache stamp_cache;  /* alama-store-delta.c */
  /* The PRAGMA synchronous statement last run on this connection (one of two
   * static strings), so that a change runs it only when the level changes. */
  const char   *synchronous_pragma;

  gboolean      read_only;

  /* The file SQLite opens: self->path, or a hidden file beside it until
   * alama_store_publish(), or a private copy (private_folder) of a read-only
   * project whose -wal cannot be read in place. Messages name self->path. */
  char         *db_path;
  gboolean      unpublished;
  char         *private_folder;
};

/* A cached prepared statement, reset and unbound. Borrowed; reset it when done
 * (g_autoptr (AlamaStmt) does). Do not use the same SQL text twice at once. */
typedef sqlite3_stmt AlamaStmt;
AlamaStmt  *_alama_store_prepare           (AlamaStore  *self,
                                            const char  *sql,
                                            GError     **error);
static inline void
_alama_stmt_reset (AlamaStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlamaStmt, _alama_stmt_reset)

/* Fails with READ_ONLY ("PATH is read-only") when the store cannot write. */
gboolean    _alama_store_check_writable    (AlamaStore  *self,
                                            GError     **error);
/* Steps a statement that returns no row; on failure sets @error from the
 * connection's error, saying it was @what ("adding a span"). */
gboolean    _alama_store_step_done         (AlamaStore   *self,
                                            sqlite3_stmt *stmt,
                                            const char   *what,
                                            GError      **error);
/* Binds @value, or NULL when @value is NULL. */
void        _alama_bind_text_or_null       (sqlite3_stmt *stmt,
                                            int           column,
                                            const char   *value);
/* A copy of a text column, NULL for SQL NULL. */
char       *_alama_column_dup              (sqlite3_stmt *stmt,
                                            int           column);
/* The change being made (alama-store-change.c uses it; the row log adds to it). */
AlamaChange *_alama_store_get_change       (AlamaStore  *self);
/* The PRAGMA synchronous in force on the connection (NULL: unknown). */
const char  *_alama_store_get_synchronous_pragma (AlamaStore *self);
void         _alama_store_set_synchronous_pragma (AlamaStore *self,
                                                  const char *pragma);
/* Executes @sql with @id bound to its one parameter. */
gboolean    _alama_store_exec_with_id      (AlamaStore  *self,
                                            const char  *sql,
                                            gint64       id,
                                            GError     **error);
/* Removes a database file and the files SQLite keeps beside it. */
void        _alama_store_remove_with_companions (const char *db_path);
/* Drops the cached schema (after a rollback that may have restored its rows). */
void        _alama_store_forget_schema     (AlamaStore  *self);
/* Emits "changed" for @document_id (0: several or unknown). */
void        _alama_store_emit_changed      (AlamaStore  *self,
                                            gint64       document_id);

G_END_DECLS
