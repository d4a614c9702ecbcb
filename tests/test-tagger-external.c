/* test-tagger-external.c: an external model (tests/fixtures/taggers/example-model.py)
 * over stdin/stdout JSONL, with a bad output line and a failing command. */
#define G_LOG_DOMAIN "test-tagger-external"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "alama/alama.h"

#include "tagger-test-util.h"

static char *
model_command (const char *extra)
{
  const char *script = g_test_get_filename (G_TEST_DIST, "fixtures", "taggers",
                                            "example-model.py", NULL);
  g_autofree char *quoted = g_shell_quote (script);

  return g_strdup_printf ("python3 %s %s", quoted, extra);
}

static void
test_external (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaTaggerReport) report = alama_tagger_report_new ("wordlist");
  g_autoptr(GPtrArray) spans_1 = NULL;
  g_autoptr(GPtrArray) spans_2 = NULL;
  g_autofree char *command = model_command ("--emit-bad-line بوتين=PER موسكو=GPE");
  /* An emoji before the names: offsets are code points, not UTF-16 units. */
  const char *text_1 = "😀 وصل بوتين إلى موسكو، ثم غادر بوتين.";
  const char *text_2 = "قالت موسكو إن المحادثات مستمرة.";
  Project project = { 0 };
  gint64 doc_1, doc_2, rejected_id;
  gint64 start;

  project_open_empty (&project);
  doc_1 = project_add_document (&project, "one", text_1);
  doc_2 = project_add_document (&project, "two", text_2);
  /* The analyst rejected موسكو in "two" earlier: it must not come back. */
  rejected_id = project_add_span (&project, doc_2, text_2, "موسكو", 0, "GPE", "wordlist",
                                  ALAMA_STATUS_REJECTED);

  g_assert_true (alama_tagger_run_external (project.store, command, "wordlist", NULL, report,
                                            NULL, &error));
  g_assert_no_error (error);

  /* The bad line is line 2 of the model's output and is named. */
  g_assert_cmpuint (report->messages->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (report->messages, 0), "line 2"));

  /* Line 1 (document one) and line 3 (document two) landed. */
  g_assert_cmpuint (report->n_spans_added, ==, 3);
  spans_1 = alama_store_list_spans (project.store, doc_1, ALAMA_STATUS_MASK_ALL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans_1->len, ==, 3);
  start = cp_of_nth (text_1, "بوتين", 0);
  g_assert_cmpint (start, ==, 6);
  g_assert_nonnull (find_span (spans_1, "PER", start, start + 5));
  start = cp_of_nth (text_1, "بوتين", 1);
  g_assert_nonnull (find_span (spans_1, "PER", start, start + 5));
  start = cp_of_nth (text_1, "موسكو", 0);
  g_assert_nonnull (find_span (spans_1, "GPE", start, start + 5));
  for (guint i = 0; i < spans_1->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (spans_1, i);

      g_assert_cmpint (span->status, ==, ALAMA_STATUS_PENDING);
      g_assert_cmpstr (span->source, ==, "wordlist");
    }

  spans_2 = alama_store_list_spans (project.store, doc_2, ALAMA_STATUS_MASK_ALL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans_2->len, ==, 1);
  g_assert_cmpint (((AlamaSpan *) g_ptr_array_index (spans_2, 0))->id, ==, rejected_id);
  g_assert_cmpint (((AlamaSpan *) g_ptr_array_index (spans_2, 0))->status, ==,
                   ALAMA_STATUS_REJECTED);

  project_close (&project);
}

static void
test_bad_offsets (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaTaggerReport) report = alama_tagger_report_new ("external");
  g_autoptr(GPtrArray) spans = NULL;
  Project project = { 0 };
  /* Line 1: an end beyond the text; line 2: an unknown document; line 3: good. */
  const char *command =
    "cat > /dev/null; "
    "printf '%s\\n' "
    "'{\"name\": \"doc\", \"entities\": [{\"id\": 1, \"label\": \"GPE\", \"start_offset\": 0, \"end_offset\": 99}]}' "
    "'{\"name\": \"nope\", \"entities\": []}' "
    "'{\"name\": \"doc\", \"entities\": [{\"id\": \"T1\", \"label\": \"GPE\", \"start_offset\": 0, \"end_offset\": 4}]}'";
  gint64 doc;

  project_open_empty (&project);
  doc = project_add_document (&project, "doc", "باكو مدينة.");
  g_assert_true (alama_tagger_run_external (project.store, command, NULL, NULL, report, NULL,
                                            &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->messages->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (report->messages, 0), "line 1"));
  g_assert_nonnull (strstr (g_ptr_array_index (report->messages, 0), "99"));
  g_assert_nonnull (strstr (g_ptr_array_index (report->messages, 1), "line 2"));
  g_assert_nonnull (strstr (g_ptr_array_index (report->messages, 1), "nope"));

  spans = alama_store_list_spans (project.store, doc, ALAMA_STATUS_MASK_ALL, &error);
  g_assert_cmpuint (spans->len, ==, 1);
  g_assert_cmpstr (((AlamaSpan *) g_ptr_array_index (spans, 0))->source, ==, "external");
  project_close (&project);
}

static void
test_failing_command (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaTaggerReport) report = alama_tagger_report_new ("external");
  g_autoptr(GPtrArray) spans = NULL;
  Project project = { 0 };
  gint64 doc;
  const char *command =
    "cat > /dev/null; "
    "echo '{\"name\": \"doc\", \"entities\": [{\"label\": \"GPE\", \"start_offset\": 0, \"end_offset\": 4}]}'; "
    "exit 3";

  project_open_empty (&project);
  doc = project_add_document (&project, "doc", "باكو مدينة.");
  g_assert_false (alama_tagger_run_external (project.store, command, NULL, NULL, report, NULL,
                                             &error));
  g_assert_error (error, ALAMA_TAGGER_ERROR, ALAMA_TAGGER_ERROR_COMMAND_FAILED);
  g_assert_nonnull (strstr (error->message, "status 3"));
  spans = alama_store_list_spans (project.store, doc, ALAMA_STATUS_MASK_ALL, NULL);
  g_assert_cmpuint (spans->len, ==, 0);
  project_close (&project);
}

static void
test_two_values_one_line (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaTaggerReport) report = alama_tagger_report_new ("external");
  g_autoptr(GPtrArray) spans = NULL;
  Project project = { 0 };
  /* Line 1: a brace inside a string is not a second value; line 2: two objects
   * (json-glib alone would keep the first and drop the second silently). */
  const char *command =
    "cat > /dev/null; "
    "printf '%s\\n' "
    "'{\"name\": \"doc\", \"note\": \"{x} \\\"q\\\"\", \"entities\": [{\"label\": \"GPE\", \"start_offset\": 0, \"end_offset\": 4}]}' "
    "'{\"name\": \"doc\", \"entities\": [{\"label\": \"GPE\", \"start_offset\": 5, \"end_offset\": 10}]}{\"name\": \"doc\", \"entities\": []}'";
  gint64 doc;

  project_open_empty (&project);
  doc = project_add_document (&project, "doc", "باكو مدينة.");
  g_assert_true (alama_tagger_run_external (project.store, command, NULL, NULL, report, NULL,
                                            &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->messages->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (report->messages, 0), "line 2"));
  g_assert_nonnull (strstr (g_ptr_array_index (report->messages, 0),
                            "more than one JSON value on a line"));

  /* Only line 1's span landed: nothing of line 2. */
  spans = alama_store_list_spans (project.store, doc, ALAMA_STATUS_MASK_ALL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 1);
  g_assert_cmpint (alama_span_get_start (g_ptr_array_index (spans, 0)), ==, 0);
  project_close (&project);
}

/* TRUE while process @pid runs (a zombie has ended: it only awaits its parent). */
static gboolean
process_running (const char *pid)
{
  g_autofree char *stat_path = g_strdup_printf ("/proc/%s/stat", pid);
  g_autofree char *stat = NULL;
  const char *state;

  if (!g_file_get_contents (stat_path, &stat, NULL, NULL))
    return FALSE;
  state = strrchr (stat, ')');
  return state != NULL && state[1] == ' ' && state[2] != 'Z' && state[2] != 'X';
}

/* A model whose child keeps standard output open after the model printed a
 * good line: the timeout kills the whole process group (the child too), stores
 * nothing, and says which document and which timeout. */
static void
test_timeout_kills_group (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaTaggerReport) report = alama_tagger_report_new ("external");
  g_autoptr(GPtrArray) spans = NULL;
  g_autofree char *dir = g_dir_make_tmp ("alama-timeout-XXXXXX", NULL);
  g_autofree char *pid_path = g_build_filename (dir, "child.pid", NULL);
  g_autofree char *quoted = g_shell_quote (pid_path);
  g_autofree char *command = NULL;
  g_autofree char *pid = NULL;
  Project project = { 0 };
  gint64 doc;

  /* It reads its input first, as a model does: a shell that exits before
   * Alama has written the documents makes that write fail (a broken pipe),
   * which is not what this test is about. */
  command = g_strdup_printf (
    "cat > /dev/null; sleep 1000 & echo $! > %s; "
    "echo '{\"name\": \"باكو\", \"entities\": [{\"label\": \"GPE\", \"start_offset\": 0, \"end_offset\": 4}]}'",
    quoted);
  project_open_empty (&project);
  doc = project_add_document (&project, "باكو", "باكو مدينة.");

  g_assert_false (alama_tagger_run_external_full (project.store, command, NULL, NULL, 1, report,
                                                  NULL, &error));
  g_assert_error (error, ALAMA_TAGGER_ERROR, ALAMA_TAGGER_ERROR_TIMED_OUT);
  g_assert_nonnull (strstr (error->message, "1 second "));
  g_assert_nonnull (strstr (error->message, "“باكو”"));
  spans = alama_store_list_spans (project.store, doc, ALAMA_STATUS_MASK_ALL, NULL);
  g_assert_cmpuint (spans->len, ==, 0);

  /* SIGKILL was sent before we returned; wait for it to land (bounded). */
  g_assert_true (g_file_get_contents (pid_path, &pid, NULL, NULL));
  g_strstrip (pid);
  for (guint i = 0; i < 1000 && process_running (pid); i++)
    g_usleep (10 * 1000);
  g_assert_false (process_running (pid));

  g_unlink (pid_path);
  g_rmdir (dir);
  project_close (&project);
}

/* A model's output that json-glib would crash on or read wrong: a line nesting
 * "[" 200,000 deep (json-glib overflowed the stack: SIGSEGV), a "\u0000" in an
 * attribute value (cut there silently), a raw NUL byte (the reader used to stop
 * there, dropping every line after it without a word). Each costs its own line,
 * with a message; the good line after them lands. */
static void
test_hostile_output (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaTaggerReport) report = alama_tagger_report_new ("external");
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GString) output = g_string_new (NULL);
  g_autofree char *dir = g_dir_make_tmp ("alama-tagger-hostile-XXXXXX", &error);
  g_autofree char *output_path = g_build_filename (dir, "output.jsonl", NULL);
  g_autofree char *quoted = g_shell_quote (output_path);
  g_autofree char *command = g_strconcat ("cat > /dev/null; cat ", quoted, NULL);
  const char *expected[] = { "line 1: “note” holds U+0000", "line 2: JSON nested deeper than 512",
                             "line 3: a NUL byte at byte 13 of the line" };
  Project project = { 0 };
  gint64 doc;

  g_assert_no_error (error);
  g_string_append (output, "{\"name\": \"doc\", \"entities\": [{\"label\": \"GPE\", "
                           "\"start_offset\": 0, \"end_offset\": 4, "
                           "\"attributes\": {\"note\": \"باكو\\u0000مخفي\"}}]}\n");
  g_string_append (output, "{\"name\": \"doc\", \"x\": ");
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (output, '[');
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (output, ']');
  g_string_append (output, "}\n");
  g_string_append_len (output, "{\"name\": \"doc\0\", \"entities\": []}\n", 33);
  g_string_append (output, "{\"name\": \"doc\", \"entities\": [{\"label\": \"GPE\", "
                           "\"start_offset\": 5, \"end_offset\": 10}]}\n");
  g_file_set_contents (output_path, output->str, output->len, &error);
  g_assert_no_error (error);

  project_open_empty (&project);
  doc = project_add_document (&project, "doc", "باكو مدينة.");
  g_assert_true (alama_tagger_run_external (project.store, command, NULL, NULL, report, NULL,
                                            &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->messages->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (strstr (g_ptr_array_index (report->messages, i), expected[i]) == NULL)
      g_error ("message “%s” does not say “%s”", (char *) g_ptr_array_index (report->messages, i),
               expected[i]);

  spans = alama_store_list_spans (project.store, doc, ALAMA_STATUS_MASK_ALL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 1);
  g_assert_cmpint (alama_span_get_start (g_ptr_array_index (spans, 0)), ==, 5);
  project_close (&project);
  g_unlink (output_path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alama/tagger-external/example-model", test_external);
  g_test_add_func ("/alama/tagger-external/bad-offsets-and-documents", test_bad_offsets);
  g_test_add_func ("/alama/tagger-external/failing-command", test_failing_command);
  g_test_add_func ("/alama/tagger-external/two-values-one-line", test_two_values_one_line);
  g_test_add_func ("/alama/tagger-external/timeout-kills-group", test_timeout_kills_group);
  g_test_add_func ("/alama/tagger-external/hostile-output", test_hostile_output);

  return g_test_run ();
}
