/* search-in-process.c: times alama_search_text() inside one process, so that
 * process start-up and opening the project are not counted (bench-search.py
 * compiles it against a build tree's static core libraries).
 *
 *   search-in-process PROJECT QUERY [REPEAT]
 *
 * Prints "open-ms: N", "first-query-ms: N" (it may bring the index up to date)
 * and "query-ms: N" for each of REPEAT (default 5) further queries, and the
 * number of hits. */
#include <stdio.h>
#include <stdlib.h>

#include <alama/alama-search.h>
#include <alama/alama-store.h>

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaStore) store = NULL;
  int repeat = argc > 3 ? atoi (argv[3]) : 5;
  gint64 start;

  if (argc < 3)
    {
      fprintf (stderr, "usage: %s PROJECT QUERY [REPEAT]\n", argv[0]);
      return 2;
    }

  start = g_get_monotonic_time ();
  store = alama_store_open (argv[1], ALAMA_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  printf ("open-ms: %.2f\n", ms_since (start));

  for (int i = 0; i <= repeat; i++)
    {
      g_autoptr(GPtrArray) hits = NULL;

      start = g_get_monotonic_time ();
      hits = alama_search_text (store, argv[2], ALAMA_SEARCH_DEFAULT, 0, NULL, &error);
      if (hits == NULL)
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      printf ("%s: %.2f\nhits: %u\n", i == 0 ? "first-query-ms" : "query-ms", ms_since (start),
              hits->len);
    }

  /* What a result list shows first: a page of 200 hits and the number of
   * documents (from the index). */
  for (int i = 0; i < MAX (repeat, 1); i++)
    {
      g_autoptr(GPtrArray) page = NULL;
      gint64 n_documents;

      start = g_get_monotonic_time ();
      page = alama_search_text_page (store, argv[2], ALAMA_SEARCH_DEFAULT, 0, 200, NULL, &error);
      n_documents = page != NULL
                    ? alama_search_count_documents (store, argv[2], ALAMA_SEARCH_DEFAULT, NULL,
                                                    &error)
                    : -1;
      if (n_documents < 0)
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      printf ("page-ms: %.2f\npage-hits: %u\ndocuments: %" G_GINT64_FORMAT "\n",
              ms_since (start), page->len, n_documents);
    }
  return 0;
}
