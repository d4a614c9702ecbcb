/* alama-preferences.c: the Preferences window (see the header). */
#define G_LOG_DOMAIN "alama-preferences"

#include "config.h"

#include "alama-preferences.h"

struct _AlamaPreferences
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwComboRow          *font_row;
  GtkAdjustment        *zoom_adjustment;
  GtkAdjustment        *spacing_adjustment;
  AdwComboRow          *direction_row;
  GtkSwitch            *snap_switch;
  AdwEntryRow          *annotator_row;
  GtkSwitch            *software_switch;
  GtkAdjustment        *retrain_adjustment;

  /* Owned references */
  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (AlamaPreferences, alama_preferences, ADW_TYPE_PREFERENCES_WINDOW)

/* Setting values in the order of their combo rows in alama-preferences.ui.
 * "Sans" is the system's default font (fontconfig's alias). */
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

static void
alama_preferences_dispose (GObject *object)
{
  AlamaPreferences *self = ALAMA_PREFERENCES (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ALAMA_TYPE_PREFERENCES);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (alama_preferences_parent_class)->dispose (object);
}

static void
alama_preferences_class_init (AlamaPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alama_preferences_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/alama/Workbench/alama-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, AlamaPreferences, font_row);
  gtk_widget_class_bind_template_child (widget_class, AlamaPreferences, zoom_adjustment);
  gtk_widget_class_bind_template_child (widget_class, AlamaPreferences, spacing_adjustment);
  gtk_widget_class_bind_template_child (widget_class, AlamaPreferences, direction_row);
  gtk_widget_class_bind_template_child (widget_class, AlamaPreferences, snap_switch);
  gtk_widget_class_bind_template_child (widget_class, AlamaPreferences, annotator_row);
  gtk_widget_class_bind_template_child (widget_class, AlamaPreferences, software_switch);
  gtk_widget_class_bind_template_child (widget_class, AlamaPreferences, retrain_adjustment);
}

static void
alama_preferences_init (AlamaPreferences *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  g_settings_bind_with_mapping (self->settings, "font-family", self->font_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, choice_get_mapping, choice_set_mapping,
                                (gpointer) font_values, NULL);
  g_settings_bind (self->settings, "zoom", self->zoom_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "line-spacing", self->spacing_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "direction", self->direction_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, choice_get_mapping, choice_set_mapping,
                                (gpointer) direction_values, NULL);
  g_settings_bind (self->settings, "snap-to-words", self->snap_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "annotator", self->annotator_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  /* Read once, before GTK starts (alama-renderer.h): the row says so. */
  g_settings_bind (self->settings, "software-rendering", self->software_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "retrain-every", self->retrain_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
}

AlamaPreferences *
alama_preferences_new (GtkWindow *parent)
{
  return g_object_new (ALAMA_TYPE_PREFERENCES, "transient-for", parent, NULL);
}
