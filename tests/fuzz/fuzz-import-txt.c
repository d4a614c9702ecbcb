/* fuzz-import-txt.c: the txt importer's parser on arbitrary bytes, then the
 * check alama_import_file() runs on its result. */
#define G_LOG_DOMAIN "fuzz-import-txt"

#include "config.h"

#include "fuzz-util.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init_logging ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GError) error = NULL;
  AlamaImportOptions options = { 0 };

  docs = alama_import_parse_txt ("/fuzz/doc.txt", bytes, &options, &error);
  fuzz_check_parsed ("/fuzz/doc.txt", docs, error);
  return 0;
}
