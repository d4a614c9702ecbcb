/* alama-application.c: command line, settings, application-wide actions.
 *
 *   alama [PROJECT] [--open DOCNAME] [--exit-after-first-frame]
 *
 * The command line is parsed once, by GApplication, with PROJECT among the
 * options (G_OPTION_REMAINING): handle_local_options() then knows everything
 * before GTK starts, and so can start reading the project ahead. Without a
 * PROJECT we reopen the last project if it still exists, else the window shows
 * its start page.
 */
#define G_LOG_DOMAIN "alama-application"

#include "config.h"

#include <glib/gi18n.h>

#include "alama-application.h"
#include "alama-probe.h"
#include "alama-window.h"

struct _AlamaApplication
{
  AdwApplication  parent_instance;

  /* owned */
  GSettings      *settings;
  char           *open_name;               /* --open */

  char           *project_arg;             /* PROJECT as given, canonical; NULL = none */
  AlamaPreload   *preload;                 /* until the window takes it */

  gint64          start_time;              /* monotonic µs at main() */
  gboolean        exit_after_first_frame;  /* --exit-after-first-frame */
};

G_DEFINE_FINAL_TYPE (AlamaApplication, alama_application, ADW_TYPE_APPLICATION)

static const GOptionEntry main_entries[] = {
  { "open", 'o', 0, G_OPTION_ARG_STRING, NULL,
    N_("Select the document NAME of the project"), N_("NAME") },
  { "exit-after-first-frame", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the time to the first frame of the document and quit (for benchmarks)"), NULL },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, NULL },
  { NULL }
};

static AlamaWindow *
get_or_create_window (AlamaApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (ALAMA_IS_WINDOW (window))
    return ALAMA_WINDOW (window);

  window = GTK_WINDOW (alama_window_new (self));
  alama_probe_point ("window-created", window);
  return ALAMA_WINDOW (window);
}

static void
open_project_in_window (AlamaApplication *self,
                        const char       *path)
{
  AlamaWindow *window = get_or_create_window (self);
  gboolean was_shown = gtk_widget_get_visible (GTK_WIDGET (window));

  /* A window already on screen is raised first, as before any open. A new
   * one is shown after the project and document are in it: shown before, it
   * would be laid out once with its start page and again with the document.
   * An error dialog about the project shows it itself, first, so that the
   * dialog stays on top. */
  if (was_shown)
    gtk_window_present (GTK_WINDOW (window));
  if (alama_window_open_project (window, path) && self->open_name != NULL)
    {
      if (!alama_window_select_document_by_name (window, self->open_name))
        {
          g_autofree char *message =
            g_strdup_printf (_("The project has no document named “%s”."), self->open_name);
          alama_window_show_toast (window, message);
        }
    }

  if (!gtk_widget_get_visible (GTK_WIDGET (window)))
    gtk_window_present (GTK_WINDOW (window));
}

/* ---- Reading ahead ---------------------------------------------------------
 *
 * The project and document of the first frame are read in a thread while the
 * main thread initialises GTK (alama-preload.h). */

/* The project the window will open first: PROJECT, else the last one (as in
 * activate()). The document and the spans and direction it is drawn with
 * come from --open and the settings the view is bound to. */
static void
start_preload (AlamaApplication *self)
{
  g_autofree char *last = NULL;
  g_autofree char *last_canonical = NULL;
  g_autofree char *direction = NULL;
  const char *path = self->project_arg;
  AlamaSpanFilter filter = { ALAMA_STATUS_MASK_ACCEPTED | ALAMA_STATUS_MASK_PENDING, 0.0 };
  AlamaDisplayDir dir = ALAMA_DISPLAY_DIR_AUTO;

  if (path == NULL)
    {
      last = g_settings_get_string (self->settings, "last-project");
      if (last[0] == '\0' || !g_file_test (last, G_FILE_TEST_IS_REGULAR))
        return;
      path = last_canonical = g_canonicalize_filename (last, NULL);
    }

  if (g_settings_get_boolean (self->settings, "show-rejected"))
    filter.statuses |= ALAMA_STATUS_MASK_REJECTED;
  filter.min_confidence = g_settings_get_double (self->settings, "min-confidence");
  direction = g_settings_get_string (self->settings, "direction");
  if (g_str_equal (direction, "rtl"))
    dir = ALAMA_DISPLAY_DIR_RTL;
  else if (g_str_equal (direction, "ltr"))
    dir = ALAMA_DISPLAY_DIR_LTR;

  g_clear_pointer (&self->preload, alama_preload_free);
  self->preload = alama_preload_start (path, self->open_name, &filter, dir);
}

AlamaPreload *
alama_application_take_preload (AlamaApplication *self,
                                const char       *path)
{
  g_return_val_if_fail (ALAMA_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (self->preload != NULL && g_strcmp0 (alama_preload_get_path (self->preload), path) == 0)
    return g_steal_pointer (&self->preload);
  g_clear_pointer (&self->preload, alama_preload_free);
  return NULL;
}

static int
alama_application_handle_local_options (GApplication *app,
                                        GVariantDict *options)
{
  AlamaApplication *self = ALAMA_APPLICATION (app);
  const char *name = NULL;
  g_autofree const char **projects = NULL;

  if (g_variant_dict_lookup (options, "open", "&s", &name))
    {
      g_free (self->open_name);
      self->open_name = g_strdup (name);
    }
  if (g_variant_dict_contains (options, "exit-after-first-frame"))
    self->exit_after_first_frame = TRUE;
  if (g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &projects) &&
      projects[0] != NULL)
    {
      /* As g_application_open() would make it: a path relative to the
       * current folder, or a file: URI. */
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (projects[0]);
      g_autofree char *path = g_file_get_path (file);

      if (projects[1] != NULL)
        g_warning ("Only one project can be opened at a time; opening the first.");
      g_free (self->project_arg);
      self->project_arg = NULL;
      if (path != NULL)
        self->project_arg = g_canonicalize_filename (path, NULL);
      else
        g_warning ("Cannot open %s: not a local file", projects[0]);
    }

  /* The command line is valid: from here on, GTK starts. */
  start_preload (self);
  return -1;  /* go on with the default handling */
}

static void
alama_application_activate (GApplication *app)
{
  AlamaApplication *self = ALAMA_APPLICATION (app);
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_autofree char *last = NULL;

  if (active != NULL)
    {
      gtk_window_present (active);
      return;
    }

  if (self->project_arg != NULL)
    {
      open_project_in_window (self, self->project_arg);
      return;
    }

  last = g_settings_get_string (self->settings, "last-project");
  if (last[0] != '\0' && g_file_test (last, G_FILE_TEST_IS_REGULAR))
    {
      open_project_in_window (self, last);
      return;
    }

  gtk_window_present (GTK_WINDOW (get_or_create_window (self)));
}

static void
alama_application_open (GApplication  *app,
                        GFile        **files,
                        int            n_files,
                        const char    *hint)
{
  AlamaApplication *self = ALAMA_APPLICATION (app);
  g_autofree char *path = NULL;

  if (n_files > 1)
    g_warning ("Only one project can be opened at a time; opening the first.");

  path = g_file_get_path (files[0]);
  if (path == NULL)
    {
      g_warning ("Cannot open %s: not a local file", g_file_peek_path (files[0]));
      alama_application_activate (app);
      return;
    }
  open_project_in_window (self, path);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  AlamaApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Close the windows so that they save their size and panes, and cancel
   * what their workers do. The program ends when the last window is gone and
   * the last worker (an upgrade, a training) has let go of it: quitting at
   * once would cut a worker off in the middle of its write or rollback. */
  for (GList *l = windows; l != NULL;)
    {
      GList *next = l->next;
      gtk_window_close (GTK_WINDOW (l->data));
      l = next;
    }
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  AlamaApplication *self = user_data;
  static const char *developers[] = { "The Alama contributors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("Alama"),
                        "application-icon", APPLICATION_ID,
                        "version", PACKAGE_VERSION,
                        "comments", _("Annotate Arabic news text: entities, quotes, claims "
                                      "and relations, and export them as training data."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "about", about_activated },
};

static void
set_accels (GtkApplication *app,
            const char     *action,
            const char     *first,
            ...)
{
  g_autoptr(GPtrArray) accels = g_ptr_array_new ();
  va_list args;

  va_start (args, first);
  for (const char *accel = first; accel != NULL; accel = va_arg (args, const char *))
    g_ptr_array_add (accels, (gpointer) accel);
  va_end (args);
  g_ptr_array_add (accels, NULL);

  gtk_application_set_accels_for_action (app, action, (const char * const *) accels->pdata);
}

static void
alama_application_startup (GApplication *app)
{
  GtkApplication *gtk_app = GTK_APPLICATION (app);

  G_APPLICATION_CLASS (alama_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);

  /* Every shortcut of the window is listed in ui/gtk/help-overlay.ui too
   * (the resource shortcuts-window.ui). */
  set_accels (gtk_app, "app.quit", "<Control>q", NULL);
  /* What GtkApplication sets when it finds gtk/help-overlay.ui itself. */
  set_accels (gtk_app, "win.show-help-overlay", "<Control>question", NULL);
  set_accels (gtk_app, "win.undo", "<Control>z", NULL);
  set_accels (gtk_app, "win.redo", "<Control><Shift>z", "<Control>y", NULL);
  set_accels (gtk_app, "win.previous-document", "<Control>Page_Up", NULL);
  set_accels (gtk_app, "win.next-document", "<Control>Page_Down", NULL);
  set_accels (gtk_app, "win.focus-filter", "<Control>l", NULL);
  set_accels (gtk_app, "win.find", "<Control>f", NULL);
  set_accels (gtk_app, "win.find-project", "<Control><Shift>f", NULL);
  set_accels (gtk_app, "win.dashboard", "<Control>d", NULL);
  set_accels (gtk_app, "win.preferences", "<Control>comma", NULL);
  set_accels (gtk_app, "win.cycle-focus", "F6", NULL);
  set_accels (gtk_app, "win.cycle-focus-back", "<Shift>F6", NULL);
  set_accels (gtk_app, "win.zoom-in", "<Control>plus", "<Control>equal", "<Control>KP_Add", NULL);
  set_accels (gtk_app, "win.zoom-out", "<Control>minus", "<Control>KP_Subtract", NULL);
  set_accels (gtk_app, "win.zoom-reset", "<Control>0", "<Control>KP_0", NULL);
  set_accels (gtk_app, "win.panel-visible", "F9", NULL);
  set_accels (gtk_app, "win.sidebar-visible", "<Shift>F9", NULL);
  set_accels (gtk_app, "win.import-files", "<Control>i", NULL);
  set_accels (gtk_app, "win.export", "<Control>e", NULL);
  set_accels (gtk_app, "win.open-project", "<Control>o", NULL);
  set_accels (gtk_app, "win.new-project", "<Control>n", NULL);
  set_accels (gtk_app, "win.show-primary-menu", "F10", NULL);
}

static void
alama_application_finalize (GObject *object)
{
  AlamaApplication *self = ALAMA_APPLICATION (object);

  g_clear_pointer (&self->preload, alama_preload_free);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->open_name, g_free);
  g_clear_pointer (&self->project_arg, g_free);

  G_OBJECT_CLASS (alama_application_parent_class)->finalize (object);
}

static void
alama_application_class_init (AlamaApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = alama_application_finalize;

  app_class->handle_local_options = alama_application_handle_local_options;
  app_class->startup = alama_application_startup;
  app_class->activate = alama_application_activate;
  app_class->open = alama_application_open;
}

static void
alama_application_init (AlamaApplication *self)
{
  self->start_time = g_get_monotonic_time ();
  self->settings = g_settings_new (APPLICATION_ID);
  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[PROJECT]"));
}

AlamaApplication *
alama_application_new (void)
{
  return g_object_new (ALAMA_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "resource-base-path", "/org/alama/Workbench",
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                       NULL);
}

void
alama_application_set_start_time (AlamaApplication *self,
                                  gint64            monotonic_us)
{
  g_return_if_fail (ALAMA_IS_APPLICATION (self));

  self->start_time = monotonic_us;
}

gint64
alama_application_get_start_time (AlamaApplication *self)
{
  g_return_val_if_fail (ALAMA_IS_APPLICATION (self), 0);

  return self->start_time;
}

gboolean
alama_application_get_exit_after_first_frame (AlamaApplication *self)
{
  g_return_val_if_fail (ALAMA_IS_APPLICATION (self), FALSE);

  return self->exit_after_first_frame;
}

GSettings *
alama_application_get_settings (AlamaApplication *self)
{
  g_return_val_if_fail (ALAMA_IS_APPLICATION (self), NULL);

  return self->settings;
}
