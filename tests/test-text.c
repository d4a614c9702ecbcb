/* test-text.c: code points vs UTF-8 bytes vs UTF-16, ICU words and sentences,
 * snapping selections to words and keeping ligatures and clusters whole. */
#define G_LOG_DOMAIN "test-text"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "alama/alama.h"

/* Harakat, tatweel, lam-alef, Arabic-Indic digits, a Latin word, CRLF, an emoji
 * and a mathematical bold A (both outside the BMP). */
static const char *mixed = "قالَ الـرئيس لا ١٢ Putin\r\n😀 𝐀 نعم";

/* Code point offset of the first @needle in @text: computed with GLib, not with
 * the code under test. */
static gint64
cp_of (const char *text,
       const char *needle)
{
  const char *p = strstr (text, needle);

  g_assert_nonnull (p);
  return g_utf8_pointer_to_offset (text, p);
}

static char *
fragment_text (const char          *text,
               const AlamaFragment *f)
{
  return alama_text_substring (text, f->start, f->end);
}

static void
assert_fragments (const char        *text,
                  GArray            *fragments,
                  const char *const *expected)
{
  guint n = g_strv_length ((char **) expected);

  g_assert_cmpuint (fragments->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *got = fragment_text (text, &g_array_index (fragments, AlamaFragment, i));

      g_assert_cmpstr (got, ==, expected[i]);
    }
}

static void
test_offsets_mixed (void)
{
  g_autoptr(AlamaTextIndex) index = alama_text_index_new (mixed);
  gint64 emoji = cp_of (mixed, "😀");
  gint64 bold_a = cp_of (mixed, "𝐀");
  gint64 len = g_utf8_strlen (mixed, -1);
  g_autofree char *sub = NULL;

  g_assert_cmpint (alama_text_length (mixed), ==, 33);
  g_assert_cmpint (alama_text_index_get_length (index), ==, len);
  g_assert_cmpint (emoji, ==, 26);

  /* Every code point agrees with GLib's own walk, both ways. */
  for (gint64 cp = 0; cp <= len; cp++)
    {
      gsize byte = (gsize) (g_utf8_offset_to_pointer (mixed, cp) - mixed);

      g_assert_cmpuint (alama_text_index_cp_to_byte (index, cp), ==, byte);
      g_assert_cmpint (alama_text_index_byte_to_cp (index, byte), ==, cp);
    }

  /* Arabic letters are two bytes, the emoji four. */
  g_assert_cmpuint (alama_text_index_cp_to_byte (index, emoji), ==, 41);
  g_assert_cmpuint (alama_text_index_cp_to_byte (index, bold_a), ==, 46);
  /* A byte inside a character maps to that character. */
  g_assert_cmpint (alama_text_index_byte_to_cp (index, 42), ==, emoji);
  g_assert_cmpint (alama_text_index_byte_to_cp (index, 1), ==, 0);

  sub = alama_text_index_substring (index, emoji, emoji + 1);
  g_assert_cmpstr (sub, ==, "😀");
  g_clear_pointer (&sub, g_free);
  sub = alama_text_substring (mixed, cp_of (mixed, "لا"), cp_of (mixed, "لا") + 2);
  g_assert_cmpstr (sub, ==, "لا");

  /* UTF-16: equal to code points before the emoji, then one more unit per
   * non-BMP character. */
  g_assert_cmpint (alama_text_cp_to_utf16 (mixed, emoji), ==, emoji);
  g_assert_cmpint (alama_text_cp_to_utf16 (mixed, emoji + 1), ==, emoji + 2);
  g_assert_cmpint (alama_text_cp_to_utf16 (mixed, bold_a + 1), ==, bold_a + 3);
  g_assert_cmpint (alama_text_cp_to_utf16 (mixed, len), ==, len + 2);
  g_assert_cmpint (alama_text_utf16_to_cp (mixed, emoji + 2), ==, emoji + 1);
  g_assert_cmpint (alama_text_utf16_to_cp (mixed, emoji + 1), ==, emoji);   /* inside the pair */
  g_assert_cmpint (alama_text_utf16_to_cp (mixed, len + 2), ==, len);

  /* Cross-check against GLib's UTF-16 encoder for every prefix. */
  for (gint64 cp = 0; cp <= len; cp++)
    {
      glong units = 0;
      g_autofree gunichar2 *u16 = g_utf8_to_utf16 (mixed,
                                                   g_utf8_offset_to_pointer (mixed, cp) - mixed,
                                                   NULL, &units, NULL);

      g_assert_cmpint (alama_text_cp_to_utf16 (mixed, cp), ==, units);
      g_assert_cmpint (alama_text_utf16_to_cp (mixed, units), ==, cp);
    }
}

static void
test_offsets_large (void)
{
  g_autoptr(GString) big = g_string_new (NULL);
  g_autoptr(AlamaTextIndex) index = NULL;
  gint64 len;

  /* About 30,000 code points mixing one-, two- and four-byte characters, so
   * checkpoints fall in every kind of character. */
  for (guint i = 0; i < 1000; i++)
    g_string_append_printf (big, "%u قالَ 😀 x𝐀 ", i);
  index = alama_text_index_new (big->str);
  len = g_utf8_strlen (big->str, -1);
  g_assert_cmpint (alama_text_index_get_length (index), ==, len);

  for (gint64 cp = 0; cp <= len; cp += 37)
    {
      gsize byte = (gsize) (g_utf8_offset_to_pointer (big->str, cp) - big->str);

      g_assert_cmpuint (alama_text_index_cp_to_byte (index, cp), ==, byte);
      g_assert_cmpint (alama_text_index_byte_to_cp (index, byte), ==, cp);
    }
  g_assert_cmpuint (alama_text_index_cp_to_byte (index, len), ==, big->len);
  /* Out of range offsets are clamped, never read past the text. */
  g_assert_cmpuint (alama_text_index_cp_to_byte (index, len + 10), ==, big->len);
  g_assert_cmpint (alama_text_index_byte_to_cp (index, big->len + 10), ==, len);
}

static void
test_offsets_ascii (void)
{
  const char *text = "Reuters said on Monday.";
  g_autoptr(AlamaTextIndex) index = alama_text_index_new (text);

  g_assert_cmpint (alama_text_index_get_length (index), ==, (gint64) strlen (text));
  g_assert_cmpuint (alama_text_index_cp_to_byte (index, 8), ==, 8);
  g_assert_cmpint (alama_text_index_byte_to_cp (index, 15), ==, 15);
}

static char *
read_fixture (const char *name,
              gsize      *len)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "text", name, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, len, &error);
  g_assert_no_error (error);
  return data;
}

static void
test_from_bytes_bom (void)
{
  gsize len = 0;
  g_autofree char *data = read_fixture ("news-bom-crlf.txt", &len);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpmem (data, 3, "\xEF\xBB\xBF", 3);
  text = alama_text_from_bytes (data, len, NULL, &error);
  g_assert_no_error (error);
  /* Only the BOM is gone: CRLF and everything else stay. */
  g_assert_cmpuint (strlen (text), ==, len - 3);
  g_assert_cmpmem (text, len - 3, data + 3, len - 3);
  g_assert_true (g_str_has_prefix (text, "قالَ"));
  g_assert_nonnull (strstr (text, "\r\n"));
}

static void
test_from_bytes_invalid (void)
{
  gsize len = 0;
  g_autofree char *data = read_fixture ("invalid-utf8.txt", &len);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  gsize bad = 0;
  gsize valid_prefix = strlen ("قال الرئيس ");
  char *text;

  text = alama_text_from_bytes (data, len, &bad, &error);
  g_assert_null (text);
  g_assert_error (error, ALAMA_TEXT_ERROR, ALAMA_TEXT_ERROR_INVALID_UTF8);
  g_assert_cmpuint (bad, ==, valid_prefix);
  expected = g_strdup_printf ("invalid UTF-8 at byte %" G_GSIZE_FORMAT, valid_prefix);
  g_assert_nonnull (strstr (error->message, expected));
  g_clear_error (&error);

  /* A NUL byte is not text either; with a BOM the offset still counts the BOM. */
  text = alama_text_from_bytes ("\xEF\xBB\xBF" "ab\0c", 7, &bad, &error);
  g_assert_null (text);
  g_assert_error (error, ALAMA_TEXT_ERROR, ALAMA_TEXT_ERROR_INVALID_UTF8);
  g_assert_cmpuint (bad, ==, 5);
  g_assert_nonnull (strstr (error->message, "invalid UTF-8 at byte 5"));
  g_clear_error (&error);

  /* A truncated two-byte letter at the very end. */
  text = alama_text_from_bytes ("\xD9\x84\xD8", 3, &bad, &error);
  g_assert_null (text);
  g_assert_cmpuint (bad, ==, 2);
}

static void
test_words (void)
{
  const char *text = "قال وبوتين إن بالكرملين «مستعد»";
  const char *words[] = { "قال", "وبوتين", "إن", "بالكرملين", "مستعد", NULL };
  const char *tokens[] = { "قال", "وبوتين", "إن", "بالكرملين", "«", "مستعد", "»", NULL };
  g_autoptr(GArray) w = alama_text_words (text, FALSE);
  g_autoptr(GArray) t = alama_text_words (text, TRUE);

  assert_fragments (text, w, words);
  assert_fragments (text, t, tokens);
  g_assert_cmpint (g_array_index (w, AlamaFragment, 1).start, ==, 4);
  g_assert_cmpint (g_array_index (w, AlamaFragment, 1).end, ==, 10);
}

static void
test_words_marks_and_non_bmp (void)
{
  /* Harakat and tatweel stay inside their word; the words after a non-BMP
   * character are still counted in code points. */
  const char *text = "الـرئيس الْكَرْمَلِين لَا 𝐀 ٢٠٢٤ Putin\r\n😀 نعم";
  const char *words[] = { "الـرئيس", "الْكَرْمَلِين", "لَا", "𝐀", "٢٠٢٤", "Putin", "نعم", NULL };
  g_autoptr(GArray) w = alama_text_words (text, FALSE);

  assert_fragments (text, w, words);
  g_assert_cmpint (g_array_index (w, AlamaFragment, 6).start, ==, cp_of (text, "نعم"));
}

static void
test_sentences (void)
{
  gsize len = 0;
  g_autofree char *data = read_fixture ("news-bom-crlf.txt", &len);
  g_autofree char *text = alama_text_from_bytes (data, len, NULL, NULL);
  g_autoptr(GArray) s = alama_text_sentences (text);
  const char *expected[] = {
    "قالَ وزير الخارجية إنّ المحادثات في الدوحة «بنّاءة».",
    "وأضاف أنّ الجولة المقبلة ستُعقد في ٢٠٢٤.",
    "من جهته، قال المتحدث باسم الكرملين: \"لا تعليق لدينا\"؟",
    "وختم التقرير بأن الوفد غادر صباحاً 😀",
    NULL,
  };

  assert_fragments (text, s, expected);
}

static void
test_sentences_line_breaks (void)
{
  /* News text often has no full stop at the end of a line (a headline). */
  const char *text = "عاجل: انفجار في مرفأ بيروت\nوأفادت مصادر أمنية بسقوط جرحى.  \n\n";
  const char *expected[] = {
    "عاجل: انفجار في مرفأ بيروت",
    "وأفادت مصادر أمنية بسقوط جرحى.",
    NULL,
  };
  g_autoptr(GArray) s = alama_text_sentences (text);

  assert_fragments (text, s, expected);
}

static const char *snap_text = "قالت الوزيرة: لا تراجع عن وبوتين الْكَرْمَلِين 👩‍💻 لَا";

static void
assert_snap (gint64      start,
             gint64      end,
             const char *expected)
{
  g_autoptr(AlamaTextIndex) index = alama_text_index_new (snap_text);
  g_autofree char *got = NULL;

  alama_text_snap_to_words (index, &start, &end);
  got = alama_text_substring (snap_text, start, end);
  g_assert_cmpstr (got, ==, expected);
  g_assert_cmpint (start, ==, cp_of (snap_text, expected));
}

static void
test_snap_to_words (void)
{
  gint64 putin = cp_of (snap_text, "وبوتين");
  gint64 tarajua = cp_of (snap_text, "تراجع");
  gint64 la = cp_of (snap_text, "لا ");

  /* Inside a clitic-prefixed word: the whole word, و included. */
  assert_snap (putin + 2, putin + 4, "وبوتين");
  /* Blanks at the edges go. */
  assert_snap (tarajua - 1, tarajua + 6, "تراجع");
  /* Across two words, from the middle of each. */
  assert_snap (tarajua + 2, putin + 1, "تراجع عن وبوتين");
  /* A selection that starts between ل and ا. */
  assert_snap (la + 1, la + 2, "لا");
  /* A click (empty selection) takes the word it is in. */
  assert_snap (putin + 3, putin + 3, "وبوتين");
  /* Ending inside a vocalised word. */
  assert_snap (cp_of (snap_text, "الْكَرْمَلِين"), cp_of (snap_text, "الْكَرْمَلِين") + 4,
               "الْكَرْمَلِين");
}

/* A word that certainly starts with a clitic (و before a hamzated alef) snaps
 * to the word behind it, however the selection took it: a drag over all of
 * it, from inside it, a click in it, or one on the clitic itself. */
static void
test_snap_certain_clitic (void)
{
  const char *text = "رحبت أرمينيا وَأذربيجان بالاتفاق ولأجل السلام وبإمكانها";
  g_autoptr(AlamaTextIndex) index = alama_text_index_new (text);
  gint64 word = cp_of (text, "وَأذربيجان");
  gint64 stem = cp_of (text, "أذربيجان");
  gint64 end = stem + g_utf8_strlen ("أذربيجان", -1);
  gint64 li_ajl = cp_of (text, "ولأجل");
  gint64 bi_imkan = cp_of (text, "وبإمكانها");
  const gint64 selections[][2] = {
    { word, end }, { word - 1, end + 1 }, { stem + 2, stem + 4 }, { stem + 3, stem + 3 },
    { word, word },
  };

  for (guint i = 0; i < G_N_ELEMENTS (selections); i++)
    {
      gint64 s = selections[i][0], e = selections[i][1];

      alama_text_snap_to_words (index, &s, &e);
      g_assert_cmpint (s, ==, stem);
      g_assert_cmpint (e, ==, end);
    }

  /* A chain of conjunction and preposition goes too, but never half a
   * lam-alef: the ل of لأ stays with its alef. */
  {
    gint64 s = bi_imkan + 1, e = bi_imkan + 2;

    alama_text_snap_to_words (index, &s, &e);
    g_assert_cmpint (s, ==, bi_imkan + 2);
    s = li_ajl + 1, e = li_ajl + 2;
    alama_text_snap_to_words (index, &s, &e);
    g_assert_cmpint (s, ==, li_ajl + 1);
  }

  /* A selection that starts at an earlier word keeps the clitic inside it. */
  {
    gint64 s = cp_of (text, "أرمينيا") + 1, e = stem + 1;

    alama_text_snap_to_words (index, &s, &e);
    g_assert_cmpint (s, ==, cp_of (text, "أرمينيا"));
    g_assert_cmpint (e, ==, end);
  }
}

static void
test_fix_span_edges (void)
{
  g_autoptr(AlamaTextIndex) index = alama_text_index_new (snap_text);
  gint64 la = cp_of (snap_text, "لا ");
  gint64 la_vocalised = cp_of (snap_text, "لَا");
  gint64 kremlin = cp_of (snap_text, "الْكَرْمَلِين");
  gint64 coder = cp_of (snap_text, "👩");
  gint64 start, end;

  /* Start between ل and ا: moves back to the lam. */
  start = la + 1;
  end = la + 2;
  alama_text_fix_span_edges (index, &start, &end);
  g_assert_cmpint (start, ==, la);
  g_assert_cmpint (end, ==, la + 2);

  /* End between ل and ا: moves forward past the alef. */
  start = la;
  end = la + 1;
  alama_text_fix_span_edges (index, &start, &end);
  g_assert_cmpint (end, ==, la + 2);

  /* With a fatha between the two letters (لَا), from either side. */
  start = la_vocalised + 2;
  end = la_vocalised + 3;
  alama_text_fix_span_edges (index, &start, &end);
  g_assert_cmpint (start, ==, la_vocalised);
  start = la_vocalised;
  end = la_vocalised + 1;
  alama_text_fix_span_edges (index, &start, &end);
  g_assert_cmpint (end, ==, la_vocalised + 3);

  /* Harakat belong to the letter before them: الْ ends after the sukun. */
  start = kremlin;
  end = kremlin + 2;
  alama_text_fix_span_edges (index, &start, &end);
  g_assert_cmpint (end, ==, kremlin + 3);
  /* A start on a haraka moves back to its letter. */
  start = kremlin + 4;
  end = kremlin + 6;
  alama_text_fix_span_edges (index, &start, &end);
  g_assert_cmpint (start, ==, kremlin + 3);

  /* An emoji ZWJ sequence (👩‍💻) is not cut. */
  start = coder;
  end = coder + 1;
  alama_text_fix_span_edges (index, &start, &end);
  g_assert_cmpint (end, ==, coder + 3);

  /* Edges that split nothing stay. */
  start = la;
  end = la + 2;
  alama_text_fix_span_edges (index, &start, &end);
  g_assert_cmpint (start, ==, la);
  g_assert_cmpint (end, ==, la + 2);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alama/text/offsets-mixed", test_offsets_mixed);
  g_test_add_func ("/alama/text/offsets-large", test_offsets_large);
  g_test_add_func ("/alama/text/offsets-ascii", test_offsets_ascii);
  g_test_add_func ("/alama/text/from-bytes-bom", test_from_bytes_bom);
  g_test_add_func ("/alama/text/from-bytes-invalid", test_from_bytes_invalid);
  g_test_add_func ("/alama/text/words", test_words);
  g_test_add_func ("/alama/text/words-marks-non-bmp", test_words_marks_and_non_bmp);
  g_test_add_func ("/alama/text/sentences", test_sentences);
  g_test_add_func ("/alama/text/sentences-line-breaks", test_sentences_line_breaks);
  g_test_add_func ("/alama/text/snap-to-words", test_snap_to_words);
  g_test_add_func ("/alama/text/snap-certain-clitic", test_snap_certain_clitic);
  g_test_add_func ("/alama/text/fix-span-edges", test_fix_span_edges);

  return g_test_run ();
}
