/* alama-store-annotations.c: the public calls on spans and relations.
 *
 * Every mutating call has the same shape:
 *
 *   _alama_store_op_start ()    joins the begin_change() group or opens one
 *   validate, write rows, _alama_store_record () the before/after of each row
 *   _alama_store_op_finish ()   commits, or rolls back on failure
 *
 * so that a failing call leaves the file exactly as it was.
 *
 * Why this file is long: spans and relations write each other's rows inside
 * one operation (deleting a span deletes its relations, rejecting one rejects
 * its suggested relations, a relabel checks them), through static *_in_op()
 * helpers that must not be callable outside an operation. What spans and
 * relations share (add, update, status, delete as one change) is written once,
 * at the end, over an AnnotationKind that says where each kind keeps its
 * common fields.
 */
#define G_LOG_DOMAIN "alama-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <inttypes.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "alama-span-json-private.h"
#include "alama-store-object-private.h"
#include "alama-store-rows-private.h"
#include "alama/alama-text.h"

#define SPAN_ROWS (_alama_row_kind_info (ALAMA_ROW_SPAN))
#define RELATION_ROWS (_alama_row_kind_info (ALAMA_ROW_RELATION))

/* ---- Spans: validation and the public calls --------------------------------- */

static gboolean
document_info (AlamaStore  *self,
               gint64       document_id,
               char       **name,
               gint64      *length,
               GError     **error)
{
  AlamaChange *change = &self->change;
  sqlite3_stmt *stmt;
  int rc;

  if (change->active && change->checked_document_id == document_id && document_id != 0)
    {
      *name = g_strdup (change->checked_document_name);
      *length = change->checked_document_length;
      return TRUE;
    }

  stmt = _alama_store_prepare (self, "SELECT name, length_cp FROM documents WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *name = _alama_column_dup (stmt, 0);
      *length = sqlite3_column_int64 (stmt, 1);
    }
  _alama_stmt_reset (stmt);

  if (rc == SQLITE_DONE)
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_FOUND,
                   "There is no document %" G_GINT64_FORMAT " in %s", document_id, self->path);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      _alama_store_set_sqlite_error (self, rc, "reading a document", error);
      return FALSE;
    }

  if (change->active)
    {
      change->checked_document_id = document_id;
      g_free (change->checked_document_name);
      change->checked_document_name = g_strdup (*name);
      change->checked_document_length = *length;
    }

  return TRUE;
}

static gboolean
validate_span (AlamaStore       *self,
               const AlamaSpan  *span,
               GError          **error)
{
  g_autoptr(AlamaSchema) schema = NULL;
  g_autofree char *name = NULL;
  gint64 length = 0;

  if (!document_info (self, span->document_id, &name, &length, error))
    return FALSE;

  if (span->label == NULL || span->label[0] == '\0')
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_INVALID,
                   _("A span in document “%s” has no label"), name);
      return FALSE;
    }

  schema = alama_store_get_schema (self);
  if (alama_schema_find_label (schema, span->label) == NULL)
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_UNKNOWN_LABEL,
                   _("Label “%s” is not in the schema of %s (document “%s”)"),
                   span->label, self->path, name);
      return FALSE;
    }

  if (span->fragments->len == 0)
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_INVALID,
                   _("A %s span in document “%s” covers no text"), span->label, name);
      return FALSE;
    }

  for (guint i = 0; i < span->fragments->len; i++)
    {
      const AlamaFragment *f = &g_array_index (span->fragments, AlamaFragment, i);

      if (f->start < 0 || f->start >= f->end || f->end > length)
        {
          g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_INVALID,
                       "A %s span at [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") does not fit "
                       "document “%s”, which is %" G_GINT64_FORMAT " characters long "
                       "(offsets must satisfy 0 ≤ start < end ≤ length)",
                       span->label, f->start, f->end, name, length);
          return FALSE;
        }
    }

  if (alama_status_to_string (span->status) == NULL)
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_INVALID,
                   _("A %s span in document “%s” has an unknown status %d"),
                   span->label, name, (int) span->status);
      return FALSE;
    }

  return TRUE;
}

/* Records row @id of @info's kind as the current change wrote it: its state
 * @before (NULL: added) and after (read back; none when deleted). */
static gboolean
record_row (AlamaStore              *self,
            const AlamaRowKindInfo  *info,
            AlamaRowWrite            write,
            gconstpointer            before,
            gint64                   id,
            GError                 **error)
{
  const char *action = info->actions[write];
  gpointer after = NULL;
  g_autofree char *before_json = NULL;
  g_autofree char *after_json = NULL;
  gint64 document_id = before ? info->document_id (before) : 0;

  if (!_alama_store_change_is_undoable (self))
    return _alama_store_record (self, action, info->name, id, document_id, NULL, NULL, error);

  if (write != ALAMA_ROW_DELETED)
    {
      after = info->load (self, id, error);
      if (after == NULL)
        return FALSE;
      after_json = info->to_json (after);
      document_id = info->document_id (after);
      info->unref (after);
    }
  if (before != NULL)
    before_json = info->to_json (before);

  return _alama_store_record (self, action, info->name, id, document_id,
                              before_json, after_json, error);
}

/* Appends to @blocking (of AlamaRelation*) each relation on span @span_id that
 * the schema would not allow if the span had @label. */
static gboolean
collect_blocking_relations (AlamaStore  *self,
                            gint64       span_id,
                            const char  *label,
                            GPtrArray   *blocking,
                            GError     **error)
{
  g_autoptr(AlamaSchema) schema = alama_store_get_schema (self);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  stmt = _alama_store_prepare (self,
                               "SELECT r.id, r.type, r.from_span, f.label, t.label "
                               "FROM relations r JOIN spans f ON f.id = r.from_span "
                               "JOIN spans t ON t.id = r.to_span "
                               "WHERE r.from_span = ?1 OR r.to_span = ?1 ORDER BY r.id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, span_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *type = (const char *) sqlite3_column_text (stmt, 1);
      gboolean is_from = sqlite3_column_int64 (stmt, 2) == span_id;
      const char *from_label = is_from ? label : (const char *) sqlite3_column_text (stmt, 3);
      const char *to_label = is_from ? (const char *) sqlite3_column_text (stmt, 4) : label;

      if (!alama_schema_relation_allowed (schema, type, from_label, to_label))
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (ids, id);
        }
    }
  _alama_stmt_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _alama_store_set_sqlite_error (self, rc, "reading a span's relations", error);
      return FALSE;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      AlamaRelation *relation = _alama_store_load_relation (self, g_array_index (ids, gint64, i),
                                                            error);

      if (relation == NULL)
        return FALSE;
      g_ptr_array_add (blocking, relation);
    }
  return TRUE;
}

/* A label change must keep every relation on the span allowed. */
static gboolean
check_relations_allow_label (AlamaStore       *self,
                             const AlamaSpan  *span,
                             GError          **error)
{
  g_autoptr(GPtrArray) blocking = g_ptr_array_new_with_free_func ((GDestroyNotify) alama_relation_unref);
  g_autoptr(AlamaSpan) before = NULL;
  const AlamaRelation *first;
  gboolean is_from;

  if (!collect_blocking_relations (self, span->id, span->label, blocking, error))
    return FALSE;
  if (blocking->len == 0)
    return TRUE;

  first = g_ptr_array_index (blocking, 0);
  is_from = first->from_id == span->id;
  before = _alama_store_load_span (self, is_from ? first->to_id : first->from_id, NULL);
  g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_ALLOWED,
               "Span %" G_GINT64_FORMAT " cannot become %s: its %s relation "
               "%" G_GINT64_FORMAT " does not allow %s → %s",
               span->id, span->label, first->type, first->id,
               is_from ? span->label : (before != NULL ? before->label : "?"),
               is_from ? (before != NULL ? before->label : "?") : span->label);
  return FALSE;
}

GPtrArray *
alama_store_list_relations_blocking_label (AlamaStore  *self,
                                           gint64       span_id,
                                           const char  *label,
                                           GError     **error)
{
  g_autoptr(GPtrArray) blocking = NULL;

  g_return_val_if_fail (ALAMA_IS_STORE (self), NULL);
  g_return_val_if_fail (label != NULL, NULL);

  blocking = g_ptr_array_new_with_free_func ((GDestroyNotify) alama_relation_unref);
  if (!collect_blocking_relations (self, span_id, label, blocking, error))
    return NULL;
  return g_steal_pointer (&blocking);
}

static AlamaChangeAction
span_update_action (const AlamaSpan *before,
                    const AlamaSpan *after)
{
  if (g_strcmp0 (before->label, after->label) != 0)
    return ALAMA_CHANGE_ACTION_RELABEL_SPAN;
  if (before->status != after->status)
    {
      if (after->status == ALAMA_STATUS_ACCEPTED)
        return ALAMA_CHANGE_ACTION_ACCEPT;
      if (after->status == ALAMA_STATUS_REJECTED)
        return ALAMA_CHANGE_ACTION_REJECT;
      return ALAMA_CHANGE_ACTION_MARK_PENDING;
    }
  return ALAMA_CHANGE_ACTION_EDIT_SPAN;
}

static gboolean
update_relation_in_op (AlamaStore           *self,
                       const AlamaRelation  *changes,
                       GError              **error);

/* The ids of the relations at either end of @span_id that @sql (binding the
 * span as ?1) selects, in id order; NULL on error (@what says what failed). */
static GArray *
read_span_relation_ids (AlamaStore  *self,
                        const char  *sql,
                        gint64       span_id,
                        const char  *what,
                        GError     **error)
{
  g_autoptr(GArray) relation_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = _alama_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, span_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (relation_ids, id);
    }
  _alama_stmt_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _alama_store_set_sqlite_error (self, rc, what, error);
      return NULL;
    }
  return g_steal_pointer (&relation_ids);
}

/* A rejected span takes its pending relations with it, in the same change: a
 * suggestion that hangs on a span the analyst has said is wrong can no longer
 * be reviewed (neither end is shown), and left pending it would be counted as
 * a suggestion, and by the statistics, forever. Accepted relations stay: they
 * are someone's decision. */
static gboolean
reject_pending_relations_in_op (AlamaStore  *self,
                                gint64       span_id,
                                GError     **error)
{
  g_autoptr(GArray) relation_ids =
    read_span_relation_ids (self, "SELECT id FROM relations WHERE (from_span = ?1 OR to_span = ?1) "
                                  "AND status = 'pending' ORDER BY id",
                            span_id, "rejecting a span's relations", error);

  if (relation_ids == NULL)
    return FALSE;

  for (guint i = 0; i < relation_ids->len; i++)
    {
      g_autoptr(AlamaRelation) relation = _alama_store_load_relation (self, g_array_index (relation_ids, gint64, i), error);

      if (relation == NULL)
        return FALSE;
      relation->status = ALAMA_STATUS_REJECTED;
      if (!update_relation_in_op (self, relation, error))
        return FALSE;
    }
  return TRUE;
}

/* Writes @changes' content over the stored span @changes->id, as @action
 * (ALAMA_CHANGE_ACTION_NONE: what the difference says). */
static gboolean
update_span_in_op (AlamaStore         *self,
                   const AlamaSpan    *changes,
                   AlamaChangeAction   action,
                   GError            **error)
{
  g_autoptr(AlamaSpan) before = NULL;
  g_autoptr(AlamaSpan) row = NULL;
  GHashTableIter iter;
  gpointer key, value;

  before = _alama_store_load_span (self, changes->id, error);
  if (before == NULL)
    return FALSE;

  row = alama_span_copy (before);
  g_free (row->label);
  row->label = g_strdup (changes->label);
  g_array_set_size (row->fragments, 0);
  g_array_append_vals (row->fragments, changes->fragments->data, changes->fragments->len);
  g_clear_pointer (&row->attributes, g_hash_table_unref);
  if (changes->attributes != NULL)
    {
      g_hash_table_iter_init (&iter, changes->attributes);
      while (g_hash_table_iter_next (&iter, &key, &value))
        alama_span_set_attribute (row, key, value);
    }
  g_free (row->note);
  row->note = g_strdup (changes->note);
  g_free (row->source);
  row->source = g_strdup (changes->source ? changes->source : ALAMA_SOURCE_MANUAL);
  row->status = changes->status;

  if (alama_span_equal_content (before, row))
    return TRUE;   /* nothing to write, nothing to undo */

  if (!validate_span (self, row, error))
    return FALSE;
  if (g_strcmp0 (before->label, row->label) != 0 && !check_relations_allow_label (self, row, error))
    return FALSE;

  if (action == ALAMA_CHANGE_ACTION_NONE)
    action = span_update_action (before, row);
  _alama_store_op_describe (self, action, row->label);

  row->modified = MAX (g_get_real_time (), before->modified + 1);
  if (!_alama_store_update_span_row (self, row, error) ||
      !record_row (self, SPAN_ROWS, ALAMA_ROW_UPDATED, before, row->id, error))
    return FALSE;

  if (row->status == ALAMA_STATUS_REJECTED && before->status != ALAMA_STATUS_REJECTED)
    {
      if (!reject_pending_relations_in_op (self, row->id, error))
        return FALSE;
      /* The relations described themselves: the change is the span's. */
      _alama_store_op_describe (self, action, row->label);
    }

  _alama_store_touch_document (self, row->document_id);
  return TRUE;
}

/* Checks that [start, end) can become @span's outer edges: each fragment
 * keeps some text, and both edges lie inside the text on a character
 * boundary a span may use. */
static gboolean
check_new_edges (AlamaStore       *self,
                 const AlamaSpan  *span,
                 gint64            start,
                 gint64            end,
                 GError          **error)
{
  const AlamaFragment *first = &g_array_index (span->fragments, AlamaFragment, 0);
  const AlamaFragment *last = &g_array_index (span->fragments, AlamaFragment,
                                              span->fragments->len - 1);
  gint64 first_end = span->fragments->len > 1 ? first->end : end;
  gint64 last_start = span->fragments->len > 1 ? last->start : start;
  g_autofree char *text = NULL;
  g_autoptr(AlamaTextIndex) index = NULL;
  gint64 length;

  text = alama_store_dup_document_text (self, span->document_id, error);
  if (text == NULL)
    return FALSE;
  index = alama_text_index_new (text);
  length = alama_text_index_get_length (index);

  if (start < 0 || end > length)
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_INVALID,
                   _("The %s annotation cannot go to %" PRId64 "–%" PRId64
                     ": the text is %" PRId64 " characters long"),
                   span->label, start, end, length);
      return FALSE;
    }
  if (start >= first_end || last_start >= end)
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_INVALID,
                   _("The %s annotation cannot go to %" PRId64 "–%" PRId64
                     ": it would cover no text"),
                   span->label, start, end);
      return FALSE;
    }
  if (!alama_text_is_span_edge (index, start) || !alama_text_is_span_edge (index, end))
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_INVALID,
                   _("The %s annotation cannot go to %" PRId64 "–%" PRId64
                     ": an edge there would split a lam-alef or a letter from its marks"),
                   span->label, start, end);
      return FALSE;
    }
  return TRUE;
}

gboolean
alama_store_resize_span (AlamaStore  *self,
                         gint64       span_id,
                         gint64       start,
                         gint64       end,
                         GError     **error)
{
  g_autoptr(AlamaSpan) span = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (ALAMA_IS_STORE (self), FALSE);

  if (!_alama_store_op_start (self, ALAMA_CHANGE_UNDOABLE, error))
    return FALSE;

  span = _alama_store_load_span (self, span_id, error);
  if (span != NULL && check_new_edges (self, span, start, end, error))
    {
      g_array_index (span->fragments, AlamaFragment, 0).start = start;
      g_array_index (span->fragments, AlamaFragment, span->fragments->len - 1).end = end;
      ok = update_span_in_op (self, span, ALAMA_CHANGE_ACTION_RESIZE_SPAN, error);
    }

  return _alama_store_op_finish (self, ok, error);
}

static gboolean
delete_relation_in_op (AlamaStore  *self,
                       gint64       relation_id,
                       GError     **error);

static gboolean
delete_span_in_op (AlamaStore  *self,
                   gint64       span_id,
                   GError     **error)
{
  g_autoptr(AlamaSpan) before = NULL;
  g_autoptr(GArray) relation_ids = NULL;

  before = _alama_store_load_span (self, span_id, error);
  if (before == NULL)
    return FALSE;

  /* Its relations go first, each with its own history row, so that undo brings
   * them back (after the span) with their ids. */
  relation_ids = read_span_relation_ids (self, "SELECT id FROM relations "
                                               "WHERE from_span = ?1 OR to_span = ?1 ORDER BY id",
                                         span_id, "deleting a span", error);
  if (relation_ids == NULL)
    return FALSE;

  for (guint i = 0; i < relation_ids->len; i++)
    if (!delete_relation_in_op (self, g_array_index (relation_ids, gint64, i), error))
      return FALSE;

  if (!_alama_store_delete_span_row (self, span_id, error) ||
      !record_row (self, SPAN_ROWS, ALAMA_ROW_DELETED, before, span_id, error))
    return FALSE;

  /* After the relations, which describe themselves. */
  _alama_store_op_describe (self, ALAMA_CHANGE_ACTION_DELETE_SPAN, before->label);

  _alama_store_touch_document (self, before->document_id);
  return TRUE;
}

/* ---- Relations: validation and the public calls ------------------------------ */

/* Checks a relation and sets its document_id from its spans. */
static gboolean
validate_relation (AlamaStore     *self,
                   AlamaRelation  *relation,
                   GError        **error)
{
  g_autoptr(AlamaSpan) from = NULL;
  g_autoptr(AlamaSpan) to = NULL;
  g_autoptr(AlamaSchema) schema = NULL;

  from = _alama_store_load_span (self, relation->from_id, error);
  if (from == NULL)
    return FALSE;
  to = _alama_store_load_span (self, relation->to_id, error);
  if (to == NULL)
    return FALSE;

  if (from->document_id != to->document_id)
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_INVALID,
                   "A relation cannot link span %" G_GINT64_FORMAT " and span %" G_GINT64_FORMAT
                   " of two different documents", from->id, to->id);
      return FALSE;
    }
  if (from->id == to->id)
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_INVALID,
                   "A relation cannot link span %" G_GINT64_FORMAT " to itself", from->id);
      return FALSE;
    }

  schema = alama_store_get_schema (self);
  if (relation->type == NULL || alama_schema_find_relation_type (schema, relation->type) == NULL)
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_UNKNOWN_LABEL,
                   _("Relation type “%s” is not in the schema of %s"),
                   relation->type ? relation->type : "", self->path);
      return FALSE;
    }
  if (!alama_schema_relation_allowed (schema, relation->type, from->label, to->label))
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_ALLOWED,
                   _("A %s relation is not allowed from a %s span to a %s span"),
                   relation->type, from->label, to->label);
      return FALSE;
    }
  if (alama_status_to_string (relation->status) == NULL)
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_INVALID,
                   _("A %s relation has an unknown status %d"), relation->type, (int) relation->status);
      return FALSE;
    }

  relation->document_id = from->document_id;
  return TRUE;
}

static gboolean
update_relation_in_op (AlamaStore           *self,
                       const AlamaRelation  *changes,
                       GError              **error)
{
  g_autoptr(AlamaRelation) before = NULL;
  g_autoptr(AlamaRelation) row = NULL;
  AlamaChangeAction action;

  before = _alama_store_load_relation (self, changes->id, error);
  if (before == NULL)
    return FALSE;

  row = alama_relation_copy (before);
  g_free (row->type);
  row->type = g_strdup (changes->type);
  row->from_id = changes->from_id;
  row->to_id = changes->to_id;
  g_free (row->source);
  row->source = g_strdup (changes->source ? changes->source : ALAMA_SOURCE_MANUAL);
  row->status = changes->status;

  if (g_strcmp0 (row->type, before->type) == 0 && row->from_id == before->from_id &&
      row->to_id == before->to_id && g_strcmp0 (row->source, before->source) == 0 &&
      row->status == before->status)
    return TRUE;

  if (!validate_relation (self, row, error))
    return FALSE;

  if (g_strcmp0 (row->type, before->type) != 0)
    action = ALAMA_CHANGE_ACTION_RETYPE_RELATION;
  else if (row->from_id == before->to_id && row->to_id == before->from_id)
    action = ALAMA_CHANGE_ACTION_REVERSE_RELATION;
  else if (row->status != before->status && row->status == ALAMA_STATUS_ACCEPTED)
    action = ALAMA_CHANGE_ACTION_ACCEPT;
  else if (row->status != before->status && row->status == ALAMA_STATUS_REJECTED)
    action = ALAMA_CHANGE_ACTION_REJECT;
  else
    action = ALAMA_CHANGE_ACTION_EDIT_RELATION;
  _alama_store_op_describe (self, action, row->type);

  row->modified = MAX (g_get_real_time (), before->modified + 1);
  if (!_alama_store_update_relation_row (self, row, error) ||
      !record_row (self, RELATION_ROWS, ALAMA_ROW_UPDATED, before, row->id, error))
    return FALSE;

  _alama_store_touch_document (self, row->document_id);
  return TRUE;
}

static gboolean
delete_relation_in_op (AlamaStore  *self,
                       gint64       relation_id,
                       GError     **error)
{
  g_autoptr(AlamaRelation) before = NULL;

  before = _alama_store_load_relation (self, relation_id, error);
  if (before == NULL)
    return FALSE;

  _alama_store_op_describe (self, ALAMA_CHANGE_ACTION_DELETE_RELATION, before->type);

  if (!_alama_store_delete_relation_row (self, relation_id, error) ||
      !record_row (self, RELATION_ROWS, ALAMA_ROW_DELETED, before, relation_id, error))
    return FALSE;

  _alama_store_touch_document (self, before->document_id);
  return TRUE;
}

/* ---- Shared by spans and relations ------------------------------------------- */

/* What the calls below need of a kind of annotation: where the fields every
 * annotation has are, and the kind's own steps. Spans and relations differ in
 * what they check and cascade, not in how they are added or their status set. */
typedef struct
{
  const AlamaRowKindInfo *(*rows) (void);
  gsize               id;                 /* offsets of the common fields */
  gsize               document_id;
  gsize               source;
  gsize               annotator;
  gsize               created;
  gsize               modified;
  gsize               status;
  AlamaChangeAction   add_action;
  const char        *(*describe)     (gconstpointer  row);
  gpointer           (*copy)         (gconstpointer  row);
  gboolean           (*validate)     (AlamaStore    *self,
                                      gpointer       row,
                                      GError       **error);
  gboolean           (*update_in_op) (AlamaStore    *self,
                                      gconstpointer  changes,
                                      GError       **error);
  gboolean           (*delete_in_op) (AlamaStore    *self,
                                      gint64         id,
                                      GError       **error);
} AnnotationKind;

#define FIELD(type, row, offset) G_STRUCT_MEMBER (type, row, offset)

static const AlamaRowKindInfo *span_rows (void) { return SPAN_ROWS; }
static const AlamaRowKindInfo *relation_rows (void) { return RELATION_ROWS; }

static const char *
describe_span (gconstpointer row)
{
  const AlamaSpan *span = row;

  return span->label ? span->label : "";
}

static const char *
describe_relation (gconstpointer row)
{
  const AlamaRelation *relation = row;

  return relation->type ? relation->type : "relation";
}

static gpointer copy_span (gconstpointer row) { return alama_span_copy (row); }
static gpointer copy_relation (gconstpointer row) { return alama_relation_copy (row); }

static gboolean
validate_span_row (AlamaStore  *self,
                   gpointer     row,
                   GError     **error)
{
  return validate_span (self, row, error);
}

static gboolean
validate_relation_row (AlamaStore  *self,
                       gpointer     row,
                       GError     **error)
{
  return validate_relation (self, row, error);
}

static gboolean
update_span_row_in_op (AlamaStore     *self,
                       gconstpointer   changes,
                       GError        **error)
{
  return update_span_in_op (self, changes, ALAMA_CHANGE_ACTION_NONE, error);
}

static gboolean
update_relation_row_in_op (AlamaStore     *self,
                           gconstpointer   changes,
                           GError        **error)
{
  return update_relation_in_op (self, changes, error);
}

static const AnnotationKind span_kind = {
  span_rows,
  G_STRUCT_OFFSET (AlamaSpan, id), G_STRUCT_OFFSET (AlamaSpan, document_id),
  G_STRUCT_OFFSET (AlamaSpan, source), G_STRUCT_OFFSET (AlamaSpan, annotator),
  G_STRUCT_OFFSET (AlamaSpan, created), G_STRUCT_OFFSET (AlamaSpan, modified),
  G_STRUCT_OFFSET (AlamaSpan, status),
  ALAMA_CHANGE_ACTION_ADD_SPAN, describe_span, copy_span, validate_span_row,
  update_span_row_in_op, delete_span_in_op,
};

static const AnnotationKind relation_kind = {
  relation_rows,
  G_STRUCT_OFFSET (AlamaRelation, id), G_STRUCT_OFFSET (AlamaRelation, document_id),
  G_STRUCT_OFFSET (AlamaRelation, source), G_STRUCT_OFFSET (AlamaRelation, annotator),
  G_STRUCT_OFFSET (AlamaRelation, created), G_STRUCT_OFFSET (AlamaRelation, modified),
  G_STRUCT_OFFSET (AlamaRelation, status),
  ALAMA_CHANGE_ACTION_ADD_RELATION, describe_relation, copy_relation, validate_relation_row,
  update_relation_row_in_op, delete_relation_in_op,
};

static gboolean
add_in_op (AlamaStore            *self,
           const AnnotationKind  *kind,
           gpointer               row,
           GError               **error)
{
  const AlamaRowKindInfo *rows = kind->rows ();

  if (!kind->validate (self, row, error))
    return FALSE;

  if (FIELD (char *, row, kind->source) == NULL)
    FIELD (char *, row, kind->source) = g_strdup (ALAMA_SOURCE_MANUAL);
  if (FIELD (char *, row, kind->annotator) == NULL)
    FIELD (char *, row, kind->annotator) = g_strdup (self->annotator);
  FIELD (gint64, row, kind->created) = FIELD (gint64, row, kind->modified) = g_get_real_time ();
  FIELD (gint64, row, kind->id) = 0;

  if (!rows->insert (self, row, error) ||
      !record_row (self, rows, ALAMA_ROW_ADDED, NULL, FIELD (gint64, row, kind->id), error))
    return FALSE;

  _alama_store_touch_document (self, FIELD (gint64, row, kind->document_id));
  return TRUE;
}

/* Adds @annotation as one change; on success its id and what the store filled
 * in are set, on failure it is left as it was. */
static gboolean
add_annotation (AlamaStore            *self,
                const AnnotationKind  *kind,
                gpointer               annotation,
                GError               **error)
{
  gpointer row;
  gboolean ok;

  if (!_alama_store_op_start (self, ALAMA_CHANGE_UNDOABLE, error))
    return FALSE;
  _alama_store_op_describe (self, kind->add_action, kind->describe (annotation));

  /* Work on a copy so that a failure leaves the caller's annotation as it was. */
  row = kind->copy (annotation);
  ok = add_in_op (self, kind, row, error);
  if (_alama_store_op_finish (self, ok, error))
    {
      FIELD (gint64, annotation, kind->id) = FIELD (gint64, row, kind->id);
      FIELD (gint64, annotation, kind->document_id) = FIELD (gint64, row, kind->document_id);
      g_free (FIELD (char *, annotation, kind->source));
      FIELD (char *, annotation, kind->source) = g_strdup (FIELD (char *, row, kind->source));
      g_free (FIELD (char *, annotation, kind->annotator));
      FIELD (char *, annotation, kind->annotator) = g_strdup (FIELD (char *, row, kind->annotator));
      FIELD (gint64, annotation, kind->created) = FIELD (gint64, row, kind->created);
      FIELD (gint64, annotation, kind->modified) = FIELD (gint64, row, kind->modified);
    }
  else
    ok = FALSE;

  kind->rows ()->unref (row);
  return ok;
}

static gboolean
update_annotation (AlamaStore            *self,
                   const AnnotationKind  *kind,
                   gconstpointer          changes,
                   GError               **error)
{
  gboolean ok;

  if (!_alama_store_op_start (self, ALAMA_CHANGE_UNDOABLE, error))
    return FALSE;
  ok = kind->update_in_op (self, changes, error);
  return _alama_store_op_finish (self, ok, error);
}

static gboolean
set_status (AlamaStore            *self,
            const AnnotationKind  *kind,
            gint64                 id,
            AlamaStatus            status,
            GError               **error)
{
  const AlamaRowKindInfo *rows = kind->rows ();
  gpointer row;
  gboolean ok = FALSE;

  if (!_alama_store_op_start (self, ALAMA_CHANGE_UNDOABLE, error))
    return FALSE;

  row = rows->load (self, id, error);
  if (row != NULL)
    {
      FIELD (AlamaStatus, row, kind->status) = status;
      ok = kind->update_in_op (self, row, error);
      rows->unref (row);
    }

  return _alama_store_op_finish (self, ok, error);
}

static gboolean
delete_annotation (AlamaStore            *self,
                   const AnnotationKind  *kind,
                   gint64                 id,
                   GError               **error)
{
  gboolean ok;

  if (!_alama_store_op_start (self, ALAMA_CHANGE_UNDOABLE, error))
    return FALSE;
  ok = kind->delete_in_op (self, id, error);
  return _alama_store_op_finish (self, ok, error);
}

gboolean
alama_store_add_span (AlamaStore  *self,
                      AlamaSpan   *span,
                      GError     **error)
{
  g_return_val_if_fail (ALAMA_IS_STORE (self), FALSE);
  g_return_val_if_fail (span != NULL, FALSE);

  return add_annotation (self, &span_kind, span, error);
}

gboolean
alama_store_update_span (AlamaStore  *self,
                         AlamaSpan   *span,
                         GError     **error)
{
  g_return_val_if_fail (ALAMA_IS_STORE (self), FALSE);
  g_return_val_if_fail (span != NULL, FALSE);

  return update_annotation (self, &span_kind, span, error);
}

gboolean
alama_store_set_span_status (AlamaStore   *self,
                             gint64        span_id,
                             AlamaStatus   status,
                             GError      **error)
{
  g_return_val_if_fail (ALAMA_IS_STORE (self), FALSE);

  return set_status (self, &span_kind, span_id, status, error);
}

gboolean
alama_store_delete_span (AlamaStore  *self,
                         gint64       span_id,
                         GError     **error)
{
  g_return_val_if_fail (ALAMA_IS_STORE (self), FALSE);

  return delete_annotation (self, &span_kind, span_id, error);
}

gboolean
alama_store_add_relation (AlamaStore     *self,
                          AlamaRelation  *relation,
                          GError        **error)
{
  g_return_val_if_fail (ALAMA_IS_STORE (self), FALSE);
  g_return_val_if_fail (relation != NULL, FALSE);

  return add_annotation (self, &relation_kind, relation, error);
}

gboolean
alama_store_update_relation (AlamaStore     *self,
                             AlamaRelation  *relation,
                             GError        **error)
{
  g_return_val_if_fail (ALAMA_IS_STORE (self), FALSE);
  g_return_val_if_fail (relation != NULL, FALSE);

  return update_annotation (self, &relation_kind, relation, error);
}

gboolean
alama_store_set_relation_status (AlamaStore   *self,
                                 gint64        relation_id,
                                 AlamaStatus   status,
                                 GError      **error)
{
  g_return_val_if_fail (ALAMA_IS_STORE (self), FALSE);

  return set_status (self, &relation_kind, relation_id, status, error);
}

gboolean
alama_store_delete_relation (AlamaStore  *self,
                             gint64       relation_id,
                             GError     **error)
{
  g_return_val_if_fail (ALAMA_IS_STORE (self), FALSE);

  return delete_annotation (self, &relation_kind, relation_id, error);
}
