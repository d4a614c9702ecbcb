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
 */
#define G_LOG_DOMAIN "alama-export-conll"

#include "config.h"

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

static Layout *
layout_parse (const char *format_data)
{
  g_autoptr(Layout) layout = NULL;
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *o;
  const char *separator;

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
  gint64 cp = 0, run_start = -1;
  guint next_run = 0;

  for (const char *p = text; ; p = g_utf8_next_char (p), cp++)
    {
      gboolean boundary = (*p == '\0' || *p == ' ' || *p == '\n');

      if (boundary && run_start >= 0)
        {
          Token t = { run_start, cp, NULL, FALSE };
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
      Token t = { w->start, w->end, NULL, FALSE };
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

  if (t == 0)
    return FALSE;
  prev = &g_array_index (tk->tokens, Token, t - 1);
  if (prev->raw_line == NULL)
    return FALSE;
  tag = raw_line_tag (prev->raw_line, c);
  return tag != NULL && (g_str_has_prefix (tag, "B-") || g_str_has_prefix (tag, "I-")) &&
         strcmp (tag + 2, label) == 0;
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
  const char *eol = (layout != NULL && layout->crlf) ? "\r\n" : "\n";
  char sep = (layout != NULL) ? layout->separator : ' ';
  guint fixed_columns = 1, next_sentence = 0, sentence = 0;

  if (nested)
    fixed_columns = MAX (columns->len, (layout != NULL) ? layout->columns : 1);

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
      guint n_columns = 1, last_tagged = 0;
      gboolean any_tag = FALSE;
      gboolean starts_sentence = is_sentence_start (tk, t, &next_sentence);

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

      for (guint c = 0; c < columns->len; c++)
        if (g_array_index ((GArray *) columns->pdata[c], gint, t) != 0)
          {
            any_tag = TRUE;
            last_tagged = c;
          }

      /* Wojood's shape: as many columns as the token is deep; else a fixed count. */
      if (nested)
        n_columns = (layout != NULL && layout->ragged)
          ? (any_tag ? last_tagged + 1 : 1)
          : MAX (fixed_columns, any_tag ? last_tagged + 1 : 1);

      {
        g_autofree char *word = alama_text_index_substring (index, token->start, token->end);
        g_string_append (w->out, word);
      }

      if (token->notag && !any_tag)
        continue;

      for (guint c = 0; c < n_columns; c++)
        {
          gint v = (c < columns->len) ? g_array_index ((GArray *) columns->pdata[c], gint, t) : 0;

          g_string_append_c (w->out, sep);
          if (v == 0)
            {
              g_string_append_c (w->out, 'O');
            }
          else
            {
              AlamaSpan *span = spans->pdata[ABS (v) - 1];
              gboolean begins = (v < 0);

              /* A run is also broken by a sentence end. */
              if (starts_sentence)
                begins = TRUE;
              else if (begins && continues_empty_token (tk, t, c, span->label))
                begins = FALSE;
              g_string_append (w->out, begins ? "B-" : "I-");
              g_string_append (w->out, span->label);
            }
        }
    }

  if (layout != NULL)
    blank_lines (w, layout->trail, eol);
  else if (tk->tokens->len > 0)
    blank_lines (w, 1, eol);
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

      if (g_cancellable_is_cancelled (cancellable))
        {
          g_set_error (error, ALAMA_EXPORT_ERROR, ALAMA_EXPORT_ERROR_CANCELLED,
                       "export to %s cancelled", out_path);
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

      write_document (&w, text, tk, layout, spans, columns, options->nested,
                      documents->len > 1);
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
