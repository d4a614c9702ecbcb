/* alama-document.h: a document of a project, as listed in the sidebar.
 *
 * An AlamaDocument is a GObject so that the GUI can show a GListModel of them
 * (alama_store_get_documents()). It carries the document's fields and live counts,
 * but not its text: the text of a large corpus would not fit in memory at once, so
 * it is read on demand with alama_store_dup_document_text().
 * Documents are immutable once imported; only the counts change.
 */
#pragma once

#include <glib-object.h>

#include "alama-types.h"

G_BEGIN_DECLS

#define ALAMA_TYPE_DOCUMENT (alama_document_get_type ())
G_DECLARE_FINAL_TYPE (AlamaDocument, alama_document, ALAMA, DOCUMENT, GObject)

gint64      alama_document_get_id            (AlamaDocument *self);
const char *alama_document_get_name          (AlamaDocument *self);
const char *alama_document_get_source_path   (AlamaDocument *self);
/* A JSON object as text, "{}" when there is none. */
const char *alama_document_get_metadata_json (AlamaDocument *self);
/* Format-specific data kept for a faithful export (CoNLL tokens, brat lines we do
 * not model), as JSON text, or NULL. */
const char *alama_document_get_format_data   (AlamaDocument *self);
/* SHA-256 of the text, lowercase hex. */
const char *alama_document_get_content_hash  (AlamaDocument *self);
gint64      alama_document_get_imported_at   (AlamaDocument *self);  /* unix seconds */
gint64      alama_document_get_length        (AlamaDocument *self);  /* code points */
/* Accepted + pending annotations (spans); rejected ones are not counted. */
guint       alama_document_get_n_annotations (AlamaDocument *self);
/* Suggestions left to review: pending spans and pending relations. */
guint       alama_document_get_n_pending     (AlamaDocument *self);

G_END_DECLS
