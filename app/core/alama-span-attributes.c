/* alama-span-attributes.c: a span's attributes as the store keeps them, one
 * JSON object of string members in the spans table's attributes column.
 */
#define G_LOG_DOMAIN "alama-store"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "alama-compare-private.h"
#include "alama-span-attributes-private.h"

/* Attributes as a JSON object with sorted keys, so equal maps give equal text;
 * NULL (a span without attributes) is the empty object. */
char *
_alama_span_attributes_to_json (GHashTable *attributes)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree gpointer *keys = NULL;
  guint n_keys = 0;

  if (attributes != NULL)
    {
      keys = g_hash_table_get_keys_as_array (attributes, &n_keys);
      qsort (keys, n_keys, sizeof (gpointer), _alama_compare_strings);
    }

  json_builder_begin_object (builder);
  for (guint i = 0; i < n_keys; i++)
    {
      json_builder_set_member_name (builder, keys[i]);
      json_builder_add_string_value (builder, g_hash_table_lookup (attributes, keys[i]));
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* The attributes column as the store writes it for plain names and values:
 * one object of string members, no spaces, no escapes. Returns FALSE, having
 * added nothing, for anything else, which json-glib then reads: both give the
 * same map for what this accepts. */
static gboolean
attributes_from_plain_json (GHashTable *attributes,
                            const char *json)
{
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  const char *p = json;

  if (*p++ != '{')
    return FALSE;
  while (*p != '}')
    {
      /* A member: "name":"value", then a comma or the end. */
      for (int part = 0; part < 2; part++)
        {
          const char *start;

          if (*p++ != '"')
            return FALSE;
          start = p;
          while (*p != '"')
            {
              if (*p == '\\' || (guchar) *p < 0x20)   /* escapes, controls, the end */
                return FALSE;
              p++;
            }
          if (part == 0 && p == start)   /* an empty name: json-glib decides */
            return FALSE;
          g_ptr_array_add (strings, g_strndup (start, p - start));
          p++;
          if (part == 0 && *p++ != ':')
            return FALSE;
        }
      if (*p == ',' && p[1] == '"')
        p++;
      else if (*p != '}')
        return FALSE;
    }
  if (p[1] != '\0' || !g_utf8_validate (json, -1, NULL))
    return FALSE;

  for (guint i = 0; i + 1 < strings->len; i += 2)
    g_hash_table_insert (attributes, g_steal_pointer (&strings->pdata[i]),
                         g_steal_pointer (&strings->pdata[i + 1]));
  return TRUE;
}

void
_alama_span_attributes_from_json (GHashTable *attributes,
                                  const char *json)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *object;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  /* Most spans have no attributes, and the others hold a few plain strings
   * that need no parser of their own. */
  if (json == NULL || json[0] == '\0' || strcmp (json, "{}") == 0)
    return;
  if (attributes_from_plain_json (attributes, json))
    return;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, json, -1, NULL))
    return;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;

  object = json_node_get_object (json_parser_get_root (parser));
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &value))
    {
      if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
        g_hash_table_insert (attributes, g_strdup (name), g_strdup (json_node_get_string (value)));
    }
}

GHashTable *
_alama_span_attributes_new_from_json (const char *json)
{
  GHashTable *attributes;

  if (json == NULL || json[0] == '\0' || strcmp (json, "{}") == 0)
    return NULL;
  attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  _alama_span_attributes_from_json (attributes, json);
  if (g_hash_table_size (attributes) == 0)
    g_clear_pointer (&attributes, g_hash_table_unref);
  return attributes;
}
