/* alama-export-jsonl.c: doccano's relation JSONL, one line per document.
 *
 *   {"id":N,"name":...,"text":...,"metadata":{...},
 *    "entities":[{"id","label","start_offset","end_offset","status","source",
 *                 "annotator","attributes":{...},"fragments":[[s,e],...],"note"}],
 *    "relations":[{"id","from_id","to_id","type","status","source"}]}
 *
 * Offsets are code points; start/end of a discontinuous span are its first start
 * and last end, the pieces are in "fragments". A relation is written only when
 * both its ends are. The escaping is done by hand into one buffer per line
 * (json-glib builds a tree per value, several times slower on big corpora); the
 * file is written under a temporary name and renamed, so a failed export leaves
 * no half file behind.
 */
#define G_LOG_DOMAIN "alama-export-jsonl"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "alama-compare-private.h"
#include "alama/alama-export.h"
#include "alama/alama-text.h"
#include "alama-export-private.h"

static void
append_int (GString *out,
            gint64   value)
{
  char buffer[24];
  char *p = buffer + sizeof buffer;
  guint64 magnitude = value < 0 ? (guint64) -(value + 1) + 1 : (guint64) value;

  do
    {
      *--p = '0' + magnitude % 10;
      magnitude /= 10;
    }
  while (magnitude > 0);
  if (value < 0)
    *--p = '-';

  g_string_append_len (out, p, buffer + sizeof buffer - p);
}

static void
append_key (GString    *out,
            const char *key)   /* a literal that needs no escaping */
{
  g_string_append_c (out, '"');
  g_string_append (out, key);
  g_string_append_len (out, "\":", 2);
}

static void
append_attributes (GString    *out,
                   GHashTable *attributes)
{
  g_autofree gpointer *names = NULL;
  guint n = 0;

  g_string_append_c (out, '{');
  if (attributes != NULL && g_hash_table_size (attributes) > 0)
    {
      /* Sorted, so that the same project always exports the same bytes. */
      names = g_hash_table_get_keys_as_array (attributes, &n);
      qsort (names, n, sizeof (gpointer), _alama_compare_strings);
      for (guint i = 0; i < n; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          _alama_export_append_json_string (out, names[i]);
          g_string_append_c (out, ':');
          _alama_export_append_json_string (out, g_hash_table_lookup (attributes, names[i]));
        }
    }
  g_string_append_c (out, '}');
}

static void
append_offset (GString        *out,
               AlamaTextIndex *index,   /* NULL: code points */
               AlamaOffsetUnit unit,
               gint64          cp)
{
  append_int (out, index != NULL ? alama_text_index_cp_to_offset (index, unit, cp) : cp);
}

static void
append_span (GString         *out,
             const AlamaSpan *span,
             AlamaTextIndex  *index,
             AlamaOffsetUnit  unit)
{
  g_string_append_c (out, '{');
  append_key (out, "id");
  append_int (out, span->id);
  g_string_append_c (out, ',');
  append_key (out, "label");
  _alama_export_append_json_string (out, span->label);
  g_string_append_c (out, ',');
  append_key (out, "start_offset");
  append_offset (out, index, unit, alama_span_get_start (span));
  g_string_append_c (out, ',');
  append_key (out, "end_offset");
  append_offset (out, index, unit, alama_span_get_end (span));
  g_string_append_c (out, ',');
  append_key (out, "status");
  _alama_export_append_json_string (out, alama_status_to_string (span->status));
  g_string_append_c (out, ',');
  append_key (out, "source");
  _alama_export_append_json_string (out, span->source);
  g_string_append_c (out, ',');
  append_key (out, "annotator");
  _alama_export_append_json_string (out, span->annotator);
  g_string_append_c (out, ',');
  append_key (out, "attributes");
  append_attributes (out, span->attributes);
  g_string_append_c (out, ',');
  append_key (out, "fragments");
  g_string_append_c (out, '[');
  for (guint i = 0; i < span->fragments->len; i++)
    {
      const AlamaFragment *fragment = &g_array_index (span->fragments, AlamaFragment, i);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, '[');
      append_offset (out, index, unit, fragment->start);
      g_string_append_c (out, ',');
      append_offset (out, index, unit, fragment->end);
      g_string_append_c (out, ']');
    }
  g_string_append_c (out, ']');
  g_string_append_c (out, ',');
  append_key (out, "note");
  _alama_export_append_json_string (out, span->note);
  g_string_append_c (out, '}');
}

static void
append_relation (GString             *out,
                 const AlamaRelation *relation)
{
  g_string_append_c (out, '{');
  append_key (out, "id");
  append_int (out, relation->id);
  g_string_append_c (out, ',');
  append_key (out, "from_id");
  append_int (out, relation->from_id);
  g_string_append_c (out, ',');
  append_key (out, "to_id");
  append_int (out, relation->to_id);
  g_string_append_c (out, ',');
  append_key (out, "type");
  _alama_export_append_json_string (out, relation->type);
  g_string_append_c (out, ',');
  append_key (out, "status");
  _alama_export_append_json_string (out, alama_status_to_string (relation->status));
  g_string_append_c (out, ',');
  append_key (out, "source");
  _alama_export_append_json_string (out, relation->source);
  g_string_append_c (out, '}');
}

/* One document as one line (with its newline) appended to @out. */
static gboolean
append_document (GString                   *out,
                 AlamaStore                *store,
                 AlamaDocument             *document,
                 const AlamaExportOptions  *options,
                 GError                   **error)
{
  AlamaStatusMask statuses = _alama_export_statuses (options);
  g_autoptr(AlamaTextIndex) index = NULL;
  gint64 id = alama_document_get_id (document);
  const char *metadata = alama_document_get_metadata_json (document);
  g_autoptr(GHashTable) exported = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, NULL);
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autofree char *text = NULL;
  gboolean first;

  if ((text = alama_store_dup_document_text (store, id, error)) == NULL ||
      (spans = alama_store_list_spans (store, id, statuses, error)) == NULL ||
      (relations = alama_store_list_relations (store, id, statuses, error)) == NULL)
    return FALSE;
  if (options != NULL && options->offsets != ALAMA_OFFSETS_CODEPOINT)
    index = alama_text_index_new (text);

  g_string_append_c (out, '{');
  append_key (out, "id");
  append_int (out, id);
  g_string_append_c (out, ',');
  append_key (out, "name");
  _alama_export_append_json_string (out, alama_document_get_name (document));
  g_string_append_c (out, ',');
  append_key (out, "text");
  _alama_export_append_json_string (out, text);
  g_string_append_c (out, ',');
  append_key (out, "metadata");
  /* Stored as JSON object text already. */
  g_string_append (out, metadata != NULL && metadata[0] != '\0' ? metadata : "{}");
  g_string_append_c (out, ',');

  append_key (out, "entities");
  g_string_append_c (out, '[');
  for (guint i = 0; i < spans->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (spans, i);

      if (i > 0)
        g_string_append_c (out, ',');
      append_span (out, span, index, index != NULL ? options->offsets : ALAMA_OFFSETS_CODEPOINT);
      g_hash_table_add (exported, &span->id);
    }
  g_string_append_len (out, "],", 2);

  append_key (out, "relations");
  g_string_append_c (out, '[');
  first = TRUE;
  for (guint i = 0; i < relations->len; i++)
    {
      AlamaRelation *relation = g_ptr_array_index (relations, i);

      if (!g_hash_table_contains (exported, &relation->from_id) ||
          !g_hash_table_contains (exported, &relation->to_id))
        continue;
      if (!first)
        g_string_append_c (out, ',');
      append_relation (out, relation);
      first = FALSE;
    }
  g_string_append_len (out, "]}\n", 3);

  return TRUE;
}

static gboolean
io_error (GError     **error,
          const char  *path,
          int          saved_errno)
{
  g_set_error (error, ALAMA_EXPORT_ERROR, ALAMA_EXPORT_ERROR_IO,
               _("cannot write %s: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

gboolean
_alama_export_lines (AlamaStore                *store,
                     const char                *out_path,
                     const AlamaExportOptions  *options,
                     AlamaExportAppendFunc      append,
                     AlamaExportProgressFunc    progress,
                     gpointer                   progress_data,
                     GCancellable              *cancellable,
                     GError                   **error)
{
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GString) line = NULL;
  g_autofree char *target = NULL;
  g_autofree char *tmp_path = NULL;
  FILE *file;
  int fd;

  g_return_val_if_fail (ALAMA_IS_STORE (store), FALSE);
  g_return_val_if_fail (out_path != NULL, FALSE);

  if ((documents = alama_export_select_documents (store, options, error)) == NULL)
    return FALSE;

  /* Renamed onto a regular file or a new name only (alama-export.h). */
  if ((target = _alama_export_resolve_file (out_path, error)) == NULL)
    return FALSE;
  tmp_path = g_strconcat (target, ".XXXXXX", NULL);
  if ((fd = g_mkstemp (tmp_path)) < 0)
    return io_error (error, out_path, errno);
  if ((file = fdopen (fd, "wb")) == NULL)
    {
      int saved_errno = errno;

      close (fd);
      g_unlink (tmp_path);
      return io_error (error, out_path, saved_errno);
    }
  setvbuf (file, NULL, _IOFBF, 1 << 20);
  /* mkstemp makes it private; an export is an ordinary file. */
  g_chmod (tmp_path, 0644);

  line = g_string_sized_new (1 << 16);
  for (guint i = 0; i < documents->len; i++)
    {
      if (_alama_export_check_cancelled (cancellable, error) ||
          !append (line, store, g_ptr_array_index (documents, i), options, error))
        goto failed;

      if (fwrite (line->str, 1, line->len, file) != line->len)
        {
          io_error (error, out_path, errno);
          goto failed;
        }
      g_string_truncate (line, 0);

      if (progress != NULL)
        progress (i + 1, documents->len, progress_data);
    }

  if (fclose (file) != 0)
    {
      file = NULL;
      io_error (error, out_path, errno);
      goto failed;
    }
  file = NULL;

  if (g_rename (tmp_path, target) != 0)
    {
      io_error (error, out_path, errno);
      goto failed;
    }

  return TRUE;

failed:
  if (file != NULL)
    fclose (file);
  g_unlink (tmp_path);
  return FALSE;
}

gboolean
alama_export_jsonl (AlamaStore                *store,
                    const char                *out_path,
                    const AlamaExportOptions  *options,
                    AlamaExportProgressFunc    progress,
                    gpointer                   progress_data,
                    GCancellable              *cancellable,
                    GError                   **error)
{
  return _alama_export_lines (store, out_path, options, append_document, progress,
                              progress_data, cancellable, error);
}
