/* alama-store-private.h: internals of the project file shared by the core.
 *
 * For the core only (app/core): the store's files (alama-store.c,
 * alama-history.c, alama-store-migrations.c, alama-document.c) and a few other
 * core areas that need the raw SQLite handle (search creates its FTS tables in
 * the project file). Nothing outside app/core includes this.
 */
#pragma once

#include <sqlite3.h>

#include "alama/alama-store.h"

G_BEGIN_DECLS

/* ---- For other core areas ---------------------------------------------------- */

/* The store's connection. Borrowed; valid as long as the store. Use prepared
 * statements, and do not leave a transaction open. */
sqlite3    *_alama_store_get_db            (AlamaStore  *self);

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

/* ---- What our own writes did to spans and relations (alama-store-row-log.c) -- */

/* The rows a change wrote are few and known: the change logs each row's state
 * before and after, and after the commit the documents' counts and the live
 * document models (AlamaStore::rows-changed) follow those rows instead of
 * reading again. Anything the log cannot describe (a deleted document, too many
 * rows, another process) makes them read again. */
typedef enum
{
  ALAMA_ROW_SPAN,
  ALAMA_ROW_RELATION,
} AlamaRowKind;

/* What a count or a live model needs of a row; present FALSE: no such row. */
typedef struct
{
  gboolean     present;
  gint64       document_id;
  gint64       modified;
  AlamaStatus  status;
} AlamaRowState;

/* One row's net effect on a committed change: its state before the change and
 * after it (either may be absent). */
typedef struct
{
  AlamaRowKind   kind;
  gint64         id;
  AlamaRowState  before;
  AlamaRowState  after;
} AlamaRowDelta;

/* Whether the current change still logs rows: FALSE outside a change or once
 * the log gave up, so callers can skip reading a row's state first. */
gboolean    _alama_store_row_log_wanted    (AlamaStore          *self);
/* The state of the span or relation @id now (inside the change, before a
 * write), read by id. */
gboolean    _alama_store_read_row_state    (AlamaStore          *self,
                                            AlamaRowKind         kind,
                                            gint64               id,
                                            AlamaRowState       *out_state,
                                            GError             **error);
void        _alama_store_log_row           (AlamaStore          *self,
                                            AlamaRowKind         kind,
                                            gint64               id,
                                            const AlamaRowState *before,
                                            const AlamaRowState *after);
/* Logs the removal of the relations that deleting span @span_id takes with it
 * (ON DELETE CASCADE writes them without us). */
gboolean    _alama_store_log_cascaded_relations (AlamaStore   *self,
                                                 gint64        span_id,
                                                 GError      **error);
/* The log cannot describe this change (a write it does not see). */
void        _alama_store_row_log_give_up   (AlamaStore          *self);
/* A call's savepoint opened, released, or rolled back: the rows logged since
 * the matching push are dropped on rollback. */
void        _alama_store_row_log_push_mark (AlamaStore          *self);
void        _alama_store_row_log_pop_mark  (AlamaStore          *self,
                                            gboolean             rolled_back);

/* ---- Net rows to live views (alama-store-rows-changed.c) -------------------- */

/* Installs AlamaStore::rows-changed (from class_init). */
void        _alama_store_install_rows_changed (GObjectClass       *klass);
/* Emits it with a commit's net rows (_alama_change_net_rows()); NULL: the
 * rows are not known (the log gave up, or another process wrote). */
void        _alama_store_emit_rows_changed    (AlamaStore         *self,
                                               const GArray       *net);

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

/* ---- Between alama-store.c and alama-history.c ------------------------------ */

/* Open a change for one mutating call: joins the current begin_change() group or
 * starts an implicit one (BEGIN IMMEDIATE) with @flags. Every call is wrapped in
 * a savepoint so a failing call inside a group undoes only itself. Pair with
 * _alama_store_op_finish(). */
gboolean    _alama_store_op_start          (AlamaStore  *self,
                                            AlamaChangeFlags flags,
                                            GError     **error);
/* The description of an implicit change ("Add PER"); ignored inside a group,
 * which keeps the description given to begin_change(). */
void        _alama_store_op_describe       (AlamaStore  *self,
                                            const char  *description);
/* Document rows added or deleted by the current change: the list model is
 * updated after commit. */
void        _alama_store_note_document_added   (AlamaStore *self,
                                                gint64      document_id);
void        _alama_store_note_document_removed (AlamaStore *self,
                                                gint64      document_id);
/* @ok FALSE rolls the call back (and the implicit change). TRUE commits an
 * implicit change, then updates document counts and emits "changed". Returns
 * @ok && the commit worked. */
gboolean    _alama_store_op_finish         (AlamaStore  *self,
                                            gboolean     ok,
                                            GError     **error);
/* Records one history row in the current change (no-op rows for a change that
 * is not undoable: only counted). JSON may be NULL. */
gboolean    _alama_store_record            (AlamaStore  *self,
                                            const char  *action,
                                            const char  *target_kind,
                                            gint64       target_id,
                                            gint64       document_id,
                                            const char  *before_json,
                                            const char  *after_json,
                                            GError     **error);
/* Marks a document as touched by the current change (counts refreshed after
 * commit; "changed" names it). */
void        _alama_store_touch_document    (AlamaStore  *self,
                                            gint64       document_id);
/* The change being made: one transaction, one undo step. */
typedef struct
{
  gboolean          active;        /* a transaction is open */
  gboolean          in_group;      /* opened by begin_change(), not by one call */
  guint             depth;         /* open call savepoints */
  gint64            change_id;     /* its row in the changes table */
  AlamaChangeFlags  flags;
  char             *description;
  guint             n_rows;        /* history rows written */
  guint             n_documents;   /* what a not-undoable change (import) did, */
  guint             n_spans;       /* for its one summary row */
  guint             n_relations;
  gint64            document_id;   /* -1 none yet, 0 several */
  GHashTable       *touched;       /* of gint64* document ids */
  GArray           *added_documents;   /* of gint64 */
  GArray           *removed_documents; /* of gint64 */
  sqlite3_int64     total_changes_at_start;
  GArray           *row_log;       /* of AlamaRowDelta, in write order; NULL: gave up */
  GArray           *row_log_marks; /* of guint: row_log's length at each open savepoint */
  /* The document whose name and length the change last read to check a span
   * (documents never change once added). Its length is stored after the text,
   * so reading it walks all of the text's overflow pages: once per span without
   * this, which made the import of one large document grow with its square.
   * 0 when none; forgotten when a call rolls back or a document is removed. */
  gint64            checked_document_id;
  char             *checked_document_name;
  gint64            checked_document_length;
} AlamaChange;

AlamaChange *_alama_store_get_change       (AlamaStore  *self);
/* alama-history.c's record of the PRAGMA synchronous in force (NULL: unknown). */
const char  *_alama_store_get_synchronous_pragma (AlamaStore *self);
void         _alama_store_set_synchronous_pragma (AlamaStore *self,
                                                  const char *pragma);
/* The log as one delta per row (its state before its first write in the
 * change and after its last); NULL if the log gave up. */
GArray     *_alama_change_net_rows         (const AlamaChange   *change);
/* What net row deltas do to a document's counts of annotations (accepted and
 * pending spans) and of pending ones. */
void        _alama_row_deltas_count        (const GArray        *net,
                                            gint64               document_id,
                                            int                 *annotations,
                                            int                 *pending);
void         _alama_change_clear           (AlamaChange *change);
/* After a committed change (taken out of the store): refresh the counts of the
 * touched documents, apply added and removed documents to the list model, and
 * emit "changed". */
void        _alama_store_after_commit      (AlamaStore  *self,
                                            AlamaChange *committed);

/* Rows as JSON (for history) and back. The JSON holds the full row: fragments
 * and attributes included; keys in a fixed order so equal rows give equal text. */
char       *_alama_span_to_json            (const AlamaSpan     *span);
AlamaSpan  *_alama_span_from_json          (const char          *json,
                                            GError             **error);
char       *_alama_relation_to_json        (const AlamaRelation *relation);
AlamaRelation *_alama_relation_from_json   (const char          *json,
                                            GError             **error);

/* Row access without validation or history (undo/redo restore exact rows). */
AlamaSpan  *_alama_store_load_span         (AlamaStore  *self,
                                            gint64       span_id,
                                            GError     **error);
AlamaRelation *_alama_store_load_relation  (AlamaStore  *self,
                                            gint64       relation_id,
                                            GError     **error);
/* Inserts with span->id if it is not 0 (restoring), else assigns a new id. */
gboolean    _alama_store_insert_span_row   (AlamaStore  *self,
                                            AlamaSpan   *span,
                                            GError     **error);
gboolean    _alama_store_update_span_row   (AlamaStore  *self,
                                            const AlamaSpan *span,
                                            GError     **error);
gboolean    _alama_store_delete_span_row   (AlamaStore  *self,
                                            gint64       span_id,
                                            GError     **error);
gboolean    _alama_store_insert_relation_row (AlamaStore    *self,
                                              AlamaRelation *relation,
                                              GError       **error);
gboolean    _alama_store_update_relation_row (AlamaStore          *self,
                                              const AlamaRelation *relation,
                                              GError             **error);
gboolean    _alama_store_delete_relation_row (AlamaStore *self,
                                              gint64      relation_id,
                                              GError    **error);
/* Schema rows: writes @schema in place of the current one, refusing (UNKNOWN_LABEL)
 * to drop labels or relation types in use. No history. */
gboolean    _alama_store_write_schema      (AlamaStore  *self,
                                            AlamaSchema *schema,
                                            GError     **error);
/* Drops the cached schema (after a rollback that may have restored its rows). */
void        _alama_store_forget_schema     (AlamaStore  *self);
/* Executes a statement without results (BEGIN, SAVEPOINT ...). */
gboolean    _alama_store_exec              (AlamaStore  *self,
                                            const char  *sql,
                                            GError     **error);
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
/* Whether the store's current change records per-row history. */
gboolean    _alama_store_change_is_undoable (AlamaStore *self);

G_END_DECLS
