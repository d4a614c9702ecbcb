/* alama-stats.h: counts over a project, for `alama stats` and the dashboard. */
#pragma once

#include <json-glib/json-glib.h>

#include "alama-store.h"

G_BEGIN_DECLS

/* The whole project's numbers as a JSON object:
 * { "documents": N, "documents_with_annotations": N, "spans": N, "relations": N,
 *   "spans_by_label": { "PER": {"accepted": n, "pending": n, "rejected": n}, ...},
 *   "relations_by_type": { "SPEAKER": {...statuses...}, ...},
 *   "by_annotator": { "name": {"spans": n, "relations": n}, ...},
 *   "by_source": { "manual": n, ...} } */
JsonNode *alama_stats_collect      (AlamaStore  *store,
                                    GError     **error);
/* The same as a human-readable table. */
char     *alama_stats_format_text  (JsonNode    *stats);

G_END_DECLS
