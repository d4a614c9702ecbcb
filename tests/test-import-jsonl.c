/* test-import-jsonl.c: doccano JSONL (both layouts), IDRISI-style options,
 * suggestions, and code point offsets after non-BMP characters. */
#include "config.h"

#include "io-test-util.h"

static void
free_gstring (gpointer data)
{
  g_string_free (data, TRUE);
}

/* Compares the stored spans of every document named in @tsv_fixture (lines
 * "DOC<TAB>LABEL<TAB>START<TAB>END<TAB>SURFACE") with the file. */
static void
assert_spans_match_tsv (AlamaStore *store,
                        const char *tsv_fixture)
{
  g_autofree char *path = io_fixture ("jsonl", tsv_fixture, NULL);
  g_autofree char *contents = io_read_text (path);
  g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_gstring);
  GHashTableIter iter;
  gpointer name, summary;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);
      GString *doc_lines;

      if (lines[i][0] == '\0')
        continue;
      g_assert_cmpuint (g_strv_length (fields), ==, 5);
      doc_lines = g_hash_table_lookup (expected, fields[0]);
      if (doc_lines == NULL)
        {
          doc_lines = g_string_new (NULL);
          g_hash_table_insert (expected, g_strdup (fields[0]), doc_lines);
        }
      g_string_append_printf (doc_lines, "%s\t%s %s\n", fields[1], fields[2], fields[3]);
    }

  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &name, &summary))
    {
      g_autoptr(AlamaDocument) document = io_find (store, name);
      g_autofree char *got = io_spans_summary (store, alama_document_get_id (document),
                                               ALAMA_STATUS_MASK_ALL);
      g_autofree char *got_sorted = io_sorted_lines (got);
      g_autofree char *want_sorted = io_sorted_lines (((GString *) summary)->str);

      g_assert_cmpstr (got_sorted, ==, want_sorted);
    }
}

static void
test_doccano (void)
{
  g_autofree char *dir = io_tmp_dir ();
  g_autofree char *project = g_build_filename (dir, "p.alama", NULL);
  g_autofree char *label_form = io_fixture ("jsonl", "doccano-label.jsonl", NULL);
  g_autofree char *entities_form = io_fixture ("jsonl", "entities.jsonl", NULL);
  g_autoptr(AlamaStore) store = io_open_project (project);
  g_autoptr(AlamaDocument) first = NULL;
  g_autoptr(AlamaDocument) jmayel = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GError) error = NULL;
  AlamaImportReport report;

  alama_import_report_init (&report);
  io_import (store, label_form, NULL, &report);
  /* The trailing blank line is skipped, not a document. */
  g_assert_cmpuint (report.n_documents, ==, 2);
  io_import (store, entities_form, NULL, &report);
  g_assert_cmpuint (report.n_documents, ==, 3);
  g_assert_cmpuint (report.n_spans, ==, 4 + 2 + 3);
  g_assert_cmpuint (report.n_relations, ==, 2);

  assert_spans_match_tsv (store, "expected-spans.tsv");

  /* Other keys are metadata; the id names the document. */
  first = io_find (store, "7");
  g_assert_nonnull (strstr (alama_document_get_metadata_json (first), "source_site"));
  g_assert_null (strstr (alama_document_get_metadata_json (first), "\"label\""));

  jmayel = io_find (store, "jmayel-1");
  g_assert_nonnull (strstr (alama_document_get_metadata_json (jmayel), "2021-03-02"));
  relations = alama_store_list_relations (store, alama_document_get_id (jmayel),
                                          ALAMA_STATUS_MASK_ALL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (relations->len, ==, 2);
  for (guint i = 0; i < relations->len; i++)
    {
      AlamaRelation *relation = g_ptr_array_index (relations, i);
      g_autoptr(AlamaSpan) from = alama_store_get_span (store, relation->from_id, &error);
      g_autoptr(AlamaSpan) to = alama_store_get_span (store, relation->to_id, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (to->label, ==, "QUOTE");
      g_assert_cmpstr (from->label, ==, g_str_equal (relation->type, "SPEAKER") ? "PER" : "CUE");
      g_assert_cmpint (relation->status, ==, ALAMA_STATUS_ACCEPTED);
      g_assert_cmpstr (relation->source, ==, ALAMA_SOURCE_MANUAL);
    }

  alama_import_report_clear (&report);
  g_clear_object (&store);
  io_remove_tree (dir);
}

static void
test_idrisi_options (void)
{
  g_autofree char *dir = io_tmp_dir ();
  g_autofree char *project = g_build_filename (dir, "p.alama", NULL);
  g_autofree char *path = io_fixture ("jsonl", "idrisi-tweets.jsonl", NULL);
  g_autoptr(AlamaStore) store = io_open_project (project);
  g_autoptr(AlamaSchema) schema = NULL;
  g_autoptr(AlamaDocument) tweet = NULL;
  AlamaImportOptions options = {
    .spans_field = "location_mentions",
    .start_key = "startIdx",
    .end_key = "endIdx",
    .label_key = "type",
    .add_labels = TRUE,
  };
  AlamaImportReport report;

  alama_import_report_init (&report);
  io_import (store, path, &options, &report);
  g_assert_cmpuint (report.n_documents, ==, 2);
  g_assert_cmpuint (report.n_spans, ==, 6);

  /* Nested mentions and emoji (🔴, 🙏🏻 = two code points) before spans land exactly. */
  assert_spans_match_tsv (store, "idrisi-expected.tsv");

  schema = alama_store_get_schema (store);
  g_assert_nonnull (alama_schema_find_label (schema, "HPOI"));
  g_assert_nonnull (alama_schema_find_label (schema, "NEIGH"));

  tweet = io_find (store, "880001");
  g_assert_nonnull (strstr (alama_document_get_metadata_json (tweet), "created_at"));
  g_assert_null (strstr (alama_document_get_metadata_json (tweet), "location_mentions"));

  alama_import_report_clear (&report);
  g_clear_object (&store);
  io_remove_tree (dir);
}

static void
test_astral_offsets (void)
{
  g_autofree char *dir = io_tmp_dir ();
  g_autofree char *project = g_build_filename (dir, "p.alama", NULL);
  g_autofree char *path = io_fixture ("jsonl", "astral.jsonl", NULL);
  g_autofree char *expected_path = io_fixture ("jsonl", "astral.expected", NULL);
  g_autofree char *expected = io_read_text (expected_path);
  g_autoptr(AlamaStore) store = io_open_project (project);
  g_autoptr(AlamaDocument) document = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *covered = NULL;
  g_autofree char *got = NULL;
  AlamaSpan *span;

  io_import (store, path, NULL, NULL);
  document = io_find (store, "astral");
  text = alama_store_dup_document_text (store, alama_document_get_id (document), &error);
  spans = alama_store_list_spans (store, alama_document_get_id (document), ALAMA_STATUS_MASK_ALL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 1);
  span = g_ptr_array_index (spans, 0);

  /* Where Python's text[start:end] says, not where UTF-16 would put it. */
  got = g_strdup_printf ("%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\n",
                         alama_span_get_start (span), alama_span_get_end (span));
  g_assert_cmpstr (got, ==, expected);
  covered = alama_text_substring (text, alama_span_get_start (span), alama_span_get_end (span));
  g_assert_cmpstr (covered, ==, "طرابلس");
  g_assert_cmpint (alama_text_cp_to_utf16 (text, alama_span_get_start (span)), ==,
                   alama_span_get_start (span) + 2);

  g_clear_object (&store);
  io_remove_tree (dir);
}

static void
test_suggestions (void)
{
  g_autofree char *dir = io_tmp_dir ();
  g_autofree char *project = g_build_filename (dir, "p.alama", NULL);
  g_autofree char *path = io_fixture ("jsonl", "entities.jsonl", NULL);
  g_autoptr(AlamaStore) store = io_open_project (project);
  g_autoptr(AlamaDocument) document = NULL;
  g_autoptr(GPtrArray) accepted = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GError) error = NULL;
  AlamaImportOptions options = { .as_suggestions = TRUE, .source = "ner-model-2" };

  io_import (store, path, &options, NULL);
  document = io_find (store, "jmayel-1");
  accepted = alama_store_list_spans (store, alama_document_get_id (document),
                                     ALAMA_STATUS_MASK_ACCEPTED, &error);
  pending = alama_store_list_spans (store, alama_document_get_id (document),
                                    ALAMA_STATUS_MASK_PENDING, &error);
  relations = alama_store_list_relations (store, alama_document_get_id (document),
                                          ALAMA_STATUS_MASK_PENDING, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (accepted->len, ==, 0);
  g_assert_cmpuint (pending->len, ==, 3);
  for (guint i = 0; i < pending->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (pending, i);

      g_assert_cmpint (span->status, ==, ALAMA_STATUS_PENDING);
      g_assert_cmpstr (span->source, ==, "ner-model-2");
    }
  g_assert_cmpuint (relations->len, ==, 2);
  g_assert_cmpstr (((AlamaRelation *) g_ptr_array_index (relations, 0))->source, ==, "ner-model-2");
  g_assert_cmpuint (alama_document_get_n_pending (document), ==, 3);

  g_clear_object (&store);
  io_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alama/import-jsonl/doccano", test_doccano);
  g_test_add_func ("/alama/import-jsonl/idrisi-options", test_idrisi_options);
  g_test_add_func ("/alama/import-jsonl/astral-offsets", test_astral_offsets);
  g_test_add_func ("/alama/import-jsonl/suggestions", test_suggestions);

  return g_test_run ();
}
