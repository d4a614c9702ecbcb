/* alama-document-list-private.h: the store's list of documents (a GListModel of
 * AlamaDocument in name order whose items are read on demand). Only
 * alama-store.c makes and changes it; others see it as a GListModel. */
#pragma once

#include "alama/alama-document.h"

G_BEGIN_DECLS

#define ALAMA_TYPE_DOCUMENT_LIST (alama_document_list_get_type ())
G_DECLARE_FINAL_TYPE (AlamaDocumentList, alama_document_list, ALAMA, DOCUMENT_LIST, GObject)

/* Reads the document @id from the file, or NULL when it is not there. */
typedef AlamaDocument *(*AlamaDocumentListLoader) (gpointer load_data,
                                                   gint64   id);

AlamaDocumentList *_alama_document_list_new         (AlamaDocumentListLoader load,
                                                     gpointer                load_data);
/* Replaces the whole list with these documents (@ids of gint64, @names of
 * char*, same length; the names are taken) and forgets the documents read. */
void               _alama_document_list_take_names  (AlamaDocumentList *self,
                                                     GArray            *ids,
                                                     GPtrArray         *names);
/* The position of @id, or G_MAXUINT. */
guint              _alama_document_list_find        (AlamaDocumentList *self,
                                                     gint64             id);
gint64             _alama_document_list_get_id      (AlamaDocumentList *self,
                                                     guint              position);
const char        *_alama_document_list_get_name    (AlamaDocumentList *self,
                                                     guint              position);
/* Puts @id at its place in the order; FALSE when it is already listed. */
gboolean           _alama_document_list_insert      (AlamaDocumentList *self,
                                                     gint64             id,
                                                     const char        *name);
/* FALSE when @id is not listed. */
gboolean           _alama_document_list_remove      (AlamaDocumentList *self,
                                                     gint64             id);
/* The document @id if it was read already (borrowed), else NULL. */
AlamaDocument     *_alama_document_list_lookup      (AlamaDocumentList *self,
                                                     gint64             id);
/* The document @id, read if need be, or NULL when it is not listed. */
AlamaDocument     *_alama_document_list_get         (AlamaDocumentList *self,
                                                     gint64             id);
/* The documents read so far (borrowed; free the list only). */
GList             *_alama_document_list_get_loaded  (AlamaDocumentList *self);
/* Empties the list and stops it reading: its store is going away. */
void               _alama_document_list_detach      (AlamaDocumentList *self);

G_END_DECLS
