/* alama-store-row-log.c: the spans and relations the current change wrote.
 *
 * Each write of a span or relation row logs the row's state before and after
 * (document, status, modification time): after the commit the documents'
 * counts and the live document models (alama-store-rows-changed.c) follow
 * those few rows instead of reading the document's 10,000 again.
 * A call that fails inside a group rolls back to its savepoint, and its rows
 * leave the log with it. An import writes too many rows to be worth logging:
 * past ROW_LOG_LIMIT the log gives up and everything is read again, as before.
 */
#define G_LOG_DOMAIN "alama-store"

#include "config.h"

#include "alama-store-object-private.h"

#define ROW_LOG_LIMIT 4096

static AlamaChange *
active_change (AlamaStore *self)
{
  AlamaChange *change = _alama_store_get_change (self);

  return change->active ? change : NULL;
}

gboolean
_alama_store_row_log_wanted (AlamaStore *self)
{
  AlamaChange *change = active_change (self);

  return change != NULL && change->row_log != NULL;
}

void
_alama_store_row_log_give_up (AlamaStore *self)
{
  AlamaChange *change = active_change (self);

  if (change != NULL)
    g_clear_pointer (&change->row_log, g_array_unref);
}

/* Columns @first.. of @stmt's row: document_id, status, modified. */
static AlamaRowState
row_state_from_columns (sqlite3_stmt *stmt,
                        int           first)
{
  return (AlamaRowState) {
    .present = TRUE,
    .document_id = sqlite3_column_int64 (stmt, first),
    .status = _alama_status_from_sql ((const char *) sqlite3_column_text (stmt, first + 1)),
    .modified = sqlite3_column_int64 (stmt, first + 2),
  };
}

gboolean
_alama_store_read_row_state (AlamaStore     *self,
                             AlamaRowKind    kind,
                             gint64          id,
                             AlamaRowState  *out_state,
                             GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _alama_store_prepare (self,
                               kind == ALAMA_ROW_SPAN
                               ? "SELECT document_id, status, modified FROM spans WHERE id = ?"
                               : "SELECT document_id, status, modified FROM relations WHERE id = ?",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  *out_state = rc == SQLITE_ROW ? row_state_from_columns (stmt, 0) : (AlamaRowState) { 0, };
  _alama_stmt_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _alama_store_set_sqlite_error (self, rc, "reading a row before changing it", error);
      return FALSE;
    }
  return TRUE;
}

void
_alama_store_log_row (AlamaStore          *self,
                      AlamaRowKind         kind,
                      gint64               id,
                      const AlamaRowState *before,
                      const AlamaRowState *after)
{
  AlamaChange *change = active_change (self);
  AlamaRowDelta delta = { .kind = kind, .id = id };

  if (change == NULL || change->row_log == NULL)
    return;
  if (change->row_log->len >= ROW_LOG_LIMIT)
    {
      _alama_store_row_log_give_up (self);
      return;
    }
  if (before != NULL)
    delta.before = *before;
  if (after != NULL)
    delta.after = *after;
  g_array_append_val (change->row_log, delta);
}

gboolean
_alama_store_log_cascaded_relations (AlamaStore  *self,
                                     gint64       span_id,
                                     GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!_alama_store_row_log_wanted (self))
    return TRUE;

  /* Each relation with its state in the same read (a relation from the span
   * to itself is one row: UNION). */
  stmt = _alama_store_prepare (self,
                               "SELECT id, document_id, status, modified FROM relations "
                               "WHERE from_span = ?1 UNION "
                               "SELECT id, document_id, status, modified FROM relations "
                               "WHERE to_span = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, span_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AlamaRowState before = row_state_from_columns (stmt, 1);

      _alama_store_log_row (self, ALAMA_ROW_RELATION, sqlite3_column_int64 (stmt, 0), &before, NULL);
    }
  _alama_stmt_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _alama_store_set_sqlite_error (self, rc, "reading a span's relations", error);
      return FALSE;
    }
  return TRUE;
}

void
_alama_store_row_log_push_mark (AlamaStore *self)
{
  AlamaChange *change = active_change (self);
  guint length;

  if (change == NULL)
    return;
  length = change->row_log != NULL ? change->row_log->len : 0;
  g_array_append_val (change->row_log_marks, length);
}

void
_alama_store_row_log_pop_mark (AlamaStore *self,
                               gboolean    rolled_back)
{
  AlamaChange *change = active_change (self);
  guint length;

  if (change == NULL || change->row_log_marks->len == 0)
    return;
  length = g_array_index (change->row_log_marks, guint, change->row_log_marks->len - 1);
  g_array_set_size (change->row_log_marks, change->row_log_marks->len - 1);
  if (rolled_back && change->row_log != NULL && change->row_log->len > length)
    g_array_set_size (change->row_log, length);
}

/* ---- After the commit ------------------------------------------------------ */

static guint
row_key_hash (gconstpointer key)
{
  const AlamaRowDelta *delta = key;

  return g_int64_hash (&delta->id) ^ (guint) delta->kind;
}

static gboolean
row_key_equal (gconstpointer a,
               gconstpointer b)
{
  const AlamaRowDelta *da = a, *db = b;

  return da->kind == db->kind && da->id == db->id;
}

/* The log as one delta per row: the state before its first write and after
 * its last (a span added and deleted in one change has neither). NULL if the
 * log gave up. */
GArray *
_alama_change_net_rows (const AlamaChange *change)
{
  g_autoptr(GHashTable) first_by_row = NULL;
  g_autoptr(GArray) net = NULL;

  if (change->row_log == NULL)
    return NULL;
  net = g_array_sized_new (FALSE, FALSE, sizeof (AlamaRowDelta), change->row_log->len);
  first_by_row = g_hash_table_new (row_key_hash, row_key_equal);

  for (guint i = 0; i < change->row_log->len; i++)
    {
      const AlamaRowDelta *delta = &g_array_index (change->row_log, AlamaRowDelta, i);
      gpointer position;

      /* Positions are stored +1 so that 0 means "not seen". */
      if (g_hash_table_lookup_extended (first_by_row, delta, NULL, &position))
        {
          g_array_index (net, AlamaRowDelta, GPOINTER_TO_UINT (position) - 1).after = delta->after;
          continue;
        }
      g_array_append_val (net, *delta);
      g_hash_table_insert (first_by_row, (gpointer) delta, GUINT_TO_POINTER (net->len));
    }
  return g_steal_pointer (&net);
}

static gboolean
counted (const AlamaRowState *state)
{
  return state->present && state->status != ALAMA_STATUS_REJECTED;
}

/* What @net does to the counts of @document_id: annotations are accepted and
 * pending spans, suggestions pending spans and pending relations, as in the
 * documents' own query. */
void
_alama_row_deltas_count (const GArray *net,
                         gint64        document_id,
                         int          *annotations,
                         int          *pending)
{
  *annotations = 0;
  *pending = 0;
  for (guint i = 0; i < net->len; i++)
    {
      const AlamaRowDelta *delta = &g_array_index (net, AlamaRowDelta, i);

      if (delta->kind == ALAMA_ROW_RELATION)
        {
          if (delta->before.present && delta->before.document_id == document_id &&
              delta->before.status == ALAMA_STATUS_PENDING)
            (*pending)--;
          if (delta->after.present && delta->after.document_id == document_id &&
              delta->after.status == ALAMA_STATUS_PENDING)
            (*pending)++;
          continue;
        }
      if (delta->kind != ALAMA_ROW_SPAN)
        continue;
      if (counted (&delta->before) && delta->before.document_id == document_id)
        {
          (*annotations)--;
          if (delta->before.status == ALAMA_STATUS_PENDING)
            (*pending)--;
        }
      if (counted (&delta->after) && delta->after.document_id == document_id)
        {
          (*annotations)++;
          if (delta->after.status == ALAMA_STATUS_PENDING)
            (*pending)++;
        }
    }
}
