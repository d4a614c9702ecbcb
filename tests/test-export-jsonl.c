/* test-export-jsonl.c: a small project exported as JSONL, compared byte for
 * byte with the expected files. */
#include "config.h"

#include "io-test-util.h"

static AlamaStore *
make_project (const char *project)
{
  g_autofree char *path = io_fixture ("jsonl", "roundtrip.jsonl", NULL);
  AlamaStore *store = io_open_project (project);

  io_import (store, path, NULL, NULL);
  return store;
}

static void
assert_export_equals (AlamaStore      *store,
                      AlamaStatusMask  statuses,
                      const char      *out_path,
                      const char      *expected_fixture)
{
  g_autofree char *expected_path = io_fixture ("jsonl", expected_fixture, NULL);
  g_autoptr(GBytes) expected = io_read_bytes (expected_path);
  g_autoptr(GBytes) got = NULL;
  g_autoptr(GError) error = NULL;
  AlamaExportOptions options = { .statuses = statuses };

  g_assert_true (alama_export (store, ALAMA_FORMAT_JSONL, out_path, &options,
                               NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  got = io_read_bytes (out_path);
  if (!g_bytes_equal (expected, got))
    g_error ("%s differs from %s:\n%.*s", out_path, expected_path,
             (int) g_bytes_get_size (got), (const char *) g_bytes_get_data (got, NULL));
}

static void
test_all_statuses (void)
{
  g_autofree char *dir = io_tmp_dir ();
  g_autofree char *project = g_build_filename (dir, "p.alama", NULL);
  g_autofree char *out = g_build_filename (dir, "out.jsonl", NULL);
  g_autoptr(AlamaStore) store = make_project (project);

  assert_export_equals (store, ALAMA_STATUS_MASK_ALL, out, "expected-export-all.jsonl");

  g_clear_object (&store);
  io_remove_tree (dir);
}

static void
test_accepted_only (void)
{
  g_autofree char *dir = io_tmp_dir ();
  g_autofree char *project = g_build_filename (dir, "p.alama", NULL);
  g_autofree char *out = g_build_filename (dir, "out.jsonl", NULL);
  g_autoptr(AlamaStore) store = make_project (project);

  /* statuses 0 = accepted only: the pending EVENT, the rejected DATE and the
   * pending CLAIMANT relation are left out. */
  assert_export_equals (store, 0, out, "expected-export-accepted.jsonl");

  g_clear_object (&store);
  io_remove_tree (dir);
}

static void
test_unknown_document (void)
{
  g_autofree char *dir = io_tmp_dir ();
  g_autofree char *project = g_build_filename (dir, "p.alama", NULL);
  g_autofree char *out = g_build_filename (dir, "out.jsonl", NULL);
  g_autoptr(AlamaStore) store = make_project (project);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) selected = NULL;
  const char *names[] = { "bassil", "no-such-doc", NULL };
  const char *good[] = { "bassil", "bassil", NULL };
  AlamaExportOptions options = { .doc_names = names };
  AlamaExportOptions good_options = { .doc_names = good };

  g_assert_false (alama_export (store, ALAMA_FORMAT_JSONL, out, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, ALAMA_EXPORT_ERROR, ALAMA_EXPORT_ERROR_NO_SUCH_DOCUMENT);
  g_assert_nonnull (strstr (error->message, "no-such-doc"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  selected = alama_export_select_documents (store, &good_options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (selected->len, ==, 1);

  g_clear_object (&store);
  io_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alama/export-jsonl/all-statuses", test_all_statuses);
  g_test_add_func ("/alama/export-jsonl/accepted-only", test_accepted_only);
  g_test_add_func ("/alama/export-jsonl/unknown-document", test_unknown_document);

  return g_test_run ();
}
