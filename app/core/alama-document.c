/* alama-document.c: a document of a project, as listed in the sidebar.
 *
 * The store creates these (see alama-store-private.h) and keeps their counts up
 * to date; everything else reads them. The text is not held here.
 */
#define G_LOG_DOMAIN "alama-document"

#include "config.h"

#include "alama/alama-document.h"
#include "alama-store-private.h"

struct _AlamaDocument
{
  GObject parent_instance;

  /* Immutable after construction */
  gint64  id;
  char   *name;
  char   *source_path;
  char   *metadata_json;
  char   *format_data;
  char   *content_hash;
  char   *sort_key;
  gint64  imported_at;
  gint64  length;

  /* Kept up to date by the store */
  guint   n_annotations;
  guint   n_pending;
};

G_DEFINE_FINAL_TYPE (AlamaDocument, alama_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_N_ANNOTATIONS,
  PROP_N_PENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
alama_document_finalize (GObject *object)
{
  AlamaDocument *self = ALAMA_DOCUMENT (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->source_path, g_free);
  g_clear_pointer (&self->metadata_json, g_free);
  g_clear_pointer (&self->format_data, g_free);
  g_clear_pointer (&self->content_hash, g_free);
  g_clear_pointer (&self->sort_key, g_free);

  G_OBJECT_CLASS (alama_document_parent_class)->finalize (object);
}

static void
alama_document_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AlamaDocument *self = ALAMA_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_N_ANNOTATIONS:
      g_value_set_uint (value, self->n_annotations);
      break;

    case PROP_N_PENDING:
      g_value_set_uint (value, self->n_pending);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alama_document_class_init (AlamaDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = alama_document_finalize;
  object_class->get_property = alama_document_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ANNOTATIONS] =
    g_param_spec_uint ("n-annotations", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PENDING] =
    g_param_spec_uint ("n-pending", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
alama_document_init (AlamaDocument *self)
{
}

AlamaDocument *
_alama_document_new (gint64      id,
                     const char *name,
                     const char *source_path,
                     const char *metadata_json,
                     const char *format_data,
                     const char *content_hash,
                     gint64      imported_at,
                     gint64      length,
                     guint       n_annotations,
                     guint       n_pending)
{
  AlamaDocument *self = g_object_new (ALAMA_TYPE_DOCUMENT, NULL);

  self->id = id;
  self->name = g_strdup (name);
  self->sort_key = g_utf8_collate_key_for_filename (name ? name : "", -1);
  self->source_path = g_strdup (source_path);
  self->metadata_json = g_strdup (metadata_json ? metadata_json : "{}");
  self->format_data = g_strdup (format_data);
  self->content_hash = g_strdup (content_hash);
  self->imported_at = imported_at;
  self->length = length;
  self->n_annotations = n_annotations;
  self->n_pending = n_pending;

  return self;
}

void
_alama_document_set_counts (AlamaDocument *self,
                            guint          n_annotations,
                            guint          n_pending)
{
  g_return_if_fail (ALAMA_IS_DOCUMENT (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (self->n_annotations != n_annotations)
    {
      self->n_annotations = n_annotations;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ANNOTATIONS]);
    }
  if (self->n_pending != n_pending)
    {
      self->n_pending = n_pending;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
_alama_document_get_sort_key (AlamaDocument *self)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT (self), NULL);
  return self->sort_key;
}

gint64
alama_document_get_id (AlamaDocument *self)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT (self), 0);
  return self->id;
}

const char *
alama_document_get_name (AlamaDocument *self)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT (self), NULL);
  return self->name;
}

const char *
alama_document_get_source_path (AlamaDocument *self)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT (self), NULL);
  return self->source_path;
}

const char *
alama_document_get_metadata_json (AlamaDocument *self)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT (self), NULL);
  return self->metadata_json;
}

const char *
alama_document_get_format_data (AlamaDocument *self)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT (self), NULL);
  return self->format_data;
}

const char *
alama_document_get_content_hash (AlamaDocument *self)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT (self), NULL);
  return self->content_hash;
}

gint64
alama_document_get_imported_at (AlamaDocument *self)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT (self), 0);
  return self->imported_at;
}

gint64
alama_document_get_length (AlamaDocument *self)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT (self), 0);
  return self->length;
}

guint
alama_document_get_n_annotations (AlamaDocument *self)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT (self), 0);
  return self->n_annotations;
}

guint
alama_document_get_n_pending (AlamaDocument *self)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT (self), 0);
  return self->n_pending;
}
