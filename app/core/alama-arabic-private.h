/* alama-arabic-private.h: normalisation and clitic splits without an
 * allocation per word, for the search tokenizer, which cuts every word of
 * every document it indexes.
 */
#pragma once

#include <glib.h>

#include "alama/alama-arabic.h"

G_BEGIN_DECLS

/* alama_arabic_normalize() of the @n_bytes of UTF-8 at @text (no NUL needed),
 * appended to @out; with @map not NULL, the map is appended to it. */
void  _alama_arabic_normalize_append   (const char           *text,
                                        gsize                 n_bytes,
                                        AlamaArabicFoldFlags  flags,
                                        GString              *out,
                                        GArray               *map);

/* More than the distinct lengths of the prefix chains (at most four code
 * points) plus the split at 0. */
#define ALAMA_ARABIC_CLITIC_SPLITS_MAX 8

/* alama_arabic_clitic_splits() into @splits; returns how many there are. */
guint _alama_arabic_clitic_splits_into (const char *normalized_word,
                                        guint       splits[ALAMA_ARABIC_CLITIC_SPLITS_MAX]);

G_END_DECLS
