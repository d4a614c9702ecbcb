/* test-import-jsonl-stream.c: a JSONL file is read in chunks and stored one
 * document at a time. Lines and characters cut by a chunk's end, errors far
 * into a file (byte offsets, all-or-nothing), names repeated late in a file,
 * and a file imported twice. The files are made here: they must be larger
 * than the reader's 1 MB chunk. */
#include "config.h"

#include "io-test-util.h"
#include "../app/core/alama-import-private.h"   /* the line reader */

#define CHUNK (1024 * 1024)   /* READ_CHUNK_SIZE in alama-import-jsonl.c */

/* Text with harakat, Eastern Arabic and Latin digits, and a Latin name. */
static const char news[] =
  "قالَ وزيرُ الخارجيّة في بيروت يوم ١٤ آذار 2023 إنّ وفد UNIFIL سيزور صيدا.";

static char *
write_file (const char *dir,
            const char *name,
            GString    *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents->str, contents->len, &error));
  g_assert_no_error (error);
  return path;
}

/* One line for document @name, with "بيروت" and "صيدا" marked, each with the
 * surface the importer checks against the text (so a shifted offset fails). */
static void
append_news_line (GString    *out,
                  const char *name)
{
  const char *beirut = strstr (news, "بيروت");
  const char *saida = strstr (news, "صيدا");
  glong b = g_utf8_pointer_to_offset (news, beirut);
  glong s = g_utf8_pointer_to_offset (news, saida);

  g_string_append_printf (out,
                          "{\"name\": \"%s\", \"text\": \"%s\", \"entities\": ["
                          "{\"id\": 1, \"label\": \"GPE\", \"start_offset\": %ld, "
                          "\"end_offset\": %ld, \"text\": \"بيروت\"}, "
                          "{\"id\": 2, \"label\": \"GPE\", \"start_offset\": %ld, "
                          "\"end_offset\": %ld, \"text\": \"صيدا\"}]}\n",
                          name, news, b, b + 5, s, s + 4);
}

/* Lines of news until @out is at least @size bytes long. */
static guint
append_news_lines (GString    *out,
                   const char *prefix,
                   gsize       size)
{
  guint n = 0;

  while (out->len < size)
    {
      g_autofree char *name = g_strdup_printf ("%s-%05u", prefix, n++);

      append_news_line (out, name);
    }
  return n;
}

/* A line of ASCII padding so that the next line starts at byte @at. */
static void
pad_to (GString *out,
        gsize    at)
{
  static const char head[] = "{\"name\": \"حشو\", \"text\": \"";
  static const char tail[] = "\"}\n";
  gsize fill = at - out->len - strlen (head) - strlen (tail);

  g_assert_cmpuint (at, >, out->len + strlen (head) + strlen (tail));
  g_string_append (out, head);
  for (gsize i = 0; i < fill; i++)
    g_string_append_c (out, 'x');
  g_string_append (out, tail);
  g_assert_cmpuint (out->len, ==, at);
}

static void
assert_text_is_news (AlamaStore    *store,
                     AlamaDocument *document)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = alama_store_dup_document_text (store, alama_document_get_id (document),
                                                         &error);

  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, news);
}

static void
assert_news_document (AlamaStore *store,
                      const char *name)
{
  g_autoptr(AlamaDocument) document = io_find (store, name);
  g_autofree char *spans = io_spans_summary (store, alama_document_get_id (document),
                                             ALAMA_STATUS_MASK_ALL);
  g_autofree char *sorted = io_sorted_lines (spans);
  glong b = g_utf8_pointer_to_offset (news, strstr (news, "بيروت"));
  glong s = g_utf8_pointer_to_offset (news, strstr (news, "صيدا"));
  g_autofree char *want = g_strdup_printf ("GPE\t%ld %ld\nGPE\t%ld %ld\n", b, b + 5, s, s + 4);

  assert_text_is_news (store, document);
  g_assert_cmpstr (sorted, ==, want);
}

/* A file of three chunks: a line starts 11 bytes before the first chunk's end,
 * so its first Arabic letter (2 bytes) is cut in two, and the line itself is
 * cut; another line is cut at the second chunk's end. Every document arrives
 * whole, with its annotations where the file put them. */
static void
test_lines_cut_by_chunks (void)
{
  g_autofree char *dir = io_tmp_dir ();
  g_autofree char *project = g_build_filename (dir, "p.alama", NULL);
  g_autoptr(GString) contents = g_string_new (NULL);
  g_autoptr(AlamaStore) store = io_open_project (project);
  g_autofree char *path = NULL;
  AlamaImportReport report;
  guint n_before, n_after;

  n_before = append_news_lines (contents, "قبل", CHUNK / 2);
  pad_to (contents, CHUNK - strlen ("{\"name\": \"") - 1);
  append_news_line (contents, "بيروت-عبر-الحد");
  /* The cut fell inside "ب": its first byte is the chunk's last. */
  g_assert_cmpint ((guchar) contents->str[CHUNK - 1], ==, 0xD8);
  g_assert_cmpint ((guchar) contents->str[CHUNK], ==, 0xA8);
  n_after = append_news_lines (contents, "بعد", 2 * CHUNK + 3000);
  g_assert_cmpuint (contents->len, >, 2 * CHUNK);
  path = write_file (dir, "news.jsonl", contents);

  alama_import_report_init (&report);
  io_import (store, path, NULL, &report);
  g_assert_cmpuint (report.n_documents, ==, n_before + 1 + 1 + n_after);
  g_assert_cmpuint (report.n_spans, ==, 2 * (n_before + 1 + n_after));
  g_assert_cmpuint (alama_store_get_n_documents (store), ==, n_before + 1 + 1 + n_after);

  assert_news_document (store, "قبل-00000");
  assert_news_document (store, "بيروت-عبر-الحد");
  for (guint i = 0; i < n_after; i += 97)
    {
      g_autofree char *name = g_strdup_printf ("بعد-%05u", i);

      assert_news_document (store, name);
    }

  alama_import_report_clear (&report);
  g_clear_object (&store);
  io_remove_tree (dir);
}

/* A byte that is not UTF-8, two chunks into the file: the message gives its
 * byte offset in the file, and nothing of the file is stored. */
static void
test_bad_utf8_far_into_file (void)
{
  g_autofree char *dir = io_tmp_dir ();
  g_autoptr(GString) contents = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;
  g_autofree char *expected = NULL;
  gsize bad;

  append_news_lines (contents, "خبر", 2 * CHUNK + 500);
  g_string_append (contents, "{\"name\": \"معطوب\", \"text\": \"بيروت ");
  bad = contents->len;
  g_string_append (contents, "\xFF صيدا\"}\n");
  append_news_lines (contents, "بعده", contents->len + 2000);
  path = write_file (dir, "bad.jsonl", contents);

  message = io_assert_import_fails (path, NULL, ALAMA_IMPORT_ERROR_INVALID_UTF8);
  expected = g_strdup_printf ("%s: invalid UTF-8 at byte %" G_GSIZE_FORMAT, path, bad);
  g_assert_cmpstr (message, ==, expected);
  io_remove_tree (dir);
}

/* An error on the last line of a large file: the documents stored before it
 * are rolled back with it (io_assert_import_fails compares the project's bytes). */
static void
test_late_error_rolls_back_file (void)
{
  g_autofree char *dir = io_tmp_dir ();
  g_autoptr(GString) contents = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;
  guint n;

  n = append_news_lines (contents, "خبر", 2 * CHUNK);
  g_string_append (contents, "{\"name\": \"الأخير\", \"text\": \"بيروت\", \"entities\": "
                             "[{\"label\": \"GPE\", \"start_offset\": 0, \"end_offset\": 9}]}\n");
  path = write_file (dir, "late.jsonl", contents);

  message = io_assert_import_fails (path, NULL, ALAMA_IMPORT_ERROR_BAD_OFFSETS);
  g_assert_nonnull (strstr (message, "الأخير"));
  g_assert_nonnull (strstr (message, "lie outside the text"));
  g_assert_cmpuint (n, >, 1000);
  io_remove_tree (dir);
}

/* A name already used earlier in the same file, a chunk later, is made unique
 * as it would be in a small file. */
static void
test_repeated_name_late_in_file (void)
{
  g_autofree char *dir = io_tmp_dir ();
  g_autofree char *project = g_build_filename (dir, "p.alama", NULL);
  g_autoptr(GString) contents = g_string_new (NULL);
  g_autoptr(AlamaStore) store = io_open_project (project);
  g_autoptr(AlamaDocument) second = NULL;
  g_autofree char *path = NULL;
  AlamaImportReport report;
  guint n;

  append_news_line (contents, "مكرر");
  n = append_news_lines (contents, "خبر", CHUNK + 1000);
  append_news_line (contents, "مكرر");
  path = write_file (dir, "repeated.jsonl", contents);

  alama_import_report_init (&report);
  io_import (store, path, NULL, &report);
  g_assert_cmpuint (report.n_documents, ==, n + 2);
  assert_news_document (store, "مكرر");
  second = io_find (store, "مكرر (2)");
  assert_text_is_news (store, second);

  alama_import_report_clear (&report);
  g_clear_object (&store);
  io_remove_tree (dir);
}

/* The file's hash is taken while it is read: the same file a second time is
 * skipped and adds nothing; one byte more makes it a new file. */
static void
test_same_file_twice_skipped (void)
{
  g_autofree char *dir = io_tmp_dir ();
  g_autofree char *project = g_build_filename (dir, "p.alama", NULL);
  g_autoptr(GString) contents = g_string_new (NULL);
  g_autoptr(AlamaStore) store = io_open_project (project);
  g_autofree char *path = NULL;
  g_autofree char *copy = NULL;
  AlamaImportReport report;
  guint n;

  n = append_news_lines (contents, "خبر", CHUNK + 1000);
  path = write_file (dir, "news.jsonl", contents);
  g_string_append (contents, "\n");
  copy = write_file (dir, "news-and-a-blank-line.jsonl", contents);

  alama_import_report_init (&report);
  io_import (store, path, NULL, &report);
  g_assert_cmpuint (alama_store_get_n_documents (store), ==, n);

  io_import (store, path, NULL, &report);
  g_assert_cmpuint (report.n_files, ==, 2);
  g_assert_cmpuint (report.n_files_skipped, ==, 1);
  g_assert_cmpuint (report.n_documents, ==, n);
  g_assert_cmpuint (alama_store_get_n_documents (store), ==, n);
  g_assert_cmpuint (report.messages->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (report.messages, 0), "skipped "));

  io_import (store, copy, NULL, &report);
  g_assert_cmpuint (report.n_files_skipped, ==, 1);
  g_assert_cmpuint (alama_store_get_n_documents (store), ==, 2 * n);

  alama_import_report_clear (&report);
  g_clear_object (&store);
  io_remove_tree (dir);
}

/* A file imported before is skipped even when it would not read now (here,
 * with a text field it lacks): its hash is taken to its end after the error,
 * as the other formats take theirs before reading. */
static void
test_imported_file_skipped_despite_errors (void)
{
  g_autofree char *dir = io_tmp_dir ();
  g_autofree char *project = g_build_filename (dir, "p.alama", NULL);
  g_autoptr(GString) contents = g_string_new (NULL);
  g_autoptr(AlamaStore) store = io_open_project (project);
  AlamaImportOptions other_field = { .text_field = "body" };
  g_autofree char *path = NULL;
  AlamaImportReport report;
  guint n;

  n = append_news_lines (contents, "خبر", CHUNK + 1000);
  path = write_file (dir, "news.jsonl", contents);

  alama_import_report_init (&report);
  io_import (store, path, NULL, &report);
  io_import (store, path, &other_field, &report);
  g_assert_cmpuint (report.n_files_skipped, ==, 1);
  g_assert_cmpuint (alama_store_get_n_documents (store), ==, n);

  alama_import_report_clear (&report);
  g_clear_object (&store);
  io_remove_tree (dir);
}

static gboolean
collect_cb (AlamaImportDoc  *doc,
            gpointer         user_data,
            GError         **error)
{
  g_ptr_array_add (user_data, doc);
  return TRUE;
}

/* What the reader made of a file: names, texts and spans, one line each. */
static char *
describe_docs (GPtrArray *docs)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < docs->len; i++)
    {
      AlamaImportDoc *doc = g_ptr_array_index (docs, i);

      g_string_append_printf (out, "%s|%s|%s", doc->name, doc->text,
                              doc->metadata_json ? doc->metadata_json : "");
      for (guint s = 0; s < doc->spans->len; s++)
        {
          AlamaSpan *span = g_ptr_array_index (doc->spans, s);

          g_string_append_printf (out, "|%s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                                  span->label, alama_span_get_start (span),
                                  alama_span_get_end (span));
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* Fed in pieces of @piece bytes; NULL with @error on failure. */
static char *
read_in_pieces (const char  *data,
                gsize        len,
                gsize        piece,
                GError     **error)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) alama_import_doc_free);
  AlamaJsonlReader *reader = _alama_jsonl_reader_new ("/in/pieces.jsonl", NULL, collect_cb, docs);
  gboolean ok = TRUE;

  for (gsize at = 0; ok && at < len; at += piece)
    ok = _alama_jsonl_reader_feed (reader, data + at, MIN (piece, len - at), error);
  ok = ok && _alama_jsonl_reader_finish (reader, error);
  _alama_jsonl_reader_free (reader);

  return ok ? describe_docs (docs) : NULL;
}

/* However the bytes are cut (inside a character, a CRLF, the byte-order mark),
 * the reader makes the same documents as from the whole file, and reports the
 * same line and byte offset for an error. */
static void
test_any_cut_same_documents (void)
{
  g_autoptr(GString) contents = g_string_new ("\xEF\xBB\xBF");
  g_autoptr(GString) broken = NULL;
  g_autofree char *whole = NULL;
  g_autofree char *whole_error = NULL;
  g_autoptr(GError) error = NULL;

  append_news_line (contents, "أول");
  g_string_append (contents, "\r\n  \n");
  g_string_append (contents, "{\"name\": \"ثان\", \"text\": \"مرحبا 😀 بكم\", \"لغة\": \"ar\"}\r\n");
  append_news_line (contents, "ثالث");
  g_string_truncate (contents, contents->len - 1);   /* no newline at the end */

  whole = read_in_pieces (contents->str, contents->len, contents->len, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (whole, "أول|"));
  g_assert_nonnull (strstr (whole, "ثان|مرحبا 😀 بكم|{\"لغة\":\"ar\"}\n"));
  g_assert_nonnull (strstr (whole, "ثالث|"));
  for (gsize piece = 1; piece <= 17; piece++)
    {
      g_autofree char *cut = read_in_pieces (contents->str, contents->len, piece, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (cut, ==, whole);
    }

  /* Lines that end in CR alone: however the file is cut, the same documents
   * (the reader waits for the file's start to show which line end it uses). */
  {
    g_autoptr(GString) cr_only = g_string_new (NULL);
    g_autofree char *cr_whole = NULL;

    append_news_line (cr_only, "أول");
    append_news_line (cr_only, "ثان");
    for (char *c = cr_only->str; (c = strchr (c, '\n')) != NULL; c++)
      *c = '\r';
    cr_whole = read_in_pieces (cr_only->str, cr_only->len, cr_only->len, &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (cr_whole, "أول|"));
    g_assert_nonnull (strstr (cr_whole, "ثان|"));
    for (gsize piece = 1; piece <= 17; piece++)
      {
        g_autofree char *cut = read_in_pieces (cr_only->str, cr_only->len, piece, &error);

        g_assert_no_error (error);
        g_assert_cmpstr (cut, ==, cr_whole);
      }
  }

  /* A bad byte in the last line, and a line that is not JSON before it. */
  broken = g_string_new (contents->str);
  g_string_append (broken, "\n{\"name\": \"رابع\", \"text\": \"\xC3\x28\"}\n");
  g_assert_null (read_in_pieces (broken->str, broken->len, broken->len, &error));
  g_assert_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_INVALID_UTF8);
  whole_error = g_strdup (error->message);
  g_assert_nonnull (strstr (whole_error, "invalid UTF-8 at byte "));
  for (gsize piece = 1; piece <= 17; piece++)
    {
      g_clear_error (&error);
      g_assert_null (read_in_pieces (broken->str, broken->len, piece, &error));
      g_assert_cmpstr (error->message, ==, whole_error);
    }
  g_clear_error (&error);

  g_string_insert (broken, 3, "not json\n");
  for (gsize piece = 1; piece <= 17; piece += 4)
    {
      g_clear_error (&error);
      g_assert_null (read_in_pieces (broken->str, broken->len, piece, &error));
      g_assert_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_PARSE);
      g_assert_true (g_str_has_prefix (error->message, "/in/pieces.jsonl: line 1: "));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alama/import-jsonl-stream/lines-cut-by-chunks", test_lines_cut_by_chunks);
  g_test_add_func ("/alama/import-jsonl-stream/bad-utf8-far-into-file", test_bad_utf8_far_into_file);
  g_test_add_func ("/alama/import-jsonl-stream/late-error-rolls-back-file", test_late_error_rolls_back_file);
  g_test_add_func ("/alama/import-jsonl-stream/repeated-name-late-in-file", test_repeated_name_late_in_file);
  g_test_add_func ("/alama/import-jsonl-stream/same-file-twice-skipped", test_same_file_twice_skipped);
  g_test_add_func ("/alama/import-jsonl-stream/imported-file-skipped-despite-errors",
                   test_imported_file_skipped_despite_errors);
  g_test_add_func ("/alama/import-jsonl-stream/any-cut-same-documents", test_any_cut_same_documents);

  return g_test_run ();
}
