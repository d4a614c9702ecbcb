/* alama-export-private.h: helpers shared by the exporters (alama-export-*.c). */
#pragma once

#include "alama/alama-export.h"

G_BEGIN_DECLS

/* The statuses an export includes: options->statuses, 0 meaning accepted only. */
AlamaStatusMask _alama_export_statuses          (const AlamaExportOptions *options);

/* Appends @str as a JSON string literal (quotes included), escaping only what
 * JSON requires; UTF-8 passes through. NULL appends null. */
void            _alama_export_append_json_string (GString    *out,
                                                  const char *str);

/* Sets ALAMA_EXPORT_ERROR_CANCELLED and returns TRUE if @cancellable is cancelled. */
gboolean        _alama_export_check_cancelled   (GCancellable  *cancellable,
                                                 GError       **error);

/* Writes @len bytes of @contents (-1: up to the NUL) to @path, atomically
 * (g_file_set_contents); ALAMA_EXPORT_ERROR_IO naming @path on failure. */
gboolean        _alama_export_write_file        (const char  *path,
                                                 const char  *contents,
                                                 gssize       len,
                                                 GError     **error);

G_END_DECLS
