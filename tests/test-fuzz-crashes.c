/* test-fuzz-crashes.c: inputs the fuzzers (tests/fuzz) found that crashed
 * Alama, each fed to the real entry point, which must now fail cleanly.
 *
 * A new crash found by a fuzzer gets a case here with the smallest input that
 * shows it (and the input goes into the fuzzer's seed corpus too).
 */
#define G_LOG_DOMAIN "test-fuzz-crashes"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "alama/alama.h"

static char *
make_project (char       **out_dir,
              const char  *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaStore) store = NULL;
  char *dir = g_dir_make_tmp ("alama-fuzz-crashes-XXXXXX", &error);
  char *path;

  g_assert_no_error (error);
  path = g_build_filename (dir, "project.alama", NULL);
  store = alama_store_open (path, ALAMA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  if (text != NULL)
    {
      alama_store_add_document (store, "news", NULL, text, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
    }
  *out_dir = dir;
  return path;
}

static void
remove_project (char *dir,
                char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
  g_free (path);
  g_free (dir);
}

static char *
read_file_bytes_of (const char *path,
                    gsize      *len)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, len, &error);
  g_assert_no_error (error);
  return data;
}

/* fuzz-import-brat: "R1<TAB><TAB>SPEAKER Arg1:T1 Arg2:T2" (an empty type field)
 * read past the end of a split and crashed parse_relation(). */
static void
test_brat_empty_relation_type (void)
{
  const char *ann = g_test_get_filename (G_TEST_DIST, "fixtures", "fuzz",
                                         "empty-relation-type.ann", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  AlamaImportOptions options = { 0 };
  char *dir;
  char *path = make_project (&dir, NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;

  docs = alama_import_parse_brat (ann, &options, &error);
  g_assert_null (docs);
  g_assert_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_PARSE);
  /* The message names the file, the line and the relation. */
  g_assert_nonnull (strstr (error->message, "empty-relation-type.ann"));
  g_assert_nonnull (strstr (error->message, "line 3"));
  g_assert_nonnull (strstr (error->message, "R1"));
  g_clear_error (&error);

  /* Through the import of a project: refused, the file left as it was. */
  before = read_file_bytes_of (path, &before_len);
  {
    g_autoptr(AlamaStore) store = alama_store_open (path, ALAMA_STORE_OPEN_DEFAULT, &error);
    AlamaImportReport report;

    g_assert_no_error (error);
    alama_import_report_init (&report);
    g_assert_false (alama_import_file (store, ann, &options, &report, &error));
    g_assert_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_PARSE);
    g_assert_cmpuint (alama_store_get_n_documents (store), ==, 0);
    alama_import_report_clear (&report);
  }
  after = read_file_bytes_of (path, &after_len);
  g_assert_cmpmem (before, before_len, after, after_len);
  remove_project (dir, path);
}

/* fuzz-tagger-external: a model that prints its answer and exits without
 * reading its input made our write to its stdin raise SIGPIPE, which killed the
 * whole program (exit 141, no message). The document has to be larger than a
 * pipe's buffer (64 KiB) for the write to still be going when the model exits.
 * If the bug comes back, this test process dies of SIGPIPE. */
static void
test_external_model_not_reading_input (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaStore) store = NULL;
  g_autoptr(AlamaTaggerReport) report = alama_tagger_report_new (ALAMA_TAGGER_SOURCE_EXTERNAL);
  g_autoptr(GPtrArray) spans = NULL;
  char *dir;
  char *path;

  for (guint i = 0; i < 3000; i++)
    g_string_append (text, "قال الرئيس علييف في باكو إن الحوار مع يريفان مستمر. ");
  path = make_project (&dir, text->str);
  store = alama_store_open (path, ALAMA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  /* Answers at once with a valid suggestion, never reads stdin. */
  g_assert_false (alama_tagger_run_external (store,
                                             "echo '{\"id\": 1, \"entities\": [{\"label\": "
                                             "\"PER\", \"start_offset\": 11, \"end_offset\": 16}]}'",
                                             NULL, NULL, report, NULL, &error));
  g_assert_error (error, ALAMA_TAGGER_ERROR, ALAMA_TAGGER_ERROR_COMMAND_FAILED);
  g_assert_nonnull (strstr (error->message, "echo"));
  g_clear_error (&error);

  /* Nothing was stored. */
  spans = alama_store_list_spans (store, 1, ALAMA_STATUS_MASK_ALL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 0);

  /* A model that does read its input still works on the same project. */
  g_assert_true (alama_tagger_run_external (store,
                                            "cat >/dev/null; echo '{\"id\": 1, \"entities\": "
                                            "[{\"label\": \"PER\", \"start_offset\": 11, "
                                            "\"end_offset\": 16}]}'",
                                            NULL, NULL, report, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&spans, g_ptr_array_unref);
  spans = alama_store_list_spans (store, 1, ALAMA_STATUS_MASK_ALL, &error);
  g_assert_cmpuint (spans->len, ==, 1);

  g_clear_object (&store);
  remove_project (dir, path);
}

/* fuzz-import-jsonl: a fragment offset of 1.6e37 was cast to gint64, which is
 * undefined (UBSan: "outside the range of representable values"); the suite's
 * sanitizer run stops on it. Numbers past gint64's range either way are not
 * offsets: a parse error that names the file and the line. */
static void
test_jsonl_offset_out_of_range (void)
{
  static const char * const offsets[] = {
    "1.6e37", "-1.6e37", "9223372036854775808.0", "1e308",
  };

  for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
    {
      g_autofree char *line =
        g_strdup_printf ("{\"text\": \"قال الرئيس في باكو إن الحوار مستمر.\", \"entities\": "
                         "[{\"id\": \"T1\", \"label\": \"GPE\", \"fragments\": "
                         "[[7, 12], [%s, 24]]}]}\n", offsets[i]);
      g_autofree char *two_lines = g_strconcat ("{\"text\": \"سطر أول سليم.\"}\n", line, NULL);
      g_autoptr(GBytes) bytes = g_bytes_new (two_lines, strlen (two_lines));
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) docs = NULL;
      AlamaImportOptions options = { 0 };

      docs = alama_import_parse_jsonl ("/fuzz/offsets.jsonl", bytes, &options, &error);
      g_assert_null (docs);
      g_assert_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_PARSE);
      g_assert_nonnull (strstr (error->message, "offsets.jsonl"));
      g_assert_nonnull (strstr (error->message, "line 2"));
    }
}

/* A JSONL line nesting "[" 200,000 deep (the fuzzer's shorter 600-level seed is
 * corpus/import-jsonl/too-deep.jsonl) overflowed the stack inside json-glib,
 * which recurses per level: SIGSEGV. Refused before json-glib sees it. */
static void
test_jsonl_too_deep (void)
{
  g_autoptr(GString) data = g_string_new ("{\"text\": \"سطر أول سليم.\"}\n{\"text\": \"نص\", \"m\": ");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = NULL;

  for (guint i = 0; i < 200000; i++)
    g_string_append_c (data, '[');
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (data, ']');
  g_string_append (data, "}\n");
  bytes = g_bytes_new (data->str, data->len);

  docs = alama_import_parse_jsonl ("/fuzz/deep.jsonl", bytes, NULL, &error);
  g_assert_null (docs);
  g_assert_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "deep.jsonl: line 2"));
  g_assert_nonnull (strstr (error->message, "nested deeper than 512 levels"));
}

/* A byte-order mark and "[" alone (fuzz-import-jsonl): the array reader
 * compared three bytes of a text one byte long (heap-buffer-overflow). Now a
 * parse error naming the file. */
static void
test_jsonl_bom_and_bracket (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new ("\xEF\xBB\xBF[", 4);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = NULL;

  docs = alama_import_parse_jsonl ("/fuzz/bom-bracket.json", bytes, NULL, &error);
  g_assert_null (docs);
  g_assert_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "bom-bracket.json"));
}

/* "#T_RL=" with nothing after it (fuzz-import-webanno): the declaration split
 * into no field and its name was read from NULL. Now a parse error naming the
 * file and the line. */
static void
test_webanno_empty_layer (void)
{
  const char *tsv = "#FORMAT=WebAnno TSV 3.3\n#T_RL=\n\n\n#Text=a\n1-1\t0-1\ta\t\n";
  g_autoptr(GBytes) bytes = g_bytes_new (tsv, strlen (tsv));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = NULL;

  docs = alama_import_parse_webanno ("/fuzz/empty-layer.tsv", bytes, NULL, &error);
  g_assert_null (docs);
  g_assert_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "empty-layer.tsv: line 2"));
}

/* A "#Text=" line ending in a high surrogate's escape and a cut "\\u"
 * (fuzz-import-webanno, the fuzzer's own input): the low half's four digits
 * were read past the end of the line. Now the escape is taken as it stands and
 * the file is read or refused by name. */
static void
test_webanno_cut_surrogate_escape (void)
{
  const char *path = g_test_get_filename (G_TEST_DIST, "fixtures", "fuzz",
                                          "webanno-cut-surrogate-escape.tsv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  char *data;
  gsize len;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  {
    /* Exactly the file's bytes, no terminator after them, as the fuzzer gave. */
    g_autoptr(GBytes) bytes = g_bytes_new_take (g_realloc (data, len), len);

    docs = alama_import_parse_webanno (path, bytes, NULL, &error);
  }
  g_assert_true ((docs != NULL) != (error != NULL));
  if (error != NULL)
    g_assert_nonnull (strstr (error->message, "webanno-cut-surrogate-escape.tsv"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/alama/fuzz-crashes/jsonl-offset-out-of-range", test_jsonl_offset_out_of_range);
  g_test_add_func ("/alama/fuzz-crashes/jsonl-too-deep", test_jsonl_too_deep);
  g_test_add_func ("/alama/fuzz-crashes/jsonl-bom-and-bracket", test_jsonl_bom_and_bracket);
  g_test_add_func ("/alama/fuzz-crashes/brat-empty-relation-type", test_brat_empty_relation_type);
  g_test_add_func ("/alama/fuzz-crashes/webanno-empty-layer", test_webanno_empty_layer);
  g_test_add_func ("/alama/fuzz-crashes/webanno-cut-surrogate-escape",
                   test_webanno_cut_surrogate_escape);
  g_test_add_func ("/alama/fuzz-crashes/external-model-not-reading-input",
                   test_external_model_not_reading_input);
  return g_test_run ();
}
