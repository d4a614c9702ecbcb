/* alama-export-private.h: helpers shared by the exporters (alama-export-*.c). */
#pragma once

#include <json-glib/json-glib.h>

#include "alama/alama-export.h"

G_BEGIN_DECLS

/* The statuses an export includes: options->statuses, 0 meaning accepted only. */
AlamaStatusMask _alama_export_statuses          (const AlamaExportOptions *options);

/* Appends @str as a JSON string literal (quotes included), escaping only what
 * JSON requires; UTF-8 passes through. NULL appends null. */
void            _alama_export_append_json_string (GString    *out,
                                                  const char *str);

/* A label, relation type or attribute name as one token of the formats whose
 * fields are split at spaces (brat, CoNLL): a key may hold plain spaces
 * (doccano's labels do), and each becomes '_'. */
void            _alama_export_append_token      (GString    *out,
                                                 const char *key);
/* Fails with ALAMA_EXPORT_ERROR_UNSUPPORTED, naming both, when two labels (or
 * two relation types, or two attribute names) of @schema would become the same
 * token: the export could not tell them apart. @format names the format. */
gboolean        _alama_export_check_tokens      (AlamaSchema *schema,
                                                 const char  *format,
                                                 GError     **error);

/* The line-per-document formats (alama-export-jsonl.c): @append adds one
 * document's line, newline included, to @out; the lines go to a temporary
 * file beside @out_path that is renamed into place when all are written. */
typedef gboolean (*AlamaExportAppendFunc) (GString                   *out,
                                           AlamaStore                *store,
                                           AlamaDocument             *document,
                                           const AlamaExportOptions  *options,
                                           GError                   **error);
gboolean        _alama_export_lines             (AlamaStore                *store,
                                                 const char                *out_path,
                                                 const AlamaExportOptions  *options,
                                                 AlamaExportAppendFunc      append,
                                                 AlamaExportProgressFunc    progress,
                                                 gpointer                   progress_data,
                                                 GCancellable              *cancellable,
                                                 GError                   **error);

/* Sets ALAMA_EXPORT_ERROR_CANCELLED and returns TRUE if @cancellable is cancelled. */
gboolean        _alama_export_check_cancelled   (GCancellable  *cancellable,
                                                 GError       **error);

/* Where an export writing @path writes (alama-export.h says which targets are
 * accepted): @path, or the regular file a symbolic link @path points to.
 * ALAMA_EXPORT_ERROR_NOT_A_FILE naming @path and what it is otherwise. */
char           *_alama_export_resolve_file      (const char  *path,
                                                 GError     **error);

/* Writes @len bytes of @contents (-1: up to the NUL) to @path through a
 * temporary file beside it, renamed into place; ALAMA_EXPORT_ERROR_IO naming
 * @path on failure, NOT_A_FILE for a target it must not replace. */
gboolean        _alama_export_write_file        (const char  *path,
                                                 const char  *contents,
                                                 gssize       len,
                                                 GError     **error);

/* Several files, all or none: every target is checked, then every file written
 * to its temporary name, then all are renamed into place. */
gboolean        _alama_export_write_files       (guint                n_files,
                                                 const char * const  *paths,
                                                 const char * const  *contents,
                                                 const gsize         *lengths,
                                                 GError             **error);

/* A folder export: files are written into a new folder beside @out_path, which
 * commit renames into place (or, when @out_path holds files and @force is set,
 * whose files commit moves in). Freed before commit, it removes what it wrote. */
typedef struct _AlamaExportFolder AlamaExportFolder;

AlamaExportFolder *_alama_export_folder_new     (const char  *out_path,
                                                 gboolean     force,
                                                 GError     **error);
gboolean        _alama_export_folder_write      (AlamaExportFolder  *folder,
                                                 const char         *name,
                                                 const char         *contents,
                                                 gssize              len,
                                                 GError            **error);
gboolean        _alama_export_folder_commit     (AlamaExportFolder  *folder,
                                                 GError            **error);
void            _alama_export_folder_free       (AlamaExportFolder  *folder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlamaExportFolder, _alama_export_folder_free)

/* A CoNLL document read from a dialect (spaCy's word|POS|TAG sentences,
 * GermEval's numbered tokens) written back in it: its token lines from byte
 * @from of @out to the end are rewritten as @format_data says
 * (alama-export-conll-dialects.c). */
void _alama_export_conll_relayout (GString    *out,
                                   gsize       from,
                                   JsonObject *format_data,
                                   char        sep,
                                   const char *eol);

G_END_DECLS
