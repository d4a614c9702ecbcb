/* alama-stats-kept.c: the counts behind `alama stats`, kept in the project file.
 *
 * `alama stats` used to read every span, relation and document text of the
 * project: seconds at a hundred thousand documents. The counts are now kept as
 * annotations change, so that stats reads a few small tables.
 *
 * Counts that need nothing but a row's own columns are kept by triggers
 * (migration 6 makes them), so every writer keeps them right, undo and redo,
 * another process and ON DELETE CASCADE included:
 *   stats_span_counts      (label, status, source, annotator) -> n
 *   stats_relation_counts  (type, status, source, annotator) -> n
 *   stats_document_counts  document -> its accepted + pending spans, pending spans,
 *                          pending relations
 *   stats_totals           one row: documents, those with an accepted or pending
 *                          span (annotated), those of them with nothing pending
 *                          (done); kept from the rows above, so that stats reads
 *                          one row however many documents there are
 * Annotator NULL is kept as '', which is how stats shows it. Rows are left at
 * zero rather than deleted: a span accepted and rejected again moves one count
 * back and forth.
 *
 * The "top" lists group spans by their covered text folded with
 * alama_arabic_normalize(). A trigger cannot compute that without reading the
 * document text for every fragment written, which made the import of a large
 * document grow with its square. The text is known in C where spans are
 * written, so the store calls _alama_stats_kept_span_written() after writing a
 * span's fragments, and it records the span's folded text (its "norm"), read
 * from the document text kept here for the last document written to (with a
 * code point -> byte index, so a span costs its own length, not the text's):
 *   stats_span_groups      span -> label, live (not rejected), norm
 * and triggers on that table and on relations keep, without reading any text:
 *   stats_entity_counts    (label, norm) -> live spans
 *   stats_speaker_counts   (SPEAKER or CLAIMANT, norm of the "from" span) ->
 *                          live relations whose "from" span is live
 * Triggers on span_fragments delete a recorded span's group row when its
 * fragments change and note the span in stats_stale, so a writer that does
 * not record the norm (another program) leaves it missing rather than wrong
 * (the store, which records it right after, clears the note). Stats records
 * the missing ones first (_alama_stats_kept_catch_up): the noted spans and
 * any span newer than the newest group row.
 *
 * Which form of a group the lists show: the form of its member with the lowest
 * id (the one annotated first). That needs one index lookup per group
 * (stats_span_groups_by_norm); the form "seen first" in document name order,
 * which the full walk showed, has no such index.
 */
#define G_LOG_DOMAIN "alama-stats-kept"

#include "config.h"

#include <string.h>

#include "alama/alama-arabic.h"
#include "alama/alama-text.h"
#include "alama-stats-kept-private.h"
#include "alama-store-object-private.h"
#include "alama-store-private.h"

static const char upsert_group_sql[] =
  "INSERT INTO stats_span_groups (span_id, label, live, norm) VALUES (?1, ?2, ?3, ?4) "
  "ON CONFLICT (span_id) DO UPDATE SET label = excluded.label, live = excluded.live, "
  "norm = excluded.norm";

static void
set_error (sqlite3     *db,
           const char  *what,
           GError     **error)
{
  g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_FAILED,
               "%s: %s", what, sqlite3_errmsg (db));
}

/* ---- Covered text and its key ---------------------------------------------- */

char *
_alama_stats_kept_group_key (const char *covered)
{
  char *normalised;

  g_return_val_if_fail (covered != NULL, NULL);

  normalised = alama_arabic_normalize (covered, ALAMA_ARABIC_FOLD_DEFAULT, NULL);
  if (normalised == NULL)
    normalised = g_strdup (covered);
  return g_strstrip (normalised);
}

static int
compare_fragments (gconstpointer a,
                   gconstpointer b)
{
  const AlamaFragment *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return x->end < y->end ? -1 : (x->end > y->end);
}

/* What alama_span_dup_text() gives for @fragments, sorted as the store reads
 * them back. @index NULL: the document is missing; the text is empty. */
static char *
covered_text (AlamaTextIndex *index,
              GArray         *fragments)
{
  GString *text = g_string_new (NULL);

  g_array_sort (fragments, compare_fragments);
  for (guint i = 0; i < fragments->len; i++)
    {
      const AlamaFragment *f = &g_array_index (fragments, AlamaFragment, i);
      g_autofree char *piece = index != NULL ? alama_text_index_substring (index, f->start, f->end)
                                             : NULL;

      if (i > 0)
        g_string_append (text, " \u2026 ");
      if (piece != NULL)
        g_string_append (text, piece);
    }

  return g_string_free (text, FALSE);
}

/* ---- The text of the last document written to ------------------------------- */

typedef struct
{
  gint64          document_id;   /* 0: none */
  guint           generation;    /* _alama_store_get_rollback_generation() when filled */
  char           *text;
  AlamaTextIndex *index;
} TextCache;

static void
text_cache_clear (TextCache *cache)
{
  g_clear_pointer (&cache->index, alama_text_index_free);
  g_clear_pointer (&cache->text, g_free);
  cache->document_id = 0;
}

static void
text_cache_free (gpointer data)
{
  TextCache *cache = data;

  text_cache_clear (cache);
  g_free (cache);
}

static GQuark
text_cache_quark (void)
{
  return g_quark_from_static_string ("alama-stats-kept-text");
}

/* Puts the text of @document_id in @cache, read with @stmt (its text as
 * column 0, the id bound to ?1; reset here). A missing document leaves the
 * cache empty for that id. */
static gboolean
text_cache_load (TextCache     *cache,
                 sqlite3_stmt  *stmt,
                 gint64         document_id,
                 int           *rc)
{
  if (cache->document_id == document_id && document_id != 0)
    return TRUE;

  text_cache_clear (cache);
  sqlite3_bind_int64 (stmt, 1, document_id);
  *rc = sqlite3_step (stmt);
  if (*rc == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);

      cache->text = g_strndup (text != NULL ? text : "", sqlite3_column_bytes (stmt, 0));
      cache->index = alama_text_index_new (cache->text);
      *rc = SQLITE_DONE;
    }
  sqlite3_reset (stmt);
  if (*rc != SQLITE_DONE)
    return FALSE;

  cache->document_id = document_id;
  return TRUE;
}

static TextCache *
store_text_cache (AlamaStore *store)
{
  TextCache *cache = g_object_get_qdata (G_OBJECT (store), text_cache_quark ());

  if (cache == NULL)
    {
      cache = g_new0 (TextCache, 1);
      g_object_set_qdata_full (G_OBJECT (store), text_cache_quark (), cache, text_cache_free);
    }
  return cache;
}

static const char document_text_sql[] = "SELECT text FROM documents WHERE id = ?1";

static AlamaTextIndex *
store_document_index (AlamaStore  *store,
                      gint64       document_id,
                      GError     **error)
{
  TextCache *cache = store_text_cache (store);
  sqlite3_stmt *stmt = _alama_store_prepare (store, document_text_sql, error);
  guint generation = _alama_store_get_rollback_generation (store);
  int rc = SQLITE_OK;

  if (stmt == NULL)
    return NULL;
  if (cache->generation != generation)
    {
      text_cache_clear (cache);
      cache->generation = generation;
    }
  if (!text_cache_load (cache, stmt, document_id, &rc))
    {
      _alama_stmt_reset (stmt);
      _alama_store_set_sqlite_error (store, rc, "reading a document's text", error);
      return NULL;
    }
  _alama_stmt_reset (stmt);
  if (cache->index == NULL)
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_FOUND,
                   "There is no document %" G_GINT64_FORMAT " in %s", document_id,
                   alama_store_get_path (store));
      return NULL;
    }
  return cache->index;
}

/* ---- Writing a span's group row -------------------------------------------- */

static void
bind_group (sqlite3_stmt *stmt,
            gint64        span_id,
            const char   *label,
            gboolean      live,
            char         *norm)
{
  sqlite3_bind_int64 (stmt, 1, span_id);
  sqlite3_bind_text (stmt, 2, label, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, live ? 1 : 0);
  sqlite3_bind_text (stmt, 4, norm, -1, g_free);
}

gboolean
_alama_stats_kept_span_written (AlamaStore       *store,
                                const AlamaSpan  *span,
                                gboolean          replaced,
                                GError          **error)
{
  g_autoptr(GArray) fragments = NULL;
  g_autofree char *covered = NULL;
  AlamaTextIndex *index;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ALAMA_IS_STORE (store), FALSE);
  g_return_val_if_fail (span != NULL && span->id != 0, FALSE);

  index = store_document_index (store, span->document_id, error);
  if (index == NULL)
    return FALSE;

  fragments = g_array_copy (span->fragments);
  covered = covered_text (index, fragments);

  stmt = _alama_store_prepare (store, upsert_group_sql, error);
  if (stmt == NULL)
    return FALSE;
  bind_group (stmt, span->id, span->label, span->status != ALAMA_STATUS_REJECTED,
              _alama_stats_kept_group_key (covered));
  rc = sqlite3_step (stmt);
  _alama_stmt_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _alama_store_set_sqlite_error (store, rc, "counting a span for the statistics", error);
      return FALSE;
    }

  /* Replacing the fragments marked the span as changed by someone else. */
  if (replaced)
    {
      stmt = _alama_store_prepare (store, "DELETE FROM stats_stale WHERE span_id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, span->id);
      rc = sqlite3_step (stmt);
      _alama_stmt_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          _alama_store_set_sqlite_error (store, rc, "counting a span for the statistics", error);
          return FALSE;
        }
    }

  return TRUE;
}

/* ---- Spans without a group row ---------------------------------------------- */

/* One span read for fill_missing_groups(). */
typedef struct
{
  gint64   id;
  char    *label;
  gboolean live;
  GArray  *fragments;
} MissingSpan;

static void
missing_span_clear (gpointer data)
{
  MissingSpan *span = data;

  g_free (span->label);
  g_array_unref (span->fragments);
}

static gboolean
step_all (sqlite3_stmt *stmt,
          int          *rc)
{
  *rc = sqlite3_step (stmt);
  return *rc == SQLITE_ROW;
}

/* The spans of @document_id that have no group row, each with its fragments. */
static gboolean
read_missing_spans (sqlite3_stmt *stmt,
                    gint64        document_id,
                    GArray       *spans)
{
  int rc;

  sqlite3_bind_int64 (stmt, 1, document_id);
  while (step_all (stmt, &rc))
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      MissingSpan *last = spans->len > 0 ? &g_array_index (spans, MissingSpan, spans->len - 1)
                                         : NULL;

      if (last == NULL || last->id != id)
        {
          MissingSpan span = {
            .id = id,
            .label = g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
            .live = sqlite3_column_int (stmt, 2),
            .fragments = g_array_new (FALSE, FALSE, sizeof (AlamaFragment)),
          };

          g_array_append_val (spans, span);
          last = &g_array_index (spans, MissingSpan, spans->len - 1);
        }
      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        {
          AlamaFragment f = { sqlite3_column_int64 (stmt, 3), sqlite3_column_int64 (stmt, 4) };

          g_array_append_val (last->fragments, f);
        }
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

/* Writes the group row of every span that has none, document by document so
 * that each text is read once. The spans are read before any row is written:
 * the reading statements look at the table being written. */
static gboolean
fill_missing_groups (sqlite3  *db,
                     GError  **error)
{
  g_autoptr(GArray) documents = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (MissingSpan));
  sqlite3_stmt *list = NULL, *text = NULL, *missing = NULL, *upsert = NULL;
  TextCache cache = { 0, };
  gboolean ok = FALSE;
  int rc;

  g_array_set_clear_func (spans, missing_span_clear);

  if (sqlite3_prepare_v2 (db, "SELECT DISTINCT s.document_id FROM spans s WHERE NOT EXISTS "
                              "(SELECT 1 FROM stats_span_groups g WHERE g.span_id = s.id)",
                          -1, &list, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, document_text_sql, -1, &text, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT s.id, s.label, s.status <> 'rejected', f.start, f.\"end\" "
                              "FROM spans s LEFT JOIN span_fragments f ON f.span_id = s.id "
                              "WHERE s.document_id = ?1 AND NOT EXISTS "
                              "(SELECT 1 FROM stats_span_groups g WHERE g.span_id = s.id) "
                              "ORDER BY s.id", -1, &missing, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, upsert_group_sql, -1, &upsert, NULL) != SQLITE_OK)
    {
      set_error (db, "Cannot count the spans for the statistics", error);
      goto out;
    }

  while (step_all (list, &rc))
    {
      gint64 id = sqlite3_column_int64 (list, 0);
      g_array_append_val (documents, id);
    }
  if (rc != SQLITE_DONE)
    {
      set_error (db, "Cannot list the spans for the statistics", error);
      goto out;
    }

  for (guint d = 0; d < documents->len; d++)
    {
      gint64 document_id = g_array_index (documents, gint64, d);

      g_array_set_size (spans, 0);
      if (!text_cache_load (&cache, text, document_id, &rc) ||
          !read_missing_spans (missing, document_id, spans))
        {
          set_error (db, "Cannot read the spans for the statistics", error);
          goto out;
        }

      for (guint i = 0; i < spans->len; i++)
        {
          MissingSpan *span = &g_array_index (spans, MissingSpan, i);
          g_autofree char *covered = covered_text (cache.index, span->fragments);

          bind_group (upsert, span->id, span->label, span->live,
                      _alama_stats_kept_group_key (covered));
          rc = sqlite3_step (upsert);
          sqlite3_reset (upsert);
          if (rc != SQLITE_DONE)
            {
              set_error (db, "Cannot count a span for the statistics", error);
              goto out;
            }
        }
    }
  ok = TRUE;

out:
  text_cache_clear (&cache);
  sqlite3_finalize (list);
  sqlite3_finalize (text);
  sqlite3_finalize (missing);
  sqlite3_finalize (upsert);
  return ok;
}

gboolean
_alama_stats_kept_migrate (sqlite3  *db,
                           GError  **error)
{
  return _alama_stats_kept_make_tables (db, FALSE, error) && fill_missing_groups (db, error);
}

static gboolean
table_exists (sqlite3     *db,
              const char  *name,
              gboolean    *exists,
              GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      set_error (db, name, error);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  *exists = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  return TRUE;
}

gboolean
_alama_stats_kept_migrate_pending_relations (sqlite3  *db,
                                             GError  **error)
{
  gboolean present, groups;

  if (!table_exists (db, "stats_totals", &present, error) ||
      !table_exists (db, "stats_span_groups", &groups, error))
    return FALSE;
  if (present)
    return TRUE;
  /* Every table and trigger is made afresh, the kept counts being only ever a
   * function of the rows, except the group rows that migration 7 made: this
   * migration does not change them, and making them again reads every text. */
  return _alama_stats_kept_make_tables (db, groups, error) && fill_missing_groups (db, error);
}

/* Whether some span has no group row: one whose fragments another writer
 * changed (stats_stale), or one it added (ids only grow, and every span the
 * store writes gets its row at once). */
static gboolean
groups_missing (AlamaStore  *store,
                gboolean    *missing,
                GError     **error)
{
  sqlite3_stmt *stmt = _alama_store_prepare (store,
                                             "SELECT EXISTS (SELECT 1 FROM stats_stale) OR "
                                             "coalesce ((SELECT max (id) FROM spans), 0) > "
                                             "coalesce ((SELECT max (span_id) FROM "
                                             "stats_span_groups), 0)", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *missing = sqlite3_column_int (stmt, 0);
  _alama_stmt_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      _alama_store_set_sqlite_error (store, rc, "reading the statistics", error);
      return FALSE;
    }
  return TRUE;
}

gboolean
_alama_stats_kept_catch_up (AlamaStore  *store,
                            GError     **error)
{
  sqlite3 *db = _alama_store_get_db (store);
  gboolean missing = FALSE;
  gboolean ok;

  g_return_val_if_fail (ALAMA_IS_STORE (store), FALSE);

  if (!groups_missing (store, &missing, error))
    return FALSE;
  /* A read-only project counts what its writer recorded. */
  if (!missing || alama_store_is_read_only (store) || !sqlite3_get_autocommit (db))
    return TRUE;

  g_debug ("Some spans of %s have no text recorded for the statistics",
           alama_store_get_path (store));
  if (!_alama_store_exec (store, "BEGIN IMMEDIATE", error))
    return FALSE;
  ok = fill_missing_groups (db, error) &&
       _alama_store_exec (store, "DELETE FROM stats_stale", error);
  if (!_alama_store_exec (store, ok ? "COMMIT" : "ROLLBACK", ok ? error : NULL) || !ok)
    {
      if (ok)
        _alama_store_exec (store, "ROLLBACK", NULL);
      return FALSE;
    }
  return TRUE;
}

char *
_alama_stats_kept_dup_span_text (AlamaStore  *store,
                                 gint64       span_id,
                                 GError     **error)
{
  g_autoptr(GArray) fragments = g_array_new (FALSE, FALSE, sizeof (AlamaFragment));
  AlamaTextIndex *index;
  sqlite3_stmt *stmt;
  gint64 document_id = 0;
  int rc;

  stmt = _alama_store_prepare (store, "SELECT s.document_id, f.start, f.\"end\" FROM spans s "
                                      "JOIN span_fragments f ON f.span_id = s.id "
                                      "WHERE s.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, span_id);
  while (step_all (stmt, &rc))
    {
      AlamaFragment f = { sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2) };

      document_id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (fragments, f);
    }
  _alama_stmt_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _alama_store_set_sqlite_error (store, rc, "reading a span", error);
      return NULL;
    }
  if (fragments->len == 0)
    return g_strdup ("");

  index = store_document_index (store, document_id, error);
  if (index == NULL)
    return NULL;
  return covered_text (index, fragments);
}
