/* test-export-brat.c: a small project exported as a brat folder, every file
 * compared byte for byte with tests/fixtures/brat/expected/. */
#include "config.h"

#include "io-test-util.h"

static void
test_folder (void)
{
  g_autofree char *dir = io_tmp_dir ();
  g_autofree char *project = g_build_filename (dir, "p.alama", NULL);
  g_autofree char *out = g_build_filename (dir, "brat-out", NULL);
  g_autofree char *army = io_fixture ("brat", "army.ann", NULL);
  g_autofree char *army_txt = io_fixture ("brat", "army.txt", NULL);
  g_autofree char *bassil = io_fixture ("jsonl", "roundtrip.jsonl", NULL);
  g_autofree char *expected_dir = io_fixture ("brat", "expected", NULL);
  g_autoptr(AlamaStore) store = io_open_project (project);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) expected = NULL;
  g_autoptr(GDir) produced = NULL;
  g_autoptr(GBytes) army_in = NULL;
  g_autoptr(GBytes) army_out = NULL;
  g_autofree char *army_out_path = NULL;
  const char *name;
  guint n_expected = 0, n_produced = 0;

  io_import (store, army, NULL, NULL);
  io_import (store, bassil, NULL, NULL);

  g_assert_true (alama_export (store, ALAMA_FORMAT_BRAT, out, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  expected = g_dir_open (expected_dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (expected)) != NULL)
    {
      g_autofree char *want_path = g_build_filename (expected_dir, name, NULL);
      g_autofree char *got_path = g_build_filename (out, name, NULL);
      g_autoptr(GBytes) want = io_read_bytes (want_path);
      g_autoptr(GBytes) got = io_read_bytes (got_path);

      if (!g_bytes_equal (want, got))
        g_error ("%s differs from %s:\n%.*s", got_path, want_path,
                 (int) g_bytes_get_size (got), (const char *) g_bytes_get_data (got, NULL));
      n_expected++;
    }

  produced = g_dir_open (out, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (produced)) != NULL)
    n_produced++;
  g_assert_cmpuint (n_produced, ==, n_expected);

  /* The .txt is the imported text byte for byte. */
  army_out_path = g_build_filename (out, "army.txt", NULL);
  army_in = io_read_bytes (army_txt);
  army_out = io_read_bytes (army_out_path);
  g_assert_true (g_bytes_equal (army_in, army_out));

  g_clear_object (&store);
  io_remove_tree (dir);
}

/* A label may hold a plain space (doccano's do); brat's .ann and .conf fields
 * are split at spaces, so the label is written with '_' there; two labels that
 * would become one token are refused before anything is written. */
static void
test_label_with_space (void)
{
  g_autofree char *dir = io_tmp_dir ();
  g_autofree char *project = g_build_filename (dir, "p.alama", NULL);
  g_autofree char *jsonl = g_build_filename (dir, "in.jsonl", NULL);
  g_autofree char *out = g_build_filename (dir, "brat-out", NULL);
  g_autofree char *again = g_build_filename (dir, "brat-again", NULL);
  g_autofree char *ann_path = g_build_filename (out, "d1.ann", NULL);
  g_autofree char *conf_path = g_build_filename (out, "annotation.conf", NULL);
  g_autofree char *ann = NULL;
  g_autofree char *conf = NULL;
  g_autoptr(AlamaStore) store = io_open_project (project);
  g_autoptr(GError) error = NULL;
  AlamaImportOptions options = { 0 };
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_set_contents (jsonl,
                                      "{\"name\":\"d1\",\"text\":\"قال بوتين اليوم\","
                                      "\"spans\":[{\"start\":4,\"end\":9,\"label\":\"PER X\"}]}\n",
                                      -1, &error));
  options.add_labels = TRUE;
  io_import (store, jsonl, &options, NULL);

  g_assert_true (alama_export (store, ALAMA_FORMAT_BRAT, out, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  ann = io_read_text (ann_path);
  lines = g_strsplit (ann, "\t", -1);
  /* "T1<TAB>PER_X 4 9<TAB>بوتين": three space-separated fields in the middle. */
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_cmpstr (lines[1], ==, "PER_X 4 9");
  conf = io_read_text (conf_path);
  g_assert_nonnull (strstr (conf, "\nPER_X\n"));
  g_assert_null (strstr (conf, "PER X"));

  /* A second label that becomes the same token: refused, nothing written. */
  g_assert_true (g_file_set_contents (jsonl,
                                      "{\"name\":\"d2\",\"text\":\"قال بوتين اليوم\","
                                      "\"spans\":[{\"start\":4,\"end\":9,\"label\":\"PER_X\"}]}\n",
                                      -1, &error));
  io_import (store, jsonl, &options, NULL);
  g_assert_false (alama_export (store, ALAMA_FORMAT_BRAT, again, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, ALAMA_EXPORT_ERROR, ALAMA_EXPORT_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "PER X"));
  g_assert_nonnull (strstr (error->message, "PER_X"));
  g_assert_false (g_file_test (again, G_FILE_TEST_EXISTS));

  g_clear_object (&store);
  io_remove_tree (dir);
}

/* An export that stops part-way (here: cancelled) leaves no folder at OUT and
 * no staging folder beside it. */
static void
test_cancelled_leaves_nothing (void)
{
  g_autofree char *dir = io_tmp_dir ();
  g_autofree char *project = g_build_filename (dir, "p.alama", NULL);
  g_autofree char *out = g_build_filename (dir, "brat-out", NULL);
  g_autofree char *bassil = io_fixture ("jsonl", "roundtrip.jsonl", NULL);
  g_autoptr(AlamaStore) store = io_open_project (project);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *name;

  io_import (store, bassil, NULL, NULL);
  g_cancellable_cancel (cancellable);

  g_assert_false (alama_export (store, ALAMA_FORMAT_BRAT, out, NULL, NULL, NULL, cancellable,
                                &error));
  g_assert_error (error, ALAMA_EXPORT_ERROR, ALAMA_EXPORT_ERROR_CANCELLED);

  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    g_assert_true (g_str_has_prefix (name, "p.alama"));

  g_clear_object (&store);
  io_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alama/export-brat/folder", test_folder);
  g_test_add_func ("/alama/export-brat/label-with-space", test_label_with_space);
  g_test_add_func ("/alama/export-brat/cancelled-leaves-nothing", test_cancelled_leaves_nothing);

  return g_test_run ();
}
