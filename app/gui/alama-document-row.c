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
  GSignalGroup  *document_signals; /* its pending count */
  AlamaPendingCount *pending;     /* counts the badge; NULL: the document's own count */
  gulong         pending_changed_id;
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

static guint
count_pending (AlamaDocumentRow *self)
{
  if (self->document == NULL)
    return 0;
  if (self->pending == NULL)
    return alama_document_get_n_pending (self->document);
  return alama_pending_count_get (self->pending, self->document);
}

static void
update_badge (AlamaDocumentRow *self)
{
  guint n = count_pending (self);
  g_autofree char *text = g_strdup_printf ("%u", n);

  gtk_label_set_label (GTK_LABEL (self->pending_badge), text);
  gtk_widget_set_visible (self->pending_badge, n > 0);
}

static void
alama_document_row_dispose (GObject *object)
{
  AlamaDocumentRow *self = ALAMA_DOCUMENT_ROW (object);
  GtkWidget *child;

  if (self->bindings != NULL)
    g_binding_group_set_source (self->bindings, NULL);
  g_clear_object (&self->bindings);
  if (self->document_signals != NULL)
    g_signal_group_set_target (self->document_signals, NULL);
  g_clear_object (&self->document_signals);
  if (self->pending != NULL)
    g_clear_signal_handler (&self->pending_changed_id, self->pending);
  g_clear_object (&self->pending);

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
  self->document_signals = g_signal_group_new (ALAMA_TYPE_DOCUMENT);
  g_signal_group_connect_swapped (self->document_signals, "notify::n-pending",
                                  G_CALLBACK (update_badge), self);
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
  g_signal_group_set_target (self->document_signals, document);
  update_badge (self);
}

static void
set_pending_count (AlamaDocumentRow  *self,
                   AlamaPendingCount *pending)
{
  if (self->pending != NULL)
    g_clear_signal_handler (&self->pending_changed_id, self->pending);
  g_set_object (&self->pending, pending);
  if (pending != NULL)
    self->pending_changed_id = g_signal_connect_swapped (pending, "changed",
                                                         G_CALLBACK (update_badge), self);
  update_badge (self);
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
      n = count_pending (self);
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
  GtkWidget *row = alama_document_row_new ();

  set_pending_count (ALAMA_DOCUMENT_ROW (row), user_data);
  gtk_list_item_set_child (item, row);
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

static void
unref_pending_count (gpointer  pending,
                     GClosure *closure)
{
  g_object_unref (pending);
}

GtkListItemFactory *
alama_document_row_factory_new (AlamaPendingCount *pending)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_return_val_if_fail (pending == NULL || ALAMA_IS_PENDING_COUNT (pending), NULL);

  if (pending != NULL)
    g_signal_connect_data (factory, "setup", G_CALLBACK (setup_cb), g_object_ref (pending),
                           unref_pending_count, 0);
  else
    g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), NULL);
  return factory;
}
