/* alama-annotation-panel.c: the annotation list and the editor below it.
 *
 * AlamaDocumentModel spans (the store's order)
 *   -> rows (GListStore of AlamaSpanObject, mirrored from items-changed)
 *   -> GtkFilterListModel (leaves out the suggestions the text view hides
 *      below its confidence threshold: "min-confidence", alama-span-filter.h)
 *   -> GtkSortListModel (the column view's sorter: click a header to sort)
 *   -> GtkSingleSelection -> GtkColumnView
 *
 * The panel binds to the document's shared model (the one the text view
 * shows): the model announces exactly the rows each change touched, and the
 * rows follow them after the frame that shows the change in the text
 * (rows_follow_model). The editor below binds to the same model for the
 * selected annotation's relations.
 *
 * Why this file is long: the rows that mirror the model, the selection kept in
 * step with the text view, and the review and relation boxes below the list
 * all follow the same selected row and model. The columns themselves are in
 * alama-annotation-columns.c. */
#define G_LOG_DOMAIN "alama-annotation-panel"

#include "config.h"

#include <glib/gi18n.h>

#include <alama/alama-span-filter.h>

#include "alama-after-frame.h"
#include "alama-annotation-columns.h"
#include "alama-annotation-editor.h"
#include "alama-annotation-panel.h"
#include "alama-error-text.h"
#include "alama-relation-editor.h"
#include "alama-span-object.h"
#include "alama-status-text.h"

struct _AlamaAnnotationPanel
{
  AdwBin                 parent_instance;

  /* Children */
  GtkColumnView         *column_view;
  GtkWidget             *empty_label;
  GtkWidget             *list_page;      /* the scrolled window around column_view */
  GtkStack              *list_stack;
  AlamaAnnotationEditor *editor;
  AlamaRelationEditor   *relation_editor;  /* instead of editor while a relation is selected */
  GtkWidget             *review_box;     /* a suggestion's source, status, Accept, Reject */
  GtkWidget             *review_label;
  AlamaRelation         *review_relation; /* a selected suggested relation, or NULL */

  /* Owned */
  AlamaStore            *store;
  AlamaDocument         *document;
  AlamaDocumentModel    *model;          /* the document's, shared with the text view */
  GSignalGroup          *model_signals;  /* on the model's spans */
  GSignalGroup          *relation_signals; /* on the model's relations */
  AlamaSchema           *rows_schema;    /* the schema the rows' colours come from */
  GListStore            *rows;           /* one per span of the model, in its order */
  GArray                *pending;        /* of PendingSplice: model changes the rows await */
  GtkCustomFilter       *confident;      /* rows -> shown: the confidence threshold */
  GtkFilterListModel    *shown;
  double                 min_confidence;
  GtkSortListModel      *sorted;
  GtkSingleSelection    *selection;

  gulong                 store_changed_id;
  AlamaAfterFrame       *rows_follow_model;
  gint64                 selected_span;
  gint64                 selected_relation; /* 0 = none; never set with selected_span */
  gboolean               editable;
  gboolean               reloading;      /* the selection moves because rows are replaced */
};

G_DEFINE_FINAL_TYPE (AlamaAnnotationPanel, alama_annotation_panel, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_DOCUMENT,
  PROP_SELECTED_SPAN,
  PROP_SELECTED_RELATION,
  PROP_EDITABLE,
  PROP_MODEL,
  PROP_MIN_CONFIDENCE,
  N_PROPS
};

enum
{
  SIGNAL_ERROR,
  SIGNAL_SHOW_RELATION,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* One items-changed of the model's spans, with the spans it added as they
 * were then (the rows replay the model's changes in order). */
typedef struct
{
  guint      position;
  guint      removed;
  GPtrArray *added;      /* of AlamaSpan* */
} PendingSplice;

static void
pending_splice_clear (gpointer data)
{
  g_clear_pointer (&((PendingSplice *) data)->added, g_ptr_array_unref);
}

/* Rows a caller is about to read or select must be the model's. */
static void
flush_rows (AlamaAnnotationPanel *self)
{
  alama_after_frame_flush (self->rows_follow_model);
}

/* ---- Review: a selected suggestion ------------------------------------------ */

static AlamaSpanObject *get_selected_object (AlamaAnnotationPanel *self);

/* A pending span, or a pending relation selected in the text, shows where it
 * came from and its status, with Accept and Reject, which act through the
 * window's review actions (the same as A and R in the text, so the walk goes
 * on to the next suggestion). */
static void
update_review (AlamaAnnotationPanel *self,
               const AlamaSpan      *span)
{
  g_autofree char *text = NULL;
  const AlamaRelation *rel = self->review_relation;

  /* The text never selects a span and a relation together: a relation set
   * here is what is selected, whatever row the list still shows. */
  if (rel != NULL && rel->status == ALAMA_STATUS_PENDING)
    {
      /* Translators: "SPEAKER relation suggested by quotes · pending" */
      text = g_strdup_printf (_("%s relation suggested by %s · %s"), rel->type,
                              rel->source != NULL ? rel->source : ALAMA_SOURCE_MANUAL,
                              alama_status_text (ALAMA_STATUS_PENDING));
    }
  else if (span != NULL && span->status == ALAMA_STATUS_PENDING)
    {
      /* Translators: "Suggested by gazetteer · pending" */
      text = g_strdup_printf (_("Suggested by %s · %s"),
                              span->source != NULL ? span->source : ALAMA_SOURCE_MANUAL,
                              alama_status_text (ALAMA_STATUS_PENDING));
    }
  gtk_widget_set_visible (self->review_box, text != NULL);
  if (text != NULL)
    gtk_label_set_label (GTK_LABEL (self->review_label), text);
}

void
alama_annotation_panel_set_review_relation (AlamaAnnotationPanel *self,
                                            AlamaRelation        *relation)
{
  AlamaSpanObject *object;

  g_return_if_fail (ALAMA_IS_ANNOTATION_PANEL (self));

  g_clear_pointer (&self->review_relation, alama_relation_unref);
  if (relation != NULL)
    self->review_relation = alama_relation_ref (relation);
  object = get_selected_object (self);
  update_review (self, object != NULL ? alama_span_object_get_span (object) : NULL);
}

/* ---- Selection ------------------------------------------------------------ */

static AlamaSpanObject *
get_selected_object (AlamaAnnotationPanel *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

/* Delete and Ctrl+C in the list apply to a selected row; without one the
 * keys go on, as they would past a disabled action. */
static void
update_row_actions (AlamaAnnotationPanel *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "panel.delete-selected",
                                 self->selected_span != 0 && self->editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "panel.copy-text",
                                 self->selection != NULL && get_selected_object (self) != NULL);
}

static void
set_selected_span (AlamaAnnotationPanel *self,
                   gint64                span_id)
{
  AlamaSpanObject *object = get_selected_object (self);

  alama_annotation_editor_set_span (self->editor,
                                    object != NULL ? alama_span_object_get_span (object) : NULL,
                                    object != NULL ? alama_span_object_get_plain_text (object)
                                                   : NULL);
  update_review (self, object != NULL ? alama_span_object_get_span (object) : NULL);
  if (self->selected_span == span_id)
    {
      update_row_actions (self);
      return;
    }
  self->selected_span = span_id;
  update_row_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_SPAN]);
}

static void set_selected_relation (AlamaAnnotationPanel *self,
                                   gint64                relation_id);

static void
selection_changed_cb (AlamaAnnotationPanel *self)
{
  AlamaSpanObject *object = get_selected_object (self);

  if (self->reloading)
    return;
  if (object != NULL)
    set_selected_relation (self, 0);
  set_selected_span (self, object != NULL ? alama_span_object_get_id (object) : 0);
}

static guint
find_row (AlamaAnnotationPanel *self,
          gint64                span_id)
{
  GListModel *model = G_LIST_MODEL (self->sorted);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AlamaSpanObject) object = g_list_model_get_item (model, i);

      if (alama_span_object_get_id (object) == span_id)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
scroll_to_row (AlamaAnnotationPanel *self,
               guint                 position)
{
  /* GTK 4.8 has no gtk_column_view_scroll_to(); its inner list view has the action. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
}

void
alama_annotation_panel_select_span (AlamaAnnotationPanel *self,
                                    gint64                span_id)
{
  guint position;

  g_return_if_fail (ALAMA_IS_ANNOTATION_PANEL (self));

  flush_rows (self);
  position = span_id != 0 ? find_row (self, span_id) : GTK_INVALID_LIST_POSITION;
  if (position == GTK_INVALID_LIST_POSITION)
    {
      /* Not gtk_selection_model_unselect_all(): GTK 4.8's single selection
       * leaves its item selected there, and the editor kept showing it. */
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      set_selected_span (self, 0);
      return;
    }

  set_selected_relation (self, 0);
  gtk_single_selection_set_selected (self->selection, position);
  scroll_to_row (self, position);
  set_selected_span (self, span_id);
}

gint64
alama_annotation_panel_get_selected_span (AlamaAnnotationPanel *self)
{
  g_return_val_if_fail (ALAMA_IS_ANNOTATION_PANEL (self), 0);

  return self->selected_span;
}

/* ---- The selected relation ---------------------------------------------------
 *
 * A relation selected (in the text, or from a relation row) takes the place of
 * the annotation editor below the list; a span and a relation are never
 * selected together. The relation editor follows the model's relations. */

static AlamaRelation *
find_model_relation (AlamaAnnotationPanel *self,
                     gint64                relation_id)
{
  if (self->model == NULL || relation_id == 0)
    return NULL;
  for (guint i = 0; i < alama_document_model_get_n_relations (self->model); i++)
    {
      AlamaRelation *relation = alama_document_model_get_relation (self->model, i);

      if (relation->id == relation_id)
        return relation;
    }
  return NULL;
}

static void
show_selected_relation (AlamaAnnotationPanel *self)
{
  AlamaRelation *relation = find_model_relation (self, self->selected_relation);

  alama_relation_editor_set_relation (self->relation_editor, self->model, relation);
  gtk_widget_set_visible (GTK_WIDGET (self->relation_editor), relation != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->editor), relation == NULL);
}

static void
set_selected_relation (AlamaAnnotationPanel *self,
                       gint64                relation_id)
{
  if (self->selected_relation == relation_id)
    return;
  self->selected_relation = relation_id;
  show_selected_relation (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_RELATION]);
}

/* Selects the relation @relation_id of the document (0 = none) and shows it
 * below the list; unselects the span. */
void
alama_annotation_panel_select_relation (AlamaAnnotationPanel *self,
                                        gint64                relation_id)
{
  g_return_if_fail (ALAMA_IS_ANNOTATION_PANEL (self));

  if (relation_id != 0 && find_model_relation (self, relation_id) == NULL)
    return;
  set_selected_relation (self, relation_id);
  if (relation_id != 0 && self->selected_span != 0)
    {
      self->reloading = TRUE;
      gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
      self->reloading = FALSE;
      set_selected_span (self, 0);
    }
}

gint64
alama_annotation_panel_get_selected_relation (AlamaAnnotationPanel *self)
{
  g_return_val_if_fail (ALAMA_IS_ANNOTATION_PANEL (self), 0);

  return self->selected_relation;
}

/* A relation deleted or undone is no longer selected; one changed is shown
 * as it is now. */
static void
model_relations_changed_cb (GListModel           *relations,
                            guint                 position,
                            guint                 removed,
                            guint                 added,
                            AlamaAnnotationPanel *self)
{
  if (self->selected_relation == 0)
    return;
  if (find_model_relation (self, self->selected_relation) == NULL)
    set_selected_relation (self, 0);
  else
    show_selected_relation (self);
}

/* A relation row of the annotation editor: the window selects the relation in
 * the text and scrolls to its other end. */
static void
editor_relation_activated_cb (AlamaAnnotationPanel *self,
                              gint64                relation_id,
                              gint64                other_span_id)
{
  g_signal_emit (self, signals[SIGNAL_SHOW_RELATION], 0, relation_id, other_span_id);
}

/* "Also here": another annotation over the same text. */
static void
editor_span_activated_cb (AlamaAnnotationPanel *self,
                          gint64                span_id)
{
  alama_annotation_panel_select_span (self, span_id);
}

/* ---- Loading -------------------------------------------------------------- */

static AlamaSpanObject *
make_row (AlamaAnnotationPanel *self,
          AlamaSpan            *span)
{
  return alama_span_object_new_indexed (span, alama_document_model_get_text_index (self->model),
                                        self->rows_schema);
}

static void
show_list_or_empty (AlamaAnnotationPanel *self)
{
  gtk_stack_set_visible_child (self->list_stack,
                               g_list_model_get_n_items (G_LIST_MODEL (self->shown)) > 0
                               ? self->list_page : self->empty_label);
}

/* Makes every row again from the model (a new document, a new schema). */
void
alama_annotation_panel_reload (AlamaAnnotationPanel *self)
{
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 keep = self->selected_span;

  g_return_if_fail (ALAMA_IS_ANNOTATION_PANEL (self));

  alama_after_frame_cancel (self->rows_follow_model);
  g_array_set_size (self->pending, 0);

  g_clear_pointer (&self->rows_schema, alama_schema_unref);
  if (self->store != NULL)
    self->rows_schema = alama_store_get_schema (self->store);
  if (self->model != NULL)
    {
      guint n = alama_document_model_get_n_spans (self->model);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (objects, make_row (self, alama_document_model_get_span (self->model, i)));
    }

  self->reloading = TRUE;
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       objects->pdata, objects->len);
  self->reloading = FALSE;

  alama_annotation_editor_set_schema (self->editor, self->rows_schema);
  show_list_or_empty (self);
  alama_annotation_panel_select_span (self, keep);
}

/* The rows replay the model's changes since the last frame. */
static void
rows_follow_model (gpointer user_data)
{
  AlamaAnnotationPanel *self = user_data;
  g_autoptr(AlamaSchema) schema = NULL;
  gint64 keep = self->selected_span;

  if (self->pending->len == 0)
    return;
  /* A new schema may have new colours: then every row is made again. */
  schema = self->store != NULL ? alama_store_get_schema (self->store) : NULL;
  if (schema != self->rows_schema)
    {
      alama_annotation_panel_reload (self);
      return;
    }

  self->reloading = TRUE;
  for (guint i = 0; i < self->pending->len; i++)
    {
      PendingSplice *splice = &g_array_index (self->pending, PendingSplice, i);
      g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint j = 0; j < splice->added->len; j++)
        g_ptr_array_add (objects, make_row (self, splice->added->pdata[j]));
      g_list_store_splice (self->rows, splice->position, splice->removed,
                           objects->pdata, objects->len);
    }
  self->reloading = FALSE;
  g_array_set_size (self->pending, 0);

  show_list_or_empty (self);
  alama_annotation_panel_select_span (self, keep);
}

/* The rows follow after the frame that shows the change in the text: a label
 * key's new span is drawn without waiting for the list. Adding a row costs
 * more than its own widgets: GTK 4.8's column view re-measures every cell of
 * every column whenever one cell is added. Anyone who reads the rows or
 * selects one in the meantime gets them brought up to date first
 * (flush_rows()). */
static void
model_spans_changed_cb (GListModel           *spans,
                        guint                 position,
                        guint                 removed,
                        guint                 added,
                        AlamaAnnotationPanel *self)
{
  PendingSplice splice = {
    .position = position,
    .removed = removed,
    .added = g_ptr_array_new_full (added, (GDestroyNotify) alama_span_unref),
  };

  for (guint i = 0; i < added; i++)
    g_ptr_array_add (splice.added,
                     alama_span_ref (alama_document_model_get_span (self->model, position + i)));
  g_array_append_val (self->pending, splice);
  alama_after_frame_schedule (self->rows_follow_model);
}

/* A change of the schema alone (new colours) touches no span. */
static void
store_changed_cb (AlamaAnnotationPanel *self,
                  gint64                document_id)
{
  g_autoptr(AlamaSchema) schema = NULL;

  if (self->model == NULL || document_id != 0)
    return;
  schema = alama_store_get_schema (self->store);
  if (schema != self->rows_schema)
    alama_annotation_panel_reload (self);
}

static void
set_model (AlamaAnnotationPanel *self,
           AlamaDocumentModel   *model)
{
  if (self->model == model)
    return;
  g_set_object (&self->model, model);
  g_signal_group_set_target (self->model_signals,
                             model != NULL ? alama_document_model_get_spans (model) : NULL);
  g_signal_group_set_target (self->relation_signals,
                             model != NULL ? alama_document_model_get_relations (model) : NULL);
  alama_annotation_editor_set_model (self->editor, model);
  self->selected_relation = 0;
  show_selected_relation (self);
  alama_annotation_panel_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

void
alama_annotation_panel_set_store (AlamaAnnotationPanel *self,
                                  AlamaStore           *store)
{
  g_return_if_fail (ALAMA_IS_ANNOTATION_PANEL (self));
  g_return_if_fail (store == NULL || ALAMA_IS_STORE (store));

  if (self->store == store)
    return;

  alama_annotation_panel_set_document (self, NULL);
  if (self->store != NULL)
    g_clear_signal_handler (&self->store_changed_id, self->store);
  g_set_object (&self->store, store);
  if (store != NULL)
    self->store_changed_id = g_signal_connect_object (store, "changed",
                                                      G_CALLBACK (store_changed_cb), self,
                                                      G_CONNECT_SWAPPED);
  alama_annotation_editor_set_store (self->editor, store);
  alama_relation_editor_set_store (self->relation_editor, store);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

void
alama_annotation_panel_set_document (AlamaAnnotationPanel *self,
                                     AlamaDocument        *document)
{
  g_autoptr(AlamaDocumentModel) model = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (ALAMA_IS_ANNOTATION_PANEL (self));
  g_return_if_fail (document == NULL || ALAMA_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  g_set_object (&self->document, document);
  if (document != NULL && self->store != NULL)
    {
      model = alama_document_model_get_for_document (self->store,
                                                     alama_document_get_id (document), &error);
      if (model == NULL)
        g_signal_emit (self, signals[SIGNAL_ERROR], 0, alama_error_text (error));
    }
  self->selected_span = 0;
  set_model (self, model);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

AlamaDocumentModel *
alama_annotation_panel_get_model (AlamaAnnotationPanel *self)
{
  g_return_val_if_fail (ALAMA_IS_ANNOTATION_PANEL (self), NULL);

  return self->model;
}

void
alama_annotation_panel_set_editable (AlamaAnnotationPanel *self,
                                     gboolean              editable)
{
  g_return_if_fail (ALAMA_IS_ANNOTATION_PANEL (self));

  editable = !!editable;
  if (self->editable == editable)
    return;
  self->editable = editable;
  update_row_actions (self);
  alama_annotation_editor_set_editable (self->editor, editable);
  alama_relation_editor_set_editable (self->relation_editor, editable);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITABLE]);
}

GListModel *
alama_annotation_panel_get_rows (AlamaAnnotationPanel *self)
{
  g_return_val_if_fail (ALAMA_IS_ANNOTATION_PANEL (self), NULL);

  flush_rows (self);
  return G_LIST_MODEL (self->sorted);
}

void
alama_annotation_panel_focus_list (AlamaAnnotationPanel *self)
{
  g_return_if_fail (ALAMA_IS_ANNOTATION_PANEL (self));

  flush_rows (self);
  if (gtk_stack_get_visible_child (self->list_stack) == self->list_page)
    {
      /* Arriving with the keyboard on a list without a selection would leave
       * Delete and Ctrl+C nothing to act on: start at the first row. */
      if (get_selected_object (self) == NULL)
        gtk_single_selection_set_selected (self->selection, 0);
      gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
    }
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->editor));
}

/* ---- Keys: Delete and Ctrl+C in the list ---------------------------------- */

/* Delete in the list: the window's one delete path (with its Undo toast). */
static void
delete_selected_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  gtk_widget_activate_action (widget, "win.delete-annotation", NULL);
}

static void
copy_text_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  AlamaAnnotationPanel *self = ALAMA_ANNOTATION_PANEL (widget);
  AlamaSpanObject *object = get_selected_object (self);

  if (object != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (widget),
                            alama_span_object_get_plain_text (object));
}

/* Escape anywhere in the panel deselects, as it does in the text: the window
 * follows the panel's selection to the view. */
static gboolean
escape_binding_cb (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  AlamaAnnotationPanel *self = ALAMA_ANNOTATION_PANEL (widget);

  if (self->selected_span == 0 && alama_annotation_panel_get_selected_relation (self) == 0)
    return FALSE;
  alama_annotation_panel_select_relation (self, 0);
  alama_annotation_panel_select_span (self, 0);
  return TRUE;
}

/* ---- GObject -------------------------------------------------------------- */

static void
editor_error_cb (AlamaAnnotationPanel *self,
                 const char           *message)
{
  g_signal_emit (self, signals[SIGNAL_ERROR], 0, message);
}

static void
alama_annotation_panel_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  AlamaAnnotationPanel *self = ALAMA_ANNOTATION_PANEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_SELECTED_SPAN:
      g_value_set_int64 (value, self->selected_span);
      break;
    case PROP_SELECTED_RELATION:
      g_value_set_int64 (value, self->selected_relation);
      break;
    case PROP_EDITABLE:
      g_value_set_boolean (value, self->editable);
      break;
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_MIN_CONFIDENCE:
      g_value_set_double (value, self->min_confidence);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alama_annotation_panel_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  AlamaAnnotationPanel *self = ALAMA_ANNOTATION_PANEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      alama_annotation_panel_set_store (self, g_value_get_object (value));
      break;
    case PROP_DOCUMENT:
      alama_annotation_panel_set_document (self, g_value_get_object (value));
      break;
    case PROP_SELECTED_SPAN:
      alama_annotation_panel_select_span (self, g_value_get_int64 (value));
      break;
    case PROP_SELECTED_RELATION:
      alama_annotation_panel_select_relation (self, g_value_get_int64 (value));
      break;
    case PROP_EDITABLE:
      alama_annotation_panel_set_editable (self, g_value_get_boolean (value));
      break;
    case PROP_MIN_CONFIDENCE:
      alama_annotation_panel_set_min_confidence (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alama_annotation_panel_dispose (GObject *object)
{
  AlamaAnnotationPanel *self = ALAMA_ANNOTATION_PANEL (object);

  if (self->store != NULL)
    g_clear_signal_handler (&self->store_changed_id, self->store);
  g_clear_pointer (&self->rows_follow_model, alama_after_frame_free);
  if (self->model_signals != NULL)
    g_signal_group_set_target (self->model_signals, NULL);
  g_clear_object (&self->model_signals);
  if (self->relation_signals != NULL)
    g_signal_group_set_target (self->relation_signals, NULL);
  g_clear_object (&self->relation_signals);
  g_clear_object (&self->model);
  g_clear_object (&self->store);
  g_clear_object (&self->document);

  gtk_widget_dispose_template (GTK_WIDGET (self), ALAMA_TYPE_ANNOTATION_PANEL);
  /* The column view goes with the bin's child, after this: its last
   * selection changes are not the panel's any more. */
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->shown);
  g_clear_object (&self->confident);
  g_clear_object (&self->rows);
  g_clear_pointer (&self->pending, g_array_unref);
  g_clear_pointer (&self->review_relation, alama_relation_unref);

  G_OBJECT_CLASS (alama_annotation_panel_parent_class)->dispose (object);
}

static void
alama_annotation_panel_finalize (GObject *object)
{
  AlamaAnnotationPanel *self = ALAMA_ANNOTATION_PANEL (object);

  g_clear_pointer (&self->rows_schema, alama_schema_unref);

  G_OBJECT_CLASS (alama_annotation_panel_parent_class)->finalize (object);
}

static void
alama_annotation_panel_class_init (AlamaAnnotationPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = alama_annotation_panel_get_property;
  object_class->set_property = alama_annotation_panel_set_property;
  object_class->dispose = alama_annotation_panel_dispose;
  object_class->finalize = alama_annotation_panel_finalize;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, ALAMA_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, ALAMA_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_SPAN] =
    g_param_spec_int64 ("selected-span", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_RELATION] =
    g_param_spec_int64 ("selected-relation", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EDITABLE] =
    g_param_spec_boolean ("editable", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The document's live model (set with the document). */
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, ALAMA_TYPE_DOCUMENT_MODEL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Suggestions below this confidence are not listed (the text view's own
   * threshold is bound to it: the two always agree). */
  properties[PROP_MIN_CONFIDENCE] =
    g_param_spec_double ("min-confidence", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * AlamaAnnotationPanel::show-relation:
   * @relation_id: a relation row activated in the editor
   * @other_span_id: its end that is not the annotation shown (to scroll to)
   */
  signals[SIGNAL_SHOW_RELATION] =
    g_signal_new ("show-relation", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);

  gtk_widget_class_set_css_name (widget_class, "annotationpanel");

  g_type_ensure (ALAMA_TYPE_ANNOTATION_EDITOR);
  g_type_ensure (ALAMA_TYPE_RELATION_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/alama/Workbench/alama-annotation-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, AlamaAnnotationPanel, column_view);
  gtk_widget_class_bind_template_child (widget_class, AlamaAnnotationPanel, empty_label);
  gtk_widget_class_bind_template_child (widget_class, AlamaAnnotationPanel, list_page);
  gtk_widget_class_bind_template_child (widget_class, AlamaAnnotationPanel, list_stack);
  gtk_widget_class_bind_template_child (widget_class, AlamaAnnotationPanel, editor);
  gtk_widget_class_bind_template_child (widget_class, AlamaAnnotationPanel, relation_editor);
  gtk_widget_class_bind_template_child (widget_class, AlamaAnnotationPanel, review_box);
  gtk_widget_class_bind_template_child (widget_class, AlamaAnnotationPanel, review_label);
  gtk_widget_class_bind_template_callback (widget_class, editor_error_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_relation_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_span_activated_cb);

  gtk_widget_class_install_action (widget_class, "panel.delete-selected", NULL,
                                   delete_selected_activated);
  gtk_widget_class_install_action (widget_class, "panel.copy-text", NULL, copy_text_activated);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_binding_cb, NULL);
}

static gboolean
row_is_confident_enough (gpointer item,
                         gpointer user_data)
{
  AlamaAnnotationPanel *self = user_data;
  AlamaSpanFilter filter = { ALAMA_STATUS_MASK_ALL, self->min_confidence };

  return alama_span_filter_shows (&filter, alama_span_object_get_span (item));
}

void
alama_annotation_panel_set_min_confidence (AlamaAnnotationPanel *self,
                                           double                min_confidence)
{
  GtkFilterChange change;

  g_return_if_fail (ALAMA_IS_ANNOTATION_PANEL (self));

  min_confidence = CLAMP (min_confidence, 0.0, 1.0);
  if (min_confidence == self->min_confidence)
    return;
  change = min_confidence > self->min_confidence ? GTK_FILTER_CHANGE_MORE_STRICT
                                                 : GTK_FILTER_CHANGE_LESS_STRICT;
  self->min_confidence = min_confidence;
  gtk_filter_changed (GTK_FILTER (self->confident), change);
  show_list_or_empty (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIN_CONFIDENCE]);
}

static void
alama_annotation_panel_init (AlamaAnnotationPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->editable = TRUE;
  self->rows = g_list_store_new (ALAMA_TYPE_SPAN_OBJECT);
  self->rows_follow_model = alama_after_frame_new (GTK_WIDGET (self), rows_follow_model, self);
  self->pending = g_array_new (FALSE, FALSE, sizeof (PendingSplice));
  g_array_set_clear_func (self->pending, pending_splice_clear);
  self->model_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect (self->model_signals, "items-changed",
                          G_CALLBACK (model_spans_changed_cb), self);
  self->relation_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect (self->relation_signals, "items-changed",
                          G_CALLBACK (model_relations_changed_cb), self);

  alama_annotation_columns_add (self->column_view, GTK_WIDGET (self));
  self->confident = gtk_custom_filter_new (row_is_confident_enough, self, NULL);
  self->shown = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->rows)),
                                           g_object_ref (GTK_FILTER (self->confident)));
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->shown)),
                                          g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (selection_changed_cb), self);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  update_row_actions (self);
}

GtkWidget *
alama_annotation_panel_new (void)
{
  return g_object_new (ALAMA_TYPE_ANNOTATION_PANEL, NULL);
}
