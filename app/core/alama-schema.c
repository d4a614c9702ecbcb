/* alama-schema.c: labels, relation types and attributes of a project.
 *
 * An AlamaSchema is a refcounted plain value. The key file form lives in
 * alama-schema-keyfile.c; the store keeps a schema in its tables.
 */
#define G_LOG_DOMAIN "alama-schema"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "alama/alama-schema.h"

G_DEFINE_QUARK (alama-schema-error-quark, alama_schema_error)

/* ---- Keys ------------------------------------------------------------------ */

/* A key may hold any character but these: brat's .ann and annotation.conf and
 * CoNLL's columns are split at tabs and line ends, GKeyFile group names refuse
 * control characters, and a key that looks like another (a trailing no-break
 * space) is a trap. A plain space stays allowed: doccano's labels have them. */
static gboolean
is_key_char (gunichar c)
{
  return c == ' ' || (!g_unichar_iscntrl (c) && !g_unichar_isspace (c) &&
                      g_unichar_type (c) != G_UNICODE_LINE_SEPARATOR &&
                      g_unichar_type (c) != G_UNICODE_PARAGRAPH_SEPARATOR);
}

gboolean
alama_schema_check_key (const char  *key,
                        const char  *what,
                        GError     **error)
{
  g_return_val_if_fail (what != NULL, FALSE);

  if (key == NULL || key[0] == '\0')
    {
      g_set_error (error, ALAMA_SCHEMA_ERROR, ALAMA_SCHEMA_ERROR_INVALID,
                   /* TRANSLATORS: %s is "label", "relation type" or "attribute name", translated. */
                   _("a %s is empty"), _(what));
      return FALSE;
    }
  if (!g_utf8_validate (key, -1, NULL))
    {
      g_set_error (error, ALAMA_SCHEMA_ERROR, ALAMA_SCHEMA_ERROR_INVALID,
                   _("a %s is not valid UTF-8"), _(what));
      return FALSE;
    }

  for (const char *p = key; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      g_autoptr(GString) shown = NULL;

      if (is_key_char (c))
        continue;

      /* The key as a person can read it in a terminal: the bad characters as U+XXXX. */
      shown = g_string_new (NULL);
      for (const char *q = key; *q != '\0'; q = g_utf8_next_char (q))
        {
          gunichar d = g_utf8_get_char (q);

          if (is_key_char (d))
            g_string_append_unichar (shown, d);
          else
            g_string_append_printf (shown, "<U+%04X>", d);
        }
      g_set_error (error, ALAMA_SCHEMA_ERROR, ALAMA_SCHEMA_ERROR_INVALID,
                   _("%s “%s” holds U+%04X, a %s; labels, relation types and attribute "
                     "names cannot hold control characters or white space other than a "
                     "plain space (brat and CoNLL files could not carry them)"),
                   _(what), shown->str, c,
                   g_unichar_iscntrl (c) ? _("control character") : _("white space character"));
      return FALSE;
    }

  return TRUE;
}

/* ---- Label kinds ---------------------------------------------------------- */

static const char * const kind_names[] = {
  [ALAMA_LABEL_KIND_ENTITY] = "entity",
  [ALAMA_LABEL_KIND_QUOTE]  = "quote",
  [ALAMA_LABEL_KIND_CUE]    = "cue",
  [ALAMA_LABEL_KIND_CLAIM]  = "claim",
  [ALAMA_LABEL_KIND_OTHER]  = "other",
  [ALAMA_LABEL_KIND_EVENT]  = "event",
};

const char *
alama_label_kind_to_string (AlamaLabelKind kind)
{
  if ((guint) kind < G_N_ELEMENTS (kind_names))
    return kind_names[kind];
  return NULL;
}

gboolean
alama_label_kind_from_string (const char     *str,
                              AlamaLabelKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    {
      if (g_ascii_strcasecmp (str, kind_names[i]) == 0)
        {
          *kind = (AlamaLabelKind) i;
          return TRUE;
        }
    }

  return FALSE;
}

/* ---- Element types ---------------------------------------------------------- */

void
alama_label_free (AlamaLabel *label)
{
  if (label == NULL)
    return;

  g_free (label->key);
  g_free (label->name_ar);
  g_free (label->name_en);
  g_free (label->color);
  g_free (label->shortcut);
  g_free (label);
}

void
alama_relation_type_free (AlamaRelationType *type)
{
  if (type == NULL)
    return;

  g_free (type->key);
  g_free (type->name_ar);
  g_free (type->name_en);
  g_strfreev (type->from_labels);
  g_strfreev (type->to_labels);
  g_free (type);
}

void
alama_attribute_def_free (AlamaAttributeDef *def)
{
  if (def == NULL)
    return;

  g_free (def->label);
  g_free (def->name);
  g_strfreev (def->values);
  g_free (def);
}

static AlamaLabel *
label_copy (const AlamaLabel *label)
{
  AlamaLabel *copy = g_new0 (AlamaLabel, 1);

  copy->key = g_strdup (label->key);
  copy->name_ar = g_strdup (label->name_ar);
  copy->name_en = g_strdup (label->name_en);
  copy->color = g_strdup (label->color);
  copy->shortcut = g_strdup (label->shortcut);
  copy->kind = label->kind;

  return copy;
}

static AlamaRelationType *
relation_type_copy (const AlamaRelationType *type)
{
  AlamaRelationType *copy = g_new0 (AlamaRelationType, 1);

  copy->key = g_strdup (type->key);
  copy->name_ar = g_strdup (type->name_ar);
  copy->name_en = g_strdup (type->name_en);
  copy->from_labels = g_strdupv (type->from_labels);
  copy->to_labels = g_strdupv (type->to_labels);

  return copy;
}

static AlamaAttributeDef *
attribute_def_copy (const AlamaAttributeDef *def)
{
  AlamaAttributeDef *copy = g_new0 (AlamaAttributeDef, 1);

  copy->label = g_strdup (def->label);
  copy->name = g_strdup (def->name);
  copy->values = g_strdupv (def->values);

  return copy;
}

/* ---- AlamaSchema ---------------------------------------------------------- */

G_DEFINE_BOXED_TYPE (AlamaSchema, alama_schema, alama_schema_ref, alama_schema_unref)

typedef struct
{
  gatomicrefcount ref_count;
  AlamaSchema     schema;
} SchemaBox;

#define SCHEMA_BOX(s) ((SchemaBox *) ((char *) (s) - G_STRUCT_OFFSET (SchemaBox, schema)))

AlamaSchema *
alama_schema_new (void)
{
  SchemaBox *box = g_new0 (SchemaBox, 1);

  g_atomic_ref_count_init (&box->ref_count);
  box->schema.labels = g_ptr_array_new_with_free_func ((GDestroyNotify) alama_label_free);
  box->schema.relation_types =
    g_ptr_array_new_with_free_func ((GDestroyNotify) alama_relation_type_free);
  box->schema.attributes =
    g_ptr_array_new_with_free_func ((GDestroyNotify) alama_attribute_def_free);

  return &box->schema;
}

AlamaSchema *
alama_schema_ref (AlamaSchema *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&SCHEMA_BOX (self)->ref_count);
  return self;
}

void
alama_schema_unref (AlamaSchema *self)
{
  SchemaBox *box;

  g_return_if_fail (self != NULL);

  box = SCHEMA_BOX (self);
  if (!g_atomic_ref_count_dec (&box->ref_count))
    return;

  g_ptr_array_unref (self->labels);
  g_ptr_array_unref (self->relation_types);
  g_ptr_array_unref (self->attributes);
  g_free (box);
}

AlamaSchema *
alama_schema_copy (AlamaSchema *self)
{
  AlamaSchema *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = alama_schema_new ();
  for (guint i = 0; i < self->labels->len; i++)
    g_ptr_array_add (copy->labels, label_copy (g_ptr_array_index (self->labels, i)));
  for (guint i = 0; i < self->relation_types->len; i++)
    g_ptr_array_add (copy->relation_types,
                     relation_type_copy (g_ptr_array_index (self->relation_types, i)));
  for (guint i = 0; i < self->attributes->len; i++)
    g_ptr_array_add (copy->attributes,
                     attribute_def_copy (g_ptr_array_index (self->attributes, i)));

  return copy;
}

/* ---- The default news schema ------------------------------------------------ */

/* One hue per label (blue, green, yellow, orange, cyan, brown, red, pink,
 * purple), at shades that read on both light and dark backgrounds; no two
 * closer than a CIELAB distance of 30 (test-schema checks 25), so that DATE and
 * CLAIM, or CUE and PER, are not told apart by their tag text alone. */
static const struct
{
  const char     *key;
  const char     *name_ar;
  const char     *name_en;
  const char     *color;
  const char     *shortcut;
  AlamaLabelKind  kind;
} default_labels[] = {
  { "PER",   "شخص",         "Person",               "#3584e4", "1", ALAMA_LABEL_KIND_ENTITY },
  { "ORG",   "منظمة",       "Organisation",         "#33d17a", "2", ALAMA_LABEL_KIND_ENTITY },
  { "GPE",   "كيان سياسي",  "Geo-political entity", "#f6d32d", "3", ALAMA_LABEL_KIND_ENTITY },
  { "LOC",   "مكان",        "Location",             "#ff7800", "4", ALAMA_LABEL_KIND_ENTITY },
  { "DATE",  "تاريخ",       "Date",                 "#00b8c4", "5", ALAMA_LABEL_KIND_ENTITY },
  { "EVENT", "حدث",         "Event",                "#865e3c", "6", ALAMA_LABEL_KIND_ENTITY },
  { "QUOTE", "اقتباس",      "Quote",                "#e01b24", "7", ALAMA_LABEL_KIND_QUOTE },
  { "CUE",   "فعل القول",   "Speech cue",           "#e66ab8", "8", ALAMA_LABEL_KIND_CUE },
  { "CLAIM", "ادعاء",       "Claim",                "#9141ac", "9", ALAMA_LABEL_KIND_CLAIM },
};

static const struct
{
  const char *key;
  const char *name_ar;
  const char *name_en;
  const char *from;   /* ';'-separated label keys */
  const char *to;
} default_relations[] = {
  { "SPEAKER",     "المتحدث",   "Speaker",     "PER;ORG;GPE", "QUOTE" },
  { "CUE_OF",      "فعل القول", "Cue of",      "CUE",         "QUOTE" },
  { "CLAIMANT",    "المدعي",    "Claimant",    "PER;ORG;GPE", "CLAIM" },
  { "TARGET",      "المستهدف",  "Target",      "CLAIM",       "PER;ORG;GPE;LOC;EVENT;DATE" },
  { "AFFILIATION", "الانتماء",  "Affiliation", "PER",         "ORG;GPE" },
};

AlamaSchema *
alama_schema_new_default (void)
{
  AlamaSchema *schema = alama_schema_new ();
  AlamaAttributeDef *stance;

  for (guint i = 0; i < G_N_ELEMENTS (default_labels); i++)
    {
      AlamaLabel *label = g_new0 (AlamaLabel, 1);

      label->key = g_strdup (default_labels[i].key);
      label->name_ar = g_strdup (default_labels[i].name_ar);
      label->name_en = g_strdup (default_labels[i].name_en);
      label->color = g_strdup (default_labels[i].color);
      label->shortcut = g_strdup (default_labels[i].shortcut);
      label->kind = default_labels[i].kind;
      g_ptr_array_add (schema->labels, label);
    }

  for (guint i = 0; i < G_N_ELEMENTS (default_relations); i++)
    {
      AlamaRelationType *type = g_new0 (AlamaRelationType, 1);

      type->key = g_strdup (default_relations[i].key);
      type->name_ar = g_strdup (default_relations[i].name_ar);
      type->name_en = g_strdup (default_relations[i].name_en);
      type->from_labels = g_strsplit (default_relations[i].from, ";", -1);
      type->to_labels = g_strsplit (default_relations[i].to, ";", -1);
      g_ptr_array_add (schema->relation_types, type);
    }

  stance = g_new0 (AlamaAttributeDef, 1);
  stance->label = g_strdup ("CLAIM");
  stance->name = g_strdup ("stance");
  stance->values = g_strsplit ("asserts;denies;accuses;promises", ";", -1);
  g_ptr_array_add (schema->attributes, stance);

  return schema;
}

/* ---- Queries ---------------------------------------------------------------- */

const AlamaLabel *
alama_schema_find_label (AlamaSchema *self,
                         const char  *key)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (key == NULL)
    return NULL;

  for (guint i = 0; i < self->labels->len; i++)
    {
      const AlamaLabel *label = g_ptr_array_index (self->labels, i);

      if (strcmp (label->key, key) == 0)
        return label;
    }

  return NULL;
}

const AlamaLabel *
alama_schema_find_label_by_shortcut (AlamaSchema *self,
                                     const char  *shortcut)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (shortcut == NULL || *shortcut == '\0')
    return NULL;

  for (guint i = 0; i < self->labels->len; i++)
    {
      const AlamaLabel *label = g_ptr_array_index (self->labels, i);

      if (label->shortcut != NULL && strcmp (label->shortcut, shortcut) == 0)
        return label;
    }

  return NULL;
}

const AlamaRelationType *
alama_schema_find_relation_type (AlamaSchema *self,
                                 const char  *key)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (key == NULL)
    return NULL;

  for (guint i = 0; i < self->relation_types->len; i++)
    {
      const AlamaRelationType *type = g_ptr_array_index (self->relation_types, i);

      if (strcmp (type->key, key) == 0)
        return type;
    }

  return NULL;
}

GPtrArray *
alama_schema_attributes_for (AlamaSchema *self,
                             const char  *label)
{
  GPtrArray *result;

  g_return_val_if_fail (self != NULL, NULL);

  result = g_ptr_array_new ();
  for (guint i = 0; i < self->attributes->len; i++)
    {
      AlamaAttributeDef *def = g_ptr_array_index (self->attributes, i);

      if (g_strcmp0 (def->label, label) == 0)
        g_ptr_array_add (result, def);
    }

  return result;
}

const AlamaAttributeDef *
alama_schema_find_attribute (AlamaSchema *self,
                             const char  *label,
                             const char  *name)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->attributes->len; i++)
    {
      const AlamaAttributeDef *def = g_ptr_array_index (self->attributes, i);

      if (g_strcmp0 (def->label, label) == 0 && g_strcmp0 (def->name, name) == 0)
        return def;
    }

  return NULL;
}

/* NULL or empty list = any label allowed at that end. */
static gboolean
end_allows (char * const *labels,
            const char   *label)
{
  if (labels == NULL || labels[0] == NULL)
    return TRUE;

  return label != NULL && g_strv_contains ((const char * const *) labels, label);
}

GPtrArray *
alama_schema_relation_types_for (AlamaSchema *self,
                                 const char  *from_label,
                                 const char  *to_label)
{
  GPtrArray *result;

  g_return_val_if_fail (self != NULL, NULL);

  result = g_ptr_array_new ();
  for (guint i = 0; i < self->relation_types->len; i++)
    {
      AlamaRelationType *type = g_ptr_array_index (self->relation_types, i);

      if (end_allows (type->from_labels, from_label) && end_allows (type->to_labels, to_label))
        g_ptr_array_add (result, type);
    }

  return result;
}

gboolean
alama_schema_relation_allowed (AlamaSchema *self,
                               const char  *type,
                               const char  *from_label,
                               const char  *to_label)
{
  const AlamaRelationType *rtype;

  g_return_val_if_fail (self != NULL, FALSE);

  rtype = alama_schema_find_relation_type (self, type);
  if (rtype == NULL)
    return FALSE;

  return end_allows (rtype->from_labels, from_label) && end_allows (rtype->to_labels, to_label);
}

/* Colours for labels added on the fly, picked by a hash of the key so the same
 * key gets the same colour in every project. */
static const char * const generated_palette[] = {
  "#1c71d8", "#2ec27e", "#e5a50a", "#c64600", "#813d9c", "#865e3c",
  "#c01c28", "#1a5fb4", "#26a269", "#a51d2d", "#613583", "#63452c",
};

const AlamaLabel *
alama_schema_ensure_label (AlamaSchema    *self,
                           const char     *key,
                           AlamaLabelKind  kind)
{
  const AlamaLabel *existing;
  AlamaLabel *label;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (key != NULL && *key != '\0', NULL);

  existing = alama_schema_find_label (self, key);
  if (existing != NULL)
    return existing;

  label = g_new0 (AlamaLabel, 1);
  label->key = g_strdup (key);
  label->name_ar = g_strdup (key);
  label->name_en = g_strdup (key);
  label->color = g_strdup (generated_palette[g_str_hash (key) % G_N_ELEMENTS (generated_palette)]);
  label->shortcut = NULL;
  label->kind = kind;
  g_ptr_array_add (self->labels, label);

  return label;
}

const AlamaRelationType *
alama_schema_ensure_relation_type (AlamaSchema *self,
                                   const char  *key)
{
  const AlamaRelationType *existing;
  AlamaRelationType *type;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (key != NULL && *key != '\0', NULL);

  existing = alama_schema_find_relation_type (self, key);
  if (existing != NULL)
    return existing;

  type = g_new0 (AlamaRelationType, 1);
  type->key = g_strdup (key);
  type->name_ar = g_strdup (key);
  type->name_en = g_strdup (key);
  type->from_labels = NULL;
  type->to_labels = NULL;
  g_ptr_array_add (self->relation_types, type);

  return type;
}
