/* alama-import-conll.c: CoNLL-style "token TAG [TAG ...]" files (ANERcorp, Wojood).
 *
 * One token per line, BIO/IOB2 tags (I- without a B- opens an entity, as in IOB1),
 * BIOES (S- single, E- last) and BILOU (U-, L-), a blank line between sentences and
 * -DOCSTART- lines between documents. Which columns are tags is decided over the
 * whole file before reading (scan_columns): a column whose every value is O or
 * X-LABEL (X in B I E S L U) is a tag column, unless its labels are all phrase
 * chunks (NP, VP ...: CoNLL-2003's chunk column); other columns (POS, lemma) are
 * kept verbatim. Every tag column is read: the first is the outermost layer, later
 * ones are nested layers (Wojood writes only as many columns as a token is deep).
 *
 * The document text is rebuilt from the tokens: single spaces between the tokens of
 * a sentence, "\n" between sentences. Nothing is normalised.
 *
 * What a faithful export needs beyond the text and the spans goes in the document's
 * format_data (read back by alama-export-conll.c; see tests/fixtures/conll/README.md):
 *
 *   { "format": "conll", "version": 1,
 *     "n_tokens": N,                 tokens of the document, empty ones included
 *     "sentence_starts": [0, 17 ...] token index of each sentence's first token
 *     "columns": C, "ragged": bool,  most tag columns on a line; lines differ in count
 *     "kinds": "KKT",                what each column after the token is (T = tag,
 *                                    K = kept verbatim); absent when all are tags
 *     "kept": ["NNP B-NP", ...],     per token, its kept columns joined by one space
 *                                    (only when "kinds" has a K)
 *     "scheme": "BIOES" | "BILOU",   absent for BIO/IOB1
 *     "istart": [[t, c] ...],        entity starts written I- (IOB1): token, column
 *     "io": [[t, c] ...],            tags written IO (read as O): token, column
 *     "separator": "\t" | " ",       the separator most lines use
 *     "seps": {"i": [s1 ... trail]}, token lines whose whitespace differs from one
 *                                    separator between fields and none at the end:
 *                                    each run after a field, the last one trailing
 *     "before": [lines], "after": [lines]  -DOCSTART- lines (and their blank lines)
 *                                    with no token after them, written verbatim
 *                                    before / after the document
 *     "crlf": bool, "bom": bool, "final_newline": bool,
 *     "docstart": "-DOCSTART- O" | null,   the line that opened the document
 *     "pre": n, "lead": n, "trail": n,     blank lines before the -DOCSTART- line,
 *                                          after it, and after the last token line
 *     "gaps": {"k": n},              blank lines before sentence k when not exactly 1
 *     "empty": {"i": "raw line"},    empty tokens (a line such as " O"), verbatim
 *     "notag": [i ...],              tokens that had no tag at all
 *     "piped": true,                 spaCy's sentence per line of word|POS|TAG
 *     "index_column": true,          GermEval: a number column before the token,
 *     "comments": {"k": [lines]} }   and the "#" lines before sentence k
 *                                    (both written back by
 *                                    alama-export-conll-dialects.c)
 *
 * The non-empty tokens are not listed: they are the runs of characters between
 * spaces and newlines of the text, in order, which keeps format_data small.
 *
 * Why this file is long: one format read in two passes (which columns are tags,
 * then the tokens), with the four tagging schemes and nested layers it accepts;
 * the passes share the column model.
 */
#define G_LOG_DOMAIN "alama-import-conll"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include <json-glib/json-glib.h>

#include <alama/alama-import.h>
#include <alama/alama-text.h>

#include "alama-import-private.h"

#define DOCSTART "-DOCSTART-"

/* An entity being read in one tag column. */
typedef struct
{
  char   *label;        /* NULL when no entity is open */
  gint64  start;        /* code points; -1 until a non-empty token joins */
  gint64  end;
  guint   line;         /* of the token that opened it */
} OpenEntity;

/* The document being read. */
typedef struct
{
  GString    *text;
  GPtrArray  *spans;          /* AlamaSpan*, in the order they close */
  GPtrArray  *origins;        /* char*, parallel */
  GArray     *open;           /* OpenEntity per column */
  GArray     *sentence_starts; /* guint token indexes */
  GArray     *notag;          /* guint token indexes */
  GHashTable *empty;          /* token index (as string) -> raw line */
  GHashTable *gaps;           /* sentence index (as string) -> blank lines */
  GArray     *istart;         /* guint pairs: token, column of an entity opened by I- */
  GArray     *io;             /* guint pairs: token, column of an "IO" tag (read as O) */
  GPtrArray  *kept;           /* char* per token: its kept columns, or NULL */
  GHashTable *seps;           /* token index (as string) -> GStrv of whitespace runs */
  gboolean    any_kept;
  gint64      text_length;    /* code points in text */
  guint       n_tokens;
  guint       sentence_tokens; /* tokens in the current sentence */
  guint       sentence_text;   /* non-empty tokens in the current sentence */
  guint       max_columns;
  gint        line_columns;   /* tag columns of the first tagged line, -1 = none yet */
  gboolean    ragged;
  guint       pre;
  guint       lead;
  guint       pending_blanks; /* blank lines seen since the last token line */
  char       *docstart;
  GHashTable *comments;       /* sentence index (as string) -> GPtrArray of "#" lines */
} DocBuilder;

/* What is shared by all documents of the file. */
typedef struct
{
  const char *path;
  char       *stem;
  gboolean    bom;
  gboolean    crlf;
  char        separator;      /* the one most token lines use first */
  char       *kinds;          /* per column after the token: 'T' tag, 'K' kept */
  gboolean    all_tags;       /* kinds has no 'K' */
  char        single_prefix;  /* 'S' or 'U' when the file uses BIOES/BILOU, else 0 */
  char        last_prefix;    /* 'E' or 'L' likewise */
  GPtrArray  *carry;          /* raw lines of -DOCSTART- blocks with no token yet */
  guint       n_docs;
  gboolean    index_column;   /* GermEval: "N<tab>token<tab>TAG...", "#" comment lines */
  gboolean    piped;          /* spaCy: a sentence per line of word|POS|TAG items */
} FileState;

static void
open_entity_clear (gpointer data)
{
  OpenEntity *entity = data;

  g_clear_pointer (&entity->label, g_free);
}

static DocBuilder *
doc_builder_new (void)
{
  DocBuilder *b = g_new0 (DocBuilder, 1);

  b->text = g_string_new (NULL);
  b->spans = g_ptr_array_new_with_free_func ((GDestroyNotify) alama_span_unref);
  b->origins = g_ptr_array_new_with_free_func (g_free);
  b->open = g_array_new (FALSE, TRUE, sizeof (OpenEntity));
  g_array_set_clear_func (b->open, open_entity_clear);
  b->sentence_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  b->notag = g_array_new (FALSE, FALSE, sizeof (guint));
  b->empty = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  b->gaps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  b->istart = g_array_new (FALSE, FALSE, sizeof (guint));
  b->io = g_array_new (FALSE, FALSE, sizeof (guint));
  b->kept = g_ptr_array_new_with_free_func (g_free);
  b->seps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
  b->comments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_ptr_array_unref);
  b->line_columns = -1;
  return b;
}

static void
doc_builder_free (DocBuilder *b)
{
  if (b->text != NULL)
    g_string_free (b->text, TRUE);
  g_ptr_array_unref (b->spans);
  g_ptr_array_unref (b->origins);
  g_array_unref (b->open);
  g_array_unref (b->sentence_starts);
  g_array_unref (b->notag);
  g_hash_table_unref (b->empty);
  g_hash_table_unref (b->gaps);
  g_array_unref (b->istart);
  g_array_unref (b->io);
  g_ptr_array_unref (b->kept);
  g_hash_table_unref (b->seps);
  g_free (b->docstart);
  g_hash_table_unref (b->comments);
  g_free (b);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DocBuilder, doc_builder_free)

/* Turns the entity open in @column into a span, if it reached any text. An
 * entity made only of empty tokens has no text to point at; its tags survive in
 * the raw lines kept for those tokens. */
static void
close_entity (DocBuilder *b,
              guint       column)
{
  OpenEntity *entity;

  if (column >= b->open->len)
    return;

  entity = &g_array_index (b->open, OpenEntity, column);
  if (entity->label == NULL)
    return;

  if (entity->start >= 0 && entity->end > entity->start)
    {
      g_ptr_array_add (b->spans, alama_span_new (entity->label, entity->start, entity->end));
      g_ptr_array_add (b->origins,
                       g_strdup_printf (_("line %u, tag column %u"), entity->line, column + 1));
    }

  g_clear_pointer (&entity->label, g_free);
}

static void
close_all_entities (DocBuilder *b)
{
  for (guint c = 0; c < b->open->len; c++)
    close_entity (b, c);
}

/* A blank line (or the start of a document) ends the current sentence. */
static void
end_sentence (DocBuilder *b)
{
  close_all_entities (b);
  b->sentence_tokens = 0;
  b->sentence_text = 0;
}

static gboolean
is_separator (char c)
{
  return c == ' ' || c == '\t';
}

/* "-DOCSTART-" alone or followed by a separator (CoNLL-2003 writes
 * "-DOCSTART- -X- O O"); @line may go on past its end of line. */
static gboolean
is_docstart_line (const char *line)
{
  gsize n = strlen (DOCSTART);

  return strncmp (line, DOCSTART, n) == 0 &&
         (line[n] == '\0' || line[n] == '\n' || line[n] == '\r' || is_separator (line[n]));
}

static gboolean
is_blank_line (const char *line)
{
  for (const char *p = line; *p != '\0'; p++)
    if (!is_separator (*p))
      return FALSE;
  return TRUE;
}

/* Reads one tag ("O", "B-PER", "I-LOC", "S-ORG", "L-LOC") into *prefix ('O', 'B',
 * 'I', 'E', 'S', 'L' or 'U') and *label (borrowed from @tag, NULL for O). */
static gboolean
parse_tag (const char  *tag,
           char        *prefix,
           const char **label)
{
  /* "IO" is read as O: AQMAR's Crusades.txt has it once, on an adjective
   * between two O tokens (a typo for O); no scheme has an IO tag of its own. */
  if (strcmp (tag, "O") == 0 || strcmp (tag, "IO") == 0)
    {
      *prefix = 'O';
      *label = NULL;
      return TRUE;
    }

  if (tag[0] != '\0' && strchr ("BIESLU", tag[0]) != NULL && tag[1] == '-' && tag[2] != '\0')
    {
      *prefix = tag[0];
      *label = tag + 2;
      return TRUE;
    }

  return FALSE;
}

/* GermEval 2014's layout: every token line starts with the token's number in
 * its sentence, and "#" lines (the source URL) come before the sentences. */
static gboolean
has_index_column (const char *content)
{
  gboolean any = FALSE, sentence_start = TRUE, all_start_at_one = TRUE, comments = FALSE;

  for (const char *line = content; *line != '\0'; )
    {
      const char *eol = strchr (line, '\n');
      gsize n = (eol != NULL) ? (gsize) (eol - line) : strlen (line);
      g_autofree char *copy = g_strndup (line, n);
      g_auto(GStrv) fields = NULL;

      line += n + (eol != NULL ? 1 : 0);
      g_strchomp (copy);
      if (is_blank_line (copy))
        {
          sentence_start = TRUE;
          continue;
        }
      if (is_docstart_line (copy))
        continue;
      if (copy[0] == '#')
        {
          comments = TRUE;
          continue;
        }
      fields = g_strsplit (copy, "\t", 3);
      if (g_strv_length (fields) < 3 || fields[0][0] == '\0' ||
          strspn (fields[0], "0123456789") != strlen (fields[0]))
        return FALSE;
      if (sentence_start && strcmp (fields[0], "1") != 0)
        all_start_at_one = FALSE;
      sentence_start = FALSE;
      any = TRUE;
    }
  return any && (comments || all_start_at_one);
}

/* A token line of the GermEval layout from its token on. */
static const char *
skip_index (const char *line)
{
  const char *p = line + strspn (line, "0123456789");

  return p + strspn (p, " \t");
}

/* One "word|TAG" or "word|POS|TAG" item: a tag after its last "|". */
static gboolean
is_piped_item (const char *item)
{
  const char *bar = strrchr (item, '|');
  char prefix;
  const char *label;

  return bar != NULL && bar != item && parse_tag (bar + 1, &prefix, &label);
}

/* spaCy's "ner-sent-per-line" layout: a sentence per line, its tokens
 * word|POS|TAG separated by spaces. */
static gboolean
is_piped_layout (const char *content)
{
  g_auto(GStrv) lines = g_strsplit (content, "\n", -1);
  gboolean any = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) items = NULL;

      g_strstrip (lines[i]);
      if (lines[i][0] == '\0' || is_docstart_line (lines[i]))
        continue;
      items = g_strsplit_set (lines[i], " \t", -1);
      for (guint j = 0; items[j] != NULL; j++)
        if (items[j][0] != '\0' && !is_piped_item (items[j]))
          return FALSE;
      any = TRUE;
    }
  return any;
}

/* The piped layout as token lines: "word POS TAG" per token, a blank line
 * after each sentence. @line_of gets, per line written, the file's line it
 * came from (for messages). */
static char *
unpipe (const char *content,
        GArray     *line_of)
{
  g_auto(GStrv) lines = g_strsplit (content, "\n", -1);
  GString *out = g_string_new (NULL);
  guint from;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) items = NULL;
      gboolean any = FALSE;

      g_strstrip (lines[i]);
      from = i + 1;
      if (lines[i][0] == '\0')
        continue;
      if (is_docstart_line (lines[i]))
        {
          g_string_append_printf (out, "%s\n\n", lines[i]);
          g_array_append_val (line_of, from);
          g_array_append_val (line_of, from);
          continue;
        }
      items = g_strsplit_set (lines[i], " \t", -1);
      for (guint j = 0; items[j] != NULL; j++)
        {
          g_auto(GStrv) parts = NULL;

          if (items[j][0] == '\0')
            continue;
          parts = g_strsplit (items[j], "|", -1);
          g_string_append (out, parts[0]);
          for (guint k = 1; parts[k] != NULL; k++)
            g_string_append_printf (out, " %s", parts[k]);
          g_string_append_c (out, '\n');
          g_array_append_val (line_of, from);
          any = TRUE;
        }
      if (any)
        {
          g_string_append_c (out, '\n');
          g_array_append_val (line_of, from);
        }
    }
  return g_string_free (out, FALSE);
}

/* Applies @tags (NULL-terminated, tag columns only) of token @token_index at
 * [start, end) to the open entities; an empty token (start == end) continues
 * entities without adding text. The tags were checked by scan_columns(). */
static void
apply_tags (DocBuilder  *b,
            guint        token_index,
            guint        line_no,
            char       **tags,
            gint64       start,
            gint64       end)
{
  guint n_tags = g_strv_length (tags);

  if (n_tags > b->open->len)
    g_array_set_size (b->open, n_tags);

  for (guint c = 0; c < b->open->len; c++)
    {
      OpenEntity *entity;
      const char *label = NULL;
      char prefix = 'O';

      /* A line with fewer columns than its neighbours is O in the missing ones. */
      if (c < n_tags && !parse_tag (tags[c], &prefix, &label))
        prefix = 'O';
      if (c < n_tags && strcmp (tags[c], "IO") == 0)
        {
          guint pair[2] = { token_index, c };
          g_array_append_vals (b->io, pair, 2);
        }

      entity = &g_array_index (b->open, OpenEntity, c);

      if (prefix == 'O')
        {
          close_entity (b, c);
          continue;
        }

      /* I-, E- and L- continue an entity of the same label; otherwise they open one
       * (IOB1; a lone E- is read as an entity of one token). B-, S- and U- always
       * open one. */
      if (prefix == 'B' || prefix == 'S' || prefix == 'U' ||
          entity->label == NULL || strcmp (entity->label, label) != 0)
        {
          if (prefix == 'I')
            {
              guint pair[2] = { token_index, c };
              g_array_append_vals (b->istart, pair, 2);
            }
          close_entity (b, c);
          entity = &g_array_index (b->open, OpenEntity, c);
          entity->label = g_strdup (label);
          entity->start = -1;
          entity->end = -1;
          entity->line = line_no;
        }

      if (end > start)
        {
          if (entity->start < 0)
            entity->start = start;
          entity->end = end;
        }

      /* S-, U-, E- and L- end the entity with this token. */
      if (prefix == 'S' || prefix == 'U' || prefix == 'E' || prefix == 'L')
        close_entity (b, c);
    }
}

static void
note_columns (DocBuilder *b,
              guint       n_tags)
{
  if (n_tags > b->max_columns)
    b->max_columns = n_tags;

  if (b->line_columns < 0)
    b->line_columns = (gint) n_tags;
  else if ((guint) b->line_columns != n_tags)
    b->ragged = TRUE;
}

/* Splits a token line into its fields (fields[0] is the token, "" for an empty
 * token) and the whitespace run after each field (the last one is trailing). */
static void
split_line (const char  *line,
            GPtrArray   *fields,
            GPtrArray   *runs)
{
  const char *p = line;

  while (TRUE)
    {
      const char *q = p;

      while (*q != '\0' && !is_separator (*q))
        q++;
      g_ptr_array_add (fields, g_strndup (p, q - p));
      p = q;
      while (*q != '\0' && is_separator (*q))
        q++;
      if (runs != NULL)
        g_ptr_array_add (runs, g_strndup (p, q - p));
      p = q;
      if (*p == '\0')
        break;
    }
}

/* TRUE when @runs is what the export writes by default: one @separator between
 * fields, nothing after the last. */
static gboolean
runs_are_plain (GPtrArray *runs,
                char       separator)
{
  char plain[2] = { separator, 0 };

  for (guint i = 0; i < runs->len; i++)
    if (strcmp (runs->pdata[i], (i + 1 < runs->len) ? plain : "") != 0)
      return FALSE;
  return TRUE;
}

/* One token line: "token<sep>COL[<sep>COL...]", " TAG" (an empty token) or
 * "token" (no tag). */
static void
add_token_line (DocBuilder  *b,
                FileState   *fs,
                guint        line_no,
                const char  *line)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) tag_fields = g_ptr_array_new ();
  g_autoptr(GString) kept = NULL;
  const char *token;
  gint64 start, end;
  guint token_index = b->n_tokens;

  split_line (line, fields, runs);
  token = fields->pdata[0];

  /* Columns after the token: tags to read, or values to keep for the export. */
  for (guint j = 1; j < fields->len; j++)
    {
      char kind = (j - 1 < strlen (fs->kinds)) ? fs->kinds[j - 1] : 'T';

      if (kind == 'T')
        g_ptr_array_add (tag_fields, fields->pdata[j]);
      else
        {
          if (kept == NULL)
            kept = g_string_new (NULL);
          else
            g_string_append_c (kept, ' ');
          g_string_append (kept, fields->pdata[j]);
        }
    }
  g_ptr_array_add (tag_fields, NULL);

  if (tag_fields->len > 1)
    note_columns (b, tag_fields->len - 1);
  else
    g_array_append_val (b->notag, token_index);

  g_ptr_array_add (b->kept, kept != NULL ? g_string_free (g_steal_pointer (&kept), FALSE) : NULL);
  if (b->kept->pdata[token_index] != NULL)
    b->any_kept = TRUE;

  /* A new sentence starts here if this is its first token. */
  if (b->sentence_tokens == 0)
    {
      guint sentence_index = b->sentence_starts->len;

      if (sentence_index > 0)
        {
          g_string_append_c (b->text, '\n');
          b->text_length++;
          if (b->pending_blanks != 1)
            g_hash_table_insert (b->gaps, g_strdup_printf ("%u", sentence_index),
                                 GUINT_TO_POINTER (b->pending_blanks));
        }
      else
        {
          b->lead = b->pending_blanks;
        }
      g_array_append_val (b->sentence_starts, token_index);
    }
  b->pending_blanks = 0;

  if (token[0] == '\0')
    {
      /* An empty token adds no text; its line is written back as it was. */
      g_hash_table_insert (b->empty, g_strdup_printf ("%u", token_index), g_strdup (line));
      start = end = b->text_length;
    }
  else
    {
      if (!runs_are_plain (runs, fs->separator))
        {
          g_ptr_array_add (runs, NULL);
          g_hash_table_insert (b->seps, g_strdup_printf ("%u", token_index),
                               g_ptr_array_steal (runs, NULL));
        }
      if (b->sentence_text > 0)
        {
          g_string_append_c (b->text, ' ');
          b->text_length++;
        }
      start = b->text_length;
      g_string_append (b->text, token);
      b->text_length += g_utf8_strlen (token, -1);
      end = b->text_length;
      b->sentence_text++;
    }

  b->sentence_tokens++;
  b->n_tokens++;

  apply_tags (b, token_index, line_no, (char **) tag_fields->pdata, start, end);
}

/* Phrase-chunk labels (CoNLL-2000/2003): a column of only these is a chunk
 * column, kept verbatim, not entities. */
static gboolean
is_chunk_label (const char *label)
{
  static const char * const chunks[] = {
    "NP", "VP", "PP", "ADJP", "ADVP", "SBAR", "PRT", "CONJP", "INTJ", "LST", "UCP", NULL
  };

  return g_strv_contains (chunks, label);
}

typedef struct
{
  guint    n_values;
  guint    n_tags;
  gboolean labels_all_chunks;   /* every labelled value is a chunk label */
  gboolean any_label;
  char     scheme_prefix;       /* first S, E, U or L prefix seen, or 0 */
  guint    first_bad_line;      /* first value that is not a tag */
  char    *first_bad;
  guint    first_shaped_line;   /* first "X-..." value that is not a tag (X-PER, B-) */
  char    *first_shaped;
} ColumnScan;

/* One ASCII capital and a hyphen: meant as a tag, even when it is not one. */
static gboolean
is_tag_shaped (const char *value)
{
  return g_ascii_isupper (value[0]) && value[1] == '-';
}

/* Decides, over the whole file, which columns after the token are tags (see the
 * top of this file), the file's separator and its tag scheme. A column that is
 * mostly tags but has a value that is not one is a malformed tag, not a POS
 * column: that is an error naming the line. */
static gboolean
scan_columns (const char  *content,
              FileState   *fs,
              GError     **error)
{
  g_autoptr(GArray) scans = g_array_new (FALSE, TRUE, sizeof (ColumnScan));
  g_autoptr(GString) kinds = g_string_new (NULL);
  guint n_tab = 0, n_space = 0, line_no = 0;
  char first_sep = 0;
  gboolean ok = TRUE;

  for (const char *line = content; *line != '\0'; )
    {
      const char *eol = strchr (line, '\n');
      g_autofree char *copy = g_strndup (line, eol != NULL ? (gsize) (eol - line) : strlen (line));
      g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
      gsize n = strlen (copy);

      line_no++;
      line = (eol != NULL) ? eol + 1 : line + strlen (line);
      if (n > 0 && copy[n - 1] == '\r')
        copy[n - 1] = '\0';
      if (is_blank_line (copy) || is_docstart_line (copy) ||
          (fs->index_column && copy[0] == '#'))
        continue;
      if (fs->index_column)
        memmove (copy, skip_index (copy), strlen (skip_index (copy)) + 1);

      for (const char *p = copy; *p != '\0'; p++)
        if (is_separator (*p))
          {
            if (first_sep == 0)
              first_sep = *p;
            if (*p == '\t')
              n_tab++;
            else
              n_space++;
            break;
          }

      split_line (copy, fields, NULL);
      if (fields->len > 1 && ((char *) fields->pdata[fields->len - 1])[0] == '\0')
        g_ptr_array_remove_index (fields, fields->len - 1);   /* trailing whitespace */
      if (fields->len > scans->len + 1)
        {
          guint old = scans->len;

          g_array_set_size (scans, fields->len - 1);
          for (guint c = old; c < scans->len; c++)
            g_array_index (scans, ColumnScan, c).labels_all_chunks = TRUE;
        }

      for (guint j = 1; j < fields->len; j++)
        {
          ColumnScan *scan = &g_array_index (scans, ColumnScan, j - 1);
          const char *value = fields->pdata[j];
          const char *label;
          char prefix;

          scan->n_values++;
          if (parse_tag (value, &prefix, &label))
            {
              scan->n_tags++;
              if (scan->scheme_prefix == 0 && strchr ("SEUL", prefix) != NULL)
                scan->scheme_prefix = prefix;
              if (label != NULL)
                {
                  scan->any_label = TRUE;
                  if (!is_chunk_label (label))
                    scan->labels_all_chunks = FALSE;
                }
            }
          else
            {
              if (scan->first_bad == NULL)
                {
                  scan->first_bad = g_strdup (value);
                  scan->first_bad_line = line_no;
                }
              if (scan->first_shaped == NULL && is_tag_shaped (value))
                {
                  scan->first_shaped = g_strdup (value);
                  scan->first_shaped_line = line_no;
                }
            }
        }
    }

  for (guint c = 0; c < scans->len; c++)
    {
      ColumnScan *scan = &g_array_index (scans, ColumnScan, c);
      gboolean chunks = (scan->any_label && scan->labels_all_chunks);
      gboolean tags = (scan->n_tags == scan->n_values && !chunks);

      /* Not a kept column but a tag column with a mistake: mostly tags, or tags
       * and a value shaped like one (X-PER, B-). */
      if (ok && !tags && !chunks && scan->n_tags > 0 &&
          (scan->n_tags * 2 > scan->n_values || scan->first_shaped != NULL))
        {
          gboolean shaped = (scan->first_shaped != NULL);

          g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_PARSE,
                       _("%s:%u: malformed tag “%s” in column %u "
                         "(expected O or B-, I-, E-, S-, L-, U-LABEL)"),
                       fs->path, shaped ? scan->first_shaped_line : scan->first_bad_line,
                       shaped ? scan->first_shaped : scan->first_bad, c + 2);
          ok = FALSE;
        }
      g_string_append_c (kinds, tags ? 'T' : 'K');

      /* BIOES or BILOU: the first tag column that shows S-, E-, U- or L- decides. */
      if (tags && fs->single_prefix == 0 && scan->scheme_prefix != 0)
        {
          gboolean bioes = (scan->scheme_prefix == 'S' || scan->scheme_prefix == 'E');

          fs->single_prefix = bioes ? 'S' : 'U';
          fs->last_prefix = bioes ? 'E' : 'L';
        }
    }

  for (guint c = 0; c < scans->len; c++)
    {
      g_free (g_array_index (scans, ColumnScan, c).first_bad);
      g_free (g_array_index (scans, ColumnScan, c).first_shaped);
    }
  if (!ok)
    return FALSE;

  fs->kinds = g_string_free (g_steal_pointer (&kinds), FALSE);
  fs->all_tags = (strchr (fs->kinds, 'K') == NULL);
  fs->separator = (n_tab > n_space || (n_tab == n_space && first_sep == '\t')) ? '\t' : ' ';
  return TRUE;
}

static JsonNode *
uint_array_node (GArray *array)
{
  JsonArray *json = json_array_sized_new (array->len);
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < array->len; i++)
    json_array_add_int_element (json, g_array_index (array, guint, i));
  json_node_take_array (node, json);
  return node;
}

static JsonNode *
string_array_node (GPtrArray *strings)
{
  JsonArray *json = json_array_sized_new (strings->len);
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < strings->len; i++)
    json_array_add_string_element (json, strings->pdata[i] != NULL ? strings->pdata[i] : "");
  json_node_take_array (node, json);
  return node;
}

/* [[token, column] ...] from guint pairs, left out when there are none. */
static void
add_pairs (JsonBuilder *jb,
           const char  *member,
           GArray      *pairs)
{
  if (pairs->len == 0)
    return;
  json_builder_set_member_name (jb, member);
  json_builder_begin_array (jb);
  for (guint i = 0; i + 1 < pairs->len; i += 2)
    {
      json_builder_begin_array (jb);
      json_builder_add_int_value (jb, g_array_index (pairs, guint, i));
      json_builder_add_int_value (jb, g_array_index (pairs, guint, i + 1));
      json_builder_end_array (jb);
    }
  json_builder_end_array (jb);
}

/* What only some files need; left out of format_data when unused. */
static void
add_optional_members (JsonBuilder *jb,
                      DocBuilder  *b,
                      FileState   *fs,
                      GPtrArray   *before)
{
  GHashTableIter iter;
  gpointer key, value;

  if (!fs->all_tags)
    {
      json_builder_set_member_name (jb, "kinds");
      json_builder_add_string_value (jb, fs->kinds);
    }
  if (b->any_kept)
    {
      json_builder_set_member_name (jb, "kept");
      json_builder_add_value (jb, string_array_node (b->kept));
    }
  if (fs->single_prefix != 0)
    {
      json_builder_set_member_name (jb, "scheme");
      json_builder_add_string_value (jb, fs->single_prefix == 'S' ? "BIOES" : "BILOU");
    }
  add_pairs (jb, "istart", b->istart);
  add_pairs (jb, "io", b->io);
  if (g_hash_table_size (b->seps) > 0)
    {
      json_builder_set_member_name (jb, "seps");
      json_builder_begin_object (jb);
      g_hash_table_iter_init (&iter, b->seps);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          json_builder_set_member_name (jb, key);
          json_builder_begin_array (jb);
          for (char **run = value; *run != NULL; run++)
            json_builder_add_string_value (jb, *run);
          json_builder_end_array (jb);
        }
      json_builder_end_object (jb);
    }
  if (before != NULL && before->len > 0)
    {
      json_builder_set_member_name (jb, "before");
      json_builder_add_value (jb, string_array_node (before));
    }
  if (fs->piped)
    {
      json_builder_set_member_name (jb, "piped");
      json_builder_add_boolean_value (jb, TRUE);
    }
  if (fs->index_column)
    {
      json_builder_set_member_name (jb, "index_column");
      json_builder_add_boolean_value (jb, TRUE);
      json_builder_set_member_name (jb, "comments");
      json_builder_begin_object (jb);
      g_hash_table_iter_init (&iter, b->comments);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          json_builder_set_member_name (jb, key);
          json_builder_add_value (jb, string_array_node (value));
        }
      json_builder_end_object (jb);
    }
}

static char *
format_data_to_json (DocBuilder *b,
                     FileState  *fs,
                     gboolean    final_newline,
                     gboolean    first_document,
                     GPtrArray  *before)
{
  g_autoptr(JsonBuilder) jb = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  GHashTableIter iter;
  gpointer key, value;
  char separator[2] = { fs->separator, 0 };

  json_builder_begin_object (jb);
  json_builder_set_member_name (jb, "format");
  json_builder_add_string_value (jb, "conll");
  json_builder_set_member_name (jb, "version");
  json_builder_add_int_value (jb, 1);
  json_builder_set_member_name (jb, "n_tokens");
  json_builder_add_int_value (jb, b->n_tokens);
  json_builder_set_member_name (jb, "sentence_starts");
  json_builder_add_value (jb, uint_array_node (b->sentence_starts));
  json_builder_set_member_name (jb, "columns");
  json_builder_add_int_value (jb, MAX (b->max_columns, 1));
  json_builder_set_member_name (jb, "ragged");
  json_builder_add_boolean_value (jb, b->ragged);
  json_builder_set_member_name (jb, "separator");
  json_builder_add_string_value (jb, separator);
  json_builder_set_member_name (jb, "crlf");
  json_builder_add_boolean_value (jb, fs->crlf);
  json_builder_set_member_name (jb, "bom");
  json_builder_add_boolean_value (jb, fs->bom && first_document);
  json_builder_set_member_name (jb, "final_newline");
  json_builder_add_boolean_value (jb, final_newline);
  json_builder_set_member_name (jb, "docstart");
  if (b->docstart != NULL)
    json_builder_add_string_value (jb, b->docstart);
  else
    json_builder_add_null_value (jb);
  json_builder_set_member_name (jb, "pre");
  json_builder_add_int_value (jb, b->pre);
  json_builder_set_member_name (jb, "lead");
  json_builder_add_int_value (jb, b->lead);
  json_builder_set_member_name (jb, "trail");
  json_builder_add_int_value (jb, b->pending_blanks);

  json_builder_set_member_name (jb, "gaps");
  json_builder_begin_object (jb);
  g_hash_table_iter_init (&iter, b->gaps);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      json_builder_set_member_name (jb, key);
      json_builder_add_int_value (jb, GPOINTER_TO_UINT (value));
    }
  json_builder_end_object (jb);

  json_builder_set_member_name (jb, "empty");
  json_builder_begin_object (jb);
  g_hash_table_iter_init (&iter, b->empty);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      json_builder_set_member_name (jb, key);
      json_builder_add_string_value (jb, value);
    }
  json_builder_end_object (jb);

  json_builder_set_member_name (jb, "notag");
  json_builder_add_value (jb, uint_array_node (b->notag));
  add_optional_members (jb, b, fs, before);
  json_builder_end_object (jb);

  root = json_builder_get_root (jb);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

/* Ends the document being read and appends it to @docs. A -DOCSTART- block with
 * no token after it carries no text to annotate (and the store keeps no empty
 * document): its lines go into fs->carry, written back before the next document
 * or, at the end of the file, after the last one (see add_trailing_lines). */
static void
finish_document (DocBuilder *b,
                 FileState  *fs,
                 GPtrArray  *docs,
                 gboolean    numbered,
                 gboolean    final_newline)
{
  g_autofree char *name = NULL;
  AlamaImportDoc *doc;

  close_all_entities (b);
  fs->n_docs++;
  if (b->n_tokens == 0)
    {
      for (guint i = 0; i < b->pre; i++)
        g_ptr_array_add (fs->carry, g_strdup (""));
      if (b->docstart != NULL)
        g_ptr_array_add (fs->carry, g_strdup (b->docstart));
      for (guint i = 0; i < b->pending_blanks; i++)
        g_ptr_array_add (fs->carry, g_strdup (""));
      return;
    }

  if (numbered)
    name = g_strdup_printf ("%s #%u", fs->stem, fs->n_docs);
  else
    name = g_strdup (fs->stem);

  doc = alama_import_doc_new (name, fs->path, g_string_free (g_steal_pointer (&b->text), FALSE));
  doc->format_data_json = format_data_to_json (b, fs, final_newline, docs->len == 0, fs->carry);
  g_ptr_array_set_size (fs->carry, 0);
  for (guint i = 0; i < b->spans->len; i++)
    alama_import_doc_add_span (doc, alama_span_ref (b->spans->pdata[i]), b->origins->pdata[i], NULL);
  g_ptr_array_add (docs, doc);
}

/* -DOCSTART- blocks with no token at the end of the file go after the last
 * document, which then also decides whether the file ends with a line end. */
static void
add_trailing_lines (AlamaImportDoc *doc,
                    GPtrArray      *lines,
                    gboolean        final_newline)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  JsonObject *o;

  if (!json_parser_load_from_data (parser, doc->format_data_json, -1, NULL))
    return;
  o = json_node_get_object (json_parser_get_root (parser));
  json_object_set_member (o, "after", string_array_node (lines));
  json_object_set_boolean_member (o, "final_newline", final_newline);
  json_generator_set_root (gen, json_parser_get_root (parser));
  g_free (doc->format_data_json);
  doc->format_data_json = json_generator_to_data (gen, NULL);
}

static char *
file_stem (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_strdup (base);
}

static guint
line_of_byte (const char *data,
              gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n' || (data[i] == '\r' && (i + 1 == offset || data[i + 1] != '\n')))
      line++;
  return line;
}

GPtrArray *
alama_import_parse_conll (const char                *path,
                          GBytes                    *data,
                          const AlamaImportOptions  *options,
                          GError                   **error)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) alama_import_doc_free);
  g_autoptr(DocBuilder) b = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *content = NULL;
  g_autofree char *kinds = NULL;
  g_autoptr(GPtrArray) carry = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) line_of = g_array_new (FALSE, FALSE, sizeof (guint));
  FileState fs = { 0 };
  const char *bytes;
  gsize len, bad_offset = 0;
  gboolean has_docstart = FALSE;
  gboolean final_newline;
  guint line_no = 0;
  char *line, *next;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);

  bytes = g_bytes_get_data (data, &len);
  content = alama_text_from_bytes (bytes != NULL ? bytes : "", len, &bad_offset, &local_error);
  if (content == NULL)
    {
      g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_INVALID_UTF8,
                   _("%s: invalid UTF-8 at byte %zu (line %u)"),
                   path, bad_offset, line_of_byte (bytes, MIN (bad_offset, len)));
      return NULL;
    }

  /* CR, LF and CRLF all end a line: a CR is never part of a token or a tag. */
  _alama_import_lone_cr_to_lf (content);

  /* Read as token-per-line CoNLL, a treebank gives "# # # 1 2 3 ...": refuse. */
  if (_alama_import_conllu_sniff (content, strlen (content)))
    {
      g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_UNSUPPORTED,
                   _("%s: this is CoNLL-U (Universal Dependencies), not CoNLL: import it "
                     "with --format conllu"), path);
      return NULL;
    }

  /* spaCy's sentence-per-line layout is read as the token lines it stands for. */
  if (is_piped_layout (content))
    {
      char *lines = unpipe (content, line_of);

      g_free (content);
      content = lines;
      fs.piped = TRUE;
    }

  stem = file_stem (path);
  fs.path = path;
  fs.index_column = has_index_column (content);
  fs.stem = stem;
  fs.bom = (len >= 3 && memcmp (bytes, "\xEF\xBB\xBF", 3) == 0);
  fs.carry = carry;
  if (!scan_columns (content, &fs, error))
    return NULL;
  kinds = fs.kinds;
  final_newline = (content[0] == '\0' || g_str_has_suffix (content, "\n"));

  /* Documents are numbered when the file marks them with -DOCSTART-. */
  for (line = content; line != NULL && !has_docstart; line = strchr (line, '\n'))
    {
      if (*line == '\n')
        line++;
      has_docstart = is_docstart_line (line);
    }

  b = doc_builder_new ();

  for (line = content; line != NULL && *line != '\0'; line = next)
    {
      gsize line_len;

      next = strchr (line, '\n');
      if (next != NULL)
        *next++ = '\0';
      line_no++;

      line_len = strlen (line);
      if (line_len > 0 && line[line_len - 1] == '\r')
        {
          line[line_len - 1] = '\0';
          fs.crlf = TRUE;
        }

      if (is_blank_line (line))
        {
          if (b->sentence_tokens > 0)
            end_sentence (b);
          b->pending_blanks++;
          continue;
        }

      if (is_docstart_line (line))
        {
          if (b->n_tokens > 0 || b->docstart != NULL)
            {
              /* The blank lines since its last token are the previous document's
               * trailing ones (pending_blanks, written as "trail"). */
              finish_document (b, &fs, docs, TRUE, TRUE);
              g_clear_pointer (&b, doc_builder_free);
              b = doc_builder_new ();
            }
          else
            {
              /* Blank lines at the top of the file, before the first -DOCSTART-. */
              b->pre = b->pending_blanks;
            }

          b->docstart = g_strdup (line);
          b->pending_blanks = 0;
          continue;
        }

      if (fs.index_column)
        {
          if (line[0] == '#')
            {
              /* GermEval's source lines: not text, kept for the export, before
               * the sentence that follows them. */
              g_autofree char *key = g_strdup_printf ("%u", b->sentence_starts->len);
              GPtrArray *lines = g_hash_table_lookup (b->comments, key);

              if (lines == NULL)
                {
                  lines = g_ptr_array_new_with_free_func (g_free);
                  g_hash_table_insert (b->comments, g_steal_pointer (&key), lines);
                }
              g_ptr_array_add (lines, g_strdup (line));
              continue;
            }
          line = (char *) skip_index (line);
        }
      /* Messages name the line of the file, not of its unpiped form. */
      add_token_line (b, &fs, line_no <= line_of->len
                      ? g_array_index (line_of, guint, line_no - 1) : line_no, line);
    }

  /* Lines between the last token and a following -DOCSTART- are kept in
   * pending_blanks as the document's trailing blank lines (see finish_document). */
  finish_document (b, &fs, docs, has_docstart, final_newline);
  if (carry->len > 0 && docs->len > 0)
    add_trailing_lines (docs->pdata[docs->len - 1], carry, final_newline);

  if (docs->len == 0)
    {
      g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_PARSE,
                   _("%s: no tokens found (expected lines of “token TAG”)"), path);
      return NULL;
    }

  return g_steal_pointer (&docs);
}
