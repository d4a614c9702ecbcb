/* alama-json-private.h: small JSON helpers shared by the line-oriented readers
 * (JSONL import, external tagger output). Not part of the public API. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* json-glib 1.6 accepts `{…}{…}` (or `{…} 1`) on one line and keeps only the
 * first value. Given @len bytes that json-glib has already parsed without an
 * error, returns TRUE when something other than white space follows the first
 * top-level value, i.e. the line holds more than one JSON value. */
gboolean _alama_json_has_more_than_one_value (const char *data,
                                              gsize       len);

G_END_DECLS
