/* alama-display-map.c: where the doc view inserts direction marks, and the offset
 * arithmetic around them. See alama-display-map.h for why. */
#define G_LOG_DOMAIN "alama-display-map"

#include "config.h"

#include <pango/pango.h>

#include "alama-display-map.h"

typedef struct
{
  gint64   start;   /* stored offsets, end excludes the line terminator */
  gint64   end;
  gboolean rtl;
} Paragraph;

typedef struct
{
  gint64   stored;  /* inserted before this stored character */
  gunichar mark;
} Mark;

struct _AlamaDisplayMap
{
  char   *display_text;
  gint64  stored_length;
  GArray *paragraphs;  /* of Paragraph */
  GArray *marks;       /* of Mark, sorted by stored */
};

typedef enum { STRONG_NONE, STRONG_LTR, STRONG_RTL } Strong;

static Strong
strong_direction (gunichar ch)
{
  PangoDirection dir;

  /* pango_unichar_direction() is deprecated for pango_itemize's own use, but it is
   * exactly the Unicode "strong character" test the bidi algorithm's P2 rule uses. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  dir = pango_unichar_direction (ch);
  G_GNUC_END_IGNORE_DEPRECATIONS

  if (dir == PANGO_DIRECTION_RTL)
    return STRONG_RTL;
  if (dir == PANGO_DIRECTION_LTR)
    return STRONG_LTR;
  return STRONG_NONE;
}

/* Characters below this have their strong direction in a table: the scripts
 * of most news text (Latin, Greek, Cyrillic, Hebrew, Arabic) and the
 * punctuation between them, where a document spends nearly all of its
 * characters. */
#define TABLE_SIZE 0x800

static const guint8 *
strong_table (void)
{
  static guint8 table[TABLE_SIZE];
  static gsize filled = 0;

  if (g_once_init_enter (&filled))
    {
      for (gunichar ch = 0; ch < TABLE_SIZE; ch++)
        table[ch] = strong_direction (ch);
      g_once_init_leave (&filled, 1);
    }
  return table;
}

/* Like GtkTextBuffer: \n, \r, \r\n and U+2029 end a paragraph. */
static gboolean
is_paragraph_end (gunichar ch)
{
  return ch == '\n' || ch == '\r' || ch == 0x2029;
}

AlamaDisplayMap *
alama_display_map_new (const char      *text,
                       AlamaDisplayDir  dir)
{
  AlamaDisplayMap *self = g_new0 (AlamaDisplayMap, 1);
  GString *out = g_string_sized_new (strlen (text) + 64);
  const guint8 *table = strong_table ();
  const char *p = text;
  gint64 cp = 0;

  self->paragraphs = g_array_new (FALSE, FALSE, sizeof (Paragraph));
  self->marks = g_array_new (FALSE, FALSE, sizeof (Mark));

  while (TRUE)
    {
      const char *para_start = p;
      gint64 start = cp;
      guint n_rtl = 0, n_ltr = 0;
      Strong first = STRONG_NONE;
      gboolean rtl;
      gunichar mark = 0;

      /* Scan one paragraph. */
      while (*p != '\0')
        {
          const char *next;
          gunichar ch;
          Strong s;

          /* One and two bytes (ASCII, Arabic) decoded here; the text is valid UTF-8. */
          if ((guchar) p[0] < 0x80)
            ch = (guchar) p[0], next = p + 1;
          else if (((guchar) p[0] & 0xe0) == 0xc0 && p[1] != '\0')
            ch = (((guchar) p[0] & 0x1f) << 6) | ((guchar) p[1] & 0x3f), next = p + 2;
          else
            ch = g_utf8_get_char (p), next = g_utf8_next_char (p);
          if (is_paragraph_end (ch))
            break;
          s = ch < TABLE_SIZE ? (Strong) table[ch] : strong_direction (ch);
          if (s == STRONG_RTL)
            n_rtl++;
          else if (s == STRONG_LTR)
            n_ltr++;
          if (first == STRONG_NONE)
            first = s;
          p = next;
          cp++;
        }

      switch (dir)
        {
        case ALAMA_DISPLAY_DIR_RTL:
          rtl = TRUE;
          break;
        case ALAMA_DISPLAY_DIR_LTR:
          rtl = FALSE;
          break;
        case ALAMA_DISPLAY_DIR_AUTO:
        default:
          /* Ties and paragraphs without letters: keep what the first strong
           * character says, as GTK would. */
          rtl = n_rtl > n_ltr || (n_rtl == n_ltr && first == STRONG_RTL);
          break;
        }

      if (rtl && first != STRONG_RTL && (dir != ALAMA_DISPLAY_DIR_AUTO || n_rtl > 0))
        mark = ALAMA_RLM;
      else if (!rtl && first != STRONG_LTR && (dir != ALAMA_DISPLAY_DIR_AUTO || n_ltr > 0))
        mark = ALAMA_LRM;

      if (mark != 0)
        {
          Mark m = { start, mark };
          g_array_append_val (self->marks, m);
          g_string_append_unichar (out, mark);
        }
      g_string_append_len (out, para_start, p - para_start);

      {
        Paragraph para = { start, cp, rtl };
        g_array_append_val (self->paragraphs, para);
      }

      if (*p == '\0')
        break;

      /* The terminator: \r\n counts as one paragraph end of two characters. */
      if (*p == '\r' && p[1] == '\n')
        {
          g_string_append_len (out, p, 2);
          p += 2;
          cp += 2;
        }
      else
        {
          const char *next = g_utf8_next_char (p);
          g_string_append_len (out, p, next - p);
          p = next;
          cp++;
        }
    }

  self->stored_length = cp;
  self->display_text = g_string_free (out, FALSE);
  return self;
}

void
alama_display_map_free (AlamaDisplayMap *self)
{
  if (self == NULL)
    return;
  g_free (self->display_text);
  g_array_unref (self->paragraphs);
  g_array_unref (self->marks);
  g_free (self);
}

const char *
alama_display_map_get_display_text (AlamaDisplayMap *self)
{
  return self->display_text;
}

guint
alama_display_map_get_n_marks (AlamaDisplayMap *self)
{
  return self->marks->len;
}

gint64
alama_display_map_get_mark_position (AlamaDisplayMap *self,
                                     guint            i,
                                     gunichar        *mark)
{
  const Mark *m;

  g_return_val_if_fail (i < self->marks->len, -1);
  m = &g_array_index (self->marks, Mark, i);
  if (mark != NULL)
    *mark = m->mark;
  return m->stored;
}

gint64
alama_display_map_get_stored_length (AlamaDisplayMap *self)
{
  return self->stored_length;
}

/* Number of marks inserted before stored offset @stored (at positions <= it). */
static guint
marks_up_to (AlamaDisplayMap *self,
             gint64           stored)
{
  guint lo = 0, hi = self->marks->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (g_array_index (self->marks, Mark, mid).stored <= stored)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

gint64
alama_display_map_to_buffer (AlamaDisplayMap *self,
                             gint64           stored)
{
  stored = CLAMP (stored, 0, self->stored_length);
  return stored + marks_up_to (self, stored);
}

gint64
alama_display_map_to_stored (AlamaDisplayMap *self,
                             gint64           buffer)
{
  /* Mark i sits at buffer offset marks[i].stored + i; count the marks strictly
   * before @buffer. A buffer offset on a mark thus maps to the character after it. */
  guint lo = 0, hi = self->marks->len;

  if (buffer < 0)
    return 0;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (g_array_index (self->marks, Mark, mid).stored + (gint64) mid < buffer)
        lo = mid + 1;
      else
        hi = mid;
    }
  return MIN (buffer - (gint64) lo, self->stored_length);
}

guint
alama_display_map_get_n_paragraphs (AlamaDisplayMap *self)
{
  return self->paragraphs->len;
}

void
alama_display_map_get_paragraph (AlamaDisplayMap *self,
                                 guint            i,
                                 gint64          *start,
                                 gint64          *end,
                                 gboolean        *rtl)
{
  const Paragraph *para;

  g_return_if_fail (i < self->paragraphs->len);
  para = &g_array_index (self->paragraphs, Paragraph, i);
  if (start != NULL)
    *start = para->start;
  if (end != NULL)
    *end = para->end;
  if (rtl != NULL)
    *rtl = para->rtl;
}
