/* alama-span-object.c: read-only GObject view of an AlamaSpan. */
#define G_LOG_DOMAIN "alama-span-object"

#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "alama-span-object.h"
#include "alama-status-text.h"
#include "alama-display-text.h"


struct _AlamaSpanObject
{
  GObject    parent_instance;

  AlamaSpan *span;
  char      *color;
  char      *label_name; /* what the panel shows: the Arabic name under an Arabic UI */
  char      *plain_text;
  char      *text;       /* FSI plain_text PDI */
};

G_DEFINE_FINAL_TYPE (AlamaSpanObject, alama_span_object, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_LABEL,
  PROP_COLOR,
  PROP_TEXT,
  PROP_STATUS,
  PROP_STATUS_LABEL,
  PROP_SOURCE,
  PROP_ANNOTATOR,
  PROP_START,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
alama_span_object_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AlamaSpanObject *self = ALAMA_SPAN_OBJECT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->span->id);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->span->label);
      break;
    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_STATUS:
      g_value_set_string (value, alama_status_to_string (self->span->status));
      break;
    case PROP_STATUS_LABEL:
      g_value_set_string (value, alama_span_object_get_status_label (self));
      break;
    case PROP_SOURCE:
      g_value_set_string (value, self->span->source != NULL ? self->span->source
                                                            : ALAMA_SOURCE_MANUAL);
      break;
    case PROP_ANNOTATOR:
      g_value_set_string (value, self->span->annotator != NULL ? self->span->annotator : "");
      break;
    case PROP_START:
      g_value_set_int64 (value, alama_span_get_start (self->span));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alama_span_object_finalize (GObject *object)
{
  AlamaSpanObject *self = ALAMA_SPAN_OBJECT (object);

  g_clear_pointer (&self->span, alama_span_unref);
  g_clear_pointer (&self->color, g_free);
  g_clear_pointer (&self->label_name, g_free);
  g_clear_pointer (&self->plain_text, g_free);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (alama_span_object_parent_class)->finalize (object);
}

static void
alama_span_object_class_init (AlamaSpanObjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = alama_span_object_get_property;
  object_class->finalize = alama_span_object_finalize;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS_LABEL] =
    g_param_spec_string ("status-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANNOTATOR] =
    g_param_spec_string ("annotator", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_START] =
    g_param_spec_int64 ("start", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
alama_span_object_init (AlamaSpanObject *self)
{
}

/* Takes @plain_text. */
static AlamaSpanObject *
span_object_new (AlamaSpan   *span,
                 char        *plain_text,
                 AlamaSchema *schema)
{
  AlamaSpanObject *self;
  const AlamaLabel *label = NULL;

  self = g_object_new (ALAMA_TYPE_SPAN_OBJECT, NULL);
  self->span = alama_span_ref (span);
  if (schema != NULL && span->label != NULL)
    label = alama_schema_find_label (schema, span->label);
  self->color = g_strdup (label != NULL && label->color != NULL ? label->color : "#9a9996");
  /* Under an Arabic interface the schema's Arabic display name; else the key,
   * which is what the exported data says. */
  if (label != NULL && label->name_ar != NULL && label->name_ar[0] != '\0' &&
      pango_language_matches (gtk_get_default_language (), "ar"))
    self->label_name = g_strdup (label->name_ar);
  else
    self->label_name = g_strdup (span->label != NULL ? span->label : "");
  self->plain_text = plain_text != NULL ? plain_text : g_strdup ("");
  self->text = g_strconcat (ALAMA_FSI, self->plain_text, ALAMA_PDI, NULL);
  return self;
}

AlamaSpanObject *
alama_span_object_new (AlamaSpan   *span,
                       const char  *document_text,
                       AlamaSchema *schema)
{
  g_return_val_if_fail (span != NULL, NULL);

  return span_object_new (span,
                          document_text != NULL ? alama_span_dup_text (span, document_text) : NULL,
                          schema);
}

AlamaSpanObject *
alama_span_object_new_indexed (AlamaSpan      *span,
                               AlamaTextIndex *text_index,
                               AlamaSchema    *schema)
{
  GString *text;

  g_return_val_if_fail (span != NULL, NULL);

  if (text_index == NULL)
    return span_object_new (span, NULL, schema);

  /* As alama_span_dup_text(), with the index's offset table instead of a walk
   * from the start of the text for every fragment. */
  text = g_string_new (NULL);
  for (guint i = 0; i < alama_span_get_n_fragments (span); i++)
    {
      const AlamaFragment *f = alama_span_get_fragment (span, i);
      g_autofree char *piece = alama_text_index_substring (text_index, f->start, f->end);

      if (i > 0)
        g_string_append (text, " \u2026 ");
      g_string_append (text, piece);
    }
  return span_object_new (span, g_string_free (text, FALSE), schema);
}

AlamaSpan *
alama_span_object_get_span (AlamaSpanObject *self)
{
  g_return_val_if_fail (ALAMA_IS_SPAN_OBJECT (self), NULL);

  return self->span;
}

gint64
alama_span_object_get_id (AlamaSpanObject *self)
{
  g_return_val_if_fail (ALAMA_IS_SPAN_OBJECT (self), 0);

  return self->span->id;
}

const char *
alama_span_object_get_label (AlamaSpanObject *self)
{
  g_return_val_if_fail (ALAMA_IS_SPAN_OBJECT (self), NULL);

  return self->span->label;
}

const char *
alama_span_object_get_label_name (AlamaSpanObject *self)
{
  g_return_val_if_fail (ALAMA_IS_SPAN_OBJECT (self), NULL);

  return self->label_name;
}

const char *
alama_span_object_get_color (AlamaSpanObject *self)
{
  g_return_val_if_fail (ALAMA_IS_SPAN_OBJECT (self), NULL);

  return self->color;
}

const char *
alama_span_object_get_text (AlamaSpanObject *self)
{
  g_return_val_if_fail (ALAMA_IS_SPAN_OBJECT (self), NULL);

  return self->text;
}

const char *
alama_span_object_get_plain_text (AlamaSpanObject *self)
{
  g_return_val_if_fail (ALAMA_IS_SPAN_OBJECT (self), NULL);

  return self->plain_text;
}

const char *
alama_span_object_get_status_label (AlamaSpanObject *self)
{
  g_return_val_if_fail (ALAMA_IS_SPAN_OBJECT (self), NULL);

  return alama_status_text (self->span->status);
}
