/* test-import-conll.c: the CoNLL parser (no project involved). */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include <alama/alama-import.h>

static GPtrArray *
parse_fixture (const char  *name,
               GError     **error)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "conll", name, NULL);
  g_autofree char *contents = NULL;
  gsize len;
  g_autoptr(GBytes) bytes = NULL;
  AlamaImportOptions options = { 0 };

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  bytes = g_bytes_new (contents, len);
  return alama_import_parse_conll (path, bytes, &options, error);
}

static GPtrArray *
parse_string (const char  *data,
              gssize       len,
              GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, len < 0 ? strlen (data) : (gsize) len);
  AlamaImportOptions options = { 0 };

  return alama_import_parse_conll ("/tmp/inline.conll", bytes, &options, error);
}

/* "LABEL:surface" of span @i. */
static char *
describe_span (AlamaImportDoc *doc,
               guint           i)
{
  AlamaSpan *span = doc->spans->pdata[i];
  g_autofree char *surface = g_utf8_substring (doc->text, alama_span_get_start (span),
                                               alama_span_get_end (span));
  return g_strdup_printf ("%s:%s", span->label, surface);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Every span of @doc described, sorted, joined by "|". */
static char *
describe_spans (AlamaImportDoc *doc)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < doc->spans->len; i++)
    g_ptr_array_add (parts, describe_span (doc, i));
  g_ptr_array_sort (parts, compare_strings);
  g_ptr_array_add (parts, NULL);
  return g_strjoinv ("|", (char **) parts->pdata);
}

static JsonObject *
format_data (AlamaImportDoc *doc,
             JsonParser     *parser)
{
  g_assert_nonnull (doc->format_data_json);
  g_assert_true (json_parser_load_from_data (parser, doc->format_data_json, -1, NULL));
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_iob2_text_and_spans (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = parse_fixture ("news-iob2.conll", &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *spans = NULL;
  AlamaImportDoc *doc;
  JsonObject *fd;

  g_assert_no_error (error);
  g_assert_cmpuint (docs->len, ==, 1);
  doc = docs->pdata[0];
  g_assert_cmpstr (doc->name, ==, "news-iob2");

  /* Single spaces between tokens, "\n" between sentences; the empty token adds
   * nothing, the untagged "2024" and the $#$ marker are ordinary tokens. */
  g_assert_cmpstr (doc->text, ==,
                   "قال الرئيس الفلسطيني محمود عباس في رام الله إن وفد منظمة التحرير سيزور القاهرة .\n"
                   "وأكدت وزارة الخارجية أن وإسرائيل رفضت المقترح $#$ 2024 .");

  spans = describe_spans (doc);
  g_assert_cmpstr (spans, ==,
                   "LOC:القاهرة|LOC:رام الله|LOC:وإسرائيل|ORG:منظمة التحرير|"
                   "ORG:وزارة الخارجية|PERS:محمود عباس");

  fd = format_data (doc, parser);
  g_assert_cmpstr (json_object_get_string_member (fd, "format"), ==, "conll");
  g_assert_cmpint (json_object_get_int_member (fd, "n_tokens"), ==, 26);
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (fd, "sentence_starts")), ==, 2);
  g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (fd, "sentence_starts"), 1), ==, 15);
  /* Token 19 is the empty one, kept verbatim; token 24 ("2024") had no tag. */
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (fd, "empty"), "19"), ==, " O");
  g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (fd, "notag"), 0), ==, 24);
  g_assert_cmpstr (json_object_get_string_member (fd, "separator"), ==, " ");
  g_assert_false (json_object_get_boolean_member (fd, "crlf"));
}

static void
test_nested_columns (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = parse_fixture ("nested.conll", &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *spans = NULL;
  JsonObject *fd;

  g_assert_no_error (error);
  g_assert_cmpuint (docs->len, ==, 1);

  /* Every column becomes spans: three layers in رئيس بلدية طولكرم. */
  spans = describe_spans (docs->pdata[0]);
  g_assert_cmpstr (spans, ==,
                   "EVENT:مهرجان الزيتون|GPE:بيت فوريك|GPE:طولكرم|GPE:قرية بيت فوريك|GPE:نابلس|"
                   "OCC:رئيس بلدية طولكرم|ORG:بلدية طولكرم|ORG:بلدية نابلس");

  fd = format_data (docs->pdata[0], parser);
  g_assert_cmpint (json_object_get_int_member (fd, "columns"), ==, 3);
  g_assert_true (json_object_get_boolean_member (fd, "ragged"));
}

static void
test_docstart_bom_crlf (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = parse_fixture ("docstart-crlf.conll", &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *spans = NULL;
  AlamaImportDoc *first, *second;
  JsonObject *fd;

  g_assert_no_error (error);
  g_assert_cmpuint (docs->len, ==, 2);
  first = docs->pdata[0];
  second = docs->pdata[1];
  g_assert_cmpstr (first->name, ==, "docstart-crlf #1");
  g_assert_cmpstr (second->name, ==, "docstart-crlf #2");

  /* No BOM and no CR in the text. */
  g_assert_true (g_str_has_prefix (first->text, "أعلن الجيش"));
  g_assert_null (strchr (first->text, '\r'));
  g_assert_cmpstr (second->text, ==, "افتتحت جامعة بيرزيت مكتبة جديدة بتمويل من اليابان .");

  spans = describe_spans (second);
  g_assert_cmpstr (spans, ==, "LOC:اليابان|ORG:جامعة بيرزيت");

  fd = format_data (first, parser);
  g_assert_true (json_object_get_boolean_member (fd, "crlf"));
  g_assert_true (json_object_get_boolean_member (fd, "bom"));
  g_assert_cmpstr (json_object_get_string_member (fd, "separator"), ==, "\t");
  g_assert_cmpstr (json_object_get_string_member (fd, "docstart"), ==, "-DOCSTART-\tO");
  g_assert_cmpint (json_object_get_int_member (fd, "lead"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (fd, "trail"), ==, 1);
}

static void
test_iob1_without_blank_lines (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = parse_fixture ("iob1-no-blanks.conll", &error);
  g_autofree char *spans = NULL;
  AlamaImportDoc *doc;

  g_assert_no_error (error);
  doc = docs->pdata[0];
  /* No blank line: the whole file is one sentence, one line of text. */
  g_assert_null (strchr (doc->text, '\n'));
  /* I- without B- opens an entity; consecutive I- of one label continue it. */
  spans = describe_spans (doc);
  g_assert_cmpstr (spans, ==,
                   "LOC:عمان|LOC:غزة|ORG:الأمم المتحدة|PERS:أيمن الصفدي|PERS:التقى");
}

static void
test_b_after_b_splits (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = parse_string ("سوريا B-LOC\nلبنان B-LOC\nو O\nالأردن B-LOC\n", -1, &error);
  g_autofree char *spans = NULL;

  g_assert_no_error (error);
  spans = describe_spans (docs->pdata[0]);
  g_assert_cmpstr (spans, ==, "LOC:الأردن|LOC:سوريا|LOC:لبنان");
}

static void
test_not_normalised (void)
{
  g_autoptr(GError) error = NULL;
  /* Meem + shadda + damma: NFC would put the damma (class 31) before the shadda
   * (class 33). It must stay as written. */
  const char *input = "الشيخ O\n\xd9\x85\xd9\x91\xd9\x8f\xd8\xad\xd9\x85\xd8\xaf B-PERS\nقال O\n";
  g_autoptr(GPtrArray) docs = parse_string (input, -1, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (((AlamaImportDoc *) docs->pdata[0])->text, ==,
                   "الشيخ \xd9\x85\xd9\x91\xd9\x8f\xd8\xad\xd9\x85\xd8\xaf قال");
}

static void
test_malformed_tag_names_line (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = parse_fixture ("bad-tag.conll", &error);

  g_assert_null (docs);
  g_assert_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "bad-tag.conll:3:"));
  g_assert_nonnull (strstr (error->message, "X-ORG"));
}

static void
test_empty_label_names_line (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = parse_fixture ("bad-empty-label.conll", &error);

  /* Line 2 is the token "B-" tagged O, which is fine; line 3's tag "B-" is not. */
  g_assert_null (docs);
  g_assert_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "bad-empty-label.conll:3:"));
}

static void
test_invalid_utf8_names_byte (void)
{
  g_autoptr(GError) error = NULL;
  /* "قال O\n" is 9 bytes; the bad byte is at offset 9, on line 2. */
  const char input[] = "\xd9\x82\xd8\xa7\xd9\x84 O\n\xff B-LOC\n";
  g_autoptr(GPtrArray) docs = parse_string (input, sizeof input - 1, &error);

  g_assert_null (docs);
  g_assert_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_INVALID_UTF8);
  g_assert_nonnull (strstr (error->message, "byte 9"));
  g_assert_nonnull (strstr (error->message, "line 2"));
}

static void
test_empty_file_is_an_error (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = parse_string ("\n\n", -1, &error);

  g_assert_null (docs);
  g_assert_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_PARSE);
}


static void
test_iob1_starts_recorded (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = parse_fixture ("iob1-anercorp.conll", &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *spans = NULL;
  JsonArray *istart;
  JsonObject *fd;

  g_assert_no_error (error);
  /* I- after O opens an entity; B- between two LOC tokens splits them. */
  spans = describe_spans (docs->pdata[0]);
  g_assert_cmpstr (spans, ==, "LOC:سوسة|LOC:صفاقس|MISC:المؤتمر الأول|PERS:قيس سعيد");

  /* The three entities opened with I- are remembered (token, column). */
  fd = format_data (docs->pdata[0], parser);
  istart = json_object_get_array_member (fd, "istart");
  g_assert_cmpuint (json_array_get_length (istart), ==, 3);
  g_assert_cmpint (json_array_get_int_element (json_array_get_array_element (istart, 0), 0), ==, 3);
  g_assert_cmpint (json_array_get_int_element (json_array_get_array_element (istart, 1), 0), ==, 6);
  g_assert_cmpint (json_array_get_int_element (json_array_get_array_element (istart, 2), 0), ==, 9);
  g_assert_cmpint (json_array_get_int_element (json_array_get_array_element (istart, 2), 1), ==, 0);
}

static void
test_pos_and_chunk_columns_kept (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = parse_fixture ("conll2003-pos.conll", &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *spans = NULL;
  AlamaImportDoc *doc;
  JsonObject *fd;

  g_assert_no_error (error);
  g_assert_cmpuint (docs->len, ==, 1);
  doc = docs->pdata[0];
  g_assert_cmpstr (doc->text, ==, "زار الوزير موسكو والتقى سيرغي لافروف .\n"
                                  "وقالت وكالة تاس إن الزيارة ناجحة .");
  /* Only the NER column gives spans: NNP is not a malformed tag, B-NP is no entity. */
  spans = describe_spans (doc);
  g_assert_cmpstr (spans, ==, "LOC:موسكو|ORG:وكالة تاس|PERS:سيرغي لافروف");

  fd = format_data (doc, parser);
  g_assert_cmpstr (json_object_get_string_member (fd, "kinds"), ==, "KKT");
  g_assert_cmpint (json_object_get_int_member (fd, "columns"), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (fd, "kept"), 2),
                   ==, "NNP B-NP");
}

static void
test_pos_column_alone (void)
{
  g_autoptr(GError) error = NULL;
  /* token POS NER: a POS column that is never a tag is kept, whatever its values. */
  g_autoptr(GPtrArray) docs = parse_string ("رحب VBD O\nبايدن NNP S-PERS\nبالاتفاق NN O\n", -1, &error);
  g_autofree char *spans = NULL;

  g_assert_no_error (error);
  spans = describe_spans (docs->pdata[0]);
  g_assert_cmpstr (spans, ==, "PERS:بايدن");
}

static void
test_bioes_spans (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = parse_fixture ("bioes.conll", &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *spans = NULL;

  g_assert_no_error (error);
  spans = describe_spans (docs->pdata[0]);
  g_assert_cmpstr (spans, ==,
                   "EVENT:منتدى الاستثمار|LOC:الرباط|OCC:المتحدث باسم الحكومة|PERS:عزيز أخنوش");
  g_assert_cmpstr (json_object_get_string_member (format_data (docs->pdata[0], parser), "scheme"),
                   ==, "BIOES");
}

static void
test_bilou_spans (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = parse_fixture ("bilou.conll", &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *spans = NULL;
  AlamaImportDoc *doc;

  g_assert_no_error (error);
  doc = docs->pdata[0];
  /* U- right before B- of the same label: two entities, not one. */
  spans = describe_spans (doc);
  g_assert_cmpstr (spans, ==, "LOC:عمان|PERS:الملك|PERS:عبد الله الثاني");
  g_assert_cmpint (alama_span_get_start (doc->spans->pdata[0]), ==, 7);
  g_assert_cmpint (alama_span_get_end (doc->spans->pdata[0]), ==, 12);
  g_assert_cmpstr (json_object_get_string_member (format_data (doc, parser), "scheme"), ==, "BILOU");
}

static void
test_empty_docstart_blocks_kept (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = parse_fixture ("docstart-empty.conll", &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *fd;

  g_assert_no_error (error);
  /* Five -DOCSTART- lines, two with tokens after them. */
  g_assert_cmpuint (docs->len, ==, 2);
  g_assert_cmpstr (((AlamaImportDoc *) docs->pdata[0])->name, ==, "docstart-empty #2");
  g_assert_cmpstr (((AlamaImportDoc *) docs->pdata[1])->name, ==, "docstart-empty #4");

  fd = format_data (docs->pdata[0], parser);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (fd, "before")), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (fd, "before"), 0),
                   ==, "-DOCSTART- O");

  fd = format_data (docs->pdata[1], parser);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (fd, "before"), 0),
                   ==, "-DOCSTART- O");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (fd, "after")), ==, 1);
}

static void
test_mixed_separators_recorded (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = parse_fixture ("mixed-separators.conll", &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *spans = NULL;
  JsonObject *fd, *seps;

  g_assert_no_error (error);
  spans = describe_spans (docs->pdata[0]);
  g_assert_cmpstr (spans, ==, "LOC:القاهرة|OCC:وزير المالية|ORG:البنك المركزي");

  /* Most lines use a tab: only the five that differ are listed. */
  fd = format_data (docs->pdata[0], parser);
  g_assert_cmpstr (json_object_get_string_member (fd, "separator"), ==, "\t");
  seps = json_object_get_object_member (fd, "seps");
  g_assert_cmpuint (json_object_get_size (seps), ==, 5);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (seps, "3"), 0), ==, "  ");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (seps, "5"), 0), ==, "\t\t");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (seps, "6"), 1), ==, "\t");
}

/* "قال O\rبوتين B-PER\r\r" (CR-only line ends) was one line: the text “قال”
 * with a span labelled "PER\r". CR, LF and CRLF all end a line, mixed too. */
static void
test_cr_line_ends (void)
{
  const char *files[] = { "قال O\rبوتين B-PER\r\r", "قال O\rبوتين B-PER\r\nفي O\nموسكو B-GPE\r" };
  const char *texts[] = { "قال بوتين", "قال بوتين في موسكو" };
  const char *spans[] = { "PER:بوتين", "GPE:موسكو|PER:بوتين" };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) docs = parse_string (files[i], -1, &error);
      g_autofree char *described = NULL;

      g_assert_no_error (error);
      g_assert_cmpuint (docs->len, ==, 1);
      g_assert_cmpstr (((AlamaImportDoc *) docs->pdata[0])->text, ==, texts[i]);
      described = describe_spans (docs->pdata[0]);
      g_assert_cmpstr (described, ==, spans[i]);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alama/import-conll/iob2-text-and-spans", test_iob2_text_and_spans);
  g_test_add_func ("/alama/import-conll/nested-columns", test_nested_columns);
  g_test_add_func ("/alama/import-conll/docstart-bom-crlf", test_docstart_bom_crlf);
  g_test_add_func ("/alama/import-conll/iob1-without-blank-lines", test_iob1_without_blank_lines);
  g_test_add_func ("/alama/import-conll/b-after-b-splits", test_b_after_b_splits);
  g_test_add_func ("/alama/import-conll/not-normalised", test_not_normalised);
  g_test_add_func ("/alama/import-conll/malformed-tag-names-line", test_malformed_tag_names_line);
  g_test_add_func ("/alama/import-conll/empty-label-names-line", test_empty_label_names_line);
  g_test_add_func ("/alama/import-conll/invalid-utf8-names-byte", test_invalid_utf8_names_byte);
  g_test_add_func ("/alama/import-conll/empty-file-is-an-error", test_empty_file_is_an_error);

  g_test_add_func ("/alama/import-conll/iob1-starts-recorded", test_iob1_starts_recorded);
  g_test_add_func ("/alama/import-conll/pos-and-chunk-columns-kept", test_pos_and_chunk_columns_kept);
  g_test_add_func ("/alama/import-conll/pos-column-alone", test_pos_column_alone);
  g_test_add_func ("/alama/import-conll/bioes-spans", test_bioes_spans);
  g_test_add_func ("/alama/import-conll/bilou-spans", test_bilou_spans);
  g_test_add_func ("/alama/import-conll/empty-docstart-blocks-kept", test_empty_docstart_blocks_kept);
  g_test_add_func ("/alama/import-conll/mixed-separators-recorded", test_mixed_separators_recorded);
  g_test_add_func ("/alama/import-conll/cr-line-ends", test_cr_line_ends);

  return g_test_run ();
}
