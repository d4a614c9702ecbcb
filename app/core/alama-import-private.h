/* alama-import-private.h: helpers shared by the importers (alama-import-*.c).
 *
 * Not installed, not part of the public API: only app/core's import files use it.
 */
#pragma once

#include "alama/alama-import.h"

G_BEGIN_DECLS

/* The file's bytes as text (UTF-8 checked, leading BOM removed, nothing else
 * changed). On invalid UTF-8 fails with ALAMA_IMPORT_ERROR_INVALID_UTF8 and a
 * message "PATH: invalid UTF-8 at byte N". */
char      *_alama_import_text_from_bytes  (const char  *path,
                                           const char  *data,
                                           gsize        len,
                                           GError     **error);

/* A span with one fragment [start, end) taken as given, even when the offsets
 * are wrong: alama_import_check_docs() reports bad offsets with the file's
 * context, so the parsers must not reject them earlier. */
AlamaSpan *_alama_import_span_new         (const char  *label,
                                           gint64       start,
                                           gint64       end);

/* Replaces the span's fragments with @start, @end pairs (also unchecked). */
void       _alama_import_span_set_fragments (AlamaSpan    *span,
                                             const gint64 *pairs,
                                             guint         n_pairs);

/* The base name of @path without @suffix (if it ends with it). */
char      *_alama_import_name_from_path   (const char  *path,
                                           const char  *suffix);

/* TRUE if @recorded is the surface the file recorded for @actual (the text
 * under the span): equal, or equal once tabs, CR and LF in @actual are read as
 * spaces (brat writes a span that crosses a line with spaces there). */
gboolean   _alama_import_surface_matches  (const char  *actual,
                                           const char  *recorded);

/* brat's form of a span's covered text: the fragments' texts joined by one space. */
char      *_alama_import_span_surface     (AlamaTextIndex  *index,
                                           const AlamaSpan *span);

/* A brat folder's names.tsv (see alama-export.h) as file name without .txt/.ann
 * → document name; empty when the folder has none. Fails naming the file and line. */
GHashTable *_alama_import_brat_read_names (const char  *folder,
                                           GError     **error);

G_END_DECLS
