/* alama-source-chooser.c: see the header. */
#define G_LOG_DOMAIN "alama-source-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include <alama/alama-span-filter.h>

#include "alama-after-frame.h"
#include "alama-source-chooser.h"

struct _AlamaSourceChooser
{
  GtkWidget        parent_instance;

  /* Children */
  GtkDropDown     *dropdown;
  GtkStringList   *items;          /* "All sources", then sources */

  /* Owned */
  AlamaStore      *store;
  gulong           store_changed_id;
  AlamaAfterFrame *follow_store;   /* a change is followed after its frame */
  GPtrArray       *sources;        /* char*: the raw source of item i + 1 */
  char            *source;         /* the chosen one, NULL = all */
  double           min_confidence; /* the text view's threshold: weaker suggestions are hidden */
  GtkCustomFilter *filter;
  gboolean         refilling;      /* the drop-down is being refilled */
};

G_DEFINE_FINAL_TYPE (AlamaSourceChooser, alama_source_chooser, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SOURCE,
  PROP_MIN_CONFIDENCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
has_suggestions_from_source (gpointer item,
                             gpointer user_data)
{
  AlamaSourceChooser *self = user_data;
  AlamaSpanFilter shown = { ALAMA_STATUS_MASK_PENDING, self->min_confidence };

  if (self->source == NULL || self->store == NULL)
    return TRUE;
  /* A document whose suggestions from the source are all too weak to show
   * has nothing to review from it. */
  return alama_span_filter_count_suggestions (&shown, self->store, alama_document_get_id (item),
                                              self->source) > 0;
}

static void
selected_cb (AlamaSourceChooser *self)
{
  guint selected = gtk_drop_down_get_selected (self->dropdown);
  const char *source = NULL;

  if (self->refilling || self->sources == NULL)
    return;
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected <= self->sources->len)
    source = g_ptr_array_index (self->sources, selected - 1);
  if (g_strcmp0 (source, self->source) == 0)
    return;
  g_free (self->source);
  self->source = g_strdup (source);
  /* "All sources" leaves no function: the list need not read every document. */
  gtk_custom_filter_set_filter_func (self->filter,
                                     self->source != NULL ? has_suggestions_from_source : NULL,
                                     self->source != NULL ? self : NULL, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);
}

static gboolean
same_sources (GPtrArray *a,
              GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (g_strcmp0 (g_ptr_array_index (a, i), g_ptr_array_index (b, i)) != 0)
      return FALSE;
  return TRUE;
}

void
alama_source_chooser_refresh (AlamaSourceChooser *self)
{
  g_autoptr(GPtrArray) sources = NULL;
  g_autofree char *chosen_before = NULL;
  guint selected = 0;

  g_return_if_fail (ALAMA_IS_SOURCE_CHOOSER (self));

  chosen_before = g_strdup (self->source);

  if (self->store != NULL)
    sources = alama_store_list_suggestion_sources (self->store, self->min_confidence, NULL);
  if (sources == NULL)
    sources = g_ptr_array_new_with_free_func (g_free);

  if (!same_sources (sources, self->sources))
    {
      guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->items));
      g_autoptr(GPtrArray) names = g_ptr_array_new ();

      g_ptr_array_add (names, _("All sources"));
      for (guint i = 0; i < sources->len; i++)
        {
          g_ptr_array_add (names, g_ptr_array_index (sources, i));
          if (g_strcmp0 (g_ptr_array_index (sources, i), self->source) == 0)
            selected = i + 1;
        }
      g_ptr_array_add (names, NULL);

      /* The chosen source stays chosen while it has suggestions; else "All". */
      self->refilling = TRUE;
      g_ptr_array_unref (self->sources);
      self->sources = g_steal_pointer (&sources);
      gtk_string_list_splice (self->items, 0, n_items, (const char * const *) names->pdata);
      gtk_drop_down_set_selected (self->dropdown, selected);
      self->refilling = FALSE;
      selected_cb (self);
    }
  /* A new choice set the filter anew; the same one may now pass other
   * documents. */
  if (self->source != NULL && g_strcmp0 (self->source, chosen_before) == 0)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);

  gtk_widget_set_sensitive (GTK_WIDGET (self->dropdown), self->sources->len > 0);
}

static void
follow_store (gpointer user_data)
{
  alama_source_chooser_refresh (user_data);
}

static void
store_changed_cb (AlamaSourceChooser *self,
                  gint64              document_id)
{
  alama_after_frame_schedule (self->follow_store);
}

void
alama_source_chooser_set_store (AlamaSourceChooser *self,
                                AlamaStore         *store)
{
  g_return_if_fail (ALAMA_IS_SOURCE_CHOOSER (self));
  g_return_if_fail (store == NULL || ALAMA_IS_STORE (store));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_clear_signal_handler (&self->store_changed_id, self->store);
  g_set_object (&self->store, store);
  if (store != NULL)
    self->store_changed_id = g_signal_connect_swapped (store, "changed",
                                                       G_CALLBACK (store_changed_cb), self);
  alama_after_frame_cancel (self->follow_store);
  alama_source_chooser_refresh (self);
}

const char *
alama_source_chooser_get_source (AlamaSourceChooser *self)
{
  g_return_val_if_fail (ALAMA_IS_SOURCE_CHOOSER (self), NULL);

  return self->source;
}

gboolean
alama_source_chooser_set_source (AlamaSourceChooser *self,
                                 const char         *source)
{
  g_return_val_if_fail (ALAMA_IS_SOURCE_CHOOSER (self), FALSE);

  if (source == NULL)
    {
      gtk_drop_down_set_selected (self->dropdown, 0);
      return TRUE;
    }
  for (guint i = 0; i < self->sources->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->sources, i), source) == 0)
      {
        gtk_drop_down_set_selected (self->dropdown, i + 1);
        return TRUE;
      }
  return FALSE;
}

static void
set_min_confidence (AlamaSourceChooser *self,
                    double              min_confidence)
{
  if (min_confidence == self->min_confidence)
    return;
  self->min_confidence = min_confidence;
  /* Which sources are offered, and which documents have suggestions from the
   * chosen one, both depend on it. */
  alama_source_chooser_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIN_CONFIDENCE]);
}

GtkFilter *
alama_source_chooser_get_filter (AlamaSourceChooser *self)
{
  g_return_val_if_fail (ALAMA_IS_SOURCE_CHOOSER (self), NULL);

  return GTK_FILTER (self->filter);
}

GtkWidget *
alama_source_chooser_new (void)
{
  return g_object_new (ALAMA_TYPE_SOURCE_CHOOSER, NULL);
}

static void
alama_source_chooser_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  AlamaSourceChooser *self = ALAMA_SOURCE_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;
    case PROP_MIN_CONFIDENCE:
      g_value_set_double (value, self->min_confidence);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alama_source_chooser_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  AlamaSourceChooser *self = ALAMA_SOURCE_CHOOSER (object);

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
alama_source_chooser_dispose (GObject *object)
{
  AlamaSourceChooser *self = ALAMA_SOURCE_CHOOSER (object);

  g_clear_pointer (&self->follow_store, alama_after_frame_free);
  if (self->store != NULL)
    g_clear_signal_handler (&self->store_changed_id, self->store);
  g_clear_object (&self->store);
  if (self->filter != NULL)
    gtk_custom_filter_set_filter_func (self->filter, NULL, NULL, NULL);
  g_clear_object (&self->filter);
  gtk_widget_dispose_template (GTK_WIDGET (self), ALAMA_TYPE_SOURCE_CHOOSER);

  G_OBJECT_CLASS (alama_source_chooser_parent_class)->dispose (object);
}

static void
alama_source_chooser_finalize (GObject *object)
{
  AlamaSourceChooser *self = ALAMA_SOURCE_CHOOSER (object);

  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_free (self->source);

  G_OBJECT_CLASS (alama_source_chooser_parent_class)->finalize (object);
}

static void
alama_source_chooser_class_init (AlamaSourceChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = alama_source_chooser_get_property;
  object_class->set_property = alama_source_chooser_set_property;
  object_class->dispose = alama_source_chooser_dispose;
  object_class->finalize = alama_source_chooser_finalize;

  /* The chosen source of suggestions, NULL for all. */
  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Suggestions below this confidence are hidden (alama-span-filter.h): a
   * source or a document with only those has nothing to review. */
  properties[PROP_MIN_CONFIDENCE] =
    g_param_spec_double ("min-confidence", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/alama/Workbench/alama-source-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, AlamaSourceChooser, dropdown);
  gtk_widget_class_bind_template_child (widget_class, AlamaSourceChooser, items);
  gtk_widget_class_bind_template_callback (widget_class, selected_cb);
}

static void
alama_source_chooser_init (AlamaSourceChooser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->sources = g_ptr_array_new_with_free_func (g_free);
  self->filter = gtk_custom_filter_new (NULL, NULL, NULL);
  self->follow_store = alama_after_frame_new (GTK_WIDGET (self), follow_store, self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->dropdown), FALSE);
}
