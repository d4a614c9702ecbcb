/* alama-tagger-threshold.c: leaving out weak suggestions before they are
 * stored (see the header). */
#define G_LOG_DOMAIN "alama-tagger"

#include "config.h"

#include <alama/alama-span-filter.h>
#include <alama/alama-tagger-threshold.h>

#include "alama-tagger-private.h"

typedef struct
{
  AlamaTagger     *inner;
  AlamaSpanFilter  filter;
} Threshold;

static void
threshold_free (gpointer data)
{
  Threshold *threshold = data;

  alama_tagger_free (threshold->inner);
  g_free (threshold);
}

static AlamaTaggerProposals *
threshold_propose (const AlamaTaggerInput *input,
                   gpointer                data)
{
  Threshold *threshold = data;
  g_autoptr(AlamaTaggerProposals) proposals = alama_tagger_propose (threshold->inner, input);
  g_autoptr(GArray) kept_at = NULL;   /* of guint: where each span went, G_MAXUINT = left out */
  AlamaTaggerProposals *kept;

  if (proposals == NULL)
    return NULL;

  kept = alama_tagger_proposals_new ();
  kept_at = g_array_sized_new (FALSE, FALSE, sizeof (guint), proposals->spans->len);
  for (guint i = 0; i < proposals->spans->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (proposals->spans, i);
      /* A span the document has already is listed for its relations only. */
      guint at = span->id != 0 || alama_span_filter_shows (&threshold->filter, span)
                 ? alama_tagger_proposals_add_span (kept, alama_span_ref (span))
                 : G_MAXUINT;

      g_array_append_val (kept_at, at);
    }
  for (guint i = 0; i < proposals->relations->len; i++)
    {
      const AlamaTaggerRelation *rel = &g_array_index (proposals->relations, AlamaTaggerRelation, i);
      guint from = g_array_index (kept_at, guint, rel->from);
      guint to = g_array_index (kept_at, guint, rel->to);

      if (from != G_MAXUINT && to != G_MAXUINT)
        alama_tagger_proposals_add_relation (kept, rel->type, from, to);
    }
  return kept;
}

AlamaTagger *
alama_tagger_new_min_confidence (AlamaTagger *inner,
                                 double       min_confidence)
{
  Threshold *threshold;

  g_return_val_if_fail (inner != NULL, NULL);

  threshold = g_new0 (Threshold, 1);
  threshold->inner = inner;
  threshold->filter.statuses = ALAMA_STATUS_MASK_ALL;
  threshold->filter.min_confidence = min_confidence;
  return _alama_tagger_new (alama_tagger_get_name (inner), threshold_propose, threshold,
                            threshold_free);
}
