/* alama-display-text.c: see the header. */
#define G_LOG_DOMAIN "alama-display-text"

#include "config.h"

#include <string.h>

#include "alama-display-text.h"

static gboolean
is_line_break (gunichar c)
{
  return c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == 0x0085 ||
         c == 0x2028 || c == 0x2029;
}

char *
alama_display_text_one_line (const char *text,
                             int         max_chars)
{
  g_autoptr(GString) out = NULL;
  int n_chars = 0;
  gsize cut_at = 0;          /* bytes kept when cut at the last space */
  gboolean cut = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_sized_new (strlen (text));
  for (const char *p = text, *next; *p != '\0'; p = next)
    {
      gunichar c = g_utf8_get_char (p);

      next = g_utf8_next_char (p);
      if (is_line_break (c))
        {
          /* The white space on both sides of the break goes with it. */
          while (out->len > 0 && (out->str[out->len - 1] == ' ' || out->str[out->len - 1] == '\t'))
            {
              g_string_truncate (out, out->len - 1);
              n_chars--;
            }
          while (*next != '\0' && (*next == ' ' || *next == '\t' ||
                                   is_line_break (g_utf8_get_char (next))))
            next = g_utf8_next_char (next);
          c = ' ';
        }
      if (max_chars > 0 && n_chars >= max_chars)
        {
          cut = TRUE;
          break;
        }
      if (c == ' ')
        cut_at = out->len;
      g_string_append_unichar (out, c);
      n_chars++;
    }

  if (cut)
    {
      /* At the last space when it keeps most of the text, else mid-word. */
      if (cut_at > out->len / 2)
        g_string_truncate (out, cut_at);
      while (out->len > 0 && out->str[out->len - 1] == ' ')
        g_string_truncate (out, out->len - 1);
      g_string_append (out, "\xe2\x80\xa6");
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
alama_display_text_isolate (const char *text)
{
  return g_strconcat (ALAMA_FSI, text != NULL ? text : "", ALAMA_PDI, NULL);
}

const char *
alama_display_text_direction_mark (gboolean rtl)
{
  return rtl ? "\xe2\x80\x8f" : "\xe2\x80\x8e";
}
