/* alama-json.c: where the first JSON value of a line ends.
 *
 * json-glib has no "bytes consumed" API, and re-serialising the value to
 * compare lengths is wrong (white space and escapes change the length), so we
 * scan the line ourselves. The scan need not validate (json-glib parses the
 * first value afterwards): it tracks only string literals (where brackets do
 * not count) and bracket depth.
 */
#define G_LOG_DOMAIN "alama-json"

#include "config.h"

#include <string.h>

#include "alama-json-private.h"

static gboolean
is_json_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Returns the index just past the string literal that starts at data[i] ('"'). */
static gsize
skip_string (const char *data,
             gsize       len,
             gsize       i)
{
  /* Strings are most of a JSONL line (the document's text): jump from quote to
   * quote with memchr and look back at the backslashes before each one; an odd
   * run escapes it. */
  for (i++; i < len; i++)
    {
      const char *quote = memchr (data + i, '"', len - i);
      gsize q, backslashes = 0;

      if (quote == NULL)
        return len;
      q = quote - data;
      while (q - backslashes > i && data[q - backslashes - 1] == '\\')
        backslashes++;
      if (backslashes % 2 == 0)
        return q + 1;
      i = q;
    }
  return len;
}

/* Returns the index just past the first top-level value of data[0..len). */
static gsize
first_value_end (const char *data,
                 gsize       len)
{
  gsize i = 0;
  guint depth = 0;

  while (i < len && is_json_space (data[i]))
    i++;
  if (i == len)
    return len;

  if (data[i] == '"')
    return skip_string (data, len, i);

  if (data[i] != '{' && data[i] != '[')
    {
      /* A number, true, false or null: runs until a delimiter. */
      while (i < len && !is_json_space (data[i]) && data[i] != '{' && data[i] != '[' &&
             data[i] != '"' && data[i] != ',' && data[i] != ']' && data[i] != '}')
        i++;
      return i;
    }

  while (i < len)
    {
      char c = data[i];

      if (c == '"')
        {
          i = skip_string (data, len, i);
          continue;
        }
      if (c == '{' || c == '[')
        depth++;
      else if ((c == '}' || c == ']') && --depth == 0)
        return i + 1;
      i++;
    }
  return len;
}

gsize
_alama_json_first_value_length (const char *data,
                                gsize       len)
{
  return first_value_end (data, len);
}

gboolean
_alama_json_has_more_than_one_value (const char *data,
                                     gsize       len)
{
  for (gsize i = first_value_end (data, len); i < len; i++)
    if (!is_json_space (data[i]) && data[i] != '\0')
      return TRUE;
  return FALSE;
}
