/* alama-io-tasks.h: import and export off the main thread.
 *
 * Each task opens its own AlamaStore on the project's path (a store is not
 * thread-safe; WAL lets the window's connection go on reading), runs the core's
 * alama_import_paths() / alama_export() in a GTask thread, and reports progress
 * on the caller's main context.
 */
#pragma once

#include <gio/gio.h>

#include <alama/alama-types.h>

G_BEGIN_DECLS

/* @fraction in 0..1, or < 0 when unknown; @text says what is being done. Runs on
 * the thread-default main context of the caller of _async(). */
typedef void (*AlamaIoProgressFunc) (double      fraction,
                                     const char *text,
                                     gpointer    user_data);

typedef struct
{
  AlamaFormat format;        /* ALAMA_FORMAT_AUTO: from each file's name and content */
  gboolean  as_suggestions;  /* store as pending suggestions */
  gboolean  add_labels;      /* add unknown labels to the schema */
  char     *annotator;       /* NULL = the store's default */
} AlamaIoImportSettings;

/* @progress_owner (a GObject, may be NULL) is kept alive until the task ends and
 * is passed to @progress. */
void      alama_io_import_async   (const char                  *project_path,
                                   const char * const          *paths,
                                   const AlamaIoImportSettings *settings,
                                   AlamaIoProgressFunc          progress,
                                   gpointer                     progress_owner,
                                   GCancellable                *cancellable,
                                   GAsyncReadyCallback          callback,
                                   gpointer                     user_data);
/* @out_summary: a sentence for a person ("Imported 3 documents ..."), also when
 * it failed halfway (what was imported before the error stays). */
gboolean  alama_io_import_finish  (GAsyncResult                *result,
                                   char                       **out_summary,
                                   GError                     **error);

void      alama_io_export_async   (const char                  *project_path,
                                   AlamaFormat                  format,
                                   const char                  *out_path,
                                   AlamaStatusMask              statuses,
                                   AlamaIoProgressFunc          progress,
                                   gpointer                     progress_owner,
                                   GCancellable                *cancellable,
                                   GAsyncReadyCallback          callback,
                                   gpointer                     user_data);
gboolean  alama_io_export_finish  (GAsyncResult                *result,
                                   GError                     **error);

G_END_DECLS
