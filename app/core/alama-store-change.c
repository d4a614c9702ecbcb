/* alama-store-change.c: the change being made — one transaction, one undo
 * step — and the savepoint around each call in it.
 *
 * Every mutating call opens a change with _alama_store_op_start() (joining the
 * begin_change() group, or starting one of its own), records each row it
 * touched with _alama_store_record(), and finishes with _alama_store_op_finish().
 * A commit then brings along what follows the file: the documents' list and
 * counts, the open documents' models ("rows-changed"), and emits "changed".
 */
#define G_LOG_DOMAIN "alama-history"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "alama-store-rows-changed-private.h"
#include "alama-store-object-private.h"
#include "alama-store-rows-private.h"

/* ---- The change being made ------------------------------------------------------ */

/* Called right after BEGIN. */
static void
change_init (AlamaChange      *change,
             gboolean          in_group,
             const char       *description,
             AlamaChangeAction action,
             const char       *label,
             AlamaChangeFlags  flags)
{
  _alama_change_clear (change);
  change->active = TRUE;
  change->row_log = g_array_new (FALSE, FALSE, sizeof (AlamaRowDelta));
  change->row_log_marks = g_array_new (FALSE, FALSE, sizeof (guint));
  change->in_group = in_group;
  change->flags = flags;
  change->description = g_strdup (description);
  change->action = action;
  change->label = g_strdup (label);
  change->touched = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  change->added_documents = g_array_new (FALSE, FALSE, sizeof (gint64));
  change->removed_documents = g_array_new (FALSE, FALSE, sizeof (gint64));
}

gboolean
_alama_store_change_is_undoable (AlamaStore *self)
{
  AlamaChange *change = _alama_store_get_change (self);

  return change->active && !(change->flags & ALAMA_CHANGE_NOT_UNDOABLE);
}

void
_alama_store_touch_document (AlamaStore *self,
                             gint64      document_id)
{
  AlamaChange *change = _alama_store_get_change (self);

  if (!change->active || document_id <= 0)
    return;

  if (!g_hash_table_contains (change->touched, &document_id))
    g_hash_table_add (change->touched, g_memdup2 (&document_id, sizeof document_id));

  if (change->document_id == -1)
    change->document_id = document_id;
  else if (change->document_id != document_id)
    change->document_id = 0;
}

void
_alama_store_note_document_added (AlamaStore *self,
                                  gint64      document_id)
{
  AlamaChange *change = _alama_store_get_change (self);

  if (change->active)
    g_array_append_val (change->added_documents, document_id);
}

static void
forget_checked_document (AlamaChange *change)
{
  change->checked_document_id = 0;
  g_clear_pointer (&change->checked_document_name, g_free);
}

void
_alama_store_note_document_removed (AlamaStore *self,
                                    gint64      document_id)
{
  AlamaChange *change = _alama_store_get_change (self);

  if (change->active)
    g_array_append_val (change->removed_documents, document_id);
  forget_checked_document (change);
}

void
_alama_store_op_describe (AlamaStore        *self,
                          AlamaChangeAction  action,
                          const char        *label)
{
  AlamaChange *change = _alama_store_get_change (self);

  if (change->active && !change->in_group)
    {
      g_clear_pointer (&change->description, g_free);
      change->action = action;
      g_free (change->label);
      change->label = g_strdup (label);
    }
}

/* Binds a change's description, action and label at @first, @first + 1 and
 * @first + 2. */
static void
bind_words (sqlite3_stmt      *stmt,
            int                first,
            const AlamaChange *change)
{
  const char *nick = alama_change_action_to_nick (change->action);

  sqlite3_bind_text (stmt, first, change->description ? change->description : "", -1,
                     SQLITE_TRANSIENT);
  if (nick != NULL)
    sqlite3_bind_text (stmt, first + 1, nick, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, first + 1);
  if (nick != NULL && change->label != NULL)
    sqlite3_bind_text (stmt, first + 2, change->label, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, first + 2);
}

/* SAVEPOINT and RELEASE run once per store call (twice per imported document or
 * span), BEGIN and COMMIT once per change: a cached prepared statement, not
 * sqlite3_exec's parse every time. */
static gboolean
exec_cached (AlamaStore  *self,
             const char  *sql,
             GError     **error)
{
  sqlite3_stmt *stmt = _alama_store_prepare (self, sql, error);
  gboolean ok;

  if (stmt == NULL)
    return FALSE;
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  if (!ok)
    _alama_store_set_sqlite_error (self, sqlite3_errcode (_alama_store_get_db (self)), sql, error);
  _alama_stmt_reset (stmt);

  return ok;
}

static const char SYNCHRONOUS_NORMAL[] = "PRAGMA synchronous = NORMAL";
static const char SYNCHRONOUS_FULL[] = "PRAGMA synchronous = FULL";

/* Opens the transaction and the row of a change. */
static gboolean
start_change (AlamaStore        *self,
              gboolean           in_group,
              const char        *description,
              AlamaChangeAction  action,
              const char        *label,
              AlamaChangeFlags   flags,
              GError           **error)
{
  AlamaChange *change = _alama_store_get_change (self);
  const char *pragma;
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!_alama_store_check_writable (self, error))
    return FALSE;

  /* Imports commit with synchronous=NORMAL. In WAL mode that still survives a
   * crash of the process (the commit is in the WAL when the call returns) and
   * never corrupts the file; only a power cut may roll back the newest imports,
   * whose files are still on disk to import again. Every other change is FULL:
   * an analyst's work by hand has no other copy. It saved an fdatasync per file
   * (2,000 .txt files, 18 MB: 0.8 s -> 0.6 s). */
  pragma = (flags & ALAMA_CHANGE_NOT_UNDOABLE) ? SYNCHRONOUS_NORMAL : SYNCHRONOUS_FULL;
  /* Only when the level changes: a PRAGMA takes effect when it is prepared,
   * so SQLite prepares it again at every run (a fifth of the store call of a
   * label key in perf). */
  if (_alama_store_get_synchronous_pragma (self) != pragma)
    {
      _alama_store_set_synchronous_pragma (self, NULL);
      if (!exec_cached (self, pragma, error))
        return FALSE;
      _alama_store_set_synchronous_pragma (self, pragma);
    }

  if (!exec_cached (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  change_init (change, in_group, description, action, label, flags);

  stmt = _alama_store_prepare (self,
                               "INSERT INTO changes (description, action, label, undoable, state, who, at) "
                               "VALUES (?1, ?2, ?3, ?4, 'done', ?5, ?6)", error);
  ok = stmt != NULL;
  if (ok)
    {
      bind_words (stmt, 1, change);
      sqlite3_bind_int (stmt, 4, (flags & ALAMA_CHANGE_NOT_UNDOABLE) ? 0 : 1);
      sqlite3_bind_text (stmt, 5, alama_store_get_annotator (self), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 6, g_get_real_time ());
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          _alama_store_set_sqlite_error (self, sqlite3_errcode (_alama_store_get_db (self)),
                                         "starting a change", error);
          ok = FALSE;
        }
      _alama_stmt_reset (stmt);
    }

  if (!ok)
    {
      _alama_store_exec (self, "ROLLBACK", NULL);
      _alama_change_clear (change);
      return FALSE;
    }

  change->change_id = sqlite3_last_insert_rowid (_alama_store_get_db (self));
  return TRUE;
}

static gboolean
write_import_summary (AlamaStore  *self,
                      GError     **error)
{
  AlamaChange *change = _alama_store_get_change (self);
  g_autofree char *summary = g_strdup_printf ("{\"documents\":%u,\"spans\":%u,\"relations\":%u}",
                                              change->n_documents, change->n_spans,
                                              change->n_relations);

  /* Counted rows are not written for a not-undoable change: switch it off to
   * write this one. */
  change->flags &= ~ALAMA_CHANGE_NOT_UNDOABLE;
  if (!_alama_store_record (self, "import", "import", change->change_id, 0, NULL, summary, error))
    return FALSE;
  change->flags |= ALAMA_CHANGE_NOT_UNDOABLE;

  return TRUE;
}

/* Brings along what follows the file, then tells everyone. */
static void
follow_commit (AlamaStore  *self,
               AlamaChange *committed)
{
  g_autoptr(GArray) net = _alama_change_net_rows (committed);

  _alama_store_documents_follow_commit (self, committed, net);
  _alama_store_emit_rows_changed (self, net);
  _alama_store_emit_changed (self, committed->document_id > 0 ? committed->document_id : 0);
}

/* After COMMIT: takes the change out of the store before anyone reacts to
 * "changed" (a handler may start the next change), then brings along what
 * follows the file. */
static void
after_commit (AlamaStore *self,
              gint64     *out_document_id)
{
  AlamaChange *change = _alama_store_get_change (self);
  AlamaChange committed = *change;

  memset (change, 0, sizeof *change);
  change->document_id = -1;
  if (out_document_id != NULL)
    *out_document_id = committed.document_id > 0 ? committed.document_id : 0;
  follow_commit (self, &committed);
  _alama_change_clear (&committed);
}

/* Finishes the change row and commits; then updates the model and emits. */
static gboolean
commit_change (AlamaStore  *self,
               GError     **error)
{
  AlamaChange *change = _alama_store_get_change (self);
  gboolean counted = change->n_spans + change->n_relations + change->n_documents > 0;
  sqlite3_stmt *stmt;

  if ((change->flags & ALAMA_CHANGE_NOT_UNDOABLE) && change->in_group && counted &&
      !write_import_summary (self, error))
    goto fail;

  if (change->n_rows == 0)
    {
      /* Nothing was recorded (a no-op edit, an imported-file note): no undo step. */
      if (!_alama_store_exec_with_id (self, "DELETE FROM changes WHERE id = ?", change->change_id, error))
        goto fail;
    }
  else
    {
      /* A new change cuts the redo stack. */
      if (!_alama_store_exec_with_id (self, "UPDATE changes SET state = 'discarded' "
                               "WHERE state = 'undone' AND id < ?", change->change_id, error))
        goto fail;

      stmt = _alama_store_prepare (self, "UPDATE changes SET document_id = ?1, description = ?3, "
                                         "action = ?4, label = ?5 WHERE id = ?2", error);
      if (stmt == NULL)
        goto fail;
      bind_words (stmt, 3, change);
      if (change->document_id > 0)
        sqlite3_bind_int64 (stmt, 1, change->document_id);
      else
        sqlite3_bind_null (stmt, 1);
      sqlite3_bind_int64 (stmt, 2, change->change_id);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          _alama_store_set_sqlite_error (self, sqlite3_errcode (_alama_store_get_db (self)),
                                         "finishing a change", error);
          _alama_stmt_reset (stmt);
          goto fail;
        }
      _alama_stmt_reset (stmt);
    }

  if (!exec_cached (self, "COMMIT", error))
    goto fail;

  after_commit (self, NULL);
  return TRUE;

fail:
  _alama_store_rollback_change (self);
  return FALSE;
}

gboolean
_alama_store_op_start (AlamaStore        *self,
                       AlamaChangeFlags   flags,
                       GError           **error)
{
  AlamaChange *change = _alama_store_get_change (self);

  if (!_alama_store_check_writable (self, error))
    return FALSE;

  if (!change->active &&
      !start_change (self, FALSE, NULL, ALAMA_CHANGE_ACTION_NONE, NULL, flags, error))
    return FALSE;

  if (!exec_cached (self, "SAVEPOINT alama_call", error))
    {
      if (!change->in_group && change->depth == 0)
        _alama_store_rollback_change (self);
      return FALSE;
    }

  change->depth++;
  _alama_store_row_log_push_mark (self);
  return TRUE;
}

gboolean
_alama_store_op_finish (AlamaStore  *self,
                        gboolean     ok,
                        GError     **error)
{
  AlamaChange *change = _alama_store_get_change (self);

  g_return_val_if_fail (change->active && change->depth > 0, FALSE);

  change->depth--;
  if (ok)
    ok = exec_cached (self, "RELEASE alama_call", error);
  if (!ok)
    {
      _alama_store_exec (self, "ROLLBACK TO alama_call", NULL);
      _alama_store_exec (self, "RELEASE alama_call", NULL);
      _alama_store_forget_schema (self);
      /* The document may have been added by the call rolled back. */
      forget_checked_document (change);
    }
  _alama_store_row_log_pop_mark (self, !ok);

  if (change->in_group || change->depth > 0)
    return ok;

  if (!ok)
    {
      _alama_store_rollback_change (self);
      return FALSE;
    }

  return commit_change (self, error);
}

gboolean
_alama_store_record (AlamaStore  *self,
                     const char  *action,
                     const char  *target_kind,
                     gint64       target_id,
                     gint64       document_id,
                     const char  *before_json,
                     const char  *after_json,
                     GError     **error)
{
  AlamaChange *change = _alama_store_get_change (self);
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (change->active, FALSE);

  if (strcmp (target_kind, "schema") == 0)
    change->document_id = 0;     /* "changed" names no single document */
  if (strcmp (action, "add-document") == 0)
    change->n_documents++;

  /* An import keeps no row per annotation: count them for its summary. Document
   * rows are kept (one per document) so that their provenance is known. */
  if ((change->flags & ALAMA_CHANGE_NOT_UNDOABLE) && strcmp (target_kind, "document") != 0)
    {
      if (strcmp (target_kind, "span") == 0)
        change->n_spans++;
      else if (strcmp (target_kind, "relation") == 0)
        change->n_relations++;
      return TRUE;
    }

  stmt = _alama_store_prepare (self,
                               "INSERT INTO history (change_id, action, target_kind, target_id, "
                               "document_id, before_json, after_json, who, at) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, change->change_id);
  sqlite3_bind_text (stmt, 2, action, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, target_kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, target_id);
  if (document_id > 0)
    sqlite3_bind_int64 (stmt, 5, document_id);
  else
    sqlite3_bind_null (stmt, 5);
  if (before_json != NULL)
    sqlite3_bind_text (stmt, 6, before_json, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 6);
  if (after_json != NULL)
    sqlite3_bind_text (stmt, 7, after_json, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 7);
  sqlite3_bind_text (stmt, 8, alama_store_get_annotator (self), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 9, g_get_real_time ());

  ok = sqlite3_step (stmt) == SQLITE_DONE;
  if (!ok)
    _alama_store_set_sqlite_error (self, sqlite3_errcode (_alama_store_get_db (self)),
                                   "recording the history", error);
  _alama_stmt_reset (stmt);

  if (ok)
    change->n_rows++;
  return ok;
}

/* ---- Undo and redo's transaction -------------------------------------------- */

gboolean
_alama_store_replay_begin (AlamaStore  *self,
                           GError     **error)
{
  if (!exec_cached (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  change_init (_alama_store_get_change (self), FALSE, NULL, ALAMA_CHANGE_ACTION_NONE, NULL,
               ALAMA_CHANGE_UNDOABLE);
  return TRUE;
}

gboolean
_alama_store_replay_commit (AlamaStore  *self,
                            gint64      *out_document_id,
                            GError     **error)
{
  if (!exec_cached (self, "COMMIT", error))
    return FALSE;
  after_commit (self, out_document_id);
  return TRUE;
}

/* ---- A part of a change --------------------------------------------------------- */

gboolean
_alama_store_part_start (AlamaStore       *self,
                         AlamaChangePart  *part,
                         GError          **error)
{
  AlamaChange *change = _alama_store_get_change (self);

  g_return_val_if_fail (change->active && change->in_group, FALSE);

  part->n_rows = change->n_rows;
  part->n_documents = change->n_documents;
  part->n_spans = change->n_spans;
  part->n_relations = change->n_relations;
  part->n_added_documents = change->added_documents->len;

  return _alama_store_op_start (self, change->flags, error);
}

gboolean
_alama_store_part_finish (AlamaStore       *self,
                          AlamaChangePart  *part,
                          gboolean          ok,
                          GError          **error)
{
  AlamaChange *change = _alama_store_get_change (self);

  ok = _alama_store_op_finish (self, ok, ok ? error : NULL) && ok;
  if (ok)
    return TRUE;

  /* The rows are gone: so must be what the change counted and noted of them. */
  for (guint i = part->n_added_documents; i < change->added_documents->len; i++)
    g_hash_table_remove (change->touched, &g_array_index (change->added_documents, gint64, i));
  g_array_set_size (change->added_documents, part->n_added_documents);
  change->n_rows = part->n_rows;
  change->n_documents = part->n_documents;
  change->n_spans = part->n_spans;
  change->n_relations = part->n_relations;

  return FALSE;
}

/* ---- Public grouping -------------------------------------------------------------- */

static gboolean
begin_group (AlamaStore        *self,
             const char        *description,
             AlamaChangeAction  action,
             const char        *label,
             AlamaChangeFlags   flags,
             GError           **error)
{
  AlamaChange *change = _alama_store_get_change (self);

  if (change->active)
    {
      g_autofree char *words = alama_change_action_format (change->action, change->label,
                                                           change->description);

      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_FAILED,
                   _("A change of %s is already being made (“%s”); changes do not nest"),
                   alama_store_get_path (self), words);
      return FALSE;
    }

  return start_change (self, TRUE, description, action, label, flags, error);
}

gboolean
alama_store_begin_change (AlamaStore        *self,
                          const char        *description,
                          AlamaChangeFlags   flags,
                          GError           **error)
{
  g_return_val_if_fail (ALAMA_IS_STORE (self), FALSE);

  return begin_group (self, description ? description : "", ALAMA_CHANGE_ACTION_NONE, NULL,
                      flags, error);
}

gboolean
alama_store_begin_action_change (AlamaStore        *self,
                                 AlamaChangeAction  action,
                                 const char        *label,
                                 AlamaChangeFlags   flags,
                                 GError           **error)
{
  g_return_val_if_fail (ALAMA_IS_STORE (self), FALSE);

  return begin_group (self, NULL, action, label, flags, error);
}

gboolean
alama_store_end_change (AlamaStore  *self,
                        GError     **error)
{
  AlamaChange *change;

  g_return_val_if_fail (ALAMA_IS_STORE (self), FALSE);

  change = _alama_store_get_change (self);
  if (!change->active || !change->in_group)
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_FAILED,
                   _("alama_store_end_change() without alama_store_begin_change() on %s"),
                   alama_store_get_path (self));
      return FALSE;
    }

  return commit_change (self, error);
}

void
alama_store_cancel_change (AlamaStore *self)
{
  g_return_if_fail (ALAMA_IS_STORE (self));

  if (_alama_store_get_change (self)->active)
    _alama_store_rollback_change (self);
}

gboolean
alama_store_in_change (AlamaStore *self)
{
  g_return_val_if_fail (ALAMA_IS_STORE (self), FALSE);

  return _alama_store_get_change (self)->in_group;
}

