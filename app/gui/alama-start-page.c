/* alama-start-page.c: the page shown without a project. All of it is in the
 * template (ui/alama-start-page.ui); the buttons activate window actions. */
#define G_LOG_DOMAIN "alama-start-page"

#include "config.h"

#include "alama-start-page.h"

struct _AlamaStartPage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (AlamaStartPage, alama_start_page, ADW_TYPE_BIN)

static void
alama_start_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ALAMA_TYPE_START_PAGE);

  G_OBJECT_CLASS (alama_start_page_parent_class)->dispose (object);
}

static void
alama_start_page_class_init (AlamaStartPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alama_start_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/alama/Workbench/alama-start-page.ui");
}

static void
alama_start_page_init (AlamaStartPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
alama_start_page_new (void)
{
  return g_object_new (ALAMA_TYPE_START_PAGE, NULL);
}
