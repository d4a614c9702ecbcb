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

#include <string.h>

#include <json-glib/json-glib.h>

#include "alama-store-private.h"

/* ---- Rows as JSON -------------------------------------------------------------- */

static char *
builder_to_string (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static int
compare_string_ptrs (const void *a,
                     const void *b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

char *
_alama_span_to_json (const AlamaSpan *span)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree gpointer *keys = NULL;
  guint n_keys = 0;

  json_builder_begin_object (builder);
  add_int (builder, "id", span->id);
  add_int (builder, "document_id", span->document_id);
  add_string_or_null (builder, "label", span->label);

  json_builder_set_member_name (builder, "fragments");
  json_builder_begin_array (builder);
  for (guint i = 0; i < span->fragments->len; i++)
    {
      const AlamaFragment *f = &g_array_index (span->fragments, AlamaFragment, i);

      json_builder_begin_array (builder);
      json_builder_add_int_value (builder, f->start);
      json_builder_add_int_value (builder, f->end);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);

  /* Sorted keys: equal rows must give equal text (undo compares them). */
  json_builder_set_member_name (builder, "attributes");
  json_builder_begin_object (builder);
  keys = g_hash_table_get_keys_as_array (span->attributes, &n_keys);
  qsort (keys, n_keys, sizeof (gpointer), compare_string_ptrs);
  for (guint i = 0; i < n_keys; i++)
    {
      json_builder_set_member_name (builder, keys[i]);
      json_builder_add_string_value (builder, g_hash_table_lookup (span->attributes, keys[i]));
    }
  json_builder_end_object (builder);

  add_string_or_null (builder, "note", span->note);
  add_string_or_null (builder, "source", span->source);
  add_string_or_null (builder, "status", _alama_status_to_sql (span->status));
  add_string_or_null (builder, "annotator", span->annotator);
  add_int (builder, "created", span->created);
  add_int (builder, "modified", span->modified);
  add_string_or_null (builder, "ext_id", span->ext_id);
  json_builder_end_object (builder);

  return builder_to_string (builder);
}

static JsonObject *
parse_object (JsonParser  *parser,
              const char  *json,
              const char  *what,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!json_parser_load_from_data (parser, json, -1, &local_error) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_CORRUPT,
                   "A history entry holds a damaged %s: %s", what,
                   local_error ? local_error->message : "not a JSON object");
      return NULL;
    }

  return json_node_get_object (json_parser_get_root (parser));
}

static char *
dup_member_string (JsonObject *object,
                   const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return g_strdup (json_node_get_string (node));
}

AlamaSpan *
_alama_span_from_json (const char  *json,
                       GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  JsonArray *fragments;
  JsonObject *attributes;
  AlamaSpan *span;
  g_autofree char *status = NULL;

  object = parse_object (parser, json, "span", error);
  if (object == NULL)
    return NULL;

  span = alama_span_new (NULL, 0, 0);
  span->id = json_object_get_int_member_with_default (object, "id", 0);
  span->document_id = json_object_get_int_member_with_default (object, "document_id", 0);
  span->label = dup_member_string (object, "label");

  fragments = json_object_get_array_member (object, "fragments");
  for (guint i = 0; fragments != NULL && i < json_array_get_length (fragments); i++)
    {
      JsonArray *pair = json_array_get_array_element (fragments, i);

      if (pair != NULL && json_array_get_length (pair) == 2)
        alama_span_add_fragment (span, json_array_get_int_element (pair, 0),
                                 json_array_get_int_element (pair, 1));
    }

  attributes = json_object_get_object_member (object, "attributes");
  if (attributes != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, attributes);
      while (json_object_iter_next (&iter, &name, &value))
        if (JSON_NODE_HOLDS_VALUE (value))
          alama_span_set_attribute (span, name, json_node_get_string (value));
    }

  span->note = dup_member_string (object, "note");
  span->source = dup_member_string (object, "source");
  status = dup_member_string (object, "status");
  span->status = _alama_status_from_sql (status);
  span->annotator = dup_member_string (object, "annotator");
  span->created = json_object_get_int_member_with_default (object, "created", 0);
  span->modified = json_object_get_int_member_with_default (object, "modified", 0);
  span->ext_id = dup_member_string (object, "ext_id");

  return span;
}

char *
_alama_relation_to_json (const AlamaRelation *relation)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_int (builder, "id", relation->id);
  add_int (builder, "document_id", relation->document_id);
  add_string_or_null (builder, "type", relation->type);
  add_int (builder, "from", relation->from_id);
  add_int (builder, "to", relation->to_id);
  add_string_or_null (builder, "source", relation->source);
  add_string_or_null (builder, "status", _alama_status_to_sql (relation->status));
  add_string_or_null (builder, "annotator", relation->annotator);
  add_int (builder, "created", relation->created);
  add_int (builder, "modified", relation->modified);
  add_string_or_null (builder, "ext_id", relation->ext_id);
  json_builder_end_object (builder);

  return builder_to_string (builder);
}

AlamaRelation *
_alama_relation_from_json (const char  *json,
                           GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  AlamaRelation *relation;
  g_autofree char *type = NULL;
  g_autofree char *status = NULL;

  object = parse_object (parser, json, "relation", error);
  if (object == NULL)
    return NULL;

  type = dup_member_string (object, "type");
  relation = alama_relation_new (type,
                                 json_object_get_int_member_with_default (object, "from", 0),
                                 json_object_get_int_member_with_default (object, "to", 0));
  relation->id = json_object_get_int_member_with_default (object, "id", 0);
  relation->document_id = json_object_get_int_member_with_default (object, "document_id", 0);
  relation->source = dup_member_string (object, "source");
  status = dup_member_string (object, "status");
  relation->status = _alama_status_from_sql (status);
  relation->annotator = dup_member_string (object, "annotator");
  relation->created = json_object_get_int_member_with_default (object, "created", 0);
  relation->modified = json_object_get_int_member_with_default (object, "modified", 0);
  relation->ext_id = dup_member_string (object, "ext_id");

  return relation;
}

/* ---- The change being made ------------------------------------------------------ */

void
_alama_change_clear (AlamaChange *change)
{
  g_clear_pointer (&change->description, g_free);
  g_clear_pointer (&change->touched, g_hash_table_unref);
  g_clear_pointer (&change->added_documents, g_array_unref);
  g_clear_pointer (&change->removed_documents, g_array_unref);
  g_clear_pointer (&change->row_log, g_array_unref);
  g_clear_pointer (&change->row_log_marks, g_array_unref);
  g_clear_pointer (&change->checked_document_name, g_free);
  memset (change, 0, sizeof *change);
  change->document_id = -1;
}

/* Called right after BEGIN: @total_changes is the connection's count then. */
static void
change_init (AlamaChange      *change,
             gboolean          in_group,
             const char       *description,
             AlamaChangeFlags  flags,
             sqlite3_int64     total_changes)
{
  _alama_change_clear (change);
  change->active = TRUE;
  change->total_changes_at_start = total_changes;
  change->row_log = g_array_new (FALSE, FALSE, sizeof (AlamaRowDelta));
  change->row_log_marks = g_array_new (FALSE, FALSE, sizeof (guint));
  change->in_group = in_group;
  change->flags = flags;
  change->description = g_strdup (description);
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
_alama_store_op_describe (AlamaStore *self,
                          const char *description)
{
  AlamaChange *change = _alama_store_get_change (self);

  if (change->active && !change->in_group)
    {
      g_free (change->description);
      change->description = g_strdup (description);
    }
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

  change_init (change, in_group, description, flags,
               sqlite3_total_changes64 (_alama_store_get_db (self)));

  stmt = _alama_store_prepare (self,
                               "INSERT INTO changes (description, undoable, state, who, at) "
                               "VALUES (?, ?, 'done', ?, ?)", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, description ? description : "", -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, (flags & ALAMA_CHANGE_NOT_UNDOABLE) ? 0 : 1);
      sqlite3_bind_text (stmt, 3, alama_store_get_annotator (self), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 4, g_get_real_time ());
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

static void
rollback_change (AlamaStore *self)
{
  AlamaChange *change = _alama_store_get_change (self);
  sqlite3 *db = _alama_store_get_db (self);

  if (db != NULL && !sqlite3_get_autocommit (db))
    _alama_store_exec (self, "ROLLBACK", NULL);
  _alama_change_clear (change);

  /* The schema rows may have been rolled back under the cache. */
  _alama_store_forget_schema (self);
}

static gboolean
exec_with_id (AlamaStore  *self,
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

static gboolean
write_import_summary (AlamaStore  *self,
                      GError     **error)
{
  AlamaChange *change = _alama_store_get_change (self);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *summary = NULL;

  json_builder_begin_object (builder);
  add_int (builder, "documents", change->n_documents);
  add_int (builder, "spans", change->n_spans);
  add_int (builder, "relations", change->n_relations);
  json_builder_end_object (builder);
  summary = builder_to_string (builder);

  /* Counted rows are not written for a not-undoable change: switch it off to
   * write this one. */
  change->flags &= ~ALAMA_CHANGE_NOT_UNDOABLE;
  if (!_alama_store_record (self, "import", "import", change->change_id, 0, NULL, summary, error))
    return FALSE;
  change->flags |= ALAMA_CHANGE_NOT_UNDOABLE;

  return TRUE;
}

/* Finishes the change row and commits; then updates the model and emits. */
static gboolean
commit_change (AlamaStore  *self,
               GError     **error)
{
  AlamaChange *change = _alama_store_get_change (self);
  AlamaChange committed;
  gboolean counted = change->n_spans + change->n_relations + change->n_documents > 0;
  sqlite3_stmt *stmt;

  if ((change->flags & ALAMA_CHANGE_NOT_UNDOABLE) && change->in_group && counted &&
      !write_import_summary (self, error))
    goto fail;

  if (change->n_rows == 0)
    {
      /* Nothing was recorded (a no-op edit, an imported-file note): no undo step. */
      if (!exec_with_id (self, "DELETE FROM changes WHERE id = ?", change->change_id, error))
        goto fail;
    }
  else
    {
      /* A new change cuts the redo stack. */
      if (!exec_with_id (self, "UPDATE changes SET state = 'discarded' "
                               "WHERE state = 'undone' AND id < ?", change->change_id, error))
        goto fail;

      stmt = _alama_store_prepare (self, "UPDATE changes SET description = ?, document_id = ? "
                                         "WHERE id = ?", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, change->description ? change->description : "", -1,
                         SQLITE_TRANSIENT);
      if (change->document_id > 0)
        sqlite3_bind_int64 (stmt, 2, change->document_id);
      else
        sqlite3_bind_null (stmt, 2);
      sqlite3_bind_int64 (stmt, 3, change->change_id);
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

  /* Take the change out of the store before anyone reacts to "changed" (a
   * handler may start the next change). */
  committed = *change;
  memset (change, 0, sizeof *change);
  change->document_id = -1;
  _alama_store_after_commit (self, &committed);
  _alama_change_clear (&committed);

  return TRUE;

fail:
  rollback_change (self);
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

  if (!change->active && !start_change (self, FALSE, NULL, flags, error))
    return FALSE;

  if (!exec_cached (self, "SAVEPOINT alama_call", error))
    {
      if (!change->in_group && change->depth == 0)
        rollback_change (self);
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
      rollback_change (self);
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

gboolean
alama_store_begin_change (AlamaStore        *self,
                          const char        *description,
                          AlamaChangeFlags   flags,
                          GError           **error)
{
  AlamaChange *change;

  g_return_val_if_fail (ALAMA_IS_STORE (self), FALSE);

  change = _alama_store_get_change (self);
  if (change->active)
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_FAILED,
                   "A change of %s is already being made (“%s”); changes do not nest",
                   alama_store_get_path (self), change->description ? change->description : "");
      return FALSE;
    }

  return start_change (self, TRUE, description ? description : "", flags, error);
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
                   "alama_store_end_change() without alama_store_begin_change() on %s",
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
    rollback_change (self);
}

gboolean
alama_store_in_change (AlamaStore *self)
{
  g_return_val_if_fail (ALAMA_IS_STORE (self), FALSE);

  return _alama_store_get_change (self)->in_group;
}

/* ---- Undo and redo ---------------------------------------------------------------- */

#define NEXT_UNDO_SQL \
  "SELECT id, description FROM changes WHERE undoable = 1 AND state = 'done' " \
  "ORDER BY id DESC LIMIT 1"
#define NEXT_REDO_SQL \
  "SELECT id, description FROM changes WHERE undoable = 1 AND state = 'undone' " \
  "ORDER BY id ASC LIMIT 1"

static gboolean
next_change (AlamaStore  *self,
             const char  *sql,
             gint64      *id,
             char       **description)
{
  sqlite3_stmt *stmt = _alama_store_prepare (self, sql, NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found)
    {
      if (id != NULL)
        *id = sqlite3_column_int64 (stmt, 0);
      if (description != NULL)
        *description = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  _alama_stmt_reset (stmt);

  return found;
}

gboolean
alama_store_can_undo (AlamaStore *self)
{
  g_return_val_if_fail (ALAMA_IS_STORE (self), FALSE);

  return !alama_store_is_read_only (self) && next_change (self, NEXT_UNDO_SQL, NULL, NULL);
}

gboolean
alama_store_can_redo (AlamaStore *self)
{
  g_return_val_if_fail (ALAMA_IS_STORE (self), FALSE);

  return !alama_store_is_read_only (self) && next_change (self, NEXT_REDO_SQL, NULL, NULL);
}

char *
alama_store_dup_undo_description (AlamaStore *self)
{
  char *description = NULL;

  g_return_val_if_fail (ALAMA_IS_STORE (self), NULL);

  next_change (self, NEXT_UNDO_SQL, NULL, &description);
  return description;
}

char *
alama_store_dup_redo_description (AlamaStore *self)
{
  char *description = NULL;

  g_return_val_if_fail (ALAMA_IS_STORE (self), NULL);

  next_change (self, NEXT_REDO_SQL, NULL, &description);
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

/* Moves one span row from @expected to @target (either may be NULL = no row). */
static gboolean
apply_span (AlamaStore  *self,
            gboolean     undo,
            const char  *description,
            gint64       id,
            const char  *expected,
            const char  *target,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(AlamaSpan) current = _alama_store_load_span (self, id, &local_error);
  g_autoptr(AlamaSpan) wanted = NULL;
  g_autofree char *current_json = current != NULL ? _alama_span_to_json (current) : NULL;

  if (!check_current (self, undo, description, "span", id, current_json, &local_error,
                      expected, error))
    return FALSE;

  if (target == NULL)
    {
      /* Relations added by a later import would go with the span: refuse. */
      if (alama_store_count_span_relations (self, id) > 0)
        return refuse (self, undo, description, "span", id, error);
      _alama_store_touch_document (self, current->document_id);
      return _alama_store_delete_span_row (self, id, error);
    }

  wanted = _alama_span_from_json (target, error);
  if (wanted == NULL)
    return FALSE;
  _alama_store_touch_document (self, wanted->document_id);
  if (current != NULL)
    _alama_store_touch_document (self, current->document_id);

  if (current == NULL)
    return _alama_store_insert_span_row (self, wanted, error);
  return _alama_store_update_span_row (self, wanted, error);
}

static gboolean
apply_relation (AlamaStore  *self,
                gboolean     undo,
                const char  *description,
                gint64       id,
                const char  *expected,
                const char  *target,
                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(AlamaRelation) current = _alama_store_load_relation (self, id, &local_error);
  g_autoptr(AlamaRelation) wanted = NULL;
  g_autofree char *current_json = current != NULL ? _alama_relation_to_json (current) : NULL;

  if (!check_current (self, undo, description, "relation", id, current_json, &local_error,
                      expected, error))
    return FALSE;

  if (target == NULL)
    {
      _alama_store_touch_document (self, current->document_id);
      return _alama_store_delete_relation_row (self, id, error);
    }

  wanted = _alama_relation_from_json (target, error);
  if (wanted == NULL)
    return FALSE;
  _alama_store_touch_document (self, wanted->document_id);

  if (current == NULL)
    return _alama_store_insert_relation_row (self, wanted, error);
  return _alama_store_update_relation_row (self, wanted, error);
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

  if (strcmp (row->target_kind, "span") == 0)
    return apply_span (self, undo, description, row->target_id, expected, target, error);
  if (strcmp (row->target_kind, "relation") == 0)
    return apply_relation (self, undo, description, row->target_id, expected, target, error);
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
  gint64 document_id;
  AlamaChange committed;

  if (out_document_id != NULL)
    *out_document_id = 0;

  if (!_alama_store_check_writable (self, error))
    return FALSE;
  if (change->active)
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_FAILED,
                   "Cannot %s while a change of %s is being made",
                   undo ? "undo" : "redo", alama_store_get_path (self));
      return FALSE;
    }

  if (!exec_cached (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  change_init (change, FALSE, NULL, ALAMA_CHANGE_UNDOABLE,
               sqlite3_total_changes64 (_alama_store_get_db (self)));

  if (!next_change (self, undo ? NEXT_UNDO_SQL : NEXT_REDO_SQL, &change_id, &description))
    {
      rollback_change (self);
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

  if (!exec_with_id (self, undo ? "UPDATE changes SET state = 'undone' WHERE id = ?"
                                : "UPDATE changes SET state = 'done' WHERE id = ?",
                     change_id, error))
    goto fail;

  if (!exec_cached (self, "COMMIT", error))
    goto fail;

  committed = *change;
  memset (change, 0, sizeof *change);
  change->document_id = -1;
  document_id = committed.document_id > 0 ? committed.document_id : 0;
  _alama_store_after_commit (self, &committed);
  _alama_change_clear (&committed);

  if (out_document_id != NULL)
    *out_document_id = document_id;
  return TRUE;

fail:
  rollback_change (self);
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

/* ---- Provenance --------------------------------------------------------------------- */

void
alama_history_entry_free (AlamaHistoryEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->description);
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
                               "h.target_id, h.before_json, h.after_json, h.who, h.at, c.state "
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
      entry->description = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
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
