/* alama-compare-private.h: comparison functions for sorting that more than one
 * core area needs (alama-compare.c).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Compares two elements of an array of strings (char *), as qsort() and
 * g_ptr_array_sort() hand them: pointers to the strings. NULL sorts first. */
int _alama_compare_strings (gconstpointer a,
                            gconstpointer b);

G_END_DECLS
