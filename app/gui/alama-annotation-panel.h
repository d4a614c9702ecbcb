/* alama-annotation-panel.h: the annotations of the current document.
 *
 * A sortable GtkColumnView (label, covered text, status, source, annotator) and,
 * below it, an editor for the selected annotation: label, the attributes its label
 * defines, note, relations and provenance (its history).
 *
 * Properties: "store", "document", "selected-span" (gint64, 0 = none),
 *             "editable" (FALSE for a read-only project), "model" (read-only: the
 *             document's shared AlamaDocumentModel, which the rows follow).
 *             "selected-relation" (gint64, 0 = none; never set with "selected-span":
 *             the relation is shown instead of the annotation editor).
 * Signals:    "error" (const char *message), worded for a person;
 *             "show-relation" (gint64 relation_id, gint64 other_span_id): a relation
 *             row was activated: select it in the text and scroll to its other end.
 * Deleting goes through the window's "win.delete-annotation" action (the Delete key
 * in the list and the Delete button), so the window can ask and offer Undo.
 */
#pragma once

#include <adwaita.h>

#include <alama/alama-document-model.h>
#include <alama/alama-store.h>

G_BEGIN_DECLS

#define ALAMA_TYPE_ANNOTATION_PANEL (alama_annotation_panel_get_type ())
G_DECLARE_FINAL_TYPE (AlamaAnnotationPanel, alama_annotation_panel, ALAMA, ANNOTATION_PANEL, AdwBin)

GtkWidget     *alama_annotation_panel_new               (void);
void           alama_annotation_panel_set_store         (AlamaAnnotationPanel *self,
                                                         AlamaStore           *store);
void           alama_annotation_panel_set_document      (AlamaAnnotationPanel *self,
                                                         AlamaDocument        *document);
/* Makes every row again from the model (keeps the selection if it still exists). */
void           alama_annotation_panel_reload            (AlamaAnnotationPanel *self);
AlamaDocumentModel *alama_annotation_panel_get_model    (AlamaAnnotationPanel *self);
gint64         alama_annotation_panel_get_selected_span (AlamaAnnotationPanel *self);
/* Selects the row of @span_id (0 = none) and scrolls to it. */
void           alama_annotation_panel_select_span       (AlamaAnnotationPanel *self,
                                                         gint64                span_id);
gint64         alama_annotation_panel_get_selected_relation (AlamaAnnotationPanel *self);
/* Selects relation @relation_id of the document (0 = none) and shows it below the
 * list instead of the annotation; unselects the span. */
void           alama_annotation_panel_select_relation   (AlamaAnnotationPanel *self,
                                                         gint64                relation_id);
void           alama_annotation_panel_set_editable      (AlamaAnnotationPanel *self,
                                                         gboolean              editable);
/* Leaves out of the list the suggestions a model was less sure of than
 * @min_confidence (0 lists all), as the text view does (alama-span-filter.h). */
void           alama_annotation_panel_set_min_confidence (AlamaAnnotationPanel *self,
                                                          double                min_confidence);
/* The rows as shown (filtered and sorted), of AlamaSpanObject. */
GListModel    *alama_annotation_panel_get_rows          (AlamaAnnotationPanel *self);
/* The suggested relation selected in the text (NULL: none): while no span is
 * selected, the panel shows its source and status with Accept and Reject. */
void           alama_annotation_panel_set_review_relation (AlamaAnnotationPanel *self,
                                                           AlamaRelation        *relation);
/* Moves the keyboard focus into the list. */
void           alama_annotation_panel_focus_list        (AlamaAnnotationPanel *self);

G_END_DECLS
