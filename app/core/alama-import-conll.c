/* alama-import-conll.c: CoNLL-style "token TAG [TAG ...]" files (ANERcorp, Wojood).
 *
 * One token per line, BIO/IOB2 tags (I- without a B- opens an entity, as in IOB1),
 * a blank line between sentences and -DOCSTART- lines between documents. Every tag
 * column is read: column 1 is the outermost layer, later columns are nested layers
 * (Wojood writes only as many columns as a token is deep).
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
 *     "separator": "\t" | " ",       the first separator seen
 *     "crlf": bool, "bom": bool, "final_newline": bool,
 *     "docstart": "-DOCSTART- O" | null,   the line that opened the document
 *     "pre": n, "lead": n, "trail": n,     blank lines before the -DOCSTART- line,
 *                                          after it, and after the last token line
 *     "gaps": {"k": n},              blank lines before sentence k when not exactly 1
 *     "empty": {"i": "raw line"},    empty tokens (a line such as " O"), verbatim
 *     "notag": [i ...] }             tokens that had no tag at all
 *
 * The non-empty tokens are not listed: they are the runs of characters between
 * spaces and newlines of the text, in order, which keeps format_data small.
 */
#define G_LOG_DOMAIN "alama-import-conll"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include <alama/alama-import.h>
#include <alama/alama-text.h>

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
} DocBuilder;

/* What is shared by all documents of the file. */
typedef struct
{
  const char *path;
  char       *stem;
  gboolean    bom;
  gboolean    crlf;
  char        separator;      /* 0 until a separated line is seen */
  guint       n_docs;
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
  g_free (b->docstart);
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
                       g_strdup_printf ("line %u, tag column %u", entity->line, column + 1));
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

/* Reads one tag ("O", "B-PER", "I-LOC") into *prefix ('O', 'B' or 'I') and
 * *label (borrowed from @tag, NULL for O). */
static gboolean
parse_tag (const char  *tag,
           char        *prefix,
           const char **label)
{
  if (strcmp (tag, "O") == 0)
    {
      *prefix = 'O';
      *label = NULL;
      return TRUE;
    }

  if ((tag[0] == 'B' || tag[0] == 'I') && tag[1] == '-' && tag[2] != '\0')
    {
      *prefix = tag[0];
      *label = tag + 2;
      return TRUE;
    }

  return FALSE;
}

/* Applies @tags (NULL-terminated) of one token at [start, end) to the open
 * entities; an empty token (start == end) continues entities without adding text. */
static gboolean
apply_tags (DocBuilder  *b,
            FileState   *fs,
            guint        line_no,
            char       **tags,
            gint64       start,
            gint64       end,
            GError     **error)
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
        {
          g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_PARSE,
                       "%s:%u: malformed tag “%s” in tag column %u "
                       "(expected O, B-LABEL or I-LABEL)",
                       fs->path, line_no, tags[c], c + 1);
          return FALSE;
        }

      entity = &g_array_index (b->open, OpenEntity, c);

      if (prefix == 'O')
        {
          close_entity (b, c);
          continue;
        }

      /* I- continues an entity of the same label; otherwise it opens one (IOB1). */
      if (prefix == 'B' || entity->label == NULL || strcmp (entity->label, label) != 0)
        {
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
    }

  return TRUE;
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

/* One token line: "token<sep>TAG[<sep>TAG...]", " TAG" (an empty token) or
 * "token" (no tag). */
static gboolean
add_token_line (DocBuilder  *b,
                FileState   *fs,
                guint        line_no,
                const char  *line,
                GError     **error)
{
  const char *sep = line;
  g_autofree char *token = NULL;
  g_auto(GStrv) tags = NULL;
  gint64 start, end;
  guint token_index = b->n_tokens;
  gboolean has_tag;

  while (*sep != '\0' && !is_separator (*sep))
    sep++;
  token = g_strndup (line, sep - line);
  has_tag = (*sep != '\0' && !is_blank_line (sep));

  if (*sep != '\0' && fs->separator == 0)
    fs->separator = *sep;

  if (has_tag)
    {
      /* Tags are separated by runs of spaces or tabs; trailing ones are dropped. */
      g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
      const char *p = sep;

      while (*p != '\0')
        {
          const char *q;

          while (is_separator (*p))
            p++;
          if (*p == '\0')
            break;
          q = p;
          while (*q != '\0' && !is_separator (*q))
            q++;
          g_ptr_array_add (parts, g_strndup (p, q - p));
          p = q;
        }
      g_ptr_array_add (parts, NULL);
      tags = (GStrv) g_ptr_array_steal (parts, NULL);
    }
  else
    {
      tags = g_new0 (char *, 1);
      g_array_append_val (b->notag, token_index);
    }

  if (has_tag)
    note_columns (b, g_strv_length (tags));

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

  return apply_tags (b, fs, line_no, tags, start, end, error);
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

static char *
format_data_to_json (DocBuilder *b,
                     FileState  *fs,
                     gboolean    final_newline)
{
  g_autoptr(JsonBuilder) jb = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  GHashTableIter iter;
  gpointer key, value;
  char separator[2] = { fs->separator != 0 ? fs->separator : ' ', 0 };

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
  json_builder_add_boolean_value (jb, fs->bom && fs->n_docs == 1);
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
  json_builder_end_object (jb);

  root = json_builder_get_root (jb);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

/* Ends the document being read and appends it to @docs (unless it has no token:
 * a -DOCSTART- followed by nothing carries no text to annotate). */
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
    return;

  if (numbered)
    name = g_strdup_printf ("%s #%u", fs->stem, fs->n_docs);
  else
    name = g_strdup (fs->stem);

  doc = alama_import_doc_new (name, fs->path, g_string_free (g_steal_pointer (&b->text), FALSE));
  doc->format_data_json = format_data_to_json (b, fs, final_newline);
  for (guint i = 0; i < b->spans->len; i++)
    alama_import_doc_add_span (doc, alama_span_ref (b->spans->pdata[i]), b->origins->pdata[i], NULL);
  g_ptr_array_add (docs, doc);
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
    if (data[i] == '\n')
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
                   "%s: invalid UTF-8 at byte %" G_GSIZE_FORMAT " (line %u)",
                   path, bad_offset, line_of_byte (bytes, MIN (bad_offset, len)));
      return NULL;
    }

  stem = file_stem (path);
  fs.path = path;
  fs.stem = stem;
  fs.bom = (len >= 3 && memcmp (bytes, "\xEF\xBB\xBF", 3) == 0);
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

      if (!add_token_line (b, &fs, line_no, line, error))
        return NULL;
    }

  /* Lines between the last token and a following -DOCSTART- are kept in
   * pending_blanks as the document's trailing blank lines (see finish_document). */
  finish_document (b, &fs, docs, has_docstart, final_newline);

  if (docs->len == 0)
    {
      g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_PARSE,
                   "%s: no tokens found (expected lines of “token TAG”)", path);
      return NULL;
    }

  return g_steal_pointer (&docs);
}
