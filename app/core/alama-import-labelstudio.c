/* alama-import-labelstudio.c: Label Studio's JSON export, read into documents.
 *
 * The task list is one JSON array of tasks:
 *
 *   [{"id": 1, "data": {"text": "..."},
 *     "annotations": [{"completed_by": 1, "was_cancelled": false, "result": [
 *         {"id": "r1", "type": "labels", "from_name": "label", "to_name": "text",
 *          "value": {"start": 0, "end": 5, "text": "...", "labels": ["PER"]}},
 *         {"id": "r1", "type": "choices", "from_name": "stance", "value": {"choices": [...]}},
 *         {"id": "r1", "type": "textarea", "from_name": "note", "value": {"text": ["..."]}},
 *         {"type": "relation", "from_id": "r1", "to_id": "r2", "direction": "right",
 *          "labels": ["SPEAKER"]}]}],
 *     "predictions": [{"model_version": "m1", "result": [...]}]}]
 *
 * Each annotation's regions are its annotator's spans (completed_by), kept
 * apart from the others', accepted; a prediction's are pending suggestions whose
 * source is its model_version; a cancelled (skipped) annotation is left out.
 * A choices or textarea result with the id of a labels region is that span's
 * attribute (named by from_name) or note. Region ids are only unique within one
 * annotation, so relations are resolved there.
 *
 * JSON-MIN, the flat export ([{"text": "...", "label": [{"start", "end",
 * "text", "labels"}]}]), is read too: every array of such regions is spans.
 *
 * Offsets: Label Studio counted UTF-16 units in some versions and code points
 * in others. The recorded value.text of every region decides: the file is read
 * in the one counting all its regions agree with (the import report says which
 * when it matters), and refused, naming the task, the region and both readings,
 * when neither fits. *
 * Why this file is long: a task nests four levels (task, annotation, result,
 * value) and each level checks its fields with a message naming the task; the
 * offset settlement works on the regions all of them collect. Detection by
 * content is apart, in alama-import-labelstudio-sniff.c.
 */
#define G_LOG_DOMAIN "alama-import-labelstudio"

#include "config.h"

#include <inttypes.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "alama/alama-import.h"
#include "alama/alama-text.h"
#include "alama-import-private.h"
#include "alama-json-private.h"

#define LABELSTUDIO_DEFAULT_RELATION "related"
#define LABELSTUDIO_DEFAULT_SOURCE   "labelstudio"

/* One region read from a result list, before its offsets are settled. */
typedef struct
{
  AlamaImportDoc *doc;
  guint           task_index;
  guint           span_index;   /* in doc->spans */
  char           *region_id;
  gint64          length;       /* of the document's text, in code points */
  gint64          start;        /* as the file gives them */
  gint64          end;
  char           *text;         /* value.text, or NULL */
} Region;

static void
region_free (Region *region)
{
  g_free (region->region_id);
  g_free (region->text);
  g_free (region);
}

typedef struct
{
  const char *path;
  GPtrArray  *docs;             /* AlamaImportDoc* */
  GPtrArray  *regions;          /* Region*, over the whole file */
  GHashTable *names;            /* document names used so far */
  guint       n_left_out;       /* results that are not text regions */
} Reader;

/* ---- Offsets ------------------------------------------------------------------ */

typedef enum
{
  COUNT_CODEPOINTS,
  COUNT_UTF16,
} Counting;

/* The code point offset of UTF-16 unit @units in @text, or -1 when @units is
 * beyond the text or falls between the two halves of a surrogate pair. */
static gint64
utf16_to_codepoint (const char *text,
                    gint64      units)
{
  gint64 cp = alama_text_utf16_to_cp (text, units);

  return units >= 0 && alama_text_cp_to_utf16 (text, cp) == units ? cp : -1;
}

/* The text at [start, end) under @counting, or NULL when the offsets do not
 * fall inside the text. */
static char *
text_under (const char *text,
            gint64      length,
            gint64      start,
            gint64      end,
            Counting    counting)
{
  const char *from;
  const char *to;

  if (counting == COUNT_UTF16)
    {
      start = utf16_to_codepoint (text, start);
      end = utf16_to_codepoint (text, end);
    }
  if (start < 0 || end < start || end > length)
    return NULL;

  from = g_utf8_offset_to_pointer (text, start);
  to = g_utf8_offset_to_pointer (from, end - start);
  return g_strndup (from, to - from);
}

static gboolean
region_matches (Region   *region,
                gint64    length,
                Counting  counting)
{
  g_autofree char *actual = NULL;

  actual = text_under (region->doc->text, length, region->start, region->end, counting);
  return actual != NULL && (region->text == NULL ||
                            _alama_import_surface_matches (actual, region->text));
}

/* Decides the file's counting from the recorded texts and sets every span's
 * offsets in code points. */
static gboolean
settle_offsets (Reader    *reader,
                char     **out_message,
                GError   **error)
{
  gboolean codepoints_fit = TRUE;
  gboolean utf16_fit = TRUE;
  gboolean differ = FALSE;
  Region *first_misfit = NULL;
  Counting counting;

  for (guint i = 0; i < reader->regions->len; i++)
    {
      Region *region = g_ptr_array_index (reader->regions, i);
      gboolean cp = region_matches (region, region->length, COUNT_CODEPOINTS);
      gboolean u16 = region_matches (region, region->length, COUNT_UTF16);

      if (region->text == NULL)
        continue;
      if (cp != u16)
        differ = TRUE;
      if (!cp && first_misfit == NULL)
        first_misfit = region;
      codepoints_fit = codepoints_fit && cp;
      utf16_fit = utf16_fit && u16;
    }

  if (!codepoints_fit && !utf16_fit)
    {
      /* Report the first region neither counting reads right, else the first
       * that code points misread. */
      Region *region = first_misfit;
      g_autofree char *as_cp = NULL;
      g_autofree char *as_u16 = NULL;

      for (guint i = 0; i < reader->regions->len; i++)
        {
          Region *r = g_ptr_array_index (reader->regions, i);

          if (r->text != NULL && !region_matches (r, r->length, COUNT_CODEPOINTS) &&
              !region_matches (r, r->length, COUNT_UTF16))
            {
              region = r;
              break;
            }
        }
      as_cp = text_under (region->doc->text, region->length, region->start, region->end,
                          COUNT_CODEPOINTS);
      as_u16 = text_under (region->doc->text, region->length, region->start, region->end,
                           COUNT_UTF16);
      g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_TEXT_MISMATCH,
                   _("%s: task %u, region “%s”: the file says “%s” at %" PRId64
                     "–%" PRId64 ", but counted in characters that is “%s” and "
                     "in UTF-16 units “%s”"),
                   reader->path, region->task_index, region->region_id, region->text,
                   region->start, region->end,
                   as_cp != NULL ? as_cp : _("outside the text"),
                   as_u16 != NULL ? as_u16 : _("outside the text"));
      return FALSE;
    }

  counting = codepoints_fit ? COUNT_CODEPOINTS : COUNT_UTF16;
  if (differ)
    *out_message = g_strdup_printf (counting == COUNT_UTF16
                                    ? _("%s: offsets counted in UTF-16 units (the regions' "
                                        "texts match only so)")
                                    : _("%s: offsets counted in characters (code points)"),
                                    reader->path);

  for (guint i = 0; i < reader->regions->len; i++)
    {
      Region *region = g_ptr_array_index (reader->regions, i);
      AlamaSpan *span = g_ptr_array_index (region->doc->spans, region->span_index);
      gint64 start = region->start;
      gint64 end = region->end;

      if (counting == COUNT_UTF16)
        {
          gint64 cp_start = utf16_to_codepoint (region->doc->text, start);
          gint64 cp_end = utf16_to_codepoint (region->doc->text, end);

          /* Left as given when they do not convert: the check names them. */
          if (cp_start >= 0 && cp_end >= 0)
            {
              start = cp_start;
              end = cp_end;
            }
        }
      _alama_import_span_set_fragments (span, (gint64[]) { start, end }, 1);
    }

  return TRUE;
}

/* ---- Results ------------------------------------------------------------------ */

static gboolean
parse_error (Reader      *reader,
             guint        task_index,
             const char  *field,
             const char  *problem,
             GError     **error)
{
  g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_PARSE,
               _("%s: task %u, “%s”: %s"), reader->path, task_index, field, problem);
  return FALSE;
}

static gboolean
get_offset (JsonObject *value,
            const char *key,
            gint64     *out)
{
  JsonNode *node = json_object_get_member (value, key);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_int (node);
  return TRUE;
}

/* A result item's id as a string (Label Studio writes strings; numbers are read too). */
static char *
dup_id (JsonObject *object,
        const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  return NULL;
}

/* The strings of an array member, joined by @separator; NULL when absent or empty. */
static char *
join_strings (JsonObject *object,
              const char *key,
              const char *separator)
{
  JsonNode *node = json_object_get_member (object, key);
  g_autoptr(GString) joined = NULL;
  JsonArray *array;

  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  array = json_node_get_array (node);
  joined = g_string_new (NULL);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) ||
          json_node_get_value_type (element) != G_TYPE_STRING)
        continue;
      if (joined->len > 0)
        g_string_append (joined, separator);
      g_string_append (joined, json_node_get_string (element));
    }

  return joined->len > 0 ? g_strdup (joined->str) : NULL;
}

/* Adds the spans of one labels region (one span per label). */
static gboolean
add_region (Reader       *reader,
            AlamaImportDoc *doc,
            gint64        length,
            guint         task_index,
            JsonObject   *value,
            const char   *region_id,
            const char   *labels_key,
            AlamaStatus   status,
            const char   *source,
            const char   *annotator,
            GHashTable   *by_id,         /* region id -> first span index + 1 */
            GError      **error)
{
  JsonNode *labels_node = json_object_get_member (value, labels_key);
  JsonArray *labels;
  gint64 start, end;

  if (!get_offset (value, "start", &start) || !get_offset (value, "end", &end))
    return parse_error (reader, task_index, "value.start/end",
                        _("a labels region needs whole-number start and end"), error);
  if (labels_node == NULL || !JSON_NODE_HOLDS_ARRAY (labels_node))
    return parse_error (reader, task_index, labels_key,
                        _("a labels region needs a list of labels"), error);

  labels = json_node_get_array (labels_node);
  for (guint i = 0; i < json_array_get_length (labels); i++)
    {
      JsonNode *label = json_array_get_element (labels, i);
      g_autofree char *origin = NULL;
      AlamaSpan *span;
      Region *region;
      guint index;

      if (!JSON_NODE_HOLDS_VALUE (label) || json_node_get_value_type (label) != G_TYPE_STRING)
        return parse_error (reader, task_index, labels_key, _("a label is not a string"), error);

      span = _alama_import_span_new (json_node_get_string (label), start, end);
      span->status = status;
      span->source = g_strdup (source);
      span->annotator = g_strdup (annotator);
      span->ext_id = g_strdup (region_id);
      origin = g_strdup_printf (_("“%s” (task %u)"), region_id ? region_id : "?", task_index);
      index = alama_import_doc_add_span (doc, span, origin, NULL);

      region = g_new0 (Region, 1);
      region->doc = doc;
      region->length = length;
      region->task_index = task_index;
      region->span_index = index;
      region->region_id = g_strdup (region_id ? region_id : "?");
      region->start = start;
      region->end = end;
      region->text = json_object_has_member (value, "text")
                     ? join_strings (value, "text", "") : NULL;
      g_ptr_array_add (reader->regions, region);

      if (region_id != NULL && by_id != NULL && !g_hash_table_contains (by_id, region_id))
        g_hash_table_insert (by_id, g_strdup (region_id), GUINT_TO_POINTER (index + 1));
    }

  return TRUE;
}

/* One annotation's or prediction's result list. */
static gboolean
read_result (Reader          *reader,
             AlamaImportDoc  *doc,
             guint            task_index,
             JsonArray       *result,
             AlamaStatus      status,
             const char      *source,
             const char      *annotator,
             GError         **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = json_array_get_length (result);

  /* Regions first: a relation or a per-region choice may come before its region. */
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (result, i);
      JsonObject *item, *value;
      g_autofree char *id = NULL;
      const char *type;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return parse_error (reader, task_index, "result", _("an item is not an object"), error);
      item = json_node_get_object (node);
      type = json_object_get_string_member_with_default (item, "type", "");
      if (g_strcmp0 (type, "labels") != 0 && g_strcmp0 (type, "hypertextlabels") != 0)
        continue;
      if (!json_object_has_member (item, "value") ||
          !JSON_NODE_HOLDS_OBJECT (json_object_get_member (item, "value")))
        return parse_error (reader, task_index, "result.value", _("it is not an object"), error);
      value = json_object_get_object_member (item, "value");
      id = dup_id (item, "id");
      if (!add_region (reader, doc, g_utf8_strlen (doc->text, -1), task_index, value, id,
                       json_object_has_member (value, "labels") ? "labels" : type,
                       status, source, annotator, by_id, error))
        return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      JsonObject *item = json_node_get_object (json_array_get_element (result, i));
      const char *type = json_object_get_string_member_with_default (item, "type", "");
      g_autofree char *id = dup_id (item, "id");
      guint index = id ? GPOINTER_TO_UINT (g_hash_table_lookup (by_id, id)) : 0;
      JsonObject *value = NULL;

      if (json_object_has_member (item, "value") &&
          JSON_NODE_HOLDS_OBJECT (json_object_get_member (item, "value")))
        value = json_object_get_object_member (item, "value");

      if (g_strcmp0 (type, "relation") == 0)
        {
          g_autofree char *from = dup_id (item, "from_id");
          g_autofree char *to = dup_id (item, "to_id");
          g_autofree char *types = NULL;
          const char *direction = json_object_get_string_member_with_default (item, "direction",
                                                                              "right");
          guint from_index = from ? GPOINTER_TO_UINT (g_hash_table_lookup (by_id, from)) : 0;
          guint to_index = to ? GPOINTER_TO_UINT (g_hash_table_lookup (by_id, to)) : 0;
          JsonNode *labels = json_object_get_member (item, "labels");
          const char *type_name = LABELSTUDIO_DEFAULT_RELATION;

          if (from_index == 0 || to_index == 0)
            {
              g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_MISSING_ANNOTATION,
                           _("%s: task %u, relation %s → %s: it points to a region that is "
                             "not in the same annotation"),
                           reader->path, task_index, from ? from : "?", to ? to : "?");
              return FALSE;
            }
          if (labels != NULL && JSON_NODE_HOLDS_ARRAY (labels) &&
              json_array_get_length (json_node_get_array (labels)) > 0)
            {
              JsonNode *first = json_array_get_element (json_node_get_array (labels), 0);

              if (!JSON_NODE_HOLDS_VALUE (first) ||
                  json_node_get_value_type (first) != G_TYPE_STRING)
                return parse_error (reader, task_index, "relation.labels",
                                    _("a label is not a string"), error);
              type_name = json_node_get_string (first);
            }

          for (guint k = 0; k < 2; k++)
            {
              gboolean swap = (k == 0 && g_strcmp0 (direction, "left") == 0) || k == 1;
              AlamaRelation *relation;

              if (k == 1 && g_strcmp0 (direction, "bi") != 0)
                break;
              relation = alama_relation_new (type_name,
                                             (swap ? to_index : from_index) - 1,
                                             (swap ? from_index : to_index) - 1);
              relation->status = status;
              relation->source = g_strdup (source);
              relation->annotator = g_strdup (annotator);
              relation->ext_id = g_strdup_printf ("%s→%s", from, to);
              g_ptr_array_add (doc->relations, relation);
            }
        }
      else if (index > 0 && value != NULL && g_strcmp0 (type, "choices") == 0)
        {
          g_autofree char *choices = join_strings (value, "choices", ",");
          const char *name = json_object_get_string_member_with_default (item, "from_name",
                                                                         "choice");

          for (guint s = index - 1; s < doc->spans->len; s++)
            {
              AlamaSpan *span = g_ptr_array_index (doc->spans, s);

              if (g_strcmp0 (span->ext_id, id) == 0 && choices != NULL)
                alama_span_set_attribute (span, name, choices);
            }
        }
      else if (g_strcmp0 (type, "labels") == 0 || g_strcmp0 (type, "hypertextlabels") == 0)
        {
          continue;
        }
      else if (index == 0 || value == NULL ||
               (g_strcmp0 (type, "choices") != 0 && g_strcmp0 (type, "textarea") != 0))
        {
          /* A choice about the whole task, an image region ...: nothing of a span. */
          reader->n_left_out++;
        }
      else if (g_strcmp0 (type, "textarea") == 0)
        {
          g_autofree char *note = join_strings (value, "text", "\n");

          for (guint s = index - 1; s < doc->spans->len; s++)
            {
              AlamaSpan *span = g_ptr_array_index (doc->spans, s);

              if (g_strcmp0 (span->ext_id, id) == 0 && note != NULL)
                {
                  g_free (span->note);
                  span->note = g_strdup (note);
                }
            }
        }
    }

  return TRUE;
}

/* Who made an annotation: completed_by as a user id, or the user object's email. */
static char *
dup_annotator (JsonObject *annotation)
{
  JsonNode *node = json_object_get_member (annotation, "completed_by");

  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *user = json_node_get_object (node);
      const char *email = json_object_get_string_member_with_default (user, "email", "");

      if (email[0] != '\0')
        return g_strdup (email);
      return dup_id (user, "id");
    }
  return dup_id (annotation, "completed_by");
}

/* ---- Tasks -------------------------------------------------------------------- */

static char *
unique_name (Reader     *reader,
             const char *stem,
             JsonObject *task,
             guint       task_index)
{
  g_autofree char *id = dup_id (task, "id");
  JsonNode *meta = json_object_get_member (task, "meta");
  const char *alama_name = NULL;
  char *name;

  /* Alama's own export keeps the document's name there. */
  if (meta != NULL && JSON_NODE_HOLDS_OBJECT (meta))
    alama_name = json_object_get_string_member_with_default (json_node_get_object (meta),
                                                             "alama_name", NULL);
  if (alama_name != NULL && alama_name[0] != '\0')
    name = g_strdup (alama_name);
  else if (id != NULL)
    name = g_strdup_printf ("%s-%s", stem, id);
  else
    name = g_strdup_printf ("%s-%u", stem, task_index);

  if (g_hash_table_contains (reader->names, name))
    {
      g_free (name);
      name = g_strdup_printf ("%s-%u", stem, task_index);
    }
  for (guint n = 2; g_hash_table_contains (reader->names, name); n++)
    {
      g_free (name);
      name = g_strdup_printf ("%s-%u-%u", stem, task_index, n);
    }
  g_hash_table_add (reader->names, g_strdup (name));
  return name;
}

/* The task's text: data.text, else the first string of data (said in @messages). */
static gboolean
task_text (Reader      *reader,
           JsonObject  *data,
           guint        task_index,
           char       **out_text,
           char       **out_key,
           GError     **error)
{
  g_autoptr(GList) members = NULL;

  if (json_object_has_member (data, "text"))
    {
      JsonNode *node = json_object_get_member (data, "text");

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return parse_error (reader, task_index, "data.text", _("it is not a string"), error);
      *out_text = g_strdup (json_node_get_string (node));
      *out_key = g_strdup ("text");
      return TRUE;
    }

  members = json_object_get_members (data);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (data, l->data);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        {
          *out_text = g_strdup (json_node_get_string (node));
          *out_key = g_strdup (l->data);
          return TRUE;
        }
    }

  return parse_error (reader, task_index, "data", _("it holds no text (no string field)"), error);
}

/* Everything of data but the text, as the document's metadata. */
static char *
metadata_from (JsonObject *data,
               const char *text_key)
{
  g_autoptr(JsonObject) rest = json_object_new ();
  g_autoptr(GList) members = json_object_get_members (data);
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);

  for (GList *l = members; l != NULL; l = l->next)
    {
      if (g_strcmp0 (l->data, text_key) != 0)
        json_object_set_member (rest, l->data, json_node_copy (json_object_get_member (data, l->data)));
    }
  if (json_object_get_size (rest) == 0)
    return NULL;
  json_node_set_object (root, rest);
  return json_to_string (root, FALSE);
}

static gboolean
read_list (Reader          *reader,
           AlamaImportDoc  *doc,
           guint            task_index,
           JsonObject      *task,
           const char      *key,
           gboolean         predictions,
           GError         **error)
{
  JsonNode *node = json_object_get_member (task, key);
  JsonArray *list;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return parse_error (reader, task_index, key, _("it is not a list"), error);

  list = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *element = json_array_get_element (list, i);
      g_autofree char *annotator = NULL;
      g_autofree char *source = NULL;
      JsonObject *annotation;
      JsonNode *result;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return parse_error (reader, task_index, key, _("an element is not an object"), error);
      annotation = json_node_get_object (element);
      if (json_object_get_boolean_member_with_default (annotation, "was_cancelled", FALSE))
        continue;
      result = json_object_get_member (annotation, "result");
      if (result == NULL || JSON_NODE_HOLDS_NULL (result))
        continue;
      if (!JSON_NODE_HOLDS_ARRAY (result))
        return parse_error (reader, task_index, "result", _("it is not a list"), error);

      if (predictions)
        source = g_strdup (json_object_get_string_member_with_default (annotation,
                                                                       "model_version", ""));
      else
        annotator = dup_annotator (annotation);
      if (source != NULL && source[0] == '\0')
        {
          g_free (source);
          source = g_strdup (LABELSTUDIO_DEFAULT_SOURCE);
        }

      if (!read_result (reader, doc, task_index, json_node_get_array (result),
                        predictions ? ALAMA_STATUS_PENDING : ALAMA_STATUS_ACCEPTED,
                        source, annotator, error))
        return FALSE;
    }

  return TRUE;
}

/* JSON-MIN: the task is flat; any list of objects with start, end and labels
 * holds regions, of one annotator. */
static gboolean
read_min_task (Reader          *reader,
               AlamaImportDoc  *doc,
               guint            task_index,
               JsonObject      *task,
               GError         **error)
{
  g_autoptr(GList) members = json_object_get_members (task);
  g_autofree char *annotator = NULL;
  JsonNode *who = json_object_get_member (task, "annotator");

  if (who != NULL && JSON_NODE_HOLDS_VALUE (who))
    annotator = dup_id (task, "annotator");

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (task, l->data);
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        continue;
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          JsonObject *value;
          g_autofree char *id = NULL;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            break;
          value = json_node_get_object (element);
          if (!json_object_has_member (value, "start") || !json_object_has_member (value, "labels"))
            break;
          id = g_strdup_printf ("%s[%u]", (const char *) l->data, i);
          if (!add_region (reader, doc, g_utf8_strlen (doc->text, -1), task_index, value, id,
                           "labels",
                           ALAMA_STATUS_ACCEPTED, NULL, annotator, NULL, error))
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
read_task (Reader       *reader,
           const char   *stem,
           JsonNode     *node,
           guint         task_index,
           GPtrArray    *messages,
           GError      **error)
{
  g_autoptr(AlamaImportDoc) doc = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_key = NULL;
  g_autofree char *name = NULL;
  JsonObject *task, *data;
  JsonNode *data_node;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return parse_error (reader, task_index, "task", _("it is not an object"), error);
  task = json_node_get_object (node);
  data_node = json_object_get_member (task, "data");

  if (data_node == NULL)
    {
      /* JSON-MIN */
      if (!task_text (reader, task, task_index, &text, &text_key, error))
        return FALSE;
      data = task;
    }
  else
    {
      if (!JSON_NODE_HOLDS_OBJECT (data_node))
        return parse_error (reader, task_index, "data", _("it is not an object"), error);
      data = json_node_get_object (data_node);
      if (!task_text (reader, data, task_index, &text, &text_key, error))
        return FALSE;
    }
  if (g_strcmp0 (text_key, "text") != 0)
    g_ptr_array_add (messages, g_strdup_printf (_("%s: task %u has no “text”: its text is "
                                                  "“%s”, the first text field"),
                                                reader->path, task_index, text_key));

  name = unique_name (reader, stem, task, task_index);
  doc = alama_import_doc_new (name, reader->path, g_steal_pointer (&text));
  if (data_node != NULL)
    doc->metadata_json = metadata_from (data, text_key);

  if (data_node == NULL)
    {
      if (!read_min_task (reader, doc, task_index, task, error))
        return FALSE;
    }
  else if (!read_list (reader, doc, task_index, task, "annotations", FALSE, error) ||
           !read_list (reader, doc, task_index, task, "predictions", TRUE, error))
    {
      return FALSE;
    }

  g_ptr_array_add (reader->docs, g_steal_pointer (&doc));
  return TRUE;
}

GPtrArray *
alama_import_parse_labelstudio (const char                *path,
                                GBytes                    *data,
                                const AlamaImportOptions  *options,
                                GPtrArray                 *messages,
                                GError                   **error)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) alama_import_doc_free);
  g_autoptr(GPtrArray) regions = g_ptr_array_new_with_free_func ((GDestroyNotify) region_free);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) json_error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *offsets_message = NULL;
  Reader reader = { path, docs, regions, names };
  gsize length = 0, offset = 0;
  JsonNode *root;
  JsonArray *tasks;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);

  if ((text = _alama_import_text_from_bytes (path, g_bytes_get_data (data, NULL),
                                             g_bytes_get_size (data), error)) == NULL)
    return NULL;

  /* What json-glib would crash on or silently change is refused first. */
  if ((problem = _alama_json_check_first_value (text, strlen (text), &length, &offset)) != NULL)
    {
      g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_PARSE,
                   _("%s: byte %" PRIu64 ": %s"), path, (guint64) offset, problem);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, text, -1, &json_error))
    {
      g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_PARSE,
                   _("%s: not valid JSON: %s"), path, json_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      /* One task on its own, as Label Studio's single-task files are. */
      tasks = json_array_new ();
      json_array_add_element (tasks, json_node_copy (root));
    }
  else if (root != NULL && JSON_NODE_HOLDS_ARRAY (root))
    {
      tasks = json_array_ref (json_node_get_array (root));
    }
  else
    {
      g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_PARSE,
                   _("%s: a Label Studio file is a list of tasks"), path);
      return NULL;
    }

  stem = _alama_import_name_from_path (path, ".json");
  for (guint i = 0; i < json_array_get_length (tasks); i++)
    {
      if (!read_task (&reader, stem, json_array_get_element (tasks, i), i, messages, error))
        {
          json_array_unref (tasks);
          return NULL;
        }
    }
  json_array_unref (tasks);

  if (!settle_offsets (&reader, &offsets_message, error))
    return NULL;
  if (offsets_message != NULL)
    g_ptr_array_add (messages, g_steal_pointer (&offsets_message));
  if (reader.n_left_out > 0)
    g_ptr_array_add (messages,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%s: %u result is not a text region or "
                                                   "one's attribute (a choice about the whole "
                                                   "task, an image region ...) and was left out",
                                                   "%s: %u results are not text regions or "
                                                   "their attributes (choices about the whole "
                                                   "task, image regions ...) and were left out",
                                                   reader.n_left_out),
                                      path, reader.n_left_out));

  (void) options;
  return g_steal_pointer (&docs);
}
