/* alama-bar-chart.c: a small horizontal bar chart (see the header). */
#define G_LOG_DOMAIN "alama-bar-chart"

#include "config.h"

#include <adwaita.h>

#include "alama-bar-chart.h"

#define ROW_PADDING 6
#define BAR_GAP 8
#define MAX_NAME_WIDTH 220

typedef struct
{
  char    *name;
  gint64   value;
  gboolean has_color;
  GdkRGBA  color;
} Item;

struct _AlamaBarChart
{
  GtkWidget  parent_instance;

  GArray    *items;    /* of Item */
  int        focused;  /* row with the keyboard focus ring */
};

G_DEFINE_FINAL_TYPE (AlamaBarChart, alama_bar_chart, GTK_TYPE_WIDGET)

enum { ITEM_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
item_clear (gpointer data)
{
  g_free (((Item *) data)->name);
}

static int
row_height (AlamaBarChart *self)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), "Ag عربي");
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height + 2 * ROW_PADDING;
}

static int
name_column_width (AlamaBarChart *self)
{
  int widest = 0;

  for (guint i = 0; i < self->items->len; i++)
    {
      g_autoptr(PangoLayout) layout =
        gtk_widget_create_pango_layout (GTK_WIDGET (self), g_array_index (self->items, Item, i).name);
      int width;

      pango_layout_get_pixel_size (layout, &width, NULL);
      widest = MAX (widest, width);
    }
  return MIN (widest, MAX_NAME_WIDTH);
}

static void
alama_bar_chart_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  AlamaBarChart *self = ALAMA_BAR_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = name_column_width (self) + 120;
      *natural = *minimum + 200;
    }
  else
    *minimum = *natural = MAX (1, (int) self->items->len) * row_height (self);
}

static void
foreground_color (GtkWidget *widget,
                  GdkRGBA   *rgba)
{
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), rgba);
G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
accent_color (GdkRGBA *rgba)
{
  /* libadwaita's accent blue, lighter on a dark background (its accent_color). */
  gdk_rgba_parse (rgba, adw_style_manager_get_dark (adw_style_manager_get_default ())
                        ? "#78aeed" : "#1c71d8");
}

static void
append_layout (GtkSnapshot   *snapshot,
               PangoLayout   *layout,
               float          x,
               float          y,
               const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
alama_bar_chart_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  AlamaBarChart *self = ALAMA_BAR_CHART (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int width = gtk_widget_get_width (widget);
  int row = row_height (self);
  int name_width = name_column_width (self);
  int value_width = 0;
  gint64 max_value = 1;
  GdkRGBA fg, accent;

  foreground_color (widget, &fg);
  accent_color (&accent);

  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = &g_array_index (self->items, Item, i);
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, item->value);
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, number);
      int w;

      pango_layout_get_pixel_size (layout, &w, NULL);
      value_width = MAX (value_width, w);
      max_value = MAX (max_value, item->value);
    }

  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = &g_array_index (self->items, Item, i);
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, item->value);
      g_autoptr(PangoLayout) name = gtk_widget_create_pango_layout (widget, item->name);
      g_autoptr(PangoLayout) value = gtk_widget_create_pango_layout (widget, number);
      int bar_space = MAX (0, width - name_width - value_width - 2 * BAR_GAP);
      float bar_length = (float) bar_space * (float) item->value / (float) max_value;
      float y = (float) (i * row);
      float bar_start, name_x, value_x;
      int name_w, text_h, value_w;
      GdkRGBA bar = item->has_color ? item->color : accent;

      pango_layout_set_width (name, name_width * PANGO_SCALE);
      pango_layout_set_ellipsize (name, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (name, TRUE);
      pango_layout_get_pixel_size (name, &name_w, &text_h);
      pango_layout_get_pixel_size (value, &value_w, NULL);

      /* Mirror every x under RTL: names at the right edge, bars growing left.
       * The names hug their bars (right-aligned in LTR, left-aligned in RTL). */
      pango_layout_set_alignment (name, rtl ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT);
      if (!rtl)
        {
          name_x = 0;
          bar_start = (float) (name_width + BAR_GAP);
          value_x = bar_start + bar_length + BAR_GAP / 2.0f;
        }
      else
        {
          name_x = (float) (width - name_width);
          bar_start = (float) (width - name_width - BAR_GAP) - bar_length;
          value_x = bar_start - BAR_GAP / 2.0f - (float) value_w;
        }
      (void) name_w;

      append_layout (snapshot, name, name_x, y + ROW_PADDING, &fg);
      gtk_snapshot_append_color (snapshot, &bar,
                                 &GRAPHENE_RECT_INIT (bar_start, y + ROW_PADDING + 2,
                                                      MAX (bar_length, 2.0f),
                                                      (float) (row - 2 * ROW_PADDING - 4)));
      append_layout (snapshot, value, value_x, y + ROW_PADDING, &fg);

      if ((int) i == self->focused && gtk_widget_has_focus (widget))
        {
          GskRoundedRect ring;
          GdkRGBA c = accent;
          const float w4[4] = { 2, 2, 2, 2 };
          const GdkRGBA c4[4] = { c, c, c, c };

          gsk_rounded_rect_init_from_rect (&ring, &GRAPHENE_RECT_INIT (1, y + 1, width - 2, row - 2), 4);
          gtk_snapshot_append_border (snapshot, &ring, w4, c4);
        }
    }
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            AlamaBarChart   *self)
{
  int row = (int) (y / row_height (self));

  if (row < 0 || (guint) row >= self->items->len)
    return;
  self->focused = row;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[ITEM_ACTIVATED], 0, (guint) row);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *keys,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                AlamaBarChart         *self)
{
  int n = (int) self->items->len;

  if (n == 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (self->focused <= 0)
        return FALSE;
      self->focused--;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (self->focused >= n - 1)
        return FALSE;
      self->focused++;
      break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      g_signal_emit (self, signals[ITEM_ACTIVATED], 0, (guint) CLAMP (self->focused, 0, n - 1));
      return TRUE;
    default:
      return FALSE;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

void
alama_bar_chart_clear (AlamaBarChart *self)
{
  g_return_if_fail (ALAMA_IS_BAR_CHART (self));

  g_array_set_size (self->items, 0);
  self->focused = 0;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
alama_bar_chart_add (AlamaBarChart *self,
                     const char    *name,
                     gint64         value,
                     const GdkRGBA *color)
{
  Item item = { g_strdup (name), value, color != NULL, { 0 } };

  g_return_if_fail (ALAMA_IS_BAR_CHART (self));

  if (color != NULL)
    item.color = *color;
  g_array_append_val (self->items, item);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
alama_bar_chart_get_n_items (AlamaBarChart *self)
{
  g_return_val_if_fail (ALAMA_IS_BAR_CHART (self), 0);
  return self->items->len;
}

const char *
alama_bar_chart_get_name (AlamaBarChart *self,
                          guint          index)
{
  g_return_val_if_fail (ALAMA_IS_BAR_CHART (self), NULL);
  g_return_val_if_fail (index < self->items->len, NULL);
  return g_array_index (self->items, Item, index).name;
}

gint64
alama_bar_chart_get_value (AlamaBarChart *self,
                           guint          index)
{
  g_return_val_if_fail (ALAMA_IS_BAR_CHART (self), 0);
  g_return_val_if_fail (index < self->items->len, 0);
  return g_array_index (self->items, Item, index).value;
}

static void
dark_changed_cb (AlamaBarChart *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
alama_bar_chart_finalize (GObject *object)
{
  g_clear_pointer (&ALAMA_BAR_CHART (object)->items, g_array_unref);
  G_OBJECT_CLASS (alama_bar_chart_parent_class)->finalize (object);
}

static void
alama_bar_chart_class_init (AlamaBarChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = alama_bar_chart_finalize;
  widget_class->measure = alama_bar_chart_measure;
  widget_class->snapshot = alama_bar_chart_snapshot;
  gtk_widget_class_set_css_name (widget_class, "barchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LIST);

  signals[ITEM_ACTIVATED] = g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
alama_bar_chart_init (AlamaBarChart *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->items = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (self->items, item_clear);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "pointer");

  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
alama_bar_chart_new (void)
{
  return g_object_new (ALAMA_TYPE_BAR_CHART, NULL);
}
