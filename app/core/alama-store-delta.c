/* alama-store-delta.c: catching up with a change by reading only what it changed.
 *
 * After every commit the store says only "document N changed". A view of a
 * document with 10,000 annotations that re-read them all (≈ 17 ms) on each key
 * press could not stay under 10 ms; with these calls it reads the spans modified
 * since its last look (one or a few), and a stamp of the whole set (count, sum of
 * ids, sum of modification times) tells it whether those few explain everything.
 * When they do not (a delete, an undo that restored an older row, a status that
 * left the view's statuses, another process) the caller reloads as before.
 */
#define G_LOG_DOMAIN "alama-store"

#include "config.h"

#include "alama-store-object-private.h"
#include "alama-store-rows-private.h"

/* The modification times are summed modulo a prime so that 10,000 µs timestamps
 * do not overflow SQLite's integer sum() (which fails rather than wraps). */
#define STAMP_MODULUS G_GINT64_CONSTANT (2147483647)

static void
bind_statuses (sqlite3_stmt    *stmt,
               int              first,
               AlamaStatusMask  statuses)
{
  for (int i = 0; i < 3; i++)
    {
      if (statuses & (1 << i))
        sqlite3_bind_text (stmt, first + i, _alama_status_to_sql ((AlamaStatus) i), -1,
                           SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, first + i);
    }
}

int
alama_store_compare_spans (gconstpointer a,
                           gconstpointer b)
{
  const AlamaSpan *sa = *(AlamaSpan **) a;
  const AlamaSpan *sb = *(AlamaSpan **) b;
  gint64 start_a = alama_span_get_start (sa), start_b = alama_span_get_start (sb);
  gint64 end_a = alama_span_get_end (sa), end_b = alama_span_get_end (sb);

  /* The order of alama_store_list_spans(): start, longer first, then id. */
  if (start_a != start_b)
    return start_a < start_b ? -1 : 1;
  if (end_a != end_b)
    return end_a > end_b ? -1 : 1;
  return sa->id < sb->id ? -1 : (sa->id > sb->id);
}

void
alama_span_stamp_add (AlamaSpanStamp  *stamp,
                      const AlamaSpan *span)
{
  stamp->n_spans++;
  stamp->id_sum += (guint64) span->id;
  stamp->modified_sum += (guint64) (span->modified % STAMP_MODULUS);
  stamp->max_modified = MAX (stamp->max_modified, span->modified);
}

void
alama_span_stamp_remove (AlamaSpanStamp  *stamp,
                         const AlamaSpan *span)
{
  /* max_modified stays: it only says from when to look for changes. */
  stamp->n_spans--;
  stamp->id_sum -= (guint64) span->id;
  stamp->modified_sum -= (guint64) (span->modified % STAMP_MODULUS);
}

gboolean
alama_span_stamp_equal (const AlamaSpanStamp *a,
                        const AlamaSpanStamp *b)
{
  return a->n_spans == b->n_spans && a->id_sum == b->id_sum && a->modified_sum == b->modified_sum;
}

static gboolean
slot_has_key (const AlamaStampCacheEntry *slot,
              gboolean                    relations,
              gint64                      document_id,
              AlamaStatusMask             statuses)
{
  return slot->valid && !!slot->relations == !!relations && slot->document_id == document_id &&
         slot->statuses == statuses;
}

/* The kept entry for (table, document, statuses), or the one to replace: an
 * unused one, else the one used least recently. A lookup goes through all of
 * them: a fixed place per key made the view's statuses and the panel's (all)
 * share one entry, so each read pushed out the other's. */
static AlamaStampCacheEntry *
stamp_cache_slot (AlamaStore      *self,
                  gboolean         relations,
                  gint64           document_id,
                  AlamaStatusMask  statuses)
{
  AlamaStampCache *cache = _alama_store_get_stamp_cache (self);
  AlamaStampCacheEntry *victim = &cache->entries[0];

  for (guint i = 0; i < ALAMA_STAMP_CACHE_SIZE; i++)
    {
      AlamaStampCacheEntry *slot = &cache->entries[i];

      if (slot_has_key (slot, relations, document_id, statuses))
        return slot;
      if (!slot->valid ? victim->valid : (victim->valid && slot->last_used < victim->last_used))
        victim = slot;
    }
  return victim;
}

/* Both stamps are the same aggregate over their table; @sql names the table.
 * Outside a transaction the last one read is kept (alama-store-private.h):
 * inside one, a write could still be rolled back under the cached value. */
static gboolean
read_stamp (AlamaStore       *self,
            gboolean          relations,
            const char       *sql,
            const char       *what,
            gint64            document_id,
            AlamaStatusMask   statuses,
            AlamaSpanStamp   *out_stamp,
            GError          **error)
{
  sqlite3 *db = _alama_store_get_db (self);
  AlamaStampCacheEntry *slot = stamp_cache_slot (self, relations, document_id, statuses);
  gboolean cacheable = sqlite3_get_autocommit (db) != 0;
  sqlite3_int64 total_changes = sqlite3_total_changes64 (db);
  gint64 data_version = 0;
  g_autoptr(AlamaStmt) stmt = NULL;
  int rc;

  if (cacheable && !_alama_store_read_data_version (self, &data_version, error))
    return FALSE;
  if (cacheable && slot_has_key (slot, relations, document_id, statuses) &&
      slot->total_changes == total_changes && slot->data_version == data_version)
    {
      *out_stamp = slot->stamp;
      slot->last_used = ++_alama_store_get_stamp_cache (self)->clock;
      return TRUE;
    }

  stmt = _alama_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  bind_statuses (stmt, 2, statuses);
  sqlite3_bind_int64 (stmt, 5, STAMP_MODULUS);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _alama_store_set_sqlite_error (self, rc, what, error);
      return FALSE;
    }
  out_stamp->n_spans = (guint) sqlite3_column_int64 (stmt, 0);
  out_stamp->id_sum = (guint64) sqlite3_column_int64 (stmt, 1);
  out_stamp->modified_sum = (guint64) sqlite3_column_int64 (stmt, 2);
  out_stamp->max_modified = sqlite3_column_int64 (stmt, 3);

  if (cacheable)
    *slot = (AlamaStampCacheEntry) {
      .valid = TRUE, .relations = relations, .document_id = document_id,
      .statuses = statuses, .total_changes = total_changes,
      .data_version = data_version, .stamp = *out_stamp,
      .last_used = ++_alama_store_get_stamp_cache (self)->clock,
    };
  return TRUE;
}

/* ---- Following our own commits ------------------------------------------- */

static gboolean
row_in_slot (const AlamaStampCacheEntry *slot,
             AlamaRowKind                kind,
             const AlamaRowState        *state)
{
  return state->present && (kind == ALAMA_ROW_RELATION) == !!slot->relations &&
         state->document_id == slot->document_id && (slot->statuses & (1 << state->status)) != 0;
}

/* Takes the rows' old states out of @slot's stamp and puts their new ones in.
 * FALSE when the newest modification time is no longer known without reading:
 * a row that had it left, and nothing at least as new came. */
static gboolean
follow_rows (AlamaStampCacheEntry *slot,
             const GArray         *net)
{
  AlamaSpanStamp stamp = slot->stamp;
  gint64 removed_max = G_MININT64, added_max = G_MININT64;

  for (guint i = 0; i < net->len; i++)
    {
      const AlamaRowDelta *delta = &g_array_index (net, AlamaRowDelta, i);

      if (row_in_slot (slot, delta->kind, &delta->before))
        {
          stamp.n_spans--;
          stamp.id_sum -= (guint64) delta->id;
          stamp.modified_sum -= (guint64) (delta->before.modified % STAMP_MODULUS);
          removed_max = MAX (removed_max, delta->before.modified);
        }
      if (row_in_slot (slot, delta->kind, &delta->after))
        {
          stamp.n_spans++;
          stamp.id_sum += (guint64) delta->id;
          stamp.modified_sum += (guint64) (delta->after.modified % STAMP_MODULUS);
          added_max = MAX (added_max, delta->after.modified);
        }
    }

  if (removed_max >= slot->stamp.max_modified && added_max < removed_max)
    return FALSE;
  stamp.max_modified = MAX (slot->stamp.max_modified, added_max);
  slot->stamp = stamp;
  return TRUE;
}

void
_alama_store_stamps_follow_commit (AlamaStore    *self,
                                   const GArray  *net,
                                   sqlite3_int64  total_changes_at_start)
{
  AlamaStampCache *cache = _alama_store_get_stamp_cache (self);
  sqlite3_int64 total_changes = sqlite3_total_changes64 (_alama_store_get_db (self));

  for (guint i = 0; i < ALAMA_STAMP_CACHE_SIZE; i++)
    {
      AlamaStampCacheEntry *slot = &cache->entries[i];

      if (!slot->valid)
        continue;
      /* A slot read before another process's commit keeps its data_version:
       * the next read still finds it stale. */
      if (net == NULL || slot->total_changes != total_changes_at_start || !follow_rows (slot, net))
        {
          slot->valid = FALSE;
          continue;
        }
      slot->total_changes = total_changes;
    }
}

gboolean
alama_store_get_span_stamp (AlamaStore       *self,
                            gint64            document_id,
                            AlamaStatusMask   statuses,
                            AlamaSpanStamp   *out_stamp,
                            GError          **error)
{
  g_return_val_if_fail (ALAMA_IS_STORE (self), FALSE);
  g_return_val_if_fail (out_stamp != NULL, FALSE);

  return read_stamp (self, FALSE,
                     "SELECT count(*), coalesce(sum(id), 0), "
                     "coalesce(sum(modified % ?5), 0), coalesce(max(modified), 0) "
                     "FROM spans WHERE document_id = ?1 AND status IN (?2, ?3, ?4)",
                     "reading the annotations' stamp", document_id, statuses, out_stamp, error);
}

gboolean
alama_store_get_relation_stamp (AlamaStore       *self,
                                gint64            document_id,
                                AlamaStatusMask   statuses,
                                AlamaSpanStamp   *out_stamp,
                                GError          **error)
{
  g_return_val_if_fail (ALAMA_IS_STORE (self), FALSE);
  g_return_val_if_fail (out_stamp != NULL, FALSE);

  /* Index-only with relations_by_document_modified (migration 2). */
  return read_stamp (self, TRUE,
                     "SELECT count(*), coalesce(sum(id), 0), "
                     "coalesce(sum(modified % ?5), 0), coalesce(max(modified), 0) "
                     "FROM relations WHERE document_id = ?1 AND status IN (?2, ?3, ?4)",
                     "reading the relations' stamp", document_id, statuses, out_stamp, error);
}

guint
alama_store_count_document_spans (AlamaStore      *self,
                                  gint64           document_id,
                                  AlamaStatusMask  statuses)
{
  AlamaSpanStamp stamp = { 0, };

  g_return_val_if_fail (ALAMA_IS_STORE (self), 0);

  if (!alama_store_get_span_stamp (self, document_id, statuses, &stamp, NULL))
    return 0;
  return stamp.n_spans;
}

GPtrArray *
alama_store_list_spans_modified_since (AlamaStore       *self,
                                       gint64            document_id,
                                       gint64            since_us,
                                       AlamaStatusMask   statuses,
                                       GError          **error)
{
  g_autoptr(GPtrArray) spans = g_ptr_array_new_with_free_func ((GDestroyNotify) alama_span_unref);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ALAMA_IS_STORE (self), NULL);

  /* The ids first, then each row through the store's own loader: the cached
   * statement is reset before the loader prepares its own. */
  stmt = _alama_store_prepare (self,
                               "SELECT id FROM spans WHERE document_id = ?1 "
                               "AND status IN (?2, ?3, ?4) AND modified >= ?5",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  bind_statuses (stmt, 2, statuses);
  sqlite3_bind_int64 (stmt, 5, since_us);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  _alama_stmt_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _alama_store_set_sqlite_error (self, rc, "listing changed annotations", error);
      return NULL;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      AlamaSpan *span = _alama_store_load_span (self, g_array_index (ids, gint64, i), error);

      if (span == NULL)
        return NULL;
      g_ptr_array_add (spans, span);
    }

  g_ptr_array_sort (spans, alama_store_compare_spans);
  return g_steal_pointer (&spans);
}

/* Where @span goes in @spans, sorted by alama_store_compare_spans(). */
static guint
insertion_point (GPtrArray *spans,
                 AlamaSpan *span)
{
  guint lo = 0, hi = spans->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (alama_store_compare_spans (&spans->pdata[mid], &span) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static int
find_id (GPtrArray *spans,
         gint64     id)
{
  for (guint i = 0; i < spans->len; i++)
    if (((AlamaSpan *) g_ptr_array_index (spans, i))->id == id)
      return (int) i;
  return -1;
}

typedef struct
{
  gint64 id;
  gint64 modified;
} RowTime;

/* The (id, modified) of the spans modified since @since_us: index-only with the
 * spans_by_document_modified index (migration 2), and no row is loaded yet. */
static GArray *
list_row_times_since (AlamaStore       *self,
                      gint64            document_id,
                      gint64            since_us,
                      AlamaStatusMask   statuses,
                      GError          **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (RowTime));
  sqlite3_stmt *stmt;
  int rc;

  stmt = _alama_store_prepare (self,
                               "SELECT id, modified FROM spans WHERE document_id = ?1 "
                               "AND status IN (?2, ?3, ?4) AND modified >= ?5",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  bind_statuses (stmt, 2, statuses);
  sqlite3_bind_int64 (stmt, 5, since_us);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RowTime row = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };
      g_array_append_val (rows, row);
    }
  _alama_stmt_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _alama_store_set_sqlite_error (self, rc, "listing changed annotations", error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* The client's span with @id, or NULL. A handful of rows are looked up by a
 * walk; more (the slack window right after an import covers every imported
 * row) through a table of the client's spans by id, made once. */
static AlamaSpan *
lookup_client_span (GPtrArray   *spans,
                    GHashTable **by_id,
                    guint        n_lookups,
                    gint64       id)
{
  int i;

  if (n_lookups <= 8)
    {
      i = find_id (spans, id);
      return i >= 0 ? g_ptr_array_index (spans, i) : NULL;
    }
  if (*by_id == NULL)
    {
      *by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
      for (guint k = 0; k < spans->len; k++)
        {
          AlamaSpan *span = g_ptr_array_index (spans, k);
          g_hash_table_insert (*by_id, &span->id, span);
        }
    }
  return g_hash_table_lookup (*by_id, &id);
}

/* Reads the spans modified since @since_us that the client does not have in
 * that version (same id and modified time: every write moves a row's time, so
 * such a row was seen already), and checks that they turn @stamp into @now.
 * Sets *@changed (sorted) when they do, leaves it NULL when they do not.
 * FALSE only on a read error. */
static gboolean
read_changes_since (AlamaStore            *self,
                    gint64                 document_id,
                    AlamaStatusMask        statuses,
                    GPtrArray             *spans,
                    const AlamaSpanStamp  *stamp,
                    const AlamaSpanStamp  *now,
                    gint64                 since_us,
                    GPtrArray            **changed,
                    GError               **error)
{
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GPtrArray) loaded = g_ptr_array_new_with_free_func ((GDestroyNotify) alama_span_unref);
  g_autoptr(GHashTable) by_id = NULL;
  AlamaSpanStamp expected = *stamp;

  *changed = NULL;
  rows = list_row_times_since (self, document_id, since_us, statuses, error);
  if (rows == NULL)
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      RowTime *row = &g_array_index (rows, RowTime, i);
      AlamaSpan *old = lookup_client_span (spans, &by_id, rows->len, row->id);
      AlamaSpan *span;

      if (old != NULL && old->modified == row->modified)
        continue;
      span = _alama_store_load_span (self, row->id, error);
      if (span == NULL)
        return FALSE;
      if (old != NULL)
        alama_span_stamp_remove (&expected, old);
      alama_span_stamp_add (&expected, span);
      g_ptr_array_add (loaded, span);
    }

  if (alama_span_stamp_equal (&expected, now))
    {
      g_ptr_array_sort (loaded, alama_store_compare_spans);
      *changed = g_steal_pointer (&loaded);
    }
  return TRUE;
}

gboolean
alama_store_sync_spans (AlamaStore          *self,
                        gint64               document_id,
                        AlamaStatusMask      statuses,
                        GPtrArray           *spans,
                        AlamaSpanStamp      *stamp,
                        AlamaSpanSyncFunc    func,
                        gpointer             user_data,
                        GError             **error)
{
  g_autoptr(GPtrArray) changed = NULL;
  AlamaSpanStamp now = { 0, };

  g_return_val_if_fail (ALAMA_IS_STORE (self), FALSE);
  g_return_val_if_fail (spans != NULL && stamp != NULL, FALSE);

  if (!alama_store_get_span_stamp (self, document_id, statuses, &now, error))
    return FALSE;
  if (alama_span_stamp_equal (&now, stamp) && now.max_modified == stamp->max_modified)
    return TRUE;

  /* First only what is newer than anything seen: after our own edit, the one
   * new row. Then, if that does not explain the stamp, a second of slack: a row
   * written by another connection can carry a time a little older than one we
   * already saw. (Slack alone made the first edit after an import read back
   * every imported row, all written within that second: 270 ms for 10,000.) */
  if (!read_changes_since (self, document_id, statuses, spans, stamp, &now,
                           stamp->max_modified + 1, &changed, error))
    return FALSE;
  if (changed == NULL &&
      !read_changes_since (self, document_id, statuses, spans, stamp, &now,
                           stamp->max_modified - G_USEC_PER_SEC, &changed, error))
    return FALSE;
  if (changed == NULL)
    return FALSE;

  /* Checked before touching anything, so a caller that must reload saw no half update. */
  for (guint i = 0; i < changed->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (changed, i);
      int old = find_id (spans, span->id);
      guint position;

      if (old >= 0)
        {
          g_ptr_array_remove_index (spans, old);
          if (func != NULL)
            func ((guint) old, NULL, user_data);
        }
      position = insertion_point (spans, span);
      g_ptr_array_insert (spans, position, alama_span_ref (span));
      if (func != NULL)
        func (position, span, user_data);
    }

  *stamp = now;
  return TRUE;
}
