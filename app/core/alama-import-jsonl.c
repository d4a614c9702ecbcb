/* alama-import-jsonl.c: doccano-style JSONL, one document per line.
 *
 * Reads both doccano layouts: `label: [[start, end, "LABEL"], ...]` and
 * `entities: [{id, label, start_offset, end_offset}]` with
 * `relations: [{id, from_id, to_id, type}]`, plus the keys our own export adds
 * (name, metadata; per entity status, source, annotator, attributes, fragments,
 * note; per relation status, source) so that an export reads back exactly.
 * Field names are options, so IDRISI's tweets (`location_mentions` with
 * `startIdx`, `endIdx`, `type`, and the surface in `text`) need no conversion.
 * Without --spans-field the spans are found under the first key present of
 * `entities`, `label`, `spans` (Prodigy: `[{start, end, label, text?}]`) and
 * `labels` (older doccano: `[[start, end, "LABEL"]]`); without --start-key a span
 * object's offsets are `start_offset`/`end_offset`, or `start`/`end` when those are
 * absent (Prodigy). Every other key of a line (Prodigy's `tokens`, `meta`,
 * `_input_hash` ...) becomes document metadata.
 *
 * Offsets are code points (Python's str indexes). Tools written in JavaScript
 * count UTF-16 units, which differ after a character outside the BMP (emoji, 𝐀);
 * such a span is caught when the line records its surface (`text` in the span),
 * and is otherwise read as code points. See tests/fixtures/jsonl/README.md.
 *
 * Why this file is long: one format with the field-name options of three
 * tools (doccano, Prodigy, IDRISI), the keys our own export adds, and a reader
 * that streams a line at a time; they share the options and the per-line state.
 */
#define G_LOG_DOMAIN "alama-import-jsonl"

#include "config.h"

#include <inttypes.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include <json-glib/json-glib.h>

#include "alama/alama-import.h"
#include "alama/alama-text.h"
#include "alama-hash-private.h"
#include "alama-import-private.h"
#include "alama-json-private.h"

typedef struct
{
  const char *path;
  const char *file_name;   /* base name, for "FILE:LINE" document names */
  guint       line;
  guint       element;     /* in a file that is one JSON array: the document's number in
                            * it (from 1), else 0 */
  const char *text_field;
  const char *spans_field; /* NULL = the first of spans_fields present */
  const char *start_key;   /* NULL = "start_offset", else "start" (Prodigy) */
  const char *end_key;
  const char *label_key;
  AlamaOffsetUnit offsets; /* what the file's offsets count */
  JsonParser *parser;      /* one for the whole file: a parser per line cost a GObject
                            * and its setup per document */
  const char *line_start;  /* the text being read (a line, or a whole array file) */
  guint64     line_offset; /* the byte of the file it starts at, for messages */
  const char *after;       /* what follows the line in memory, to see how far a */
  gsize       after_len;   /* value that does not end on its line runs */
} LineContext;

static const char utf8_bom[] = "\xEF\xBB\xBF";

/* Prodigy's verdict on a task, or on one span of it (binary ner.teach). */
typedef enum
{
  ANSWER_NONE,     /* no answer: the spans keep the status they record (accepted) */
  ANSWER_ACCEPT,
  ANSWER_REJECT,   /* the span was judged wrong: stored, as rejected */
  ANSWER_IGNORE,   /* skipped by the annotator: not imported */
} Answer;

/* Where the document being read is, for messages: "line 7", or in a JSON array
 * "array element 3, line 7". */
static char *
position (const LineContext *ctx)
{
  if (ctx->element > 0)
    return g_strdup_printf (_("array element %u, line %u"), ctx->element, ctx->line);
  return g_strdup_printf (_("line %u"), ctx->line);
}

static gboolean G_GNUC_PRINTF (3, 4)
parse_error (const LineContext  *ctx,
             GError            **error,
             const char         *format,
             ...)
{
  g_autofree char *message = NULL;
  g_autofree char *where = position (ctx);
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_PARSE,
               _("%s: %s: %s"), ctx->path, where, message);
  return FALSE;
}

static gboolean
node_get_int (JsonNode *node,
              gint64   *out)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    {
      *out = json_node_get_int (node);
      return TRUE;
    }
  if (type == G_TYPE_DOUBLE)
    {
      double value = json_node_get_double (node);

      /* 12.0 is 12; 12.5 is not an offset. Out of gint64's range (1.6e37, found
       * by fuzz-import-jsonl) the cast itself is undefined: checked first, with
       * 2^63 excluded (G_MAXINT64 rounds up to it as a double). NaN fails both. */
      if (value >= (double) G_MININT64 && value < (double) G_MAXINT64 &&
          value == (double) (gint64) value)
        {
          *out = (gint64) value;
          return TRUE;
        }
    }

  return FALSE;
}

static const char *
node_get_string (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* The "answer" member of @object in *@answer (left alone when there is none);
 * FALSE for one that is not accept, reject or ignore. */
static gboolean
read_answer (JsonObject *object,
             Answer     *answer)
{
  JsonNode *node = json_object_get_member (object, "answer");
  const char *str = node_get_string (node);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (g_strcmp0 (str, "accept") == 0)
    *answer = ANSWER_ACCEPT;
  else if (g_strcmp0 (str, "reject") == 0)
    *answer = ANSWER_REJECT;
  else if (g_strcmp0 (str, "ignore") == 0)
    *answer = ANSWER_IGNORE;
  else
    return FALSE;
  return TRUE;
}

static void
apply_answer (AlamaSpan *span,
              Answer     answer)
{
  if (answer == ANSWER_ACCEPT)
    span->status = ALAMA_STATUS_ACCEPTED;
  else if (answer == ANSWER_REJECT)
    span->status = ALAMA_STATUS_REJECTED;
}

/* An id as a string: "T3" stays, 12 becomes "12"; NULL for anything else. */
static char *
node_dup_id (JsonNode *node)
{
  gint64 number;
  const char *str;

  if ((str = node_get_string (node)) != NULL)
    return g_strdup (str);
  if (node_get_int (node, &number))
    return g_strdup_printf ("%" G_GINT64_FORMAT, number);

  return NULL;
}

/* A scalar as text, for attribute values written as numbers or booleans. */
static char *
node_dup_scalar_text (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    case G_TYPE_DOUBLE:
      {
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];
        return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node)));
      }
    default:
      return NULL;
    }
}

static gboolean
read_fragments (const LineContext  *ctx,
                const char         *where,
                JsonArray          *array,
                AlamaSpan          *span,
                GError            **error)
{
  guint n = json_array_get_length (array);
  g_autofree gint64 *pairs = g_new0 (gint64, 2 * MAX (n, 1));

  if (n == 0)
    return parse_error (ctx, error, _("%s: “fragments” is empty"), where);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonArray *pair;

      if (!JSON_NODE_HOLDS_ARRAY (node) ||
          json_array_get_length (pair = json_node_get_array (node)) != 2 ||
          !node_get_int (json_array_get_element (pair, 0), &pairs[2 * i]) ||
          !node_get_int (json_array_get_element (pair, 1), &pairs[2 * i + 1]))
        return parse_error (ctx, error, _("%s: a fragment must be [start, end] with integers"), where);
    }

  _alama_import_span_set_fragments (span, pairs, n);
  return TRUE;
}

/* doccano's short form: [start, end, "LABEL"]. */
static gboolean
read_span_array (const LineContext  *ctx,
                 const char         *where,
                 JsonArray          *array,
                 Answer              answer,
                 AlamaImportDoc     *doc,
                 GError            **error)
{
  AlamaSpan *span;
  gint64 start, end;
  const char *label;

  if (json_array_get_length (array) < 3 ||
      !node_get_int (json_array_get_element (array, 0), &start) ||
      !node_get_int (json_array_get_element (array, 1), &end) ||
      (label = node_get_string (json_array_get_element (array, 2))) == NULL)
    return parse_error (ctx, error, _("%s: expected [start, end, \"LABEL\"]"), where);

  span = _alama_import_span_new (label, start, end);
  apply_answer (span, answer);
  alama_import_doc_add_span (doc, span, where, NULL);
  return TRUE;
}

static gboolean
read_span_object (const LineContext  *ctx,
                  const char         *where,
                  JsonObject         *object,
                  Answer              answer,
                  AlamaImportDoc     *doc,
                  GHashTable         *index_by_id,
                  GError            **error)
{
  g_autoptr(AlamaSpan) span = NULL;
  g_autofree char *id = NULL;
  JsonNode *node;
  const char *label;
  const char *str;
  gint64 start = 0, end = 0;
  gboolean has_fragments;
  const char *start_key = "start_offset", *end_key = "end_offset";
  guint index;

  label = node_get_string (json_object_get_member (object, ctx->label_key));
  if (label == NULL)
    return parse_error (ctx, error, _("%s: no “%s” string"), where, ctx->label_key);

  /* doccano writes start_offset/end_offset, Prodigy start/end. */
  if (ctx->start_key != NULL)
    start_key = ctx->start_key;
  else if (!json_object_has_member (object, "start_offset") && json_object_has_member (object, "start"))
    start_key = "start";
  if (ctx->end_key != NULL)
    end_key = ctx->end_key;
  else if (!json_object_has_member (object, "end_offset") && json_object_has_member (object, "end"))
    end_key = "end";

  node = json_object_get_member (object, "fragments");
  has_fragments = node != NULL && JSON_NODE_HOLDS_ARRAY (node);
  if (!has_fragments &&
      (!node_get_int (json_object_get_member (object, start_key), &start) ||
       !node_get_int (json_object_get_member (object, end_key), &end)))
    return parse_error (ctx, error, _("%s: “%s” and “%s” must be integers"),
                        where, start_key, end_key);

  span = _alama_import_span_new (label, start, end);
  if (has_fragments && !read_fragments (ctx, where, json_node_get_array (node), span, error))
    return FALSE;

  if ((str = node_get_string (json_object_get_member (object, "status"))) != NULL &&
      !alama_status_from_string (str, &span->status))
    return parse_error (ctx, error, _("%s: unknown status “%s”"), where, str);
  if ((str = node_get_string (json_object_get_member (object, "source"))) != NULL)
    span->source = g_strdup (str);
  if ((str = node_get_string (json_object_get_member (object, "annotator"))) != NULL)
    span->annotator = g_strdup (str);
  if ((str = node_get_string (json_object_get_member (object, "note"))) != NULL)
    span->note = g_strdup (str);

  node = json_object_get_member (object, "attributes");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &value))
        {
          g_autofree char *text = node_dup_scalar_text (value);

          if (text == NULL)
            return parse_error (ctx, error, _("%s: attribute “%s” is not a plain value"), where, name);
          alama_span_set_attribute (span, name, text);
        }
    }

  /* A span's own answer (Prodigy's binary ner.teach records one per span)
   * is more precise than the task's. */
  if (!read_answer (object, &answer))
    return parse_error (ctx, error, _("%s: “answer” must be accept, reject or ignore"), where);
  if (answer == ANSWER_IGNORE)
    return TRUE;
  apply_answer (span, answer);

  id = node_dup_id (json_object_get_member (object, "id"));
  span->ext_id = g_strdup (id);

  /* IDRISI records the mention's surface: it is checked against the text. */
  str = node_get_string (json_object_get_member (object, "text"));
  index = alama_import_doc_add_span (doc, g_steal_pointer (&span), where, str);

  if (id != NULL)
    g_hash_table_insert (index_by_id, g_steal_pointer (&id), GUINT_TO_POINTER (index + 1));

  return TRUE;
}

static gboolean
read_relations (const LineContext  *ctx,
                JsonArray          *array,
                AlamaImportDoc     *doc,
                GHashTable         *index_by_id,
                GError            **error)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *where = g_strdup_printf (_("relation %u"), i + 1);
      g_autofree char *id = NULL;
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;
      g_autoptr(AlamaRelation) relation = NULL;
      JsonObject *object;
      const char *type;
      const char *str;
      gpointer from_index, to_index;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return parse_error (ctx, error, _("%s is not an object"), where);
      object = json_node_get_object (node);

      if ((id = node_dup_id (json_object_get_member (object, "id"))) != NULL)
        {
          g_free (where);
          where = g_strdup_printf (_("relation %s"), id);
        }
      type = node_get_string (json_object_get_member (object, "type"));
      from = node_dup_id (json_object_get_member (object, "from_id"));
      to = node_dup_id (json_object_get_member (object, "to_id"));
      if (type == NULL || from == NULL || to == NULL)
        return parse_error (ctx, error, _("%s: needs “type”, “from_id” and “to_id”"), where);

      from_index = g_hash_table_lookup (index_by_id, from);
      to_index = g_hash_table_lookup (index_by_id, to);
      if (from_index == NULL || to_index == NULL)
        {
          g_autofree char *at = position (ctx);

          g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_MISSING_ANNOTATION,
                       _("%s: %s: %s points to entity %s, which is not in this document"),
                       ctx->path, at, where, from_index == NULL ? from : to);
          return FALSE;
        }

      relation = alama_relation_new (type, GPOINTER_TO_UINT (from_index) - 1,
                                     GPOINTER_TO_UINT (to_index) - 1);
      relation->ext_id = g_strdup (id);
      if ((str = node_get_string (json_object_get_member (object, "status"))) != NULL &&
          !alama_status_from_string (str, &relation->status))
        return parse_error (ctx, error, _("%s: unknown status “%s”"), where, str);
      if ((str = node_get_string (json_object_get_member (object, "source"))) != NULL)
        relation->source = g_strdup (str);
      if ((str = node_get_string (json_object_get_member (object, "annotator"))) != NULL)
        relation->annotator = g_strdup (str);

      g_ptr_array_add (doc->relations, g_steal_pointer (&relation));
    }

  return TRUE;
}

static char *
document_name (const LineContext *ctx,
               JsonObject        *object)
{
  static const char * const id_fields[] = { "id", "tweet_id", "doc_id" };
  const char *name = node_get_string (json_object_get_member (object, "name"));

  if (name != NULL && name[0] != '\0')
    return g_strdup (name);

  for (guint i = 0; i < G_N_ELEMENTS (id_fields); i++)
    {
      g_autofree char *id = node_dup_id (json_object_get_member (object, id_fields[i]));

      if (id != NULL && id[0] != '\0')
        return g_steal_pointer (&id);
    }

  if (ctx->element > 0)
    return g_strdup_printf ("%s#%u", ctx->file_name, ctx->element);
  return g_strdup_printf ("%s:%u", ctx->file_name, ctx->line);
}

/* Whether the line's member @name has its own place (text, spans, relations,
 * name, id, metadata) rather than going into the document metadata. */
static gboolean
is_kept_out_of_metadata (const LineContext *ctx,
                         const char        *name,
                         const char        *spans_field)
{
  return strcmp (name, ctx->text_field) == 0 || g_strcmp0 (name, spans_field) == 0 ||
         strcmp (name, "relations") == 0 || strcmp (name, "name") == 0 ||
         strcmp (name, "metadata") == 0 || strcmp (name, "id") == 0;
}

/* Everything the line holds besides text, spans, relations, name and id; the
 * members of a "metadata" object (our export's) come first. NULL when empty. */
static char *
document_metadata (const LineContext *ctx,
                   JsonObject        *object,
                   const char        *spans_field)
{
  g_autoptr(JsonObject) metadata = json_object_new ();
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonNode *node = json_object_get_member (object, "metadata");
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  /* Most lines hold only a name and a text: no object, no generator for them. */
  if (node == NULL)
    {
      gboolean any = FALSE;

      json_object_iter_init (&iter, object);
      while (!any && json_object_iter_next (&iter, &name, &value))
        any = !is_kept_out_of_metadata (ctx, name, spans_field);
      if (!any)
        return NULL;
    }

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &value))
        json_object_set_member (metadata, name, json_node_copy (value));
    }

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &value))
    {
      if (is_kept_out_of_metadata (ctx, name, spans_field))
        continue;
      json_object_set_member (metadata, name, json_node_copy (value));
    }

  if (json_object_get_size (metadata) == 0)
    return NULL;

  root = json_node_init_object (json_node_alloc (), metadata);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* Where the spans are when --spans-field is not given: doccano's two layouts,
 * Prodigy's, then older doccano's. */
static const char *
default_spans_field (JsonObject *object)
{
  static const char * const spans_fields[] = { "entities", "label", "spans", "labels" };

  for (guint i = 0; i < G_N_ELEMENTS (spans_fields); i++)
    {
      JsonNode *node = json_object_get_member (object, spans_fields[i]);

      /* Prodigy's textcat tasks hold one "label" string: metadata, not spans. */
      if (node != NULL && !JSON_NODE_HOLDS_VALUE (node))
        return spans_fields[i];
    }
  return json_object_has_member (object, "label") ? "entities" : "label";
}

static guint
count_newlines (const char *data,
                gsize       len)
{
  guint n = 0;

  for (const char *p = data; (p = memchr (p, '\n', len - (p - data))) != NULL; p++)
    n++;
  return n;
}

/* When the line at @line does not hold a whole JSON value but the lines after
 * it complete one (a pretty-printed object), the line where that value ends;
 * else 0. Only asked once a line failed to parse, and only as far as the text
 * after the line is in memory (a reader's chunk): enough for any object that a
 * person would print over several lines. */
static guint
value_last_line (const LineContext *ctx,
                 const char        *line,
                 gsize              len)
{
  g_autoptr(GString) value = NULL;
  AlamaJsonScan scan;

  _alama_json_scan (line, len, &scan);
  if (scan.complete || scan.problem != ALAMA_JSON_PROBLEM_NONE || ctx->element > 0 ||
      ctx->after_len == 0)
    return 0;
  value = g_string_new_len (line, len);
  g_string_append_c (value, '\n');
  g_string_append_len (value, ctx->after, ctx->after_len);
  _alama_json_scan (value->str, value->len, &scan);
  if (!scan.complete || scan.problem != ALAMA_JSON_PROBLEM_NONE)
    return 0;
  return ctx->line + count_newlines (value->str, scan.length);
}

/* What @unit counts, for messages. */
static const char *
unit_description (AlamaOffsetUnit unit)
{
  return unit == ALAMA_OFFSETS_UTF16 ? _("UTF-16 units")
         : unit == ALAMA_OFFSETS_UTF8 ? _("UTF-8 bytes") : _("code points");
}

/* Under --offsets utf16 or utf8: the spans' offsets converted to code points. */
static gboolean
convert_offsets (const LineContext  *ctx,
                 AlamaImportDoc     *doc,
                 GError            **error)
{
  g_autoptr(AlamaTextIndex) index = NULL;

  if (ctx->offsets == ALAMA_OFFSETS_CODEPOINT || doc->spans->len == 0)
    return TRUE;
  index = alama_text_index_new (doc->text);
  for (guint i = 0; i < doc->spans->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (doc->spans, i);

      for (guint f = 0; f < span->fragments->len; f++)
        {
          AlamaFragment *fragment = &g_array_index (span->fragments, AlamaFragment, f);
          gint64 offsets[2] = { fragment->start, fragment->end };

          for (guint e = 0; e < 2; e++)
            if (!alama_text_index_offset_to_cp (index, ctx->offsets, offsets[e], &offsets[e]))
              {
                g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_BAD_OFFSETS,
                             _("%s: %s: offset %" PRId64 " falls inside a character "
                               "when counted in %s"),
                             ctx->path, (const char *) g_ptr_array_index (doc->span_origins, i),
                             e == 0 ? fragment->start : fragment->end,
                             unit_description (ctx->offsets));
                return FALSE;
              }
          fragment->start = offsets[0];
          fragment->end = offsets[1];
        }
    }
  return TRUE;
}

/* The span's recorded surface under its offsets read in @unit, or NULL when
 * they do not convert. */
static char *
surface_counted_in (AlamaTextIndex  *index,
                    const AlamaSpan *span,
                    AlamaOffsetUnit  unit)
{
  g_autoptr(AlamaSpan) copy = alama_span_copy (span);

  for (guint f = 0; f < copy->fragments->len; f++)
    {
      AlamaFragment *fragment = &g_array_index (copy->fragments, AlamaFragment, f);

      if (!alama_text_index_offset_to_cp (index, unit, fragment->start, &fragment->start) ||
          !alama_text_index_offset_to_cp (index, unit, fragment->end, &fragment->end) ||
          fragment->start < 0 || fragment->end > alama_text_index_get_length (index) ||
          fragment->start >= fragment->end)
        return NULL;
    }
  return _alama_import_span_surface (index, copy);
}

/* With the default (code points): a span whose recorded surface is not at its
 * offsets but is where UTF-16 units or UTF-8 bytes would put it was written by
 * a tool that counts those; refused with the option that reads it, instead of
 * the bare mismatch that alama_import_check_docs() would report. */
static gboolean
check_offset_unit (const LineContext  *ctx,
                   AlamaImportDoc     *doc,
                   GError            **error)
{
  static const AlamaOffsetUnit others[] = { ALAMA_OFFSETS_UTF16, ALAMA_OFFSETS_UTF8 };
  g_autoptr(AlamaTextIndex) index = NULL;

  if (ctx->offsets != ALAMA_OFFSETS_CODEPOINT)
    return TRUE;
  for (guint i = 0; i < doc->spans->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (doc->spans, i);
      const char *surface = g_ptr_array_index (doc->span_surfaces, i);
      g_autofree char *actual = NULL;

      if (surface == NULL)
        continue;
      if (index == NULL)
        index = alama_text_index_new (doc->text);
      actual = surface_counted_in (index, span, ALAMA_OFFSETS_CODEPOINT);
      if (actual == NULL || _alama_import_surface_matches (actual, surface))
        continue;
      for (guint u = 0; u < G_N_ELEMENTS (others); u++)
        {
          g_autofree char *other = surface_counted_in (index, span, others[u]);
          const char *unit = alama_offset_unit_to_string (others[u]);

          if (other == NULL || !_alama_import_surface_matches (other, surface))
            continue;
          g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_TEXT_MISMATCH,
                       /* TRANSLATORS: the last %s is utf16 or utf8, the option's value. */
                       _("%s: %s: the file says “%s”, but code points %" PRId64
                         "–%" PRId64 " hold “%s”: its offsets count %s "
                         "(import with --offsets %s)"),
                       ctx->path, (const char *) g_ptr_array_index (doc->span_origins, i),
                       surface, alama_span_get_start (span), alama_span_get_end (span),
                       actual, unit_description (others[u]), unit);
          return FALSE;
        }
    }
  return TRUE;
}

static AlamaImportDoc *
parse_line (const LineContext  *ctx,
            const char         *line,
            gsize               len,
            gboolean           *ignored,
            GError            **error)
{
  Answer answer = ANSWER_NONE;

  *ignored = FALSE;
  JsonParser *parser = ctx->parser;
  g_autoptr(GHashTable) index_by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(AlamaImportDoc) doc = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  const char *spans_field = ctx->spans_field;
  JsonObject *object;
  JsonNode *root;
  JsonNode *node;
  const char *text;
  g_autofree char *problem = NULL;
  gsize value_len = 0, problem_at = 0;

  /* A byte-order mark at the start of a line is where one file was appended to
   * another (cat a.jsonl b.jsonl): not part of the JSON, and not content. */
  if (len >= 3 && memcmp (line, utf8_bom, 3) == 0)
    {
      line += 3;
      len -= 3;
    }

  /* Only the first value goes to json-glib, and only once it is known that
   * json-glib reads it right: see alama-json-private.h. */
  problem = _alama_json_check_first_value (line, len, &value_len, &problem_at);
  if (problem != NULL)
    {
      parse_error (ctx, error, _("%s (byte %" PRIu64 " of the file)"), problem,
                   ctx->line_offset + (guint64) (line - ctx->line_start) + problem_at);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, line, value_len, &local_error))
    {
      guint last_line = value_last_line (ctx, line, len);

      if (last_line > ctx->line)
        parse_error (ctx, error, _("a JSON value runs on to line %u, but JSONL wants one document "
                                   "per line (a file that is one JSON array of documents is read too)"),
                     last_line);
      else
        parse_error (ctx, error, _("not valid JSON (%s)"), local_error->message);
      return NULL;
    }
  if (_alama_json_has_more_than_one_value (line, len))
    {
      parse_error (ctx, error, _("more than one JSON value on a line"));
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      parse_error (ctx, error, ctx->element > 0 ? _("an array element must be a JSON object")
                                                : _("a line must hold one JSON object"));
      return NULL;
    }
  object = json_node_get_object (root);

  if ((text = node_get_string (json_object_get_member (object, ctx->text_field))) == NULL)
    {
      if (json_object_has_member (object, ctx->text_field))
        parse_error (ctx, error, _("text field “%s” is not a string"), ctx->text_field);
      else
        parse_error (ctx, error, _("no text field “%s” (use --text-field)"), ctx->text_field);
      return NULL;
    }

  if (!read_answer (object, &answer))
    {
      parse_error (ctx, error, _("“answer” must be accept, reject or ignore"));
      return NULL;
    }
  if (answer == ANSWER_IGNORE)
    {
      *ignored = TRUE;
      return NULL;
    }

  name = document_name (ctx, object);
  doc = alama_import_doc_new (name, ctx->path, g_strdup (text));

  if (spans_field == NULL)
    spans_field = default_spans_field (object);
  /* Prodigy writes a task per question, so one text comes in several tasks. */
  doc->merge_same_text = answer != ANSWER_NONE || strcmp (spans_field, "spans") == 0;
  doc->metadata_json = document_metadata (ctx, object, spans_field);

  node = json_object_get_member (object, spans_field);
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      JsonArray *spans;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          parse_error (ctx, error, _("“%s” must be an array"), spans_field);
          return NULL;
        }
      spans = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (spans); i++)
        {
          JsonNode *element = json_array_get_element (spans, i);
          g_autofree char *at = position (ctx);
          /* TRANSLATORS: where a span is: "line 3", the field name, its number: "line 3, entities 2". */
          g_autofree char *where = g_strdup_printf (_("%s, %s %u"), at, spans_field, i + 1);
          gboolean ok;

          if (JSON_NODE_HOLDS_ARRAY (element))
            ok = read_span_array (ctx, where, json_node_get_array (element), answer, doc, error);
          else if (JSON_NODE_HOLDS_OBJECT (element))
            ok = read_span_object (ctx, where, json_node_get_object (element), answer, doc,
                                   index_by_id, error);
          else
            ok = parse_error (ctx, error, _("%s %u is neither an array nor an object"),
                              spans_field, i + 1);
          if (!ok)
            return NULL;
        }
    }

  node = json_object_get_member (object, "relations");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          parse_error (ctx, error, _("“relations” must be an array"));
          return NULL;
        }
      if (!read_relations (ctx, json_node_get_array (node), doc, index_by_id, error))
        return NULL;
    }

  if (!convert_offsets (ctx, doc, error) || !check_offset_unit (ctx, doc, error))
    return NULL;

  return g_steal_pointer (&doc);
}

static gboolean
is_blank (const char *line,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isspace (line[i]))
      return FALSE;
  return TRUE;
}

static const char json_space[] = " \t\r\n";

/* A file that is one JSON array of document objects (a pretty-printed doccano
 * export), read whole: each element is read as a JSONL line would be, one at a
 * time, handed to @each, and messages name the element and the line it starts
 * on. @contents is the file's text (valid UTF-8, NUL-terminated, without a
 * byte-order mark), which starts at byte @contents_offset of the file. */
static gboolean
parse_json_array (LineContext        *ctx,
                  const char         *contents,
                  guint64             contents_offset,
                  AlamaImportDocFunc  each,
                  gpointer            user_data,
                  GError            **error)
{
  const char *array = contents + strspn (contents, json_space);
  const char *end = array + strlen (array);
  const char *p = array + 1;   /* past the "[" */

  ctx->line_start = contents;
  ctx->line_offset = contents_offset;
  ctx->line = 1 + count_newlines (contents, array - contents);
  for (;;)
    {
      gsize len;
      AlamaImportDoc *doc;
      gboolean ignored;

      len = strspn (p, json_space);
      ctx->line += count_newlines (p, len);
      p += len;
      if (*p == ']' && ctx->element == 0)
        break;

      ctx->element++;
      len = _alama_json_first_value_length (p, end - p);
      if (len == 0)
        {
          parse_error (ctx, error, _("expected a document object at byte %" PRIu64
                                     " of the file"), contents_offset + (guint64) (p - contents));
          return FALSE;
        }
      doc = parse_line (ctx, p, len, &ignored, error);
      if ((doc == NULL && !ignored) || (doc != NULL && !each (doc, user_data, error)))
        return FALSE;
      ctx->line += count_newlines (p, len);
      p += len;

      len = strspn (p, json_space);
      ctx->line += count_newlines (p, len);
      p += len;
      if (*p == ']')
        break;
      if (*p != ',')
        {
          parse_error (ctx, error, _("expected “,” or “]” after the element, at byte %"
                                     PRIu64 " of the file"), contents_offset + (guint64) (p - contents));
          return FALSE;
        }
      p++;
    }

  p++;
  if (p[strspn (p, json_space)] != '\0')
    {
      ctx->element = 0;
      ctx->line += count_newlines (p, strspn (p, json_space));
      parse_error (ctx, error, _("more than one JSON value: something follows the array the file "
                                 "starts with"));
      return FALSE;
    }

  return TRUE;
}

/* ---- Reading line by line ------------------------------------------------------ */

/* Splits what it is fed into lines and hands each document to @each as soon
 * as its line is complete, so that a file is never held whole: only the line
 * being read (one document) and what json-glib makes of it. */
struct _AlamaJsonlReader
{
  char               *path;
  char               *file_name;
  char               *text_field;
  char               *spans_field;
  char               *start_key;
  char               *end_key;
  char               *label_key;
  JsonParser         *parser;
  LineContext         ctx;        /* points into the strings above */
  AlamaImportDocFunc  each;
  gpointer            user_data;
  GByteArray         *pending;    /* the start of a line cut by the end of a chunk */
  guint64             offset;     /* bytes of the file fed so far */
  /* What ends a line: '\n' (with or without a CR before it), or '\r' in a
   * file whose lines end in CR alone; 0 until the file's start has shown which
   * (what was fed meanwhile waits in @undecided). A raw CR inside a line of an
   * LF file stays: json-glib accepts one inside a string. */
  char                line_end;
  GByteArray         *undecided;
};

/* How much of a file without any LF is read before its CRs are taken as its
 * line ends. */
#define LINE_END_DECIDED_AFTER (1024 * 1024)

AlamaJsonlReader *
_alama_jsonl_reader_new (const char                *path,
                         const AlamaImportOptions  *options,
                         AlamaImportDocFunc         each,
                         gpointer                   user_data)
{
  AlamaJsonlReader *reader = g_new0 (AlamaJsonlReader, 1);
  AlamaImportOptions defaults = { 0 };

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (each != NULL, NULL);

  if (options == NULL)
    options = &defaults;

  reader->path = g_strdup (path);
  reader->file_name = g_path_get_basename (path);
  reader->text_field = g_strdup (options->text_field ? options->text_field : "text");
  reader->spans_field = g_strdup (options->spans_field);
  reader->start_key = g_strdup (options->start_key);
  reader->end_key = g_strdup (options->end_key);
  reader->label_key = g_strdup (options->label_key ? options->label_key : "label");
  /* Mutable, not json_parser_new_immutable (): an immutable parser seals every
   * object, hashing all its members, and nothing here keeps a node past its line. */
  reader->parser = json_parser_new ();
  reader->each = each;
  reader->user_data = user_data;
  reader->pending = g_byte_array_new ();
  reader->undecided = g_byte_array_new ();

  reader->ctx.path = reader->path;
  reader->ctx.file_name = reader->file_name;
  reader->ctx.text_field = reader->text_field;
  reader->ctx.spans_field = reader->spans_field;
  reader->ctx.start_key = reader->start_key;
  reader->ctx.end_key = reader->end_key;
  reader->ctx.label_key = reader->label_key;
  reader->ctx.offsets = options->offsets;
  reader->ctx.parser = reader->parser;

  return reader;
}

void
_alama_jsonl_reader_free (AlamaJsonlReader *reader)
{
  if (reader == NULL)
    return;

  g_free (reader->path);
  g_free (reader->file_name);
  g_free (reader->text_field);
  g_free (reader->spans_field);
  g_free (reader->start_key);
  g_free (reader->end_key);
  g_free (reader->label_key);
  g_clear_object (&reader->parser);
  g_byte_array_unref (reader->pending);
  g_byte_array_unref (reader->undecided);
  g_free (reader);
}

/* One line, without its '\n', that starts at byte @line_offset of the file. */
static gboolean
read_line (AlamaJsonlReader  *reader,
           const char        *line,
           gsize              len,
           guint64            line_offset,
           GError           **error)
{
  const char *bad = NULL;
  AlamaImportDoc *doc;
  gboolean ignored;

  reader->ctx.line++;
  reader->ctx.line_start = line;
  reader->ctx.line_offset = line_offset;

  /* Checked line by line, but the message gives the byte offset in the file. */
  if (!g_utf8_validate_len (line, len, &bad))
    {
      _alama_import_set_invalid_utf8 (reader->path, line_offset + (guint64) (bad - line), error);
      return FALSE;
    }

  /* A byte-order mark opens the file, not the first line's JSON. */
  if (line_offset == 0 && len >= 3 && memcmp (line, utf8_bom, 3) == 0)
    {
      line += 3;
      len -= 3;
    }
  if (len > 0 && line[len - 1] == '\r')
    len--;
  if (is_blank (line, len))
    return TRUE;

  if ((doc = parse_line (&reader->ctx, line, len, &ignored, error)) == NULL)
    return ignored;

  return reader->each (doc, reader->user_data, error);
}

/* Lines of what is fed, once the line end is known. */
static gboolean
feed_lines (AlamaJsonlReader  *reader,
            const char        *data,
            gsize              len,
            GError           **error)
{
  const char *p = data;
  const char *end;
  const char *newline;

  if (len == 0)
    return TRUE;
  end = data + len;

  /* The end of a line begun in an earlier chunk. */
  if (reader->pending->len > 0)
    {
      guint64 line_offset = reader->offset - reader->pending->len;

      if ((newline = memchr (p, reader->line_end, len)) == NULL)
        {
          g_byte_array_append (reader->pending, (const guint8 *) p, len);
          reader->offset += len;
          return TRUE;
        }
      g_byte_array_append (reader->pending, (const guint8 *) p, newline - p);
      reader->offset += newline + 1 - p;
      p = newline + 1;
      reader->ctx.after = p;
      reader->ctx.after_len = end - p;
      if (!read_line (reader, (const char *) reader->pending->data, reader->pending->len,
                      line_offset, error))
        return FALSE;
      g_byte_array_set_size (reader->pending, 0);
    }

  /* Whole lines are read where they lie, without a copy. */
  while (p < end && (newline = memchr (p, reader->line_end, end - p)) != NULL)
    {
      guint64 line_offset = reader->offset;

      reader->offset += newline + 1 - p;
      reader->ctx.after = newline + 1;
      reader->ctx.after_len = end - (newline + 1);
      if (!read_line (reader, p, newline - p, line_offset, error))
        return FALSE;
      p = newline + 1;
    }

  g_byte_array_append (reader->pending, (const guint8 *) p, end - p);
  reader->offset += end - p;
  return TRUE;
}

/* Once the line end is known, what waited for it is read. */
static gboolean
feed_undecided (AlamaJsonlReader  *reader,
                char               line_end,
                GError           **error)
{
  g_autoptr(GByteArray) undecided = g_steal_pointer (&reader->undecided);

  reader->undecided = g_byte_array_new ();
  reader->line_end = line_end;
  return feed_lines (reader, (const char *) undecided->data, undecided->len, error);
}

gboolean
_alama_jsonl_reader_feed (AlamaJsonlReader  *reader,
                          const char        *data,
                          gsize              len,
                          GError           **error)
{
  GByteArray *undecided;

  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  if (reader->line_end != 0)
    return feed_lines (reader, data, len, error);

  undecided = reader->undecided;
  g_byte_array_append (undecided, (const guint8 *) data, len);
  if (undecided->len == 0)
    return TRUE;
  if (memchr (undecided->data, '\n', undecided->len) != NULL)
    return feed_undecided (reader, '\n', error);
  if (undecided->len >= LINE_END_DECIDED_AFTER &&
      memchr (undecided->data, '\r', undecided->len) != NULL)
    return feed_undecided (reader, '\r', error);
  return TRUE;
}

gboolean
_alama_jsonl_reader_finish (AlamaJsonlReader  *reader,
                            GError           **error)
{
  guint64 line_offset;

  g_return_val_if_fail (reader != NULL, FALSE);

  if (reader->line_end == 0 &&
      !feed_undecided (reader,
                       reader->undecided->len > 0 &&
                       memchr (reader->undecided->data, '\r', reader->undecided->len)
                       ? '\r' : '\n', error))
    return FALSE;

  /* The last line, when the file does not end with a newline. */
  if (reader->pending->len == 0)
    return TRUE;
  line_offset = reader->offset - reader->pending->len;
  reader->ctx.after = NULL;
  reader->ctx.after_len = 0;
  if (!read_line (reader, (const char *) reader->pending->data, reader->pending->len,
                  line_offset, error))
    return FALSE;
  g_byte_array_set_size (reader->pending, 0);
  return TRUE;
}

/* No JSONL line starts with "[": a file that does (after a byte-order mark and
 * white space) is one JSON array of documents. */
static gboolean
starts_with_array (const char *data,
                   gsize       len)
{
  gsize i = len >= 3 && memcmp (data, utf8_bom, 3) == 0 ? 3 : 0;

  while (i < len && strchr (json_space, data[i]) != NULL && data[i] != '\0')
    i++;
  return i < len && data[i] == '[';
}

/* A whole file that is one JSON array, read at once. */
static gboolean
reader_read_array (AlamaJsonlReader  *reader,
                   const char        *data,
                   gsize              len,
                   GError           **error)
{
  g_autofree char *contents = NULL;
  guint64 offset = len >= 3 && memcmp (data, utf8_bom, 3) == 0 ? 3 : 0;

  if ((contents = _alama_import_text_from_bytes (reader->path, data, len, error)) == NULL)
    return FALSE;
  if (offset > 0 && g_str_has_prefix (contents, utf8_bom))
    memmove (contents, contents + 3, strlen (contents + 3) + 1);
  return parse_json_array (&reader->ctx, contents, offset, reader->each, reader->user_data,
                           error);
}

/* Bytes read at a time: a few syscalls per megabyte, and nothing to speak of
 * next to one document. */
#define READ_CHUNK_SIZE (1024 * 1024)

gboolean
_alama_import_read_jsonl_file (const char                *path,
                               const AlamaImportOptions  *options,
                               AlamaSha256               *checksum,
                               AlamaImportDocFunc         each,
                               gpointer                   user_data,
                               GError                   **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *buffer = NULL;
  AlamaJsonlReader *reader;
  gboolean ok = TRUE;
  gssize n;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (each != NULL, FALSE);

  file = g_file_new_for_path (path);
  if ((stream = g_file_read (file, NULL, &local_error)) == NULL)
    {
      g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_IO,
                   _("cannot read %s: %s"), path, local_error->message);
      return FALSE;
    }

  buffer = g_malloc (READ_CHUNK_SIZE);
  reader = _alama_jsonl_reader_new (path, options, each, user_data);
  n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, READ_CHUNK_SIZE, NULL, &local_error);
  if (n > 0 && starts_with_array (buffer, n))
    {
      /* An array file is read whole: it is one JSON value. */
      g_autoptr(GByteArray) whole = g_byte_array_new ();

      do
        {
          if (checksum != NULL)
            _alama_sha256_update (checksum, buffer, n);
          g_byte_array_append (whole, (const guint8 *) buffer, n);
        }
      while ((n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, READ_CHUNK_SIZE, NULL,
                                       &local_error)) > 0);
      if (n == 0)
        ok = reader_read_array (reader, (const char *) whole->data, whole->len, error);
    }
  else
    {
      while (ok && n > 0)
        {
          if (checksum != NULL)
            _alama_sha256_update (checksum, buffer, n);
          ok = _alama_jsonl_reader_feed (reader, buffer, n, error);
          if (ok)
            n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, READ_CHUNK_SIZE, NULL,
                                     &local_error);
        }
    }
  if (ok && n < 0)
    {
      g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_IO,
                   _("cannot read %s: %s"), path, local_error->message);
      ok = FALSE;
    }
  else if (!ok && checksum != NULL)
    {
      /* The rest still goes into the checksum: a file imported before is
       * skipped, even one that no longer reads without an error. */
      while ((n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, READ_CHUNK_SIZE,
                                       NULL, NULL)) > 0)
        _alama_sha256_update (checksum, buffer, n);
    }
  ok = ok && _alama_jsonl_reader_finish (reader, error);
  _alama_jsonl_reader_free (reader);

  return ok;
}

static gboolean
collect_doc_cb (AlamaImportDoc  *doc,
                gpointer         user_data,
                GError         **error)
{
  g_ptr_array_add (user_data, doc);
  return TRUE;
}

GPtrArray *
alama_import_parse_jsonl (const char                *path,
                          GBytes                    *data,
                          const AlamaImportOptions  *options,
                          GError                   **error)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) alama_import_doc_free);
  AlamaJsonlReader *reader;
  const char *bytes;
  gsize len = 0;
  gboolean ok;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);

  bytes = g_bytes_get_data (data, &len);
  reader = _alama_jsonl_reader_new (path, options, collect_doc_cb, docs);
  if (starts_with_array (bytes, len))
    ok = reader_read_array (reader, bytes, len, error);
  else
    ok = _alama_jsonl_reader_feed (reader, bytes, len, error) &&
         _alama_jsonl_reader_finish (reader, error);
  _alama_jsonl_reader_free (reader);

  return ok ? g_steal_pointer (&docs) : NULL;
}
