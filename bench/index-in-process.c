/* index-in-process.c: times alama_search_update_index() inside one process on
 * a project whose documents are not indexed yet (bench-scale-search.py makes
 * it with a build whose import does not index, and compiles this against
 * each build tree's static core libraries).
 *
 *   index-in-process PROJECT
 *
 * Prints "open-ms: N" and "index-ms: N". */
#include <stdio.h>

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
  gint64 start;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s PROJECT\n", argv[0]);
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

  start = g_get_monotonic_time ();
  if (!alama_search_update_index (store, NULL, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  printf ("index-ms: %.2f\n", ms_since (start));
  return 0;
}
