/* alama-import-brat-bom.c: brat offsets over a .txt that starts with a BOM.
 *
 * brat itself reads the .txt with Python's "utf8" codec, which keeps a BOM as
 * U+FEFF, so offsets brat wrote over a .txt with a BOM count it: they are moved
 * back by one. A tool that skipped the BOM writes offsets that need no move; the
 * surfaces the T lines record decide which reading fits (brat's on a tie). See
 * tests/fixtures/brat/README.md.
 */
#include "config.h"

#include "alama/alama-text.h"
#include "alama-import-private.h"

/* How many recorded surfaces match the text when every offset is moved by
 * @shift. */
static guint
count_matching_surfaces (AlamaImportDoc *doc,
                         AlamaTextIndex *index,
                         gint64          shift)
{
  gint64 length = alama_text_index_get_length (index);
  guint matches = 0;

  for (guint i = 0; i < doc->spans->len; i++)
    {
      AlamaSpan *span = doc->spans->pdata[i];
      const char *recorded = doc->span_surfaces->pdata[i];
      g_autoptr(GString) actual = g_string_new (NULL);
      gboolean in_range = TRUE;

      if (recorded == NULL)
        continue;
      for (guint f = 0; f < alama_span_get_n_fragments (span) && in_range; f++)
        {
          const AlamaFragment *frag = alama_span_get_fragment (span, f);
          gint64 start = frag->start + shift, end = frag->end + shift;
          g_autofree char *piece = NULL;

          in_range = (start >= 0 && start < end && end <= length);
          if (!in_range)
            break;
          piece = alama_text_index_substring (index, start, end);
          if (f > 0)
            g_string_append_c (actual, ' ');
          g_string_append (actual, piece);
        }
      if (in_range && _alama_import_surface_matches (actual->str, recorded))
        matches++;
    }
  return matches;
}

void
_alama_import_brat_move_offsets_past_bom (AlamaImportDoc *doc)
{
  g_autoptr(AlamaTextIndex) index = alama_text_index_new (doc->text);

  if (count_matching_surfaces (doc, index, -1) < count_matching_surfaces (doc, index, 0))
    return;

  for (guint i = 0; i < doc->spans->len; i++)
    {
      AlamaSpan *span = doc->spans->pdata[i];
      guint n = alama_span_get_n_fragments (span);
      g_autofree gint64 *pairs = g_new (gint64, 2 * n);

      for (guint f = 0; f < n; f++)
        {
          const AlamaFragment *frag = alama_span_get_fragment (span, f);

          /* A span over the BOM alone would start at -1: keep it at 0, so that
           * alama_import_check_docs names it. */
          pairs[2 * f] = MAX (frag->start - 1, 0);
          pairs[2 * f + 1] = frag->end - 1;
        }
      _alama_import_span_set_fragments (span, pairs, n);
    }
}
