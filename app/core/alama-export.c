/* alama-export.c: dispatch on the format. The formats live in
 * alama-export-FORMAT.c; what they share, in alama-export-common.c and
 * alama-export-files.c.
 */
#define G_LOG_DOMAIN "alama-export"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "alama/alama-export.h"
#include "alama-export-private.h"
#include "alama-store-private.h"


static gboolean
export_format (AlamaStore                *store,
               AlamaFormat                format,
               const char                *out_path,
               const AlamaExportOptions  *options,
               AlamaExportProgressFunc    progress,
               gpointer                   progress_data,
               GCancellable              *cancellable,
               GError                   **error)
{
  switch (format)
    {
    case ALAMA_FORMAT_JSONL:
      return alama_export_jsonl (store, out_path, options, progress, progress_data,
                                 cancellable, error);
    case ALAMA_FORMAT_BRAT:
      return alama_export_brat (store, out_path, options, progress, progress_data,
                                cancellable, error);
    case ALAMA_FORMAT_CONLL:
      return alama_export_conll (store, out_path, options, progress, progress_data,
                                 cancellable, error);
    case ALAMA_FORMAT_CSV:
      return alama_export_csv (store, out_path, options, progress, progress_data,
                               cancellable, error);
    case ALAMA_FORMAT_PRODIGY:
      return alama_export_prodigy (store, out_path, options, progress, progress_data,
                                   cancellable, error);
    case ALAMA_FORMAT_LABELSTUDIO:
      return alama_export_labelstudio (store, out_path, options, progress, progress_data,
                                       cancellable, error);
    case ALAMA_FORMAT_WEBANNO:
      return alama_export_webanno (store, out_path, options, progress, progress_data,
                                   cancellable, error);
    case ALAMA_FORMAT_TXT:
    case ALAMA_FORMAT_AUTO:
    default:
      g_set_error (error, ALAMA_EXPORT_ERROR, ALAMA_EXPORT_ERROR_UNSUPPORTED,
                   _("cannot export as “%s” (use jsonl, prodigy, brat, conll, csv, labelstudio or webanno)"),
                   alama_format_to_string (format));
      return FALSE;
    }
}

gboolean
alama_export (AlamaStore                *store,
              AlamaFormat                format,
              const char                *out_path,
              const AlamaExportOptions  *options,
              AlamaExportProgressFunc    progress,
              gpointer                   progress_data,
              GCancellable              *cancellable,
              GError                   **error)
{
  AlamaExportOptions defaults = { 0 };
  gboolean snapshot;
  gboolean ok;

  g_return_val_if_fail (ALAMA_IS_STORE (store), FALSE);
  g_return_val_if_fail (out_path != NULL, FALSE);

  if (options == NULL)
    options = &defaults;

  /* One read transaction for the whole export: the dataset is one snapshot of
   * the project even while the workbench keeps writing to it, and SQLite takes
   * its shared lock once instead of once per query (about a tenth of a JSONL
   * export's time went to that). Not when the caller is inside a change. */
  snapshot = sqlite3_get_autocommit (_alama_store_get_db (store)) &&
             _alama_store_exec (store, "BEGIN", NULL);
  ok = export_format (store, format, out_path, options, progress, progress_data,
                      cancellable, error);
  if (snapshot)
    _alama_store_exec (store, "COMMIT", NULL);

  return ok;
}
