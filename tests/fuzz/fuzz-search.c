/* fuzz-search.c: search queries from arbitrary bytes against a small project.
 *
 * The first byte chooses the path: 0 text search, 1 exact, 2 scan (no index),
 * 3 annotation query. An annotation query takes its fields from the rest split
 * at newlines: label, text, one "name=value" attribute, one "TYPE=text" related
 * filter, annotator. Empty fields do not filter. */
#define G_LOG_DOMAIN "fuzz-search"

#include "config.h"

#include <stdlib.h>

#include "fuzz-util.h"
#include "alama/alama-search.h"

static AlamaStore *store;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init_logging ();
  store = fuzz_open_small_project ("search.alama");
  return 0;
}

static const char *
field (char **fields,
       guint  i)
{
  for (guint k = 0; k <= i; k++)
    if (fields[k] == NULL)
      return NULL;
  return fields[i][0] != '\0' ? fields[i] : NULL;
}

static void
check_hits (GPtrArray *hits,
            GError    *error)
{
  if (hits == NULL)
    {
      if (error == NULL || error->message == NULL)
        abort ();
      return;
    }
  for (guint i = 0; i < hits->len; i++)
    {
      AlamaSearchHit *hit = g_ptr_array_index (hits, i);

      if (hit->start < 0 || hit->end < hit->start || hit->document_name == NULL)
        abort ();
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *query = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  guint mode;

  if (size == 0)
    return 0;
  mode = data[0] % 4;
  /* The API takes C strings: the query ends at the first NUL. */
  query = g_strndup ((const char *) data + 1, size - 1);

  if (mode < 3)
    {
      static const AlamaSearchFlags flags[] = {
        ALAMA_SEARCH_DEFAULT, ALAMA_SEARCH_EXACT, ALAMA_SEARCH_SCAN,
      };

      hits = alama_search_text (store, query, flags[mode], 0, NULL, &error);
      check_hits (hits, error);
    }
  else
    {
      g_auto(GStrv) fields = g_strsplit (query, "\n", 5);
      const char *attribute[] = { field (fields, 2), NULL };
      const char *related[] = { field (fields, 3), NULL };
      AlamaAnnotationQuery annotation_query = {
        .label = field (fields, 0),
        .text = field (fields, 1),
        .attributes = attribute[0] ? attribute : NULL,
        .related = related[0] ? related : NULL,
        .annotator = field (fields, 4),
      };

      hits = alama_search_annotations (store, &annotation_query, &error);
      check_hits (hits, error);
    }
  return 0;
}
