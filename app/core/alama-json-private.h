/* alama-json-private.h: small JSON helpers shared by the line-oriented readers
 * (JSONL import, external tagger output). Not part of the public API. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* json-glib 1.6 accepts `{…}{…}` (or `{…} 1`) on one line without an error,
 * keeps only the first value and leaks the other. So a reader hands json-glib
 * only the first value of a line, data[0 .. _alama_json_first_value_length()),
 * and reports the line when _alama_json_has_more_than_one_value() says that
 * something other than white space follows it.
 *
 * The scan tracks string literals (where brackets do not count) and bracket
 * depth; it does not validate, json-glib does that on the first value. */
gsize    _alama_json_first_value_length     (const char *data,
                                             gsize       len);
gboolean _alama_json_has_more_than_one_value (const char *data,
                                              gsize       len);

G_END_DECLS
