/* alama-history.c: changes, history rows, undo and redo.
 *
 * A change is a row in the changes table plus one history row per table row it
 * touched, with the full row as JSON before and after. The undo stack IS that
 * history, so it survives a restart:
 *
 *   undo  takes the newest undoable change in state 'done', checks that each of
 *         its rows still looks like its "after" JSON, writes the "before" JSON
 *         back (original ids included) in reverse order, and marks it 'undone';
 *   redo  takes the oldest 'undone' change and does the opposite, in order;
 *   a new change marks every 'undone' change 'discarded' (the redo stack is cut).
 *
 * Undo and redo are not changes of their own: they flip the state. A change that
 * is not undoable (an import) writes one summary row and no per-annotation rows;
 * undo skips it, and the row checks refuse to undo something it has altered.
 */
#define G_LOG_DOMAIN "alama-history"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include <json-glib/json-glib.h>

#include "alama-span-json-private.h"
#include "alama-store-object-private.h"
#include "alama-store-rows-private.h"
#include "alama/alama-schema.h"


/* ---- Undo and redo ---------------------------------------------------------------- */

#define NEXT_UNDO_SQL \
  "SELECT id, description, action, label FROM changes WHERE undoable = 1 AND state = 'done' " \
  "ORDER BY id DESC LIMIT 1"
#define NEXT_REDO_SQL \
  "SELECT id, description, action, label FROM changes WHERE undoable = 1 AND state = 'undone' " \
  "ORDER BY id ASC LIMIT 1"

/* The next change to undo or redo: its id, its action and label (for
 * ALAMA_CHANGE_ACTION_NONE, the label is its description), and its English
 * words. Any out-argument may be NULL. */
static gboolean
next_change (AlamaStore         *self,
             const char         *sql,
             gint64             *id,
             AlamaChangeAction  *action,
             char              **label,
             char              **words)
{
  sqlite3_stmt *stmt = _alama_store_prepare (self, sql, NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found)
    {
      const char *description = (const char *) sqlite3_column_text (stmt, 1);
      AlamaChangeAction kind = alama_change_action_from_nick ((const char *) sqlite3_column_text (stmt, 2));
      const char *action_label = (const char *) sqlite3_column_text (stmt, 3);

      if (id != NULL)
        *id = sqlite3_column_int64 (stmt, 0);
      if (action != NULL)
        *action = kind;
      if (label != NULL)
        *label = g_strdup (kind == ALAMA_CHANGE_ACTION_NONE ? description : action_label);
      if (words != NULL)
        *words = alama_change_action_format (kind, action_label, description);
    }
  _alama_stmt_reset (stmt);

  return found;
}

gboolean
alama_store_can_undo (AlamaStore *self)
{
  g_return_val_if_fail (ALAMA_IS_STORE (self), FALSE);

  return !alama_store_is_read_only (self) && next_change (self, NEXT_UNDO_SQL, NULL, NULL, NULL, NULL);
}

gint64
alama_store_get_undo_change_id (AlamaStore *self)
{
  gint64 id = 0;

  g_return_val_if_fail (ALAMA_IS_STORE (self), 0);

  if (alama_store_is_read_only (self) || !next_change (self, NEXT_UNDO_SQL, &id, NULL, NULL, NULL))
    return 0;
  return id;
}

gboolean
alama_store_can_redo (AlamaStore *self)
{
  g_return_val_if_fail (ALAMA_IS_STORE (self), FALSE);

  return !alama_store_is_read_only (self) && next_change (self, NEXT_REDO_SQL, NULL, NULL, NULL, NULL);
}

char *
alama_store_dup_undo_description (AlamaStore *self)
{
  char *description = NULL;

  g_return_val_if_fail (ALAMA_IS_STORE (self), NULL);

  next_change (self, NEXT_UNDO_SQL, NULL, NULL, NULL, &description);
  return description;
}

char *
alama_store_dup_redo_description (AlamaStore *self)
{
  char *description = NULL;

  g_return_val_if_fail (ALAMA_IS_STORE (self), NULL);

  next_change (self, NEXT_REDO_SQL, NULL, NULL, NULL, &description);
  return description;
}

typedef struct
{
  char   *action;
  char   *target_kind;
  gint64  target_id;
  char   *before_json;
  char   *after_json;
} Row;

static void
row_free (Row *row)
{
  g_free (row->action);
  g_free (row->target_kind);
  g_free (row->before_json);
  g_free (row->after_json);
  g_free (row);
}

static GPtrArray *
load_change_rows (AlamaStore  *self,
                  gint64       change_id,
                  GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _alama_store_prepare (self, "SELECT action, target_kind, target_id, before_json, after_json "
                                     "FROM history WHERE change_id = ? ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, change_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Row *row = g_new0 (Row, 1);

      row->action = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      row->target_kind = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      row->target_id = sqlite3_column_int64 (stmt, 2);
      row->before_json = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      row->after_json = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      g_ptr_array_add (rows, row);
    }
  _alama_stmt_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _alama_store_set_sqlite_error (self, rc, "reading the history", error);
      return NULL;
    }

  return g_steal_pointer (&rows);
}

static gboolean
refuse (AlamaStore  *self,
        gboolean     undo,
        const char  *description,
        const char  *kind,
        gint64       id,
        GError     **error)
{
  g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_FAILED,
               "Cannot %s “%s” in %s: %s %" G_GINT64_FORMAT " was changed since by something else",
               undo ? "undo" : "redo", description, alama_store_get_path (self), kind, id);
  return FALSE;
}

/* A step moves a row only when it is still as the history left it: @current_json
 * (NULL: no row; @load_error then says why) must be @expected. FALSE with @error set
 * when the row could not be read or something else changed it since. */
static gboolean
check_current (AlamaStore  *self,
               gboolean     undo,
               const char  *description,
               const char  *kind,
               gint64       id,
               const char  *current_json,
               GError     **load_error,
               const char  *expected,
               GError     **error)
{
  if (current_json == NULL &&
      !g_error_matches (*load_error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (load_error));
      return FALSE;
    }
  if (g_strcmp0 (current_json, expected) != 0)
    return refuse (self, undo, description, kind, id, error);
  return TRUE;
}

/* Moves one row of @info's kind from @expected to @target (either may be
 * NULL = no row). */
static gboolean
apply_kind (AlamaStore              *self,
            const AlamaRowKindInfo  *info,
            gboolean                 undo,
            const char              *description,
            gint64                   id,
            const char              *expected,
            const char              *target,
            GError                 **error)
{
  g_autoptr(GError) local_error = NULL;
  gpointer current = info->load (self, id, &local_error);
  gpointer wanted = NULL;
  g_autofree char *current_json = current != NULL ? info->to_json (current) : NULL;
  gboolean ok = FALSE;

  if (!check_current (self, undo, description, info->name, id, current_json, &local_error,
                      expected, error))
    goto out;

  if (target == NULL)
    {
      /* Rows added by a later import would go with it: refuse. */
      if (info->removes_alone != NULL && !info->removes_alone (self, id))
        {
          refuse (self, undo, description, info->name, id, error);
          goto out;
        }
      _alama_store_touch_document (self, info->document_id (current));
      ok = info->remove (self, id, error);
      goto out;
    }

  wanted = info->from_json (target, error);
  if (wanted == NULL)
    goto out;
  _alama_store_touch_document (self, info->document_id (wanted));
  if (current != NULL)
    _alama_store_touch_document (self, info->document_id (current));

  if (current == NULL)
    ok = info->insert (self, wanted, error);
  else
    ok = info->update (self, wanted, error);

out:
  g_clear_pointer (&current, info->unref);
  g_clear_pointer (&wanted, info->unref);
  return ok;
}

static gboolean
apply_schema (AlamaStore  *self,
              gboolean     undo,
              const char  *description,
              const char  *expected,
              const char  *target,
              GError     **error)
{
  g_autoptr(AlamaSchema) current = alama_store_get_schema (self);
  g_autoptr(AlamaSchema) wanted = NULL;
  g_autofree char *current_data = alama_schema_to_keyfile_data (current, NULL);

  if (g_strcmp0 (current_data, expected) != 0)
    return refuse (self, undo, description, "schema", 0, error);

  wanted = alama_schema_from_keyfile_data (target, strlen (target), error);
  if (wanted == NULL)
    return FALSE;

  _alama_store_get_change (self)->document_id = 0;
  return _alama_store_write_schema (self, wanted, error);
}

static gboolean
apply_row (AlamaStore  *self,
           gboolean     undo,
           const char  *description,
           const Row   *row,
           GError     **error)
{
  const char *expected = undo ? row->after_json : row->before_json;
  const char *target = undo ? row->before_json : row->after_json;

  for (AlamaRowKind kind = ALAMA_ROW_SPAN; kind <= ALAMA_ROW_RELATION; kind++)
    {
      const AlamaRowKindInfo *info = _alama_row_kind_info (kind);

      if (strcmp (row->target_kind, info->name) == 0)
        return apply_kind (self, info, undo, description, row->target_id, expected, target,
                           error);
    }
  if (strcmp (row->target_kind, "schema") == 0 && expected != NULL && target != NULL)
    return apply_schema (self, undo, description, expected, target, error);

  /* Documents are never undone (see alama-document.h). */
  return TRUE;
}

static gboolean
undo_or_redo (AlamaStore  *self,
              gboolean     undo,
              gint64      *out_document_id,
              GError     **error)
{
  AlamaChange *change = _alama_store_get_change (self);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *description = NULL;
  gint64 change_id = 0;

  if (out_document_id != NULL)
    *out_document_id = 0;

  if (!_alama_store_check_writable (self, error))
    return FALSE;
  if (change->active)
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_FAILED,
                   _("Cannot %s while a change of %s is being made"),
                   undo ? "undo" : "redo", alama_store_get_path (self));
      return FALSE;
    }

  if (!_alama_store_replay_begin (self, error))
    return FALSE;

  if (!next_change (self, undo ? NEXT_UNDO_SQL : NEXT_REDO_SQL, &change_id, NULL, NULL,
                    &description))
    {
      _alama_store_rollback_change (self);
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOTHING_TO_UNDO,
                   undo ? "Nothing to undo in %s" : "Nothing to redo in %s",
                   alama_store_get_path (self));
      return FALSE;
    }

  rows = load_change_rows (self, change_id, error);
  if (rows == NULL)
    goto fail;

  /* Undo walks the rows backwards (a span comes back before its relations),
   * redo forwards. */
  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = g_ptr_array_index (rows, undo ? rows->len - 1 - i : i);

      if (!apply_row (self, undo, description, row, error))
        goto fail;
    }

  if (!_alama_store_exec_with_id (self, undo ? "UPDATE changes SET state = 'undone' WHERE id = ?"
                                : "UPDATE changes SET state = 'done' WHERE id = ?",
                     change_id, error))
    goto fail;

  if (!_alama_store_replay_commit (self, out_document_id, error))
    goto fail;
  return TRUE;

fail:
  _alama_store_rollback_change (self);
  return FALSE;
}

gboolean
alama_store_undo (AlamaStore  *self,
                  gint64      *out_document_id,
                  GError     **error)
{
  g_return_val_if_fail (ALAMA_IS_STORE (self), FALSE);

  return undo_or_redo (self, TRUE, out_document_id, error);
}

gboolean
alama_store_redo (AlamaStore  *self,
                  gint64      *out_document_id,
                  GError     **error)
{
  g_return_val_if_fail (ALAMA_IS_STORE (self), FALSE);

  return undo_or_redo (self, FALSE, out_document_id, error);
}

gboolean
alama_store_get_undo_action (AlamaStore         *self,
                             AlamaChangeAction  *action,
                             char              **label)
{
  g_return_val_if_fail (ALAMA_IS_STORE (self), FALSE);

  return next_change (self, NEXT_UNDO_SQL, NULL, action, label, NULL);
}

gboolean
alama_store_get_redo_action (AlamaStore         *self,
                             AlamaChangeAction  *action,
                             char              **label)
{
  g_return_val_if_fail (ALAMA_IS_STORE (self), FALSE);

  return next_change (self, NEXT_REDO_SQL, NULL, action, label, NULL);
}

/* ---- Provenance --------------------------------------------------------------------- */

void
alama_history_entry_free (AlamaHistoryEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->description);
  g_free (entry->change_label);
  g_free (entry->action);
  g_free (entry->target_kind);
  g_free (entry->before_json);
  g_free (entry->after_json);
  g_free (entry->who);
  g_free (entry);
}

GPtrArray *
alama_store_list_history (AlamaStore  *self,
                          const char  *target_kind,
                          gint64       target_id,
                          GError     **error)
{
  g_autoptr(GPtrArray) entries =
    g_ptr_array_new_with_free_func ((GDestroyNotify) alama_history_entry_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ALAMA_IS_STORE (self), NULL);

  stmt = _alama_store_prepare (self,
                               "SELECT h.id, h.change_id, c.description, h.action, h.target_kind, "
                               "h.target_id, h.before_json, h.after_json, h.who, h.at, c.state, "
                               "c.action, c.label "
                               "FROM history h JOIN changes c ON c.id = h.change_id "
                               "WHERE (?1 IS NULL OR h.target_kind = ?1) "
                               "AND (?2 = 0 OR h.target_id = ?2) ORDER BY h.id", error);
  if (stmt == NULL)
    return NULL;
  if (target_kind != NULL)
    sqlite3_bind_text (stmt, 1, target_kind, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_int64 (stmt, 2, target_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AlamaHistoryEntry *entry = g_new0 (AlamaHistoryEntry, 1);

      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->change_id = sqlite3_column_int64 (stmt, 1);
      entry->change_action = alama_change_action_from_nick ((const char *) sqlite3_column_text (stmt, 11));
      entry->change_label = g_strdup ((const char *) sqlite3_column_text (stmt, 12));
      entry->description = alama_change_action_format (entry->change_action, entry->change_label,
                                                       (const char *) sqlite3_column_text (stmt, 2));
      if (entry->change_action == ALAMA_CHANGE_ACTION_NONE)
        {
          g_free (entry->change_label);
          entry->change_label = g_strdup (entry->description);
        }
      entry->action = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      entry->target_kind = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      entry->target_id = sqlite3_column_int64 (stmt, 5);
      entry->before_json = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      entry->after_json = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
      entry->who = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
      entry->at = sqlite3_column_int64 (stmt, 9);
      entry->undone = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 10), "done") != 0;
      g_ptr_array_add (entries, entry);
    }
  _alama_stmt_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _alama_store_set_sqlite_error (self, rc, "reading the history", error);
      return NULL;
    }

  return g_steal_pointer (&entries);
}

