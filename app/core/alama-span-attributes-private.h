/* alama-span-attributes-private.h: a span's attributes as the text of the
 * spans table's attributes column, and back (alama-span-attributes.c).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A JSON object with sorted keys, so that equal maps give equal text. */
char       *_alama_span_attributes_to_json       (GHashTable *attributes);
/* Adds the string members of @json (NULL, "" or not an object: none) to
 * @attributes (char* -> char*, both owned). */
void        _alama_span_attributes_from_json     (GHashTable *attributes,
                                                  const char *json);
/* The same as a new table, or NULL when @json has no string member (what an
 * AlamaSpan holds when it has no attributes). */
GHashTable *_alama_span_attributes_new_from_json (const char *json);

G_END_DECLS
