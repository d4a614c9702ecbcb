/* alama-confidence-private.h: how sure a tagger was of a suggestion, as its
 * "confidence" attribute says, read the same way in C and in SQL
 * (alama-confidence.c). */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Whether @value (an attribute's text, or NULL) is a confidence: a whole
 * number in [0, 1] as g_ascii_strtod() reads it; sets @confidence if so. */
gboolean _alama_confidence_parse    (const char *value,
                                     double     *confidence);
/* Defines the SQL function alama_confidence(attributes) on @db: the
 * confidence in a spans row's attributes column, or NULL where it has none
 * (the same answer as alama_span_get_confidence() on the span). */
int      _alama_confidence_register (sqlite3    *db);

G_END_DECLS
