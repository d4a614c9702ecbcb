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

/* "byte N of the file" for the first occurrence of @needle in fixture @path. */
static char *
byte_of (const char *path,
         const char *needle)
{
  g_autoptr(GBytes) bytes = io_read_bytes (path);
  gsize len = 0;
  const char *contents = g_bytes_get_data (bytes, &len);
  const char *at = g_strstr_len (contents, len, needle);

  g_assert_nonnull (at);
  return g_strdup_printf ("byte %" G_GSIZE_FORMAT " of the file", (gsize) (at - contents));
}

/* A line nesting "[" 200,000 deep overflowed the stack inside json-glib
 * (SIGSEGV); it is refused before json-glib sees it. */
static void
test_jsonl_too_deep (void)
{
  g_autofree char *dir = io_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "deep.jsonl", NULL);
  g_autoptr(GString) line = g_string_new ("{\"text\":\"نص\"}\n{\"text\":\"نص\",\"m\":");
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  for (guint i = 0; i < 200000; i++)
    g_string_append_c (line, '[');
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (line, ']');
  g_string_append (line, "}\n");
  g_file_set_contents (path, line->str, line->len, &error);
  g_assert_no_error (error);

  message = io_assert_import_fails (path, NULL, ALAMA_IMPORT_ERROR_PARSE);
  assert_contains (message, "deep.jsonl");
  assert_contains (message, "line 2");
  assert_contains (message, "nested deeper than 512 levels");
  io_remove_tree (dir);
}

/* "\u0000" in a text imported with exit 0 and the text cut there; it is
 * refused with the line, the field and the byte. */
static void
test_jsonl_nul_escape (void)
{
  g_autofree char *path = io_fixture ("jsonl", "nul-in-text.jsonl", NULL);
  g_autofree char *attribute = io_fixture ("jsonl", "nul-in-attribute.jsonl", NULL);
  g_autofree char *message = io_assert_import_fails (path, NULL, ALAMA_IMPORT_ERROR_PARSE);
  g_autofree char *message2 = io_assert_import_fails (attribute, NULL, ALAMA_IMPORT_ERROR_PARSE);
  g_autofree char *where = byte_of (path, "\\u0000");
  g_autofree char *where2 = byte_of (attribute, "\\u0000");

  assert_contains (message, "nul-in-text.jsonl: line 2");
  assert_contains (message, "“text” holds U+0000");
  assert_contains (message, where);
  assert_contains (message2, "line 1");
  assert_contains (message2, "“role” holds U+0000");
  assert_contains (message2, where2);
}

/* An escaped backslash followed by "u0000" is the text “\u0000”, no NUL. */
static void
test_jsonl_escaped_backslash_is_no_nul (void)
{
  g_autofree char *path = io_fixture ("jsonl", "escaped-backslash-u0000.jsonl", NULL);
  g_autoptr(GBytes) bytes = io_read_bytes (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = alama_import_parse_jsonl (path, bytes, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (docs->len, ==, 1);
  g_assert_cmpstr (((AlamaImportDoc *) docs->pdata[0])->text, ==, "المسار C:\\u0000 في الملف");
}

/* "\ud800" alone was reported with an offset into the decoded text ("not valid
 * UTF-8 at byte 4"); now with the line and the byte of the file. */
static void
test_jsonl_lone_surrogate (void)
{
  g_autofree char *path = io_fixture ("jsonl", "lone-surrogate.jsonl", NULL);
  g_autofree char *message = io_assert_import_fails (path, NULL, ALAMA_IMPORT_ERROR_PARSE);
  g_autofree char *where = byte_of (path, "\\ud800");

  assert_contains (message, "lone-surrogate.jsonl: line 2");
  assert_contains (message, "\\ud800");
  assert_contains (message, where);

  /* What follows a high surrogate must be an escape of a low one, not just
   * look like one after another character. */
  {
    const char *line = "{\"text\": \"نص \\ud800xudc00\"}\n";
    g_autoptr(GBytes) bytes = g_bytes_new (line, strlen (line));
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) docs = alama_import_parse_jsonl ("/tmp/pair.jsonl", bytes, NULL, &error);

    g_assert_null (docs);
    g_assert_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_PARSE);
    assert_contains (error->message, "holds \\ud800");
  }
}

/* An offset of 2^63 was reported as "end -9223372036854775808" (json-glib wraps
 * it round); now the number as written. */
static void
test_jsonl_integer_out_of_range (void)
{
  g_autofree char *path = io_fixture ("jsonl", "offset-2-63.jsonl", NULL);
  g_autofree char *message = io_assert_import_fails (path, NULL, ALAMA_IMPORT_ERROR_PARSE);

  assert_contains (message, "line 1");
  assert_contains (message, "9223372036854775808");
  if (strstr (message, "-9223372036854775808") != NULL)
    g_error ("“%s” reports the wrapped number", message);
}

/* A byte-order mark at the start of line 2 (two files joined with cat) was
 * "more than one JSON value on a line"; it is skipped like the file's own. */
static void
test_jsonl_bom_on_later_line (void)
{
  g_autofree char *path = io_fixture ("jsonl", "bom-line-2.jsonl", NULL);
  g_autoptr(GBytes) bytes = io_read_bytes (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = alama_import_parse_jsonl (path, bytes, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (docs->len, ==, 2);
  g_assert_cmpstr (((AlamaImportDoc *) docs->pdata[1])->name, ==, "b");
  g_assert_cmpstr (((AlamaImportDoc *) docs->pdata[1])->text, ==, "نص 2");
}

/* --add-labels took a label with a tab into the schema (GLib-CRITICALs on
 * schema --export, broken brat and CoNLL lines); refused, naming the span. */
static void
test_label_with_tab (void)
{
  g_autofree char *path = io_fixture ("jsonl", "label-with-tab.jsonl", NULL);
  AlamaImportOptions options = { .add_labels = TRUE };
  g_autofree char *message = io_assert_import_fails (path, &options, ALAMA_IMPORT_ERROR_PARSE);

  assert_contains (message, "label-with-tab.jsonl: document “خبر”, span line 1, label 1");
  assert_contains (message, "label “PER<U+0009>” holds U+0009");
}

/* In a file that is one JSON array, an error names the element and its line. */
static void
test_json_array_bad_element (void)
{
  g_autofree char *path = io_fixture ("jsonl", "array-bad-element.json", NULL);
  g_autofree char *message = io_assert_import_fails (path, NULL, ALAMA_IMPORT_ERROR_PARSE);

  assert_contains (message, "array-bad-element.json: array element 3, line 16");
  assert_contains (message, "“start_offset” and “end_offset” must be integers");
}

/* A JSON object spread over several lines was "line 2: not valid JSON"; the
 * message now says that JSONL wants one document per line. */
static void
test_jsonl_pretty_printed_object (void)
{
  g_autofree char *path = io_fixture ("jsonl", "pretty-object.jsonl", NULL);
  g_autofree char *message = io_assert_import_fails (path, NULL, ALAMA_IMPORT_ERROR_PARSE);

  assert_contains (message, "pretty-object.jsonl: line 2: a JSON value runs on to line 5");
  assert_contains (message, "JSONL wants one document per line");
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
  g_test_add_func ("/alama/import-errors/jsonl-too-deep", test_jsonl_too_deep);
  g_test_add_func ("/alama/import-errors/label-with-tab", test_label_with_tab);
  g_test_add_func ("/alama/import-errors/json-array-bad-element", test_json_array_bad_element);
  g_test_add_func ("/alama/import-errors/jsonl-pretty-printed-object",
                   test_jsonl_pretty_printed_object);
  g_test_add_func ("/alama/import-errors/jsonl-nul-escape", test_jsonl_nul_escape);
  g_test_add_func ("/alama/import-errors/jsonl-escaped-backslash-is-no-nul",
                   test_jsonl_escaped_backslash_is_no_nul);
  g_test_add_func ("/alama/import-errors/jsonl-lone-surrogate", test_jsonl_lone_surrogate);
  g_test_add_func ("/alama/import-errors/jsonl-integer-out-of-range",
                   test_jsonl_integer_out_of_range);
  g_test_add_func ("/alama/import-errors/jsonl-bom-on-later-line", test_jsonl_bom_on_later_line);

  return g_test_run ();
}
