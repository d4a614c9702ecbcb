/* alama-export-webanno.c: WebAnno TSV 3.3, one file per document, for INCEpTION and WebAnno.
 *
 *   #FORMAT=WebAnno TSV 3.3
 *   #T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|value
 *   #T_RL=webanno.custom.Relation|value|BT_de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity
 *
 *
 *   #Text=...
 *   1-1<TAB>0-4<TAB>token<TAB>PER[1]|LOC[2]<TAB>SPEAKER<TAB>1-3[1_0]<TAB>
 *
 * Tokens are ICU's words as the CoNLL export cuts them, and every other run of
 * characters that are not white space (an emoji); a span edge inside a token
 * makes a sub-token (1-3.1), and a span edge in white space makes that white
 * space a token, so that every span is written exactly. Sentences are ICU's; a
 * sentence's #Text lines run up to the next sentence, so that INCEpTION's
 * reader (which puts a line feed after each sentence and takes it back when the
 * next one starts there) rebuilds the text as it is, except for white space
 * before the first word, which it reads as spaces, and a line feed it adds at
 * the end.
 *
 * Every span is a NamedEntity whose value is its label; a span on several
 * units, or one that shares a unit with another, carries a disambiguation id.
 * Relations go in the custom relation layer (INCEpTION needs a relation layer
 * "Relation" with a "value" feature on Named entity to read them), on the row
 * of their target's first unit, the column after the type naming the unit of
 * their source. A discontinuous span is written from its first start to its
 * last end; attributes and notes are not written (the NamedEntity layer has no
 * place for them).
 */
#define G_LOG_DOMAIN "alama-export-webanno"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "alama/alama-export.h"
#include "alama/alama-text.h"
#include "alama-export-private.h"

#define NAMED_ENTITY "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"
#define RELATION_LAYER "webanno.custom.Relation"

typedef struct
{
  gint64   start;       /* code points */
  gint64   end;
  guint    sentence;    /* 0-based */
  guint    number;      /* within its sentence, 1-based */
  GArray  *subtokens;   /* AlamaFragment, sorted, unique; NULL when none */
} Token;

/* One row of the file: a token or one of its sub-tokens. */
typedef struct
{
  guint      token;
  int        sub;        /* -1 for the token itself, else the index in its subtokens */
  char      *id;
  GPtrArray *spans;      /* guint span indexes (as pointers), written stacked */
  GPtrArray *relations;  /* AlamaRelation* hosted on this row (their target starts here) */
} Row;

typedef struct
{
  const char *text;
  gunichar   *chars;
  glong       n_chars;
  gint64     *utf16;     /* utf16[cp]: the UTF-16 offset of code point cp */
  GArray     *tokens;    /* Token */
  GPtrArray  *rows;      /* Row* in file order */
  GArray     *token_rows; /* per token: the index of its own row */
  GPtrArray  *spans;     /* AlamaSpan*, the exported ones */
  GHashTable *span_index; /* &span->id → its index + 1 */
  GArray     *first_row; /* per span: index of its first row */
  GArray     *n_rows;    /* per span: how many rows carry it */
  GArray     *ids;       /* per span: disambiguation id or 0 */
} Layout;

static void
row_free (Row *row)
{
  g_free (row->id);
  g_ptr_array_unref (row->spans);
  g_ptr_array_unref (row->relations);
  g_free (row);
}

static void
token_clear (Token *token)
{
  g_clear_pointer (&token->subtokens, g_array_unref);
}

static void
layout_clear (Layout *layout)
{
  g_clear_pointer (&layout->chars, g_free);
  g_clear_pointer (&layout->utf16, g_free);
  g_clear_pointer (&layout->tokens, g_array_unref);
  g_clear_pointer (&layout->rows, g_ptr_array_unref);
  g_clear_pointer (&layout->token_rows, g_array_unref);
  g_clear_pointer (&layout->span_index, g_hash_table_unref);
  g_clear_pointer (&layout->first_row, g_array_unref);
  g_clear_pointer (&layout->n_rows, g_array_unref);
  g_clear_pointer (&layout->ids, g_array_unref);
}

/* ---- Escaping ----------------------------------------------------------------- */

/* A feature value: \ [ ] | _ -> ; * tab and line feed get a backslash. */
static void
append_value (GString    *out,
              const char *value)
{
  for (const char *p = value; *p != '\0'; p++)
    {
      if (p[0] == '-' && p[1] == '>')
        {
          g_string_append (out, "\\->");
          p++;
        }
      else if (*p == '\t')
        g_string_append (out, "\\t");
      else if (*p == '\n')
        g_string_append (out, "\\n");
      else
        {
          if (strchr ("\\[]|_;*", *p) != NULL)
            g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
    }
}

/* A #Text line as INCEpTION 3.2+ escapes it. */
static void
append_text_line (GString    *out,
                  const char *line,
                  gsize       len)
{
  g_string_append (out, "#Text=");
  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar) line[i];

      switch (c)
        {
        case '\t': g_string_append (out, "\\t"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\\': g_string_append (out, "\\\\"); break;
        default:
          if (c < 32 && !(c > 7 && c < 14))
            g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
          break;
        }
    }
  g_string_append_c (out, '\n');
}

/* ---- Tokens ------------------------------------------------------------------- */

static int
compare_tokens (gconstpointer a,
                gconstpointer b)
{
  const Token *x = a, *y = b;

  return x->start < y->start ? -1 : x->start > y->start;
}

static int
compare_fragments (gconstpointer a,
                   gconstpointer b)
{
  const AlamaFragment *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return x->end < y->end ? -1 : x->end > y->end;
}

static void
add_token (GArray *tokens,
           gint64  start,
           gint64  end)
{
  Token token = { start, end, 0, 0, NULL };

  g_array_append_val (tokens, token);
}

/* ICU's words, then the other runs of non-space characters, then the white
 * space a span starts, ends or lies in, cut at every span edge. */
static void
make_tokens (Layout *layout)
{
  g_autoptr(GArray) words = alama_text_words (layout->text, TRUE);
  g_autofree int *owner = g_new (int, layout->n_chars + 1);
  g_autofree gboolean *needed = g_new0 (gboolean, layout->n_chars + 1);
  g_autofree gboolean *edge = g_new0 (gboolean, layout->n_chars + 1);
  glong n = layout->n_chars;

  layout->tokens = g_array_new (FALSE, TRUE, sizeof (Token));
  g_array_set_clear_func (layout->tokens, (GDestroyNotify) token_clear);
  for (glong i = 0; i <= n; i++)
    owner[i] = -1;
  for (guint w = 0; w < words->len; w++)
    {
      const AlamaFragment *word = &g_array_index (words, AlamaFragment, w);

      add_token (layout->tokens, word->start, word->end);
      for (gint64 i = word->start; i < word->end && i < n; i++)
        owner[i] = 1;
    }
  for (glong i = 0; i < n;)
    {
      glong j = i;

      while (j < n && owner[j] < 0 && !g_unichar_isspace (layout->chars[j]))
        j++;
      if (j > i)
        {
          add_token (layout->tokens, i, j);
          for (glong k = i; k < j; k++)
            owner[k] = 1;
          i = j;
        }
      else
        i++;
    }

  for (guint s = 0; s < layout->spans->len; s++)
    {
      AlamaSpan *span = g_ptr_array_index (layout->spans, s);
      gint64 start = CLAMP (alama_span_get_start (span), 0, n);
      gint64 end = CLAMP (alama_span_get_end (span), 0, n);

      /* Only the white space at its edges: the gaps inside it stay gaps. */
      edge[start] = edge[end] = TRUE;
      for (gint64 i = start; i < end && owner[i] < 0; i++)
        needed[i] = TRUE;
      for (gint64 i = end - 1; i >= start && owner[i] < 0; i--)
        needed[i] = TRUE;
    }
  for (glong i = 0; i < n;)
    {
      glong j = i;

      if (!needed[i])
        {
          i++;
          continue;
        }
      do
        j++;
      while (j < n && needed[j] && !edge[j]);
      add_token (layout->tokens, i, j);
      i = j;
    }

  g_array_sort (layout->tokens, compare_tokens);
}

/* Numbers the tokens by sentence: a token is in the sentence its start is in. */
static void
number_tokens (Layout *layout)
{
  g_autoptr(GArray) sentences = alama_text_sentences (layout->text);
  guint s = 0, sentence = 0, number = 0;
  gboolean first = TRUE;

  for (guint t = 0; t < layout->tokens->len; t++)
    {
      Token *token = &g_array_index (layout->tokens, Token, t);
      gboolean next = FALSE;

      while (s + 1 < sentences->len &&
             g_array_index (sentences, AlamaFragment, s + 1).start <= token->start)
        {
          s++;
          next = TRUE;
        }
      if (next && !first)
        {
          sentence++;
          number = 0;
        }
      first = FALSE;
      token->sentence = sentence;
      token->number = ++number;
    }
}

/* The index of the first token that ends after @start (tokens are sorted and
 * do not overlap), or the number of tokens. */
static guint
first_token_after (Layout *layout,
                   gint64  start)
{
  guint lo = 0, hi = layout->tokens->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (layout->tokens, Token, mid).end <= start)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* The units that carry [start, end): whole tokens inside it, sub-tokens of the
 * tokens it cuts. Sub-tokens are recorded on their token. */
static void
note_subtokens (Layout *layout,
                gint64  start,
                gint64  end)
{
  for (guint t = first_token_after (layout, start); t < layout->tokens->len; t++)
    {
      Token *token = &g_array_index (layout->tokens, Token, t);
      AlamaFragment piece = { MAX (start, token->start), MIN (end, token->end) };
      gboolean seen = FALSE;

      if (token->start >= end)
        break;
      if (start <= token->start && token->end <= end)
        continue;
      if (token->subtokens == NULL)
        token->subtokens = g_array_new (FALSE, FALSE, sizeof (AlamaFragment));
      for (guint i = 0; i < token->subtokens->len; i++)
        if (compare_fragments (&g_array_index (token->subtokens, AlamaFragment, i), &piece) == 0)
          seen = TRUE;
      if (!seen)
        g_array_append_val (token->subtokens, piece);
    }
}

static void
make_rows (Layout *layout)
{
  layout->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  layout->token_rows = g_array_sized_new (FALSE, FALSE, sizeof (guint), layout->tokens->len);
  for (guint t = 0; t < layout->tokens->len; t++)
    {
      Token *token = &g_array_index (layout->tokens, Token, t);
      guint n_sub = token->subtokens != NULL ? token->subtokens->len : 0;

      g_array_append_val (layout->token_rows, layout->rows->len);
      if (token->subtokens != NULL)
        g_array_sort (token->subtokens, compare_fragments);
      for (int sub = -1; sub < (int) n_sub; sub++)
        {
          Row *row = g_new0 (Row, 1);

          row->token = t;
          row->sub = sub;
          row->id = sub < 0 ? g_strdup_printf ("%u-%u", token->sentence + 1, token->number)
                            : g_strdup_printf ("%u-%u.%d", token->sentence + 1, token->number,
                                               sub + 1);
          row->spans = g_ptr_array_new ();
          row->relations = g_ptr_array_new ();
          g_ptr_array_add (layout->rows, row);
        }
    }
}

static void
row_range (Layout *layout,
           Row    *row,
           gint64 *start,
           gint64 *end)
{
  Token *token = &g_array_index (layout->tokens, Token, row->token);

  if (row->sub < 0)
    {
      *start = token->start;
      *end = token->end;
    }
  else
    {
      AlamaFragment *piece = &g_array_index (token->subtokens, AlamaFragment, row->sub);

      *start = piece->start;
      *end = piece->end;
    }
}

/* Puts each span on its rows: whole tokens inside it and the sub-tokens that
 * are exactly its part of a token it cuts. */
static void
place_spans (Layout *layout)
{
  guint n = layout->spans->len;

  layout->first_row = g_array_new (FALSE, FALSE, sizeof (guint));
  layout->n_rows = g_array_new (FALSE, TRUE, sizeof (guint));
  layout->ids = g_array_new (FALSE, TRUE, sizeof (guint));
  g_array_set_size (layout->first_row, n);
  g_array_set_size (layout->n_rows, n);
  g_array_set_size (layout->ids, n);

  for (guint s = 0; s < n; s++)
    {
      AlamaSpan *span = g_ptr_array_index (layout->spans, s);
      gint64 start = alama_span_get_start (span), end = alama_span_get_end (span);

      guint t = first_token_after (layout, start);

      g_array_index (layout->first_row, guint, s) = G_MAXUINT;
      if (t == layout->tokens->len)
        continue;
      for (guint r = g_array_index (layout->token_rows, guint, t); r < layout->rows->len; r++)
        {
          Row *row = g_ptr_array_index (layout->rows, r);
          Token *token = &g_array_index (layout->tokens, Token, row->token);
          gint64 row_start, row_end;
          gboolean carries;

          if (token->start >= end)
            break;
          row_range (layout, row, &row_start, &row_end);
          if (row->sub < 0)
            carries = start <= row_start && row_end <= end;
          else
            carries = row_start == MAX (start, token->start) && row_end == MIN (end, token->end) &&
                      !(start <= token->start && token->end <= end);
          if (!carries)
            continue;
          g_ptr_array_add (row->spans, GUINT_TO_POINTER (s));
          if (g_array_index (layout->first_row, guint, s) == G_MAXUINT)
            g_array_index (layout->first_row, guint, s) = r;
          g_array_index (layout->n_rows, guint, s)++;
        }
    }

  /* Disambiguation ids, numbered in the order the spans first appear. */
  {
    guint next_id = 1;

    for (guint r = 0; r < layout->rows->len; r++)
      {
        Row *row = g_ptr_array_index (layout->rows, r);

        for (guint i = 0; i < row->spans->len; i++)
          {
            guint s = GPOINTER_TO_UINT (g_ptr_array_index (row->spans, i));
            guint *id = &g_array_index (layout->ids, guint, s);

            if (*id == 0 && (row->spans->len > 1 || g_array_index (layout->n_rows, guint, s) > 1))
              *id = next_id++;
          }
      }
  }
}

/* ---- Writing ------------------------------------------------------------------ */

static int
span_index (Layout *layout,
            gint64  id)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (layout->span_index, &id)) - 1;
}

static void
append_sentence_text (GString *out,
                      Layout  *layout,
                      gint64   start,
                      gint64   end)
{
  g_autofree char *piece = NULL;
  const char *line;

  /* The reader puts back one line feed after the sentence. */
  if (end > start && layout->chars[end - 1] == '\n')
    end--;
  piece = g_ucs4_to_utf8 (layout->chars + start, end - start, NULL, NULL, NULL);
  line = piece;
  for (const char *nl; (nl = strchr (line, '\n')) != NULL; line = nl + 1)
    append_text_line (out, line, nl - line);
  append_text_line (out, line, strlen (line));
}

static void
append_row (GString *out,
            Layout  *layout,
            Row     *row,
            gboolean with_relations)
{
  gint64 start, end;
  g_autofree char *surface = NULL;

  row_range (layout, row, &start, &end);
  surface = g_ucs4_to_utf8 (layout->chars + start, end - start, NULL, NULL, NULL);
  g_strdelimit (surface, "\t\n\r", ' ');
  g_string_append_printf (out, "%s\t%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT "\t%s\t", row->id,
                          layout->utf16[start], layout->utf16[end], surface);

  if (row->spans->len == 0)
    g_string_append (out, "_");
  for (guint i = 0; i < row->spans->len; i++)
    {
      guint s = GPOINTER_TO_UINT (g_ptr_array_index (row->spans, i));
      AlamaSpan *span = g_ptr_array_index (layout->spans, s);
      guint id = g_array_index (layout->ids, guint, s);

      if (i > 0)
        g_string_append_c (out, '|');
      append_value (out, span->label);
      if (id > 0)
        g_string_append_printf (out, "[%u]", id);
    }
  g_string_append_c (out, '\t');
  if (!with_relations)
    return;

  if (row->relations->len == 0)
    {
      g_string_append (out, "_\t_\t");
      return;
    }
  for (guint i = 0; i < row->relations->len; i++)
    {
      AlamaRelation *relation = g_ptr_array_index (row->relations, i);

      if (i > 0)
        g_string_append_c (out, '|');
      append_value (out, relation->type);
    }
  g_string_append_c (out, '\t');
  for (guint i = 0; i < row->relations->len; i++)
    {
      AlamaRelation *relation = g_ptr_array_index (row->relations, i);
      guint from = (guint) span_index (layout, relation->from_id);
      guint to = (guint) span_index (layout, relation->to_id);
      Row *source = g_ptr_array_index (layout->rows,
                                       g_array_index (layout->first_row, guint, from));
      guint from_id = g_array_index (layout->ids, guint, from);
      guint to_id = g_array_index (layout->ids, guint, to);

      if (i > 0)
        g_string_append_c (out, '|');
      g_string_append (out, source->id);
      if (from_id > 0 || to_id > 0)
        g_string_append_printf (out, "[%u_%u]", from_id, to_id);
    }
  g_string_append_c (out, '\t');
}

static char *
document_tsv (const char *text,
              GPtrArray  *spans,
              GPtrArray  *relations)
{
  Layout layout = { 0 };
  GString *out = g_string_new ("#FORMAT=WebAnno TSV 3.3\n#T_SP=" NAMED_ENTITY "|value\n");
  gboolean with_relations = FALSE;
  guint sentence = G_MAXUINT;

  layout.text = text;
  layout.chars = g_utf8_to_ucs4_fast (text, -1, &layout.n_chars);
  layout.utf16 = g_new (gint64, layout.n_chars + 1);
  layout.utf16[0] = 0;
  for (glong i = 0; i < layout.n_chars; i++)
    layout.utf16[i + 1] = layout.utf16[i] + (layout.chars[i] >= 0x10000 ? 2 : 1);
  layout.spans = spans;
  layout.span_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint s = 0; s < spans->len; s++)
    g_hash_table_insert (layout.span_index, &((AlamaSpan *) g_ptr_array_index (spans, s))->id,
                         GINT_TO_POINTER (s + 1));

  make_tokens (&layout);
  number_tokens (&layout);
  for (guint s = 0; s < spans->len; s++)
    {
      AlamaSpan *span = g_ptr_array_index (spans, s);

      note_subtokens (&layout, alama_span_get_start (span), alama_span_get_end (span));
    }
  make_rows (&layout);
  place_spans (&layout);

  /* A relation is written when both of its ends are. */
  for (guint i = 0; i < relations->len; i++)
    {
      AlamaRelation *relation = g_ptr_array_index (relations, i);
      int from = span_index (&layout, relation->from_id);
      int to = span_index (&layout, relation->to_id);
      Row *host;

      if (from < 0 || to < 0 || g_array_index (layout.first_row, guint, from) == G_MAXUINT ||
          g_array_index (layout.first_row, guint, to) == G_MAXUINT)
        continue;
      host = g_ptr_array_index (layout.rows, g_array_index (layout.first_row, guint, to));
      g_ptr_array_add (host->relations, relation);
      with_relations = TRUE;
    }
  if (with_relations)
    g_string_append (out, "#T_RL=" RELATION_LAYER "|value|BT_" NAMED_ENTITY "\n");
  g_string_append_c (out, '\n');

  for (guint r = 0; r < layout.rows->len; r++)
    {
      Row *row = g_ptr_array_index (layout.rows, r);
      Token *token = &g_array_index (layout.tokens, Token, row->token);

      if (token->sentence != sentence)
        {
          gint64 end = layout.n_chars;

          /* The sentence's text runs up to the first token of the next one. */
          for (guint t = row->token + 1; t < layout.tokens->len; t++)
            if (g_array_index (layout.tokens, Token, t).sentence != token->sentence)
              {
                end = g_array_index (layout.tokens, Token, t).start;
                break;
              }
          sentence = token->sentence;
          g_string_append_c (out, '\n');
          append_sentence_text (out, &layout, token->start, end);
        }
      append_row (out, &layout, row, with_relations);
      g_string_append_c (out, '\n');
    }

  layout_clear (&layout);
  return g_string_free (out, FALSE);
}

static char *
file_name_for (const char *name,
               GHashTable *used)
{
  g_autoptr(GString) stem = g_string_new (NULL);
  char *key;

  for (const char *p = name != NULL ? name : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || c == 0x7F || (c < 0x80 && strchr (":/\\*?\"<>|", (int) c) != NULL))
        g_string_append_c (stem, '_');
      else
        g_string_append_unichar (stem, c);
    }
  if (stem->len == 0)
    g_string_assign (stem, "document");
  if (stem->str[0] == '.')
    stem->str[0] = '_';
  key = g_utf8_casefold (stem->str, -1);
  for (guint n = 2; g_hash_table_contains (used, key); n++)
    {
      g_autofree char *numbered = g_strdup_printf ("%s-%u", stem->str, n);

      g_free (key);
      key = g_utf8_casefold (numbered, -1);
      if (!g_hash_table_contains (used, key))
        g_string_assign (stem, numbered);
    }
  g_hash_table_add (used, key);
  g_string_append (stem, ".tsv");
  return g_string_free (g_steal_pointer (&stem), FALSE);
}

static char *
export_document (AlamaStore       *store,
                 AlamaDocument    *document,
                 AlamaStatusMask   statuses,
                 GError          **error)
{
  gint64 id = alama_document_get_id (document);
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autofree char *text = NULL;

  if ((text = alama_store_dup_document_text (store, id, error)) == NULL ||
      (spans = alama_store_list_spans (store, id, statuses, error)) == NULL ||
      (relations = alama_store_list_relations (store, id, statuses, error)) == NULL)
    return NULL;
  return document_tsv (text, spans, relations);
}

static gboolean
has_tsv_suffix (const char *path)
{
  gsize len = strlen (path);

  return len >= 4 && g_ascii_strcasecmp (path + len - 4, ".tsv") == 0;
}

gboolean
alama_export_webanno (AlamaStore                *store,
                      const char                *out_path,
                      const AlamaExportOptions  *options,
                      AlamaExportProgressFunc    progress,
                      gpointer                   progress_data,
                      GCancellable              *cancellable,
                      GError                   **error)
{
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(AlamaExportFolder) folder = NULL;
  AlamaStatusMask statuses = _alama_export_statuses (options);

  g_return_val_if_fail (ALAMA_IS_STORE (store), FALSE);
  g_return_val_if_fail (out_path != NULL, FALSE);

  if ((documents = alama_export_select_documents (store, options, error)) == NULL)
    return FALSE;

  /* OUT.tsv: one document in one file, as INCEpTION exports a document. */
  if (has_tsv_suffix (out_path))
    {
      g_autofree char *tsv = NULL;

      if (documents->len != 1)
        {
          g_set_error (error, ALAMA_EXPORT_ERROR, ALAMA_EXPORT_ERROR_UNSUPPORTED,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "%s: a WebAnno TSV file holds one document, and %u is "
                                    "selected (give a folder, or --docs NAME)",
                                    "%s: a WebAnno TSV file holds one document, and %u are "
                                    "selected (give a folder, or --docs NAME)",
                                    documents->len),
                       out_path, documents->len);
          return FALSE;
        }
      if ((tsv = export_document (store, g_ptr_array_index (documents, 0), statuses,
                                  error)) == NULL)
        return FALSE;
      if (progress != NULL)
        progress (1, 1, progress_data);
      return _alama_export_write_file (out_path, tsv, -1, error);
    }

  /* A folder of NAME.tsv, written beside OUT and renamed into place. */
  folder = _alama_export_folder_new (out_path, options != NULL && options->force, error);
  if (folder == NULL)
    return FALSE;
  for (guint i = 0; i < documents->len; i++)
    {
      AlamaDocument *document = g_ptr_array_index (documents, i);
      g_autofree char *file_name = file_name_for (alama_document_get_name (document), used);
      g_autofree char *tsv = NULL;

      if (_alama_export_check_cancelled (cancellable, error) ||
          (tsv = export_document (store, document, statuses, error)) == NULL ||
          !_alama_export_folder_write (folder, file_name, tsv, -1, error))
        return FALSE;
      if (progress != NULL)
        progress (i + 1, documents->len, progress_data);
    }
  return _alama_export_folder_commit (folder, error);
}
