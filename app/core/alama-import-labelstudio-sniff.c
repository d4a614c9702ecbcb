/* alama-import-labelstudio-sniff.c: telling a Label Studio export by its first bytes.
 *
 * A .json file may be a doccano array or a Label Studio task list; only the
 * keys of its first element tell them apart, and the folder walk asks for
 * every .json it meets, so this reads the start of the file with a small
 * scanner (string literals and bracket depth) instead of parsing it whole.
 */
#define G_LOG_DOMAIN "alama-import-labelstudio"

#include "config.h"

#include <string.h>

#include "alama-import-private.h"

/* Whether @data (the start of a .json file) is a Label Studio task list: an
 * array whose first element has "data" and "annotations" or "predictions", or
 * a JSON-MIN export (a first element with "annotation_id" or "lead_time"
 * beside "text"). Reads the keys of the first element only, as far as @len
 * goes; a key cut off is not seen. */
gboolean
_alama_import_labelstudio_sniff (const char *data,
                                 gsize       len)
{
  gboolean has_data = FALSE, has_results = FALSE, has_text = FALSE, has_min = FALSE;
  gsize i = 0;
  int depth = 0;

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < len && g_ascii_isspace (data[i]))
    i++;
  if (i >= len || data[i] != '[')
    return FALSE;
  i++;
  while (i < len && g_ascii_isspace (data[i]))
    i++;
  if (i >= len || data[i] != '{')
    return FALSE;

  for (; i < len; i++)
    {
      char c = data[i];

      if (c == '"')
        {
          gsize start = ++i;

          while (i < len && data[i] != '"')
            i += data[i] == '\\' ? 2 : 1;
          if (i >= len)
            break;
          if (depth == 1)
            {
              gsize key_len = i - start;
              gsize j = i + 1;

              while (j < len && g_ascii_isspace (data[j]))
                j++;
              if (j < len && data[j] == ':')
                {
#define KEY_IS(k) (key_len == strlen (k) && memcmp (data + start, k, key_len) == 0)
                  has_data = has_data || KEY_IS ("data");
                  has_results = has_results || KEY_IS ("annotations") || KEY_IS ("predictions");
                  has_text = has_text || KEY_IS ("text");
                  has_min = has_min || KEY_IS ("annotation_id") || KEY_IS ("lead_time");
#undef KEY_IS
                }
            }
        }
      else if (c == '{' || c == '[')
        depth++;
      else if (c == '}' || c == ']')
        {
          if (--depth == 0)
            break;
        }
    }

  return (has_data && has_results) || (has_text && has_min);
}
