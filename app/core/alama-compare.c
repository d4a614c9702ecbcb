/* alama-compare.c: comparison functions for sorting, shared by the core's
 * areas so that each sorts its keys the same way.
 */
#include "config.h"

#include "alama-compare-private.h"

int
_alama_compare_strings (gconstpointer a,
                        gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}
