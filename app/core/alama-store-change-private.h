/* alama-store-change-private.h: the change being made (alama-store-change.c)
 * and its row log (alama-store-row-log.c).
 *
 * Every mutating call of the store opens a change, records its rows and
 * finishes it; undo and redo (alama-history.c) open changes the same way. The
 * change module calls the rows' and documents' files only to bring them along
 * after a commit, never to write. For the store's files only.
 */
#pragma once

#include <sqlite3.h>

#include "alama/alama-store.h"

G_BEGIN_DECLS

/* ---- What our own writes did to spans and relations (alama-store-row-log.c) -- */

/* The rows a change wrote are few and known: the change logs each row's state
 * before and after, and after the commit the documents' counts and the open
 * documents' models (AlamaStore::rows-changed) follow those rows instead of
 * reading the document again. Anything the log cannot describe (a deleted
 * document, too many rows, another process) makes them read again. */
typedef enum
{
  ALAMA_ROW_SPAN,
  ALAMA_ROW_RELATION,
} AlamaRowKind;

/* What a stamp or a count needs of a row; present FALSE: no such row. */
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
/* The log gives up on this change (a write it cannot describe): whatever
 * follows the commit reads the documents again. */
void        _alama_store_row_log_give_up   (AlamaStore          *self);
/* A call's savepoint opened, released, or rolled back: the rows logged since
 * the matching push are dropped on rollback. */
void        _alama_store_row_log_push_mark (AlamaStore          *self);
void        _alama_store_row_log_pop_mark  (AlamaStore          *self,
                                            gboolean             rolled_back);

/* ---- The change (alama-store-change.c) ------------------------------------- */

/* The change being made: one transaction, one undo step. */
typedef struct
{
  gboolean          active;        /* a transaction is open */
  gboolean          in_group;      /* opened by begin_change(), not by one call */
  guint             depth;         /* open call savepoints */
  gint64            change_id;     /* its row in the changes table */
  AlamaChangeFlags  flags;
  char             *description;   /* a group's free text, else NULL */
  AlamaChangeAction action;        /* what it did, with label: the words of it */
  char             *label;
  guint             n_rows;        /* history rows written */
  guint             n_documents;   /* what a not-undoable change (import) did, */
  guint             n_spans;       /* for its one summary row */
  guint             n_relations;
  gint64            document_id;   /* -1 none yet, 0 several */
  GHashTable       *touched;       /* of gint64* document ids */
  GArray           *added_documents;   /* of gint64 */
  GArray           *removed_documents; /* of gint64 */
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

/* Open a change for one mutating call: joins the current begin_change() group or
 * starts an implicit one (BEGIN IMMEDIATE) with @flags. Every call is wrapped in
 * a savepoint so a failing call inside a group undoes only itself. Pair with
 * _alama_store_op_finish(). */
gboolean    _alama_store_op_start          (AlamaStore  *self,
                                            AlamaChangeFlags flags,
                                            GError     **error);
/* What an implicit change does (ADD_SPAN, "PER"); ignored inside a group,
 * which keeps the words given to begin_change(). */
void        _alama_store_op_describe       (AlamaStore        *self,
                                            AlamaChangeAction  action,
                                            const char        *label);
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
/* Undo and redo are not changes of their own: they flip a change's state in a
 * transaction of their own (no changes row), committed like a change so that
 * what follows the file follows it. Roll back with _alama_store_rollback_change(). */
gboolean    _alama_store_replay_begin      (AlamaStore  *self,
                                            GError     **error);
gboolean    _alama_store_replay_commit     (AlamaStore  *self,
                                            gint64      *out_document_id,
                                            GError     **error);
/* Whether the store's current change records per-row history. */
gboolean    _alama_store_change_is_undoable (AlamaStore *self);
/* Rolls back the open transaction, if any, and drops the change (its rows, the
 * documents it noted, the cached schema its rollback may have restored). */
void        _alama_store_rollback_change   (AlamaStore  *self);
void        _alama_change_clear            (AlamaChange *change);

/* The log as one delta per row (its state before its first write in the
 * change and after its last); NULL if the log gave up. */
GArray     *_alama_change_net_rows         (const AlamaChange   *change);
/* What net row deltas do to a document's counts of annotations (accepted and
 * pending spans) and of suggestions (pending spans and pending relations). */
void        _alama_row_deltas_count        (const GArray        *net,
                                            gint64               document_id,
                                            int                 *annotations,
                                            int                 *pending);
G_END_DECLS
