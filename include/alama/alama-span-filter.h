/* alama-span-filter.h: which of a document's spans a view shows.
 *
 * A view shows the spans whose status is among its statuses, except a
 * suggestion a model was not sure enough of: a pending span, not made by
 * hand, whose confidence (alama_span_get_confidence()) is known and below
 * min_confidence. Accepted and rejected spans, hand-made ones and suggestions
 * without a confidence are never left out for their confidence. The text
 * view, its review walk and its relations all ask this one predicate. */
#pragma once

#include "alama-types.h"
#include "alama-document-model.h"
#include "alama-span-index.h"
#include "alama-store.h"

G_BEGIN_DECLS

typedef struct
{
  AlamaStatusMask statuses;        /* the statuses shown */
  double          min_confidence;  /* 0 shows every suggestion */
} AlamaSpanFilter;

gboolean        alama_span_filter_shows      (const AlamaSpanFilter *filter,
                                              const AlamaSpan       *span);
gboolean        alama_span_filter_equal      (const AlamaSpanFilter *a,
                                              const AlamaSpanFilter *b);
/* Whether @filter leaves out any of @model's spans [@from, @from + @n). */
gboolean        alama_span_filter_hides_any  (const AlamaSpanFilter *filter,
                                              AlamaDocumentModel    *model,
                                              guint                  from,
                                              guint                  n);
/* A new index of the spans of @model that @filter shows. */
AlamaSpanIndex *alama_span_filter_new_index  (const AlamaSpanFilter *filter,
                                              AlamaDocumentModel    *model);
/* The suggestions of document @document_id still to review that a view with @filter shows: pending spans from @source (NULL:
 * any) it does not leave out, and pending relations from @source whose ends
 * it shows. alama_store_count_suggestions() when nothing is left out for its
 * confidence; else the document's pending rows are read. */
guint           alama_span_filter_count_suggestions (const AlamaSpanFilter *filter,
                                                     AlamaStore            *store,
                                                     gint64                 document_id,
                                                     const char            *source);

G_END_DECLS
