/* fuzz-util.h: what the libFuzzer targets share.
 *
 * Every target is a single C file with LLVMFuzzerTestOneInput(). They must never
 * crash, leak or trip a sanitizer on any input: errors come back as GError and
 * are freed. Files a target needs (brat pairs, a small project) live in one
 * private folder per process, under /dev/shm when it exists so that the
 * thousands of writes a fuzzing run makes do not touch the disk.
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);
int LLVMFuzzerInitialize (int *argc, char ***argv);

static char *fuzz_tmp_dir;

static void
fuzz_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR))
          fuzz_remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

static void
fuzz_cleanup_tmp_dir (void)
{
  if (fuzz_tmp_dir != NULL)
    fuzz_remove_tree (fuzz_tmp_dir);
  g_clear_pointer (&fuzz_tmp_dir, g_free);
}

/* The process's private folder, made on first use and removed at exit. */
static inline const char *
fuzz_get_tmp_dir (void)
{
  if (fuzz_tmp_dir == NULL)
    {
      g_autofree char *template = NULL;

      if (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) && g_access ("/dev/shm", 02) == 0)
        template = g_strdup ("/dev/shm/alama-fuzz-XXXXXX");
      else
        template = g_build_filename (g_get_tmp_dir (), "alama-fuzz-XXXXXX", NULL);
      fuzz_tmp_dir = g_mkdtemp (g_steal_pointer (&template));
      if (fuzz_tmp_dir == NULL)
        g_error ("cannot make a temporary folder for the fuzzer");
      atexit (fuzz_cleanup_tmp_dir);
    }
  return fuzz_tmp_dir;
}

/* Writes @size bytes to @name in the private folder and returns its path. */
static inline char *
fuzz_write_file (const char    *name,
                 const uint8_t *data,
                 size_t         size)
{
  char *path = g_build_filename (fuzz_get_tmp_dir (), name, NULL);

  if (!g_file_set_contents (path, (const char *) data, (gssize) size, NULL))
    g_error ("cannot write %s", path);
  return path;
}

/* The fuzzers run with G_DEBUG unset: a g_warning from a library must not
 * abort, but a g_critical (a broken precondition in our code) must. */
static inline void
fuzz_init_logging (void)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR);
}

#include "alama/alama-import.h"

/* What every importer target does with a parser's result: the same check
 * alama_import_file() runs before storing (offsets, surfaces, relation indexes). */
static inline void
fuzz_check_parsed (const char *path,
                   GPtrArray  *docs,
                   GError     *error)
{
  g_autoptr(GError) check_error = NULL;

  if (docs == NULL)
    {
      /* A parser that fails must say why, with a message. */
      if (error == NULL || error->message == NULL || error->message[0] == '\0')
        abort ();
      return;
    }
  if (!alama_import_check_docs (path, docs, &check_error) &&
      (check_error == NULL || check_error->message == NULL))
    abort ();
}

#include "alama/alama-store.h"

/* Original news-style sentences for the small projects some targets need. */
static const char * const fuzz_texts[] = {
  "قال الرئيس علييف في باكو إن «الحوار مع يريفان مستمر»، وأضاف أن الاتفاق قريب.",
  "وأكدت وزارة الخارجية الروسية أمس أن موسكو \"لن تتدخل\" 😀 في المحادثات.\r\nNATO و الـ 12 دولة.",
  "اتّهمت أذربيجانُ أرمينيا بخرق الهدنة، بينما نفى باشينيان ذلك في مؤتمر صحفي بـ𝐀.",
};

/* A project in the private folder with the fuzz_texts as doc1, doc2, doc3 (ids
 * 1, 2, 3) and, on doc1, a PER span on علييف, a QUOTE on the quotation and a
 * SPEAKER relation between them. */
static inline AlamaStore *
fuzz_open_small_project (const char *file_name)
{
  g_autofree char *path = g_build_filename (fuzz_get_tmp_dir (), file_name, NULL);
  g_autoptr(AlamaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaSpan) person = alama_span_new ("PER", 11, 16);
  g_autoptr(AlamaSpan) quote = alama_span_new ("QUOTE", 28, 52);
  g_autoptr(AlamaRelation) speaker = NULL;

  store = alama_store_open (path, ALAMA_STORE_OPEN_CREATE, &error);
  if (store == NULL)
    g_error ("cannot make the fuzzer's project %s: %s", path, error->message);
  for (guint i = 0; i < G_N_ELEMENTS (fuzz_texts); i++)
    {
      g_autofree char *name = g_strdup_printf ("doc%u", i + 1);

      if (!alama_store_add_document (store, name, NULL, fuzz_texts[i], NULL, NULL, NULL, &error))
        g_error ("cannot add %s: %s", name, error->message);
    }
  person->document_id = 1;
  quote->document_id = 1;
  if (!alama_store_add_span (store, person, &error) ||
      !alama_store_add_span (store, quote, &error))
    g_error ("cannot add the fuzzer's spans: %s", error->message);
  speaker = alama_relation_new ("SPEAKER", person->id, quote->id);
  if (!alama_store_add_relation (store, speaker, &error))
    g_error ("cannot add the fuzzer's relation: %s", error->message);
  return g_steal_pointer (&store);
}
