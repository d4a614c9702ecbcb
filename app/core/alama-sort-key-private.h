/* alama-sort-key-private.h: the natural, locale-independent order of document
 * names that a project keeps in its table document_order. */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The key of @name: compare keys with _alama_sort_key_compare(). */
GByteArray *_alama_sort_key_new           (const char   *name);
int         _alama_sort_key_compare       (const guint8 *a,
                                           gsize         a_len,
                                           const guint8 *b,
                                           gsize         b_len);
/* The order of two names: by key, then by their bytes (ids break what is left). */
int         _alama_sort_key_compare_names (const char   *a,
                                           const char   *b);
/* Defines the SQL function alama_sort_key(name) on @db: every connection that
 * adds documents needs it, as the trigger that keeps document_order calls it. */
int         _alama_sort_key_register      (sqlite3      *db);

G_END_DECLS
