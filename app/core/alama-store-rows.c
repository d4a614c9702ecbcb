/* alama-store-rows.c: span and relation rows as they are stored — read,
 * inserted (with their own ids when undo restores them), changed and deleted —
 * without validation or history. Each write is logged in the change's row log
 * (alama-store-row-log.c) so that a commit can say which rows it changed.
 * A document's spans are listed in alama-store-list-spans.c.
 */
#define G_LOG_DOMAIN "alama-store"

#include "config.h"

#include <string.h>

#include "alama-span-attributes-private.h"
#include "alama-span-json-private.h"
#include "alama-stats-kept-private.h"
#include "alama-store-object-private.h"
#include "alama-store-rows-private.h"

/* ---- Span rows ---------------------------------------------------------------- */

AlamaSpan *
_alama_store_span_from_row (sqlite3_stmt *stmt)
{
  AlamaSpan *span = alama_span_new ((const char *) sqlite3_column_text (stmt, 2), 0, 0);

  span->id = sqlite3_column_int64 (stmt, 0);
  span->document_id = sqlite3_column_int64 (stmt, 1);
  span->attributes =
    _alama_span_attributes_new_from_json ((const char *) sqlite3_column_text (stmt, 3));
  span->note = _alama_column_dup (stmt, 4);
  span->source = _alama_column_dup (stmt, 5);
  span->status = _alama_status_from_sql ((const char *) sqlite3_column_text (stmt, 6));
  span->annotator = _alama_column_dup (stmt, 7);
  span->created = sqlite3_column_int64 (stmt, 8);
  span->modified = sqlite3_column_int64 (stmt, 9);
  span->ext_id = _alama_column_dup (stmt, 10);

  return span;
}

static gboolean
load_fragments (AlamaStore  *self,
                AlamaSpan   *span,
                GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _alama_store_prepare (self,
                               "SELECT start, \"end\" FROM span_fragments WHERE span_id = ? "
                               "ORDER BY start, \"end\"", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, span->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    alama_span_add_fragment (span, sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1));
  _alama_stmt_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _alama_store_set_sqlite_error (self, rc, "reading the fragments of a span", error);
      return FALSE;
    }

  return TRUE;
}

AlamaSpan *
_alama_store_load_span (AlamaStore  *self,
                        gint64       span_id,
                        GError     **error)
{
  g_autoptr(AlamaSpan) span = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _alama_store_prepare (self, "SELECT " ALAMA_STORE_SPAN_COLUMNS " FROM spans WHERE id = ?",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, span_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    span = _alama_store_span_from_row (stmt);
  _alama_stmt_reset (stmt);

  if (rc == SQLITE_DONE)
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_FOUND,
                   "There is no span %" G_GINT64_FORMAT " in %s", span_id, self->path);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _alama_store_set_sqlite_error (self, rc, "reading a span", error);
      return NULL;
    }

  if (!load_fragments (self, span, error))
    return NULL;

  return g_steal_pointer (&span);
}

static gboolean
insert_fragments (AlamaStore       *self,
                  const AlamaSpan  *span,
                  GError          **error)
{
  for (guint i = 0; i < span->fragments->len; i++)
    {
      const AlamaFragment *f = &g_array_index (span->fragments, AlamaFragment, i);
      sqlite3_stmt *stmt;
      gboolean ok;

      stmt = _alama_store_prepare (self,
                                   "INSERT INTO span_fragments (span_id, document_id, start, \"end\") "
                                   "VALUES (?, ?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, span->id);
      sqlite3_bind_int64 (stmt, 2, span->document_id);
      sqlite3_bind_int64 (stmt, 3, f->start);
      sqlite3_bind_int64 (stmt, 4, f->end);
      ok = _alama_store_step_done (self, stmt, "writing the fragments of a span", error);
      _alama_stmt_reset (stmt);
      if (!ok)
        return FALSE;
    }

  return TRUE;
}

static void
bind_span_fields (sqlite3_stmt    *stmt,
                  const AlamaSpan *span,
                  const char      *attributes)
{
  sqlite3_bind_int64 (stmt, 2, span->document_id);
  sqlite3_bind_text (stmt, 3, span->label, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, attributes, -1, SQLITE_TRANSIENT);
  _alama_bind_text_or_null (stmt, 5, span->note);
  sqlite3_bind_text (stmt, 6, span->source ? span->source : ALAMA_SOURCE_MANUAL, -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, _alama_status_to_sql (span->status), -1, SQLITE_STATIC);
  _alama_bind_text_or_null (stmt, 8, span->annotator);
  sqlite3_bind_int64 (stmt, 9, span->created);
  sqlite3_bind_int64 (stmt, 10, span->modified);
  _alama_bind_text_or_null (stmt, 11, span->ext_id);
}

/* A row's state as the row log wants it (alama-store-row-log.c). */
#define ROW_STATE(row) \
  ((AlamaRowState) { .present = TRUE, .document_id = (row)->document_id, \
                     .status = (row)->status, .modified = (row)->modified })

gboolean
_alama_store_insert_span_row (AlamaStore  *self,
                              AlamaSpan   *span,
                              GError     **error)
{
  g_autofree char *attributes = _alama_span_attributes_to_json (span->attributes);
  sqlite3_stmt *stmt;
  gboolean ok;

  stmt = _alama_store_prepare (self, "INSERT INTO spans (" ALAMA_STORE_SPAN_COLUMNS ") "
                                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  if (span->id != 0)
    sqlite3_bind_int64 (stmt, 1, span->id);
  else
    sqlite3_bind_null (stmt, 1);
  bind_span_fields (stmt, span, attributes);
  ok = _alama_store_step_done (self, stmt, "adding a span", error);
  _alama_stmt_reset (stmt);
  if (!ok)
    return FALSE;

  if (span->id == 0)
    span->id = sqlite3_last_insert_rowid (self->db);
  _alama_store_log_row (self, ALAMA_ROW_SPAN, span->id, NULL,
                        &ROW_STATE (span));

  return insert_fragments (self, span, error) &&
         _alama_stats_kept_span_written (self, span, FALSE, error);   /* kept stats */
}

gboolean
_alama_store_update_span_row (AlamaStore       *self,
                              const AlamaSpan  *span,
                              GError          **error)
{
  g_autofree char *attributes = _alama_span_attributes_to_json (span->attributes);
  AlamaRowState before = { 0, };
  sqlite3_stmt *stmt;
  gboolean ok;

  if (_alama_store_row_log_wanted (self) &&
      !_alama_store_read_row_state (self, ALAMA_ROW_SPAN, span->id, &before, error))
    return FALSE;

  stmt = _alama_store_prepare (self,
                               "UPDATE spans SET document_id = ?2, label = ?3, attributes = ?4, "
                               "note = ?5, source = ?6, status = ?7, annotator = ?8, created = ?9, "
                               "modified = ?10, ext_id = ?11 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, span->id);
  bind_span_fields (stmt, span, attributes);
  ok = _alama_store_step_done (self, stmt, "changing a span", error);
  _alama_stmt_reset (stmt);
  if (!ok)
    return FALSE;
  _alama_store_log_row (self, ALAMA_ROW_SPAN, span->id, &before,
                        &ROW_STATE (span));

  stmt = _alama_store_prepare (self, "DELETE FROM span_fragments WHERE span_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, span->id);
  ok = _alama_store_step_done (self, stmt, "changing a span", error);
  _alama_stmt_reset (stmt);
  if (!ok)
    return FALSE;

  return insert_fragments (self, span, error) &&
         _alama_stats_kept_span_written (self, span, TRUE, error);   /* kept stats */
}

gboolean
_alama_store_delete_span_row (AlamaStore  *self,
                              gint64       span_id,
                              GError     **error)
{
  AlamaRowState before = { 0, };
  sqlite3_stmt *stmt;
  gboolean ok;

  if (_alama_store_row_log_wanted (self) &&
      (!_alama_store_read_row_state (self, ALAMA_ROW_SPAN, span_id, &before, error) ||
       !_alama_store_log_cascaded_relations (self, span_id, error)))
    return FALSE;

  stmt = _alama_store_prepare (self, "DELETE FROM spans WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, span_id);
  ok = _alama_store_step_done (self, stmt, "deleting a span", error);
  _alama_stmt_reset (stmt);
  if (ok)
    _alama_store_log_row (self, ALAMA_ROW_SPAN, span_id, &before, NULL);

  return ok;
}

/* ---- Relation rows -------------------------------------------------------- */

#define RELATION_COLUMNS \
  "id, document_id, type, from_span, to_span, source, status, annotator, created, modified, ext_id"

static AlamaRelation *
relation_from_row (sqlite3_stmt *stmt)
{
  AlamaRelation *relation = alama_relation_new ((const char *) sqlite3_column_text (stmt, 2),
                                                sqlite3_column_int64 (stmt, 3),
                                                sqlite3_column_int64 (stmt, 4));

  relation->id = sqlite3_column_int64 (stmt, 0);
  relation->document_id = sqlite3_column_int64 (stmt, 1);
  relation->source = _alama_column_dup (stmt, 5);
  relation->status = _alama_status_from_sql ((const char *) sqlite3_column_text (stmt, 6));
  relation->annotator = _alama_column_dup (stmt, 7);
  relation->created = sqlite3_column_int64 (stmt, 8);
  relation->modified = sqlite3_column_int64 (stmt, 9);
  relation->ext_id = _alama_column_dup (stmt, 10);

  return relation;
}

AlamaRelation *
_alama_store_load_relation (AlamaStore  *self,
                            gint64       relation_id,
                            GError     **error)
{
  AlamaRelation *relation = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _alama_store_prepare (self, "SELECT " RELATION_COLUMNS " FROM relations WHERE id = ?",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, relation_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    relation = relation_from_row (stmt);
  _alama_stmt_reset (stmt);

  if (rc == SQLITE_DONE)
    g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_FOUND,
                 "There is no relation %" G_GINT64_FORMAT " in %s", relation_id, self->path);
  else if (rc != SQLITE_ROW)
    _alama_store_set_sqlite_error (self, rc, "reading a relation", error);

  return relation;
}

static void
bind_relation_fields (sqlite3_stmt        *stmt,
                      const AlamaRelation *relation)
{
  sqlite3_bind_int64 (stmt, 2, relation->document_id);
  sqlite3_bind_text (stmt, 3, relation->type, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, relation->from_id);
  sqlite3_bind_int64 (stmt, 5, relation->to_id);
  sqlite3_bind_text (stmt, 6, relation->source ? relation->source : ALAMA_SOURCE_MANUAL, -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, _alama_status_to_sql (relation->status), -1, SQLITE_STATIC);
  _alama_bind_text_or_null (stmt, 8, relation->annotator);
  sqlite3_bind_int64 (stmt, 9, relation->created);
  sqlite3_bind_int64 (stmt, 10, relation->modified);
  _alama_bind_text_or_null (stmt, 11, relation->ext_id);
}

gboolean
_alama_store_insert_relation_row (AlamaStore     *self,
                                  AlamaRelation  *relation,
                                  GError        **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  stmt = _alama_store_prepare (self, "INSERT INTO relations (" RELATION_COLUMNS ") "
                                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  if (relation->id != 0)
    sqlite3_bind_int64 (stmt, 1, relation->id);
  else
    sqlite3_bind_null (stmt, 1);
  bind_relation_fields (stmt, relation);
  ok = _alama_store_step_done (self, stmt, "adding a relation", error);
  _alama_stmt_reset (stmt);

  if (ok && relation->id == 0)
    relation->id = sqlite3_last_insert_rowid (self->db);
  if (ok)
    _alama_store_log_row (self, ALAMA_ROW_RELATION, relation->id, NULL,
                          &ROW_STATE (relation));

  return ok;
}

gboolean
_alama_store_update_relation_row (AlamaStore           *self,
                                  const AlamaRelation  *relation,
                                  GError              **error)
{
  AlamaRowState before = { 0, };
  sqlite3_stmt *stmt;
  gboolean ok;

  if (_alama_store_row_log_wanted (self) &&
      !_alama_store_read_row_state (self, ALAMA_ROW_RELATION, relation->id, &before, error))
    return FALSE;

  stmt = _alama_store_prepare (self,
                               "UPDATE relations SET document_id = ?2, type = ?3, from_span = ?4, "
                               "to_span = ?5, source = ?6, status = ?7, annotator = ?8, "
                               "created = ?9, modified = ?10, ext_id = ?11 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, relation->id);
  bind_relation_fields (stmt, relation);
  ok = _alama_store_step_done (self, stmt, "changing a relation", error);
  _alama_stmt_reset (stmt);
  if (ok)
    _alama_store_log_row (self, ALAMA_ROW_RELATION, relation->id, &before,
                          &ROW_STATE (relation));

  return ok;
}

gboolean
_alama_store_delete_relation_row (AlamaStore  *self,
                                  gint64       relation_id,
                                  GError     **error)
{
  AlamaRowState before = { 0, };
  sqlite3_stmt *stmt;
  gboolean ok;

  if (_alama_store_row_log_wanted (self) &&
      !_alama_store_read_row_state (self, ALAMA_ROW_RELATION, relation_id, &before, error))
    return FALSE;

  stmt = _alama_store_prepare (self, "DELETE FROM relations WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, relation_id);
  ok = _alama_store_step_done (self, stmt, "deleting a relation", error);
  _alama_stmt_reset (stmt);
  if (ok)
    _alama_store_log_row (self, ALAMA_ROW_RELATION, relation_id, &before, NULL);

  return ok;
}

/* ---- Reading spans and relations ---------------------------------------------- */

void
_alama_store_bind_status_mask (sqlite3_stmt    *stmt,
                               AlamaStatusMask  statuses)
{
  for (int i = 0; i < 3; i++)
    {
      if (statuses & (1 << i))
        sqlite3_bind_text (stmt, 2 + i, _alama_status_to_sql ((AlamaStatus) i), -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, 2 + i);
    }
}

AlamaSpan *
alama_store_get_span (AlamaStore  *self,
                      gint64       span_id,
                      GError     **error)
{
  g_return_val_if_fail (ALAMA_IS_STORE (self), NULL);

  return _alama_store_load_span (self, span_id, error);
}

/* The name and length of a document, for validation; kept for the next span
 * of the same change (see AlamaChange.checked_document_id). */
guint
alama_store_count_span_relations (AlamaStore *self,
                                  gint64      span_id)
{
  sqlite3_stmt *stmt;
  guint n = 0;

  g_return_val_if_fail (ALAMA_IS_STORE (self), 0);

  stmt = _alama_store_prepare (self, "SELECT count(*) FROM relations "
                                     "WHERE from_span = ?1 OR to_span = ?1", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, span_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = (guint) sqlite3_column_int64 (stmt, 0);
  _alama_stmt_reset (stmt);

  return n;
}

static int
compare_relation_ids (gconstpointer a,
                      gconstpointer b)
{
  const AlamaRelation *ra = *(AlamaRelation **) a;
  const AlamaRelation *rb = *(AlamaRelation **) b;

  return ra->id < rb->id ? -1 : (ra->id > rb->id);
}

GPtrArray *
alama_store_list_relations (AlamaStore       *self,
                            gint64            document_id,
                            AlamaStatusMask   statuses,
                            GError          **error)
{
  g_autoptr(GPtrArray) relations =
    g_ptr_array_new_with_free_func ((GDestroyNotify) alama_relation_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ALAMA_IS_STORE (self), NULL);

  /* Sorted here rather than by an ORDER BY, which would copy every row into
   * a temporary b-tree: the document's index is by status and time. */
  stmt = _alama_store_prepare (self, "SELECT " RELATION_COLUMNS " FROM relations "
                                     "WHERE document_id = ?1 AND status IN (?2, ?3, ?4)",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  _alama_store_bind_status_mask (stmt, statuses);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (relations, relation_from_row (stmt));
  _alama_stmt_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _alama_store_set_sqlite_error (self, rc, "listing relations", error);
      return NULL;
    }

  g_ptr_array_sort (relations, compare_relation_ids);
  return g_steal_pointer (&relations);
}

AlamaRelation *
alama_store_get_relation (AlamaStore  *self,
                          gint64       relation_id,
                          GError     **error)
{
  g_return_val_if_fail (ALAMA_IS_STORE (self), NULL);

  return _alama_store_load_relation (self, relation_id, error);
}


/* ---- The kinds of rows ---------------------------------------------------------- */

static gpointer
load_span (AlamaStore  *self,
           gint64       id,
           GError     **error)
{
  return _alama_store_load_span (self, id, error);
}

static char *
span_to_json (gconstpointer row)
{
  return _alama_span_to_json (row);
}

static gpointer
span_from_json (const char  *json,
                GError     **error)
{
  return _alama_span_from_json (json, error);
}

static gboolean
insert_span (AlamaStore  *self,
             gpointer     row,
             GError     **error)
{
  return _alama_store_insert_span_row (self, row, error);
}

static gboolean
update_span (AlamaStore     *self,
             gconstpointer   row,
             GError        **error)
{
  return _alama_store_update_span_row (self, row, error);
}

static gboolean
span_removes_alone (AlamaStore *self,
                    gint64      id)
{
  return alama_store_count_span_relations (self, id) == 0;
}

static gint64
span_document_id (gconstpointer row)
{
  return ((const AlamaSpan *) row)->document_id;
}

static gpointer
load_relation (AlamaStore  *self,
               gint64       id,
               GError     **error)
{
  return _alama_store_load_relation (self, id, error);
}

static char *
relation_to_json (gconstpointer row)
{
  return _alama_relation_to_json (row);
}

static gpointer
relation_from_json (const char  *json,
                    GError     **error)
{
  return _alama_relation_from_json (json, error);
}

static gboolean
insert_relation (AlamaStore  *self,
                 gpointer     row,
                 GError     **error)
{
  return _alama_store_insert_relation_row (self, row, error);
}

static gboolean
update_relation (AlamaStore     *self,
                 gconstpointer   row,
                 GError        **error)
{
  return _alama_store_update_relation_row (self, row, error);
}

static gint64
relation_document_id (gconstpointer row)
{
  return ((const AlamaRelation *) row)->document_id;
}

static const AlamaRowKindInfo row_kinds[] = {
  [ALAMA_ROW_SPAN] = {
    ALAMA_ROW_SPAN, "span", { "add-span", "update-span", "delete-span" },
    load_span, span_to_json, span_from_json, insert_span, update_span,
    _alama_store_delete_span_row, span_removes_alone, span_document_id,
    (GDestroyNotify) alama_span_unref,
  },
  [ALAMA_ROW_RELATION] = {
    ALAMA_ROW_RELATION, "relation", { "add-relation", "update-relation", "delete-relation" },
    load_relation, relation_to_json, relation_from_json, insert_relation, update_relation,
    _alama_store_delete_relation_row, NULL, relation_document_id,
    (GDestroyNotify) alama_relation_unref,
  },
};

const AlamaRowKindInfo *
_alama_row_kind_info (AlamaRowKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (row_kinds), NULL);

  return &row_kinds[kind];
}
