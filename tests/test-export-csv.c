/* test-export-csv.c: CSV cells and the three CSV files. */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include <alama/alama-export.h>
#include <alama/alama-store.h>

static void
test_cell_plain_and_quoted (void)
{
  g_autofree char *plain = alama_csv_cell ("وزارة الخارجية");
  g_autofree char *comma = alama_csv_cell ("بيروت، لبنان, الشرق");
  g_autofree char *quote = alama_csv_cell ("قال \"لن نتراجع\"");
  g_autofree char *newline = alama_csv_cell ("سطر\r\nثان");
  g_autofree char *empty = alama_csv_cell ("");
  g_autofree char *null = alama_csv_cell (NULL);

  g_assert_cmpstr (plain, ==, "وزارة الخارجية");
  /* The Arabic comma U+060C needs no quoting, the ASCII one does. */
  g_assert_cmpstr (comma, ==, "\"بيروت، لبنان, الشرق\"");
  g_assert_cmpstr (quote, ==, "\"قال \"\"لن نتراجع\"\"\"");
  g_assert_cmpstr (newline, ==, "\"سطر\r\nثان\"");
  g_assert_cmpstr (empty, ==, "");
  g_assert_cmpstr (null, ==, "");
}

static void
test_cell_neutralises_formulas (void)
{
  g_autofree char *minus = alama_csv_cell ("-الرد جاء سريعا");
  g_autofree char *equals = alama_csv_cell ("=HYPERLINK(\"http://x\")");
  g_autofree char *plus = alama_csv_cell ("+٩٦١ رقم");
  g_autofree char *at = alama_csv_cell ("@الوزير");
  g_autofree char *tab = alama_csv_cell ("\tمخفي");
  g_autofree char *inside = alama_csv_cell ("الفرق 5-3");

  g_assert_cmpstr (minus, ==, "'-الرد جاء سريعا");
  g_assert_cmpstr (equals, ==, "\"'=HYPERLINK(\"\"http://x\"\")\"");
  g_assert_cmpstr (plus, ==, "'+٩٦١ رقم");
  g_assert_cmpstr (at, ==, "'@الوزير");
  g_assert_cmpstr (tab, ==, "'\tمخفي");
  /* Only the first character matters. */
  g_assert_cmpstr (inside, ==, "الفرق 5-3");
}

/* Only ASCII = + - @ were neutralised: the fullwidth and small forms, and any
 * of the signs after an invisible format character (BOM, RLM, LRM, ALM), went
 * out as they were. */
static void
test_cell_neutralises_lookalike_formulas (void)
{
  struct { const char *value; const char *cell; } cases[] = {
    { "＝HYPERLINK(\"http://x\")", "\"'＝HYPERLINK(\"\"http://x\"\")\"" },
    { "＋٩٦١ رقم", "'＋٩٦١ رقم" },
    { "－الرد جاء سريعا", "'－الرد جاء سريعا" },
    { "＠الوزير", "'＠الوزير" },
    { "﹢١", "'﹢١" },
    { "﹦1+1", "'﹦1+1" },
    { "﹣٣", "'﹣٣" },
    { "\xEF\xBB\xBF=1+1", "'\xEF\xBB\xBF=1+1" },           /* BOM */
    { "\xE2\x80\x8F-الرد", "'\xE2\x80\x8F-الرد" },          /* RLM */
    { "\xE2\x80\x8E+1", "'\xE2\x80\x8E+1" },                /* LRM */
    { "\xD8\x9C@الوزير", "'\xD8\x9C@الوزير" },              /* ALM */
    { "\xE2\x80\x8F\xE2\x80\x8E＝1", "'\xE2\x80\x8F\xE2\x80\x8E＝1" },
  };
  /* A format character before ordinary text, or a sign inside it, stays. */
  g_autofree char *rlm_text = alama_csv_cell ("\xE2\x80\x8Fقال الوزير");
  g_autofree char *inside = alama_csv_cell ("الفرق ５－３");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *cell = alama_csv_cell (cases[i].value);

      g_assert_cmpstr (cell, ==, cases[i].cell);
    }
  g_assert_cmpstr (rlm_text, ==, "\xE2\x80\x8Fقال الوزير");
  g_assert_cmpstr (inside, ==, "الفرق ５－３");
}

typedef struct
{
  char       *dir;
  AlamaStore *store;
  gint64      doc;
} Fixture;

static gint64
add_span (Fixture    *f,
          const char *label,
          gint64      start,
          gint64      end,
          const char *note)
{
  g_autoptr(AlamaSpan) span = alama_span_new (label, start, end);
  g_autoptr(GError) error = NULL;

  span->document_id = f->doc;
  span->note = g_strdup (note);
  alama_store_add_span (f->store, span, &error);
  g_assert_no_error (error);
  return span->id;
}

static void
add_relation (Fixture    *f,
              const char *type,
              gint64      from,
              gint64      to)
{
  g_autoptr(AlamaRelation) rel = alama_relation_new (type, from, to);
  g_autoptr(GError) error = NULL;

  alama_store_add_relation (f->store, rel, &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  /* خالد is 11..15, the quote «-الحكومة ستستقيل» is 19..37 with its marks. */
  const char *text = "قال الوزير خالد إن «-الحكومة ستستقيل» غدا";

  f->dir = g_dir_make_tmp ("alama-export-csv-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "project.alama", NULL);
  f->store = alama_store_open (path, ALAMA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  alama_store_add_document (f->store, "تصريح", NULL, text, NULL, NULL, &f->doc, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  const char *names[] = { "out-spans.csv", "out-relations.csv", "out-quotes-claims.csv",
                          "project.alama", "project.alama-wal", "project.alama-shm" };

  g_clear_object (&f->store);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (f->dir, names[i], NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static char *
read_output (Fixture    *f,
             const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

static void
test_three_files (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = g_build_filename (f->dir, "out.csv", NULL);
  g_autofree char *spans = NULL, *relations = NULL, *quotes = NULL;
  gint64 per, quote, cue;

  /* قال الوزير خالد إن «-الحكومة ستستقيل» غدا */
  per = add_span (f, "PER", 11, 15, "=1+1");                  /* خالد */
  cue = add_span (f, "CUE", 0, 3, NULL);                     /* قال */
  quote = add_span (f, "QUOTE", 20, 36, "-مصدر غير مؤكد");   /* -الحكومة ستستقيل */
  add_relation (f, "SPEAKER", per, quote);
  add_relation (f, "CUE_OF", cue, quote);

  alama_export_csv (f->store, out, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  spans = read_output (f, "out-spans.csv");
  relations = read_output (f, "out-relations.csv");
  quotes = read_output (f, "out-quotes-claims.csv");

  /* BOM, header, CRLF. */
  g_assert_true (g_str_has_prefix (spans, "\xEF\xBB\xBF" "document,span_id,label,start,end,"
                                          "fragments,text,status,source,annotator,note,attributes\r\n"));
  g_assert_true (g_str_has_prefix (relations, "\xEF\xBB\xBF" "document,relation_id,type,"));
  g_assert_true (g_str_has_prefix (quotes, "\xEF\xBB\xBF" "document,kind,span_id,text,"));
  g_assert_null (strstr (spans, "\r\r"));
  g_assert_true (g_str_has_suffix (spans, "\r\n"));

  /* Formula starts neutralised in the text and in notes. */
  g_assert_nonnull (strstr (spans, ",'-الحكومة ستستقيل,"));
  g_assert_nonnull (strstr (spans, ",'-مصدر غير مؤكد,"));
  g_assert_nonnull (strstr (spans, ",'=1+1,"));
  g_assert_nonnull (strstr (spans, ",PER,11,15,11-15,خالد,accepted,manual,"));

  g_assert_nonnull (strstr (relations, ",SPEAKER,"));
  g_assert_nonnull (strstr (relations, ",PER,خالد,"));

  /* One quote row with its speaker and cue. */
  g_assert_nonnull (strstr (quotes, "تصريح,quote,"));
  g_assert_nonnull (strstr (quotes, ",'-الحكومة ستستقيل,خالد,PER,قال,,,accepted,20,36\r\n"));
}

static void
test_folder_output (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = g_build_filename (f->dir, "csv", NULL);
  g_autofree char *spans_path = g_build_filename (out, "spans.csv", NULL);
  g_autofree char *rel_path = g_build_filename (out, "relations.csv", NULL);
  g_autofree char *qc_path = g_build_filename (out, "quotes-claims.csv", NULL);

  add_span (f, "PER", 11, 15, NULL);
  alama_export_csv (f->store, out, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (spans_path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (rel_path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (qc_path, G_FILE_TEST_IS_REGULAR));
  g_unlink (spans_path);
  g_unlink (rel_path);
  g_unlink (qc_path);
  g_rmdir (out);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alama/export-csv/cell-plain-and-quoted", test_cell_plain_and_quoted);
  g_test_add_func ("/alama/export-csv/cell-neutralises-formulas", test_cell_neutralises_formulas);
  g_test_add_func ("/alama/export-csv/cell-neutralises-lookalike-formulas",
                   test_cell_neutralises_lookalike_formulas);
  g_test_add ("/alama/export-csv/three-files", Fixture, NULL,
              fixture_setup, test_three_files, fixture_teardown);
  g_test_add ("/alama/export-csv/folder-output", Fixture, NULL,
              fixture_setup, test_folder_output, fixture_teardown);

  return g_test_run ();
}
