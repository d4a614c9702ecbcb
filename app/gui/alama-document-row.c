/* alama-document-row.c: a row of the sidebar's document list. */
#define G_LOG_DOMAIN "alama-document-row"

#include "config.h"

#include <glib/gi18n.h>

#include "alama-document-row.h"

struct _AlamaDocumentRow
{
  GtkWidget      parent_instance;

  /* Children */
  GtkWidget     *name_label;
  GtkWidget     *count_label;
  GtkWidget     *pending_badge;

  /* Borrowed: the list item holds the document while the row is bound */
  AlamaDocument *document;

  /* Owned */
  GBindingGroup *bindings;   /* to the document shown */
};

G_DEFINE_FINAL_TYPE (AlamaDocumentRow, alama_document_row, GTK_TYPE_WIDGET)

static gboolean
count_to_label (GBinding     *binding,
                const GValue *from,
                GValue       *to,
                gpointer      user_data)
{
  g_value_take_string (to, g_strdup_printf ("%u", g_value_get_uint (from)));
  return TRUE;
}

/* The tooltips are made when asked for: gtk_widget_set_tooltip_text() on a
 * shown widget costs X round trips (GTK asks where the pointer is), and the
 * count of the open document changes with every annotation made. */
static gboolean
query_tooltip_cb (GtkWidget  *label,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  AlamaDocumentRow *self = user_data;
  g_autofree char *text = _alama_document_row_dup_tooltip (self, label);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static gboolean
count_to_visible (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  g_value_set_boolean (to, g_value_get_uint (from) > 0);
  return TRUE;
}

static void
alama_document_row_dispose (GObject *object)
{
  AlamaDocumentRow *self = ALAMA_DOCUMENT_ROW (object);
  GtkWidget *child;

  if (self->bindings != NULL)
    g_binding_group_set_source (self->bindings, NULL);
  g_clear_object (&self->bindings);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (alama_document_row_parent_class)->dispose (object);
}

static void
alama_document_row_class_init (AlamaDocumentRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alama_document_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "documentrow");
}

static void
alama_document_row_init (AlamaDocumentRow *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);

  self->name_label = g_object_new (GTK_TYPE_LABEL,
                                   "xalign", 0.0f,
                                   "hexpand", TRUE,
                                   "ellipsize", PANGO_ELLIPSIZE_END,
                                   NULL);
  gtk_widget_set_parent (self->name_label, GTK_WIDGET (self));

  self->count_label = g_object_new (GTK_TYPE_LABEL, "css-classes",
                                    (const char *[]) { "dim-label", "numeric", NULL },
                                    NULL);
  gtk_widget_set_parent (self->count_label, GTK_WIDGET (self));

  self->pending_badge = g_object_new (GTK_TYPE_LABEL,
                                      "css-classes",
                                      (const char *[]) { "pending-badge", "numeric", NULL },
                                      "valign", GTK_ALIGN_CENTER,
                                      "visible", FALSE,
                                      NULL);
  gtk_widget_set_parent (self->pending_badge, GTK_WIDGET (self));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gtk_widget_set_has_tooltip (child, TRUE);
      g_signal_connect (child, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);
    }

  self->bindings = g_binding_group_new ();
  g_binding_group_bind (self->bindings, "name", self->name_label, "label", G_BINDING_SYNC_CREATE);
  g_binding_group_bind_full (self->bindings, "n-annotations", self->count_label, "label",
                             G_BINDING_SYNC_CREATE, count_to_label, NULL, NULL, NULL);
  g_binding_group_bind_full (self->bindings, "n-pending", self->pending_badge, "label",
                             G_BINDING_SYNC_CREATE, count_to_label, NULL, NULL, NULL);
  g_binding_group_bind_full (self->bindings, "n-pending", self->pending_badge, "visible",
                             G_BINDING_SYNC_CREATE, count_to_visible, NULL, NULL, NULL);
}

GtkWidget *
alama_document_row_new (void)
{
  return g_object_new (ALAMA_TYPE_DOCUMENT_ROW, NULL);
}

void
alama_document_row_set_document (AlamaDocumentRow *self,
                                 AlamaDocument    *document)
{
  g_return_if_fail (ALAMA_IS_DOCUMENT_ROW (self));
  g_return_if_fail (document == NULL || ALAMA_IS_DOCUMENT (document));

  self->document = document;
  g_binding_group_set_source (self->bindings, document);
}

char *
_alama_document_row_dup_tooltip (AlamaDocumentRow *self,
                                 GtkWidget        *child)
{
  guint n;

  g_return_val_if_fail (ALAMA_IS_DOCUMENT_ROW (self), NULL);

  if (self->document == NULL)
    return NULL;
  if (child == self->name_label)
    return g_strdup (alama_document_get_name (self->document));
  if (child == self->count_label)
    {
      n = alama_document_get_n_annotations (self->document);
      return g_strdup_printf (ngettext ("%u annotation", "%u annotations", n), n);
    }
  if (child == self->pending_badge)
    {
      n = alama_document_get_n_pending (self->document);
      return g_strdup_printf (ngettext ("%u suggestion to review",
                                        "%u suggestions to review", n), n);
    }
  return NULL;
}

AlamaDocument *
alama_document_row_get_document (AlamaDocumentRow *self)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT_ROW (self), NULL);

  return self->document;
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  gtk_list_item_set_child (item, alama_document_row_new ());
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         gpointer                  user_data)
{
  alama_document_row_set_document (ALAMA_DOCUMENT_ROW (gtk_list_item_get_child (item)),
                                   gtk_list_item_get_item (item));
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  alama_document_row_set_document (ALAMA_DOCUMENT_ROW (gtk_list_item_get_child (item)), NULL);
}

GtkListItemFactory *
alama_document_row_factory_new (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), NULL);
  return factory;
}
