/* alama-store-document-edits.c: adding and deleting documents, and the record
 * of imported files. Each is one change (alama-store-change.c): an import's
 * documents are not undoable, and undo never reaches them.
 */
#define G_LOG_DOMAIN "alama-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include <json-glib/json-glib.h>

#include "alama-hash-private.h"
#include "alama-json-private.h"
#include "alama-store-object-private.h"
#include "alama-store-rows-private.h"
#include "alama/alama-text.h"


static gboolean
name_taken (AlamaStore *self,
            const char *name)
{
  sqlite3_stmt *stmt = _alama_store_prepare (self, "SELECT 1 FROM documents WHERE name = ?", NULL);
  gboolean taken;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  taken = sqlite3_step (stmt) == SQLITE_ROW;
  _alama_stmt_reset (stmt);

  return taken;
}

static gboolean
validate_json (AlamaStore  *self,
               const char  *json,
               gboolean     must_be_object,
               const char  *what,
               const char  *name,
               GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *problem = NULL;
  gsize value_len = 0, problem_at = 0;

  /* json-glib would overflow the stack on deep nesting: see alama-json-private.h. */
  problem = _alama_json_check_first_value (json, strlen (json), &value_len, &problem_at);
  if (problem != NULL)
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_INVALID,
                   "The %s of document “%s” cannot be stored: %s (at byte %" G_GSIZE_FORMAT ")",
                   what, name, problem, problem_at);
      return FALSE;
    }
  if (!json_parser_load_from_data (parser, json, -1, &local_error))
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_INVALID,
                   _("The %s of document “%s” is not valid JSON: %s"), what, name,
                   local_error->message);
      return FALSE;
    }

  if (must_be_object && !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_INVALID,
                   _("The %s of document “%s” is not a JSON object"), what, name);
      return FALSE;
    }

  return TRUE;
}

/* Appends @value (valid UTF-8) to @out as a JSON string: quotes, backslashes
 * and control characters escaped, everything else kept as UTF-8 (as
 * JsonGenerator writes it). */
static void
append_json_string (GString    *out,
                    const char *value)
{
  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

/* The history row of an added document: {"name":…,"content_hash":…}. Written
 * by hand: a JsonBuilder and a JsonGenerator per document were a visible part
 * of a text-only import. */
static char *
document_added_json (const char *name,
                     const char *hash)
{
  GString *out = g_string_sized_new (strlen (name) + 100);

  g_string_append (out, "{\"name\":");
  append_json_string (out, name);
  g_string_append (out, ",\"content_hash\":");
  append_json_string (out, hash);
  g_string_append_c (out, '}');

  return g_string_free (out, FALSE);
}

static gboolean
add_document_in_op (AlamaStore  *self,
                    const char  *name,
                    const char  *source_path,
                    const char  *text,
                    const char  *metadata_json,
                    const char  *format_data_json,
                    gint64      *out_document_id,
                    GError     **error)
{
  g_autofree char *unique_name = g_strdup (name);
  g_autofree char *hash = NULL;
  g_autofree char *after = NULL;
  const char *bad = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  if (name == NULL || name[0] == '\0' || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_INVALID,
                   _("A document needs a name (UTF-8) to be added to %s"), self->path);
      return FALSE;
    }
  if (!g_utf8_validate (text, -1, &bad))
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_INVALID,
                   "The text of document “%s” is not valid UTF-8 at byte %" G_GSIZE_FORMAT,
                   name, (gsize) (bad - text));
      return FALSE;
    }
  if (metadata_json != NULL &&
      !validate_json (self, metadata_json, TRUE, "metadata", name, error))
    return FALSE;
  if (format_data_json != NULL &&
      !validate_json (self, format_data_json, FALSE, "format data", name, error))
    return FALSE;

  for (guint n = 2; name_taken (self, unique_name); n++)
    {
      g_free (unique_name);
      unique_name = g_strdup_printf ("%s (%u)", name, n);
    }

  hash = _alama_sha256_hex (text, strlen (text));

  stmt = _alama_store_prepare (self,
                               "INSERT INTO documents (name, source_path, text, metadata, "
                               "format_data, content_hash, imported_at, length_cp) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, unique_name, -1, SQLITE_TRANSIENT);
  _alama_bind_text_or_null (stmt, 2, source_path);
  sqlite3_bind_text (stmt, 3, text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, metadata_json ? metadata_json : "{}", -1, SQLITE_TRANSIENT);
  _alama_bind_text_or_null (stmt, 5, format_data_json);
  sqlite3_bind_text (stmt, 6, hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_int64 (stmt, 8, alama_text_length (text));
  if (!_alama_store_step_done (self, stmt, "adding a document", error))
    {
      _alama_stmt_reset (stmt);
      return FALSE;
    }
  _alama_stmt_reset (stmt);
  id = sqlite3_last_insert_rowid (self->db);

  after = document_added_json (unique_name, hash);

  if (!_alama_store_record (self, "add-document", "document", id, id, NULL, after, error))
    return FALSE;

  _alama_store_note_document_added (self, id);
  _alama_store_touch_document (self, id);

  if (out_document_id != NULL)
    *out_document_id = id;

  return TRUE;
}

gboolean
alama_store_add_document (AlamaStore  *self,
                          const char  *name,
                          const char  *source_path,
                          const char  *text,
                          const char  *metadata_json,
                          const char  *format_data_json,
                          gint64      *out_document_id,
                          GError     **error)
{
  gint64 id = 0;
  gboolean ok;

  g_return_val_if_fail (ALAMA_IS_STORE (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  /* Documents are not on the undo stack (see alama-document.h). */
  if (!_alama_store_op_start (self, ALAMA_CHANGE_NOT_UNDOABLE, error))
    return FALSE;
  _alama_store_op_describe (self, ALAMA_CHANGE_ACTION_ADD_DOCUMENT, name ? name : "");

  ok = add_document_in_op (self, name, source_path, text, metadata_json, format_data_json,
                           &id, error);
  if (!_alama_store_op_finish (self, ok, error))
    return FALSE;

  if (out_document_id != NULL)
    *out_document_id = id;
  return TRUE;
}

gboolean
alama_store_delete_document (AlamaStore  *self,
                             gint64       document_id,
                             GError     **error)
{
  g_autoptr(AlamaDocument) document = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (ALAMA_IS_STORE (self), FALSE);

  if (!_alama_store_op_start (self, ALAMA_CHANGE_NOT_UNDOABLE, error))
    return FALSE;

  document = _alama_store_load_document (self, document_id, error);
  if (document == NULL)
    goto out;

  _alama_store_op_describe (self, ALAMA_CHANGE_ACTION_DELETE_DOCUMENT,
                            alama_document_get_name (document));

  /* Changes that touched the document can no longer be undone or redone. */
  stmt = _alama_store_prepare (self,
                               "UPDATE changes SET state = 'discarded' "
                               "WHERE undoable = 1 AND state IN ('done', 'undone') AND id IN "
                               "(SELECT change_id FROM history WHERE document_id = ?)", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, document_id);
  if (!_alama_store_step_done (self, stmt, "deleting a document", error))
    goto out;
  _alama_stmt_reset (stmt);

  /* Its spans and relations go by ON DELETE CASCADE, which the row log does
   * not see. */
  _alama_store_row_log_give_up (self);
  stmt = _alama_store_prepare (self, "DELETE FROM documents WHERE id = ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, document_id);
  if (!_alama_store_step_done (self, stmt, "deleting a document", error))
    goto out;
  _alama_stmt_reset (stmt);

  {
    g_autoptr(JsonBuilder) builder = json_builder_new ();
    g_autoptr(JsonGenerator) generator = json_generator_new ();
    g_autoptr(JsonNode) root = NULL;
    g_autofree char *before = NULL;

    json_builder_begin_object (builder);
    json_builder_set_member_name (builder, "name");
    json_builder_add_string_value (builder, alama_document_get_name (document));
    json_builder_set_member_name (builder, "content_hash");
    json_builder_add_string_value (builder, alama_document_get_content_hash (document));
    json_builder_end_object (builder);
    root = json_builder_get_root (builder);
    json_generator_set_root (generator, root);
    before = json_generator_to_data (generator, NULL);

    if (!_alama_store_record (self, "delete-document", "document", document_id, document_id,
                              before, NULL, error))
      goto out;
  }

  _alama_store_note_document_removed (self, document_id);
  ok = TRUE;

out:
  return _alama_store_op_finish (self, ok, error);
}

gboolean
alama_store_has_imported_file (AlamaStore *self,
                               const char *file_hash)
{
  sqlite3_stmt *stmt;
  gboolean found;

  g_return_val_if_fail (ALAMA_IS_STORE (self), FALSE);
  g_return_val_if_fail (file_hash != NULL, FALSE);

  stmt = _alama_store_prepare (self, "SELECT 1 FROM imported_files WHERE file_hash = ?", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, file_hash, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  _alama_stmt_reset (stmt);

  return found;
}

gboolean
alama_store_record_imported_file (AlamaStore  *self,
                                  const char  *file_hash,
                                  const char  *path,
                                  GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (ALAMA_IS_STORE (self), FALSE);
  g_return_val_if_fail (file_hash != NULL, FALSE);

  if (!_alama_store_op_start (self, ALAMA_CHANGE_NOT_UNDOABLE, error))
    return FALSE;
  _alama_store_op_describe (self, ALAMA_CHANGE_ACTION_IMPORT, NULL);

  stmt = _alama_store_prepare (self,
                               "INSERT OR REPLACE INTO imported_files (file_hash, path, at) "
                               "VALUES (?, ?, ?)", error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, file_hash, -1, SQLITE_TRANSIENT);
      _alama_bind_text_or_null (stmt, 2, path);
      sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
      ok = _alama_store_step_done (self, stmt, "recording an imported file", error);
      _alama_stmt_reset (stmt);
    }

  return _alama_store_op_finish (self, ok, error);
}

