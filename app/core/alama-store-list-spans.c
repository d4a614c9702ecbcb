/* alama-store-list-spans.c: alama_store_list_spans(), a document's spans
 * whole and in alama_span_compare() order, read in two queries (the rows, then
 * every fragment of the document in order of start) rather than a fragment
 * query per span.
 */
#define G_LOG_DOMAIN "alama-store"

#include "config.h"

#include <stdlib.h>

#include "alama-store-object-private.h"
#include "alama-store-rows-private.h"

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const AlamaSpan *sa = *(AlamaSpan **) a;
  const AlamaSpan *sb = *(AlamaSpan **) b;
  gint64 start_a = alama_span_get_start (sa), start_b = alama_span_get_start (sb);
  gint64 end_a = alama_span_get_end (sa), end_b = alama_span_get_end (sb);

  if (start_a != start_b)
    return start_a < start_b ? -1 : 1;
  if (end_a != end_b)
    return end_a > end_b ? -1 : 1;     /* longer first */
  return sa->id < sb->id ? -1 : (sa->id > sb->id);
}

static int
compare_span_ids (gconstpointer a,
                  gconstpointer b)
{
  const AlamaSpan *sa = *(AlamaSpan **) a;
  const AlamaSpan *sb = *(AlamaSpan **) b;

  return sa->id < sb->id ? -1 : (sa->id > sb->id);
}

/* The span of @rows (sorted by id) with @id, or NULL. Fragments come in the
 * order of their starts, which in most documents is the order of their spans'
 * ids too: the row after the last one found (*@next) is tried first. */
static AlamaSpan *
find_row (GPtrArray *rows,
          gint64     id,
          guint     *next)
{
  AlamaSpan key = { .id = id }, *key_row = &key;
  gpointer *found;

  if (*next < rows->len && ((AlamaSpan *) rows->pdata[*next])->id == id)
    return rows->pdata[(*next)++];
  if (rows->len == 0)
    return NULL;
  found = bsearch (&key_row, rows->pdata, rows->len, sizeof (gpointer), compare_span_ids);
  if (found == NULL)
    return NULL;
  *next = found - rows->pdata + 1;
  return *found;
}

/* Puts fragments with the same start in the order of their ends, as
 * alama_span_add_fragment() would have from rows sorted by (start, end). */
static void
order_equal_starts (AlamaSpan *span)
{
  AlamaFragment *f = (AlamaFragment *) span->fragments->data;

  for (guint i = 1; i < span->fragments->len; i++)
    for (guint j = i; j > 0 && f[j - 1].start == f[j].start && f[j - 1].end > f[j].end; j--)
      {
        AlamaFragment swap = f[j - 1];

        f[j - 1] = f[j];
        f[j] = swap;
      }
}

GPtrArray *
alama_store_list_spans (AlamaStore       *self,
                        gint64            document_id,
                        AlamaStatusMask   statuses,
                        GError          **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) spans = NULL;
  gboolean by_id = TRUE;
  guint next = 0;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ALAMA_IS_STORE (self), NULL);

  stmt = _alama_store_prepare (self, "SELECT " ALAMA_STORE_SPAN_COLUMNS " FROM spans "
                                     "WHERE document_id = ?1 AND status IN (?2, ?3, ?4)", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  _alama_store_bind_status_mask (stmt, statuses);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AlamaSpan *span = _alama_store_span_from_row (stmt);

      if (rows->len > 0 && ((AlamaSpan *) rows->pdata[rows->len - 1])->id > span->id)
        by_id = FALSE;
      g_ptr_array_add (rows, span);
    }
  _alama_stmt_reset (stmt);
  /* In the index's order (status, then time of change): mostly by id already. */
  if (!by_id)
    g_ptr_array_sort (rows, compare_span_ids);
  spans = g_ptr_array_new_full (rows->len, (GDestroyNotify) alama_span_unref);
  if (rc != SQLITE_DONE)
    {
      g_ptr_array_extend_and_steal (spans, g_steal_pointer (&rows));
      _alama_store_set_sqlite_error (self, rc, "listing spans", error);
      return NULL;
    }

  /* All fragments of the document in one query, in the order of the
   * document's index on (document_id, start), which needs no sorting: each
   * span is listed when its first fragment comes, so the spans come out
   * sorted by start already. */
  stmt = _alama_store_prepare (self, "SELECT span_id, start, \"end\" FROM span_fragments "
                                     "WHERE document_id = ? ORDER BY start", error);
  if (stmt == NULL)
    rc = SQLITE_ERROR;
  else
    {
      sqlite3_bind_int64 (stmt, 1, document_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 span_id = sqlite3_column_int64 (stmt, 0);
          AlamaSpan *span = find_row (rows, span_id, &next);
          AlamaFragment fragment = { sqlite3_column_int64 (stmt, 1),
                                     sqlite3_column_int64 (stmt, 2) };

          if (span == NULL)
            continue;
          if (span->fragments->len == 0)
            g_ptr_array_add (spans, span);
          /* In order of start: appending keeps a span's fragments sorted. */
          g_array_append_val (span->fragments, fragment);
        }
      _alama_stmt_reset (stmt);
    }
  if (rc != SQLITE_DONE)
    {
      /* Each row once: those with fragments are in @spans already. */
      for (guint i = 0; i < rows->len; i++)
        if (((AlamaSpan *) rows->pdata[i])->fragments->len == 0)
          g_ptr_array_add (spans, rows->pdata[i]);
      if (stmt != NULL)
        _alama_store_set_sqlite_error (self, rc, "listing spans", error);
      return NULL;
    }

  for (guint i = 0; i < spans->len; i++)
    if (((AlamaSpan *) spans->pdata[i])->fragments->len > 1)
      order_equal_starts (spans->pdata[i]);

  if (spans->len < rows->len)
    {
      /* Rows without fragments (only a damaged file has them): listed too. */
      for (guint i = 0; i < rows->len; i++)
        if (((AlamaSpan *) rows->pdata[i])->fragments->len == 0)
          g_ptr_array_add (spans, rows->pdata[i]);
      g_ptr_array_sort (spans, compare_spans);
      return g_steal_pointer (&spans);
    }

  /* Sorted by start: what is left is the order among spans that start
   * together (the longer first, then by id). */
  for (guint i = 0; i < spans->len;)
    {
      gint64 start = alama_span_get_start (spans->pdata[i]);
      guint j = i + 1;

      while (j < spans->len && alama_span_get_start (spans->pdata[j]) == start)
        j++;
      if (j - i > 1)
        qsort (&spans->pdata[i], j - i, sizeof (gpointer), compare_spans);
      i = j;
    }
  return g_steal_pointer (&spans);
}
