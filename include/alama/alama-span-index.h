/* alama-span-index.h: the spans of one document, ready for painting.
 *
 * Fragments sorted by start with a running maximum of their ends, so the ones
 * that intersect the visible range are found by binary search instead of a walk
 * over all 10,000 annotations; and a nesting level per span, so nested and
 * overlapping spans get underlines at different depths.
 */
#pragma once

#include <alama/alama-span.h>

G_BEGIN_DECLS

typedef struct
{
  gint64  start;      /* stored code points, end-exclusive */
  gint64  end;
  guint   span_index; /* into alama_span_index_get_span() */
  guint   fragment;   /* which fragment of its span */
} AlamaIndexedFragment;

typedef struct _AlamaSpanIndex AlamaSpanIndex;

/* Takes a reference on each span of @spans (AlamaSpan*). */
AlamaSpanIndex *alama_span_index_new          (GPtrArray      *spans);
void            alama_span_index_free         (AlamaSpanIndex *self);

/* Keep the index in step with a span list that gained @span at @position or
 * lost the span at @position (what alama_store_sync_spans() reports): the same
 * index a rebuild from the updated list gives, without sorting 10,000
 * fragments again. Indexes of the spans after @position move by one. */
void            alama_span_index_insert       (AlamaSpanIndex *self,
                                               guint           position,
                                               AlamaSpan      *span);
void            alama_span_index_remove       (AlamaSpanIndex *self,
                                               guint           position);

guint           alama_span_index_get_n_spans  (AlamaSpanIndex *self);
AlamaSpan      *alama_span_index_get_span     (AlamaSpanIndex *self,
                                               guint           i);
/* Index of the span with @id, or -1. */
int             alama_span_index_find_id      (AlamaSpanIndex *self,
                                               gint64          id);
/* 0 for a span nothing overlaps from outside; 1 for one inside or overlapping a
 * level-0 span, and so on (the lowest level free among the spans it overlaps). */
guint           alama_span_index_get_level    (AlamaSpanIndex *self,
                                               guint           i);
guint           alama_span_index_get_max_level (AlamaSpanIndex *self);

/* Fragments that intersect [start, end), in order of start. Array of
 * AlamaIndexedFragment (new). */
GArray         *alama_span_index_query        (AlamaSpanIndex *self,
                                               gint64          start,
                                               gint64          end);
/* The innermost (shortest) span covering stored offset @offset, or -1. */
int             alama_span_index_span_at      (AlamaSpanIndex *self,
                                               gint64          offset);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlamaSpanIndex, alama_span_index_free)

G_END_DECLS
