/* alama-export-prodigy.c: Prodigy's JSONL tasks, one line per task.
 *
 *   {"name":...,"text":...,"meta":{...},"tokens":[{"text","start","end","id","ws"}],
 *    "spans":[{"start","end","label","token_start","token_end","text"}],
 *    "answer":"accept"}
 *
 * Per document: one task with its accepted spans and answer "accept" (with no
 * spans it says the text holds none); under --status with rejected, one task
 * per rejected span with answer "reject", as binary ner.teach writes them (a
 * rejected task of several spans would say only that one of them is wrong);
 * under --status with pending, one task of the pending spans without an
 * answer, which is what Prodigy reads as input to review, its spans recording
 * "status":"pending" so that Alama reads them back as suggestions.
 *
 * Tokens are ICU's words (punctuation its own token) cut again at every
 * exported span's edges, so that each span starts and ends on a token as
 * Prodigy and spaCy need: the و of وبوتين becomes a token of its own when
 * بوتين is annotated. A discontinuous span becomes one span per fragment
 * (Prodigy has no discontinuous spans). "name" is Alama's key, read back on
 * import; "meta" is the document's Prodigy meta when it has one.
 */
#define G_LOG_DOMAIN "alama-export-prodigy"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "alama/alama-export.h"
#include "alama/alama-text.h"
#include "alama-export-private.h"

typedef struct
{
  AlamaTextIndex  *index;
  AlamaOffsetUnit  unit;
  GArray          *tokens;   /* AlamaFragment, code points */
} Tokens;

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* ICU's words, cut at every span edge that falls inside one. */
static GArray *
make_tokens (const char *text,
             GPtrArray  *spans)
{
  g_autoptr(GArray) words = alama_text_words (text, TRUE);
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (gint64));
  GArray *tokens = g_array_new (FALSE, FALSE, sizeof (AlamaFragment));
  guint e = 0;

  for (guint i = 0; i < spans->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (spans, i);

      for (guint f = 0; f < span->fragments->len; f++)
        {
          AlamaFragment *fragment = &g_array_index (span->fragments, AlamaFragment, f);

          g_array_append_val (edges, fragment->start);
          g_array_append_val (edges, fragment->end);
        }
    }
  g_array_sort (edges, compare_int64);

  for (guint w = 0; w < words->len; w++)
    {
      AlamaFragment word = g_array_index (words, AlamaFragment, w);

      while (e < edges->len && g_array_index (edges, gint64, e) <= word.start)
        e++;
      while (e < edges->len && g_array_index (edges, gint64, e) < word.end)
        {
          AlamaFragment piece = { word.start, g_array_index (edges, gint64, e) };

          g_array_append_val (tokens, piece);
          word.start = piece.end;
          while (e < edges->len && g_array_index (edges, gint64, e) <= word.start)
            e++;
        }
      g_array_append_val (tokens, word);
    }

  return tokens;
}

static void
append_offset (GString *out,
               Tokens  *tokens,
               gint64   cp)
{
  g_string_append_printf (out, "%" G_GINT64_FORMAT,
                          alama_text_index_cp_to_offset (tokens->index, tokens->unit, cp));
}

static void
append_tokens (GString    *out,
               const char *text,
               Tokens     *tokens)
{
  g_string_append (out, "\"tokens\":[");
  for (guint t = 0; t < tokens->tokens->len; t++)
    {
      AlamaFragment *token = &g_array_index (tokens->tokens, AlamaFragment, t);
      g_autofree char *surface = alama_text_index_substring (tokens->index, token->start,
                                                             token->end);
      g_autofree char *next = alama_text_index_substring (tokens->index, token->end,
                                                          token->end + 1);

      if (t > 0)
        g_string_append_c (out, ',');
      g_string_append (out, "{\"text\":");
      _alama_export_append_json_string (out, surface);
      g_string_append (out, ",\"start\":");
      append_offset (out, tokens, token->start);
      g_string_append (out, ",\"end\":");
      append_offset (out, tokens, token->end);
      g_string_append_printf (out, ",\"id\":%u,\"ws\":%s}", t,
                              next[0] != '\0' && g_unichar_isspace (g_utf8_get_char (next))
                              ? "true" : "false");
    }
  g_string_append_c (out, ']');
}

/* One Prodigy span per fragment of @span. */
static void
append_span (GString         *out,
             const AlamaSpan *span,
             Tokens          *tokens,
             gboolean        *first)
{
  for (guint f = 0; f < span->fragments->len; f++)
    {
      const AlamaFragment *fragment = &g_array_index (span->fragments, AlamaFragment, f);
      g_autofree char *surface = alama_text_index_substring (tokens->index, fragment->start,
                                                             fragment->end);
      gint64 token_start = -1, token_end = -1;

      for (guint t = 0; t < tokens->tokens->len; t++)
        {
          AlamaFragment *token = &g_array_index (tokens->tokens, AlamaFragment, t);

          if (token_start < 0 && token->start >= fragment->start)
            token_start = t;
          if (token->end <= fragment->end && token->start >= fragment->start)
            token_end = t;
        }

      if (!*first)
        g_string_append_c (out, ',');
      *first = FALSE;
      g_string_append (out, "{\"start\":");
      append_offset (out, tokens, fragment->start);
      g_string_append (out, ",\"end\":");
      append_offset (out, tokens, fragment->end);
      g_string_append (out, ",\"label\":");
      _alama_export_append_json_string (out, span->label);
      if (token_start >= 0 && token_end >= token_start)
        g_string_append_printf (out, ",\"token_start\":%" G_GINT64_FORMAT
                                ",\"token_end\":%" G_GINT64_FORMAT, token_start, token_end);
      g_string_append (out, ",\"text\":");
      _alama_export_append_json_string (out, surface);
      if (g_strcmp0 (span->source, ALAMA_SOURCE_MANUAL) != 0 && span->source != NULL)
        {
          g_string_append (out, ",\"source\":");
          _alama_export_append_json_string (out, span->source);
        }
      if (span->status == ALAMA_STATUS_PENDING)
        g_string_append (out, ",\"status\":\"pending\"");
      g_string_append_c (out, '}');
    }
}

/* The document's Prodigy "meta" object, as JSON text, or NULL. */
static char *
dup_meta (AlamaDocument *document)
{
  const char *metadata = alama_document_get_metadata_json (document);
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  JsonNode *root, *meta;

  if (metadata == NULL || strstr (metadata, "\"meta\"") == NULL)
    return NULL;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, metadata, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      (meta = json_object_get_member (json_node_get_object (root), "meta")) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (meta))
    return NULL;
  generator = json_generator_new ();
  json_generator_set_root (generator, meta);
  return json_generator_to_data (generator, NULL);
}

/* One task line: @spans (of AlamaSpan*, may be empty) with @answer (NULL: none). */
static void
append_task (GString       *out,
             AlamaDocument *document,
             const char    *text,
             const char    *meta,
             Tokens        *tokens,
             GPtrArray     *spans,
             const char    *answer)
{
  gboolean first = TRUE;

  g_string_append (out, "{\"name\":");
  _alama_export_append_json_string (out, alama_document_get_name (document));
  g_string_append (out, ",\"text\":");
  _alama_export_append_json_string (out, text);
  if (meta != NULL)
    {
      g_string_append (out, ",\"meta\":");
      g_string_append (out, meta);
    }
  g_string_append_c (out, ',');
  append_tokens (out, text, tokens);
  g_string_append (out, ",\"spans\":[");
  for (guint i = 0; i < spans->len; i++)
    append_span (out, g_ptr_array_index (spans, i), tokens, &first);
  g_string_append_c (out, ']');
  if (answer != NULL)
    g_string_append_printf (out, ",\"answer\":\"%s\"", answer);
  g_string_append (out, "}\n");
}

static gboolean
append_document (GString                   *out,
                 AlamaStore                *store,
                 AlamaDocument             *document,
                 const AlamaExportOptions  *options,
                 GError                   **error)
{
  AlamaStatusMask statuses = _alama_export_statuses (options);
  gint64 id = alama_document_get_id (document);
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GPtrArray) accepted = g_ptr_array_new ();
  g_autoptr(GPtrArray) pending = g_ptr_array_new ();
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  g_autoptr(AlamaTextIndex) index = NULL;
  g_autoptr(GArray) token_array = NULL;
  g_autofree char *text = NULL;
  g_autofree char *meta = dup_meta (document);
  Tokens tokens;

  if ((text = alama_store_dup_document_text (store, id, error)) == NULL ||
      (spans = alama_store_list_spans (store, id, statuses, error)) == NULL)
    return FALSE;

  index = alama_text_index_new (text);
  token_array = make_tokens (text, spans);
  tokens.index = index;
  tokens.unit = options != NULL ? options->offsets : ALAMA_OFFSETS_CODEPOINT;
  tokens.tokens = token_array;

  for (guint i = 0; i < spans->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (spans, i);

      if (span->status == ALAMA_STATUS_ACCEPTED)
        g_ptr_array_add (accepted, span);
      else if (span->status == ALAMA_STATUS_PENDING)
        g_ptr_array_add (pending, span);
    }

  if (statuses & ALAMA_STATUS_MASK_ACCEPTED)
    append_task (out, document, text, meta, &tokens, accepted, "accept");
  for (guint i = 0; i < spans->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (spans, i);

      if (span->status != ALAMA_STATUS_REJECTED)
        continue;
      g_ptr_array_set_size (one, 0);
      g_ptr_array_add (one, span);
      append_task (out, document, text, meta, &tokens, one, "reject");
    }
  if (pending->len > 0)
    append_task (out, document, text, meta, &tokens, pending, NULL);

  return TRUE;
}

gboolean
alama_export_prodigy (AlamaStore                *store,
                      const char                *out_path,
                      const AlamaExportOptions  *options,
                      AlamaExportProgressFunc    progress,
                      gpointer                   progress_data,
                      GCancellable              *cancellable,
                      GError                   **error)
{
  g_return_val_if_fail (ALAMA_IS_STORE (store), FALSE);
  g_return_val_if_fail (out_path != NULL, FALSE);

  return _alama_export_lines (store, out_path, options, append_document, progress,
                              progress_data, cancellable, error);
}
