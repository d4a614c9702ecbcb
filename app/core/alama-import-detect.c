/* alama-import-detect.c: what a file holds, read from its first lines, for the
 * files whose name does not say (.txt, .tsv, .train, no extension) and to tell
 * CoNLL-U from CoNLL.
 *
 * A file is taken as tagged tokens only when nearly all its lines say so; a file
 * where some lines look tagged and others do not is neither plain text nor
 * CoNLL: the caller refuses it and names the --format choices, so that tags are
 * never imported as words of a plain text.
 */
#define G_LOG_DOMAIN "alama-import-detect"

#include "config.h"

#include <string.h>

#include "alama-import-private.h"

/* How much of a file the detection reads. */
#define HEAD_BYTES (1 << 18)

/* Most fields a token line has (token, POS, chunk, lemma, tags ...). */
#define MAX_TOKEN_FIELDS 12

/* Share of the lines that must look alike, in percent. */
#define MOST_LINES 90

static gboolean
is_decimal_n (const char *s,
              gsize       n)
{
  if (n == 0)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

/* A CoNLL-U word ID: 1, 1-2 or 1.1. */
static gboolean
is_word_id (const char *s,
            gsize       n)
{
  const char *mark = NULL;

  for (gsize i = 0; i < n; i++)
    if (s[i] == '-' || s[i] == '.')
      {
        mark = s + i;
        break;
      }
  if (mark == NULL)
    return is_decimal_n (s, n);
  return is_decimal_n (s, mark - s) && is_decimal_n (mark + 1, n - (mark - s) - 1);
}

/* O, IO, or X-LABEL with X one of B I E S L U and LABEL starting with a
 * letter (so that "S-400" or "B-52" in a text are no tags). */
static gboolean
is_tag (const char *s,
        gsize       n)
{
  if ((n == 1 && s[0] == 'O') || (n == 2 && s[0] == 'I' && s[1] == 'O'))
    return TRUE;
  return n > 2 && strchr ("BIESLU", s[0]) != NULL && s[1] == '-' && g_ascii_isalpha (s[2]);
}

static gboolean
is_outside_tag (const char *s,
                gsize       n)
{
  return (n == 1 && s[0] == 'O') || (n == 2 && s[0] == 'I' && s[1] == 'O');
}

static gboolean
starts_with (const char *p,
             const char *end,
             const char *prefix)
{
  gsize n = strlen (prefix);

  return (gsize) (end - p) >= n && strncmp (p, prefix, n) == 0;
}

typedef struct
{
  guint lines;         /* not blank, not a comment, not -DOCSTART- */
  guint conllu_words;  /* ten tab-separated fields, the first a word ID */
  guint id_lines;      /* tab-separated fields, the first a word ID (any count) */
  guint conllu_marks;  /* "# text =", "# sent_id =", "# newdoc" */
  guint token_tag;     /* "token TAG ..." (tags after the token) */
  guint pipes;         /* "word|POS|TAG word|POS|TAG ..." */
  guint labels;        /* lines with a tag that is not O */
} LineCounts;

/* One line (without its end) into @counts. */
static void
count_line (const char *line,
            gsize       n,
            LineCounts *counts)
{
  const char *p = line, *end = line + n;
  guint n_fields = 0, n_tabs = 0, n_piped = 0, n_label = 0;
  gboolean first_is_id = FALSE, last_is_tag = FALSE, last_is_label = FALSE;

  while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t' || line[n - 1] == '\r'))
    n--;
  end = line + n;
  if (n == 0)
    return;
  if (line[0] == '#')
    {
      const char *q = line + 1;

      while (q < end && (*q == ' ' || *q == '\t'))
        q++;
      if (starts_with (q, end, "text") || starts_with (q, end, "sent_id") ||
          starts_with (q, end, "newdoc"))
        counts->conllu_marks++;
      return;
    }
  if (n >= 10 && strncmp (line, "-DOCSTART-", 10) == 0)
    return;

  counts->lines++;
  for (const char *t = line; t < end; t++)
    if (*t == '\t')
      n_tabs++;

  /* Whitespace-separated fields: tags after the first, and word|...|TAG items. */
  while (p < end)
    {
      const char *q = p, *bar;

      while (q < end && *q != ' ' && *q != '\t')
        q++;
      if (n_fields == 0)
        first_is_id = is_word_id (p, q - p);
      last_is_tag = (n_fields > 0 && is_tag (p, q - p));
      last_is_label = (last_is_tag && !is_outside_tag (p, q - p));
      bar = g_strrstr_len (p, q - p, "|");
      if (bar != NULL && bar > p && is_tag (bar + 1, q - bar - 1))
        {
          n_piped++;
          if (!is_outside_tag (bar + 1, q - bar - 1))
            n_label++;
        }
      n_fields++;
      while (q < end && (*q == ' ' || *q == '\t'))
        q++;
      p = q;
    }

  /* A token line ends with its tag (the columns before it are POS, chunks, a
   * number ...) and is short; a line of text that happens to end with "O" is
   * not one when most lines are not. */
  if (n_tabs >= 2 && first_is_id)
    counts->id_lines++;
  if (n_tabs == 9 && first_is_id)
    counts->conllu_words++;
  else if (n_piped == n_fields && n_fields > 0)
    counts->pipes++;
  else if (n_fields >= 2 && n_fields <= MAX_TOKEN_FIELDS && last_is_tag)
    counts->token_tag++;
  if ((n_piped == n_fields && n_label > 0) ||
      (n_fields >= 2 && n_fields <= MAX_TOKEN_FIELDS && last_is_label))
    counts->labels++;
}

static void
count_lines (const char *data,
             gsize       len,
             gboolean    cut,
             LineCounts *counts)
{
  const char *p = data, *end = data + len;

  while (p < end)
    {
      const char *eol = memchr (p, '\n', end - p);
      const char *cr = memchr (p, '\r', (eol != NULL ? eol : end) - p);

      /* A lone CR ends a line too (classic Mac OS files). */
      if (cr != NULL && cr + 1 < end && cr[1] != '\n')
        eol = cr;
      if (eol == NULL && cut)
        break;          /* the head ends inside this line */
      count_line (p, (eol != NULL ? eol : end) - p, counts);
      p = (eol != NULL) ? eol + 1 : end;
    }
}

static gboolean
most (guint part,
      guint whole)
{
  return whole > 0 && part * 100 >= whole * MOST_LINES;
}

gboolean
_alama_import_conllu_sniff (const char *data,
                            gsize       len)
{
  LineCounts counts = { 0 };

  count_lines (data, len, FALSE, &counts);
  return (counts.conllu_marks > 0 && counts.id_lines > 0) ||
         most (counts.conllu_words, counts.lines);
}

AlamaFormat
_alama_import_detect_content (const char *data,
                              gsize       len,
                              gboolean    cut)
{
  LineCounts counts = { 0 };

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      len -= 3;
    }
  /* Not text: no format of ours. */
  if (memchr (data, '\0', len) != NULL)
    return ALAMA_FORMAT_AUTO;

  count_lines (data, len, cut, &counts);
  if ((counts.conllu_marks > 0 && counts.id_lines > 0) ||
      most (counts.conllu_words, counts.lines))
    return ALAMA_FORMAT_CONLLU;
  if (most (counts.token_tag + counts.conllu_words, counts.lines) ||
      most (counts.pipes, counts.lines))
    return ALAMA_FORMAT_CONLL;
  /* Tags on some lines and not on most: not a plain text either. */
  if (counts.labels > 0 && (counts.labels >= 3 || counts.labels * 5 >= counts.lines))
    return ALAMA_FORMAT_AUTO;
  return ALAMA_FORMAT_TXT;
}

AlamaFormat
_alama_import_detect_file_content (const char *path)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *head = g_malloc (HEAD_BYTES);
  gsize n = 0;

  if ((stream = g_file_read (file, NULL, NULL)) == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), head, HEAD_BYTES, &n, NULL, NULL))
    return ALAMA_FORMAT_AUTO;
  return _alama_import_detect_content (head, n, n == HEAD_BYTES);
}
