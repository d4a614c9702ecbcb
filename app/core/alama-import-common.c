/* alama-import-common.c: what every import parser shares: the error domain,
 * AlamaImportDoc and the helpers of alama-import-private.h. alama-import.c
 * calls the parsers (alama-import-FORMAT.c), which call this file; nothing
 * here calls back up.
 */
#define G_LOG_DOMAIN "alama-import"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "alama/alama-import.h"
#include "alama-hash-private.h"
#include "alama-import-private.h"
#include "alama-store-private.h"
#include "alama/alama-text.h"

G_DEFINE_QUARK (alama-import-error-quark, alama_import_error)

/* ---- AlamaImportDoc --------------------------------------------------------- */

AlamaImportDoc *
alama_import_doc_new (const char *name,
                      const char *source_path,
                      char       *text)
{
  AlamaImportDoc *doc = g_new0 (AlamaImportDoc, 1);

  doc->name = g_strdup (name);
  doc->source_path = g_strdup (source_path);
  doc->text = text;
  doc->spans = g_ptr_array_new_with_free_func ((GDestroyNotify) alama_span_unref);
  doc->relations = g_ptr_array_new_with_free_func ((GDestroyNotify) alama_relation_unref);
  doc->span_origins = g_ptr_array_new_with_free_func (g_free);
  doc->span_surfaces = g_ptr_array_new_with_free_func (g_free);

  return doc;
}

void
alama_import_doc_free (AlamaImportDoc *doc)
{
  if (doc == NULL)
    return;

  g_free (doc->name);
  g_free (doc->source_path);
  g_free (doc->text);
  g_free (doc->metadata_json);
  g_free (doc->format_data_json);
  g_clear_pointer (&doc->spans, g_ptr_array_unref);
  g_clear_pointer (&doc->relations, g_ptr_array_unref);
  g_clear_pointer (&doc->span_origins, g_ptr_array_unref);
  g_clear_pointer (&doc->span_surfaces, g_ptr_array_unref);
  g_clear_pointer (&doc->event_labels, g_hash_table_unref);
  g_free (doc);
}

guint
alama_import_doc_add_span (AlamaImportDoc *doc,
                           AlamaSpan      *span,
                           const char     *origin,
                           const char     *surface)
{
  g_return_val_if_fail (doc != NULL, 0);
  g_return_val_if_fail (span != NULL, 0);

  g_ptr_array_add (doc->spans, span);
  g_ptr_array_add (doc->span_origins, g_strdup (origin));
  g_ptr_array_add (doc->span_surfaces, g_strdup (surface));

  return doc->spans->len - 1;
}

/* ---- Helpers for the parsers (alama-import-private.h) ------------------------ */

char *
_alama_import_text_from_bytes (const char  *path,
                               const char  *data,
                               gsize        len,
                               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gsize bad_offset = 0;
  char *text;

  text = alama_text_from_bytes (data, len, &bad_offset, &local_error);
  if (text == NULL)
    {
      _alama_import_set_invalid_utf8 (path, bad_offset, error);
      return NULL;
    }

  return text;
}

void
_alama_import_set_invalid_utf8 (const char  *path,
                                guint64      offset,
                                GError     **error)
{
  g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_INVALID_UTF8,
               _("%s: invalid UTF-8 at byte %" PRIu64), path, offset);
}

void
_alama_import_lone_cr_to_lf (char *text)
{
  for (char *cr = strchr (text, '\r'); cr != NULL; cr = strchr (cr + 1, '\r'))
    if (cr[1] != '\n')
      *cr = '\n';
}

gboolean
_alama_import_has_only_cr_line_ends (const char *text)
{
  return strchr (text, '\r') != NULL && strchr (text, '\n') == NULL;
}

AlamaSpan *
_alama_import_span_new (const char *label,
                        gint64      start,
                        gint64      end)
{
  gint64 pair[2] = { start, end };
  AlamaSpan *span;

  /* Made valid, then given the file's offsets untouched: see the header. */
  span = alama_span_new (label, 0, 1);
  _alama_import_span_set_fragments (span, pair, 1);

  return span;
}

void
_alama_import_span_set_fragments (AlamaSpan    *span,
                                  const gint64 *pairs,
                                  guint         n_pairs)
{
  g_array_set_size (span->fragments, 0);
  for (guint i = 0; i < n_pairs; i++)
    {
      AlamaFragment fragment = { pairs[2 * i], pairs[2 * i + 1] };
      guint at = span->fragments->len;

      /* Keep them sorted by start, as AlamaSpan promises. */
      while (at > 0 && g_array_index (span->fragments, AlamaFragment, at - 1).start > fragment.start)
        at--;
      g_array_insert_val (span->fragments, at, fragment);
    }
}

char *
_alama_import_name_from_path (const char *path,
                              const char *suffix)
{
  g_autofree char *base = g_path_get_basename (path);

  if (suffix != NULL && g_str_has_suffix (base, suffix) && strlen (base) > strlen (suffix))
    base[strlen (base) - strlen (suffix)] = '\0';

  return g_steal_pointer (&base);
}

gboolean
_alama_import_surface_matches (const char *actual,
                               const char *recorded)
{
  const char *a = actual;
  const char *r = recorded;

  if (strcmp (actual, recorded) == 0)
    return TRUE;

  for (; *a != '\0' && *r != '\0'; a++, r++)
    {
      if (*a == *r)
        continue;
      if (*r == ' ' && (*a == '\n' || *a == '\r' || *a == '\t'))
        continue;
      return FALSE;
    }

  return *a == '\0' && *r == '\0';
}

char *
_alama_import_span_surface (AlamaTextIndex  *index,
                            const AlamaSpan *span)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < span->fragments->len; i++)
    {
      const AlamaFragment *fragment = &g_array_index (span->fragments, AlamaFragment, i);
      g_autofree char *piece = alama_text_index_substring (index, fragment->start, fragment->end);

      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, piece);
    }

  return g_string_free (out, FALSE);
}

