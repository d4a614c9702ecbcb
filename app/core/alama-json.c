/* alama-json.c: what a reader checks in a line before json-glib parses it.
 *
 * json-glib has no "bytes consumed" API, and re-serialising the value to
 * compare lengths is wrong (white space and escapes change the length), so we
 * scan the line ourselves for where its first value ends. The same scan finds
 * what json-glib 1.6 gets wrong on hostile input (see alama-json-private.h).
 * It does not validate otherwise: json-glib parses the first value afterwards.
 */
#define G_LOG_DOMAIN "alama-json"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "alama-json-private.h"

static gboolean
is_json_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static gboolean
set_problem (AlamaJsonScan    *scan,
             AlamaJsonProblem  problem,
             gsize             at,
             gsize             problem_len)
{
  scan->problem = problem;
  scan->problem_at = at;
  scan->problem_len = problem_len;
  return FALSE;
}

/* The value of the four hex digits of a \uXXXX escape at data[i] ('\\'), or -1. */
static gint
escape_code_unit (const char *data,
                  gsize       len,
                  gsize       i)
{
  gint value = 0;

  if (i + 6 > len || data[i] != '\\' || data[i + 1] != 'u')
    return -1;
  for (gsize k = i + 2; k < i + 6; k++)
    {
      if (!g_ascii_isxdigit (data[k]))
        return -1;
      value = value * 16 + g_ascii_xdigit_value (data[k]);
    }
  return value;
}

/* Moves *i past the string literal that starts at data[*i] ('"'). Returns FALSE
 * when it holds an escape json-glib would mangle (see the header). */
static gboolean
scan_string (const char    *data,
             gsize          len,
             gsize         *i,
             AlamaJsonScan *scan)
{
  gsize at = *i + 1;

  /* Strings are most of a JSONL line (the document's text): jump from quote to
   * quote with memchr, and look at the backslashes before each quote only. */
  while (at < len)
    {
      const char *quote = memchr (data + at, '"', len - at);
      gsize q = quote != NULL ? (gsize) (quote - data) : len;
      const char *backslash = memchr (data + at, '\\', q - at);
      gint unit;

      if (backslash == NULL)
        {
          *i = q < len ? q + 1 : len;
          scan->complete = q < len;
          return TRUE;
        }

      at = backslash - data;
      unit = escape_code_unit (data, len, at);
      if (unit == 0)
        return set_problem (scan, ALAMA_JSON_PROBLEM_NUL, at, 6);
      if (unit >= 0xD800 && unit <= 0xDBFF)
        {
          gint low = escape_code_unit (data, len, at + 6);

          if (low < 0xDC00 || low > 0xDFFF)
            return set_problem (scan, ALAMA_JSON_PROBLEM_LONE_SURROGATE, at, 6);
          at += 12;
          continue;
        }
      if (unit >= 0xDC00 && unit <= 0xDFFF)
        return set_problem (scan, ALAMA_JSON_PROBLEM_LONE_SURROGATE, at, 6);

      /* The escaped character may be a quote or a backslash: skip both bytes. */
      at += 2;
    }

  *i = len;
  scan->complete = FALSE;
  return TRUE;
}

static gboolean
is_number_char (char c)
{
  return g_ascii_isdigit (c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

/* Moves *i past the number that starts at data[*i]. Returns FALSE for an
 * integer outside gint64, which json-glib 1.6 wraps round without an error. */
static gboolean
scan_number (const char    *data,
             gsize          len,
             gsize         *i,
             AlamaJsonScan *scan)
{
  static const char max_digits[] = "9223372036854775807";
  gsize start = *i, digits, n_digits;
  gboolean negative = data[start] == '-';
  gboolean integer = TRUE;
  gsize end = start;
  int order;

  while (end < len && is_number_char (data[end]))
    {
      if (data[end] == '.' || data[end] == 'e' || data[end] == 'E')
        integer = FALSE;
      end++;
    }
  *i = end;
  if (!integer)
    return TRUE;

  digits = start + (negative ? 1 : 0);
  while (digits + 1 < end && data[digits] == '0')
    digits++;
  n_digits = end - digits;
  if (n_digits < sizeof max_digits - 1)
    return TRUE;
  if (n_digits > sizeof max_digits - 1)
    return set_problem (scan, ALAMA_JSON_PROBLEM_NUMBER_RANGE, start, end - start);

  /* 19 digits: compare with G_MAXINT64; G_MININT64 has one more. */
  order = memcmp (data + digits, max_digits, n_digits);
  if (order > 0 && !(negative && memcmp (data + digits, "9223372036854775808", n_digits) == 0))
    return set_problem (scan, ALAMA_JSON_PROBLEM_NUMBER_RANGE, start, end - start);
  return TRUE;
}

void
_alama_json_scan (const char    *data,
                  gsize          len,
                  AlamaJsonScan *scan)
{
  gsize i = 0;
  guint depth = 0;

  memset (scan, 0, sizeof *scan);
  scan->length = len;

  while (i < len && is_json_space (data[i]))
    i++;

  while (i < len)
    {
      char c = data[i];

      if (c == '"')
        {
          if (!scan_string (data, len, &i, scan))
            return;
          if (depth == 0)
            {
              scan->length = i;
              return;
            }
          continue;
        }

      if (c == '-' || g_ascii_isdigit (c))
        {
          if (!scan_number (data, len, &i, scan))
            return;
          if (depth == 0)
            {
              scan->length = i;
              scan->complete = TRUE;
              return;
            }
          continue;
        }

      if (c == '{' || c == '[')
        {
          if (++depth > ALAMA_JSON_MAX_DEPTH)
            {
              set_problem (scan, ALAMA_JSON_PROBLEM_TOO_DEEP, i, 1);
              return;
            }
        }
      else if ((c == '}' || c == ']') && depth > 0)
        {
          if (--depth == 0)
            {
              scan->length = i + 1;
              scan->complete = TRUE;
              return;
            }
        }
      else if (depth == 0)
        {
          /* true, false, null (or a stray character): runs until a delimiter. */
          while (i < len && !is_json_space (data[i]) && data[i] != '{' && data[i] != '[' &&
                 data[i] != '"' && data[i] != ',' && data[i] != ']' && data[i] != '}')
            i++;
          scan->length = i;
          scan->complete = TRUE;
          return;
        }
      i++;
    }
  scan->complete = FALSE;
}

gsize
_alama_json_first_value_length (const char *data,
                                gsize       len)
{
  AlamaJsonScan scan;

  _alama_json_scan (data, len, &scan);
  return scan.length;
}

gboolean
_alama_json_has_more_than_one_value (const char *data,
                                     gsize       len)
{
  for (gsize i = _alama_json_first_value_length (data, len); i < len; i++)
    if (!is_json_space (data[i]) && data[i] != '\0')
      return TRUE;
  return FALSE;
}

char *
_alama_json_check_first_value (const char *data,
                                gsize       len,
                                gsize      *out_length,
                                gsize      *out_offset)
{
  AlamaJsonScan scan;

  _alama_json_scan (data, len, &scan);
  *out_length = scan.length;
  *out_offset = scan.problem_at;
  if (scan.problem == ALAMA_JSON_PROBLEM_NONE)
    return NULL;
  return _alama_json_scan_describe (data, len, &scan);
}

/* One open object or array, while looking for the member that holds a byte. */
typedef struct
{
  gboolean is_object;
  gboolean wants_name;   /* the next string in this object is a member name */
  gsize    name_at;      /* its last member name, data[name_at .. name_at + name_len) */
  gsize    name_len;
} Frame;

/* The raw name of the innermost object member whose value holds data[at], or
 * NULL at the top level; *in_name says whether data[at] is in a member name
 * itself (then the result names the object that member belongs to). Only used
 * for messages, so it walks the data again rather than slow the scan. */
static char *
member_holding (const char *data,
                gsize       len,
                gsize       at,
                gboolean   *in_name)
{
  g_autoptr(GArray) frames = g_array_new (FALSE, TRUE, sizeof (Frame));
  gsize i = 0;

  *in_name = FALSE;
  while (i < at && i < len)
    {
      char c = data[i];
      Frame *top = frames->len > 0 ? &g_array_index (frames, Frame, frames->len - 1) : NULL;

      if (c == '"')
        {
          AlamaJsonScan ignored = { 0 };
          gsize start = i;

          scan_string (data, len, &i, &ignored);
          if (ignored.problem != ALAMA_JSON_PROBLEM_NONE || i > at)
            {
              *in_name = top != NULL && top->is_object && top->wants_name;
              break;
            }
          if (top != NULL && top->is_object && top->wants_name)
            {
              top->name_at = start + 1;
              top->name_len = i - start - 2;
            }
          continue;
        }
      if (c == '{' || c == '[')
        {
          Frame frame = { c == '{', c == '{', 0, 0 };

          g_array_append_val (frames, frame);
        }
      else if ((c == '}' || c == ']') && top != NULL)
        g_array_set_size (frames, frames->len - 1);
      else if (c == ',' && top != NULL && top->is_object)
        top->wants_name = TRUE;
      else if (c == ':' && top != NULL && top->is_object)
        top->wants_name = FALSE;
      i++;
    }

  /* The innermost object with a name, skipping the one whose member name holds
   * data[at] when that is where it is. */
  for (guint f = frames->len; f > 0; f--)
    {
      const Frame *frame = &g_array_index (frames, Frame, f - 1);

      if (*in_name && f == frames->len)
        continue;
      if (frame->is_object && frame->name_len > 0)
        return g_strndup (data + frame->name_at, frame->name_len);
    }
  return NULL;
}

char *
_alama_json_scan_describe (const char          *data,
                           gsize                len,
                           const AlamaJsonScan *scan)
{
  g_autofree char *token = g_strndup (data + scan->problem_at, scan->problem_len);
  g_autofree char *member = NULL;
  g_autofree char *where = NULL;
  gboolean in_name = FALSE;

  g_return_val_if_fail (scan->problem != ALAMA_JSON_PROBLEM_NONE, NULL);

  if (scan->problem == ALAMA_JSON_PROBLEM_TOO_DEEP)
    return g_strdup_printf (_("JSON nested deeper than %u levels"), ALAMA_JSON_MAX_DEPTH);

  member = member_holding (data, len, scan->problem_at, &in_name);
  if (in_name)
    /* TRANSLATORS: where a bad character is; goes into "%s holds …" below. */
    where = member != NULL ? g_strdup_printf (_("a member name in “%s”"), member)
                           : g_strdup (_("a member name"));
  else
    where = member != NULL ? g_strdup_printf (_("“%s”"), member) : g_strdup (_("the value"));

  switch (scan->problem)
    {
    case ALAMA_JSON_PROBLEM_NUL:
      return g_strdup_printf (_("%s holds U+0000 (%s), a NUL character, which Alama cannot store"),
                              where, token);
    case ALAMA_JSON_PROBLEM_LONE_SURROGATE:
      return g_strdup_printf (_("%s holds %s, half of a UTF-16 surrogate pair without the other "
                                "half, which is not a character"), where, token);
    case ALAMA_JSON_PROBLEM_NUMBER_RANGE:
      return g_strdup_printf (_("%s holds the integer %s, which is out of range"), where, token);
    case ALAMA_JSON_PROBLEM_NONE:
    case ALAMA_JSON_PROBLEM_TOO_DEEP:
    default:
      g_assert_not_reached ();
    }
}
