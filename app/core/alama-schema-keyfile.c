/* alama-schema-keyfile.c: a schema as a GLib key file a person can edit.
 *
 * The format is documented in alama-schema.h: one group per label
 * ("[label PER]"), relation type ("[relation SPEAKER]") and attribute
 * ("[attribute CLAIM stance]"). Errors name the file and the group.
 */
#define G_LOG_DOMAIN "alama-schema-keyfile"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "alama/alama-schema.h"

static gboolean
is_color (const char *color)
{
  if (color == NULL || strlen (color) != 7 || color[0] != '#')
    return FALSE;

  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (color[i]))
      return FALSE;

  return TRUE;
}

/* A key's string value, or NULL when the key is absent. */
static char *
get_optional (GKeyFile   *key_file,
              const char *group,
              const char *key)
{
  return g_key_file_get_string (key_file, group, key, NULL);
}

/* "a;b;" as a list without empty items; NULL when the key is absent. */
static char **
get_list (GKeyFile   *key_file,
          const char *group,
          const char *key)
{
  g_auto(GStrv) raw = g_key_file_get_string_list (key_file, group, key, NULL, NULL);
  GPtrArray *list;

  if (raw == NULL)
    return NULL;

  list = g_ptr_array_new ();
  for (guint i = 0; raw[i] != NULL; i++)
    {
      g_strstrip (raw[i]);
      if (raw[i][0] != '\0')
        g_ptr_array_add (list, g_strdup (raw[i]));
    }
  g_ptr_array_add (list, NULL);

  return (char **) g_ptr_array_free (list, FALSE);
}

/* alama_schema_check_key() with the file and the group in the message. */
static gboolean
check_key (const char  *key,
           const char  *what,
           const char  *where,
           const char  *group,
           GError     **error)
{
  if (alama_schema_check_key (key, what, error))
    return TRUE;
  g_prefix_error (error, _("%s: [%s]: "), where, group);
  return FALSE;
}

static gboolean
parse_label (AlamaSchema  *schema,
             GKeyFile     *key_file,
             const char   *group,
             const char   *key,
             const char   *where,
             GError      **error)
{
  g_autofree char *kind = get_optional (key_file, group, "kind");
  AlamaLabel *label;

  if (!check_key (key, N_("label"), where, group, error))
    return FALSE;
  if (alama_schema_find_label (schema, key) != NULL)
    {
      g_set_error (error, ALAMA_SCHEMA_ERROR, ALAMA_SCHEMA_ERROR_DUPLICATE,
                   _("%s: [%s]: label “%s” is defined twice"), where, group, key);
      return FALSE;
    }

  label = g_new0 (AlamaLabel, 1);
  label->key = g_strdup (key);
  label->name_ar = get_optional (key_file, group, "name-ar");
  label->name_en = get_optional (key_file, group, "name-en");
  label->color = get_optional (key_file, group, "color");
  label->shortcut = get_optional (key_file, group, "key");
  g_ptr_array_add (schema->labels, label);   /* owned from here on */

  if (label->shortcut != NULL && label->shortcut[0] == '\0')
    g_clear_pointer (&label->shortcut, g_free);

  if (label->color == NULL)
    {
      /* The colour alama_schema_ensure_label() would give it. */
      g_autoptr(AlamaSchema) scratch = alama_schema_new ();

      label->color = g_strdup (alama_schema_ensure_label (scratch, key,
                                                          ALAMA_LABEL_KIND_OTHER)->color);
    }
  else if (!is_color (label->color))
    {
      g_set_error (error, ALAMA_SCHEMA_ERROR, ALAMA_SCHEMA_ERROR_INVALID,
                   _("%s: [%s]: color “%s” is not of the form #rrggbb"), where, group, label->color);
      return FALSE;
    }

  if (kind == NULL)
    label->kind = ALAMA_LABEL_KIND_ENTITY;
  else if (!alama_label_kind_from_string (kind, &label->kind))
    {
      g_set_error (error, ALAMA_SCHEMA_ERROR, ALAMA_SCHEMA_ERROR_INVALID,
                   _("%s: [%s]: kind “%s” is not one of entity, quote, cue, claim, event, other"),
                   where, group, kind);
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_relation (AlamaSchema  *schema,
                GKeyFile     *key_file,
                const char   *group,
                const char   *key,
                const char   *where,
                GError      **error)
{
  AlamaRelationType *type;

  if (!check_key (key, N_("relation type"), where, group, error))
    return FALSE;
  if (alama_schema_find_relation_type (schema, key) != NULL)
    {
      g_set_error (error, ALAMA_SCHEMA_ERROR, ALAMA_SCHEMA_ERROR_DUPLICATE,
                   _("%s: [%s]: relation type “%s” is defined twice"), where, group, key);
      return FALSE;
    }

  type = g_new0 (AlamaRelationType, 1);
  type->key = g_strdup (key);
  type->name_ar = get_optional (key_file, group, "name-ar");
  type->name_en = get_optional (key_file, group, "name-en");
  type->from_labels = get_list (key_file, group, "from");
  type->to_labels = get_list (key_file, group, "to");
  g_ptr_array_add (schema->relation_types, type);

  return TRUE;
}

static gboolean
parse_attribute (AlamaSchema  *schema,
                 GKeyFile     *key_file,
                 const char   *group,
                 const char   *rest,
                 const char   *where,
                 GError      **error)
{
  g_auto(GStrv) parts = g_strsplit (rest, " ", 2);
  AlamaAttributeDef *def;

  if (g_strv_length (parts) != 2 || parts[0][0] == '\0' || parts[1][0] == '\0')
    {
      g_set_error (error, ALAMA_SCHEMA_ERROR, ALAMA_SCHEMA_ERROR_INVALID,
                   _("%s: [%s]: an attribute group is “[attribute LABEL NAME]”"), where, group);
      return FALSE;
    }
  if (!check_key (parts[1], N_("attribute name"), where, group, error))
    return FALSE;
  if (alama_schema_find_attribute (schema, parts[0], parts[1]) != NULL)
    {
      g_set_error (error, ALAMA_SCHEMA_ERROR, ALAMA_SCHEMA_ERROR_DUPLICATE,
                   _("%s: [%s]: attribute defined twice"), where, group);
      return FALSE;
    }

  def = g_new0 (AlamaAttributeDef, 1);
  def->label = g_strdup (parts[0]);
  def->name = g_strdup (parts[1]);
  def->values = get_list (key_file, group, "values");
  g_ptr_array_add (schema->attributes, def);

  return TRUE;
}

/* Cross-checks once every group is read: shortcuts unique, relation ends and
 * attributes name labels that exist. */
static gboolean
check_schema (AlamaSchema  *schema,
              const char   *where,
              GError      **error)
{
  for (guint i = 0; i < schema->labels->len; i++)
    {
      const AlamaLabel *label = g_ptr_array_index (schema->labels, i);
      const AlamaLabel *other;

      if (label->shortcut == NULL)
        continue;
      other = alama_schema_find_label_by_shortcut (schema, label->shortcut);
      if (other != label)
        {
          g_set_error (error, ALAMA_SCHEMA_ERROR, ALAMA_SCHEMA_ERROR_DUPLICATE,
                       _("%s: [label %s]: key “%s” is already the shortcut of label %s"),
                       where, label->key, label->shortcut, other->key);
          return FALSE;
        }
    }

  for (guint i = 0; i < schema->relation_types->len; i++)
    {
      const AlamaRelationType *type = g_ptr_array_index (schema->relation_types, i);
      char **ends[] = { type->from_labels, type->to_labels };

      for (guint e = 0; e < G_N_ELEMENTS (ends); e++)
        for (guint j = 0; ends[e] != NULL && ends[e][j] != NULL; j++)
          if (alama_schema_find_label (schema, ends[e][j]) == NULL)
            {
              g_set_error (error, ALAMA_SCHEMA_ERROR, ALAMA_SCHEMA_ERROR_INVALID,
                           _("%s: [relation %s]: %s names label “%s”, which is not defined"),
                           where, type->key, e == 0 ? "from" : "to", ends[e][j]);
              return FALSE;
            }
    }

  for (guint i = 0; i < schema->attributes->len; i++)
    {
      const AlamaAttributeDef *def = g_ptr_array_index (schema->attributes, i);

      if (alama_schema_find_label (schema, def->label) == NULL)
        {
          g_set_error (error, ALAMA_SCHEMA_ERROR, ALAMA_SCHEMA_ERROR_INVALID,
                       _("%s: [attribute %s %s]: label “%s” is not defined"),
                       where, def->label, def->name, def->label);
          return FALSE;
        }
    }

  return TRUE;
}

static AlamaSchema *
parse (const char  *data,
       gsize        len,
       const char  *where,
       GError     **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(AlamaSchema) schema = alama_schema_new ();
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) groups = NULL;

  if (!g_key_file_load_from_data (key_file, data, len, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("%s: %s"), where, local_error->message);
      return NULL;
    }

  groups = g_key_file_get_groups (key_file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      const char *group = groups[i];
      gboolean ok;

      if (g_str_has_prefix (group, "label ") && group[6] != '\0')
        ok = parse_label (schema, key_file, group, group + 6, where, error);
      else if (g_str_has_prefix (group, "relation ") && group[9] != '\0')
        ok = parse_relation (schema, key_file, group, group + 9, where, error);
      else if (g_str_has_prefix (group, "attribute "))
        ok = parse_attribute (schema, key_file, group, group + 10, where, error);
      else
        {
          g_set_error (error, ALAMA_SCHEMA_ERROR, ALAMA_SCHEMA_ERROR_INVALID,
                       _("%s: [%s]: unknown group (expected [label KEY], [relation KEY] or "
                         "[attribute LABEL NAME])"), where, group);
          ok = FALSE;
        }

      if (!ok)
        return NULL;
    }

  if (!check_schema (schema, where, error))
    return NULL;

  return g_steal_pointer (&schema);
}

AlamaSchema *
alama_schema_from_keyfile_data (const char  *data,
                                gsize        len,
                                GError     **error)
{
  g_return_val_if_fail (data != NULL, NULL);

  return parse (data, len, _("schema"), error);
}

AlamaSchema *
alama_schema_load_keyfile (const char  *path,
                           GError     **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &data, &len, error))
    return NULL;

  return parse (data, len, path, error);
}

static void
set_optional (GKeyFile   *key_file,
              const char *group,
              const char *key,
              const char *value)
{
  if (value != NULL)
    g_key_file_set_string (key_file, group, key, value);
}

static void
set_list (GKeyFile    *key_file,
          const char  *group,
          const char  *key,
          char * const *list)
{
  if (list != NULL && list[0] != NULL)
    g_key_file_set_string_list (key_file, group, key, (const char * const *) list,
                                g_strv_length ((char **) list));
}

char *
alama_schema_to_keyfile_data (AlamaSchema *self,
                              gsize       *len)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->labels->len; i++)
    {
      const AlamaLabel *label = g_ptr_array_index (self->labels, i);
      g_autofree char *group = g_strdup_printf ("label %s", label->key);

      set_optional (key_file, group, "name-ar", label->name_ar);
      set_optional (key_file, group, "name-en", label->name_en);
      set_optional (key_file, group, "color", label->color);
      set_optional (key_file, group, "key", label->shortcut);
      g_key_file_set_string (key_file, group, "kind", alama_label_kind_to_string (label->kind));
    }

  for (guint i = 0; i < self->relation_types->len; i++)
    {
      const AlamaRelationType *type = g_ptr_array_index (self->relation_types, i);
      g_autofree char *group = g_strdup_printf ("relation %s", type->key);

      set_optional (key_file, group, "name-ar", type->name_ar);
      set_optional (key_file, group, "name-en", type->name_en);
      set_list (key_file, group, "from", type->from_labels);
      set_list (key_file, group, "to", type->to_labels);
      /* A group needs at least one key to be written. */
      if (!g_key_file_has_group (key_file, group))
        g_key_file_set_string (key_file, group, "name-en", type->key);
    }

  for (guint i = 0; i < self->attributes->len; i++)
    {
      const AlamaAttributeDef *def = g_ptr_array_index (self->attributes, i);
      g_autofree char *group = g_strdup_printf ("attribute %s %s", def->label, def->name);

      if (def->values != NULL && def->values[0] != NULL)
        set_list (key_file, group, "values", def->values);
      else
        g_key_file_set_string (key_file, group, "values", "");
    }

  return g_key_file_to_data (key_file, len, NULL);
}

gboolean
alama_schema_save_keyfile (AlamaSchema  *self,
                           const char   *path,
                           GError      **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  data = alama_schema_to_keyfile_data (self, &len);
  return g_file_set_contents (path, data, len, error);
}
