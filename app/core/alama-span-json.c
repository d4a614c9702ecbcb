/* alama-span-json.c: spans and relations as the JSON the history keeps, and
 * back. The JSON holds the full row, fragments and attributes included, with
 * keys in a fixed order so that equal rows give equal text.
 */
#define G_LOG_DOMAIN "alama-history"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include <json-glib/json-glib.h>

#include "alama-compare-private.h"
#include "alama-span-json-private.h"
#include "alama-store-private.h"

/* ---- Rows as JSON -------------------------------------------------------------- */

static char *
builder_to_string (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

char *
_alama_span_to_json (const AlamaSpan *span)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree gpointer *keys = NULL;
  guint n_keys = 0;

  json_builder_begin_object (builder);
  add_int (builder, "id", span->id);
  add_int (builder, "document_id", span->document_id);
  add_string_or_null (builder, "label", span->label);

  json_builder_set_member_name (builder, "fragments");
  json_builder_begin_array (builder);
  for (guint i = 0; i < span->fragments->len; i++)
    {
      const AlamaFragment *f = &g_array_index (span->fragments, AlamaFragment, i);

      json_builder_begin_array (builder);
      json_builder_add_int_value (builder, f->start);
      json_builder_add_int_value (builder, f->end);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);

  /* Sorted keys: equal rows must give equal text (undo compares them). */
  json_builder_set_member_name (builder, "attributes");
  json_builder_begin_object (builder);
  if (span->attributes != NULL)
    {
      keys = g_hash_table_get_keys_as_array (span->attributes, &n_keys);
      qsort (keys, n_keys, sizeof (gpointer), _alama_compare_strings);
    }
  for (guint i = 0; i < n_keys; i++)
    {
      json_builder_set_member_name (builder, keys[i]);
      json_builder_add_string_value (builder, g_hash_table_lookup (span->attributes, keys[i]));
    }
  json_builder_end_object (builder);

  add_string_or_null (builder, "note", span->note);
  add_string_or_null (builder, "source", span->source);
  add_string_or_null (builder, "status", _alama_status_to_sql (span->status));
  add_string_or_null (builder, "annotator", span->annotator);
  add_int (builder, "created", span->created);
  add_int (builder, "modified", span->modified);
  add_string_or_null (builder, "ext_id", span->ext_id);
  json_builder_end_object (builder);

  return builder_to_string (builder);
}

static JsonObject *
parse_object (JsonParser  *parser,
              const char  *json,
              const char  *what,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!json_parser_load_from_data (parser, json, -1, &local_error) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_CORRUPT,
                   _("A history entry holds a damaged %s: %s"), what,
                   local_error ? local_error->message : "not a JSON object");
      return NULL;
    }

  return json_node_get_object (json_parser_get_root (parser));
}

static char *
dup_member_string (JsonObject *object,
                   const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return g_strdup (json_node_get_string (node));
}

AlamaSpan *
_alama_span_from_json (const char  *json,
                       GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  JsonArray *fragments;
  JsonObject *attributes;
  AlamaSpan *span;
  g_autofree char *status = NULL;

  object = parse_object (parser, json, "span", error);
  if (object == NULL)
    return NULL;

  span = alama_span_new (NULL, 0, 0);
  span->id = json_object_get_int_member_with_default (object, "id", 0);
  span->document_id = json_object_get_int_member_with_default (object, "document_id", 0);
  span->label = dup_member_string (object, "label");

  fragments = json_object_get_array_member (object, "fragments");
  for (guint i = 0; fragments != NULL && i < json_array_get_length (fragments); i++)
    {
      JsonArray *pair = json_array_get_array_element (fragments, i);

      if (pair != NULL && json_array_get_length (pair) == 2)
        alama_span_add_fragment (span, json_array_get_int_element (pair, 0),
                                 json_array_get_int_element (pair, 1));
    }

  attributes = json_object_get_object_member (object, "attributes");
  if (attributes != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, attributes);
      while (json_object_iter_next (&iter, &name, &value))
        if (JSON_NODE_HOLDS_VALUE (value))
          alama_span_set_attribute (span, name, json_node_get_string (value));
    }

  span->note = dup_member_string (object, "note");
  span->source = dup_member_string (object, "source");
  status = dup_member_string (object, "status");
  span->status = _alama_status_from_sql (status);
  span->annotator = dup_member_string (object, "annotator");
  span->created = json_object_get_int_member_with_default (object, "created", 0);
  span->modified = json_object_get_int_member_with_default (object, "modified", 0);
  span->ext_id = dup_member_string (object, "ext_id");

  return span;
}

char *
_alama_relation_to_json (const AlamaRelation *relation)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_int (builder, "id", relation->id);
  add_int (builder, "document_id", relation->document_id);
  add_string_or_null (builder, "type", relation->type);
  add_int (builder, "from", relation->from_id);
  add_int (builder, "to", relation->to_id);
  add_string_or_null (builder, "source", relation->source);
  add_string_or_null (builder, "status", _alama_status_to_sql (relation->status));
  add_string_or_null (builder, "annotator", relation->annotator);
  add_int (builder, "created", relation->created);
  add_int (builder, "modified", relation->modified);
  add_string_or_null (builder, "ext_id", relation->ext_id);
  json_builder_end_object (builder);

  return builder_to_string (builder);
}

AlamaRelation *
_alama_relation_from_json (const char  *json,
                           GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  AlamaRelation *relation;
  g_autofree char *type = NULL;
  g_autofree char *status = NULL;

  object = parse_object (parser, json, "relation", error);
  if (object == NULL)
    return NULL;

  type = dup_member_string (object, "type");
  relation = alama_relation_new (type,
                                 json_object_get_int_member_with_default (object, "from", 0),
                                 json_object_get_int_member_with_default (object, "to", 0));
  relation->id = json_object_get_int_member_with_default (object, "id", 0);
  relation->document_id = json_object_get_int_member_with_default (object, "document_id", 0);
  relation->source = dup_member_string (object, "source");
  status = dup_member_string (object, "status");
  relation->status = _alama_status_from_sql (status);
  relation->annotator = dup_member_string (object, "annotator");
  relation->created = json_object_get_int_member_with_default (object, "created", 0);
  relation->modified = json_object_get_int_member_with_default (object, "modified", 0);
  relation->ext_id = dup_member_string (object, "ext_id");

  return relation;
}

