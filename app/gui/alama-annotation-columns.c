/* alama-annotation-columns.c: the columns of the annotation list (see the header). */
#define G_LOG_DOMAIN "alama-annotation-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "alama-annotation-columns.h"
#include "alama-display-text.h"
#include "alama-label-swatch.h"
#include "alama-span-object.h"

static void
label_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *swatch = alama_label_swatch_new (NULL);

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 12);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 12);
  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), gtk_label_new (NULL));
  gtk_list_item_set_child (item, box);
}

static void
label_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  AlamaSpanObject *object = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *swatch = gtk_widget_get_first_child (box);

  alama_label_swatch_set_color (swatch, alama_span_object_get_color (object));
  gtk_label_set_label (GTK_LABEL (gtk_widget_get_last_child (box)),
                       alama_span_object_get_label_name (object));
}

typedef struct
{
  const char *property;
  int         max_chars;
  int         min_chars;
  gboolean    visible;      /* at first */
} TextColumn;

static gboolean
text_query_tooltip_cb (GtkWidget  *label,
                       int         x,
                       int         y,
                       gboolean    keyboard_mode,
                       GtkTooltip *tooltip,
                       gpointer    user_data)
{
  const char *text = gtk_label_get_label (GTK_LABEL (label));

  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
text_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               const TextColumn         *column)
{
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL,
                                   "xalign", 0.0f,
                                   "ellipsize", PANGO_ELLIPSIZE_END,
                                   "max-width-chars", column->max_chars,
                                   "width-chars", column->min_chars,
                                   NULL);

  /* The full text as a tooltip, asked for only when the pointer rests on the
   * cell: gtk_widget_set_tooltip_text() in bind costs an X round trip per cell
   * (it re-queries the pointer), which made every reload of the rows slow. */
  gtk_widget_set_has_tooltip (label, TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (text_query_tooltip_cb), NULL);
  gtk_list_item_set_child (item, label);
}

static void
text_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              const TextColumn         *column)
{
  g_autofree char *value = NULL;
  g_autofree char *line = NULL;

  g_object_get (gtk_list_item_get_item (item), column->property, &value, NULL);
  /* One line per row: a quote over two paragraphs made a three-line row. */
  line = value != NULL ? alama_display_text_one_line (value, 0) : NULL;
  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), line);
}

/* The columns fit the panel's width (no sideways scrolling: in a right-to-left
 * layout it would start at the wrong end). At the usual 300 px that is label,
 * text and status; source and annotator are switched on from any column
 * header's menu (and the editor below always says them). */
static const TextColumn text_columns[] = {
  { "text",         40, 9, TRUE },
  { "status-label", 10, 4, TRUE },
  { "source",       12, 4, FALSE },
  { "annotator",    12, 4, FALSE },
};

static GtkColumnViewColumn *
add_column (GtkColumnView      *view,
            const char         *title,
            GtkListItemFactory *factory,
            const char         *sort_property,
            gboolean            expand)
{
  GtkExpression *expression = gtk_property_expression_new (ALAMA_TYPE_SPAN_OBJECT, NULL,
                                                           sort_property);
  GtkSorter *sorter = GTK_SORTER (gtk_string_sorter_new (expression));
  GtkColumnViewColumn *column = gtk_column_view_column_new (title, factory);

  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_append_column (view, column);
  g_object_unref (sorter);
  g_object_unref (column);
  return column;  /* owned by the column view */
}

void
alama_annotation_columns_add (GtkColumnView *view,
                              GtkWidget     *menu_owner)
{
  static const char *titles[] = { N_("Text"), N_("Status"), N_("Source"), N_("Annotator") };
  static const char *toggle_titles[] = { N_("Show Text"), N_("Show Status"),
                                         N_("Show Source"), N_("Show Annotator") };
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));
  g_return_if_fail (GTK_IS_WIDGET (menu_owner));

  g_autoptr(GSimpleActionGroup) actions = g_simple_action_group_new ();
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkColumnViewColumn *columns[1 + G_N_ELEMENTS (text_columns)];

  g_signal_connect (factory, "setup", G_CALLBACK (label_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (label_bind_cb), NULL);
  columns[0] = add_column (view, _("Label"), factory, "label", FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (text_columns); i++)
    {
      g_autoptr(GPropertyAction) action = NULL;
      g_autofree char *name = g_strdup_printf ("show-%s", text_columns[i].property);
      g_autofree char *detailed = g_strdup_printf ("columns.%s", name);

      factory = gtk_signal_list_item_factory_new ();
      g_signal_connect (factory, "setup", G_CALLBACK (text_setup_cb), (gpointer) &text_columns[i]);
      g_signal_connect (factory, "bind", G_CALLBACK (text_bind_cb), (gpointer) &text_columns[i]);
      columns[i + 1] = add_column (view, _(titles[i]), factory, text_columns[i].property, i == 0);
      gtk_column_view_column_set_visible (columns[i + 1], text_columns[i].visible);

      /* A check item per column in every header's menu. */
      action = g_property_action_new (name, columns[i + 1], "visible");
      g_action_map_add_action (G_ACTION_MAP (actions), G_ACTION (action));
      g_menu_append (menu, _(toggle_titles[i]), detailed);
    }

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    gtk_column_view_column_set_header_menu (columns[i], G_MENU_MODEL (menu));
  gtk_widget_insert_action_group (menu_owner, "columns", G_ACTION_GROUP (actions));
}

