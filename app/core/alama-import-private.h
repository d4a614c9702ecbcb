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

/* Line ends for the line-oriented readers. A lone CR (classic Mac OS) ends a
 * line like LF and CRLF: _alama_import_lone_cr_to_lf() rewrites each CR not
 * followed by LF as LF, in place (same length, so byte offsets keep). Where a
 * raw CR inside a line can be content (a brat surface, a JSON string that
 * json-glib accepts), a reader applies it only to a file that
 * _alama_import_has_only_cr_line_ends(): CRs and no LF at all. */
void       _alama_import_lone_cr_to_lf          (char        *text);
gboolean   _alama_import_has_only_cr_line_ends  (const char  *text);

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

G_END_DECLS
