/* alama-application.c: command line, settings, application-wide actions.
 *
 *   alama [PROJECT] [--open DOCNAME] [--exit-after-first-frame]
 *
 * PROJECT arrives through GApplication's "open"; without one we reopen the last
 * project if it still exists, else the window shows its start page.
 */
#define G_LOG_DOMAIN "alama-application"

#include "config.h"

#include <glib/gi18n.h>

#include "alama-application.h"
#include "alama-bench-hooks.h"
#include "alama-icon-warmup.h"
#include "alama-startup-theme.h"
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
  { NULL }
};

static AlamaWindow *
get_or_create_window (AlamaApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (ALAMA_IS_WINDOW (window))
    return ALAMA_WINDOW (window);

  alama_bench_mark ("window: creating");
  window = GTK_WINDOW (alama_window_new (self));
  alama_bench_mark ("window: created");
  if (self->exit_after_first_frame)
    alama_window_set_exit_after_first_frame (ALAMA_WINDOW (window), TRUE);
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
   * would be laid out once with its start page and again with the document
   * (≈ 8 ms of the first frame, BENCHMARKS.md). An error dialog about the
   * project shows it itself, first, so that the dialog stays on top. */
  if (was_shown)
    gtk_window_present (GTK_WINDOW (window));
  if (alama_window_open_project (window, path) && self->open_name != NULL)
    {
      alama_bench_mark ("project opened");
      if (!alama_window_select_document_by_name (window, self->open_name))
        {
          g_autofree char *message =
            g_strdup_printf (_("The project has no document named “%s”."), self->open_name);
          alama_window_show_toast (window, message);
        }
      alama_bench_mark ("--open document selected");
    }

  if (!gtk_widget_get_visible (GTK_WIDGET (window)))
    gtk_window_present (GTK_WINDOW (window));
  alama_bench_mark ("window: presented");
  if (alama_bench_log_enabled ())
    {
      GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
      const char *name = renderer != NULL ? G_OBJECT_TYPE_NAME (renderer) : "none";
      g_autofree char *what = g_strdup_printf ("renderer %s", name);
      alama_bench_mark (what);
    }
}

/* ---- Reading ahead ---------------------------------------------------------
 *
 * The project and document of the first frame are read in a thread while the
 * main thread initialises GTK (alama-preload.h). GApplication hands the
 * PROJECT argument over only after GTK is up (the "open" signal), so it is
 * picked out here from a copy of the command line, with GApplication's own
 * parsing still deciding everything else (errors, --help). A PROJECT picked
 * wrongly only wastes the read-ahead: the window uses it for that path only. */

/* Parses a copy of the command line with the application's own options
 * (main_entries, so that an option's value is never taken for PROJECT) and
 * returns the first remaining argument as the window would open it. */
static char *
find_project_argument (char **arguments)
{
  enum { N_MAIN = G_N_ELEMENTS (main_entries) - 1 };
  g_auto(GStrv) copy = g_strdupv (arguments);
  g_auto(GStrv) files = NULL;
  union { gboolean flag; char *string; } values[N_MAIN] = { 0, };
  GOptionEntry entries[N_MAIN + 2];
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  gboolean parsed;

  G_STATIC_ASSERT (N_MAIN > 0);
  for (guint i = 0; i < N_MAIN; i++)
    {
      /* Only flags and strings are used; a new kind of option needs its slot. */
      g_assert (main_entries[i].arg == G_OPTION_ARG_NONE || main_entries[i].arg == G_OPTION_ARG_STRING);
      entries[i] = main_entries[i];
      entries[i].arg_data = &values[i];
    }
  entries[N_MAIN] = (GOptionEntry) { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL };
  entries[N_MAIN + 1] = (GOptionEntry) { NULL };

  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_set_ignore_unknown_options (context, TRUE);
  g_option_context_add_main_entries (context, entries, NULL);
  parsed = g_option_context_parse_strv (context, &copy, NULL);
  for (guint i = 0; i < N_MAIN; i++)
    if (main_entries[i].arg == G_OPTION_ARG_STRING)
      g_free (values[i].string);
  if (!parsed || files == NULL || files[0] == NULL)
    return NULL;

  /* What GApplication makes of it, then what the window does with the path. */
  file = g_file_new_for_commandline_arg (files[0]);
  path = g_file_get_path (file);
  return path != NULL ? g_canonicalize_filename (path, NULL) : NULL;
}

static gboolean
alama_application_local_command_line (GApplication   *app,
                                      char         ***arguments,
                                      int            *exit_status)
{
  AlamaApplication *self = ALAMA_APPLICATION (app);

  g_free (self->project_arg);
  self->project_arg = find_project_argument (*arguments);

  return G_APPLICATION_CLASS (alama_application_parent_class)->local_command_line (app, arguments,
                                                                                   exit_status);
}

/* The project the window will open first: PROJECT, else the last one (as in
 * activate()). The document and the statuses and direction it is drawn with
 * come from --open and the settings the view is bound to. */
static void
start_preload (AlamaApplication *self)
{
  g_autofree char *last = NULL;
  g_autofree char *last_canonical = NULL;
  g_autofree char *direction = NULL;
  const char *path = self->project_arg;
  AlamaStatusMask statuses = ALAMA_STATUS_MASK_ACCEPTED | ALAMA_STATUS_MASK_PENDING;
  AlamaDisplayDir dir = ALAMA_DISPLAY_DIR_AUTO;

  if (path == NULL)
    {
      last = g_settings_get_string (self->settings, "last-project");
      if (last[0] == '\0' || !g_file_test (last, G_FILE_TEST_IS_REGULAR))
        return;
      path = last_canonical = g_canonicalize_filename (last, NULL);
    }

  if (g_settings_get_boolean (self->settings, "show-rejected"))
    statuses |= ALAMA_STATUS_MASK_REJECTED;
  direction = g_settings_get_string (self->settings, "direction");
  if (g_str_equal (direction, "rtl"))
    dir = ALAMA_DISPLAY_DIR_RTL;
  else if (g_str_equal (direction, "ltr"))
    dir = ALAMA_DISPLAY_DIR_LTR;

  g_clear_pointer (&self->preload, alama_preload_free);
  self->preload = alama_preload_start (path, self->open_name, statuses, dir);
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

  if (g_variant_dict_lookup (options, "open", "&s", &name))
    {
      g_free (self->open_name);
      self->open_name = g_strdup (name);
    }
  if (g_variant_dict_contains (options, "exit-after-first-frame"))
    self->exit_after_first_frame = TRUE;

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

  /* Close the windows so that they save their size and panes. */
  for (GList *l = windows; l != NULL;)
    {
      GList *next = l->next;
      gtk_window_close (GTK_WINDOW (l->data));
      l = next;
    }
  g_application_quit (G_APPLICATION (self));
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
  GtkIconTheme *icon_theme;

  alama_bench_mark ("startup signal");
  alama_startup_theme_settle ();
  G_APPLICATION_CLASS (alama_application_parent_class)->startup (app);
  alama_bench_mark ("gtk+adw initialised");
  /* libadwaita has added its icons to the display's theme: read it now, in a
   * thread, while the window is built. */
  icon_theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  g_thread_unref (alama_icon_warmup_start (icon_theme));

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

  app_class->local_command_line = alama_application_local_command_line;
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
  alama_bench_set_start_time (monotonic_us);
}

gint64
alama_application_get_start_time (AlamaApplication *self)
{
  g_return_val_if_fail (ALAMA_IS_APPLICATION (self), 0);

  return self->start_time;
}

GSettings *
alama_application_get_settings (AlamaApplication *self)
{
  g_return_val_if_fail (ALAMA_IS_APPLICATION (self), NULL);

  return self->settings;
}
