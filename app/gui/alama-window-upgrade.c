/* alama-window-upgrade.c: opening a project that was made by an older version
 * of Alama. The window shows AlamaUpgradePage in place of its content while
 * alama-upgrade-task.c upgrades the file in a worker, and then opens the
 * project as usual (alama-window.c). Cancel, closing the window or opening
 * another project stops the upgrade, and the file stays as it was. */
#define G_LOG_DOMAIN "alama-window-upgrade"

#include "config.h"

#include <glib/gi18n.h>

#include <alama/alama-store-upgrade.h>

#include "alama-error-text.h"
#include "alama-upgrade-page.h"
#include "alama-upgrade-task.h"
#include "alama-window-private.h"

/* One upgrade. Owned by its task's callback; the window points at the one it
 * waits for, and forgets it to stop waiting. */
struct _AlamaWindowUpgrade
{
  AlamaWindow  *window;          /* borrowed: the task keeps it alive */
  char         *path;
  char         *document_name;   /* --open, or NULL: the first document */
  char         *previous_page;   /* main_stack's page before, shown again on failure */
  GCancellable *cancellable;
  GApplication *application;     /* held until the worker is done */
};

static void
upgrade_free (AlamaWindowUpgrade *upgrade)
{
  g_free (upgrade->path);
  g_free (upgrade->document_name);
  g_free (upgrade->previous_page);
  g_clear_object (&upgrade->cancellable);
  if (upgrade->application != NULL)
    g_application_release (upgrade->application);
  g_clear_object (&upgrade->application);
  g_free (upgrade);
}

static void
page_cancel_cb (AlamaWindow *self)
{
  if (self->upgrade != NULL)
    g_cancellable_cancel (self->upgrade->cancellable);
}

static AlamaUpgradePage *
ensure_page (AlamaWindow *self)
{
  GtkWidget *page;

  /* Made the first time an old project is opened: most never need it. */
  if (self->upgrade_page != NULL)
    return self->upgrade_page;
  page = alama_upgrade_page_new ();
  g_signal_connect_object (page, "cancel", G_CALLBACK (page_cancel_cb), self, G_CONNECT_SWAPPED);
  gtk_stack_add_named (self->main_stack, page, "upgrade");
  self->upgrade_page = ALAMA_UPGRADE_PAGE (page);
  return self->upgrade_page;
}

static void
progress_cb (guint    step,
             guint    n_steps,
             double   fraction,
             gpointer user_data)
{
  AlamaWindowUpgrade *upgrade = user_data;
  AlamaWindow *self = upgrade->window;

  if (self->upgrade == upgrade && self->upgrade_page != NULL)
    alama_upgrade_page_set_progress (self->upgrade_page, step, n_steps, fraction);
}

static void
upgraded_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AlamaWindow *self = ALAMA_WINDOW (source);
  AlamaWindowUpgrade *upgrade = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaStore) store = alama_upgrade_task_run_finish (result, &error);

  /* Stopped (another project was opened, or the window closed): the store,
   * if the upgrade ended first, is dropped; the file is whole either way. */
  if (self->upgrade != upgrade)
    {
      upgrade_free (upgrade);
      return;
    }
  self->upgrade = NULL;
  _alama_window_update_title (self);

  if (store != NULL)
    _alama_window_show_upgraded (self, upgrade->path, store, upgrade->document_name);
  else
    {
      gtk_stack_set_visible_child_name (self->main_stack, upgrade->previous_page);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        alama_window_show_toast (self, _("The project was not upgraded; its file is as it was."));
      else if (g_error_matches (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_LOCKED))
        _alama_window_show_error (self, _("Another Program Is Using This Project"),
                                  alama_error_text (error));
      else
        _alama_window_show_error (self, _("Cannot Upgrade the Project"), alama_error_text (error));
      _alama_window_update_actions (self);
    }
  upgrade_free (upgrade);
}

void
_alama_window_upgrade_project (AlamaWindow *self,
                               const char  *path,
                               const char  *document_name)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  g_autofree char *name = g_path_get_basename (path);
  AlamaWindowUpgrade *upgrade;
  AlamaUpgradePage *page;
  const char *previous;
  guint version = 0;

  _alama_window_upgrade_stop (self);

  upgrade = g_new0 (AlamaWindowUpgrade, 1);
  upgrade->window = self;
  upgrade->path = g_strdup (path);
  upgrade->document_name = g_strdup (document_name);
  previous = gtk_stack_get_visible_child_name (self->main_stack);
  upgrade->previous_page = g_strdup (previous != NULL && !g_str_equal (previous, "upgrade")
                                     ? previous : "start");
  upgrade->cancellable = g_cancellable_new ();
  /* Closing the last window must not end the program in the middle of the
   * worker's rollback. */
  if (application != NULL)
    {
      upgrade->application = G_APPLICATION (g_object_ref (application));
      g_application_hold (upgrade->application);
    }
  self->upgrade = upgrade;

  /* Only for the page's words: the worker reads the real version. */
  alama_store_read_version (path, &version, NULL);
  page = ensure_page (self);
  alama_upgrade_page_start (page, name, version, ALAMA_SCHEMA_VERSION);
  gtk_stack_set_visible_child_name (self->main_stack, "upgrade");
  _alama_window_update_title (self);
  alama_upgrade_page_focus_cancel (page);
  /* The project behind the page takes no actions meanwhile. */
  _alama_window_update_actions (self);

  alama_upgrade_task_run_async (self, path, progress_cb, upgrade, upgrade->cancellable,
                                upgraded_cb, upgrade);
}

void
_alama_window_upgrade_stop (AlamaWindow *self)
{
  AlamaWindowUpgrade *upgrade = g_steal_pointer (&self->upgrade);

  if (upgrade != NULL)
    g_cancellable_cancel (upgrade->cancellable);
}

const char *
_alama_window_upgrade_get_path (AlamaWindow *self)
{
  return self->upgrade != NULL ? self->upgrade->path : NULL;
}
