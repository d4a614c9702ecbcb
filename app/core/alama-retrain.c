/* alama-retrain.c: counting new training data, finding the documents nobody
 * reviewed, and refreshing their model suggestions (see the header). */
#define G_LOG_DOMAIN "alama-retrain"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "alama-store-private.h"
#include "alama-tagger-private.h"
#include "alama/alama-retrain.h"

#define COUNT_NEW_SQL \
  "SELECT count(*) FROM spans s JOIN labels l ON l.key = s.label " \
  "WHERE s.status = 'accepted' AND l.kind = 'entity' AND s.modified > ?1"

/* The analyst's changes: undoable, and not an autotag run (?9: its nick). */
#define ANALYST_CHANGES \
  "SELECT h.document_id FROM history h JOIN changes c ON c.id = h.change_id " \
  "WHERE c.undoable = 1 AND c.action IS NOT ?9 AND h.document_id IS NOT NULL"

#define UNREVIEWED_SQL \
  "SELECT id FROM documents WHERE id NOT IN (" \
  "  SELECT document_id FROM spans WHERE status <> 'pending' " \
  "  UNION SELECT document_id FROM relations WHERE status <> 'pending' " \
  "  UNION " ANALYST_CHANGES ") ORDER BY id"

#define REVIEWED_SQL \
  "SELECT EXISTS (SELECT 1 FROM spans WHERE document_id = ?1 AND status <> 'pending') " \
  "    OR EXISTS (SELECT 1 FROM relations WHERE document_id = ?1 AND status <> 'pending') " \
  "    OR EXISTS (SELECT 1 FROM history h JOIN changes c ON c.id = h.change_id " \
  "               WHERE h.change_id > ?2 AND h.document_id = ?1 " \
  "                 AND c.undoable = 1 AND c.action IS NOT ?9)"

static sqlite3_stmt *
prepare (AlamaStore  *store,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (_alama_store_get_db (store), sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      _alama_store_set_sqlite_error (store, rc, _("reading the project for the model"), error);
      sqlite3_finalize (stmt);
      return NULL;
    }
  /* Statements that name the autotag action take it as ?9. */
  if (sqlite3_bind_parameter_index (stmt, "?9") > 0)
    sqlite3_bind_text (stmt, 9, alama_change_action_to_nick (ALAMA_CHANGE_ACTION_AUTOTAG), -1,
                       SQLITE_STATIC);
  return stmt;
}

/* Steps @stmt to its one row; FALSE with @error when the file fails. */
static gboolean
step_row (AlamaStore    *store,
          sqlite3_stmt  *stmt,
          GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;
  _alama_store_set_sqlite_error (store, rc, _("reading the project for the model"), error);
  return FALSE;
}

guint
alama_retrain_count_new_spans (AlamaStore  *store,
                               gint64       since,
                               GError     **error)
{
  sqlite3_stmt *stmt;
  guint n = 0;

  g_return_val_if_fail (ALAMA_IS_STORE (store), 0);

  stmt = prepare (store, COUNT_NEW_SQL, error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, since);
  if (step_row (store, stmt, error))
    n = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

gint64
alama_retrain_get_model_time (AlamaStore  *store,
                              const char  *name,
                              GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 created = 0;
  int rc;

  g_return_val_if_fail (ALAMA_IS_STORE (store), 0);
  g_return_val_if_fail (name != NULL, 0);

  stmt = prepare (store, "SELECT created FROM models WHERE name = ?1", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    created = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    _alama_store_set_sqlite_error (store, rc, _("reading the project for the model"), error);
  sqlite3_finalize (stmt);
  return created;
}

static gboolean
read_last_change (AlamaStore  *store,
                  gint64      *out_last_change,
                  GError     **error)
{
  sqlite3_stmt *stmt = prepare (store, "SELECT coalesce (max (id), 0) FROM changes", error);
  gboolean ok;

  if (stmt == NULL)
    return FALSE;
  ok = step_row (store, stmt, error);
  if (ok)
    *out_last_change = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return ok;
}

GArray *
alama_retrain_list_unreviewed (AlamaStore  *store,
                               gint64      *out_last_change,
                               GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  gint64 last_change = 0;
  int rc;

  g_return_val_if_fail (ALAMA_IS_STORE (store), NULL);

  /* Read before the list: a change made in between is looked at again by
   * alama_retrain_is_reviewed() (after this id), never missed. */
  if (!read_last_change (store, &last_change, error))
    return NULL;
  stmt = prepare (store, UNREVIEWED_SQL, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _alama_store_set_sqlite_error (store, rc, _("reading the project for the model"), error);
      return NULL;
    }
  if (out_last_change != NULL)
    *out_last_change = last_change;
  return g_steal_pointer (&ids);
}

gboolean
alama_retrain_is_reviewed (AlamaStore  *store,
                           gint64       document_id,
                           gint64       after_change,
                           gboolean    *out_reviewed,
                           GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (ALAMA_IS_STORE (store), FALSE);
  g_return_val_if_fail (out_reviewed != NULL, FALSE);

  stmt = prepare (store, REVIEWED_SQL, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_int64 (stmt, 2, after_change);
  ok = step_row (store, stmt, error);
  if (ok)
    *out_reviewed = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_finalize (stmt);
  return ok;
}

/* ---- Refreshing a document --------------------------------------------------- */

static AlamaSpan *
find_same_extent (GPtrArray       *spans,
                  const AlamaSpan *span)
{
  for (guint i = 0; i < spans->len; i++)
    if (_alama_tagger_spans_same_place (g_ptr_array_index (spans, i), span))
      return g_ptr_array_index (spans, i);
  return NULL;
}

/* Brings the document's pending model suggestions (@existing, every span of
 * the document) to @proposed, inside the caller's change. */
static gboolean
apply_proposals (AlamaStore          *store,
                 AlamaSchema         *schema,
                 const char          *source,
                 GPtrArray           *existing,
                 GPtrArray           *proposed,
                 AlamaRetrainCounts  *counts,
                 GError             **error)
{
  for (guint i = 0; i < existing->len; i++)
    {
      AlamaSpan *old = g_ptr_array_index (existing, i);
      AlamaSpan *again;

      if (old->status != ALAMA_STATUS_PENDING || g_strcmp0 (old->source, source) != 0)
        continue;
      again = find_same_extent (proposed, old);
      if (again != NULL)
        {
          const char *confidence = alama_span_get_attribute (again, ALAMA_TAGGER_MODEL_CONFIDENCE_ATTRIBUTE);

          if (g_strcmp0 (confidence, alama_span_get_attribute (old, ALAMA_TAGGER_MODEL_CONFIDENCE_ATTRIBUTE)) != 0)
            {
              g_autoptr(AlamaSpan) updated = alama_span_copy (old);

              alama_span_set_attribute (updated, ALAMA_TAGGER_MODEL_CONFIDENCE_ATTRIBUTE, confidence);
              if (!alama_store_update_span (store, updated, error))
                return FALSE;
              counts->n_updated++;
            }
        }
      /* A suggested relation of another tagger may hang on it: then it stays. */
      else if (alama_store_count_span_relations (store, old->id) == 0)
        {
          if (!alama_store_delete_span (store, old->id, error))
            return FALSE;
          counts->n_removed++;
        }
    }

  for (guint i = 0; i < proposed->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (proposed, i);

      /* What the document has already, in any status (a rejection stays final),
       * and labels the schema no longer has, are left out. */
      if (find_same_extent (existing, span) != NULL ||
          alama_schema_find_label (schema, span->label) == NULL)
        continue;
      if (!alama_store_add_span (store, span, error))
        return FALSE;
      counts->n_added++;
    }
  return TRUE;
}

gboolean
alama_retrain_refresh_document (AlamaStore          *store,
                                gint64               document_id,
                                gint64               after_change,
                                AlamaTaggerModel    *model,
                                const char          *name,
                                AlamaGazetteer      *gazetteer,
                                gboolean            *out_refreshed,
                                AlamaRetrainCounts  *counts,
                                GError             **error)
{
  g_autofree char *source = NULL;
  g_autofree char *text = NULL;
  g_autoptr(AlamaTextIndex) index = NULL;
  g_autoptr(GPtrArray) proposed = NULL;
  g_autoptr(GPtrArray) existing = NULL;
  g_autoptr(AlamaSchema) schema = NULL;
  AlamaRetrainCounts mine = { 0 };
  gboolean reviewed = FALSE;

  g_return_val_if_fail (ALAMA_IS_STORE (store), FALSE);
  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (out_refreshed != NULL, FALSE);

  *out_refreshed = FALSE;
  source = g_strconcat (ALAMA_TAGGER_SOURCE_MODEL_PREFIX, name, NULL);

  /* Tagging needs no lock: it runs before the change, on the text alone. */
  text = alama_store_dup_document_text (store, document_id, error);
  if (text == NULL)
    return FALSE;
  index = alama_text_index_new (text);
  proposed = alama_tagger_model_tag (model, text, index, gazetteer, source);
  for (guint i = 0; i < proposed->len; i++)
    ((AlamaSpan *) g_ptr_array_index (proposed, i))->document_id = document_id;

  if (!alama_store_begin_action_change (store, ALAMA_CHANGE_ACTION_AUTOTAG, source,
                                        ALAMA_CHANGE_NOT_UNDOABLE, error))
    return FALSE;
  /* The change holds the write lock: what is read from here on stays true
   * until it commits, so an acceptance made meanwhile in the window is seen. */
  if (!alama_retrain_is_reviewed (store, document_id, after_change, &reviewed, error))
    goto fail;
  if (reviewed)
    {
      alama_store_cancel_change (store);
      return TRUE;
    }
  existing = alama_store_list_spans (store, document_id, ALAMA_STATUS_MASK_ALL, error);
  if (existing == NULL)
    goto fail;
  schema = alama_store_get_schema (store);
  if (!apply_proposals (store, schema, source, existing, proposed, &mine, error) ||
      !alama_store_end_change (store, error))
    goto fail;

  *out_refreshed = TRUE;
  if (counts != NULL)
    {
      counts->n_documents++;
      counts->n_added += mine.n_added;
      counts->n_removed += mine.n_removed;
      counts->n_updated += mine.n_updated;
    }
  return TRUE;

fail:
  if (alama_store_in_change (store))
    alama_store_cancel_change (store);
  return FALSE;
}

/* ---- Training and refreshing -------------------------------------------------- */

gboolean
alama_retrain_run (AlamaStore          *store,
                   const char          *name,
                   AlamaGazetteer      *gazetteer,
                   GCancellable        *cancellable,
                   AlamaRetrainCounts  *counts,
                   GError             **error)
{
  g_autoptr(AlamaTaggerModel) model = NULL;
  g_autoptr(GArray) documents = NULL;
  AlamaTaggerModelOptions options;
  AlamaRetrainCounts ignored = { 0 };
  gint64 last_change = 0;

  g_return_val_if_fail (ALAMA_IS_STORE (store), FALSE);
  g_return_val_if_fail (name != NULL && *name != '\0', FALSE);

  if (counts == NULL)
    counts = &ignored;

  alama_tagger_model_options_init (&options);
  options.gazetteer = gazetteer;
  options.cancellable = cancellable;
  model = alama_tagger_model_train (store, &options, error);
  if (model == NULL)
    return FALSE;
  /* The last moment to stop before the project changes: the old model stays. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !alama_tagger_model_save (model, store, name, error))
    return FALSE;

  documents = alama_retrain_list_unreviewed (store, &last_change, error);
  if (documents == NULL)
    return FALSE;
  for (guint i = 0; i < documents->len; i++)
    {
      gboolean refreshed;

      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !alama_retrain_refresh_document (store, g_array_index (documents, gint64, i),
                                           last_change, model, name, gazetteer, &refreshed,
                                           counts, error))
        return FALSE;
    }
  return TRUE;
}
