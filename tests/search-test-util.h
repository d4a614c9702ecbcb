/* search-test-util.h: for the core tests of corpus search. */
#pragma once

#include <alama/alama.h>

/* Brings @store's search index up to date, as `alama import` does. */
static inline void
index_project (AlamaStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (alama_search_update_index (store, NULL, &error));
  g_assert_no_error (error);
}

/* Every hit of @query (AlamaSearchHit*), asserting the search succeeds. */
static inline GPtrArray *
search_all (AlamaStore       *store,
            const char       *query,
            AlamaSearchFlags  flags)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *hits = alama_search_text (store, query, flags, 0, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (hits);
  return hits;
}
