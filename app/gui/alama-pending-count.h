/* alama-pending-count.h: how many suggestions of a document are still to
 * review, as the document list's badges count them: the pending ones the text
 * view shows, so that a suggestion hidden below the confidence threshold is
 * not counted where it cannot be seen. */
#pragma once

#include <gtk/gtk.h>

#include <alama/alama-document.h>
#include <alama/alama-store.h>

G_BEGIN_DECLS

#define ALAMA_TYPE_PENDING_COUNT (alama_pending_count_get_type ())
G_DECLARE_FINAL_TYPE (AlamaPendingCount, alama_pending_count, ALAMA, PENDING_COUNT, GObject)

AlamaPendingCount *alama_pending_count_new   (void);
void               alama_pending_count_set_store (AlamaPendingCount *self,
                                                  AlamaStore        *store);
/* The pending suggestions of @document not hidden for their confidence. Reads
 * the file only while a threshold hides some; else the document's kept count. */
guint              alama_pending_count_get   (AlamaPendingCount *self,
                                              AlamaDocument     *document);

/* AlamaPendingCount::changed: every document's count may be different now
 * (the threshold or the project changed); a document's own changes are its
 * "n-pending" notifications. */

G_END_DECLS
