/* alama-text.c: code points, UTF-8 bytes, UTF-16 units and ICU boundaries.
 *
 * Alama stores every offset as a code point. GLib, Pango and SQLite speak UTF-8
 * bytes and ICU speaks UTF-16 units; this file is the only place that converts
 * between them, so that an off-by-one in a conversion has exactly one home.
 */
#define G_LOG_DOMAIN "alama-text"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include <unicode/ubrk.h>
#include <unicode/utypes.h>

#include "alama/alama-arabic.h"
#include "alama/alama-text.h"

G_DEFINE_QUARK (alama-text-error-quark, alama_text_error)

/* ---- Validation ------------------------------------------------------------- */

static const char utf8_bom[] = "\xEF\xBB\xBF";

char *
alama_text_from_bytes (const char  *data,
                       gsize        len,
                       gsize       *bad_offset,
                       GError     **error)
{
  const char *start = data;
  const char *end = NULL;
  gsize skip = 0;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (len >= 3 && memcmp (data, utf8_bom, 3) == 0)
    skip = 3;
  start = data + skip;

  /* g_utf8_validate_len() also stops at a NUL byte: a NUL is not text we keep. */
  if (!g_utf8_validate_len (start, len - skip, &end))
    {
      gsize offset = (gsize) (end - data);

      if (bad_offset != NULL)
        *bad_offset = offset;
      if (*end == '\0')
        g_set_error (error, ALAMA_TEXT_ERROR, ALAMA_TEXT_ERROR_INVALID_UTF8,
                     _("invalid UTF-8 at byte %zu (a NUL byte)"), offset);
      else
        g_set_error (error, ALAMA_TEXT_ERROR, ALAMA_TEXT_ERROR_INVALID_UTF8,
                     _("invalid UTF-8 at byte %zu"), offset);
      return NULL;
    }

  return g_strndup (start, len - skip);
}

gint64
alama_text_length (const char *text)
{
  const unsigned char *p = (const unsigned char *) text;
  gint64 n = 0;

  g_return_val_if_fail (text != NULL, 0);

  /* Every byte that is not a continuation byte (10xxxxxx) starts a code point.
   * The text is valid UTF-8 (checked on the way in); unlike g_utf8_strlen()
   * this loop has no branch per character, so the compiler vectorises it. */
  for (; *p != '\0'; p++)
    n += (*p & 0xC0) != 0x80;
  return n;
}

/* ---- The index: code points <-> bytes ------------------------------------------ */

/* One checkpoint (the byte offset of a code point) every CHECKPOINT_EVERY code
 * points: a conversion is then a table lookup plus at most 63 steps. */
#define CHECKPOINT_EVERY 64

struct _AlamaTextIndex
{
  const char *text;          /* borrowed */
  gsize       n_bytes;
  gint64      n_chars;
  gboolean    ascii;         /* bytes == code points: no table needed */
  gsize      *checkpoints;   /* byte offset of code point k * CHECKPOINT_EVERY */
  gsize       n_checkpoints;
};

AlamaTextIndex *
alama_text_index_new (const char *text)
{
  AlamaTextIndex *index;
  const char *p;
  gint64 cp = 0;
  gsize n = 0;
  gsize allocated;

  g_return_val_if_fail (text != NULL, NULL);

  index = g_new0 (AlamaTextIndex, 1);
  index->text = text;
  index->n_bytes = strlen (text);

  index->ascii = TRUE;
  for (gsize i = 0; i < index->n_bytes; i++)
    if ((guchar) text[i] >= 0x80)
      {
        index->ascii = FALSE;
        break;
      }

  if (index->ascii)
    {
      index->n_chars = (gint64) index->n_bytes;
      return index;
    }

  /* A code point is at least one byte, so this is an upper bound. */
  allocated = index->n_bytes / CHECKPOINT_EVERY + 2;
  index->checkpoints = g_new (gsize, allocated);

  for (p = text; *p != '\0'; p = g_utf8_next_char (p), cp++)
    if (cp % CHECKPOINT_EVERY == 0)
      index->checkpoints[n++] = (gsize) (p - text);
  if (cp % CHECKPOINT_EVERY == 0)
    index->checkpoints[n++] = index->n_bytes;

  g_assert (n <= allocated);
  index->n_checkpoints = n;
  index->n_chars = cp;

  return index;
}

void
alama_text_index_free (AlamaTextIndex *index)
{
  if (index == NULL)
    return;
  g_free (index->checkpoints);
  g_free (index);
}

gint64
alama_text_index_get_length (AlamaTextIndex *index)
{
  g_return_val_if_fail (index != NULL, 0);

  return index->n_chars;
}

/* Offsets outside the text are clamped to it: callers get the nearest edge. */
gsize
alama_text_index_cp_to_byte (AlamaTextIndex *index,
                             gint64          cp)
{
  const char *p;
  gint64 steps;

  g_return_val_if_fail (index != NULL, 0);

  cp = CLAMP (cp, 0, index->n_chars);
  if (index->ascii)
    return (gsize) cp;
  if (cp == index->n_chars)
    return index->n_bytes;

  p = index->text + index->checkpoints[cp / CHECKPOINT_EVERY];
  for (steps = cp % CHECKPOINT_EVERY; steps > 0; steps--)
    p = g_utf8_next_char (p);

  return (gsize) (p - index->text);
}

gint64
alama_text_index_byte_to_cp (AlamaTextIndex *index,
                             gsize           byte)
{
  gsize lo, hi;
  const char *p;
  const char *target;
  gint64 cp;

  g_return_val_if_fail (index != NULL, 0);

  byte = MIN (byte, index->n_bytes);
  if (index->ascii)
    return (gint64) byte;

  /* Last checkpoint at or before @byte. */
  lo = 0;
  hi = index->n_checkpoints;
  while (hi - lo > 1)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (index->checkpoints[mid] <= byte)
        lo = mid;
      else
        hi = mid;
    }

  cp = (gint64) lo * CHECKPOINT_EVERY;
  p = index->text + index->checkpoints[lo];
  target = index->text + byte;
  while (p < target)
    {
      const char *next = g_utf8_next_char (p);

      if (next > target)
        break;   /* @byte is inside the character at p */
      p = next;
      cp++;
    }

  return MIN (cp, index->n_chars);
}

char *
alama_text_index_substring (AlamaTextIndex *index,
                            gint64          start,
                            gint64          end)
{
  gsize a, b;

  g_return_val_if_fail (index != NULL, NULL);

  a = alama_text_index_cp_to_byte (index, start);
  b = alama_text_index_cp_to_byte (index, end);
  if (b < a)
    b = a;

  return g_strndup (index->text + a, b - a);
}

char *
alama_text_substring (const char *text,
                      gint64      start,
                      gint64      end)
{
  const char *p;
  const char *a = NULL;
  gint64 cp = 0;

  g_return_val_if_fail (text != NULL, NULL);

  start = MAX (start, 0);
  if (end < start)
    end = start;

  for (p = text; *p != '\0' && cp < end; p = g_utf8_next_char (p), cp++)
    if (cp == start)
      a = p;
  if (a == NULL)
    a = p;   /* start at or past the end */

  return g_strndup (a, (gsize) (p - a));
}

/* ---- UTF-16 --------------------------------------------------------------------- */

gint64
alama_text_cp_to_utf16 (const char *text,
                        gint64      cp)
{
  const char *p;
  gint64 units = 0;

  g_return_val_if_fail (text != NULL, 0);

  for (p = text; *p != '\0' && cp > 0; p = g_utf8_next_char (p), cp--)
    units += g_utf8_get_char (p) > 0xFFFF ? 2 : 1;

  return units;
}

/* A UTF-16 offset between the two halves of a surrogate pair maps to that
 * character, like a byte offset inside a character does. */
gint64
alama_text_utf16_to_cp (const char *text,
                        gint64      utf16)
{
  const char *p;
  gint64 units = 0;
  gint64 cp = 0;

  g_return_val_if_fail (text != NULL, 0);

  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gint64 next = units + (g_utf8_get_char (p) > 0xFFFF ? 2 : 1);

      if (next > utf16)
        break;
      units = next;
      cp++;
    }

  return cp;
}

/* Converts increasing UTF-16 offsets of one buffer to code points in a single
 * pass: ICU hands us boundaries in order, so we never rescan. */
typedef struct
{
  const gunichar2 *units;
  glong            n_units;
  glong            pos;      /* in UTF-16 units */
  gint64           cp;
} Utf16Cursor;

static gint64
utf16_cursor_advance (Utf16Cursor *cursor,
                      glong        target)
{
  g_assert (target >= cursor->pos);

  while (cursor->pos < target && cursor->pos < cursor->n_units)
    {
      gunichar2 u = cursor->units[cursor->pos];

      if (u >= 0xD800 && u <= 0xDBFF && cursor->pos + 1 < cursor->n_units)
        cursor->pos += 2;
      else
        cursor->pos += 1;
      cursor->cp++;
    }

  return cursor->cp;
}

/* ---- ICU boundaries ---------------------------------------------------------------- */

typedef struct
{
  AlamaFragment fragment;    /* in code points */
  gboolean      is_word;     /* ICU rule status other than UBRK_WORD_NONE */
} Segment;

static void
close_break_iterator (gpointer bi)
{
  ubrk_close (bi);
}

/* Opening an ICU break iterator loads and compiles its rules, which costs more
 * than iterating a whole news article: keep one of each kind per thread and
 * give it new text each time. */
static GPrivate word_iterator = G_PRIVATE_INIT (close_break_iterator);
static GPrivate sentence_iterator = G_PRIVATE_INIT (close_break_iterator);

static UBreakIterator *
get_break_iterator (UBreakIteratorType type)
{
  GPrivate *slot = type == UBRK_WORD ? &word_iterator : &sentence_iterator;
  UBreakIterator *bi = g_private_get (slot);
  UErrorCode status = U_ZERO_ERROR;

  if (bi != NULL)
    return bi;

  g_assert (type == UBRK_WORD || type == UBRK_SENTENCE);
  bi = ubrk_open (type, "ar", NULL, 0, &status);
  if (U_FAILURE (status))
    return NULL;
  g_private_set (slot, bi);

  return bi;
}

/* Runs an ICU break iterator of @type over @text and returns every segment
 * (array of Segment) in code points. */
static GArray *
icu_segments (const char     *text,
              UBreakIteratorType type)
{
  g_autoptr(GArray) segments = g_array_new (FALSE, FALSE, sizeof (Segment));
  g_autofree gunichar2 *units = NULL;
  glong n_units = 0;
  UErrorCode status = U_ZERO_ERROR;
  UBreakIterator *bi;
  Utf16Cursor cursor = { 0, };
  int32_t prev, next;
  gint64 prev_cp = 0;

  units = g_utf8_to_utf16 (text, -1, NULL, &n_units, NULL);
  if (units == NULL || n_units == 0 || n_units > G_MAXINT32)
    return g_steal_pointer (&segments);

  bi = get_break_iterator (type);
  if (bi != NULL)
    ubrk_setText (bi, (const UChar *) units, (int32_t) n_units, &status);
  if (bi == NULL || U_FAILURE (status))
    {
      g_warning ("ICU break iterator failed: %s", u_errorName (status));
      return g_steal_pointer (&segments);
    }

  cursor.units = units;
  cursor.n_units = n_units;

  prev = ubrk_first (bi);
  for (next = ubrk_next (bi); next != UBRK_DONE; prev = next, next = ubrk_next (bi))
    {
      Segment segment;
      int32_t rule = ubrk_getRuleStatus (bi);

      segment.fragment.start = prev_cp;
      segment.fragment.end = utf16_cursor_advance (&cursor, next);
      segment.is_word = type == UBRK_WORD &&
                        !(rule >= UBRK_WORD_NONE && rule < UBRK_WORD_NONE_LIMIT);
      prev_cp = segment.fragment.end;
      g_array_append_val (segments, segment);
    }
  (void) prev;

  /* Do not leave the iterator pointing at our buffer, which is about to go. */
  {
    static const UChar nothing[1] = { 0 };

    ubrk_setText (bi, nothing, 0, &status);
  }

  return g_steal_pointer (&segments);
}

static gboolean
is_blank (gunichar c)
{
  /* g_unichar_isspace() misses some invisible format characters that behave
   * like spaces in news text. */
  return g_unichar_isspace (c) || c == 0x200B || c == 0xFEFF;
}

static gboolean
range_has_non_blank (AlamaTextIndex *index,
                     gint64          start,
                     gint64          end)
{
  const char *p = index->text + alama_text_index_cp_to_byte (index, start);

  for (gint64 i = start; i < end; i++, p = g_utf8_next_char (p))
    if (!is_blank (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

GArray *
alama_text_words (const char *text,
                  gboolean    keep_punctuation)
{
  g_autoptr(GArray) segments = NULL;
  g_autoptr(AlamaTextIndex) index = NULL;
  GArray *words;

  g_return_val_if_fail (text != NULL, NULL);

  words = g_array_new (FALSE, FALSE, sizeof (AlamaFragment));
  segments = icu_segments (text, UBRK_WORD);
  index = alama_text_index_new (text);

  for (guint i = 0; i < segments->len; i++)
    {
      const Segment *segment = &g_array_index (segments, Segment, i);

      if (segment->is_word ||
          (keep_punctuation &&
           range_has_non_blank (index, segment->fragment.start, segment->fragment.end)))
        g_array_append_val (words, segment->fragment);
    }

  return words;
}

static gunichar
char_at (AlamaTextIndex *index,
         gint64          cp)
{
  return g_utf8_get_char (index->text + alama_text_index_cp_to_byte (index, cp));
}

/* Moves [*start, *end) inward past blanks at both edges. */
static void
trim_blanks (AlamaTextIndex *index,
             gint64         *start,
             gint64         *end)
{
  while (*start < *end && is_blank (char_at (index, *start)))
    (*start)++;
  while (*end > *start && is_blank (char_at (index, *end - 1)))
    (*end)--;
}

GArray *
alama_text_sentences (const char *text)
{
  g_autoptr(GArray) segments = NULL;
  g_autoptr(AlamaTextIndex) index = NULL;
  GArray *sentences;

  g_return_val_if_fail (text != NULL, NULL);

  sentences = g_array_new (FALSE, FALSE, sizeof (AlamaFragment));
  /* ICU ends a sentence at a paragraph separator, which includes "\n", "\r\n",
   * U+0085 and U+2029: a line break in news text ends its sentence. */
  segments = icu_segments (text, UBRK_SENTENCE);
  index = alama_text_index_new (text);

  for (guint i = 0; i < segments->len; i++)
    {
      AlamaFragment sentence = g_array_index (segments, Segment, i).fragment;

      trim_blanks (index, &sentence.start, &sentence.end);
      if (sentence.start < sentence.end)
        g_array_append_val (sentences, sentence);
    }

  return sentences;
}

/* ---- Span edges ------------------------------------------------------------------ */

static gboolean
is_lam (gunichar c)
{
  return c == 0x0644;
}

static gboolean
is_alef (gunichar c)
{
  return c == 0x0622 || c == 0x0623 || c == 0x0625 || c == 0x0627;
}

/* Characters that belong to the character before them: combining marks
 * (harakat among them), variation selectors, emoji skin tones and tag
 * characters, and the ZWJ that glues an emoji sequence. */
static gboolean
is_extender (gunichar c)
{
  return g_unichar_ismark (c) ||
         c == 0x200D ||
         (c >= 0xFE00 && c <= 0xFE0F) ||
         (c >= 0x1F3FB && c <= 0x1F3FF) ||
         (c >= 0xE0020 && c <= 0xE007F);
}

/* Whether an edge at @cp (between cp-1 and cp) would split something that must
 * stay whole. */
static gboolean
edge_splits_cluster (AlamaTextIndex *index,
                     gint64          cp)
{
  gunichar c;
  gint64 before;

  if (cp <= 0 || cp >= index->n_chars)
    return FALSE;

  c = char_at (index, cp);
  if (is_extender (c))
    return TRUE;
  if (char_at (index, cp - 1) == 0x200D)
    return TRUE;   /* the character after a ZWJ joins the sequence */

  if (is_alef (c))
    {
      /* Lam-alef is one glyph even when harakat sit between the two letters. */
      for (before = cp - 1; before > 0 && g_unichar_ismark (char_at (index, before)); before--)
        ;
      if (is_lam (char_at (index, before)))
        return TRUE;
    }

  return FALSE;
}

gboolean
alama_text_is_span_edge (AlamaTextIndex *index,
                         gint64          cp)
{
  g_return_val_if_fail (index != NULL, FALSE);

  return cp >= 0 && cp <= index->n_chars && !edge_splits_cluster (index, cp);
}

void
alama_text_fix_span_edges (AlamaTextIndex *index,
                           gint64         *start,
                           gint64         *end)
{
  gint64 s, e;

  g_return_if_fail (index != NULL);
  g_return_if_fail (start != NULL && end != NULL);

  s = CLAMP (*start, 0, index->n_chars);
  e = CLAMP (*end, 0, index->n_chars);
  if (e < s)
    {
      gint64 tmp = s;
      s = e;
      e = tmp;
    }

  while (edge_splits_cluster (index, s))
    s--;
  while (edge_splits_cluster (index, e))
    e++;

  *start = s;
  *end = e;
}

/* The ICU word segments around [start, end): we only run ICU over the stretch
 * between the blanks that enclose the selection, because word boundaries never
 * cross a blank and a document can be a megabyte long. Returns the segments with
 * offsets in the whole text. */
static GArray *
word_segments_around (AlamaTextIndex *index,
                      gint64          start,
                      gint64          end,
                      gint64         *out_window_start)
{
  gint64 window_start = start;
  gint64 window_end = end;
  g_autofree char *window = NULL;
  GArray *segments;

  while (window_start > 0 && !is_blank (char_at (index, window_start - 1)))
    window_start--;
  while (window_end < index->n_chars && !is_blank (char_at (index, window_end)))
    window_end++;

  window = alama_text_index_substring (index, window_start, window_end);
  segments = icu_segments (window, UBRK_WORD);
  for (guint i = 0; i < segments->len; i++)
    {
      Segment *segment = &g_array_index (segments, Segment, i);

      segment->fragment.start += window_start;
      segment->fragment.end += window_start;
    }

  *out_window_start = window_start;
  return segments;
}

void
alama_text_snap_to_words (AlamaTextIndex *index,
                          gint64         *start,
                          gint64         *end)
{
  g_autoptr(GArray) segments = NULL;
  gint64 s, e, window_start;

  g_return_if_fail (index != NULL);
  g_return_if_fail (start != NULL && end != NULL);

  s = CLAMP (*start, 0, index->n_chars);
  e = CLAMP (*end, 0, index->n_chars);
  if (e < s)
    {
      gint64 tmp = s;
      s = e;
      e = tmp;
    }

  segments = word_segments_around (index, s, e, &window_start);

  for (guint i = 0; i < segments->len; i++)
    {
      const Segment *segment = &g_array_index (segments, Segment, i);
      const AlamaFragment *f = &segment->fragment;

      if (!segment->is_word)
        continue;
      /* The word the start is in. */
      if (f->start < s && s < f->end)
        s = f->start;
      /* The word the end is in; an empty selection (a click) takes the whole
       * word it is in. */
      if (f->start < e && e < f->end)
        e = f->end;
      else if (*start == *end && f->start == e && e < f->end)
        e = f->end;
    }

  trim_blanks (index, &s, &e);

  /* A selection that starts with a word leaves out the clitics that word
   * certainly carries (و of وأذربيجان), as the gazetteer does. */
  for (guint i = 0; i < segments->len; i++)
    {
      const Segment *segment = &g_array_index (segments, Segment, i);
      g_autofree char *word = NULL;
      gint64 clitics;

      if (!segment->is_word || segment->fragment.start != s)
        continue;
      word = alama_text_index_substring (index, segment->fragment.start, segment->fragment.end);
      clitics = alama_arabic_certain_proclitics (word);
      if (clitics > 0 && s + clitics < e)
        s += clitics;
      break;
    }
  alama_text_fix_span_edges (index, &s, &e);

  *start = s;
  *end = e;
}
