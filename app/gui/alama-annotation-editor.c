/* alama-annotation-editor.c: the editor under the annotation list.
 *
 * Why this file is long: it is one form (label, attributes, note, relations,
 * the other annotations over the same text, history), and each part is a
 * small filler of the same span and model; split, they would all reach into
 * one private struct. */
#define G_LOG_DOMAIN "alama-annotation-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include <alama/alama-tagger-model.h>

#include "alama-change-words.h"
#include "alama-confidence-text.h"
#include "alama-error-text.h"
#include "alama-annotation-editor.h"
#include "alama-display-text.h"


struct _AlamaAnnotationEditor
{
  AdwBin        parent_instance;

  /* Children */
  GtkStack     *stack;
  GtkWidget    *nothing_label;
  GtkWidget    *form;
  GtkLabel     *heading;
  GtkBox       *also_here_box;
  GtkDropDown  *label_dropdown;
  GtkGrid      *attribute_grid;
  GtkEntry     *note_entry;
  GtkBox       *relations_box;
  GtkBox       *history_box;
  GtkWidget    *delete_button;

  /* Owned */
  AlamaStore   *store;
  AlamaSchema  *schema;
  AlamaSpan    *span;
  AlamaDocumentModel *model;    /* the document's: relations, related spans' text */
  GSignalGroup *relations_signals; /* on the model's relations */
  GtkStringList *label_names;   /* shown in the dropdown */
  GPtrArray    *label_keys;     /* char*, parallel to label_names */
  GPtrArray    *attribute_names; /* char*: the attribute edited in each row of attribute_grid */

  gboolean      editable;
  gboolean      filling;        /* widgets are being set from the span: no writes */
};

G_DEFINE_FINAL_TYPE (AlamaAnnotationEditor, alama_annotation_editor, ADW_TYPE_BIN)

enum
{
  SIGNAL_ERROR,
  SIGNAL_RELATION_ACTIVATED,
  SIGNAL_SPAN_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- Writing --------------------------------------------------------------- */

/* Stores @changed (a modified copy of self->span). */
static void
write_span (AlamaAnnotationEditor *self,
            AlamaSpan             *changed)
{
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || !self->editable)
    return;
  if (!alama_store_update_span (self->store, changed, &error))
    g_signal_emit (self, signals[SIGNAL_ERROR], 0, alama_error_text (error));
}

static void fill_labels (AlamaAnnotationEditor *self);

/* Whether @label would break relations of the shown span. */
static gboolean
relabel_breaks_relations (AlamaAnnotationEditor *self,
                          const char            *label)
{
  g_autoptr(GPtrArray) blocking = NULL;

  if (self->store == NULL || !self->editable)
    return FALSE;
  blocking = alama_store_list_relations_blocking_label (self->store, self->span->id, label, NULL);
  return blocking != NULL && blocking->len > 0;
}

static void
label_selected_cb (AlamaAnnotationEditor *self)
{
  guint position = gtk_drop_down_get_selected (self->label_dropdown);
  g_autoptr(AlamaSpan) changed = NULL;
  const char *key;

  if (self->filling || self->span == NULL || position >= self->label_keys->len)
    return;
  key = g_ptr_array_index (self->label_keys, position);
  if (g_strcmp0 (key, self->span->label) == 0)
    return;

  /* Stays on the current label until the window's question is answered: the
   * model then brings the new label back. */
  if (relabel_breaks_relations (self, key) &&
      gtk_widget_activate_action (GTK_WIDGET (self), "win.relabel-annotation", "(xs)",
                                  self->span->id, key))
    {
      self->filling = TRUE;
      fill_labels (self);
      self->filling = FALSE;
      return;
    }

  changed = alama_span_copy (self->span);
  g_free (changed->label);
  changed->label = g_strdup (key);
  write_span (self, changed);
}

static void
set_attribute (AlamaAnnotationEditor *self,
               const char            *name,
               const char            *value)
{
  g_autoptr(AlamaSpan) changed = NULL;

  if (self->filling || self->span == NULL)
    return;
  if (g_strcmp0 (alama_span_get_attribute (self->span, name),
                 value != NULL && value[0] != '\0' ? value : NULL) == 0)
    return;

  changed = alama_span_copy (self->span);
  alama_span_set_attribute (changed, name, value != NULL && value[0] != '\0' ? value : NULL);
  write_span (self, changed);
}

/* The attribute an editing widget of attribute_grid stands for. */
static const char *
attribute_of (AlamaAnnotationEditor *self,
              GtkWidget             *widget)
{
  int row = -1;

  /* NULL for a widget on its way out (its focus leaves as the grid is cleared). */
  if (gtk_widget_get_parent (widget) != GTK_WIDGET (self->attribute_grid))
    return NULL;
  gtk_grid_query_child (self->attribute_grid, widget, NULL, &row, NULL, NULL);
  if (row < 0 || (guint) row >= self->attribute_names->len)
    return NULL;
  return g_ptr_array_index (self->attribute_names, row);
}

static void
attribute_dropdown_cb (GtkDropDown           *dropdown,
                       GParamSpec            *pspec,
                       AlamaAnnotationEditor *self)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (dropdown);
  guint position = gtk_drop_down_get_selected (dropdown);

  const char *name = attribute_of (self, GTK_WIDGET (dropdown));

  if (name == NULL)
    return;
  /* Row 0 is "not set". */
  set_attribute (self, name,
                 item != NULL && position > 0 ? gtk_string_object_get_string (item) : NULL);
}

static void
attribute_entry_commit (GtkEntry              *entry,
                        AlamaAnnotationEditor *self)
{
  g_autofree char *value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  const char *name = attribute_of (self, GTK_WIDGET (entry));

  if (name != NULL)
    set_attribute (self, name, value);
}

static void
attribute_entry_leave_cb (GtkEventControllerFocus *focus,
                          AlamaAnnotationEditor   *self)
{
  attribute_entry_commit (GTK_ENTRY (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus))),
                          self);
}

static void
note_commit (AlamaAnnotationEditor *self)
{
  g_autofree char *note = NULL;
  g_autoptr(AlamaSpan) changed = NULL;

  if (self->filling || self->span == NULL)
    return;
  note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_entry))));
  if (g_strcmp0 (note[0] != '\0' ? note : NULL, self->span->note) == 0)
    return;

  changed = alama_span_copy (self->span);
  g_free (changed->note);
  changed->note = note[0] != '\0' ? g_steal_pointer (&note) : NULL;
  write_span (self, changed);
}

/* ---- Showing ---------------------------------------------------------------- */

static const char *
label_display_name (const AlamaLabel *label)
{
  gboolean arabic = pango_language_matches (gtk_get_default_language (), "ar");
  const char *name = arabic ? label->name_ar : label->name_en;

  return name != NULL && name[0] != '\0' ? name : NULL;
}

/* Whether @list holds exactly @names (NULL-terminated GPtrArray of strings). */
static gboolean
same_strings (GtkStringList *list,
              GPtrArray     *names)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  if (n + 1 != names->len)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (list, i), g_ptr_array_index (names, i)) != 0)
      return FALSE;
  return TRUE;
}

static void
fill_labels (AlamaAnnotationEditor *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  gboolean known = FALSE;

  g_ptr_array_set_size (self->label_keys, 0);
  for (guint i = 0; self->schema != NULL && i < self->schema->labels->len; i++)
    {
      const AlamaLabel *label = g_ptr_array_index (self->schema->labels, i);
      const char *name = label_display_name (label);

      g_ptr_array_add (self->label_keys, g_strdup (label->key));
      g_ptr_array_add (names, name != NULL ? g_strdup_printf ("%s · %s", label->key, name)
                                           : g_strdup (label->key));
      if (self->span != NULL && g_strcmp0 (label->key, self->span->label) == 0)
        known = TRUE;
    }
  /* A label the schema lost (it can happen with old imports) stays choosable. */
  if (self->span != NULL && !known)
    {
      g_ptr_array_add (self->label_keys, g_strdup (self->span->label));
      g_ptr_array_add (names, g_strdup (self->span->label));
    }
  g_ptr_array_add (names, NULL);

  /* The same names as shown (selecting span after span of one schema): the
   * splice would make the drop-down rebuild its items at every selection. */
  if (!same_strings (self->label_names, names))
    gtk_string_list_splice (self->label_names, 0,
                            g_list_model_get_n_items (G_LIST_MODEL (self->label_names)),
                            (const char * const *) names->pdata);
  for (guint i = 0; self->span != NULL && i < self->label_keys->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->label_keys, i), self->span->label) == 0)
      gtk_drop_down_set_selected (self->label_dropdown, i);
}

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    {
      if (GTK_IS_BOX (box))
        gtk_box_remove (GTK_BOX (box), child);
      else
        gtk_grid_remove (GTK_GRID (box), child);
    }
}

static GtkWidget *
dim_label (const char *text)
{
  return g_object_new (GTK_TYPE_LABEL,
                       "label", text,
                       "xalign", 0.0f,
                       "wrap", TRUE,
                       "wrap-mode", PANGO_WRAP_WORD_CHAR,
                       "css-classes", (const char *[]) { "dim-label", "caption", NULL },
                       NULL);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Attributes the span holds that the schema does not define for its label
 * (imported ones, such as a brat normalisation "norm:Reference"), shown as
 * they are, below the editable ones: nothing the span holds is hidden. */
static void
fill_other_attributes (AlamaAnnotationEditor *self,
                       GPtrArray             *defs)
{
  g_autofree gpointer *names = NULL;
  guint n = 0;
  guint row = defs != NULL ? defs->len : 0;

  if (self->span->attributes == NULL)
    return;
  names = g_hash_table_get_keys_as_array (self->span->attributes, &n);
  qsort (names, n, sizeof (gpointer), compare_names);
  for (guint i = 0; i < n; i++)
    {
      const char *value = g_hash_table_lookup (self->span->attributes, names[i]);
      gboolean defined = FALSE;
      GtkWidget *name;
      GtkWidget *shown;
      g_autofree char *percent = NULL;
      double confidence;

      for (guint d = 0; defs != NULL && d < defs->len && !defined; d++)
        defined = g_strcmp0 (((AlamaAttributeDef *) g_ptr_array_index (defs, d))->name, names[i]) == 0;
      if (defined)
        continue;
      /* A model's confidence is shown as the percentage it means. */
      if (g_str_equal (names[i], ALAMA_TAGGER_MODEL_CONFIDENCE_ATTRIBUTE) &&
          alama_span_get_confidence (self->span, &confidence))
        {
          name = g_object_new (GTK_TYPE_LABEL, "label", _("Confidence"), "xalign", 0.0f, NULL);
          value = percent = alama_confidence_percent_text (confidence);
        }
      else
        name = g_object_new (GTK_TYPE_LABEL, "label", names[i], "xalign", 0.0f, NULL);
      shown = g_object_new (GTK_TYPE_LABEL,
                            "label", value,
                            "xalign", 0.0f,
                            "selectable", TRUE,
                            "wrap", TRUE,
                            "wrap-mode", PANGO_WRAP_WORD_CHAR,
                            "hexpand", TRUE,
                            NULL);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (shown),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, name, NULL, -1);
      gtk_grid_attach (self->attribute_grid, name, 0, row, 1, 1);
      gtk_grid_attach (self->attribute_grid, shown, 1, row, 1, 1);
      row++;
    }
}

static void
fill_attributes (AlamaAnnotationEditor *self)
{
  g_autoptr(GPtrArray) defs = NULL;

  clear_box (GTK_WIDGET (self->attribute_grid));
  g_ptr_array_set_size (self->attribute_names, 0);
  if (self->schema == NULL || self->span == NULL)
    return;

  defs = alama_schema_attributes_for (self->schema, self->span->label);
  for (guint i = 0; defs != NULL && i < defs->len; i++)
    {
      const AlamaAttributeDef *def = g_ptr_array_index (defs, i);
      const char *value = alama_span_get_attribute (self->span, def->name);
      GtkWidget *name = g_object_new (GTK_TYPE_LABEL, "label", def->name, "xalign", 0.0f, NULL);
      GtkWidget *widget;

      if (def->values != NULL && def->values[0] != NULL)
        {
          g_autoptr(GtkStringList) values = gtk_string_list_new ((const char *[]) { "—", NULL });
          guint selected = 0;

          for (guint v = 0; def->values[v] != NULL; v++)
            {
              gtk_string_list_append (values, def->values[v]);
              if (g_strcmp0 (value, def->values[v]) == 0)
                selected = v + 1;
            }
          widget = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&values)), NULL);
          gtk_drop_down_set_selected (GTK_DROP_DOWN (widget), selected);
          g_signal_connect (widget, "notify::selected", G_CALLBACK (attribute_dropdown_cb), self);
        }
      else
        {
          GtkEventController *focus = gtk_event_controller_focus_new ();

          widget = gtk_entry_new ();
          gtk_editable_set_text (GTK_EDITABLE (widget), value != NULL ? value : "");
          g_signal_connect (widget, "activate", G_CALLBACK (attribute_entry_commit), self);
          g_signal_connect (focus, "leave", G_CALLBACK (attribute_entry_leave_cb), self);
          gtk_widget_add_controller (widget, focus);
        }
      g_ptr_array_add (self->attribute_names, g_strdup (def->name));
      gtk_widget_set_hexpand (widget, TRUE);
      gtk_widget_set_sensitive (widget, self->editable);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (widget),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, name, NULL, -1);
      gtk_grid_attach (self->attribute_grid, name, 0, i, 1, 1);
      gtk_grid_attach (self->attribute_grid, widget, 1, i, 1, 1);
    }
  fill_other_attributes (self, defs);
}

/* How long the other end's text may be in a relation's row: a quote of a
 * whole paragraph would otherwise fill the panel. */
#define RELATION_TEXT_CHARS 60

/* The other end of a relation: its label and its text on one line, cut to a
 * sane length, the whole isolated. */
static char *
span_text (AlamaAnnotationEditor *self,
           gint64                 span_id)
{
  AlamaSpan *other = alama_document_model_find_span (self->model, span_id);
  g_autofree char *text = NULL, *line = NULL, *caption = NULL;

  if (other == NULL)
    return g_strdup_printf ("#%" G_GINT64_FORMAT, span_id);
  text = alama_span_dup_text (other, alama_document_model_get_text (self->model));
  line = alama_display_text_one_line (text != NULL ? text : "", RELATION_TEXT_CHARS);
  caption = g_strdup_printf ("%s " ALAMA_FSI "%s" ALAMA_PDI, other->label, line);
  return alama_display_text_isolate (caption);
}

/* A relation's row: its type and the other end, each isolated, with an arrow
 * that points from this annotation to the other in the reading direction (the
 * translation of a right-to-left language swaps the arrows), the line led by
 * the interface's direction mark so that a Latin type does not turn it around. */
static char *
relation_line (AlamaAnnotationEditor *self,
               const AlamaRelation   *relation,
               gboolean               outgoing)
{
  g_autofree char *type = alama_display_text_isolate (relation->type);
  g_autofree char *other = span_text (self, outgoing ? relation->to_id : relation->from_id);
  g_autofree char *line = NULL;
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;

  if (outgoing)
    /* TRANSLATORS: a relation from the shown annotation to another one: its
       type, then the other annotation. The arrow points from the shown one to
       the other in reading order: a right-to-left language writes “%s ← %s”. */
    line = g_strdup_printf (_("%s → %s"), type, other);
  else
    /* TRANSLATORS: a relation from another annotation to the shown one: its
       type, then the other annotation. A right-to-left language writes “%s → %s”. */
    line = g_strdup_printf (_("%s ← %s"), type, other);
  return g_strconcat (alama_display_text_direction_mark (rtl), line, NULL);
}

/* editor.select-relation (relation id, its other end): a relation row. */
static void
select_relation_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  gint64 relation_id = 0, other_span_id = 0;

  g_variant_get (param, "(xx)", &relation_id, &other_span_id);
  g_signal_emit (widget, signals[SIGNAL_RELATION_ACTIVATED], 0, relation_id, other_span_id);
}

/* A relation row: activating it selects the relation (and shows its other
 * end). @line is its text. */
static GtkWidget *
relation_row (AlamaAnnotationEditor *self,
              AlamaRelation         *relation,
              const char            *line)
{
  GtkWidget *button = gtk_button_new ();
  gint64 other = relation->from_id == self->span->id ? relation->to_id : relation->from_id;

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "editor.select-relation");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(xx)", relation->id, other);
  gtk_button_set_child (GTK_BUTTON (button), dim_label (line));
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Select this relation"));
  return button;
}

/* The relations of the shown span, from the document's model: no read of
 * the file, and current after every change (the model says when). */
static void
fill_relations (AlamaAnnotationEditor *self)
{
  guint shown = 0;

  clear_box (GTK_WIDGET (self->relations_box));
  if (self->model == NULL || self->span == NULL)
    return;

  for (guint i = 0; i < alama_document_model_get_n_relations (self->model); i++)
    {
      AlamaRelation *relation = alama_document_model_get_relation (self->model, i);
      g_autofree char *line = NULL;

      if (relation->from_id == self->span->id)
        line = relation_line (self, relation, TRUE);
      else if (relation->to_id == self->span->id)
        line = relation_line (self, relation, FALSE);
      else
        continue;
      gtk_box_append (self->relations_box, relation_row (self, relation, line));
      shown++;
    }
  if (shown == 0)
    gtk_box_append (self->relations_box, dim_label (_("No relations")));
}

static void
relations_changed_cb (GListModel            *relations,
                      guint                  position,
                      guint                  removed,
                      guint                  added,
                      AlamaAnnotationEditor *self)
{
  if (self->span != NULL)
    fill_relations (self);
}

/* ---- Also here: other annotations over exactly the same text --------------- */

/* editor.show-span (a span id): an "Also here" button. */
static void
show_span_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  g_signal_emit (widget, signals[SIGNAL_SPAN_ACTIVATED], 0, g_variant_get_int64 (param));
}

static gboolean
same_text (const AlamaSpan *a,
           const AlamaSpan *b)
{
  return alama_span_get_start (a) == alama_span_get_start (b) &&
         alama_span_get_end (a) == alama_span_get_end (b);
}

/* "1 of 2 annotations here" and a row per other annotation over the same
 * text, which selects it: a QUOTE and a CLAIM over one sentence are both
 * reachable. Counted in id order, the order a repeated click in the text
 * goes through them. */
static void
fill_also_here (AlamaAnnotationEditor *self)
{
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  guint position = 1;
  g_autofree char *count = NULL;

  clear_box (GTK_WIDGET (self->also_here_box));
  gtk_widget_set_visible (GTK_WIDGET (self->also_here_box), FALSE);
  if (self->model == NULL || self->span == NULL)
    return;

  for (guint i = 0; i < alama_document_model_get_n_spans (self->model); i++)
    {
      AlamaSpan *other = alama_document_model_get_span (self->model, i);

      if (other->id == self->span->id || !same_text (other, self->span))
        continue;
      g_ptr_array_add (others, other);
      if (other->id < self->span->id)
        position++;
    }
  if (others->len == 0)
    return;

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u annotation here",
                                        "%u of %u annotations here", others->len + 1),
                           position, others->len + 1);
  gtk_box_append (self->also_here_box, dim_label (count));
  for (guint i = 0; i < others->len; i++)
    {
      AlamaSpan *other = g_ptr_array_index (others, i);
      /* TRANSLATORS: a button to the other annotation over the same text; %s is its label */
      g_autofree char *text = g_strdup_printf (_("Also here: %s"), other->label);
      GtkWidget *button = gtk_button_new_with_label (text);

      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "editor.show-span");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", other->id);
      gtk_widget_set_halign (button, GTK_ALIGN_START);
      gtk_box_append (self->also_here_box, button);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->also_here_box), TRUE);
}

static void
fill_history (AlamaAnnotationEditor *self)
{
  g_autoptr(GPtrArray) history = NULL;

  clear_box (GTK_WIDGET (self->history_box));
  if (self->store == NULL || self->span == NULL)
    return;

  /* Where it came from: imports leave no history row per annotation, so say it
   * from the span itself first. */
  {
    g_autoptr(GDateTime) created = g_date_time_new_from_unix_local (self->span->created
                                                                    / G_USEC_PER_SEC);
    g_autofree char *time = created != NULL ? g_date_time_format (created, "%Y-%m-%d %H:%M")
                                            : g_strdup ("");
    g_autofree char *line = NULL;

    line = g_strdup_printf (_("Created by %s, %s (source: %s)"),
                            self->span->annotator != NULL ? self->span->annotator : "?",
                            time,
                            self->span->source != NULL ? self->span->source
                                                       : ALAMA_SOURCE_MANUAL);
    gtk_box_append (self->history_box, dim_label (line));
  }

  history = alama_store_list_history (self->store, "span", self->span->id, NULL);
  for (guint i = 0; history != NULL && i < history->len; i++)
    {
      AlamaHistoryEntry *entry = g_ptr_array_index (history, i);
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (entry->at / G_USEC_PER_SEC);
      g_autofree char *time = when != NULL ? g_date_time_format (when, "%Y-%m-%d %H:%M") : NULL;
      g_autofree char *line = NULL;
      g_autofree char *words = alama_change_words (entry->change_action, entry->change_label,
                                                   entry->description != NULL ? entry->description
                                                                              : entry->action);

      line = g_strdup_printf (_("%s — %s, %s%s"),
                              words,
                              entry->who != NULL ? entry->who : "?",
                              time != NULL ? time : "",
                              entry->undone ? _(" (undone)") : "");
      gtk_box_append (self->history_box, dim_label (line));
    }
}

void
alama_annotation_editor_set_span (AlamaAnnotationEditor *self,
                                  AlamaSpan             *span,
                                  const char            *covered_text)
{
  g_autofree char *heading = NULL;
  gboolean same_span;

  g_return_if_fail (ALAMA_IS_ANNOTATION_EDITOR (self));

  same_span = span != NULL && self->span != NULL && span->id == self->span->id;
  if (span != NULL && self->span != NULL && same_span && alama_span_equal_content (span, self->span))
    return;

  g_clear_pointer (&self->span, alama_span_unref);
  if (span == NULL)
    {
      gtk_stack_set_visible_child (self->stack, self->nothing_label);
      return;
    }
  self->span = alama_span_ref (span);

  self->filling = TRUE;
  heading = g_strconcat (ALAMA_FSI, covered_text != NULL ? covered_text : "", ALAMA_PDI, NULL);
  gtk_label_set_label (self->heading, heading);
  fill_also_here (self);
  fill_labels (self);
  fill_attributes (self);
  /* Do not overwrite a note being typed when the store refreshes the same span. */
  if (!same_span || !gtk_widget_has_focus (GTK_WIDGET (self->note_entry)))
    gtk_editable_set_text (GTK_EDITABLE (self->note_entry), span->note != NULL ? span->note : "");
  fill_relations (self);
  fill_history (self);
  self->filling = FALSE;

  gtk_stack_set_visible_child (self->stack, self->form);
}

void
alama_annotation_editor_set_store (AlamaAnnotationEditor *self,
                                   AlamaStore            *store)
{
  g_return_if_fail (ALAMA_IS_ANNOTATION_EDITOR (self));

  alama_annotation_editor_set_span (self, NULL, NULL);
  g_set_object (&self->store, store);
}

void
alama_annotation_editor_set_schema (AlamaAnnotationEditor *self,
                                    AlamaSchema           *schema)
{
  g_return_if_fail (ALAMA_IS_ANNOTATION_EDITOR (self));

  if (self->schema == schema)
    return;
  g_clear_pointer (&self->schema, alama_schema_unref);
  if (schema != NULL)
    self->schema = alama_schema_ref (schema);
}

void
alama_annotation_editor_set_model (AlamaAnnotationEditor *self,
                                   AlamaDocumentModel    *model)
{
  g_return_if_fail (ALAMA_IS_ANNOTATION_EDITOR (self));
  g_return_if_fail (model == NULL || ALAMA_IS_DOCUMENT_MODEL (model));

  if (self->model == model)
    return;
  g_set_object (&self->model, model);
  g_signal_group_set_target (self->relations_signals,
                             model != NULL ? alama_document_model_get_relations (model) : NULL);
  fill_relations (self);
}

void
alama_annotation_editor_set_editable (AlamaAnnotationEditor *self,
                                      gboolean               editable)
{
  g_return_if_fail (ALAMA_IS_ANNOTATION_EDITOR (self));

  self->editable = !!editable;
  gtk_widget_set_sensitive (GTK_WIDGET (self->label_dropdown), self->editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->attribute_grid), self->editable);
  gtk_editable_set_editable (GTK_EDITABLE (self->note_entry), self->editable);
  gtk_widget_set_visible (self->delete_button, self->editable);
}

/* ---- GObject ---------------------------------------------------------------- */

static void
alama_annotation_editor_dispose (GObject *object)
{
  AlamaAnnotationEditor *self = ALAMA_ANNOTATION_EDITOR (object);

  adw_bin_set_child (ADW_BIN (self), NULL);
  if (self->relations_signals != NULL)
    g_signal_group_set_target (self->relations_signals, NULL);
  g_clear_object (&self->relations_signals);
  g_clear_object (&self->model);
  g_clear_object (&self->store);
  g_clear_object (&self->label_names);

  G_OBJECT_CLASS (alama_annotation_editor_parent_class)->dispose (object);
}

static void
alama_annotation_editor_finalize (GObject *object)
{
  AlamaAnnotationEditor *self = ALAMA_ANNOTATION_EDITOR (object);

  g_clear_pointer (&self->span, alama_span_unref);
  g_clear_pointer (&self->schema, alama_schema_unref);
  g_clear_pointer (&self->label_keys, g_ptr_array_unref);
  g_clear_pointer (&self->attribute_names, g_ptr_array_unref);

  G_OBJECT_CLASS (alama_annotation_editor_parent_class)->finalize (object);
}

static void
alama_annotation_editor_class_init (AlamaAnnotationEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alama_annotation_editor_dispose;
  object_class->finalize = alama_annotation_editor_finalize;

  signals[SIGNAL_ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * AlamaAnnotationEditor::relation-activated:
   * @relation_id: the relation of the row
   * @other_span_id: its end that is not the annotation shown
   */
  signals[SIGNAL_RELATION_ACTIVATED] =
    g_signal_new ("relation-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);
  /**
   * AlamaAnnotationEditor::span-activated:
   * @span_id: another annotation over the same text, chosen to be shown
   */
  signals[SIGNAL_SPAN_ACTIVATED] =
    g_signal_new ("span-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/alama/Workbench/alama-annotation-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, AlamaAnnotationEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, AlamaAnnotationEditor, nothing_label);
  gtk_widget_class_bind_template_child (widget_class, AlamaAnnotationEditor, form);
  gtk_widget_class_bind_template_child (widget_class, AlamaAnnotationEditor, heading);
  gtk_widget_class_bind_template_child (widget_class, AlamaAnnotationEditor, also_here_box);
  gtk_widget_class_bind_template_child (widget_class, AlamaAnnotationEditor, label_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AlamaAnnotationEditor, attribute_grid);
  gtk_widget_class_bind_template_child (widget_class, AlamaAnnotationEditor, note_entry);
  gtk_widget_class_bind_template_child (widget_class, AlamaAnnotationEditor, relations_box);
  gtk_widget_class_bind_template_child (widget_class, AlamaAnnotationEditor, history_box);
  gtk_widget_class_bind_template_child (widget_class, AlamaAnnotationEditor, delete_button);
  gtk_widget_class_bind_template_callback (widget_class, label_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, note_commit);

  gtk_widget_class_install_action (widget_class, "editor.select-relation", "(xx)",
                                   select_relation_activated);
  gtk_widget_class_install_action (widget_class, "editor.show-span", "x", show_span_activated);
}

static void
note_leave_cb (GtkEventControllerFocus *focus,
               AlamaAnnotationEditor   *self)
{
  note_commit (self);
}

static void
alama_annotation_editor_init (AlamaAnnotationEditor *self)
{
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->editable = TRUE;
  self->label_keys = g_ptr_array_new_with_free_func (g_free);
  self->attribute_names = g_ptr_array_new_with_free_func (g_free);
  self->label_names = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->label_dropdown, G_LIST_MODEL (self->label_names));
  self->relations_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect (self->relations_signals, "items-changed",
                          G_CALLBACK (relations_changed_cb), self);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (note_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->note_entry), focus);

  gtk_stack_set_visible_child (self->stack, self->nothing_label);
}

GtkWidget *
alama_annotation_editor_new (void)
{
  return g_object_new (ALAMA_TYPE_ANNOTATION_EDITOR, NULL);
}
