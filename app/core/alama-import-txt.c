/* alama-import-txt.c: a plain UTF-8 text file is one document without annotations.
 *
 * The text is kept exactly as it is in the file once the UTF-8 is checked and a
 * leading BOM dropped: CRLF, NFD, controls and everything else stay.
 */
#define G_LOG_DOMAIN "alama-import-txt"

#include "config.h"

#include "alama/alama-import.h"
#include "alama-import-private.h"

GPtrArray *
alama_import_parse_txt (const char                *path,
                        GBytes                    *data,
                        const AlamaImportOptions  *options,
                        GError                   **error)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) alama_import_doc_free);
  g_autofree char *name = NULL;
  char *text;
  gsize len = 0;
  const char *bytes;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);

  bytes = g_bytes_get_data (data, &len);
  if ((text = _alama_import_text_from_bytes (path, bytes ? bytes : "", len, error)) == NULL)
    return NULL;

  name = _alama_import_name_from_path (path, ".txt");
  g_ptr_array_add (docs, alama_import_doc_new (name, path, text));

  return g_steal_pointer (&docs);
}
