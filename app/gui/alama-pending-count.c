/* alama-pending-count.c: see the header. */
#define G_LOG_DOMAIN "alama-pending-count"

#include "config.h"

#include <alama/alama-span-filter.h>

#include "alama-pending-count.h"

struct _AlamaPendingCount
{
  GObject     parent_instance;

  AlamaStore *store;
  double      min_confidence;   /* the text view's threshold */
};

G_DEFINE_FINAL_TYPE (AlamaPendingCount, alama_pending_count, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_MIN_CONFIDENCE,
  N_PROPS
};

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

AlamaPendingCount *
alama_pending_count_new (void)
{
  return g_object_new (ALAMA_TYPE_PENDING_COUNT, NULL);
}

void
alama_pending_count_set_store (AlamaPendingCount *self,
                               AlamaStore        *store)
{
  g_return_if_fail (ALAMA_IS_PENDING_COUNT (self));
  g_return_if_fail (store == NULL || ALAMA_IS_STORE (store));

  if (g_set_object (&self->store, store))
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
set_min_confidence (AlamaPendingCount *self,
                    double             min_confidence)
{
  if (min_confidence == self->min_confidence)
    return;
  self->min_confidence = min_confidence;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIN_CONFIDENCE]);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

guint
alama_pending_count_get (AlamaPendingCount *self,
                         AlamaDocument     *document)
{
  AlamaSpanFilter shown = { ALAMA_STATUS_MASK_PENDING, 0.0 };
  guint n;

  g_return_val_if_fail (ALAMA_IS_PENDING_COUNT (self), 0);
  g_return_val_if_fail (ALAMA_IS_DOCUMENT (document), 0);

  n = alama_document_get_n_pending (document);
  if (n == 0 || self->store == NULL || self->min_confidence <= 0.0)
    return n;
  shown.min_confidence = self->min_confidence;
  return alama_span_filter_count_suggestions (&shown, self->store,
                                              alama_document_get_id (document), NULL);
}

static void
alama_pending_count_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AlamaPendingCount *self = ALAMA_PENDING_COUNT (object);

  switch (prop_id)
    {
    case PROP_MIN_CONFIDENCE:
      g_value_set_double (value, self->min_confidence);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alama_pending_count_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  AlamaPendingCount *self = ALAMA_PENDING_COUNT (object);

  switch (prop_id)
    {
    case PROP_MIN_CONFIDENCE:
      set_min_confidence (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alama_pending_count_dispose (GObject *object)
{
  AlamaPendingCount *self = ALAMA_PENDING_COUNT (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (alama_pending_count_parent_class)->dispose (object);
}

static void
alama_pending_count_class_init (AlamaPendingCountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = alama_pending_count_get_property;
  object_class->set_property = alama_pending_count_set_property;
  object_class->dispose = alama_pending_count_dispose;

  /* Suggestions a model was less sure of are not counted. */
  properties[PROP_MIN_CONFIDENCE] =
    g_param_spec_double ("min-confidence", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
alama_pending_count_init (AlamaPendingCount *self)
{
}
