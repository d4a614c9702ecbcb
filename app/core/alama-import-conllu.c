/* alama-import-conllu.c: Universal Dependencies CoNLL-U files.
 *
 * A sentence is its comment lines ("# key = value") and then one line per word,
 * ten tab-separated columns: ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC.
 * What becomes of them:
 *
 *   - "# text = ..." is the sentence's text, taken exactly; each surface token is
 *     looked for in it in order, only whitespace between them. A token that is
 *     not where the text says refuses the file with its line: the treebank's
 *     sentences are never rebuilt differently from what they say. A sentence
 *     without "# text" is rebuilt from its tokens, one space after each token
 *     unless MISC says SpaceAfter=No.
 *   - A multiword token ("1-2 وبالقاهرة") is the surface; the words it is split
 *     into (1, 2) are not text. Empty nodes ("3.1") are not text either.
 *   - Sentences are joined by a line end, and a "# newpar" sentence starts after
 *     a blank line. "# newdoc" (or "# newdoc id = X") starts a new document,
 *     named X, or the file name and its number.
 *   - Named entities come from a MISC key (NE=, NER= or Entity= unless
 *     --conllu-ner names one) or from a column (--conllu-column N, 1 = ID;
 *     without either option, the one column of only tags, see alama-import-conllu-scan.c;
 *     tags under another MISC key stop the import, naming --conllu-ner KEY),
 *     tagged BIO, IOB1, BIOES/BILOU or IO (a bare label, or I- without B-);
 *     "_" and "O" are outside. The tag of a multiword token is its own MISC tag,
 *     else the first tag among its words: an entity covers whole surface tokens.
 *     A MISC Entity= value in CorefUD's bracket notation ("(e1-person-1") is
 *     coreference, not a tag, and is not read unless asked for by name.
 *
 * MISC is the tenth column; a shorter line (some tools write ID FORM ... MISC
 * with fewer columns) has its MISC last.
 */
#define G_LOG_DOMAIN "alama-import-conllu"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include <alama/alama-import.h>

#include "alama-import-private.h"


/* One surface token of the sentence being read. */
typedef struct
{
  char     *form;
  char     *tag;          /* NULL for none */
  guint     line;
  guint     tag_line;     /* where the tag was read (a word of a multiword token) */
  gboolean  space_after;
} Token;

typedef struct
{
  const char               *path;
  const AlamaImportOptions *options;
  char                     *stem;
  GPtrArray                *docs;
  gboolean                  file_has_newdoc;

  /* The document being built. */
  GString                  *text;
  gint64                    text_length;  /* code points */
  AlamaImportDoc           *doc;          /* spans go here as they close */
  char                     *doc_id;       /* from "# newdoc id = X" */
  guint                     n_sentences;

  /* The sentence being read. */
  GArray                   *tokens;       /* Token */
  char                     *sent_text;
  guint                     sent_text_line;
  gboolean                  newpar;
  guint                     range_last;   /* last word id inside the open multiword token */
  guint                     tag_column;   /* from _alama_conllu_find_tag_column(), 0 = none */
} Reader;

static void
token_clear (gpointer data)
{
  Token *token = data;

  g_free (token->form);
  g_free (token->tag);
}

/* Leading and trailing ASCII whitespace removed, in place. */
static char *
strip (char *s)
{
  return g_strstrip (s);
}

/* "# key = value": *key and *value point into @comment (changed in place). */
static void
parse_comment (char        *comment,
               const char **key,
               const char **value)
{
  char *body = comment + 1;
  char *eq = strchr (body, '=');

  if (eq != NULL)
    {
      *eq = '\0';
      *key = strip (body);
      /* The value keeps everything after "= " except the line's end spaces. */
      body = eq + 1;
      if (*body == ' ')
        body++;
      g_strchomp (body);
      *value = body;
    }
  else
    {
      *key = strip (body);
      *value = NULL;
    }
}

/* The NER tag of a word line, or NULL: the option's column or MISC key, else
 * the first of NE, NER and Entity (Entity only when it is not CorefUD's). */
static char *
line_tag (Reader  *r,
          char   **fields,
          guint    n_fields)
{
  static const char * const keys[] = { "NE", "NER", "Entity", NULL };
  const char *misc;

  if (r->options->conllu_column > 0)
    return r->options->conllu_column <= n_fields
           ? g_strdup (fields[r->options->conllu_column - 1]) : NULL;
  if (r->tag_column > 0)
    return r->tag_column <= n_fields ? g_strdup (fields[r->tag_column - 1]) : NULL;

  misc = (n_fields >= CONLLU_COLUMNS) ? fields[CONLLU_MISC]
         : (n_fields > 2 ? fields[n_fields - 1] : NULL);
  if (r->options->conllu_ner_key != NULL)
    return _alama_conllu_misc_value (misc, r->options->conllu_ner_key);

  for (guint k = 0; keys[k] != NULL; k++)
    {
      g_autofree char *value = _alama_conllu_misc_value (misc, keys[k]);

      if (value != NULL && (strcmp (keys[k], "Entity") != 0 ||
                            (strchr (value, '(') == NULL && strchr (value, ')') == NULL)))
        return g_steal_pointer (&value);
    }
  return NULL;
}

static gboolean
space_after (char   **fields,
             guint    n_fields)
{
  const char *misc = (n_fields >= CONLLU_COLUMNS) ? fields[CONLLU_MISC]
                     : (n_fields > 2 ? fields[n_fields - 1] : NULL);
  g_autofree char *value = _alama_conllu_misc_value (misc, "SpaceAfter");

  return g_strcmp0 (value, "No") != 0;
}

/* A tag into *prefix ('O', 'B', 'I', 'E', 'S', 'L', 'U'; a bare label is 'I',
 * the IO scheme) and *label (borrowed). FALSE for what is no tag. */
static gboolean
parse_tag (const char  *tag,
           char        *prefix,
           const char **label)
{
  *label = NULL;
  if (tag == NULL || tag[0] == '\0' || strcmp (tag, "_") == 0 || strcmp (tag, "O") == 0)
    {
      *prefix = 'O';
      return TRUE;
    }
  if (strchr ("BIESLU", tag[0]) != NULL && (tag[1] == '-' || tag[1] == '_'))
    {
      if (tag[2] == '\0')
        return FALSE;
      *prefix = tag[0];
      *label = tag + 2;
      return TRUE;
    }
  for (const char *p = tag; *p != '\0'; p++)
    if (strchr ("=()|", *p) != NULL || g_ascii_isspace (*p))
      return FALSE;
  *prefix = 'I';
  *label = tag;
  return TRUE;
}

static gboolean
is_space_char (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x200F || c == 0x200E;
}

/* Where each token is in the sentence text, in code points from its start:
 * starts[i], ends[i]. FALSE (with @error) when a token is not found in order
 * with only whitespace before it, or the text goes on after the last token. */
static gboolean
place_tokens (Reader   *r,
              const char *text,
              gint64   *starts,
              gint64   *ends,
              GError  **error)
{
  const char *p = text;
  gint64 cp = 0;

  for (guint i = 0; i < r->tokens->len; i++)
    {
      const Token *token = &g_array_index (r->tokens, Token, i);
      gsize n = strlen (token->form);

      while (*p != '\0' && is_space_char (g_utf8_get_char (p)) &&
             strncmp (p, token->form, n) != 0)
        {
          p = g_utf8_next_char (p);
          cp++;
        }
      if (strncmp (p, token->form, n) != 0)
        {
          g_autofree char *here = g_utf8_substring (p, 0, MIN (g_utf8_strlen (p, -1), 20));

          g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_TEXT_MISMATCH,
                       _("%s:%u: token “%s” does not match the sentence text at “%s” "
                         "(# text on line %u)"),
                       r->path, token->line, token->form, here, r->sent_text_line);
          return FALSE;
        }
      starts[i] = cp;
      cp += g_utf8_strlen (token->form, n);
      ends[i] = cp;
      p += n;
    }

  for (; *p != '\0'; p = g_utf8_next_char (p))
    if (!is_space_char (g_utf8_get_char (p)))
      {
        g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_TEXT_MISMATCH,
                     _("%s:%u: the sentence text goes on after its last token: “%s”"),
                     r->path, r->sent_text_line, p);
        return FALSE;
      }
  return TRUE;
}

/* The sentence text rebuilt from the tokens and SpaceAfter=No. */
static char *
rebuild_text (Reader *r,
              gint64 *starts,
              gint64 *ends)
{
  GString *s = g_string_new (NULL);
  gint64 cp = 0;

  for (guint i = 0; i < r->tokens->len; i++)
    {
      const Token *token = &g_array_index (r->tokens, Token, i);

      starts[i] = cp;
      g_string_append (s, token->form);
      cp += g_utf8_strlen (token->form, -1);
      ends[i] = cp;
      if (token->space_after && i + 1 < r->tokens->len)
        {
          g_string_append_c (s, ' ');
          cp++;
        }
    }
  return g_string_free (s, FALSE);
}

static void
add_span (Reader     *r,
          const char *label,
          gint64      start,
          gint64      end,
          guint       line)
{
  g_autofree char *origin = g_strdup_printf (_("line %u"), line);

  alama_import_doc_add_span (r->doc, _alama_import_span_new (label, start, end), origin, NULL);
}

/* The tokens' tags into spans; @base is where the sentence starts in the
 * document. Entities do not cross sentences. */
static gboolean
read_entities (Reader  *r,
               gint64   base,
               gint64  *starts,
               gint64  *ends,
               GError **error)
{
  g_autofree char *label = NULL;
  gint64 start = 0, end = 0;
  guint open_line = 0;

  for (guint i = 0; i < r->tokens->len; i++)
    {
      const Token *token = &g_array_index (r->tokens, Token, i);
      const char *token_label;
      char prefix;

      if (!parse_tag (token->tag, &prefix, &token_label))
        {
          g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_PARSE,
                       _("%s:%u: malformed tag “%s” (expected O, _ or B-, I-, E-, S-, L-, U-LABEL)"),
                       r->path, token->tag_line, token->tag);
          return FALSE;
        }

      /* I-, E- and L- go on with an entity of the same label; anything else
       * closes it, and B-, S-, U- or a new label opens one. */
      if (label != NULL &&
          (prefix == 'O' || prefix == 'B' || prefix == 'S' || prefix == 'U' ||
           strcmp (label, token_label) != 0))
        {
          add_span (r, label, base + start, base + end, open_line);
          g_clear_pointer (&label, g_free);
        }
      if (prefix == 'O')
        continue;
      if (label == NULL)
        {
          label = g_strdup (token_label);
          start = starts[i];
          open_line = token->tag_line;
        }
      end = ends[i];
      if (prefix == 'S' || prefix == 'U' || prefix == 'E' || prefix == 'L')
        {
          add_span (r, label, base + start, base + end, open_line);
          g_clear_pointer (&label, g_free);
        }
    }
  if (label != NULL)
    add_span (r, label, base + start, base + end, open_line);
  return TRUE;
}

static void
start_document (Reader *r)
{
  r->text = g_string_new (NULL);
  r->text_length = 0;
  r->n_sentences = 0;
  r->doc = alama_import_doc_new ("", r->path, NULL);
}

static void
finish_document (Reader *r)
{
  char *name;

  if (r->doc == NULL)
    return;
  if (r->n_sentences == 0)
    {
      g_clear_pointer (&r->doc, alama_import_doc_free);
      g_string_free (g_steal_pointer (&r->text), TRUE);
      return;
    }

  if (r->doc_id != NULL && r->doc_id[0] != '\0')
    name = g_strdup (r->doc_id);
  else if (r->file_has_newdoc)
    name = g_strdup_printf ("%s #%u", r->stem, r->docs->len + 1);
  else
    name = g_strdup (r->stem);
  g_free (r->doc->name);
  r->doc->name = name;
  g_free (r->doc->text);
  r->doc->text = g_string_free (g_steal_pointer (&r->text), FALSE);
  g_ptr_array_add (r->docs, g_steal_pointer (&r->doc));
}

static void
clear_sentence (Reader *r)
{
  g_array_set_size (r->tokens, 0);
  g_clear_pointer (&r->sent_text, g_free);
  r->sent_text_line = 0;
  r->newpar = FALSE;
  r->range_last = 0;
}

/* Ends the sentence read so far (at a blank line or the end of the file). */
static gboolean
finish_sentence (Reader  *r,
                 GError **error)
{
  g_autofree gint64 *starts = NULL;
  g_autofree gint64 *ends = NULL;
  g_autofree char *rebuilt = NULL;
  const char *text;
  gint64 base;

  if (r->tokens->len == 0)
    return TRUE;    /* comments alone (a "# newdoc" before its first sentence) */

  starts = g_new (gint64, r->tokens->len);
  ends = g_new (gint64, r->tokens->len);
  if (r->sent_text != NULL)
    {
      if (!place_tokens (r, r->sent_text, starts, ends, error))
        return FALSE;
      text = r->sent_text;
    }
  else
    {
      text = rebuilt = rebuild_text (r, starts, ends);
    }

  if (r->n_sentences > 0)
    {
      const char *gap = r->newpar ? "\n\n" : "\n";

      g_string_append (r->text, gap);
      r->text_length += strlen (gap);
    }
  base = r->text_length;
  g_string_append (r->text, text);
  r->text_length += g_utf8_strlen (text, -1);
  r->n_sentences++;

  if (!read_entities (r, base, starts, ends, error))
    return FALSE;
  clear_sentence (r);
  return TRUE;
}

static gboolean
is_decimal (const char *s)
{
  if (*s == '\0')
    return FALSE;
  for (; *s != '\0'; s++)
    if (!g_ascii_isdigit (*s))
      return FALSE;
  return TRUE;
}

/* One word line. */
static gboolean
read_word_line (Reader   *r,
                char     *line,
                guint     line_no,
                GError  **error)
{
  g_auto(GStrv) fields = g_strsplit (line, "\t", -1);
  guint n_fields = g_strv_length (fields);
  const char *id = fields[0];
  const char *dash = strchr (id, '-');
  Token token = { 0 };

  if (n_fields < 2 || id[0] == '\0')
    {
      g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_PARSE,
                   _("%s:%u: not a CoNLL-U word line (expected ID, FORM and the other "
                     "columns separated by tabs)"), r->path, line_no);
      return FALSE;
    }

  /* An empty node (enhanced dependencies) is not in the text. */
  if (strchr (id, '.') != NULL)
    return TRUE;

  if (dash != NULL)
    {
      g_autofree char *first = g_strndup (id, dash - id);

      if (!is_decimal (first) || !is_decimal (dash + 1))
        goto bad_id;
      r->range_last = (guint) g_ascii_strtoull (dash + 1, NULL, 10);
    }
  else
    {
      guint word;

      if (!is_decimal (id))
        goto bad_id;
      word = (guint) g_ascii_strtoull (id, NULL, 10);
      if (word <= r->range_last && r->tokens->len > 0)
        {
          /* A word of the multiword token before it: no text of its own; its
           * tag stands for the token when the token has none. */
          Token *surface = &g_array_index (r->tokens, Token, r->tokens->len - 1);
          g_autofree char *tag = line_tag (r, fields, n_fields);
          char prefix;
          const char *label;

          if (surface->tag == NULL && tag != NULL &&
              !(parse_tag (tag, &prefix, &label) && prefix == 'O'))
            {
              surface->tag = g_steal_pointer (&tag);
              surface->tag_line = line_no;
            }
          return TRUE;
        }
      r->range_last = 0;
    }

  token.form = g_strdup (fields[1]);
  token.tag = line_tag (r, fields, n_fields);
  token.line = token.tag_line = line_no;
  token.space_after = space_after (fields, n_fields);
  if (token.form[0] == '\0')
    {
      token_clear (&token);
      g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_PARSE,
                   _("%s:%u: empty FORM"), r->path, line_no);
      return FALSE;
    }
  g_array_append_val (r->tokens, token);
  return TRUE;

bad_id:
  g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_PARSE,
               _("%s:%u: “%s” is not a CoNLL-U word ID (1, 1-2 or 1.1)"),
               r->path, line_no, id);
  return FALSE;
}

static void
read_comment (Reader *r,
              char   *line,
              guint   line_no)
{
  const char *key, *value;

  parse_comment (line, &key, &value);
  if (strcmp (key, "text") == 0 && value != NULL)
    {
      g_free (r->sent_text);
      r->sent_text = g_strdup (value);
      r->sent_text_line = line_no;
    }
  else if (strcmp (key, "newpar") == 0 || g_str_has_prefix (key, "newpar "))
    {
      r->newpar = TRUE;
    }
  else if (strcmp (key, "newdoc") == 0 || g_str_has_prefix (key, "newdoc "))
    {
      finish_document (r);
      g_clear_pointer (&r->doc_id, g_free);
      if (value != NULL && g_str_has_suffix (key, " id"))
        r->doc_id = g_strdup (value);
      start_document (r);
    }
}

GPtrArray *
alama_import_parse_conllu (const char                *path,
                           GBytes                    *data,
                           const AlamaImportOptions  *options,
                           GError                   **error)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) alama_import_doc_free);
  g_autoptr(GArray) tokens = g_array_new (FALSE, TRUE, sizeof (Token));
  g_autofree char *content = NULL;
  g_autofree char *stem = NULL;
  AlamaImportOptions defaults = { 0 };
  Reader r = { 0 };
  const char *bytes;
  gsize len = 0;
  guint line_no = 0;
  gboolean ok = TRUE;
  char *line, *next;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);

  bytes = g_bytes_get_data (data, &len);
  if ((content = _alama_import_text_from_bytes (path, bytes ? bytes : "", len, error)) == NULL)
    return NULL;
  _alama_import_lone_cr_to_lf (content);

  g_array_set_clear_func (tokens, token_clear);
  stem = g_path_get_basename (path);
  if (strrchr (stem, '.') != NULL && strrchr (stem, '.') != stem)
    *strrchr (stem, '.') = '\0';
  r.path = path;
  r.options = options != NULL ? options : &defaults;
  r.stem = stem;
  r.docs = docs;
  r.tokens = tokens;
  r.file_has_newdoc = _alama_conllu_has_newdoc (content);
  if (r.options->conllu_column == 0 && r.options->conllu_ner_key == NULL)
    {
      gboolean has_ner_key = FALSE;
      g_autofree char *other_key = NULL;
      guint line_of_tag = 0;

      r.tag_column = _alama_conllu_find_tag_column (content, &has_ner_key);
      /* Tags under a key of the file's own are not read unasked, nor left
       * out unsaid: the import stops and names the option. */
      if (r.tag_column == 0 && !has_ner_key &&
          (other_key = _alama_conllu_find_tag_misc_key (content, &line_of_tag)) != NULL)
        {
          g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_PARSE,
                       _("%s:%u: the MISC key “%s” holds entity tags: import with "
                         "--conllu-ner %s to read them"),
                       path, line_of_tag, other_key, other_key);
          return NULL;
        }
    }
  start_document (&r);

  for (line = content; ok && line != NULL && *line != '\0'; line = next)
    {
      gsize n;

      next = strchr (line, '\n');
      if (next != NULL)
        *next++ = '\0';
      line_no++;
      n = strlen (line);
      if (n > 0 && line[n - 1] == '\r')
        line[--n] = '\0';

      if (line[strspn (line, " \t")] == '\0')
        ok = finish_sentence (&r, error);
      else if (line[0] == '#')
        {
          /* A comment after words starts no new sentence: it is a mistake the
           * text check will name if it matters; read it as a comment. */
          if (r.tokens->len > 0 && g_str_has_prefix (line, "# newdoc"))
            ok = finish_sentence (&r, error);
          if (ok)
            read_comment (&r, line, line_no);
        }
      else
        ok = read_word_line (&r, line, line_no, error);
    }
  if (ok)
    ok = finish_sentence (&r, error);

  if (ok)
    finish_document (&r);
  g_clear_pointer (&r.doc, alama_import_doc_free);
  if (r.text != NULL)
    g_string_free (r.text, TRUE);
  g_free (r.sent_text);
  g_free (r.doc_id);
  if (!ok)
    return NULL;

  if (docs->len == 0)
    {
      g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_PARSE,
                   _("%s: no words found (expected CoNLL-U lines: ID, FORM ... MISC "
                     "separated by tabs)"), path);
      return NULL;
    }
  return g_steal_pointer (&docs);
}
