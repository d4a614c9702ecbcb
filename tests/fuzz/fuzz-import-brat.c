/* fuzz-import-brat.c: the brat importer on an arbitrary .txt/.ann pair.
 *
 * The input is split at its first form feed (0x0C): the bytes before it are
 * doc.txt, the bytes after it doc.ann (no form feed: all of it is the .ann and
 * the .txt is empty). The brat parser reads the pair from disk, so both are
 * written to the fuzzer's private folder first. */
#define G_LOG_DOMAIN "fuzz-import-brat"

#include "config.h"

#include <string.h>

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
  const uint8_t *separator = memchr (data, '\f', size);
  size_t txt_size = separator ? (size_t) (separator - data) : 0;
  const uint8_t *ann = separator ? separator + 1 : data;
  size_t ann_size = separator ? size - txt_size - 1 : size;
  g_autofree char *txt_path = fuzz_write_file ("doc.txt", data, txt_size);
  g_autofree char *ann_path = fuzz_write_file ("doc.ann", ann, ann_size);
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GError) error = NULL;
  AlamaImportOptions options = { 0 };

  /* The parser finds doc.txt beside doc.ann by itself. */
  g_assert (g_str_has_suffix (txt_path, "doc.txt"));
  docs = alama_import_parse_brat (ann_path, &options, &error);
  fuzz_check_parsed (ann_path, docs, error);
  return 0;
}
