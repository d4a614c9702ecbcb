/* alama-export-conll.c: one "token TAG [TAG ...]" file for the selected documents.
 *
 * Tokens: a document imported from CoNLL keeps its own tokens, sentences, blank
 * lines, separator and line ends (format_data, see alama-import-conll.c); any other
 * document is cut with alama_text_words (ICU, punctuation kept) and
 * alama_text_sentences.
 *
 * Tags: BIO (IOB2) of the spans whose label is an entity in the schema (all labels
 * with alama_export_conll_labels (..., all_labels = TRUE, ...)). A token is inside a
 * span when the span covers ANY of its characters, so a span that starts inside a
 * token (بوتين in وبوتين) tags the whole token. A discontinuous span is tagged
 * fragment by fragment. Spans are placed outermost first (start, then longer first,
 * then older first); with options->nested a span that finds its tokens taken goes
 * to the next tag column, without it the outermost span wins and the other is left
 * out. See tests/fixtures/conll/README.md.
 *
 * Why this file is long: one format whose parts must agree with each other and
 * with alama-import-conll.c (tokens kept from the import or cut anew, BIO tags
 * in nested columns, sentence and line-end layout); split, they would share
 * most of their state through a private header.
 */
#define G_LOG_DOMAIN "alama-export-conll"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include <alama/alama-export.h>
#include <alama/alama-schema.h>
#include <alama/alama-text.h>

#include "alama-export-private.h"

typedef struct
{
  gint64      start;      /* code points; start == end for an empty token */
  gint64      end;
  const char *raw_line;   /* the line of an empty token as imported, or NULL */
  gboolean    notag;      /* imported without a tag: written bare while it is O */
  const char *kept;       /* its kept (non-tag) columns joined by spaces, or NULL */
  JsonArray  *seps;       /* whitespace after each field, the last trailing; or NULL */
} Token;

/* What alama-import-conll.c kept about a document's file (NULL for others). */
typedef struct
{
  JsonNode   *root;       /* owns the strings below */
  JsonObject *object;
  guint       n_tokens;
  guint       columns;
  gboolean    ragged;
  char        separator;
  gboolean    crlf;
  gboolean    bom;
  gboolean    final_newline;
  const char *docstart;
  guint       pre;
  guint       lead;
  guint       trail;
  const char *kinds;      /* 'T' tag / 'K' kept per column after the token; NULL = all T */
  char        single_prefix;  /* 'S' (BIOES), 'U' (BILOU) or 0 (BIO) */
  char        last_prefix;
  GHashTable *istart;     /* "token:column" of entity starts the file wrote with I- */
  GHashTable *io;         /* "token:column" of O tags the file wrote as IO */
} Layout;

typedef struct
{
  GArray   *tokens;           /* Token */
  GArray   *sentence_starts;  /* guint token indexes, ascending, first is 0 */
  GArray   *text_tokens;      /* guint indexes of the non-empty tokens */
} Tokenization;

static void
layout_free (Layout *layout)
{
  if (layout->root != NULL)
    json_node_unref (layout->root);
  g_clear_pointer (&layout->istart, g_hash_table_unref);
  g_clear_pointer (&layout->io, g_hash_table_unref);
  g_free (layout);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Layout, layout_free)

static void
tokenization_free (Tokenization *tk)
{
  g_clear_pointer (&tk->tokens, g_array_unref);
  g_clear_pointer (&tk->sentence_starts, g_array_unref);
  g_clear_pointer (&tk->text_tokens, g_array_unref);
  g_free (tk);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Tokenization, tokenization_free)

/* A format_data member that lists [token, column] pairs, as "token:column" keys. */
static GHashTable *
token_column_set (JsonObject *o,
                  const char *member)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *pairs = json_object_has_member (o, member)
                     ? json_object_get_array_member (o, member) : NULL;

  for (guint i = 0; pairs != NULL && i < json_array_get_length (pairs); i++)
    {
      JsonArray *pair = json_array_get_array_element (pairs, i);

      if (pair != NULL && json_array_get_length (pair) == 2)
        g_hash_table_add (set, g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                                                json_array_get_int_element (pair, 0),
                                                json_array_get_int_element (pair, 1)));
    }
  return set;
}

static Layout *
layout_parse (const char *format_data)
{
  g_autoptr(Layout) layout = NULL;
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *o;
  const char *separator, *scheme;

  if (format_data == NULL)
    return NULL;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, format_data, -1, NULL))
    return NULL;

  layout = g_new0 (Layout, 1);
  layout->root = json_parser_steal_root (parser);
  if (layout->root == NULL || !JSON_NODE_HOLDS_OBJECT (layout->root))
    return NULL;

  o = layout->object = json_node_get_object (layout->root);
  if (g_strcmp0 (json_object_get_string_member_with_default (o, "format", ""), "conll") != 0 ||
      !json_object_has_member (o, "n_tokens") ||
      !json_object_has_member (o, "sentence_starts"))
    return NULL;

  layout->n_tokens = json_object_get_int_member_with_default (o, "n_tokens", 0);
  layout->columns = MAX (1, json_object_get_int_member_with_default (o, "columns", 1));
  layout->ragged = json_object_get_boolean_member_with_default (o, "ragged", FALSE);
  separator = json_object_get_string_member_with_default (o, "separator", " ");
  layout->separator = (g_strcmp0 (separator, "\t") == 0) ? '\t' : ' ';
  layout->crlf = json_object_get_boolean_member_with_default (o, "crlf", FALSE);
  layout->bom = json_object_get_boolean_member_with_default (o, "bom", FALSE);
  layout->final_newline = json_object_get_boolean_member_with_default (o, "final_newline", TRUE);
  layout->docstart = json_object_get_string_member_with_default (o, "docstart", NULL);
  layout->pre = json_object_get_int_member_with_default (o, "pre", 0);
  layout->lead = json_object_get_int_member_with_default (o, "lead", 0);
  layout->trail = json_object_get_int_member_with_default (o, "trail", 0);
  layout->kinds = json_object_get_string_member_with_default (o, "kinds", NULL);

  scheme = json_object_get_string_member_with_default (o, "scheme", "");
  if (strcmp (scheme, "BIOES") == 0)
    {
      layout->single_prefix = 'S';
      layout->last_prefix = 'E';
    }
  else if (strcmp (scheme, "BILOU") == 0)
    {
      layout->single_prefix = 'U';
      layout->last_prefix = 'L';
    }

  layout->istart = token_column_set (o, "istart");
  layout->io = token_column_set (o, "io");

  return g_steal_pointer (&layout);
}

/* Blank lines before sentence @k (k > 0). */
static guint
layout_gap (Layout *layout,
            guint   k)
{
  JsonObject *gaps;
  char key[16];

  if (layout == NULL)
    return 1;

  gaps = json_object_get_object_member (layout->object, "gaps");
  g_snprintf (key, sizeof key, "%u", k);
  if (gaps == NULL || !json_object_has_member (gaps, key))
    return 1;
  return json_object_get_int_member (gaps, key);
}

/* The tokens of an imported CoNLL document: the runs of characters between
 * spaces and newlines of its text, with the recorded empty tokens put back. NULL
 * if the text does not match the recorded token count. */
static Tokenization *
tokenize_from_layout (const char *text,
                      Layout     *layout)
{
  g_autoptr(Tokenization) tk = g_new0 (Tokenization, 1);
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (Token));
  JsonObject *empty = json_object_get_object_member (layout->object, "empty");
  JsonArray *starts = json_object_get_array_member (layout->object, "sentence_starts");
  JsonArray *notag = json_object_get_array_member (layout->object, "notag");
  JsonArray *kept = json_object_has_member (layout->object, "kept")
    ? json_object_get_array_member (layout->object, "kept") : NULL;
  JsonObject *seps = json_object_has_member (layout->object, "seps")
    ? json_object_get_object_member (layout->object, "seps") : NULL;
  gint64 cp = 0, run_start = -1;
  guint next_run = 0;

  for (const char *p = text; ; p = g_utf8_next_char (p), cp++)
    {
      gboolean boundary = (*p == '\0' || *p == ' ' || *p == '\n');

      if (boundary && run_start >= 0)
        {
          Token t = { run_start, cp, NULL, FALSE, NULL, NULL };
          g_array_append_val (runs, t);
          run_start = -1;
        }
      else if (!boundary && run_start < 0)
        {
          run_start = cp;
        }
      if (*p == '\0')
        break;
    }

  tk->tokens = g_array_sized_new (FALSE, FALSE, sizeof (Token), layout->n_tokens);
  tk->text_tokens = g_array_sized_new (FALSE, FALSE, sizeof (guint), runs->len);
  tk->sentence_starts = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < layout->n_tokens; i++)
    {
      char key[16];
      Token t = { 0 };

      g_snprintf (key, sizeof key, "%u", i);
      if (empty != NULL && json_object_has_member (empty, key))
        {
          /* An empty token sits where the previous token ended. */
          t.start = t.end = (tk->tokens->len > 0)
            ? g_array_index (tk->tokens, Token, tk->tokens->len - 1).end : 0;
          t.raw_line = json_object_get_string_member (empty, key);
        }
      else
        {
          if (next_run >= runs->len)
            return NULL;
          t = g_array_index (runs, Token, next_run++);
          g_array_append_val (tk->text_tokens, i);
          if (seps != NULL && json_object_has_member (seps, key))
            t.seps = json_object_get_array_member (seps, key);
        }
      if (kept != NULL && i < json_array_get_length (kept))
        {
          t.kept = json_array_get_string_element (kept, i);
          if (t.kept != NULL && t.kept[0] == '\0')
            t.kept = NULL;
        }
      g_array_append_val (tk->tokens, t);
    }

  if (next_run != runs->len || starts == NULL)
    return NULL;

  for (guint k = 0; k < json_array_get_length (starts); k++)
    {
      guint s = json_array_get_int_element (starts, k);

      if (s >= layout->n_tokens)
        return NULL;
      g_array_append_val (tk->sentence_starts, s);
    }

  for (guint k = 0; notag != NULL && k < json_array_get_length (notag); k++)
    {
      guint i = json_array_get_int_element (notag, k);

      if (i < tk->tokens->len)
        g_array_index (tk->tokens, Token, i).notag = TRUE;
    }

  return g_steal_pointer (&tk);
}

/* Words and sentences by ICU, for documents that did not come from CoNLL. */
static Tokenization *
tokenize_with_icu (const char *text)
{
  g_autoptr(GArray) words = alama_text_words (text, TRUE);
  g_autoptr(GArray) sentences = alama_text_sentences (text);
  Tokenization *tk = g_new0 (Tokenization, 1);
  guint s = 0;

  tk->tokens = g_array_sized_new (FALSE, FALSE, sizeof (Token), words->len);
  tk->text_tokens = g_array_sized_new (FALSE, FALSE, sizeof (guint), words->len);
  tk->sentence_starts = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < words->len; i++)
    {
      const AlamaFragment *w = &g_array_index (words, AlamaFragment, i);
      Token t = { w->start, w->end, NULL, FALSE, NULL, NULL };
      gboolean new_sentence = (i == 0);

      /* A word belongs to the sentence its first character is in. */
      while (s < sentences->len &&
             w->start >= g_array_index (sentences, AlamaFragment, s).end)
        {
          s++;
          new_sentence = TRUE;
        }
      if (new_sentence)
        g_array_append_val (tk->sentence_starts, i);

      g_array_append_val (tk->tokens, t);
      g_array_append_val (tk->text_tokens, i);
    }

  return tk;
}

/* The range of non-empty tokens [*first, *last] (indexes into tk->tokens) that
 * share a character with [start, end). FALSE when there is none. */
static gboolean
tokens_covering (Tokenization *tk,
                 gint64        start,
                 gint64        end,
                 guint        *first,
                 guint        *last)
{
  GArray *tt = tk->text_tokens;
  guint lo = 0, hi = tt->len;
  guint k0, k1;

#define TEXT_TOKEN(k) (&g_array_index (tk->tokens, Token, g_array_index (tt, guint, (k))))

  /* First text token whose end is past @start. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (TEXT_TOKEN (mid)->end <= start)
        lo = mid + 1;
      else
        hi = mid;
    }
  k0 = lo;
  if (k0 >= tt->len || TEXT_TOKEN (k0)->start >= end)
    return FALSE;

  k1 = k0;
  while (k1 + 1 < tt->len && TEXT_TOKEN (k1 + 1)->start < end)
    k1++;

#undef TEXT_TOKEN

  *first = g_array_index (tt, guint, k0);
  *last = g_array_index (tt, guint, k1);
  return TRUE;
}

static int
compare_spans_outer_first (gconstpointer a,
                           gconstpointer b)
{
  const AlamaSpan *x = *(AlamaSpan * const *) a;
  const AlamaSpan *y = *(AlamaSpan * const *) b;
  gint64 xs = alama_span_get_start (x), ys = alama_span_get_start (y);
  gint64 xe = alama_span_get_end (x), ye = alama_span_get_end (y);

  if (xs != ys)
    return xs < ys ? -1 : 1;
  if (xe != ye)
    return xe > ye ? -1 : 1;
  return (x->id > y->id) - (x->id < y->id);
}

/* Tag columns: for each column a gint array over the tokens, 0 = O, +n = inside
 * span n-1, -n = the first token of a run of span n-1. */
static GPtrArray *
place_spans (Tokenization *tk,
             GPtrArray    *spans,
             gboolean      nested)
{
  GPtrArray *columns = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  guint n_tokens = tk->tokens->len;

  g_ptr_array_sort (spans, compare_spans_outer_first);

  for (guint si = 0; si < spans->len; si++)
    {
      AlamaSpan *span = spans->pdata[si];

      for (guint f = 0; f < alama_span_get_n_fragments (span); f++)
        {
          const AlamaFragment *frag = alama_span_get_fragment (span, f);
          guint first, last, c;

          if (!tokens_covering (tk, frag->start, frag->end, &first, &last))
            continue;

          for (c = 0; ; c++)
            {
              GArray *col;
              gboolean free_here = TRUE;

              if (!nested && c > 0)
                break;
              if (c == columns->len)
                {
                  col = g_array_sized_new (FALSE, TRUE, sizeof (gint), n_tokens);
                  g_array_set_size (col, n_tokens);
                  g_ptr_array_add (columns, col);
                }
              col = columns->pdata[c];

              for (guint t = first; t <= last && free_here; t++)
                if (g_array_index (col, gint, t) != 0)
                  free_here = FALSE;
              if (!free_here)
                continue;

              for (guint t = first; t <= last; t++)
                g_array_index (col, gint, t) = (t == first) ? -(gint) (si + 1) : (gint) (si + 1);
              break;
            }
        }
    }

  return columns;
}

/* Tag column @c (0-based) of an empty token's raw line, or NULL. */
static char *
raw_line_tag (const char *raw_line,
              guint       c)
{
  g_auto(GStrv) fields = g_strsplit_set (raw_line, " \t", -1);
  guint seen = 0;

  /* fields[0] is the empty token. */
  for (guint i = 1; fields[i] != NULL; i++)
    {
      if (fields[i][0] == '\0')
        continue;
      if (seen++ == c)
        return g_strdup (fields[i]);
    }
  return NULL;
}

/* True when an entity of @label runs through the empty token just before @t:
 * the span then continues it (I-) instead of starting anew (B-). */
static gboolean
continues_empty_token (Tokenization *tk,
                       guint         t,
                       guint         c,
                       const char   *label)
{
  const Token *prev;
  g_autofree char *tag = NULL;
  g_autoptr(GString) token = g_string_new (NULL);

  if (t == 0)
    return FALSE;
  prev = &g_array_index (tk->tokens, Token, t - 1);
  if (prev->raw_line == NULL)
    return FALSE;
  tag = raw_line_tag (prev->raw_line, c);
  _alama_export_append_token (token, label);
  return tag != NULL && (g_str_has_prefix (tag, "B-") || g_str_has_prefix (tag, "I-")) &&
         strcmp (tag + 2, token->str) == 0;
}

static gboolean
is_sentence_start (Tokenization *tk,
                   guint         t,
                   guint        *next_sentence)
{
  if (*next_sentence < tk->sentence_starts->len &&
      g_array_index (tk->sentence_starts, guint, *next_sentence) == t)
    {
      (*next_sentence)++;
      return TRUE;
    }
  return FALSE;
}

/* Writes lines through a pending line end, so that the file's last line end can
 * be left out when the imported file had none. */
typedef struct
{
  GString    *out;
  const char *pending_eol;
} LineWriter;

static void
begin_line (LineWriter *w,
            const char *eol)
{
  if (w->pending_eol != NULL)
    g_string_append (w->out, w->pending_eol);
  w->pending_eol = eol;
}

static void
blank_lines (LineWriter *w,
             guint       n,
             const char *eol)
{
  for (guint i = 0; i < n; i++)
    begin_line (w, eol);
}

/* The tag of token @t in column @c, which holds @v (see place_spans). */
static char *
tag_for (Tokenization *tk,
         Layout       *layout,
         GPtrArray    *spans,
         GPtrArray    *columns,
         guint         t,
         guint         c,
         gint          v,
         gboolean      starts_sentence,
         gboolean      next_starts_sentence)
{
  GArray *col;
  AlamaSpan *span;
  gboolean begins, ends;
  char prefix;

  if (v == 0)
    {
      char key[32];

      /* AQMAR's "IO" (read as O) written back as it was. */
      g_snprintf (key, sizeof key, "%u:%u", t, c);
      return g_strdup (layout != NULL && g_hash_table_contains (layout->io, key) ? "IO" : "O");
    }

  col = columns->pdata[c];
  span = spans->pdata[ABS (v) - 1];
  begins = (v < 0);
  /* A run is also broken by a sentence end. */
  if (starts_sentence)
    begins = TRUE;
  else if (begins && continues_empty_token (tk, t, c, span->label))
    begins = FALSE;
  ends = (t + 1 >= tk->tokens->len || next_starts_sentence ||
          g_array_index (col, gint, t + 1) != ABS (v));

  if (layout != NULL && layout->single_prefix != 0)
    prefix = (begins && ends) ? layout->single_prefix
      : begins ? 'B' : ends ? layout->last_prefix : 'I';
  else
    prefix = begins ? 'B' : 'I';

  /* IOB1: the file opened this entity with I-. Write it so again, unless the
   * token before carries the same label (then I- would join the two). */
  if (prefix == 'B' && layout != NULL && g_hash_table_size (layout->istart) > 0)
    {
      char key[32];
      gboolean joins = FALSE;

      g_snprintf (key, sizeof key, "%u:%u", t, c);
      if (t > 0 && !starts_sentence)
        {
          gint prev = g_array_index (col, gint, t - 1);

          joins = (prev != 0 &&
                   strcmp (((AlamaSpan *) spans->pdata[ABS (prev) - 1])->label, span->label) == 0);
        }
      if (!joins && g_hash_table_contains (layout->istart, key))
        prefix = 'I';
    }

  {
    GString *tag = g_string_new (NULL);

    g_string_append_printf (tag, "%c-", prefix);
    _alama_export_append_token (tag, span->label);
    return g_string_free (tag, FALSE);
  }
}

/* Writes @fields after the token: the recorded whitespace runs when the line had
 * its own (Token.seps), else one @sep between fields and nothing after. */
static void
write_fields (GString     *out,
              const Token *token,
              GPtrArray   *fields,
              char         sep)
{
  guint n_runs = (token->seps != NULL) ? json_array_get_length (token->seps) : 0;

  for (guint k = 0; k < fields->len; k++)
    {
      /* runs[0 .. n_runs-2] follow fields 0 .. n_runs-2 (the token is field 0). */
      if (k + 1 < n_runs)
        g_string_append (out, json_array_get_string_element (token->seps, k));
      else
        g_string_append_c (out, sep);
      g_string_append (out, fields->pdata[k]);
    }
  if (n_runs > 0)
    g_string_append (out, json_array_get_string_element (token->seps, n_runs - 1));
}

/* Lines kept verbatim (-DOCSTART- blocks with no token): "before" or "after". */
static void
verbatim_lines (LineWriter *w,
                Layout     *layout,
                const char *member,
                const char *eol)
{
  JsonArray *lines;

  if (layout == NULL || !json_object_has_member (layout->object, member))
    return;
  lines = json_object_get_array_member (layout->object, member);
  for (guint i = 0; lines != NULL && i < json_array_get_length (lines); i++)
    {
      begin_line (w, eol);
      g_string_append (w->out, json_array_get_string_element (lines, i));
    }
}

static void
write_document (LineWriter   *w,
                const char   *text,
                Tokenization *tk,
                Layout       *layout,
                GPtrArray    *spans,
                GPtrArray    *columns,
                gboolean      nested,
                gboolean      write_docstart)
{
  g_autoptr(AlamaTextIndex) index = alama_text_index_new (text);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  const char *eol = (layout != NULL && layout->crlf) ? "\r\n" : "\n";
  const char *kinds = (layout != NULL && layout->kinds != NULL) ? layout->kinds : "";
  char sep = (layout != NULL) ? layout->separator : ' ';
  guint fixed_columns = 1, next_sentence = 0, sentence = 0;

  if (nested)
    fixed_columns = MAX (columns->len, (layout != NULL) ? layout->columns : 1);

  verbatim_lines (w, layout, "before", eol);
  if (layout != NULL)
    {
      blank_lines (w, layout->pre, eol);
      if (layout->docstart != NULL || write_docstart)
        {
          begin_line (w, eol);
          g_string_append (w->out, layout->docstart != NULL ? layout->docstart : "-DOCSTART- O");
          blank_lines (w, layout->docstart != NULL ? layout->lead : 1, eol);
        }
      else
        {
          blank_lines (w, layout->lead, eol);
        }
    }
  else if (write_docstart)
    {
      begin_line (w, eol);
      g_string_append (w->out, "-DOCSTART- O");
      blank_lines (w, 1, eol);
    }

  for (guint t = 0; t < tk->tokens->len; t++)
    {
      const Token *token = &g_array_index (tk->tokens, Token, t);
      guint n_columns = 1, last_tagged = 0, c = 0, p;
      gboolean any_tag = FALSE, next_starts_sentence;
      gboolean starts_sentence = is_sentence_start (tk, t, &next_sentence);
      g_auto(GStrv) kept = NULL;
      guint next_kept = 0;

      next_starts_sentence = (next_sentence < tk->sentence_starts->len &&
                              g_array_index (tk->sentence_starts, guint, next_sentence) == t + 1);

      if (starts_sentence)
        {
          if (sentence > 0)
            blank_lines (w, layout_gap (layout, sentence), eol);
          sentence++;
        }

      begin_line (w, eol);
      if (token->raw_line != NULL)
        {
          g_string_append (w->out, token->raw_line);
          continue;
        }

      for (guint k = 0; k < columns->len; k++)
        if (g_array_index ((GArray *) columns->pdata[k], gint, t) != 0)
          {
            any_tag = TRUE;
            last_tagged = k;
          }

      /* Wojood's shape: as many columns as the token is deep; else a fixed count. */
      if (nested)
        n_columns = (layout != NULL && layout->ragged)
          ? (any_tag ? last_tagged + 1 : 1)
          : MAX (fixed_columns, any_tag ? last_tagged + 1 : 1);
      /* A token imported without a tag stays bare while it is O. */
      if (token->notag && !any_tag)
        n_columns = 0;

      {
        g_autofree char *word = alama_text_index_substring (index, token->start, token->end);
        g_string_append (w->out, word);
      }

      /* The columns in the file's order: kept values where it had them, tags in
       * the tag columns, and tag columns the file did not have at the end. */
      kept = (token->kept != NULL) ? g_strsplit (token->kept, " ", -1) : g_new0 (char *, 1);
      g_ptr_array_set_size (fields, 0);
      for (p = 0; kinds[p] != '\0'; p++)
        {
          if (kinds[p] == 'K')
            {
              if (kept[next_kept] != NULL)
                g_ptr_array_add (fields, g_strdup (kept[next_kept++]));
            }
          else if (c < n_columns)
            {
              gint v = (c < columns->len) ? g_array_index ((GArray *) columns->pdata[c], gint, t) : 0;

              g_ptr_array_add (fields, tag_for (tk, layout, spans, columns, t, c, v,
                                                starts_sentence, next_starts_sentence));
              c++;
            }
        }
      for (; c < n_columns; c++)
        {
          gint v = (c < columns->len) ? g_array_index ((GArray *) columns->pdata[c], gint, t) : 0;

          g_ptr_array_add (fields, tag_for (tk, layout, spans, columns, t, c, v,
                                            starts_sentence, next_starts_sentence));
        }
      write_fields (w->out, token, fields, sep);
    }

  if (layout != NULL)
    blank_lines (w, layout->trail, eol);
  else if (tk->tokens->len > 0)
    blank_lines (w, 1, eol);
  verbatim_lines (w, layout, "after", eol);
}

/* Spans of the document that the export tags. */
static GPtrArray *
select_spans (AlamaStore      *store,
              AlamaSchema     *schema,
              gint64           document_id,
              AlamaStatusMask  statuses,
              gboolean         all_labels,
              GError         **error)
{
  g_autoptr(GPtrArray) all = alama_store_list_spans (store, document_id, statuses, error);
  GPtrArray *spans;

  if (all == NULL)
    return NULL;

  spans = g_ptr_array_new_with_free_func ((GDestroyNotify) alama_span_unref);
  for (guint i = 0; i < all->len; i++)
    {
      AlamaSpan *span = all->pdata[i];
      const AlamaLabel *label = alama_schema_find_label (schema, span->label);

      /* A label the schema lacks is tagged too: better than losing it silently. */
      if (all_labels || label == NULL || label->kind == ALAMA_LABEL_KIND_ENTITY)
        g_ptr_array_add (spans, alama_span_ref (span));
    }
  return spans;
}

gboolean
alama_export_conll_labels (AlamaStore               *store,
                           const char               *out_path,
                           const AlamaExportOptions *options,
                           gboolean                  all_labels,
                           AlamaExportProgressFunc   progress,
                           gpointer                  progress_data,
                           GCancellable             *cancellable,
                           GError                  **error)
{
  static const AlamaExportOptions defaults = { 0 };
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(AlamaSchema) schema = NULL;
  g_autoptr(GString) out = NULL;
  AlamaStatusMask statuses;
  LineWriter w = { 0 };
  gboolean final_newline = TRUE;

  g_return_val_if_fail (ALAMA_IS_STORE (store), FALSE);
  g_return_val_if_fail (out_path != NULL, FALSE);

  if (options == NULL)
    options = &defaults;
  statuses = options->statuses != 0 ? options->statuses : ALAMA_STATUS_MASK_ACCEPTED;

  documents = alama_export_select_documents (store, options, error);
  if (documents == NULL)
    return FALSE;

  schema = alama_store_get_schema (store);
  if (!_alama_export_check_tokens (schema, "CoNLL", error))
    return FALSE;
  out = g_string_new (NULL);
  w.out = out;

  for (guint d = 0; d < documents->len; d++)
    {
      AlamaDocument *doc = documents->pdata[d];
      gint64 id = alama_document_get_id (doc);
      g_autoptr(Layout) layout = layout_parse (alama_document_get_format_data (doc));
      g_autoptr(Tokenization) tk = NULL;
      g_autoptr(GPtrArray) spans = NULL;
      g_autoptr(GPtrArray) columns = NULL;
      g_autofree char *text = NULL;
      gsize doc_start;

      if (g_cancellable_is_cancelled (cancellable))
        {
          g_set_error (error, ALAMA_EXPORT_ERROR, ALAMA_EXPORT_ERROR_CANCELLED,
                       _("export to %s cancelled"), out_path);
          return FALSE;
        }

      text = alama_store_dup_document_text (store, id, error);
      if (text == NULL)
        return FALSE;

      if (layout != NULL)
        tk = tokenize_from_layout (text, layout);
      if (tk == NULL)
        {
          /* Not from CoNLL, or a layout that does not fit the text any more. */
          g_clear_pointer (&layout, layout_free);
          tk = tokenize_with_icu (text);
        }

      spans = select_spans (store, schema, id, statuses, all_labels, error);
      if (spans == NULL)
        return FALSE;
      columns = place_spans (tk, spans, options->nested);

      if (d == 0 && layout != NULL && layout->bom)
        g_string_append (out, "\xEF\xBB\xBF");

      /* Several documents are told apart by -DOCSTART- lines; a first document
       * that was read from CoNLL without one is written without one, as it was. */
      doc_start = out->len;
      write_document (&w, text, tk, layout, spans, columns, options->nested,
                      documents->len > 1 &&
                      !(d == 0 && layout != NULL && layout->docstart == NULL));
      if (layout != NULL)
        _alama_export_conll_relayout (out, doc_start, layout->object, layout->separator,
                                      layout->crlf ? "\r\n" : "\n");
      final_newline = (layout == NULL || layout->final_newline);

      if (progress != NULL)
        progress (d + 1, documents->len, progress_data);
    }

  if (w.pending_eol != NULL && final_newline)
    g_string_append (out, w.pending_eol);

  return _alama_export_write_file (out_path, out->str, out->len, error);
}

gboolean
alama_export_conll (AlamaStore               *store,
                    const char               *out_path,
                    const AlamaExportOptions *options,
                    AlamaExportProgressFunc   progress,
                    gpointer                  progress_data,
                    GCancellable             *cancellable,
                    GError                  **error)
{
  return alama_export_conll_labels (store, out_path, options, FALSE, progress, progress_data,
                                    cancellable, error);
}
