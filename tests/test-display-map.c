/* test-display-map.c: AlamaDisplayMap gives each paragraph the direction that
 * its strong characters say (Unicode's, as pango_unichar_direction() reports
 * it) and puts a mark where the first strong character disagrees, for text in
 * any script: checked against a plain reading of the same rule over random
 * paragraphs mixing Arabic, Latin, Hebrew, CJK, emoji, digits and
 * punctuation, with every kind of paragraph end.
 */
#define G_LOG_DOMAIN "test-display-map"

#include "config.h"

#include <pango/pango.h>

#include "../app/gui/alama-display-map.h"

static int
strong (gunichar ch)
{
  PangoDirection dir;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  dir = pango_unichar_direction (ch);
  G_GNUC_END_IGNORE_DEPRECATIONS
  return dir == PANGO_DIRECTION_RTL ? 2 : dir == PANGO_DIRECTION_LTR ? 1 : 0;
}

/* The rule of alama-display-map.h, one paragraph of code points at a time. */
static void
expect_paragraph (const gunichar  *chars,
                  glong            n,
                  AlamaDisplayDir  dir,
                  gboolean        *rtl,
                  gunichar        *mark)
{
  guint n_rtl = 0, n_ltr = 0;
  int first = 0;

  for (glong i = 0; i < n; i++)
    {
      int s = strong (chars[i]);

      n_rtl += s == 2;
      n_ltr += s == 1;
      if (first == 0)
        first = s;
    }
  *rtl = dir == ALAMA_DISPLAY_DIR_RTL ||
         (dir == ALAMA_DISPLAY_DIR_AUTO && (n_rtl > n_ltr || (n_rtl == n_ltr && first == 2)));
  *mark = 0;
  if (*rtl && first != 2 && (dir != ALAMA_DISPLAY_DIR_AUTO || n_rtl > 0))
    *mark = ALAMA_RLM;
  else if (!*rtl && first != 1 && (dir != ALAMA_DISPLAY_DIR_AUTO || n_ltr > 0))
    *mark = ALAMA_LRM;
}

static const gunichar pieces[] = {
  'a', 'Z', '7', ' ', '.', '(', 0x00E9, 0x0627, 0x0644, 0x0645, 0x0660, 0x064B, 0x0640,
  0x05D0, 0x0710, 0x07C0, 0x0800, 0x4E2D, 0x1F600, 0x200F, 0x200E, 0xFB50, 0xFE70, 0x0394,
  0x0416, 0x2026, 0x00AB,
};
static const char *ends[] = { "\n", "\r", "\r\n", "\xe2\x80\xa9" };

static void
test_random_paragraphs (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());

  for (guint round = 0; round < 200; round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GArray) para_chars = g_array_new (FALSE, FALSE, sizeof (gunichar));
      g_autoptr(GPtrArray) paragraphs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
      guint n_paragraphs = g_rand_int_range (rand, 1, 6);

      for (guint p = 0; p < n_paragraphs; p++)
        {
          GArray *chars = g_array_new (FALSE, FALSE, sizeof (gunichar));
          guint n = g_rand_int_range (rand, 0, 12);

          for (guint i = 0; i < n; i++)
            {
              gunichar ch = pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))];

              g_array_append_val (chars, ch);
              g_string_append_unichar (text, ch);
            }
          g_ptr_array_add (paragraphs, chars);
          if (p + 1 < n_paragraphs)
            {
              /* "\r" then "\n" would be one end, "\r\n", not two. */
              gboolean after_cr = text->len > 0 && text->str[text->len - 1] == '\r';

              g_string_append (text, ends[after_cr ? 3 : g_rand_int_range (rand, 0, G_N_ELEMENTS (ends))]);
            }
        }

      for (AlamaDisplayDir dir = ALAMA_DISPLAY_DIR_AUTO; dir <= ALAMA_DISPLAY_DIR_LTR; dir++)
        {
          AlamaDisplayMap *map = alama_display_map_new (text->str, dir);
          guint n_marks = 0;

          g_test_message ("text %s, direction %d", text->str, dir);
          g_assert_cmpuint (alama_display_map_get_n_paragraphs (map), ==, n_paragraphs);
          for (guint p = 0; p < n_paragraphs; p++)
            {
              GArray *chars = paragraphs->pdata[p];
              gboolean rtl, expected_rtl;
              gunichar expected_mark;
              gint64 start, end;

              expect_paragraph ((gunichar *) chars->data, chars->len, dir, &expected_rtl,
                                &expected_mark);
              alama_display_map_get_paragraph (map, p, &start, &end, &rtl);
              g_assert_cmpint (end - start, ==, chars->len);
              g_assert_cmpint (rtl, ==, expected_rtl);
              if (expected_mark != 0)
                {
                  gunichar mark;

                  g_assert_cmpuint (n_marks, <, alama_display_map_get_n_marks (map));
                  g_assert_cmpint (alama_display_map_get_mark_position (map, n_marks, &mark), ==,
                                   start);
                  g_assert_cmpuint (mark, ==, expected_mark);
                  n_marks++;
                }
            }
          g_assert_cmpuint (alama_display_map_get_n_marks (map), ==, n_marks);
          g_assert_cmpint (alama_display_map_get_stored_length (map), ==,
                           g_utf8_strlen (text->str, -1));
          alama_display_map_free (map);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alama/display-map/random-paragraphs", test_random_paragraphs);

  return g_test_run ();
}
