/* io-test-util.h: small helpers shared by the import/export tests.
 *
 * Header-only (static functions) because each test-NAME.c is built on its own.
 */
#pragma once

#include <string.h>

#include <glib/gstdio.h>

#include "alama/alama.h"

static inline char *
io_fixture (const char *first, ...)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  const char *part;
  va_list args;

  /* G_TEST_DIST is G_TEST_SRCDIR, which meson sets to tests/. */
  g_ptr_array_add (parts, (char *) g_test_get_dir (G_TEST_DIST));
  g_ptr_array_add (parts, (char *) "fixtures");
  va_start (args, first);
  for (part = first; part != NULL; part = va_arg (args, const char *))
    g_ptr_array_add (parts, (char *) part);
  va_end (args);
  g_ptr_array_add (parts, NULL);

  return g_build_filenamev ((char **) parts->pdata);
}

static inline char *
io_read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static inline GBytes *
io_read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

/* A fresh folder for one test; removed by io_remove_tree(). */
static inline char *
io_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("alama-io-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static inline void
io_remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          io_remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static inline AlamaStore *
io_open_project (const char *path)
{
  g_autoptr(GError) error = NULL;
  AlamaStore *store = alama_store_open (path, ALAMA_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  alama_store_set_annotator (store, "tester");
  return store;
}

static inline void
io_import (AlamaStore               *store,
           const char               *path,
           const AlamaImportOptions *options,
           AlamaImportReport        *report)
{
  g_autoptr(GError) error = NULL;
  const char *paths[] = { path, NULL };

  alama_import_paths (store, paths, options, NULL, NULL, NULL, report, &error);
  g_assert_no_error (error);
}

static inline AlamaDocument *
io_find (AlamaStore *store,
         const char *name)
{
  AlamaDocument *document = alama_store_find_document (store, name);

  if (document == NULL)
    g_error ("no document named %s", name);
  return document;
}

/* Spans of a document as "LABEL<TAB>s e[;s e]" lines in the store's order. */
static inline char *
io_spans_summary (AlamaStore      *store,
                  gint64           document_id,
                  AlamaStatusMask  statuses)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = alama_store_list_spans (store, document_id, statuses, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < spans->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (spans, i);

      g_string_append_printf (out, "%s\t", span->label);
      for (guint f = 0; f < span->fragments->len; f++)
        {
          const AlamaFragment *fr = &g_array_index (span->fragments, AlamaFragment, f);
          g_string_append_printf (out, "%s%" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                                  f ? ";" : "", fr->start, fr->end);
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static inline int
io_compare_strings (gconstpointer a,
                    gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The non-empty lines of @text sorted and joined again, so that two summaries
 * compare without depending on the order of equal-start spans. */
static inline char *
io_sorted_lines (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      g_ptr_array_add (kept, lines[i]);
  g_ptr_array_sort (kept, io_compare_strings);
  for (guint i = 0; i < kept->len; i++)
    g_string_append_printf (out, "%s\n", (char *) g_ptr_array_index (kept, i));
  return g_string_free (out, FALSE);
}

/* Asserts that importing @fixture into a project that already holds a document
 * fails with @code and leaves the project file's bytes as they were. Returns the
 * error message for further checks. */
static inline char *
io_assert_import_fails (const char               *fixture,
                        const AlamaImportOptions *options,
                        int                       code)
{
  g_autofree char *dir = io_tmp_dir ();
  g_autofree char *project = g_build_filename (dir, "p.alama", NULL);
  g_autofree char *seed = io_fixture ("import", "folder", "beirut", "report.txt", NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  AlamaImportReport report;
  AlamaStore *store;
  char *message;

  store = io_open_project (project);
  alama_import_report_init (&report);
  io_import (store, seed, NULL, &report);
  g_object_unref (store);
  before = io_read_bytes (project);

  store = io_open_project (project);
  g_assert_false (alama_import_file (store, fixture, options, &report, &error));
  g_assert_error (error, ALAMA_IMPORT_ERROR, code);
  g_assert_cmpuint (alama_store_get_n_documents (store), ==, 1);
  g_object_unref (store);
  alama_import_report_clear (&report);

  after = io_read_bytes (project);
  g_assert_true (g_bytes_equal (before, after));

  message = g_strdup (error->message);
  io_remove_tree (dir);
  return message;
}
