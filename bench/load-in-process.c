/* load-in-process.c: what opening one document costs the core, without GTK:
 * the read-ahead's model (text, spans, relations) and its text index. Meant to
 * run under `valgrind --tool=callgrind`, where a whole workbench start takes
 * many times longer; compile it with bench_common.build_core_helper() or by
 * hand against a build's static core libraries (see bench/README).
 *
 *   load-in-process PROJECT NAME [RUNS]
 *
 * Prints "load-ms: N" (the median of RUNS, default 1), "spans: N" and
 * "relations: N". */
#include <stdio.h>
#include <stdlib.h>

#include <alama/alama-document-model.h>
#include <alama/alama-store.h>

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaStore) store = NULL;
  g_autoptr(AlamaDocument) document = NULL;
  g_autofree double *times = NULL;
  guint n_spans = 0, n_relations = 0;
  int runs;

  if (argc < 3)
    {
      fprintf (stderr, "usage: %s PROJECT NAME [RUNS]\n", argv[0]);
      return 2;
    }
  runs = argc > 3 ? MAX (1, atoi (argv[3])) : 1;

  store = alama_store_open (argv[1], ALAMA_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  document = alama_store_find_document (store, argv[2]);
  if (document == NULL)
    {
      fprintf (stderr, "no document %s\n", argv[2]);
      return 1;
    }

  times = g_new (double, runs);
  for (int i = 0; i < runs; i++)
    {
      g_autoptr(AlamaDocumentModel) model = NULL;
      gint64 start = g_get_monotonic_time ();

      model = alama_document_model_new (store, alama_document_get_id (document), &error);
      if (model == NULL)
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      alama_document_model_get_text_index (model);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
      n_spans = alama_document_model_get_n_spans (model);
      n_relations = alama_document_model_get_n_relations (model);
    }
  qsort (times, runs, sizeof (double), compare_doubles);
  printf ("load-ms: %.1f\nspans: %u\nrelations: %u\n", times[runs / 2], n_spans, n_relations);
  return 0;
}
