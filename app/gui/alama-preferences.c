/* alama-preferences.c: the Preferences window (see the header). */
#define G_LOG_DOMAIN "alama-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "alama-preferences.h"

struct _AlamaPreferences
{
  AdwPreferencesWindow parent_instance;

  GSettings           *settings;
};

G_DEFINE_FINAL_TYPE (AlamaPreferences, alama_preferences, ADW_TYPE_PREFERENCES_WINDOW)

/* Setting values in the order of their combo rows. "Sans" is the system's
 * default font (fontconfig's alias). */
static const char *font_values[] = { "Amiri", "Noto Naskh Arabic", "Sans", NULL };
static const char *direction_values[] = { "auto", "rtl", "ltr", NULL };

static gboolean
choice_get_mapping (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  const char * const *choices = user_data;
  const char *current = g_variant_get_string (variant, NULL);

  for (guint i = 0; choices[i] != NULL; i++)
    if (g_str_equal (current, choices[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
choice_set_mapping (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  const char * const *choices = user_data;
  guint i = g_value_get_uint (value);

  if (i >= g_strv_length ((char **) choices))
    return NULL;
  return g_variant_new_string (choices[i]);
}

static GtkWidget *
combo_row (const char         *title,
           const char * const *names)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (names);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  return row;
}

static GtkWidget *
spin_row (const char *title,
          const char *subtitle,
          double      min,
          double      max,
          double      step,
          guint       digits,
          GtkWidget **spin_out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, step);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  *spin_out = spin;
  return row;
}

static void
alama_preferences_dispose (GObject *object)
{
  g_clear_object (&ALAMA_PREFERENCES (object)->settings);
  G_OBJECT_CLASS (alama_preferences_parent_class)->dispose (object);
}

static void
alama_preferences_class_init (AlamaPreferencesClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = alama_preferences_dispose;
}

static void
alama_preferences_init (AlamaPreferences *self)
{
  const char *font_names[] = { "Amiri", "Noto Naskh Arabic", _("System Font"), NULL };
  const char *direction_names[] = { _("From the Text"), _("Right to Left"), _("Left to Right"), NULL };
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *text_group = adw_preferences_group_new ();
  GtkWidget *editing_group = adw_preferences_group_new ();
  GtkWidget *display_group = adw_preferences_group_new ();
  GtkWidget *software;
  GtkWidget *font, *zoom_row, *zoom, *spacing_row, *spacing, *direction, *snap, *annotator;

  self->settings = g_settings_new (APPLICATION_ID);

  gtk_window_set_title (GTK_WINDOW (self), _("Preferences"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 560);
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (page), _("General"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (page), "preferences-system-symbolic");

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (text_group), _("Document Text"));
  font = combo_row (_("Font"), font_names);
  g_settings_bind_with_mapping (self->settings, "font-family", font, "selected",
                                G_SETTINGS_BIND_DEFAULT, choice_get_mapping, choice_set_mapping,
                                (gpointer) font_values, NULL);
  zoom_row = spin_row (_("Size"), _("Zoom of the text, 1 is normal (Ctrl+plus, Ctrl+minus)"),
                       0.5, 3.0, 0.1, 1, &zoom);
  g_settings_bind (self->settings, "zoom", gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (zoom)),
                   "value", G_SETTINGS_BIND_DEFAULT);
  spacing_row = spin_row (_("Line Spacing"), _("A multiple of the font size"),
                          1.0, 3.0, 0.1, 1, &spacing);
  g_settings_bind (self->settings, "line-spacing",
                   gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (spacing)),
                   "value", G_SETTINGS_BIND_DEFAULT);
  direction = combo_row (_("Text Direction"), direction_names);
  g_settings_bind_with_mapping (self->settings, "direction", direction, "selected",
                                G_SETTINGS_BIND_DEFAULT, choice_get_mapping, choice_set_mapping,
                                (gpointer) direction_values, NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (text_group), font);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (text_group), zoom_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (text_group), spacing_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (text_group), direction);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (editing_group), _("Annotating"));
  snap = adw_action_row_new ();
  {
    GtkWidget *sw = gtk_switch_new ();

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (snap), _("Snap Selections to Words"));
    adw_action_row_set_subtitle (ADW_ACTION_ROW (snap),
                                 _("Alt while dragging selects single characters"));
    gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
    adw_action_row_add_suffix (ADW_ACTION_ROW (snap), sw);
    adw_action_row_set_activatable_widget (ADW_ACTION_ROW (snap), sw);
    g_settings_bind (self->settings, "snap-to-words", sw, "active", G_SETTINGS_BIND_DEFAULT);
  }
  annotator = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (annotator), _("Annotator Name"));
  g_settings_bind (self->settings, "annotator", annotator, "text", G_SETTINGS_BIND_DEFAULT);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (editing_group), snap);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (editing_group), annotator);

  /* Read once, before GTK starts (alama-renderer.h): the row says when it applies. */
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (display_group), _("Display"));
  software = adw_action_row_new ();
  {
    GtkWidget *sw = gtk_switch_new ();

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (software), _("Software Rendering"));
    adw_action_row_set_subtitle (ADW_ACTION_ROW (software),
                                 _("Draw without the graphics card: starts faster where its "
                                   "driver is slow to load. Takes effect the next time Alama starts"));
    gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
    adw_action_row_add_suffix (ADW_ACTION_ROW (software), sw);
    adw_action_row_set_activatable_widget (ADW_ACTION_ROW (software), sw);
    g_settings_bind (self->settings, "software-rendering", sw, "active", G_SETTINGS_BIND_DEFAULT);
  }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (display_group), software);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (text_group));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (editing_group));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (display_group));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (page));
}

AlamaPreferences *
alama_preferences_new (GtkWindow *parent)
{
  return g_object_new (ALAMA_TYPE_PREFERENCES, "transient-for", parent, NULL);
}
