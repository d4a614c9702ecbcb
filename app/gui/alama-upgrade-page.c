/* alama-upgrade-page.c: see alama-upgrade-page.h. The page's shape is in its
 * template (ui/alama-upgrade-page.ui); this file fills in the numbers. */
#define G_LOG_DOMAIN "alama-upgrade-page"

#include "config.h"

#include <glib/gi18n.h>

#include "alama-upgrade-page.h"

struct _AlamaUpgradePage
{
  AdwBin          parent_instance;

  /* Template widgets. The AdwStatusPage is the bin's child, reached through
   * adw_bin_get_child(): bound too, it would be unparented twice on dispose. */
  GtkProgressBar *progress_bar;
  GtkButton      *cancel_button;
};

G_DEFINE_FINAL_TYPE (AlamaUpgradePage, alama_upgrade_page, ADW_TYPE_BIN)

enum
{
  CANCEL,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
cancel_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  AlamaUpgradePage *self = ALAMA_UPGRADE_PAGE (widget);

  /* One cancel is enough: the button stays off until the next upgrade. */
  gtk_widget_action_set_enabled (widget, "upgrade-page.cancel", FALSE);
  gtk_progress_bar_set_text (self->progress_bar, _("Cancelling…"));
  g_signal_emit (self, signals[CANCEL], 0);
}

void
alama_upgrade_page_start (AlamaUpgradePage *self,
                          const char       *name,
                          guint             from_version,
                          guint             to_version)
{
  g_autofree char *description = NULL;

  g_return_if_fail (ALAMA_IS_UPGRADE_PAGE (self));
  g_return_if_fail (name != NULL);

  description = g_strdup_printf (_("“%s” was made by an older version of Alama (project "
                                   "version %u). It is being brought up to version %u, once. "
                                   "If you cancel, the file stays as it was."),
                                 name, from_version, to_version);
  adw_status_page_set_description (ADW_STATUS_PAGE (adw_bin_get_child (ADW_BIN (self))),
                                   description);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, _("Starting…"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "upgrade-page.cancel", TRUE);
}

void
alama_upgrade_page_set_progress (AlamaUpgradePage *self,
                                 guint             step,
                                 guint             n_steps,
                                 double            fraction)
{
  g_autofree char *text = NULL;

  g_return_if_fail (ALAMA_IS_UPGRADE_PAGE (self));

  /* After a cancel the bar says so until the page goes. */
  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->cancel_button)))
    return;
  if (step < n_steps)
    text = g_strdup_printf (_("Step %u of %u"), step + 1, n_steps);
  else
    text = g_strdup (_("Opening…"));
  gtk_progress_bar_set_text (self->progress_bar, text);
  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));
}

void
alama_upgrade_page_focus_cancel (AlamaUpgradePage *self)
{
  g_return_if_fail (ALAMA_IS_UPGRADE_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));
}

static void
alama_upgrade_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ALAMA_TYPE_UPGRADE_PAGE);

  G_OBJECT_CLASS (alama_upgrade_page_parent_class)->dispose (object);
}

static void
alama_upgrade_page_class_init (AlamaUpgradePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alama_upgrade_page_dispose;

  /* The user asked to stop the upgrade. */
  signals[CANCEL] = g_signal_new ("cancel", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/alama/Workbench/alama-upgrade-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AlamaUpgradePage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, AlamaUpgradePage, cancel_button);

  gtk_widget_class_install_action (widget_class, "upgrade-page.cancel", NULL, cancel_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "upgrade-page.cancel",
                                       NULL);
}

static void
alama_upgrade_page_init (AlamaUpgradePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
alama_upgrade_page_new (void)
{
  return g_object_new (ALAMA_TYPE_UPGRADE_PAGE, NULL);
}
