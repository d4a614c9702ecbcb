/* alama-store-documents.c: the documents of a project as a list model,
 * read when first asked for and then kept in line: after our own commits
 * (from the change's row log) and after other processes' (alama_store_refresh()).
 * Adding and deleting documents is in alama-store-document-edits.c.
 */
#define G_LOG_DOMAIN "alama-store"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "alama-document-list-private.h"
#include "alama-store-object-private.h"
#include "alama-store-rows-private.h"
#include "alama-store-rows-changed-private.h"

/* ---- Documents --------------------------------------------------------------- */

/* The counts of live and pending annotations are the ones the stats triggers
 * keep (alama-stats-kept.c), not counted here: counting read every span of
 * the document, 100,000 index entries twice for a large one. A document with
 * no annotation may have no row there. */
#define DOCUMENT_COLUMNS \
  "d.id, d.name, d.source_path, d.metadata, d.format_data, d.content_hash, d.imported_at, " \
  "d.length_cp, coalesce (c.live, 0), " \
  "coalesce (c.pending, 0) + coalesce (c.pending_relations, 0)"

static AlamaDocument *
document_from_row (sqlite3_stmt *stmt)
{
  return _alama_document_new (sqlite3_column_int64 (stmt, 0),
                              (const char *) sqlite3_column_text (stmt, 1),
                              (const char *) sqlite3_column_text (stmt, 2),
                              (const char *) sqlite3_column_text (stmt, 3),
                              (const char *) sqlite3_column_text (stmt, 4),
                              (const char *) sqlite3_column_text (stmt, 5),
                              sqlite3_column_int64 (stmt, 6),
                              sqlite3_column_int64 (stmt, 7),
                              (guint) sqlite3_column_int64 (stmt, 8),
                              (guint) sqlite3_column_int64 (stmt, 9));
}

AlamaDocument *
_alama_store_load_document (AlamaStore  *self,
               gint64       document_id,
               GError     **error)
{
  sqlite3_stmt *stmt;
  AlamaDocument *document = NULL;
  int rc;

  stmt = _alama_store_prepare (self, "SELECT " DOCUMENT_COLUMNS " FROM documents d "
                                     "LEFT JOIN stats_document_counts c ON c.document_id = d.id "
                                     "WHERE d.id = ?",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    document = document_from_row (stmt);
  _alama_stmt_reset (stmt);

  if (rc == SQLITE_DONE)
    g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_FOUND,
                 "There is no document %" G_GINT64_FORMAT " in %s", document_id, self->path);
  else if (rc != SQLITE_ROW)
    _alama_store_set_sqlite_error (self, rc, "reading a document", error);

  return document;
}

static AlamaDocument *
load_listed_document (gpointer store,
                      gint64   document_id)
{
  return _alama_store_load_document (store, document_id, NULL);
}

static char *
read_document_name (AlamaStore *self,
                    gint64      document_id)
{
  sqlite3_stmt *stmt = _alama_store_prepare (self, "SELECT name FROM documents WHERE id = ?", NULL);
  char *name = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  _alama_stmt_reset (stmt);
  return name;
}

/* Reads the ids and names of all documents, the order of the list (the rest of
 * a document is read when the list is asked for it). */
static gboolean
read_document_names (AlamaStore  *self,
                     GArray      *ids,
                     GPtrArray   *names,
                     GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _alama_store_prepare (self, "SELECT id, name FROM document_order "
                                     "ORDER BY sort_key, name, id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  _alama_stmt_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _alama_store_set_sqlite_error (self, rc, "reading the documents", error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_documents (AlamaStore  *self,
                GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  gint64 version;

  /* Before the read: a commit by another process in between makes the counts
   * count again at our next change, never the other way round. */
  if (!_alama_store_read_data_version (self, &version, error))
    return FALSE;
  if (!read_document_names (self, ids, names, error))
    return FALSE;

  _alama_document_list_take_names (self->documents, ids, names);
  self->documents_loaded = TRUE;
  self->counts_data_version = version;

  return TRUE;
}

static gboolean
count_annotations (AlamaStore  *self,
                   gint64       document_id,
                   guint       *n_annotations,
                   guint       *n_pending)
{
  sqlite3_stmt *stmt;
  int rc;

  /* Suggestions to review are pending spans and pending relations. */
  stmt = _alama_store_prepare (self,
                               "SELECT count(*), coalesce(sum(status = 'pending'), 0) "
                               "  + (SELECT count(*) FROM relations r WHERE r.document_id = ?1 "
                               "     AND r.status = 'pending') FROM spans "
                               "WHERE document_id = ?1 AND status IN ('accepted', 'pending')",
                               NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *n_annotations = (guint) sqlite3_column_int64 (stmt, 0);
      *n_pending = (guint) sqlite3_column_int64 (stmt, 1);
    }
  _alama_stmt_reset (stmt);

  return rc == SQLITE_ROW;
}


void
_alama_store_documents_follow_commit (AlamaStore        *self,
                                      const AlamaChange *committed,
                                      const GArray      *net)
{
  g_autoptr(GHashTable) added = g_hash_table_new (g_int64_hash, g_int64_equal);
  GHashTableIter iter;
  gpointer key;

  if (!self->documents_loaded)
    return;

  /* Documents removed, then added, then the counts of the rest: each touches one
   * item of the list model, never a reload. */
  for (guint i = 0; committed->removed_documents && i < committed->removed_documents->len; i++)
    {
      _alama_document_list_remove (self->documents,
                                   g_array_index (committed->removed_documents, gint64, i));
    }

  for (guint i = 0; committed->added_documents && i < committed->added_documents->len; i++)
    {
      gint64 id = g_array_index (committed->added_documents, gint64, i);
      g_autofree char *name = read_document_name (self, id);

      if (name == NULL)
        continue;   /* added and deleted in the same change */
      if (_alama_document_list_insert (self->documents, id, name))
        g_hash_table_add (added, &g_array_index (committed->added_documents, gint64, i));
    }

  if (committed->touched != NULL)
    {
      /* Counted again (a query over the document's spans) only when the row log cannot
       * say what changed or another process wrote since the counts were exact. */
      gint64 data_version = 0;
      gboolean follow = net != NULL && _alama_store_read_data_version (self, &data_version, NULL) &&
                        data_version == self->counts_data_version;

      g_hash_table_iter_init (&iter, committed->touched);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          AlamaDocument *document = _alama_document_list_lookup (self->documents, *(gint64 *) key);
          guint n_annotations, n_pending;
          int d_annotations, d_pending;

          /* A document not read yet is counted when it is; one added by the
           * change was read after the commit. */
          if (document == NULL || g_hash_table_contains (added, key))
            continue;
          if (follow)
            {
              _alama_row_deltas_count (net, *(gint64 *) key, &d_annotations, &d_pending);
              _alama_document_set_counts (document,
                                          alama_document_get_n_annotations (document) + d_annotations,
                                          alama_document_get_n_pending (document) + d_pending);
            }
          else if (count_annotations (self, *(gint64 *) key, &n_annotations, &n_pending))
            _alama_document_set_counts (document, n_annotations, n_pending);
        }
    }
}


GListModel *
alama_store_get_documents (AlamaStore *self)
{
  g_return_val_if_fail (ALAMA_IS_STORE (self), NULL);

  /* Made on first use, so that the store object needs nothing of this file. */
  if (self->documents == NULL)
    self->documents = _alama_document_list_new (load_listed_document, self);

  if (!self->documents_loaded)
    {
      g_autoptr(GError) error = NULL;

      /* An empty model is all a caller can get when the file cannot be read;
       * the next call tries again. */
      if (!load_documents (self, &error))
        g_warning ("Cannot list the documents of %s: %s", self->path, error->message);
    }

  return G_LIST_MODEL (self->documents);
}

guint
alama_store_get_document_position (AlamaStore *self,
                                   gint64      document_id)
{
  g_return_val_if_fail (ALAMA_IS_STORE (self), G_MAXUINT);

  alama_store_get_documents (self);
  return _alama_document_list_find (self->documents, document_id);
}

AlamaDocument *
alama_store_get_document (AlamaStore *self,
                          gint64      document_id)
{
  AlamaDocument *document;

  g_return_val_if_fail (ALAMA_IS_STORE (self), NULL);

  /* The object handed out is the model's, so its counts stay live. */
  alama_store_get_documents (self);
  document = _alama_document_list_get (self->documents, document_id);
  if (document != NULL)
    return document;

  /* Added in the change being made, not yet in the list. */
  return _alama_store_load_document (self, document_id, NULL);
}

static AlamaDocument *
find_document_by (AlamaStore *self,
                  const char *sql,
                  const char *value)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  if (value == NULL)
    return NULL;

  stmt = _alama_store_prepare (self, sql, NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  _alama_stmt_reset (stmt);

  return id ? alama_store_get_document (self, id) : NULL;
}

AlamaDocument *
alama_store_find_document (AlamaStore *self,
                           const char *name)
{
  g_return_val_if_fail (ALAMA_IS_STORE (self), NULL);

  return find_document_by (self, "SELECT id FROM documents WHERE name = ?", name);
}

AlamaDocument *
alama_store_find_document_by_hash (AlamaStore *self,
                                   const char *content_hash)
{
  g_return_val_if_fail (ALAMA_IS_STORE (self), NULL);

  return find_document_by (self,
                           "SELECT id FROM documents WHERE content_hash = ? ORDER BY id LIMIT 1",
                           content_hash);
}

guint
alama_store_get_n_documents (AlamaStore *self)
{
  sqlite3_stmt *stmt;
  guint n = 0;

  g_return_val_if_fail (ALAMA_IS_STORE (self), 0);

  stmt = _alama_store_prepare (self, "SELECT count(*) FROM documents", NULL);
  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = (guint) sqlite3_column_int64 (stmt, 0);
  _alama_stmt_reset (stmt);

  return n;
}

char *
alama_store_dup_document_text (AlamaStore  *self,
                               gint64       document_id,
                               GError     **error)
{
  sqlite3_stmt *stmt;
  char *text = NULL;
  int rc;

  g_return_val_if_fail (ALAMA_IS_STORE (self), NULL);

  stmt = _alama_store_prepare (self, "SELECT text FROM documents WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    text = _alama_column_dup (stmt, 0);
  _alama_stmt_reset (stmt);

  if (rc == SQLITE_DONE)
    g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_FOUND,
                 "There is no document %" G_GINT64_FORMAT " in %s", document_id, self->path);
  else if (rc != SQLITE_ROW)
    _alama_store_set_sqlite_error (self, rc, "reading a document's text", error);

  return text;
}

/* Brings the documents model in line with the file, touching only the items
 * that differ: removed documents go, new ones are inserted in order, renamed ones
 * are moved, and the documents read so far are counted again (which notifies
 * only on change). */
static gboolean
sync_documents (AlamaStore  *self,
                GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) fresh = g_hash_table_new (g_int64_hash, g_int64_equal);
  GList *loaded;
  gint64 version;
  guint n;

  if (!self->documents_loaded)
    return TRUE;   /* nobody has the model: it is read when asked for */

  if (!_alama_store_read_data_version (self, &version, error))
    return FALSE;
  if (!read_document_names (self, ids, names, error))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    g_hash_table_insert (fresh, &g_array_index (ids, gint64, i), names->pdata[i]);

  /* Gone, or renamed (inserted again below at its new place). */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->documents));
  for (guint i = n; i > 0; i--)
    {
      const char *old_name = _alama_document_list_get_name (self->documents, i - 1);
      gint64 id = _alama_document_list_get_id (self->documents, i - 1);
      const char *name = g_hash_table_lookup (fresh, &id);

      if (name == NULL || strcmp (name, old_name) != 0)
        _alama_document_list_remove (self->documents, id);
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (self->documents));
  for (guint i = 0; i < n; i++)
    g_hash_table_remove (fresh, &(gint64) { _alama_document_list_get_id (self->documents, i) });
  for (guint i = 0; i < ids->len; i++)
    if (g_hash_table_contains (fresh, &g_array_index (ids, gint64, i)))
      _alama_document_list_insert (self->documents, g_array_index (ids, gint64, i), names->pdata[i]);

  loaded = _alama_document_list_get_loaded (self->documents);
  for (GList *l = loaded; l != NULL; l = l->next)
    {
      guint n_annotations, n_pending;

      if (count_annotations (self, alama_document_get_id (l->data), &n_annotations, &n_pending))
        _alama_document_set_counts (l->data, n_annotations, n_pending);
    }
  g_list_free (loaded);
  self->counts_data_version = version;

  return TRUE;
}

gboolean
alama_store_refresh (AlamaStore  *self,
                     GError     **error)
{
  gint64 version = 0;

  g_return_val_if_fail (ALAMA_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Inside our own transaction the file cannot have changed under us. */
  if (self->change.active)
    return FALSE;
  if (!_alama_store_read_data_version (self, &version, error))
    return FALSE;
  if (version == self->data_version)
    return FALSE;

  g_clear_pointer (&self->schema, alama_schema_unref);
  if (!sync_documents (self, error))
    return FALSE;
  self->data_version = version;

  _alama_store_emit_rows_changed (self, NULL);
  _alama_store_emit_changed (self, 0);
  return TRUE;
}

