/* alama-document-row.h: one row of the document list: name, number of
 * annotations and a badge with the pending suggestions still to review.
 * Follows the document's live counts. */
#pragma once

#include <gtk/gtk.h>

#include <alama/alama-document.h>

#include "alama-pending-count.h"

G_BEGIN_DECLS

#define ALAMA_TYPE_DOCUMENT_ROW (alama_document_row_get_type ())
G_DECLARE_FINAL_TYPE (AlamaDocumentRow, alama_document_row, ALAMA, DOCUMENT_ROW, GtkWidget)

GtkWidget     *alama_document_row_new          (void);
void           alama_document_row_set_document (AlamaDocumentRow *self,
                                                AlamaDocument    *document);
AlamaDocument *alama_document_row_get_document (AlamaDocumentRow *self);

/* The tooltip of @child (the name, the count or the badge of the row) for the
 * document shown now, or NULL; the rows make them when asked (and tests). */
char          *_alama_document_row_dup_tooltip (AlamaDocumentRow *self,
                                                GtkWidget        *child);

/* A factory for a GtkListView of AlamaDocument; its rows' badges count with
 * @pending (NULL: each document's own pending count). */
GtkListItemFactory *alama_document_row_factory_new (AlamaPendingCount *pending);

G_END_DECLS
