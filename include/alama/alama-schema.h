/* alama-schema.h: the labels, relation types and attributes of a project.
 *
 * A schema is a plain refcounted value. The store keeps the project's schema in
 * its tables; alama_store_get_schema() returns it as an AlamaSchema. On disk a
 * schema is a GLib key file (.ini) a person can edit:
 *
 *   [label PER]
 *   name-ar=شخص
 *   name-en=Person
 *   color=#3584e4
 *   key=1
 *   kind=entity
 *
 *   [relation SPEAKER]
 *   name-ar=المتحدث
 *   name-en=Speaker
 *   from=PER;ORG;GPE;
 *   to=QUOTE;
 *
 *   [attribute CLAIM stance]
 *   values=asserts;denies;accuses;promises;
 */
#pragma once

#include <glib-object.h>

#include "alama-types.h"

G_BEGIN_DECLS

typedef enum
{
  ALAMA_LABEL_KIND_ENTITY = 0,
  ALAMA_LABEL_KIND_QUOTE,
  ALAMA_LABEL_KIND_CUE,
  ALAMA_LABEL_KIND_CLAIM,
  ALAMA_LABEL_KIND_OTHER,
  /* A brat event type: a span of it is an event's trigger, its relations to
   * the event's arguments typed by their roles (alama-export-brat.c). */
  ALAMA_LABEL_KIND_EVENT,
} AlamaLabelKind;

const char *alama_label_kind_to_string   (AlamaLabelKind  kind);
gboolean    alama_label_kind_from_string (const char     *str,
                                          AlamaLabelKind *kind);

typedef struct
{
  char           *key;       /* "PER": what is stored on annotations and exported */
  char           *name_ar;
  char           *name_en;
  char           *color;     /* "#rrggbb" */
  char           *shortcut;  /* a single key such as "1", or NULL */
  AlamaLabelKind  kind;
} AlamaLabel;

typedef struct
{
  char  *key;                /* "SPEAKER" */
  char  *name_ar;
  char  *name_en;
  char **from_labels;        /* allowed labels at the "from" end; NULL or empty = any */
  char **to_labels;          /* likewise at the "to" end */
} AlamaRelationType;

typedef struct
{
  char  *label;              /* the label it applies to, e.g. "CLAIM" */
  char  *name;               /* "stance" */
  char **values;             /* allowed values; NULL or empty = free text */
} AlamaAttributeDef;

struct _AlamaSchema
{
  GPtrArray *labels;         /* of AlamaLabel*, in display order */
  GPtrArray *relation_types; /* of AlamaRelationType* */
  GPtrArray *attributes;     /* of AlamaAttributeDef* */
};

#define ALAMA_TYPE_SCHEMA (alama_schema_get_type ())

GType        alama_schema_get_type            (void) G_GNUC_CONST;
AlamaSchema *alama_schema_new                 (void);
/* The news-analysis schema every new project starts with (see README). */
AlamaSchema *alama_schema_new_default         (void);
AlamaSchema *alama_schema_ref                 (AlamaSchema *self);
void         alama_schema_unref               (AlamaSchema *self);
AlamaSchema *alama_schema_copy                (AlamaSchema *self);

const AlamaLabel        *alama_schema_find_label          (AlamaSchema *self,
                                                           const char  *key);
const AlamaLabel        *alama_schema_find_label_by_shortcut (AlamaSchema *self,
                                                              const char  *shortcut);
const AlamaRelationType *alama_schema_find_relation_type  (AlamaSchema *self,
                                                           const char  *key);
/* Attribute definitions that apply to @label (borrowed pointers; free the array). */
GPtrArray               *alama_schema_attributes_for      (AlamaSchema *self,
                                                           const char  *label);
const AlamaAttributeDef *alama_schema_find_attribute      (AlamaSchema *self,
                                                           const char  *label,
                                                           const char  *name);
/* Relation types allowed from a @from_label span to a @to_label span (borrowed
 * pointers; free the array). */
GPtrArray               *alama_schema_relation_types_for  (AlamaSchema *self,
                                                           const char  *from_label,
                                                           const char  *to_label);
gboolean                 alama_schema_relation_allowed    (AlamaSchema *self,
                                                           const char  *type,
                                                           const char  *from_label,
                                                           const char  *to_label);
/* Adds a label with a generated colour and no shortcut (used by --add-labels);
 * returns the existing one if @key is already there. */
const AlamaLabel        *alama_schema_ensure_label        (AlamaSchema *self,
                                                           const char  *key,
                                                           AlamaLabelKind kind);
/* Adds a relation type that allows any labels at both ends, unless it exists. */
const AlamaRelationType *alama_schema_ensure_relation_type (AlamaSchema *self,
                                                            const char  *key);

/* Whether @key can name a label, relation type or attribute (@what says which,
 * for the message): not empty, and no control characters or white space other
 * than a plain space (brat's and CoNLL's fields are split at them). Fails with
 * ALAMA_SCHEMA_ERROR_INVALID naming the key and the character. */
gboolean                 alama_schema_check_key           (const char  *key,
                                                           const char  *what,
                                                           GError     **error);

/* Key file form. Errors are G_KEY_FILE_ERROR or ALAMA_SCHEMA_ERROR and name the
 * file and group. */
AlamaSchema *alama_schema_load_keyfile   (const char   *path,
                                          GError      **error);
AlamaSchema *alama_schema_from_keyfile_data (const char *data,
                                             gsize       len,
                                             GError    **error);
char        *alama_schema_to_keyfile_data (AlamaSchema *self,
                                           gsize       *len);
gboolean     alama_schema_save_keyfile   (AlamaSchema  *self,
                                          const char   *path,
                                          GError      **error);

#define ALAMA_SCHEMA_ERROR (alama_schema_error_quark ())
GQuark alama_schema_error_quark (void);

typedef enum
{
  ALAMA_SCHEMA_ERROR_INVALID,     /* a group or value that makes no sense */
  ALAMA_SCHEMA_ERROR_DUPLICATE,   /* a label key or shortcut used twice */
} AlamaSchemaError;

/* Utility for constant tables */
void alama_label_free              (AlamaLabel        *label);
void alama_relation_type_free      (AlamaRelationType *type);
void alama_attribute_def_free      (AlamaAttributeDef *def);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlamaSchema, alama_schema_unref)

G_END_DECLS
