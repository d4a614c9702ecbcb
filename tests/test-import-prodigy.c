/* test-import-prodigy.c: Prodigy's answers (accept, reject, ignore; per task
 * and per span), one document per text however many tasks hold it, the
 * Prodigy export read back, and offsets counted in UTF-16 units or UTF-8
 * bytes (--offsets) on JSONL import and export. */
#include "config.h"

#include "io-test-util.h"
#include "alama/alama-text.h"

/* The document holding @text (there must be exactly one). */
static AlamaDocument *
find_by_text (AlamaStore *store,
              const char *text)
{
  GListModel *documents = alama_store_get_documents (store);
  AlamaDocument *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(AlamaDocument) document = g_list_model_get_item (documents, i);
      g_autofree char *other = alama_store_dup_document_text (store,
                                                              alama_document_get_id (document),
                                                              NULL);

      if (g_strcmp0 (other, text) != 0)
        continue;
      g_assert_null (found);
      found = g_object_ref (document);
    }
  g_assert_nonnull (found);
  return found;
}

static guint
count_status (AlamaStore  *store,
              AlamaStatus  status)
{
  GListModel *documents = alama_store_get_documents (store);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(AlamaDocument) document = g_list_model_get_item (documents, i);
      g_autoptr(GPtrArray) spans = alama_store_list_spans (store, alama_document_get_id (document),
                                                           1 << status, NULL);

      n += spans->len;
    }
  return n;
}

/* A span accepted by one task and rejected by another is rejected, whichever
 * came first; a later task's new span joins the document; an ignored task is
 * not imported; the first task's metadata stays. */
static void
test_answers_and_one_document_per_text (void)
{
  g_autofree char *dir = io_tmp_dir ();
  g_autofree char *project = g_build_filename (dir, "p.alama", NULL);
  g_autofree char *fixture = io_fixture ("jsonl", "prodigy-answers.jsonl", NULL);
  g_autoptr(AlamaStore) store = io_open_project (project);
  g_autoptr(AlamaDocument) putin = NULL;
  g_autoptr(AlamaDocument) un = NULL;
  g_autofree char *accepted = NULL;
  g_autofree char *rejected = NULL;
  g_autofree char *un_rejected = NULL;
  AlamaImportOptions options = { .add_labels = TRUE };
  AlamaImportReport report;

  alama_import_report_init (&report);
  io_import (store, fixture, &options, &report);
  g_assert_cmpuint (report.n_documents, ==, 2);
  g_assert_cmpuint (alama_store_get_n_documents (store), ==, 2);

  putin = find_by_text (store, "استقبل بوتين في موسكو وزير الخارجية.");
  accepted = io_spans_summary (store, alama_document_get_id (putin), ALAMA_STATUS_MASK_ACCEPTED);
  rejected = io_spans_summary (store, alama_document_get_id (putin), ALAMA_STATUS_MASK_REJECTED);
  g_assert_cmpstr (accepted, ==, "GPE\t16 21\n");
  g_assert_cmpstr (rejected, ==, "PER\t7 12\n");
  g_assert_nonnull (strstr (alama_document_get_metadata_json (putin), "first task"));

  un = find_by_text (store, "أعلنت الأمم المتحدة اليوم.");
  un_rejected = io_spans_summary (store, alama_document_get_id (un), ALAMA_STATUS_MASK_ALL);
  g_assert_cmpstr (un_rejected, ==, "ORG\t6 19\n");
  g_assert_cmpuint (count_status (store, ALAMA_STATUS_REJECTED), ==, 2);
  g_assert_cmpuint (count_status (store, ALAMA_STATUS_ACCEPTED), ==, 1);

  alama_import_report_clear (&report);
  g_clear_object (&store);
  io_remove_tree (dir);
}

/* Twelve tasks of a real Prodigy dataset (SOURCES.md): counted the way a
 * Python reading of the file counts them. */
static void
test_real_prodigy_excerpt (void)
{
  g_autofree char *dir = io_tmp_dir ();
  g_autofree char *project = g_build_filename (dir, "p.alama", NULL);
  g_autofree char *fixture = io_fixture ("jsonl", "prodigy-reddit-excerpt.jsonl", NULL);
  g_autoptr(AlamaStore) store = io_open_project (project);
  g_autoptr(AlamaDocument) citation = NULL;
  g_autoptr(AlamaDocument) twice = NULL;
  g_autofree char *citation_spans = NULL;
  g_autofree char *twice_spans = NULL;
  AlamaImportOptions options = { .add_labels = TRUE };
  AlamaImportReport report;

  alama_import_report_init (&report);
  io_import (store, fixture, &options, &report);
  /* 12 tasks, one ignored, 5 distinct texts among the others. */
  g_assert_cmpuint (alama_store_get_n_documents (store), ==, 5);
  g_assert_cmpuint (report.n_spans, ==, 10);
  g_assert_cmpuint (count_status (store, ALAMA_STATUS_REJECTED), ==, 6);
  g_assert_cmpuint (count_status (store, ALAMA_STATUS_ACCEPTED), ==, 4);

  /* Rejected twice: one document, one rejected span. */
  citation = find_by_text (store, "[Citation Needed]");
  citation_spans = io_spans_summary (store, alama_document_get_id (citation),
                                     ALAMA_STATUS_MASK_REJECTED);
  g_assert_cmpstr (citation_spans, ==, "PRODUCT\t1 9\n");
  /* A task that lists one span twice stores it once. */
  twice = alama_store_find_document (store, "prodigy-reddit-excerpt.jsonl:11");
  g_assert_nonnull (twice);
  twice_spans = io_spans_summary (store, alama_document_get_id (twice), ALAMA_STATUS_MASK_ALL);
  g_assert_cmpstr (twice_spans, ==, "PRODUCT\t15 21\n");

  alama_import_report_clear (&report);
  g_clear_object (&store);
  io_remove_tree (dir);
}

/* Every span of @store's documents as "text|LABEL|start end|status" lines, sorted. */
static char *
all_spans (AlamaStore *store)
{
  GListModel *documents = alama_store_get_documents (store);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(AlamaDocument) document = g_list_model_get_item (documents, i);
      gint64 id = alama_document_get_id (document);
      g_autofree char *text = alama_store_dup_document_text (store, id, NULL);
      g_autoptr(GPtrArray) spans = alama_store_list_spans (store, id, ALAMA_STATUS_MASK_ALL, NULL);

      for (guint s = 0; s < spans->len; s++)
        {
          AlamaSpan *span = g_ptr_array_index (spans, s);

          g_string_append_printf (out, "%s|%s|%" G_GINT64_FORMAT " %" G_GINT64_FORMAT "|%s\n",
                                  text, span->label, alama_span_get_start (span),
                                  alama_span_get_end (span), alama_status_to_string (span->status));
        }
    }
  return io_sorted_lines (out->str);
}

/* Import, export as Prodigy (all statuses, UTF-16 offsets), import that: the
 * same documents and spans; every exported span's text is the text at its
 * offsets, and its tokens cover exactly the span. */
static void
test_prodigy_export_round_trip (void)
{
  g_autofree char *dir = io_tmp_dir ();
  g_autofree char *first_path = g_build_filename (dir, "first.alama", NULL);
  g_autofree char *second_path = g_build_filename (dir, "second.alama", NULL);
  g_autofree char *exported = g_build_filename (dir, "tasks.jsonl", NULL);
  g_autofree char *answers = io_fixture ("jsonl", "prodigy-answers.jsonl", NULL);
  g_autofree char *astral = io_fixture ("jsonl", "utf16-astral.jsonl", NULL);
  g_autoptr(AlamaStore) first = io_open_project (first_path);
  g_autoptr(AlamaStore) second = io_open_project (second_path);
  g_autofree char *contents = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  AlamaImportOptions options = { .add_labels = TRUE };
  AlamaExportOptions export_options = { .statuses = ALAMA_STATUS_MASK_ALL,
                                        .offsets = ALAMA_OFFSETS_UTF16 };
  AlamaImportReport report;
  guint n_checked = 0;

  alama_import_report_init (&report);
  io_import (first, answers, &options, &report);
  options.offsets = ALAMA_OFFSETS_UTF16;
  io_import (first, astral, &options, &report);
  g_assert_true (alama_export (first, ALAMA_FORMAT_PRODIGY, exported, &export_options, NULL,
                               NULL, NULL, &error));
  g_assert_no_error (error);

  contents = io_read_text (exported);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *task;
      JsonArray *spans, *tokens;
      const char *text;

      g_assert_true (json_parser_load_from_data (parser, lines[i], -1, NULL));
      task = json_node_get_object (json_parser_get_root (parser));
      text = json_object_get_string_member (task, "text");
      spans = json_object_get_array_member (task, "spans");
      tokens = json_object_get_array_member (task, "tokens");
      for (guint s = 0; s < json_array_get_length (spans); s++)
        {
          JsonObject *span = json_array_get_object_element (spans, s);
          g_autofree gunichar2 *units = g_utf8_to_utf16 (text, -1, NULL, NULL, NULL);
          gint64 start = json_object_get_int_member (span, "start");
          gint64 end = json_object_get_int_member (span, "end");
          g_autofree char *covered = g_utf16_to_utf8 (units + start, end - start, NULL, NULL,
                                                      NULL);
          JsonObject *first_token = json_array_get_object_element (
            tokens, json_object_get_int_member (span, "token_start"));
          JsonObject *last_token = json_array_get_object_element (
            tokens, json_object_get_int_member (span, "token_end"));

          /* UTF-16 offsets: text[start:end] as JavaScript slices it. */
          g_assert_cmpstr (covered, ==, json_object_get_string_member (span, "text"));
          g_assert_cmpint (json_object_get_int_member (first_token, "start"), ==, start);
          g_assert_cmpint (json_object_get_int_member (last_token, "end"), ==, end);
          n_checked++;
        }
    }
  g_assert_cmpuint (n_checked, ==, 5);

  io_import (second, exported, &options, &report);
  before = all_spans (first);
  after = all_spans (second);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (alama_store_get_n_documents (second), ==, alama_store_get_n_documents (first));

  alama_import_report_clear (&report);
  g_clear_object (&first);
  g_clear_object (&second);
  io_remove_tree (dir);
}

/* doccano JSONL with UTF-16 offsets: read with --offsets utf16, written back
 * with it, the same numbers; without the option the span that records its
 * text is refused, naming the line and the option. UTF-8 bytes likewise. */
static void
test_offset_units (void)
{
  g_autofree char *dir = io_tmp_dir ();
  g_autofree char *project = g_build_filename (dir, "p.alama", NULL);
  g_autofree char *exported = g_build_filename (dir, "back.jsonl", NULL);
  g_autofree char *utf16 = io_fixture ("jsonl", "utf16-astral.jsonl", NULL);
  g_autofree char *utf8 = io_fixture ("jsonl", "utf8-astral.jsonl", NULL);
  g_autofree char *message = NULL;
  g_autofree char *message8 = NULL;
  g_autoptr(AlamaStore) store = io_open_project (project);
  g_autoptr(AlamaDocument) document = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *firemen = NULL;
  g_autofree char *back = NULL;
  AlamaImportOptions options = { .add_labels = TRUE };
  AlamaExportOptions export_options = { .offsets = ALAMA_OFFSETS_UTF16 };
  AlamaImportReport report;

  message = io_assert_import_fails (utf16, &options, ALAMA_IMPORT_ERROR_TEXT_MISMATCH);
  g_assert_nonnull (strstr (message, "line 1"));
  g_assert_nonnull (strstr (message, "--offsets utf16"));
  message8 = io_assert_import_fails (utf8, &options, ALAMA_IMPORT_ERROR_TEXT_MISMATCH);
  g_assert_nonnull (strstr (message8, "--offsets utf8"));

  alama_import_report_init (&report);
  options.offsets = ALAMA_OFFSETS_UTF16;
  io_import (store, utf16, &options, &report);
  document = io_find (store, "astral-news");
  text = alama_store_dup_document_text (store, alama_document_get_id (document), &error);
  spans = alama_store_list_spans (store, alama_document_get_id (document), ALAMA_STATUS_MASK_ALL,
                                  &error);
  g_assert_no_error (error);
  firemen = alama_span_dup_text (g_ptr_array_index (spans, 0), text);
  g_assert_cmpstr (firemen, ==, "firemen");

  g_assert_true (alama_export (store, ALAMA_FORMAT_JSONL, exported, &export_options, NULL, NULL,
                               NULL, &error));
  g_assert_no_error (error);
  back = io_read_text (exported);
  g_assert_nonnull (strstr (back, "\"start_offset\":9,\"end_offset\":16"));

  /* The same file read as UTF-8 bytes: 'firemen' starts at byte 13. */
  g_clear_pointer (&back, g_free);
  export_options.offsets = ALAMA_OFFSETS_UTF8;
  g_assert_true (alama_export (store, ALAMA_FORMAT_JSONL, exported, &export_options, NULL, NULL,
                               NULL, &error));
  back = io_read_text (exported);
  g_assert_nonnull (strstr (back, "\"start_offset\":13,\"end_offset\":20"));

  alama_import_report_clear (&report);
  g_clear_object (&store);
  io_remove_tree (dir);
}

/* Between the halves of a surrogate pair is no offset: refused, not rounded. */
static void
test_offset_inside_a_character (void)
{
  const char *line = "{\"text\": \"🔥 بيروت\", \"label\": [[1, 4, \"GPE\"]]}\n";
  g_autoptr(GBytes) bytes = g_bytes_new (line, strlen (line));
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GError) error = NULL;
  AlamaImportOptions options = { .offsets = ALAMA_OFFSETS_UTF16 };

  docs = alama_import_parse_jsonl ("/tmp/half.jsonl", bytes, &options, &error);
  g_assert_null (docs);
  g_assert_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_BAD_OFFSETS);
  g_assert_nonnull (strstr (error->message, "line 1"));
  g_assert_nonnull (strstr (error->message, "UTF-16"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alama/import-prodigy/answers-and-one-document-per-text",
                   test_answers_and_one_document_per_text);
  g_test_add_func ("/alama/import-prodigy/real-excerpt", test_real_prodigy_excerpt);
  g_test_add_func ("/alama/import-prodigy/export-round-trip", test_prodigy_export_round_trip);
  g_test_add_func ("/alama/import-prodigy/offset-units", test_offset_units);
  g_test_add_func ("/alama/import-prodigy/offset-inside-a-character",
                   test_offset_inside_a_character);

  return g_test_run ();
}
