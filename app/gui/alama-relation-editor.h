/* alama-relation-editor.h: the side panel's view of one selected relation:
 * its type (a drop-down of the types the schema allows between its two ends'
 * labels), its two ends (label and text), status and source; Reverse swaps
 * its ends when the schema allows the other direction, and Delete runs the
 * window's "win.delete-annotation" (the one delete path, with an Undo toast).
 * Writes through the store at once; the document's model brings the change
 * back (alama_annotation_panel follows it and shows the relation again). */
#pragma once

#include <adwaita.h>

#include <alama/alama-document-model.h>
#include <alama/alama-store.h>

G_BEGIN_DECLS

#define ALAMA_TYPE_RELATION_EDITOR (alama_relation_editor_get_type ())
G_DECLARE_FINAL_TYPE (AlamaRelationEditor, alama_relation_editor, ALAMA, RELATION_EDITOR, AdwBin)

GtkWidget *alama_relation_editor_new          (void);
void       alama_relation_editor_set_store    (AlamaRelationEditor *self,
                                               AlamaStore          *store);
/* Shows @relation (NULL = none) of @model's document. */
void       alama_relation_editor_set_relation (AlamaRelationEditor *self,
                                               AlamaDocumentModel  *model,
                                               AlamaRelation       *relation);
void       alama_relation_editor_set_editable (AlamaRelationEditor *self,
                                               gboolean             editable);

G_END_DECLS
