/* alama-export-conll-dialects.c: a document read from one of the CoNLL
 * dialects written back in it.
 *
 * alama-export-conll.c writes token lines; the import recorded in format_data
 * when a file was in another layout (see alama-import-conll.c):
 *
 *   "piped": true              spaCy's sentence per line, "word|POS|TAG" items
 *                              separated by one space
 *   "index_column": true,      GermEval 2014: the token's number in its
 *   "comments": {"k": [...]}   sentence before it, and the "#" lines that came
 *                              before sentence k
 *
 * The token lines of the document are rewritten in place to that layout.
 */
#define G_LOG_DOMAIN "alama-export-conll"

#include "config.h"

#include <string.h>

#include "alama-export-private.h"

static gboolean
is_docstart (const char *line)
{
  return g_str_has_prefix (line, "-DOCSTART-");
}

/* Token lines "word SEP POS SEP TAG", a blank line after each sentence, as
 * "word|POS|TAG word|POS|TAG" per sentence. */
static void
write_piped (GString    *out,
             char      **lines,
             char        sep,
             const char *eol)
{
  char seps[2] = { sep, 0 };
  gboolean in_sentence = FALSE, first_line = TRUE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;

      if (lines[i][0] == '\0')
        {
          in_sentence = FALSE;
          continue;
        }
      if (!in_sentence || is_docstart (lines[i]))
        {
          if (!first_line)
            g_string_append (out, eol);
          first_line = FALSE;
          if (is_docstart (lines[i]))
            {
              g_string_append (out, lines[i]);
              in_sentence = FALSE;
              continue;
            }
        }
      else
        {
          g_string_append_c (out, ' ');
        }
      in_sentence = TRUE;
      fields = g_strsplit (lines[i], seps, -1);
      for (guint k = 0; fields[k] != NULL; k++)
        {
          if (k > 0)
            g_string_append_c (out, '|');
          g_string_append (out, fields[k]);
        }
    }
}

/* GermEval: each token line numbered in its sentence, the sentence's "#"
 * lines before it. */
static void
write_indexed (GString    *out,
               char      **lines,
               JsonObject *comments,
               char        sep,
               const char *eol)
{
  gboolean in_sentence = FALSE;
  guint sentence = 0, index = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, eol);
      if (lines[i][0] == '\0' || is_docstart (lines[i]))
        {
          in_sentence = FALSE;
          g_string_append (out, lines[i]);
          continue;
        }
      if (!in_sentence)
        {
          char key[16];
          JsonArray *before;

          g_snprintf (key, sizeof key, "%u", sentence++);
          before = (comments != NULL && json_object_has_member (comments, key))
                   ? json_object_get_array_member (comments, key) : NULL;
          for (guint k = 0; before != NULL && k < json_array_get_length (before); k++)
            {
              g_string_append (out, json_array_get_string_element (before, k));
              g_string_append (out, eol);
            }
          in_sentence = TRUE;
          index = 0;
        }
      g_string_append_printf (out, "%u%c%s", ++index, sep, lines[i]);
    }
}

void
_alama_export_conll_relayout (GString    *out,
                              gsize       from,
                              JsonObject *format_data,
                              char        sep,
                              const char *eol)
{
  gboolean piped, indexed;
  g_autofree char *chunk = NULL;
  g_auto(GStrv) lines = NULL;
  gsize eol_len = strlen (eol);
  gboolean leading_eol;

  if (format_data == NULL)
    return;
  piped = json_object_get_boolean_member_with_default (format_data, "piped", FALSE);
  indexed = json_object_get_boolean_member_with_default (format_data, "index_column", FALSE);
  if (!piped && !indexed)
    return;

  /* The line end of the line before the document, when there was one. */
  leading_eol = (out->len - from >= eol_len && strncmp (out->str + from, eol, eol_len) == 0);
  if (leading_eol)
    from += eol_len;
  chunk = g_strndup (out->str + from, out->len - from);
  g_string_truncate (out, from);
  lines = g_strsplit (chunk, eol, -1);

  if (piped)
    write_piped (out, lines, sep, eol);
  else
    write_indexed (out, lines,
                   json_object_has_member (format_data, "comments")
                   ? json_object_get_object_member (format_data, "comments") : NULL,
                   sep, eol);
}
