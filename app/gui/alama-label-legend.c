/* alama-label-legend.c: see the header.
 *
 * One wrapping label of markup, made from the schema again only when the
 * store's schema is another one than the one shown: a row of widgets would
 * line the labels up in columns as wide as the widest, two lines taller. */
#define G_LOG_DOMAIN "alama-label-legend"

#include "config.h"

#include <glib/gi18n.h>

#include "alama-label-legend.h"
#include "alama-display-text.h"

struct _AlamaLabelLegend
{
  GtkWidget    parent_instance;

  /* Children */
  GtkWidget   *label;

  /* Owned */
  AlamaStore  *store;
  AlamaSchema *schema;        /* the one the chips show */
  gulong       changed_id;
};

G_DEFINE_FINAL_TYPE (AlamaLabelLegend, alama_label_legend, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The name in the interface's language: Arabic when it reads right to left
 * (as the dashboard names labels), else English, else the key alone. */
static const char *
label_name (const AlamaLabel *label)
{
  if (gtk_get_locale_direction () == GTK_TEXT_DIR_RTL && label->name_ar != NULL &&
      label->name_ar[0] != '\0')
    return label->name_ar;
  if (label->name_en != NULL && label->name_en[0] != '\0')
    return label->name_en;
  return NULL;
}

#define NBSP "\xc2\xa0"
#define RLM  "\xe2\x80\x8f"

/* One label as markup: its key (1-9), a dot in its colour, its key, its name.
 * No-break spaces hold a label together; the line wraps between labels only.
 * Isolated, so that in a right-to-left interface the Latin keys and digits of
 * one label do not reorder the labels around it. Keys and names come from the
 * project, so they are escaped. */
static void
append_label (GString          *markup,
              const AlamaLabel *label)
{
  const char *name = label_name (label);
  GdkRGBA rgba;
  g_autofree char *shortcut = NULL, *key = NULL, *named = NULL;

  if (label->color == NULL || !gdk_rgba_parse (&rgba, label->color))
    gdk_rgba_parse (&rgba, "#77767b");
  if (label->shortcut != NULL && label->shortcut[0] != '\0')
    shortcut = g_markup_printf_escaped ("<tt>%s</tt>" NBSP, label->shortcut);
  key = g_markup_printf_escaped ("<span foreground=\"#%02x%02x%02x\">\xe2\x97\x8f</span>"
                                 NBSP "<b>%s</b>",
                                 (int) (rgba.red * 255 + 0.5), (int) (rgba.green * 255 + 0.5),
                                 (int) (rgba.blue * 255 + 0.5), label->key);
  if (name != NULL)
    named = g_markup_printf_escaped (NBSP "<span fgalpha=\"65%%\">%s</span>", name);
  g_string_append (markup, ALAMA_FSI);
  g_string_append (markup, shortcut != NULL ? shortcut : "");
  g_string_append (markup, key);
  g_string_append (markup, named != NULL ? named : "");
  g_string_append (markup, ALAMA_PDI);
}

static void
rebuild (AlamaLabelLegend *self)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  guint n = self->schema != NULL ? self->schema->labels->len : 0;

  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    g_string_append (markup, RLM);
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (markup, "   ");
      append_label (markup, g_ptr_array_index (self->schema->labels, i));
    }
  gtk_label_set_markup (GTK_LABEL (self->label), markup->str);
  gtk_widget_set_visible (GTK_WIDGET (self), n > 0);
}

static void
follow_schema (AlamaLabelLegend *self)
{
  g_autoptr(AlamaSchema) schema = self->store != NULL ? alama_store_get_schema (self->store) : NULL;

  if (schema == self->schema)
    return;
  g_clear_pointer (&self->schema, alama_schema_unref);
  self->schema = g_steal_pointer (&schema);
  rebuild (self);
}

/* A change that names no document may be the schema's (an import that added
 * labels, `alama schema --import` from another process). */
static void
store_changed_cb (AlamaLabelLegend *self,
                  gint64            document_id,
                  AlamaStore       *store)
{
  if (document_id == 0)
    follow_schema (self);
}

void
alama_label_legend_set_store (AlamaLabelLegend *self,
                              AlamaStore       *store)
{
  g_return_if_fail (ALAMA_IS_LABEL_LEGEND (self));
  g_return_if_fail (store == NULL || ALAMA_IS_STORE (store));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_set_object (&self->store, store);
  if (store != NULL)
    self->changed_id = g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb),
                                                self, G_CONNECT_SWAPPED);
  follow_schema (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

AlamaStore *
alama_label_legend_get_store (AlamaLabelLegend *self)
{
  g_return_val_if_fail (ALAMA_IS_LABEL_LEGEND (self), NULL);
  return self->store;
}

static void
alama_label_legend_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AlamaLabelLegend *self = ALAMA_LABEL_LEGEND (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alama_label_legend_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AlamaLabelLegend *self = ALAMA_LABEL_LEGEND (object);

  switch (prop_id)
    {
    case PROP_STORE:
      alama_label_legend_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alama_label_legend_dispose (GObject *object)
{
  AlamaLabelLegend *self = ALAMA_LABEL_LEGEND (object);

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);
  g_clear_pointer (&self->schema, alama_schema_unref);
  g_clear_pointer (&self->label, gtk_widget_unparent);
  G_OBJECT_CLASS (alama_label_legend_parent_class)->dispose (object);
}

/* The direction mark that leads the line follows the interface's direction
 * (Preferences can turn it around). */
static void
alama_label_legend_direction_changed (GtkWidget        *widget,
                                      GtkTextDirection  previous_direction)
{
  GTK_WIDGET_CLASS (alama_label_legend_parent_class)->direction_changed (widget, previous_direction);
  rebuild (ALAMA_LABEL_LEGEND (widget));
}

static void
alama_label_legend_class_init (AlamaLabelLegendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = alama_label_legend_get_property;
  object_class->set_property = alama_label_legend_set_property;
  object_class->dispose = alama_label_legend_dispose;
  widget_class->direction_changed = alama_label_legend_direction_changed;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, ALAMA_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "labellegend");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
alama_label_legend_init (AlamaLabelLegend *self)
{
  self->label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->label), PANGO_WRAP_WORD);
  gtk_label_set_xalign (GTK_LABEL (self->label), 0.0);
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Labels"), -1);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
alama_label_legend_new (void)
{
  return g_object_new (ALAMA_TYPE_LABEL_LEGEND, NULL);
}
