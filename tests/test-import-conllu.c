/* test-import-conllu.c: the CoNLL-U parser and the detection of a file's format
 * by its content (no project involved). */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include <alama/alama-import.h>

static GPtrArray *
parse_string (const char                *data,
              const AlamaImportOptions  *options,
              GError                   **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, strlen (data));
  AlamaImportOptions defaults = { 0 };

  return alama_import_parse_conllu ("/tmp/inline.conllu", bytes,
                                    options != NULL ? options : &defaults, error);
}

static GPtrArray *
parse_fixture (const char  *name,
               GError     **error)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "conllu", name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  AlamaImportOptions options = { 0 };
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  bytes = g_bytes_new (contents, len);
  return alama_import_parse_conllu (path, bytes, &options, error);
}

static char *
span_text (AlamaImportDoc *doc,
           guint           i)
{
  AlamaSpan *span = doc->spans->pdata[i];

  return g_utf8_substring (doc->text, alama_span_get_start (span), alama_span_get_end (span));
}

/* Every "# text = " line of the fixture is in the document, in order, and the
 * document is nothing else than them and the line ends between them. */
static void
test_text_is_the_treebank_sentences (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = parse_fixture ("padt-test-excerpt.conllu", &error);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "conllu",
                                                 "padt-test-excerpt.conllu", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  AlamaImportDoc *doc;
  gsize at = 0, total = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (docs->len, ==, 1);
  doc = docs->pdata[0];
  g_assert_cmpstr (doc->name, ==, "assabah.20041005.0017");
  g_assert_cmpuint (doc->spans->len, ==, 0);   /* PADT has no entity tags */

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "# text = "))
      {
        const char *sentence = lines[i] + strlen ("# text = ");
        const char *found = strstr (doc->text + at, sentence);

        g_assert_nonnull (found);
        at = (found - doc->text) + strlen (sentence);
        total += strlen (sentence);
      }
  g_assert_cmpuint (at, ==, strlen (doc->text));
  /* Two sentences, the second a new paragraph: one blank line between. */
  g_assert_cmpuint (strlen (doc->text), ==, total + 2);
}

static void
test_misc_ner_multiword_newdoc (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = parse_fixture ("newdoc-ner.conllu", &error);
  AlamaImportDoc *first, *second;
  g_autofree char *mwt = NULL;
  g_autofree char *person = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (docs->len, ==, 2);
  first = docs->pdata[0];
  second = docs->pdata[1];
  g_assert_cmpstr (first->name, ==, "cairo-visit");
  g_assert_cmpstr (second->name, ==, "newdoc-ner #2");
  g_assert_cmpuint (first->spans->len, ==, 4);
  /* The tag on a word (القاهرة) of a multiword token marks the whole surface. */
  mwt = span_text (first, 0);
  g_assert_cmpstr (mwt, ==, "وبالقاهرة");
  person = span_text (first, 1);
  g_assert_cmpstr (person, ==, "محمد علي");
  /* No # text: rebuilt with SpaceAfter=No; the empty node 5.1 is not text. */
  g_assert_cmpstr (second->text, ==, "قال المتحدث في دمشق:");
}

static void
test_token_not_in_text_names_line (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = parse_fixture ("bad-text.conllu", &error);

  g_assert_null (docs);
  g_assert_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_TEXT_MISMATCH);
  g_assert_nonnull (strstr (error->message, "bad-text.conllu:5:"));
  g_assert_nonnull (strstr (error->message, "line 2"));
}

static void
test_tag_schemes_and_options (void)
{
  const char *data =
    "# text = a b c d e\n"
    "1\ta\t_\t_\t_\t_\t0\troot\t_\tNER=PER|X=I-LOC\n"
    "2\tb\t_\t_\t_\t_\t1\tdep\t_\tNER=PER\n"
    "3\tc\t_\t_\t_\t_\t1\tdep\t_\tNER=O\n"
    "4\td\t_\t_\t_\t_\t1\tdep\t_\tNER=S-LOC\n"
    "5\te\t_\t_\t_\t_\t1\tdep\t_\tNER=S-LOC|Entity=(e1-person-1)\n";
  AlamaImportOptions options = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = parse_string (data, NULL, &error);
  g_autoptr(GPtrArray) by_key = NULL;
  AlamaImportDoc *doc;

  g_assert_no_error (error);
  doc = docs->pdata[0];
  /* IO (bare labels) and BIOES; CorefUD's Entity= is no tag. */
  g_assert_cmpuint (doc->spans->len, ==, 3);
  g_assert_cmpstr (((AlamaSpan *) doc->spans->pdata[0])->label, ==, "PER");
  g_assert_cmpint (alama_span_get_end (doc->spans->pdata[0]), ==, 3);

  options.conllu_ner_key = "X";
  by_key = parse_string (data, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (((AlamaImportDoc *) by_key->pdata[0])->spans->len, ==, 1);

  options.conllu_ner_key = "Entity";
  g_assert_null (parse_string (data, &options, &error));
  g_assert_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, ":6:"));
}

/* Tags under a MISC key of the file's own are neither read unasked nor left
 * out with no word: the import stops naming the key and the option. */
static void
test_other_misc_key_named (void)
{
  const char *data =
    "# text = زار القاهرة\n"
    "1\tزار\t_\t_\t_\t_\t0\troot\t_\tNamedEntity=O\n"
    "2\tالقاهرة\t_\t_\t_\t_\t1\tobl\t_\tNamedEntity=B-LOC\n";
  AlamaImportOptions options = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = parse_string (data, NULL, &error);
  g_autoptr(GPtrArray) asked = NULL;

  g_assert_null (docs);
  g_assert_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, ":3:"));
  g_assert_nonnull (strstr (error->message, "--conllu-ner NamedEntity"));
  g_clear_error (&error);

  options.conllu_ner_key = "NamedEntity";
  asked = parse_string (data, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (((AlamaImportDoc *) asked->pdata[0])->spans->len, ==, 1);
}

static char *
write_temp (const char *dir,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static void
test_detect_by_content (void)
{
  g_autofree char *dir = g_dir_make_tmp ("alama-detect-XXXXXX", NULL);
  struct { const char *name; const char *contents; AlamaFormat want; } cases[] = {
    { "a.txt", "زار O\nالرئيس O\nالقاهرة B-LOC\n", ALAMA_FORMAT_CONLL },
    { "b.train", "زار\tO\nالقاهرة\tB-LOC\n\nبيروت\tB-LOC\n", ALAMA_FORMAT_CONLL },
    { "c.txt", "زار الرئيس القاهرة.\nوعاد.\n", ALAMA_FORMAT_TXT },
    { "d.txt", "a|DT|O Cairo|NNP|B-LOC\n", ALAMA_FORMAT_CONLL },
    { "e.conll", "# text = a\n1\ta\t_\t_\t_\t_\t0\troot\t_\t_\n", ALAMA_FORMAT_CONLLU },
    { "f.txt", "# sent_id = 1\n# text = a\n1\ta\t_\t_\t_\t_\t0\troot\t_\t_\n", ALAMA_FORMAT_CONLLU },
    { "g.txt", "نص.\nالقاهرة B-LOC\nبيروت B-LOC\nدمشق B-LOC\nنص.\nنص.\nنص.\nنص.\n", ALAMA_FORMAT_AUTO },
    { "h.tsv", "just words here\nand more\n", ALAMA_FORMAT_AUTO },
    { "i.conllu", "anything", ALAMA_FORMAT_CONLLU },
    /* Weapon names in a news text are no tags. */
    { "j.txt", "نشرت روسيا منظومة S-400 في سوريا.\nوصلت S-300 أيضًا.\nحلّقت B-52 فوق البحر.\n"
               "وقال S-400 أمس.\n", ALAMA_FORMAT_TXT },
    /* flair's CoNLL-U: five columns, # text comments. */
    { "k.txt", "# text = a b\n1\ta\tX\tB-PER\t_\n2\tb\tX\tO\t_\n", ALAMA_FORMAT_CONLLU },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = write_temp (dir, cases[i].name, cases[i].contents);

      g_test_message ("%s", cases[i].name);
      g_assert_cmpint (alama_import_detect_format (path), ==, cases[i].want);
      g_unlink (path);
    }
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alama/import-conllu/text-is-the-treebank-sentences",
                   test_text_is_the_treebank_sentences);
  g_test_add_func ("/alama/import-conllu/misc-ner-multiword-newdoc", test_misc_ner_multiword_newdoc);
  g_test_add_func ("/alama/import-conllu/token-not-in-text-names-line",
                   test_token_not_in_text_names_line);
  g_test_add_func ("/alama/import-conllu/tag-schemes-and-options", test_tag_schemes_and_options);
  g_test_add_func ("/alama/import-conllu/other-misc-key-named", test_other_misc_key_named);
  g_test_add_func ("/alama/import-conllu/detect-by-content", test_detect_by_content);

  return g_test_run ();
}
