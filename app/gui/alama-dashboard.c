/* alama-dashboard.c: the project at a glance (see the header). */
#define G_LOG_DOMAIN "alama-dashboard"

#include "config.h"

#include <glib/gi18n.h>

#include <alama/alama-schema.h>
#include <alama/alama-stats.h>

#include "alama-error-text.h"
#include "alama-dashboard.h"

struct _AlamaDashboard
{
  AdwWindow    parent_instance;

  /* Template widgets */
  GtkWidget     *summary_label;
  GtkWidget     *progress;
  GtkWidget     *error_label;
  AlamaBarChart *labels_chart;
  AlamaBarChart *statuses_chart;
  AdwPreferencesGroup *statuses_group;
  AlamaBarChart *annotators_chart;
  AlamaBarChart *entities_chart;
  AlamaBarChart *speakers_chart;
  AlamaBarChart *claimants_chart;
  GHashTable    *charts;      /* name -> AlamaBarChart* (borrowed) */

  /* Owned */
  AlamaStore  *store;
  GHashTable  *chart_labels;  /* AlamaBarChart* -> GPtrArray of label keys (or NULL) per row */
  guint        refresh_source; /* a refresh due after the project changed */

  /* State */
  gint64       documents;
  gint64       documents_done;
  double       min_confidence; /* the text view's threshold (alama-span-filter.h) */
  gint64       pending;        /* pending spans and relations, as last read */
};

G_DEFINE_FINAL_TYPE (AlamaDashboard, alama_dashboard, ADW_TYPE_WINDOW)

enum { SEARCH, N_SIGNALS };

enum
{
  PROP_0,
  PROP_MIN_CONFIDENCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The label's name in the UI's language: Arabic under an RTL locale. */
static const char *
label_display_name (const AlamaLabel *label)
{
  if (gtk_get_locale_direction () == GTK_TEXT_DIR_RTL && label->name_ar != NULL && label->name_ar[0])
    return label->name_ar;
  if (label->name_en != NULL && label->name_en[0] != '\0')
    return label->name_en;
  return label->key;
}

static GPtrArray *
row_labels (AlamaDashboard *self,
            AlamaBarChart  *chart)
{
  GPtrArray *labels = g_hash_table_lookup (self->chart_labels, chart);

  if (labels == NULL)
    {
      labels = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (self->chart_labels, chart, labels);
    }
  return labels;
}

/* A bar that searches @label (may be NULL) and the bar's text (or none). */
static void
add_bar (AlamaDashboard *self,
         AlamaBarChart  *chart,
         const char     *name,
         gint64          value,
         const GdkRGBA  *color,
         const char     *label)
{
  alama_bar_chart_add (chart, name, value, color);
  g_ptr_array_add (row_labels (self, chart), g_strdup (label));
}

static gint64
int_member (JsonObject *o,
            const char *name)
{
  return o != NULL ? json_object_get_int_member_with_default (o, name, 0) : 0;
}

static JsonObject *
object_member (JsonObject *o,
               const char *name)
{
  JsonNode *node = o != NULL ? json_object_get_member (o, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static void
fill_labels (AlamaDashboard *self,
             JsonObject     *stats,
             AlamaSchema    *schema)
{
  AlamaBarChart *chart = g_hash_table_lookup (self->charts, "labels");
  JsonObject *by_label = object_member (stats, "spans_by_label");

  /* In the schema's order, then labels the schema lacks. */
  for (guint i = 0; i < schema->labels->len; i++)
    {
      const AlamaLabel *label = schema->labels->pdata[i];
      JsonObject *counts = object_member (by_label, label->key);
      gint64 n = int_member (counts, "accepted") + int_member (counts, "pending");
      GdkRGBA color;

      if (n == 0)
        continue;
      if (label->color == NULL || !gdk_rgba_parse (&color, label->color))
        gdk_rgba_parse (&color, "#888888");
      add_bar (self, chart, label_display_name (label), n, &color, label->key);
    }
  if (by_label != NULL)
    {
      g_autoptr(GList) keys = json_object_get_members (by_label);

      for (GList *l = keys; l != NULL; l = l->next)
        {
          JsonObject *counts = object_member (by_label, l->data);
          gint64 n = int_member (counts, "accepted") + int_member (counts, "pending");

          if (alama_schema_find_label (schema, l->data) == NULL && n > 0)
            add_bar (self, chart, l->data, n, NULL, l->data);
        }
    }
}

/* The counts are the project's; the text may hide some of its pending
 * suggestions for their confidence, and the analyst should not wonder why the
 * two differ. */
static void
describe_statuses (AlamaDashboard *self)
{
  g_autofree char *description = NULL;

  if (self->min_confidence > 0.0 && self->pending > 0)
    description = g_strdup_printf (_("“Pending” includes the suggestions the text hides because "
                                     "their confidence is below %.2f."),
                                   self->min_confidence);
  adw_preferences_group_set_description (self->statuses_group, description);
}

static void
fill_statuses (AlamaDashboard *self,
               JsonObject     *stats)
{
  AlamaBarChart *chart = g_hash_table_lookup (self->charts, "statuses");
  JsonObject *by_status = object_member (stats, "spans_by_status");
  GdkRGBA green, amber, grey;

  gdk_rgba_parse (&green, "#2ec27e");
  gdk_rgba_parse (&amber, "#e5a50a");
  gdk_rgba_parse (&grey, "#9a9996");
  add_bar (self, chart, _("Accepted"), int_member (by_status, "accepted"), &green, NULL);
  add_bar (self, chart, _("Pending"), int_member (by_status, "pending"), &amber, NULL);
  add_bar (self, chart, _("Rejected"), int_member (by_status, "rejected"), &grey, NULL);
  /* Suggested relations are reviewed too: what is left of them, apart from the
   * spans so that each bar counts one kind of thing. */
  add_bar (self, chart, _("Pending relations"),
           int_member (object_member (stats, "relations_by_status"), "pending"), &amber, NULL);
  self->pending = int_member (by_status, "pending") +
                  int_member (object_member (stats, "relations_by_status"), "pending");
  describe_statuses (self);
}

static void
fill_annotators (AlamaDashboard *self,
                 JsonObject     *stats)
{
  AlamaBarChart *chart = g_hash_table_lookup (self->charts, "annotators");
  JsonObject *by_annotator = object_member (stats, "by_annotator");
  g_autoptr(GList) names = by_annotator != NULL ? json_object_get_members (by_annotator) : NULL;

  names = g_list_sort (names, (GCompareFunc) g_strcmp0);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = ((const char *) l->data)[0] != '\0' ? l->data : _("(unknown)");

      add_bar (self, chart, name, int_member (object_member (by_annotator, l->data), "spans"),
               NULL, NULL);
    }
}

static void
fill_top (AlamaDashboard *self,
          JsonObject     *stats,
          AlamaSchema    *schema,
          const char     *chart_name,
          const char     *member)
{
  AlamaBarChart *chart = g_hash_table_lookup (self->charts, chart_name);
  JsonNode *node = json_object_get_member (stats, member);
  JsonArray *items = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      const char *text = json_object_get_string_member_with_default (item, "text", "");
      const char *key = json_object_get_string_member_with_default (item, "label", NULL);
      const AlamaLabel *label = key != NULL ? alama_schema_find_label (schema, key) : NULL;
      GdkRGBA color;
      gboolean colored = label != NULL && label->color != NULL && gdk_rgba_parse (&color, label->color);

      alama_bar_chart_add (chart, text, json_object_get_int_member_with_default (item, "count", 0),
                           colored ? &color : NULL);
      /* Entities search their label and text; speakers and claimants their text. */
      g_ptr_array_add (row_labels (self, chart), g_strdup (key));
    }
}

gboolean
alama_dashboard_refresh (AlamaDashboard *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(AlamaSchema) schema = NULL;
  g_autofree char *summary = NULL;
  GHashTableIter iter;
  gpointer chart;
  JsonObject *stats;

  g_return_val_if_fail (ALAMA_IS_DASHBOARD (self), FALSE);

  g_hash_table_iter_init (&iter, self->charts);
  while (g_hash_table_iter_next (&iter, NULL, &chart))
    alama_bar_chart_clear (chart);
  g_hash_table_remove_all (self->chart_labels);

  node = alama_stats_collect (self->store, &error);
  gtk_widget_set_visible (self->error_label, node == NULL);
  if (node == NULL)
    {
      gtk_label_set_label (GTK_LABEL (self->error_label), alama_error_text (error));
      return FALSE;
    }
  stats = json_node_get_object (node);
  schema = alama_store_get_schema (self->store);

  self->documents = int_member (stats, "documents");
  self->documents_done = int_member (stats, "documents_done");
  /* Translators: documents done, all documents, documents still to review */
  summary = g_strdup_printf (ngettext ("%d of %d document done, %d to go",
                                       "%d of %d documents done, %d to go",
                                       (gulong) self->documents),
                             (int) self->documents_done, (int) self->documents,
                             (int) (self->documents - self->documents_done));
  gtk_label_set_label (GTK_LABEL (self->summary_label), summary);
  gtk_level_bar_set_max_value (GTK_LEVEL_BAR (self->progress), MAX (1, self->documents));
  gtk_level_bar_set_value (GTK_LEVEL_BAR (self->progress), (double) self->documents_done);

  fill_labels (self, stats, schema);
  fill_statuses (self, stats);
  fill_annotators (self, stats);
  fill_top (self, stats, schema, "entities", "top_entities");
  fill_top (self, stats, schema, "speakers", "top_speakers");
  fill_top (self, stats, schema, "claimants", "top_claimants");
  return TRUE;
}

/* Changes come in bursts (an import, a review run, undo after undo): one
 * refresh after the burst reads the counts once instead of once per change. */
#define REFRESH_DELAY_MS 400

static gboolean
refresh_due_cb (gpointer user_data)
{
  AlamaDashboard *self = user_data;

  self->refresh_source = 0;
  alama_dashboard_refresh (self);
  return G_SOURCE_REMOVE;
}

/* The store's "changed": another annotation, an undo, or another process's
 * commit found by alama_store_refresh(). The open dashboard follows. */
static void
store_changed_cb (AlamaDashboard *self,
                  gint64          document_id)
{
  if (self->refresh_source != 0)
    return;
  self->refresh_source = g_timeout_add_full (G_PRIORITY_LOW, REFRESH_DELAY_MS,
                                             refresh_due_cb, self, NULL);
}

static void
item_activated_cb (AlamaBarChart  *chart,
                   guint           index,
                   AlamaDashboard *self)
{
  GPtrArray *labels = g_hash_table_lookup (self->chart_labels, chart);
  const char *label = labels != NULL && index < labels->len ? labels->pdata[index] : NULL;
  const char *text = NULL;

  /* Label bars search the label; status and annotator bars have nothing to
   * search; the lists search their text. */
  if (chart == self->statuses_chart || chart == self->annotators_chart)
    return;
  if (chart != self->labels_chart)
    text = alama_bar_chart_get_name (chart, index);
  g_signal_emit (self, signals[SEARCH], 0, label, text);
}

AlamaBarChart *
alama_dashboard_get_chart (AlamaDashboard *self,
                           const char     *name)
{
  g_return_val_if_fail (ALAMA_IS_DASHBOARD (self), NULL);
  return g_hash_table_lookup (self->charts, name);
}

gint64
alama_dashboard_get_documents (AlamaDashboard *self)
{
  g_return_val_if_fail (ALAMA_IS_DASHBOARD (self), 0);
  return self->documents;
}

gint64
alama_dashboard_get_documents_done (AlamaDashboard *self)
{
  g_return_val_if_fail (ALAMA_IS_DASHBOARD (self), 0);
  return self->documents_done;
}

static void
alama_dashboard_dispose (GObject *object)
{
  AlamaDashboard *self = ALAMA_DASHBOARD (object);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), ALAMA_TYPE_DASHBOARD);
  g_clear_pointer (&self->chart_labels, g_hash_table_unref);
  g_clear_pointer (&self->charts, g_hash_table_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (alama_dashboard_parent_class)->dispose (object);
}

static void
alama_dashboard_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AlamaDashboard *self = ALAMA_DASHBOARD (object);

  switch (prop_id)
    {
    case PROP_MIN_CONFIDENCE:
      g_value_set_double (value, self->min_confidence);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alama_dashboard_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  AlamaDashboard *self = ALAMA_DASHBOARD (object);

  switch (prop_id)
    {
    case PROP_MIN_CONFIDENCE:
      if (self->min_confidence == g_value_get_double (value))
        break;
      self->min_confidence = g_value_get_double (value);
      describe_statuses (self);
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alama_dashboard_class_init (AlamaDashboardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alama_dashboard_dispose;
  object_class->get_property = alama_dashboard_get_property;
  object_class->set_property = alama_dashboard_set_property;

  /* The text view's confidence threshold: the statuses say when the text
   * hides some of the pending suggestions they count. */
  properties[PROP_MIN_CONFIDENCE] =
    g_param_spec_double ("min-confidence", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  signals[SEARCH] = g_signal_new ("search", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  g_type_ensure (ALAMA_TYPE_BAR_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/alama/Workbench/alama-dashboard.ui");
  gtk_widget_class_bind_template_child (widget_class, AlamaDashboard, summary_label);
  gtk_widget_class_bind_template_child (widget_class, AlamaDashboard, progress);
  gtk_widget_class_bind_template_child (widget_class, AlamaDashboard, error_label);
  gtk_widget_class_bind_template_child (widget_class, AlamaDashboard, labels_chart);
  gtk_widget_class_bind_template_child (widget_class, AlamaDashboard, statuses_chart);
  gtk_widget_class_bind_template_child (widget_class, AlamaDashboard, statuses_group);
  gtk_widget_class_bind_template_child (widget_class, AlamaDashboard, annotators_chart);
  gtk_widget_class_bind_template_child (widget_class, AlamaDashboard, entities_chart);
  gtk_widget_class_bind_template_child (widget_class, AlamaDashboard, speakers_chart);
  gtk_widget_class_bind_template_child (widget_class, AlamaDashboard, claimants_chart);
  gtk_widget_class_bind_template_callback (widget_class, item_activated_cb);
}

static void
alama_dashboard_init (AlamaDashboard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* By name, for alama_dashboard_get_chart() and the fill_*() functions. */
  self->charts = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (self->charts, "labels", self->labels_chart);
  g_hash_table_insert (self->charts, "statuses", self->statuses_chart);
  g_hash_table_insert (self->charts, "annotators", self->annotators_chart);
  g_hash_table_insert (self->charts, "entities", self->entities_chart);
  g_hash_table_insert (self->charts, "speakers", self->speakers_chart);
  g_hash_table_insert (self->charts, "claimants", self->claimants_chart);
  self->chart_labels = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
}

AlamaDashboard *
alama_dashboard_new (GtkWindow  *parent,
                     AlamaStore *store)
{
  AlamaDashboard *self;

  g_return_val_if_fail (ALAMA_IS_STORE (store), NULL);

  self = g_object_new (ALAMA_TYPE_DASHBOARD, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  g_signal_connect_swapped (store, "changed", G_CALLBACK (store_changed_cb), self);
  alama_dashboard_refresh (self);
  return self;
}
