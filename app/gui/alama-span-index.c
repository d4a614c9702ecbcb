/* alama-span-index.c: interval lookup and nesting levels for the doc view. */
#define G_LOG_DOMAIN "alama-span-index"

#include "config.h"

#include "alama-span-index.h"

struct _AlamaSpanIndex
{
  GPtrArray *spans;      /* of AlamaSpan*, owned */
  GArray    *levels;     /* of guint, per span */
  guint      max_level;
  GArray    *fragments;  /* of AlamaIndexedFragment, sorted by start */
  GArray    *max_end;    /* of gint64: max end over fragments[0..i] */
  GHashTable *by_id;     /* span id -> index + 1 */
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
 * fragment, so a discontinuous span keeps one depth. */
static void
compute_levels (AlamaSpanIndex *self)
{
  g_autoptr(GArray) open = g_array_new (FALSE, FALSE, sizeof (guint)); /* span indexes */
  g_autoptr(GArray) taken = g_array_new (FALSE, TRUE, sizeof (gboolean));

  g_array_set_size (self->levels, self->spans->len);
  for (guint i = 0; i < self->levels->len; i++)
    g_array_index (self->levels, guint, i) = G_MAXUINT;

  for (guint f = 0; f < self->fragments->len; f++)
    {
      const AlamaIndexedFragment *frag = &g_array_index (self->fragments, AlamaIndexedFragment, f);
      guint level = 0;

      /* Close the spans that ended before this fragment. */
      for (guint j = open->len; j > 0; j--)
        {
          AlamaSpan *s = g_ptr_array_index (self->spans, g_array_index (open, guint, j - 1));
          if (alama_span_get_end (s) <= frag->start)
            g_array_remove_index_fast (open, j - 1);
        }

      if (g_array_index (self->levels, guint, frag->span_index) != G_MAXUINT)
        continue;

      g_array_set_size (taken, 0);
      g_array_set_size (taken, open->len + 1);
      for (guint j = 0; j < open->len; j++)
        {
          guint l = g_array_index (self->levels, guint, g_array_index (open, guint, j));
          if (l < taken->len)
            g_array_index (taken, gboolean, l) = TRUE;
        }
      while (g_array_index (taken, gboolean, level))
        level++;

      g_array_index (self->levels, guint, frag->span_index) = level;
      self->max_level = MAX (self->max_level, level);
      g_array_append_val (open, frag->span_index);
    }
}

AlamaSpanIndex *
alama_span_index_new (GPtrArray *spans)
{
  AlamaSpanIndex *self = g_new0 (AlamaSpanIndex, 1);
  gint64 running = G_MININT64;

  self->spans = g_ptr_array_new_with_free_func ((GDestroyNotify) alama_span_unref);
  self->levels = g_array_new (FALSE, TRUE, sizeof (guint));
  self->fragments = g_array_new (FALSE, FALSE, sizeof (AlamaIndexedFragment));
  self->max_end = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->by_id = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; spans != NULL && i < spans->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (spans, i);

      g_ptr_array_add (self->spans, alama_span_ref (span));
      g_hash_table_insert (self->by_id, &span->id, GUINT_TO_POINTER (i + 1));
      for (guint f = 0; f < alama_span_get_n_fragments (span); f++)
        {
          const AlamaFragment *frag = alama_span_get_fragment (span, f);
          AlamaIndexedFragment entry = { frag->start, frag->end, i, f };
          g_array_append_val (self->fragments, entry);
        }
    }

  g_array_sort (self->fragments, compare_fragments);
  g_array_set_size (self->max_end, self->fragments->len);
  for (guint f = 0; f < self->fragments->len; f++)
    {
      running = MAX (running, g_array_index (self->fragments, AlamaIndexedFragment, f).end);
      g_array_index (self->max_end, gint64, f) = running;
    }

  compute_levels (self);
  return self;
}

void
alama_span_index_free (AlamaSpanIndex *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->by_id);
  g_ptr_array_unref (self->spans);
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

int
alama_span_index_find_id (AlamaSpanIndex *self,
                          gint64          id)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (self->by_id, &id)) - 1;
}

guint
alama_span_index_get_level (AlamaSpanIndex *self,
                            guint           i)
{
  g_return_val_if_fail (i < self->levels->len, 0);
  return g_array_index (self->levels, guint, i);
}

guint
alama_span_index_get_max_level (AlamaSpanIndex *self)
{
  return self->max_level;
}

GArray *
alama_span_index_query (AlamaSpanIndex *self,
                        gint64          start,
                        gint64          end)
{
  GArray *result = g_array_new (FALSE, FALSE, sizeof (AlamaIndexedFragment));
  guint lo = 0, hi = self->max_end->len;

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
