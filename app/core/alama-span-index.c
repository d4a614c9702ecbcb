/* alama-span-index.c: interval lookup and nesting levels for the doc view. */
#define G_LOG_DOMAIN "alama-span-index"

#include "config.h"

#include <string.h>

#include "alama/alama-span-index.h"

struct _AlamaSpanIndex
{
  GPtrArray *spans;      /* of AlamaSpan*, owned */
  GArray    *span_ends;  /* of gint64, per span: its end, read by every sweep */
  GArray    *levels;     /* of guint, per span */
  guint      max_level;
  GArray    *fragments;  /* of AlamaIndexedFragment, sorted by start */
  GArray    *max_end;    /* of gint64: max end over fragments[0..i] */
  /* span id -> position + 1, possibly stale: an insert or a removal does not
   * renumber the spans after it (that was a pass over every span per
   * annotation); each shifts positions by one, so a span is at most `drift`
   * away from where the table says, and find_id() looks that far. */
  GHashTable *by_id;
  guint      drift;
  gboolean   stale;      /* max_end and levels wait for the next reader */
};

static int
compare_fragments (gconstpointer a,
                   gconstpointer b)
{
  const AlamaIndexedFragment *fa = a, *fb = b;

  if (fa->start != fb->start)
    return fa->start < fb->start ? -1 : 1;
  /* Longer first, so an outer span comes before the ones nested in it. */
  if (fa->end != fb->end)
    return fa->end > fb->end ? -1 : 1;
  return (int) fa->span_index - (int) fb->span_index;
}

/* Levels: sweep the fragments in order; each span takes the lowest level that no
 * span still open at its start holds. A span's level comes from its first
 * fragment, so a discontinuous span keeps one depth.
 *
 * This runs again after every change (a key press that adds a span), over all
 * 10,000 fragments of a large document: the span ends are read once, the open
 * spans kept in a plain array, and the levels taken by them marked in a bit
 * mask (a wider array only when 64 or more spans are open). */
static void
compute_levels (AlamaSpanIndex *self)
{
  guint n_spans = self->spans->len;
  const gint64 *span_end = (const gint64 *) (gpointer) self->span_ends->data;
  g_autofree guint *open = g_new (guint, n_spans + 1);   /* span indexes */
  g_autofree gboolean *taken = NULL;                      /* when open_len >= 64 */
  guint *levels;
  guint open_len = 0;

  g_array_set_size (self->levels, n_spans);
  levels = (guint *) (gpointer) self->levels->data;
  for (guint i = 0; i < n_spans; i++)
    levels[i] = G_MAXUINT;

  for (guint f = 0; f < self->fragments->len; f++)
    {
      const AlamaIndexedFragment *frag = &g_array_index (self->fragments, AlamaIndexedFragment, f);
      guint level = 0;

      /* Close the spans that ended before this fragment. */
      for (guint j = open_len; j > 0; j--)
        if (span_end[open[j - 1]] <= frag->start)
          open[j - 1] = open[--open_len];

      if (levels[frag->span_index] != G_MAXUINT)
        continue;

      if (open_len < 64)
        {
          guint64 mask = 0;

          for (guint j = 0; j < open_len; j++)
            if (levels[open[j]] < 64)
              mask |= G_GUINT64_CONSTANT (1) << levels[open[j]];
          while (level < 64 && (mask & (G_GUINT64_CONSTANT (1) << level)) != 0)
            level++;
        }
      else
        {
          taken = g_renew (gboolean, taken, open_len + 1);
          memset (taken, 0, (open_len + 1) * sizeof (gboolean));
          for (guint j = 0; j < open_len; j++)
            if (levels[open[j]] <= open_len)
              taken[levels[open[j]]] = TRUE;
          while (taken[level])
            level++;
        }

      levels[frag->span_index] = level;
      self->max_level = MAX (self->max_level, level);
      open[open_len++] = frag->span_index;
    }
}

AlamaSpanIndex *
alama_span_index_new (GPtrArray *spans)
{
  AlamaSpanIndex *self = g_new0 (AlamaSpanIndex, 1);
  guint n = spans != NULL ? spans->len : 0;
  gboolean sorted = TRUE;

  self->spans = g_ptr_array_new_full (n, (GDestroyNotify) alama_span_unref);
  self->span_ends = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
  self->levels = g_array_sized_new (FALSE, TRUE, sizeof (guint), n);
  self->fragments = g_array_sized_new (FALSE, FALSE, sizeof (AlamaIndexedFragment), n);
  self->max_end = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
  self->by_id = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; spans != NULL && i < spans->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (spans, i);
      gint64 end = alama_span_get_end (span);

      g_ptr_array_add (self->spans, alama_span_ref (span));
      g_array_append_val (self->span_ends, end);
      g_hash_table_insert (self->by_id, &span->id, GUINT_TO_POINTER (i + 1));
      for (guint f = 0; f < alama_span_get_n_fragments (span); f++)
        {
          const AlamaFragment *frag = alama_span_get_fragment (span, f);
          AlamaIndexedFragment entry = { frag->start, frag->end, i, f };

          if (sorted && self->fragments->len > 0)
            sorted = compare_fragments (&g_array_index (self->fragments, AlamaIndexedFragment,
                                                        self->fragments->len - 1),
                                        &entry) < 0;
          g_array_append_val (self->fragments, entry);
        }
    }

  /* Spans come in alama_span_compare() order, so their fragments are in
   * order too unless a span has pieces further on. */
  if (!sorted)
    g_array_sort (self->fragments, compare_fragments);
  self->stale = TRUE;
  return self;
}

/* What follows from the sorted fragments: the running maximum of their ends
 * and the levels. A sweep without the sort (a fraction of a whole rebuild), so
 * an insert or a removal only marks them stale. */
static void
ensure_derived (AlamaSpanIndex *self)
{
  gint64 running = G_MININT64;

  if (!self->stale)
    return;
  g_array_set_size (self->max_end, self->fragments->len);
  for (guint f = 0; f < self->fragments->len; f++)
    {
      running = MAX (running, g_array_index (self->fragments, AlamaIndexedFragment, f).end);
      g_array_index (self->max_end, gint64, f) = running;
    }
  self->max_level = 0;
  compute_levels (self);
  self->stale = FALSE;
}

/* Span indexes at or after @from move by @delta (+1 or -1) in the fragments,
 * so that they stay positions in self->spans. */
static void
shift_span_indexes (AlamaSpanIndex *self,
                    guint           from,
                    int             delta)
{
  for (guint f = 0; f < self->fragments->len; f++)
    {
      AlamaIndexedFragment *frag = &g_array_index (self->fragments, AlamaIndexedFragment, f);
      if (frag->span_index >= from)
        frag->span_index += delta;
    }
}

/* Past this many unrenumbered shifts the table is renumbered in one pass,
 * which keeps find_id()'s search short. */
#define MAX_DRIFT 32

static void
renumber_ids (AlamaSpanIndex *self)
{
  for (guint i = 0; i < self->spans->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (self->spans, i);

      g_hash_table_insert (self->by_id, &span->id, GUINT_TO_POINTER (i + 1));
    }
  self->drift = 0;
}

static void
note_shift (AlamaSpanIndex *self)
{
  if (++self->drift > MAX_DRIFT)
    renumber_ids (self);
}

void
alama_span_index_insert (AlamaSpanIndex *self,
                         guint           position,
                         AlamaSpan      *span)
{
  gint64 end;

  g_return_if_fail (self != NULL && span != NULL);
  g_return_if_fail (position <= self->spans->len);

  end = alama_span_get_end (span);
  shift_span_indexes (self, position, +1);
  g_ptr_array_insert (self->spans, position, alama_span_ref (span));
  g_array_insert_val (self->span_ends, position, end);
  g_hash_table_replace (self->by_id, &span->id, GUINT_TO_POINTER (position + 1));
  note_shift (self);

  for (guint f = 0; f < alama_span_get_n_fragments (span); f++)
    {
      const AlamaFragment *frag = alama_span_get_fragment (span, f);
      AlamaIndexedFragment entry = { frag->start, frag->end, position, f };
      guint lo = 0, hi = self->fragments->len;

      /* Where a full sort would put it: the same order, ties included. */
      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;
          if (compare_fragments (&g_array_index (self->fragments, AlamaIndexedFragment, mid), &entry) < 0)
            lo = mid + 1;
          else
            hi = mid;
        }
      g_array_insert_val (self->fragments, lo, entry);
    }
  g_array_set_size (self->levels, self->spans->len);
  self->stale = TRUE;
}

void
alama_span_index_remove (AlamaSpanIndex *self,
                         guint           position)
{
  AlamaSpan *span;

  g_return_if_fail (self != NULL);
  g_return_if_fail (position < self->spans->len);

  span = g_ptr_array_index (self->spans, position);
  for (guint f = self->fragments->len; f > 0; f--)
    if (g_array_index (self->fragments, AlamaIndexedFragment, f - 1).span_index == position)
      g_array_remove_index (self->fragments, f - 1);
  /* The key points into the span: out of the table before the unref. */
  g_hash_table_remove (self->by_id, &span->id);
  g_ptr_array_remove_index (self->spans, position);
  g_array_remove_index (self->span_ends, position);
  shift_span_indexes (self, position + 1, -1);
  note_shift (self);
  g_array_set_size (self->levels, self->spans->len);
  self->stale = TRUE;
}

void
alama_span_index_free (AlamaSpanIndex *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->by_id);
  g_ptr_array_unref (self->spans);
  g_array_unref (self->span_ends);
  g_array_unref (self->levels);
  g_array_unref (self->fragments);
  g_array_unref (self->max_end);
  g_free (self);
}

guint
alama_span_index_get_n_spans (AlamaSpanIndex *self)
{
  return self->spans->len;
}

AlamaSpan *
alama_span_index_get_span (AlamaSpanIndex *self,
                           guint           i)
{
  g_return_val_if_fail (i < self->spans->len, NULL);
  return g_ptr_array_index (self->spans, i);
}

static gboolean
has_id_at (AlamaSpanIndex *self,
           gint64          position,
           gint64          id)
{
  return position >= 0 && position < self->spans->len &&
         ((AlamaSpan *) g_ptr_array_index (self->spans, position))->id == id;
}

int
alama_span_index_find_id (AlamaSpanIndex *self,
                          gint64          id)
{
  gpointer key, value;
  gint64 recorded;

  if (!g_hash_table_lookup_extended (self->by_id, &id, &key, &value))
    return -1;
  recorded = (gint64) GPOINTER_TO_UINT (value) - 1;
  if (has_id_at (self, recorded, id))
    return (int) recorded;
  for (gint64 d = 1; d <= self->drift; d++)
    {
      gint64 found = has_id_at (self, recorded + d, id) ? recorded + d
                   : has_id_at (self, recorded - d, id) ? recorded - d : -1;

      if (found >= 0)
        {
          /* The next lookup of this span is direct. */
          g_hash_table_insert (self->by_id, key, GUINT_TO_POINTER ((guint) found + 1));
          return (int) found;
        }
    }
  g_return_val_if_reached (-1);
}

guint
alama_span_index_get_level (AlamaSpanIndex *self,
                            guint           i)
{
  ensure_derived (self);
  g_return_val_if_fail (i < self->levels->len, 0);
  return g_array_index (self->levels, guint, i);
}

guint
alama_span_index_get_max_level (AlamaSpanIndex *self)
{
  ensure_derived (self);
  return self->max_level;
}

GArray *
alama_span_index_query (AlamaSpanIndex *self,
                        gint64          start,
                        gint64          end)
{
  GArray *result = g_array_new (FALSE, FALSE, sizeof (AlamaIndexedFragment));
  guint lo, hi;

  ensure_derived (self);
  lo = 0;
  hi = self->max_end->len;
  /* First fragment whose running max end passes @start: nothing before it can
   * reach into the range. */
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (g_array_index (self->max_end, gint64, mid) <= start)
        lo = mid + 1;
      else
        hi = mid;
    }

  for (guint f = lo; f < self->fragments->len; f++)
    {
      const AlamaIndexedFragment *frag = &g_array_index (self->fragments, AlamaIndexedFragment, f);

      if (frag->start >= end)
        break;
      if (frag->end > start)
        g_array_append_val (result, *frag);
    }
  return result;
}

int
alama_span_index_span_at (AlamaSpanIndex *self,
                          gint64          offset)
{
  g_autoptr(GArray) hits = alama_span_index_query (self, offset, offset + 1);
  int best = -1;
  gint64 best_len = G_MAXINT64;

  for (guint i = 0; i < hits->len; i++)
    {
      const AlamaIndexedFragment *frag = &g_array_index (hits, AlamaIndexedFragment, i);
      AlamaSpan *span = g_ptr_array_index (self->spans, frag->span_index);
      gint64 len = alama_span_get_end (span) - alama_span_get_start (span);

      if (len < best_len)
        {
          best = frag->span_index;
          best_len = len;
        }
    }
  return best;
}
