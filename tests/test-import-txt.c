/* test-import-txt.c: plain text files and folders of them. */
#include "config.h"

#include "io-test-util.h"

static void
test_bom_crlf (void)
{
  g_autofree char *dir = io_tmp_dir ();
  g_autofree char *project = g_build_filename (dir, "p.alama", NULL);
  g_autofree char *path = io_fixture ("import", "bom-crlf.txt", NULL);
  g_autofree char *expected_path = io_fixture ("import", "bom-crlf.expected", NULL);
  g_autofree char *expected = io_read_text (expected_path);
  g_autoptr(AlamaStore) store = io_open_project (project);
  g_autoptr(AlamaDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  AlamaImportReport report;

  alama_import_report_init (&report);
  g_assert_true (alama_import_file (store, path, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_documents, ==, 1);
  g_assert_cmpuint (report.n_spans, ==, 0);

  document = io_find (store, "bom-crlf");
  text = alama_store_dup_document_text (store, alama_document_get_id (document), &error);
  g_assert_no_error (error);
  /* The BOM is gone; CRLF and the harakat are kept byte for byte. */
  g_assert_cmpstr (text, ==, expected);
  g_assert_nonnull (strstr (text, "\r\n"));

  alama_import_report_clear (&report);
  g_clear_object (&store);
  io_remove_tree (dir);
}

static void
test_folder (void)
{
  g_autofree char *dir = io_tmp_dir ();
  g_autofree char *project = g_build_filename (dir, "p.alama", NULL);
  g_autofree char *folder = io_fixture ("import", "folder", NULL);
  g_autoptr(AlamaStore) store = io_open_project (project);
  g_autoptr(AlamaDocument) beirut = NULL;
  g_autoptr(AlamaDocument) tripoli = NULL;
  AlamaImportReport report;

  alama_import_report_init (&report);
  io_import (store, folder, NULL, &report);

  /* Two report.txt in two sub-folders do not clash; notes.md is not text to import. */
  g_assert_cmpuint (report.n_files, ==, 2);
  g_assert_cmpuint (report.n_documents, ==, 2);
  g_assert_cmpuint (alama_store_get_n_documents (store), ==, 2);
  beirut = io_find (store, "beirut/report");
  tripoli = io_find (store, "tripoli/report");
  g_assert_cmpint (alama_document_get_length (beirut), ==,
                   g_utf8_strlen ("أعلن محافظ بيروت مروان عبود أن فرق الإنقاذ ما زالت تبحث عن مفقودين في المرفأ.\n", -1));
  g_assert_cmpint (alama_document_get_id (beirut), !=, alama_document_get_id (tripoli));

  alama_import_report_clear (&report);
  g_clear_object (&store);
  io_remove_tree (dir);
}

static void
test_second_import_skipped (void)
{
  g_autofree char *dir = io_tmp_dir ();
  g_autofree char *project = g_build_filename (dir, "p.alama", NULL);
  g_autofree char *path = io_fixture ("import", "bom-crlf.txt", NULL);
  g_autoptr(AlamaStore) store = io_open_project (project);
  AlamaImportReport report;

  alama_import_report_init (&report);
  io_import (store, path, NULL, &report);
  io_import (store, path, NULL, &report);

  g_assert_cmpuint (report.n_files, ==, 2);
  g_assert_cmpuint (report.n_files_skipped, ==, 1);
  g_assert_cmpuint (report.n_documents, ==, 1);
  g_assert_cmpuint (alama_store_get_n_documents (store), ==, 1);
  g_assert_cmpuint (report.messages->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (report.messages, 0), "skipped "));
  g_assert_true (g_str_has_suffix (g_ptr_array_index (report.messages, 0), ": already imported"));

  alama_import_report_clear (&report);
  g_clear_object (&store);
  io_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alama/import-txt/bom-crlf", test_bom_crlf);
  g_test_add_func ("/alama/import-txt/folder", test_folder);
  g_test_add_func ("/alama/import-txt/second-import-skipped", test_second_import_skipped);

  return g_test_run ();
}
