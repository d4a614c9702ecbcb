/* alama-store-private.h: what other core areas need of the project file.
 *
 * For the core only (app/core): areas that need the raw SQLite handle (search
 * creates its FTS tables in the project file, export reads in one transaction),
 * import's parts of a change, the migrations and the document objects. The
 * store's own files share more through alama-store-object-private.h,
 * alama-store-change-private.h and alama-store-rows-private.h. Nothing outside
 * app/core includes this.
 */
#pragma once

#include <sqlite3.h>

#include "alama/alama-store.h"

G_BEGIN_DECLS

/* ---- For other core areas ---------------------------------------------------- */

/* The store's connection. Borrowed; valid as long as the store. Use prepared
 * statements, and do not leave a transaction open. */
sqlite3    *_alama_store_get_db            (AlamaStore  *self);

/* Moves on at every rollback: a cache of rows read inside a transaction is
 * stale once this differs from the value it was filled at (a rolled-back
 * document's id may be given to another document). */
guint       _alama_store_get_rollback_generation (AlamaStore *self);

/* Sets @error from an SQLite result code with the store's error codes:
 * BUSY → LOCKED, READONLY → READ_ONLY, CORRUPT/NOTADB → CORRUPT, IOERR/FULL → IO.
 * @what says what was being done ("adding a span"); the message names the file. */
void        _alama_store_set_sqlite_error  (AlamaStore  *self,
                                            int          rc,
                                            const char  *what,
                                            GError     **error);

/* A status as stored in the file ("accepted" ...), and back. Unknown strings
 * read as pending, so that a damaged row is shown for review, not hidden. */
const char *_alama_status_to_sql           (AlamaStatus  status);
AlamaStatus _alama_status_from_sql         (const char  *str);

/* PRAGMA data_version: it moves when another connection commits (this
 * connection's own commits leave it alone). No table is read. */
gboolean    _alama_store_read_data_version (AlamaStore  *self,
                                            gint64      *version,
                                            GError     **error);

/* Executes a statement without results (BEGIN, SAVEPOINT ...). */
gboolean    _alama_store_exec              (AlamaStore  *self,
                                            const char  *sql,
                                            GError     **error);

/* ---- Migrations (alama-store-migrations.c) ---------------------------------- */

typedef gboolean (*AlamaMigrationFunc) (sqlite3  *db,
                                        GError  **error);

typedef struct
{
  const char         *description;
  AlamaMigrationFunc  migrate;   /* entry i takes a file from version i to i + 1 */
} AlamaMigration;

/* Brings the file at @db (user_version V) to version @n_migrations by running
 * migrations[V..n-1], each in ONE transaction that also sets user_version. A file
 * newer than @n_migrations fails with TOO_NEW; a failing migration rolls back
 * its transaction so the file stays at the last good version. @path is for
 * messages. */
gboolean    _alama_store_migrate_with      (sqlite3               *db,
                                            const char            *path,
                                            const AlamaMigration  *migrations,
                                            guint                  n_migrations,
                                            GError               **error);
/* The migrations of this build (ALAMA_SCHEMA_VERSION of them). */
const AlamaMigration *_alama_store_get_migrations (guint *n_migrations);
/* Checks that @db, at ALAMA_SCHEMA_VERSION, has every table and column the
 * migrations make; fails with DAMAGED naming @path and what is missing. */
/* "table\tcolumn" of every column the migrations make, NULL-terminated. */
const char * const *_alama_store_get_expected_columns (void);
gboolean    _alama_store_check_tables      (sqlite3               *db,
                                            const char            *path,
                                            GError               **error);

/* ---- Documents (alama-document.c) ------------------------------------------- */

AlamaDocument *_alama_document_new        (gint64       id,
                                           const char  *name,
                                           const char  *source_path,
                                           const char  *metadata_json,
                                           const char  *format_data,
                                           const char  *content_hash,
                                           gint64       imported_at,
                                           gint64       length,
                                           guint        n_annotations,
                                           guint        n_pending);
/* Notifies n-annotations / n-pending when they change. */
void           _alama_document_set_counts (AlamaDocument *self,
                                           guint          n_annotations,
                                           guint          n_pending);
/* Natural-order sort key of the name (documents 2 before documents 10). */
const char    *_alama_document_get_sort_key (AlamaDocument *self);

/* ---- A part of a change that can fail alone (alama-history.c) --------------- */

/* What a begin_change() group had done when a part of it started. */
typedef struct
{
  guint n_rows;
  guint n_documents;
  guint n_spans;
  guint n_relations;
  guint n_added_documents;
} AlamaChangePart;

/* Inside a begin_change() group: a savepoint around several calls (an import's
 * file under --keep-going). Finishing it with @ok FALSE rolls back its rows and
 * forgets what it counted and added, and the group goes on. */
gboolean    _alama_store_part_start        (AlamaStore      *self,
                                            AlamaChangePart *part,
                                            GError         **error);
gboolean    _alama_store_part_finish       (AlamaStore      *self,
                                            AlamaChangePart *part,
                                            gboolean         ok,
                                            GError         **error);

G_END_DECLS
