/* alama-find-bar.c: Ctrl+F, find in the shown document (see the header). */
#define G_LOG_DOMAIN "alama-find-bar"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include <alama/alama-search.h>

#include "alama-error-text.h"
#include "alama-find-bar.h"

struct _AlamaFindBar
{
  GtkWidget       parent_instance;

  /* Children */
  GtkWidget      *search_bar;
  GtkWidget      *entry;
  GtkWidget      *exact_toggle;
  GtkWidget      *count_label;

  /* Borrowed: the view outlives the bar (both belong to the window) */
  AlamaDocView   *view;

  /* State */
  GArray         *ranges;   /* of gint64 pairs, the hits in the shown document */
  int             current;
};

G_DEFINE_FINAL_TYPE (AlamaFindBar, alama_find_bar, GTK_TYPE_WIDGET)

static void
show_current (AlamaFindBar *self,
              gboolean      select)
{
  guint n = self->ranges->len / 2;
  g_autofree char *status = NULL;

  alama_doc_view_set_search_hits (self->view, (const gint64 *) (gpointer) self->ranges->data,
                                  n, self->current);
  if (n == 0)
    status = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))[0] != '\0'
                       ? _("No matches") : "");
  else
    /* Translators: the current hit and how many there are: "3 of 12" */
    status = g_strdup_printf (_("%d of %d"), self->current + 1, (int) n);
  gtk_label_set_label (GTK_LABEL (self->count_label), status);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "find.previous", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "find.next", n > 0);

  if (select && n > 0)
    alama_doc_view_select_range (self->view,
                                 g_array_index (self->ranges, gint64, 2 * self->current),
                                 g_array_index (self->ranges, gint64, 2 * self->current + 1),
                                 TRUE);
}

static void
run_search (AlamaFindBar *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  AlamaDocument *document = alama_doc_view_get_document (self->view);
  AlamaStore *store = alama_doc_view_get_store (self->view);
  AlamaSearchFlags flags = ALAMA_SEARCH_DEFAULT;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (query));
  gint64 document_id;

  g_array_set_size (self->ranges, 0);
  self->current = -1;
  gtk_widget_remove_css_class (self->entry, "error");
  gtk_widget_set_tooltip_text (self->entry, NULL);

  if (document == NULL || store == NULL || stripped[0] == '\0')
    {
      show_current (self, FALSE);
      return;
    }

  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->exact_toggle)))
    flags |= ALAMA_SEARCH_EXACT;
  /* The core searches the project; keep the shown document's hits. Its index
   * makes this fast enough for typing on the main thread. */
  hits = alama_search_text (store, query, flags, 0, NULL, &error);
  if (hits == NULL)
    {
      /* A query with no words ("؟") is not an error to shout about. */
      gtk_widget_add_css_class (self->entry, "error");
      gtk_widget_set_tooltip_text (self->entry, alama_error_text (error));
      show_current (self, FALSE);
      return;
    }

  document_id = alama_document_get_id (document);
  for (guint i = 0; i < hits->len; i++)
    {
      AlamaSearchHit *hit = hits->pdata[i];

      if (hit->document_id != document_id)
        continue;
      g_array_append_val (self->ranges, hit->start);
      g_array_append_val (self->ranges, hit->end);
    }
  if (self->ranges->len > 0)
    self->current = 0;
  show_current (self, TRUE);
}

void
alama_find_bar_step (AlamaFindBar *self,
                     int           step)
{
  guint n;

  g_return_if_fail (ALAMA_IS_FIND_BAR (self));

  n = self->ranges->len / 2;
  if (n == 0)
    return;
  self->current = (int) (((gint64) self->current + step + n) % n);
  show_current (self, TRUE);
}

/* Enter in the entry, and its next-match (Ctrl+G) */
static void
next_clicked_cb (AlamaFindBar *self)
{
  alama_find_bar_step (self, +1);
}

static void
previous_clicked_cb (AlamaFindBar *self)
{
  alama_find_bar_step (self, -1);
}

/* find.next / find.previous: the bar's arrow buttons */
static void
step_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  alama_find_bar_step (ALAMA_FIND_BAR (widget), g_str_equal (action_name, "find.next") ? +1 : -1);
}

static void
stop_search_cb (AlamaFindBar *self)
{
  alama_find_bar_close (self);
}

/* Shift+Enter: GtkSearchEntry only knows Enter ("activate"). */
static gboolean
entry_key_pressed_cb (GtkEventControllerKey *controller,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      AlamaFindBar          *self)
{
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter) &&
      (state & GDK_SHIFT_MASK) != 0)
    {
      alama_find_bar_step (self, -1);
      return TRUE;
    }
  return FALSE;
}

static void
document_changed_cb (AlamaFindBar *self)
{
  if (alama_find_bar_is_open (self))
    run_search (self);
}

void
alama_find_bar_open (AlamaFindBar *self)
{
  const char *selected;

  g_return_if_fail (ALAMA_IS_FIND_BAR (self));

  /* The selected words are what one usually wants to find (without the
   * FSI…PDI the view wraps them in for display). */
  selected = alama_doc_view_get_selection_text (self->view);
  if (selected != NULL && selected[0] != '\0')
    {
      g_autoptr(GString) plain = g_string_new (selected);

      g_string_replace (plain, "\u2068", "", 0);
      g_string_replace (plain, "\u2069", "", 0);
      if (g_utf8_strlen (plain->str, -1) <= 60 && strchr (plain->str, '\n') == NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->entry), plain->str);
    }
  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (self->search_bar), TRUE);
  gtk_widget_grab_focus (self->entry);
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
  run_search (self);
}

void
alama_find_bar_close (AlamaFindBar *self)
{
  g_return_if_fail (ALAMA_IS_FIND_BAR (self));

  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (self->search_bar), FALSE);
  alama_doc_view_set_search_hits (self->view, NULL, 0, -1);
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

gboolean
alama_find_bar_is_open (AlamaFindBar *self)
{
  g_return_val_if_fail (ALAMA_IS_FIND_BAR (self), FALSE);

  return gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (self->search_bar));
}

void
alama_find_bar_search (AlamaFindBar *self,
                       const char   *query)
{
  g_return_if_fail (ALAMA_IS_FIND_BAR (self));

  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (self->search_bar), TRUE);
  /* Blocked so that the entry's delayed "search-changed" does not search twice. */
  g_signal_handlers_block_by_func (self->entry, run_search, self);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), query);
  g_signal_handlers_unblock_by_func (self->entry, run_search, self);
  run_search (self);
}

guint
alama_find_bar_get_n_hits (AlamaFindBar *self)
{
  g_return_val_if_fail (ALAMA_IS_FIND_BAR (self), 0);
  return self->ranges->len / 2;
}

int
alama_find_bar_get_current (AlamaFindBar *self)
{
  g_return_val_if_fail (ALAMA_IS_FIND_BAR (self), -1);
  return self->current;
}

const char *
alama_find_bar_get_status (AlamaFindBar *self)
{
  g_return_val_if_fail (ALAMA_IS_FIND_BAR (self), NULL);
  return gtk_label_get_label (GTK_LABEL (self->count_label));
}

GtkEditable *
alama_find_bar_get_entry (AlamaFindBar *self)
{
  g_return_val_if_fail (ALAMA_IS_FIND_BAR (self), NULL);
  return GTK_EDITABLE (self->entry);
}

static void
alama_find_bar_dispose (GObject *object)
{
  AlamaFindBar *self = ALAMA_FIND_BAR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ALAMA_TYPE_FIND_BAR);
  self->search_bar = NULL;

  G_OBJECT_CLASS (alama_find_bar_parent_class)->dispose (object);
}

static void
alama_find_bar_finalize (GObject *object)
{
  AlamaFindBar *self = ALAMA_FIND_BAR (object);

  g_clear_pointer (&self->ranges, g_array_unref);

  G_OBJECT_CLASS (alama_find_bar_parent_class)->finalize (object);
}

static void
alama_find_bar_class_init (AlamaFindBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alama_find_bar_dispose;
  object_class->finalize = alama_find_bar_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "findbar");

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/alama/Workbench/alama-find-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, AlamaFindBar, search_bar);
  gtk_widget_class_bind_template_child (widget_class, AlamaFindBar, entry);
  gtk_widget_class_bind_template_child (widget_class, AlamaFindBar, exact_toggle);
  gtk_widget_class_bind_template_child (widget_class, AlamaFindBar, count_label);
  gtk_widget_class_bind_template_callback (widget_class, run_search);
  gtk_widget_class_bind_template_callback (widget_class, next_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, previous_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_key_pressed_cb);

  gtk_widget_class_install_action (widget_class, "find.previous", NULL, step_activated);
  gtk_widget_class_install_action (widget_class, "find.next", NULL, step_activated);
}

static void
alama_find_bar_init (AlamaFindBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->ranges = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->current = -1;
  gtk_search_bar_connect_entry (GTK_SEARCH_BAR (self->search_bar), GTK_EDITABLE (self->entry));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "find.previous", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "find.next", FALSE);
}

GtkWidget *
alama_find_bar_new (AlamaDocView *view)
{
  AlamaFindBar *self;

  g_return_val_if_fail (ALAMA_IS_DOC_VIEW (view), NULL);

  self = g_object_new (ALAMA_TYPE_FIND_BAR, NULL);
  self->view = view;
  g_signal_connect_object (view, "notify::document", G_CALLBACK (document_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}
