/* test-import-errors.c: every bad input fails with its code, a message that
 * says where, and a project file whose bytes have not changed. */
#include "config.h"

#include "io-test-util.h"

static void
assert_contains (const char *message,
                 const char *part)
{
  if (strstr (message, part) == NULL)
    g_error ("“%s” does not mention “%s”", message, part);
}

static void
test_invalid_utf8 (void)
{
  g_autofree char *path = io_fixture ("import", "invalid-utf8.txt", NULL);
  g_autofree char *offset_path = io_fixture ("import", "invalid-utf8.offset", NULL);
  g_autofree char *offset = io_read_text (offset_path);
  g_autofree char *expected = g_strdup_printf ("byte %s", g_strstrip (offset));
  g_autofree char *message = io_assert_import_fails (path, NULL, ALAMA_IMPORT_ERROR_INVALID_UTF8);

  assert_contains (message, "invalid-utf8.txt");
  assert_contains (message, expected);
}

static void
test_jsonl_malformed_line (void)
{
  g_autofree char *path = io_fixture ("jsonl", "bad-line.jsonl", NULL);
  g_autofree char *message = io_assert_import_fails (path, NULL, ALAMA_IMPORT_ERROR_PARSE);

  /* Line 1 is good, line 2 blank, line 3 broken: nothing of the file lands. */
  assert_contains (message, "bad-line.jsonl");
  assert_contains (message, "line 3");
}

static void
test_jsonl_two_values_one_line (void)
{
  g_autofree char *path = io_fixture ("jsonl", "two-values-one-line.jsonl", NULL);
  g_autofree char *message = io_assert_import_fails (path, NULL, ALAMA_IMPORT_ERROR_PARSE);

  /* Line 1 has braces and escaped quotes inside its text and is fine; line 2
   * holds two objects, which json-glib alone accepts (keeping the first). */
  assert_contains (message, "two-values-one-line.jsonl");
  assert_contains (message, "line 2");
  assert_contains (message, "more than one JSON value on a line");
}

static void
test_start_after_end (void)
{
  g_autofree char *path = io_fixture ("jsonl", "start-after-end.jsonl", NULL);
  g_autofree char *message = io_assert_import_fails (path, NULL, ALAMA_IMPORT_ERROR_BAD_OFFSETS);

  assert_contains (message, "start-after-end.jsonl");
  assert_contains (message, "reversed");
  assert_contains (message, "line 1");
}

static void
test_jsonl_beyond_text (void)
{
  g_autofree char *path = io_fixture ("jsonl", "beyond-text.jsonl", NULL);
  g_autofree char *message = io_assert_import_fails (path, NULL, ALAMA_IMPORT_ERROR_BAD_OFFSETS);

  assert_contains (message, "beyond");
}

static void
test_brat_beyond_text (void)
{
  g_autofree char *path = io_fixture ("brat", "beyond.ann", NULL);
  g_autofree char *message = io_assert_import_fails (path, NULL, ALAMA_IMPORT_ERROR_BAD_OFFSETS);

  assert_contains (message, "beyond.ann");
  assert_contains (message, "line 2");
  assert_contains (message, "T2");
}

static void
test_brat_mismatch (void)
{
  g_autofree char *path = io_fixture ("brat", "mismatch.ann", NULL);
  g_autofree char *message = io_assert_import_fails (path, NULL, ALAMA_IMPORT_ERROR_TEXT_MISMATCH);

  assert_contains (message, "mismatch.ann");
  assert_contains (message, "line 2");
  assert_contains (message, "T2");
  assert_contains (message, "الضاحية");
}

static void
test_idrisi_mismatch (void)
{
  g_autofree char *path = io_fixture ("jsonl", "idrisi-mismatch.jsonl", NULL);
  AlamaImportOptions options = {
    .spans_field = "location_mentions", .start_key = "startIdx", .end_key = "endIdx",
    .label_key = "type", .add_labels = TRUE,
  };
  g_autofree char *message = io_assert_import_fails (path, &options, ALAMA_IMPORT_ERROR_TEXT_MISMATCH);

  assert_contains (message, "880001");
  assert_contains (message, "الحمرا");
}

static void
test_unknown_label (void)
{
  g_autofree char *path = io_fixture ("jsonl", "unknown-label.jsonl", NULL);
  g_autofree char *message = io_assert_import_fails (path, NULL, ALAMA_IMPORT_ERROR_UNKNOWN_LABEL);

  assert_contains (message, "WEAPON");
  assert_contains (message, "unknown-label.jsonl");
  assert_contains (message, "line 1");
}

static void
test_unknown_label_added (void)
{
  g_autofree char *dir = io_tmp_dir ();
  g_autofree char *project = g_build_filename (dir, "p.alama", NULL);
  g_autofree char *path = io_fixture ("jsonl", "unknown-label.jsonl", NULL);
  g_autoptr(AlamaStore) store = io_open_project (project);
  g_autoptr(AlamaSchema) schema = NULL;
  AlamaImportOptions options = { .add_labels = TRUE };
  const AlamaLabel *label;

  io_import (store, path, &options, NULL);
  schema = alama_store_get_schema (store);
  label = alama_schema_find_label (schema, "WEAPON");
  g_assert_nonnull (label);
  g_assert_cmpint (label->kind, ==, ALAMA_LABEL_KIND_ENTITY);

  g_clear_object (&store);
  io_remove_tree (dir);
}

static void
test_missing_annotation (void)
{
  g_autofree char *jsonl = io_fixture ("jsonl", "missing-relation.jsonl", NULL);
  g_autofree char *brat = io_fixture ("brat", "dangling.ann", NULL);
  g_autofree char *message1 = io_assert_import_fails (jsonl, NULL, ALAMA_IMPORT_ERROR_MISSING_ANNOTATION);
  g_autofree char *message2 = io_assert_import_fails (brat, NULL, ALAMA_IMPORT_ERROR_MISSING_ANNOTATION);

  assert_contains (message1, "99");
  assert_contains (message2, "dangling.ann");
  assert_contains (message2, "T9");
}

static void
test_relation_not_allowed (void)
{
  g_autofree char *dir = io_tmp_dir ();
  g_autofree char *project = g_build_filename (dir, "p.alama", NULL);
  g_autofree char *path = io_fixture ("jsonl", "not-allowed.jsonl", NULL);
  g_autofree char *message = io_assert_import_fails (path, NULL, ALAMA_IMPORT_ERROR_NOT_ALLOWED);
  g_autoptr(AlamaStore) store = NULL;
  g_autoptr(AlamaSchema) schema = NULL;
  AlamaImportOptions options = { .add_labels = TRUE };

  assert_contains (message, "SPEAKER");

  /* --add-labels widens the type by the labels the file uses. */
  store = io_open_project (project);
  io_import (store, path, &options, NULL);
  schema = alama_store_get_schema (store);
  g_assert_true (alama_schema_relation_allowed (schema, "SPEAKER", "QUOTE", "PER"));
  g_assert_true (alama_schema_relation_allowed (schema, "SPEAKER", "PER", "QUOTE"));

  g_clear_object (&store);
  io_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alama/import-errors/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/alama/import-errors/jsonl-malformed-line", test_jsonl_malformed_line);
  g_test_add_func ("/alama/import-errors/jsonl-two-values-one-line", test_jsonl_two_values_one_line);
  g_test_add_func ("/alama/import-errors/start-after-end", test_start_after_end);
  g_test_add_func ("/alama/import-errors/jsonl-beyond-text", test_jsonl_beyond_text);
  g_test_add_func ("/alama/import-errors/brat-beyond-text", test_brat_beyond_text);
  g_test_add_func ("/alama/import-errors/brat-mismatch", test_brat_mismatch);
  g_test_add_func ("/alama/import-errors/idrisi-mismatch", test_idrisi_mismatch);
  g_test_add_func ("/alama/import-errors/unknown-label", test_unknown_label);
  g_test_add_func ("/alama/import-errors/unknown-label-added", test_unknown_label_added);
  g_test_add_func ("/alama/import-errors/missing-annotation", test_missing_annotation);
  g_test_add_func ("/alama/import-errors/relation-not-allowed", test_relation_not_allowed);

  return g_test_run ();
}
