/* fuzz-import-webanno.c: the WebAnno TSV importer's parser on arbitrary bytes,
 * then the check alama_import_file() runs on its result. */
#define G_LOG_DOMAIN "fuzz-import-webanno"

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

  docs = alama_import_parse_webanno ("/fuzz/doc.tsv", bytes, &options, &error);
  fuzz_check_parsed ("/fuzz/doc.tsv", docs, error);
  return 0;
}
