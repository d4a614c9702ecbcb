/* alama-annotation-editor.h: edits one annotation (below the panel's list):
 * label, the attributes its label defines, note; shows its relations and its
 * provenance (the history rows of the span). Writes through the store at once;
 * the document's model then brings the change back to the panel, and its
 * relations list keeps the Relations lines current. */
#pragma once

#include <adwaita.h>

#include <alama/alama-document-model.h>
#include <alama/alama-store.h>

G_BEGIN_DECLS

#define ALAMA_TYPE_ANNOTATION_EDITOR (alama_annotation_editor_get_type ())
G_DECLARE_FINAL_TYPE (AlamaAnnotationEditor, alama_annotation_editor, ALAMA, ANNOTATION_EDITOR, AdwBin)

GtkWidget *alama_annotation_editor_new          (void);
void       alama_annotation_editor_set_store    (AlamaAnnotationEditor *self,
                                                 AlamaStore            *store);
void       alama_annotation_editor_set_schema   (AlamaAnnotationEditor *self,
                                                 AlamaSchema           *schema);
/* The document's model: its relations, and the text of related spans. */
void       alama_annotation_editor_set_model    (AlamaAnnotationEditor *self,
                                                 AlamaDocumentModel    *model);
/* @span NULL = nothing selected. @covered_text: its text, shown as the heading. */
void       alama_annotation_editor_set_span     (AlamaAnnotationEditor *self,
                                                 AlamaSpan             *span,
                                                 const char            *covered_text);
void       alama_annotation_editor_set_editable (AlamaAnnotationEditor *self,
                                                 gboolean               editable);

G_END_DECLS
