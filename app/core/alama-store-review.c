/* alama-store-review.c: read-only queries the review workflow needs: which
 * sources have suggestions, and how many spans (or suggestions: pending spans
 * and pending relations) a source has in a document.
 *
 * Kept apart from alama-store.c because they only read, through the store's
 * cached prepared statements, and never touch the change machinery. */
#define G_LOG_DOMAIN "alama-store"

#include "config.h"

#include "alama-store-object-private.h"

/* The statuses of @statuses bound to ?first, ?first+1, ?first+2 for
 * "status IN (?, ?, ?)": a status outside the mask is bound as NULL, which
 * never matches. */
static void
bind_statuses (sqlite3_stmt    *stmt,
               int              first,
               AlamaStatusMask  statuses)
{
  static const AlamaStatus all[] = {
    ALAMA_STATUS_ACCEPTED, ALAMA_STATUS_PENDING, ALAMA_STATUS_REJECTED,
  };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      if (statuses & (1 << all[i]))
        sqlite3_bind_text (stmt, first + (int) i, _alama_status_to_sql (all[i]), -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, first + (int) i);
    }
}

/* The sources of spans, one step each along spans_by_source (a loose index
 * scan), not a read of every span: the table "sources (source)", with a NULL
 * row at its end. */
#define EACH_SPAN_SOURCE                                                             \
  "WITH RECURSIVE sources (source) AS ("                                             \
  "  SELECT min (source) FROM spans"                                                 \
  "  UNION ALL"                                                                      \
  "  SELECT (SELECT min (source) FROM spans WHERE source > sources.source)"          \
  "  FROM sources WHERE sources.source IS NOT NULL) "

/* The first column of @stmt's rows (bound, cached), in order; resets it. */
static GPtrArray *
read_sources (AlamaStore    *self,
              sqlite3_stmt  *stmt,
              const char    *doing,
              GError       **error)
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (sources, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  _alama_stmt_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _alama_store_set_sqlite_error (self, rc, doing, error);
      return NULL;
    }
  return g_steal_pointer (&sources);
}

GPtrArray *
alama_store_list_sources (AlamaStore       *self,
                          AlamaStatusMask   statuses,
                          GError          **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ALAMA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _alama_store_prepare (self,
                               EACH_SPAN_SOURCE
                               "SELECT source FROM sources WHERE source IS NOT NULL AND EXISTS ("
                               "  SELECT 1 FROM spans s WHERE s.source = sources.source"
                               "  AND s.status IN (?1, ?2, ?3)) "
                               /* Relations by the counts kept for `alama stats`: a
                                * few rows, where relations has no index by source. */
                               "UNION SELECT source FROM stats_relation_counts "
                               "WHERE n > 0 AND status IN (?1, ?2, ?3) "
                               "ORDER BY source",
                               error);
  if (stmt == NULL)
    return NULL;
  bind_statuses (stmt, 1, statuses);
  return read_sources (self, stmt, "listing the sources of annotations", error);
}

GPtrArray *
alama_store_list_suggestion_sources (AlamaStore  *self,
                                     double       min_confidence,
                                     GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ALAMA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (min_confidence <= 0.0)
    return alama_store_list_sources (self, ALAMA_STATUS_MASK_PENDING, error);

  /* A pending span is shown unless a tagger gave it a confidence below the
   * threshold (alama_span_filter_shows()). The scan of a source stops at its
   * first shown suggestion. */
#define SHOWN_PENDING_SPAN(source)                                              \
  "SELECT 1 FROM spans s WHERE s.source = " source " AND s.status = 'pending'"  \
  " AND (s.source = '" ALAMA_SOURCE_MANUAL "'"                                  \
  "      OR coalesce (alama_confidence (s.attributes) >= ?1, 1))"
  stmt = _alama_store_prepare (self,
                               EACH_SPAN_SOURCE
                               "SELECT source FROM sources WHERE source IS NOT NULL"
                               " AND EXISTS (" SHOWN_PENDING_SPAN ("sources.source") ") "
                               "UNION SELECT source FROM stats_relation_counts c "
                               "WHERE n > 0 AND status = 'pending'"
                               " AND (NOT EXISTS (SELECT 1 FROM spans s WHERE s.source = c.source"
                               "                  AND s.status = 'pending')"
                               "      OR EXISTS (" SHOWN_PENDING_SPAN ("c.source") ")) "
                               "ORDER BY source",
                               error);
#undef SHOWN_PENDING_SPAN
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_double (stmt, 1, min_confidence);
  return read_sources (self, stmt, "listing the sources of suggestions", error);
}

guint
alama_store_count_spans (AlamaStore      *self,
                         gint64           document_id,
                         const char      *source,
                         AlamaStatusMask  statuses)
{
  sqlite3_stmt *stmt;
  guint n = 0;

  g_return_val_if_fail (ALAMA_IS_STORE (self), 0);

  /* ?4 = 0 and ?5 NULL stand for "every document" and "any source", so that one
   * cached statement serves all four cases. */
  stmt = _alama_store_prepare (self,
                               "SELECT count(*) FROM spans "
                               "WHERE status IN (?1, ?2, ?3) "
                               "AND (?4 = 0 OR document_id = ?4) "
                               "AND (?5 IS NULL OR source = ?5)",
                               NULL);
  if (stmt == NULL)
    return 0;
  bind_statuses (stmt, 1, statuses);
  sqlite3_bind_int64 (stmt, 4, document_id);
  if (source != NULL)
    sqlite3_bind_text (stmt, 5, source, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 5);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = (guint) sqlite3_column_int64 (stmt, 0);
  _alama_stmt_reset (stmt);

  return n;
}

guint
alama_store_count_suggestions (AlamaStore *self,
                               gint64      document_id,
                               const char *source)
{
  sqlite3_stmt *stmt;
  guint n;

  g_return_val_if_fail (ALAMA_IS_STORE (self), 0);

  n = alama_store_count_spans (self, document_id, source, ALAMA_STATUS_MASK_PENDING);
  stmt = _alama_store_prepare (self,
                               "SELECT count(*) FROM relations "
                               "WHERE status = 'pending' "
                               "AND (?1 = 0 OR document_id = ?1) "
                               "AND (?2 IS NULL OR source = ?2)",
                               NULL);
  if (stmt == NULL)
    return n;
  sqlite3_bind_int64 (stmt, 1, document_id);
  if (source != NULL)
    sqlite3_bind_text (stmt, 2, source, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 2);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n += (guint) sqlite3_column_int64 (stmt, 0);
  _alama_stmt_reset (stmt);

  return n;
}
