/* test-display-text.c: alama_display_text_one_line(), which makes annotated
 * text fit one row of the interface. */
#include "config.h"

#include <string.h>
#include <glib.h>

#include "alama-display-text.h"

static void
assert_one_line (const char *text,
                 int         max_chars,
                 const char *expected)
{
  g_autofree char *line = alama_display_text_one_line (text, max_chars);

  g_assert_cmpstr (line, ==, expected);
}

static void
test_line_breaks (void)
{
  assert_one_line ("a\nb", 0, "a b");
  assert_one_line ("«نحن مستعدون  \r\n  لاستئناف»", 0, "«نحن مستعدون لاستئناف»");
  assert_one_line ("a\xe2\x80\xa8" "b\xe2\x80\xa9\n\nc", 0, "a b c");
  assert_one_line (ALAMA_FSI "x\ny" ALAMA_PDI, 0, ALAMA_FSI "x y" ALAMA_PDI);
  assert_one_line ("no break", 0, "no break");
}

static void
test_cut (void)
{
  g_autofree char *line = NULL;
  g_autoptr(GString) long_text = g_string_new (NULL);

  assert_one_line ("short", 10, "short");
  assert_one_line ("exactly10!", 10, "exactly10!");
  /* At the last space, which keeps most of the text. */
  assert_one_line ("one two three four", 12, "one two…");
  /* One long word: cut inside it. */
  assert_one_line ("abcdefghijklmnop", 5, "abcde…");

  /* A 330-character quote with breaks is one line of at most the limit and "…". */
  for (int i = 0; i < 30; i++)
    g_string_append (long_text, i % 7 == 6 ? "كلمةطويلة\n" : "كلمةطويلة ");
  line = alama_display_text_one_line (long_text->str, 80);
  g_assert_null (strchr (line, '\n'));
  g_assert_true (g_str_has_suffix (line, "…"));
  g_assert_cmpint (g_utf8_strlen (line, -1), <=, 81);
  g_assert_cmpint (g_utf8_strlen (line, -1), >, 40);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/alama/display-text/line-breaks", test_line_breaks);
  g_test_add_func ("/alama/display-text/cut", test_cut);
  return g_test_run ();
}
