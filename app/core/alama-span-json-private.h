/* alama-span-json-private.h: spans and relations as JSON and back
 * (alama-span-json.c), as the history keeps them.
 */
#pragma once

#include "alama/alama-span.h"

G_BEGIN_DECLS

/* Rows as JSON (for history) and back. The JSON holds the full row: fragments
 * and attributes included; keys in a fixed order so equal rows give equal text. */
char       *_alama_span_to_json            (const AlamaSpan     *span);
AlamaSpan  *_alama_span_from_json          (const char          *json,
                                            GError             **error);
char       *_alama_relation_to_json        (const AlamaRelation *relation);
AlamaRelation *_alama_relation_from_json   (const char          *json,
                                            GError             **error);

G_END_DECLS
