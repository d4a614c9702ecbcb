/* alama-relation-editor.c: the selected relation in the side panel. */
#define G_LOG_DOMAIN "alama-relation-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "alama-error-text.h"
#include "alama-status-text.h"
#include "alama-relation-editor.h"
#include "alama-display-text.h"


struct _AlamaRelationEditor
{
  AdwBin         parent_instance;

  /* Template widgets */
  GtkLabel      *heading;
  GtkDropDown   *type_dropdown;
  GtkLabel      *from_label;
  GtkLabel      *to_label;
  GtkLabel      *provenance;
  GtkWidget     *reverse_button;
  GtkWidget     *delete_button;

  /* Owned */
  AlamaStore    *store;
  AlamaRelation *relation;
  GtkStringList *type_names;     /* shown in type_dropdown */
  GPtrArray     *type_keys;      /* char*, parallel to type_names */

  gboolean       editable;
  gboolean       filling;        /* widgets are being set from the relation: no writes */
};

G_DEFINE_FINAL_TYPE (AlamaRelationEditor, alama_relation_editor, ADW_TYPE_BIN)

enum
{
  SIGNAL_ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- Writing ----------------------------------------------------------------- */

static void
type_selected_cb (AlamaRelationEditor *self)
{
  guint position = gtk_drop_down_get_selected (self->type_dropdown);
  g_autoptr(AlamaRelation) changed = NULL;
  g_autoptr(GError) error = NULL;
  const char *key;

  if (self->filling || self->relation == NULL || self->store == NULL || !self->editable ||
      position >= self->type_keys->len)
    return;
  key = g_ptr_array_index (self->type_keys, position);
  if (g_strcmp0 (key, self->relation->type) == 0)
    return;

  changed = alama_relation_copy (self->relation);
  g_free (changed->type);
  changed->type = g_strdup (key);
  if (!alama_store_update_relation (self->store, changed, &error))
    g_signal_emit (self, signals[SIGNAL_ERROR], 0, alama_error_text (error));
}

static void
reverse_clicked_cb (AlamaRelationEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (self->relation == NULL || self->store == NULL || !self->editable)
    return;
  if (!alama_store_reverse_relation (self->store, self->relation->id, &error))
    g_signal_emit (self, signals[SIGNAL_ERROR], 0, alama_error_text (error));
}

/* ---- Showing ----------------------------------------------------------------- */

static char *
type_display_name (const AlamaRelationType *type)
{
  gboolean arabic = pango_language_matches (gtk_get_default_language (), "ar");
  const char *name = arabic ? type->name_ar : type->name_en;

  if (name == NULL || name[0] == '\0')
    return g_strdup (type->key);
  return g_strdup_printf ("%s · %s", type->key, name);
}

/* The types the schema allows between the two ends' labels, and the
 * relation's own type even when the schema no longer allows it. */
static void
fill_types (AlamaRelationEditor *self,
            AlamaSchema         *schema,
            const char          *from_label,
            const char          *to_label)
{
  g_autoptr(GPtrArray) allowed = alama_schema_relation_types_for (schema, from_label, to_label);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint selected = GTK_INVALID_LIST_POSITION;

  g_ptr_array_set_size (self->type_keys, 0);
  for (guint i = 0; allowed != NULL && i < allowed->len; i++)
    {
      const AlamaRelationType *type = g_ptr_array_index (allowed, i);

      if (g_strcmp0 (type->key, self->relation->type) == 0)
        selected = self->type_keys->len;
      g_ptr_array_add (self->type_keys, g_strdup (type->key));
      g_ptr_array_add (names, type_display_name (type));
    }
  if (selected == GTK_INVALID_LIST_POSITION)
    {
      selected = self->type_keys->len;
      g_ptr_array_add (self->type_keys, g_strdup (self->relation->type));
      g_ptr_array_add (names, g_strdup (self->relation->type));
    }
  g_ptr_array_add (names, NULL);

  gtk_string_list_splice (self->type_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->type_names)),
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->type_dropdown, selected);
}

/* "PER ⁨ليلى سعيد⁩": the end's label and its text, isolated so that the
 * text's direction does not reorder the line. */
static char *
end_text (AlamaDocumentModel *model,
          gint64              span_id)
{
  AlamaSpan *span = model != NULL ? alama_document_model_find_span (model, span_id) : NULL;
  g_autofree char *text = NULL;

  if (span == NULL)
    return g_strdup_printf ("#%" G_GINT64_FORMAT, span_id);
  text = alama_span_dup_text (span, alama_document_model_get_text (model));
  /* One line: a quote with a line break would make the row three lines high. */
  g_strdelimit (text, "\n\r\t", ' ');
  return g_strdup_printf (ALAMA_FSI "%s" ALAMA_PDI " " ALAMA_FSI "%s" ALAMA_PDI, span->label,
                          text != NULL ? text : "");
}

static void
update_sensitivity (AlamaRelationEditor *self,
                    gboolean             can_reverse)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->type_dropdown), self->editable);
  gtk_widget_set_sensitive (self->reverse_button, self->editable && can_reverse);
  gtk_widget_set_visible (self->delete_button, self->editable);
}

void
alama_relation_editor_set_relation (AlamaRelationEditor *self,
                                    AlamaDocumentModel  *model,
                                    AlamaRelation       *relation)
{
  g_autoptr(AlamaSchema) schema = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *provenance = NULL;
  AlamaSpan *from_span, *to_span;
  gboolean can_reverse;

  g_return_if_fail (ALAMA_IS_RELATION_EDITOR (self));

  g_clear_pointer (&self->relation, alama_relation_unref);
  if (relation == NULL || model == NULL || self->store == NULL)
    return;
  self->relation = alama_relation_ref (relation);

  schema = alama_store_get_schema (self->store);
  from_span = alama_document_model_find_span (model, relation->from_id);
  to_span = alama_document_model_find_span (model, relation->to_id);

  self->filling = TRUE;
  /* TRANSLATORS: the heading of the side panel for a selected relation; %s is its type */
  heading = g_strdup_printf (_("Relation %s"), relation->type);
  gtk_label_set_label (self->heading, heading);
  fill_types (self, schema, from_span != NULL ? from_span->label : NULL,
              to_span != NULL ? to_span->label : NULL);
  from = end_text (model, relation->from_id);
  to = end_text (model, relation->to_id);
  gtk_label_set_label (self->from_label, from);
  gtk_label_set_label (self->to_label, to);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->from_label), from);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->to_label), to);
  /* TRANSLATORS: a relation's status and where it came from, e.g. "accepted · manual" */
  provenance = g_strdup_printf (_("%s · source: %s"), alama_status_text (relation->status),
                                relation->source != NULL ? relation->source : ALAMA_SOURCE_MANUAL);
  gtk_label_set_label (self->provenance, provenance);
  self->filling = FALSE;

  can_reverse = from_span != NULL && to_span != NULL &&
                alama_schema_relation_allowed (schema, relation->type, to_span->label,
                                               from_span->label);
  gtk_widget_set_tooltip_text (self->reverse_button,
                               can_reverse ? _("Swap the two ends")
                                           : _("The schema does not allow this relation the other way round"));
  update_sensitivity (self, can_reverse);
}

void
alama_relation_editor_set_store (AlamaRelationEditor *self,
                                 AlamaStore          *store)
{
  g_return_if_fail (ALAMA_IS_RELATION_EDITOR (self));

  g_clear_pointer (&self->relation, alama_relation_unref);
  g_set_object (&self->store, store);
}

void
alama_relation_editor_set_editable (AlamaRelationEditor *self,
                                    gboolean             editable)
{
  g_return_if_fail (ALAMA_IS_RELATION_EDITOR (self));

  self->editable = !!editable;
  update_sensitivity (self, gtk_widget_get_sensitive (self->reverse_button));
}

/* ---- GObject ----------------------------------------------------------------- */

static void
alama_relation_editor_dispose (GObject *object)
{
  AlamaRelationEditor *self = ALAMA_RELATION_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ALAMA_TYPE_RELATION_EDITOR);
  g_clear_object (&self->store);
  g_clear_object (&self->type_names);

  G_OBJECT_CLASS (alama_relation_editor_parent_class)->dispose (object);
}

static void
alama_relation_editor_finalize (GObject *object)
{
  AlamaRelationEditor *self = ALAMA_RELATION_EDITOR (object);

  g_clear_pointer (&self->relation, alama_relation_unref);
  g_clear_pointer (&self->type_keys, g_ptr_array_unref);

  G_OBJECT_CLASS (alama_relation_editor_parent_class)->finalize (object);
}

static void
alama_relation_editor_class_init (AlamaRelationEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alama_relation_editor_dispose;
  object_class->finalize = alama_relation_editor_finalize;

  /**
   * AlamaRelationEditor::error:
   * @message: what went wrong, worded for a person
   */
  signals[SIGNAL_ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/alama/Workbench/alama-relation-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, AlamaRelationEditor, heading);
  gtk_widget_class_bind_template_child (widget_class, AlamaRelationEditor, type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AlamaRelationEditor, from_label);
  gtk_widget_class_bind_template_child (widget_class, AlamaRelationEditor, to_label);
  gtk_widget_class_bind_template_child (widget_class, AlamaRelationEditor, provenance);
  gtk_widget_class_bind_template_child (widget_class, AlamaRelationEditor, reverse_button);
  gtk_widget_class_bind_template_child (widget_class, AlamaRelationEditor, delete_button);
  gtk_widget_class_bind_template_callback (widget_class, type_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, reverse_clicked_cb);
}

static void
alama_relation_editor_init (AlamaRelationEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->editable = TRUE;
  self->type_keys = g_ptr_array_new_with_free_func (g_free);
  self->type_names = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->type_dropdown, G_LIST_MODEL (self->type_names));
}

GtkWidget *
alama_relation_editor_new (void)
{
  return g_object_new (ALAMA_TYPE_RELATION_EDITOR, NULL);
}
