/* fuzz-tagger-external.c: an external model's output (JSONL suggestions) from
 * arbitrary bytes.
 *
 * The reader lives inside alama_tagger_run_external(), so the "model" is a
 * shell command that reads the documents and then prints the fuzz input (it
 * must read its input: a model that exits without reading it is another test,
 * see test-fuzz-crashes.c); the suggestions land in a small project
 * (fuzz_open_small_project) whose documents have ids 1-3 and names doc1-doc3.
 * Slower than an in-memory parser (a process per input) but it is the real path.
 * Bad lines must become report messages, never a failure or a crash. */
#define G_LOG_DOMAIN "fuzz-tagger-external"

#include "config.h"

#include <stdlib.h>

#include "fuzz-util.h"
#include "alama/alama-tagger.h"

static AlamaStore *store;
static char *command;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autofree char *output_path = NULL;
  g_autofree char *quoted = NULL;

  fuzz_init_logging ();
  store = fuzz_open_small_project ("external.alama");
  output_path = g_build_filename (fuzz_get_tmp_dir (), "model-output.jsonl", NULL);
  quoted = g_shell_quote (output_path);
  command = g_strconcat ("cat >/dev/null; cat ", quoted, NULL);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* The file `command` prints. */
  g_autofree char *path = fuzz_write_file ("model-output.jsonl", data, size);
  g_autoptr(AlamaTaggerReport) report = alama_tagger_report_new (ALAMA_TAGGER_SOURCE_EXTERNAL);
  g_autoptr(GError) error = NULL;

  /* `cat` always succeeds, so nothing the model prints may fail the run. */
  if (!alama_tagger_run_external (store, command, NULL, NULL, report, NULL, &error))
    {
      g_printerr ("alama_tagger_run_external failed: %s\n", error->message);
      abort ();
    }
  g_free (alama_tagger_report_format (report));
  g_unlink (path);
  return 0;
}
