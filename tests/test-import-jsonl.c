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
  /* Suggestions to review: the pending spans and the pending relations. */
  g_assert_cmpuint (alama_document_get_n_pending (document), ==, pending->len + relations->len);

  g_clear_object (&store);
  io_remove_tree (dir);
}


/* Parses a jsonl fixture (no project) and checks its spans against the text. */
static GPtrArray *
parse_jsonl_fixture (const char  *name,
                     GError     **error)
{
  g_autofree char *path = io_fixture ("jsonl", name, NULL);
  g_autoptr(GBytes) bytes = io_read_bytes (path);
  g_autoptr(GPtrArray) docs = alama_import_parse_jsonl (path, bytes, NULL, error);

  if (docs == NULL || !alama_import_check_docs (path, docs, error))
    return NULL;
  return g_steal_pointer (&docs);
}

/* "LABEL start end surface" of span @i of @doc. */
static char *
describe_import_span (AlamaImportDoc *doc,
                      guint           i)
{
  AlamaSpan *span = doc->spans->pdata[i];
  g_autofree char *surface = g_utf8_substring (doc->text, alama_span_get_start (span),
                                               alama_span_get_end (span));

  return g_strdup_printf ("%s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s", span->label,
                          alama_span_get_start (span), alama_span_get_end (span), surface);
}

static void
test_prodigy_spans (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = parse_jsonl_fixture ("prodigy-spans.jsonl", &error);
  AlamaImportDoc *first, *second;
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (docs->len, ==, 2);
  first = docs->pdata[0];
  second = docs->pdata[1];
  g_assert_cmpuint (first->spans->len, ==, 2);
  a = describe_import_span (first, 0);
  b = describe_import_span (first, 1);
  g_assert_cmpstr (a, ==, "PERS 25 43 محمد بن عبد الرحمن");
  g_assert_cmpstr (b, ==, "LOC 47 53 الدوحة");
  /* tokens and Prodigy's own keys are kept as metadata, spans are not. */
  g_assert_nonnull (strstr (first->metadata_json, "\"tokens\""));
  g_assert_nonnull (strstr (first->metadata_json, "_input_hash"));
  g_assert_null (strstr (first->metadata_json, "\"spans\""));

  /* After the emoji: offsets are code points. */
  c = describe_import_span (second, 0);
  d = describe_import_span (second, 1);
  g_assert_cmpstr (c, ==, "ORG 7 27 منظمة الصحة العالمية");
  g_assert_cmpstr (d, ==, "LOC 44 47 غزة");
}

static void
test_doccano_labels_key (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = parse_jsonl_fixture ("doccano-labels.jsonl", &error);
  AlamaImportDoc *doc;
  g_autofree char *a = NULL, *b = NULL, *c = NULL;

  g_assert_no_error (error);
  doc = docs->pdata[0];
  g_assert_cmpstr (doc->name, ==, "7");
  g_assert_cmpuint (doc->spans->len, ==, 3);
  a = describe_import_span (doc, 0);
  b = describe_import_span (doc, 1);
  c = describe_import_span (doc, 2);
  g_assert_cmpstr (a, ==, "PERS 22 31 جوزاف عون");
  g_assert_cmpstr (b, ==, "LOC 35 40 بيروت");
  g_assert_cmpstr (c, ==, "ORG 49 61 البنك الدولي");
}

static void
test_utf16_offsets_caught (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = parse_jsonl_fixture ("utf16-offsets.jsonl", &error);

  /* A flag is two code points but four UTF-16 units: 20..25 is not بيروت. */
  g_assert_null (docs);
  g_assert_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_TEXT_MISMATCH);
  g_assert_nonnull (strstr (error->message, "utf16-offsets.jsonl"));
  g_assert_nonnull (strstr (error->message, "line 1"));
}

static void
test_missing_text_field_names_option (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = parse_jsonl_fixture ("sentence-field.jsonl", &error);
  g_autofree char *path = io_fixture ("jsonl", "sentence-field.jsonl", NULL);
  g_autofree char *expected = g_strdup_printf ("%s: line 1: no text field “text” (use --text-field)", path);
  g_autoptr(GBytes) bytes = io_read_bytes (path);
  AlamaImportOptions options = { 0 };
  g_autoptr(GPtrArray) with_option = NULL;

  g_assert_null (docs);
  g_assert_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==, expected);

  g_clear_error (&error);
  options.text_field = "sentence";
  with_option = alama_import_parse_jsonl (path, bytes, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((AlamaImportDoc *) with_option->pdata[0])->text, ==, "وصل الوفد المصري إلى الخرطوم.");
  g_assert_cmpuint (((AlamaImportDoc *) with_option->pdata[0])->spans->len, ==, 1);
}

/* Backslashes right before quotes inside the text (an escaped quote, an escaped
 * backslash that ends the string) must not confuse the reader's look for a second
 * JSON value on the line (a brace or bracket inside the text after them must not
 * count): every line is one document, texts come back exactly. */
static void
test_backslashes_before_quotes (void)
{
  g_autofree char *dir = io_tmp_dir ();
  g_autofree char *project = g_build_filename (dir, "p.alama", NULL);
  g_autofree char *fixture = io_fixture ("jsonl", "backslashes.jsonl", NULL);
  g_autoptr(AlamaStore) store = io_open_project (project);
  g_autoptr(AlamaDocument) quoted = NULL;
  g_autoptr(AlamaDocument) trailing = NULL;
  g_autoptr(AlamaDocument) lone = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *covered = NULL;
  g_autofree char *trailing_text = NULL;
  g_autofree char *lone_text = NULL;
  AlamaImportReport report;

  alama_import_report_init (&report);
  io_import (store, fixture, NULL, &report);
  g_assert_cmpuint (report.n_documents, ==, 3);

  quoted = io_find (store, "backslash-quote");
  text = alama_store_dup_document_text (store, alama_document_get_id (quoted), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "قال المتحدث: \"نرفض } أي تدخل\" ومصدر \\\" ] \\\\ وبوتين");
  spans = alama_store_list_spans (store, alama_document_get_id (quoted), ALAMA_STATUS_MASK_ALL,
                                  &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 1);
  covered = alama_span_dup_text (g_ptr_array_index (spans, 0), text);
  g_assert_cmpstr (covered, ==, "بوتين");

  trailing = io_find (store, "ends-in-backslashes");
  trailing_text = alama_store_dup_document_text (store, alama_document_get_id (trailing), &error);
  g_assert_cmpstr (trailing_text, ==, "نهاية النص ] \\\\");
  lone = io_find (store, "only-backslash");
  lone_text = alama_store_dup_document_text (store, alama_document_get_id (lone), &error);
  g_assert_cmpstr (lone_text, ==, "\\");
  alama_import_report_clear (&report);
}

/* A JSONL file whose lines end in CR alone was one line ("more than one JSON
 * value on a line"); it is read line by line. A raw CR inside a string of an
 * LF file stays part of the text (json-glib accepts it). */
static void
test_cr_line_ends (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = parse_jsonl_fixture ("cr-line-ends.jsonl", &error);
  const char *raw_cr = "{\"name\":\"a\",\"text\":\"سطر\rآخر\"}\n";
  g_autoptr(GBytes) bytes = g_bytes_new (raw_cr, strlen (raw_cr));
  g_autoptr(GPtrArray) kept = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (docs->len, ==, 2);
  g_assert_cmpstr (((AlamaImportDoc *) docs->pdata[0])->text, ==, "قال بوتين");
  g_assert_cmpuint (((AlamaImportDoc *) docs->pdata[0])->spans->len, ==, 1);
  g_assert_cmpstr (((AlamaImportDoc *) docs->pdata[1])->name, ==, "ب");
  g_assert_cmpstr (((AlamaImportDoc *) docs->pdata[1])->text, ==, "في موسكو");

  kept = alama_import_parse_jsonl ("/tmp/raw-cr.jsonl", bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kept->len, ==, 1);
  g_assert_cmpstr (((AlamaImportDoc *) kept->pdata[0])->text, ==, "سطر\rآخر");
}

/* A pretty-printed doccano export is one JSON array of documents; it was
 * refused ("line 1: not valid JSON"). Its elements are read as lines are. */
static void
test_json_array (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = parse_jsonl_fixture ("doccano-array.json", &error);
  AlamaImportDoc *first, *second;
  g_autofree char *per = NULL;
  g_autofree char *gpe = NULL;
  g_autofree char *org = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (docs->len, ==, 2);
  first = docs->pdata[0];
  second = docs->pdata[1];
  g_assert_cmpstr (first->name, ==, "خبر-١");
  g_assert_cmpstr (first->text, ==, "قال بوتين في موسكو إن 2 اتفاقين وُقّعا");
  g_assert_cmpuint (first->spans->len, ==, 2);
  per = describe_import_span (first, 0);
  gpe = describe_import_span (first, 1);
  g_assert_cmpstr (per, ==, "PER 4 9 بوتين");
  g_assert_cmpstr (gpe, ==, "GPE 13 18 موسكو");
  g_assert_cmpuint (first->relations->len, ==, 1);
  g_assert_cmpstr (((AlamaRelation *) first->relations->pdata[0])->type, ==, "LOCATED");
  /* Without a name or id: the file and the element's number. */
  g_assert_cmpstr (second->name, ==, "doccano-array.json#2");
  org = describe_import_span (second, 0);
  g_assert_cmpstr (org, ==, "ORG 0 7 Reuters");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alama/import-jsonl/doccano", test_doccano);
  g_test_add_func ("/alama/import-jsonl/backslashes-before-quotes", test_backslashes_before_quotes);
  g_test_add_func ("/alama/import-jsonl/idrisi-options", test_idrisi_options);
  g_test_add_func ("/alama/import-jsonl/astral-offsets", test_astral_offsets);
  g_test_add_func ("/alama/import-jsonl/suggestions", test_suggestions);
  g_test_add_func ("/alama/import-jsonl/prodigy-spans", test_prodigy_spans);
  g_test_add_func ("/alama/import-jsonl/doccano-labels-key", test_doccano_labels_key);
  g_test_add_func ("/alama/import-jsonl/utf16-offsets-caught", test_utf16_offsets_caught);
  g_test_add_func ("/alama/import-jsonl/missing-text-field-names-option", test_missing_text_field_names_option);
  g_test_add_func ("/alama/import-jsonl/cr-line-ends", test_cr_line_ends);
  g_test_add_func ("/alama/import-jsonl/json-array", test_json_array);

  return g_test_run ();
}
