/* alama-document-model.h: one open document, live.
 *
 * An AlamaDocumentModel holds what every view of a document needs: its text
 * (with an index for code point → byte lookups), its spans in the store's
 * order with an AlamaSpanIndex for painting, and its relations by id. The
 * spans and relations are GListModels (of AlamaSpanItem, AlamaRelationItem)
 * that emit items-changed for exactly the rows a commit changed: the model
 * follows AlamaStore::rows-changed, which carries each commit's net rows, and
 * reads only those rows again. A list of rows that is not complete (an import,
 * a deleted document, another process's commit: PRAGMA data_version moved)
 * makes it read the document again, and the lists say so as one items-changed
 * over everything.
 *
 * There is one model per open document and store:
 * alama_document_model_get_for_document() returns the shared one, so the
 * text view, the annotation panel and the rest see the same rows and cannot
 * disagree. Bind a widget to it with a property and a GSignalGroup on
 * alama_document_model_get_spans() / _get_relations().
 *
 * What comes next, and why the API has this shape:
 * - Layers. A team project's document holds several annotators' layers and a
 *   curated one. Each row carries its annotator and status already; a layer is
 *   a filter over these lists (a GtkFilterListModel in the GUI, or a filtered
 *   AlamaSpanIndex for painting), not another copy of the document.
 * - Other sources of changes. A shared PostgreSQL server's change feed is one
 *   more emitter of AlamaRowChanges: the model applies its rows exactly as it
 *   applies a local commit's (alama_document_model_apply()), so views need not
 *   know where a change came from.
 */
#pragma once

#include <gio/gio.h>

#include "alama-row-changes.h"
#include "alama-span-index.h"
#include "alama-span.h"
#include "alama-store.h"
#include "alama-text.h"

G_BEGIN_DECLS

/* ---- Items of the lists: a span or relation as a GObject ------------------ */

#define ALAMA_TYPE_SPAN_ITEM (alama_span_item_get_type ())
G_DECLARE_FINAL_TYPE (AlamaSpanItem, alama_span_item, ALAMA, SPAN_ITEM, GObject)

/* Borrowed; the span is never modified once in a model. */
AlamaSpan     *alama_span_item_get_span         (AlamaSpanItem     *self);

#define ALAMA_TYPE_RELATION_ITEM (alama_relation_item_get_type ())
G_DECLARE_FINAL_TYPE (AlamaRelationItem, alama_relation_item, ALAMA, RELATION_ITEM, GObject)

AlamaRelation *alama_relation_item_get_relation (AlamaRelationItem *self);

/* ---- The model ------------------------------------------------------------ */

#define ALAMA_TYPE_DOCUMENT_MODEL (alama_document_model_get_type ())
G_DECLARE_FINAL_TYPE (AlamaDocumentModel, alama_document_model, ALAMA, DOCUMENT_MODEL, GObject)

/* A model of its own (tests compare one with the shared one). Reads the text,
 * every span and every relation of the document, whatever their status. */
AlamaDocumentModel *alama_document_model_new     (AlamaStore          *store,
                                                  gint64               document_id,
                                                  GError             **error);
/* The store's one model of @document_id (a new reference): made on first use,
 * gone when the last reference goes. */
AlamaDocumentModel *alama_document_model_get_for_document (AlamaStore *store,
                                                           gint64      document_id,
                                                           GError    **error);

AlamaStore     *alama_document_model_get_store       (AlamaDocumentModel *self);
gint64          alama_document_model_get_document_id (AlamaDocumentModel *self);
const char     *alama_document_model_get_text        (AlamaDocumentModel *self);
AlamaTextIndex *alama_document_model_get_text_index  (AlamaDocumentModel *self);

/* GListModel of AlamaSpanItem in alama_span_compare() order. */
GListModel     *alama_document_model_get_spans       (AlamaDocumentModel *self);
/* GListModel of AlamaRelationItem by id. */
GListModel     *alama_document_model_get_relations   (AlamaDocumentModel *self);
/* The spans, indexed for painting and hit tests; its span i is item i of
 * alama_document_model_get_spans(). Borrowed; changes with the model, and a
 * reload may replace it: take it again on the spans' items-changed. */
AlamaSpanIndex *alama_document_model_get_span_index  (AlamaDocumentModel *self);

/* A layer: a new index over the spans whose status is in @statuses (the
 * spans themselves are shared, not copied). */
AlamaSpanIndex *alama_document_model_new_span_index  (AlamaDocumentModel *self,
                                                      AlamaStatusMask     statuses);

guint           alama_document_model_get_n_spans     (AlamaDocumentModel *self);
AlamaSpan      *alama_document_model_get_span        (AlamaDocumentModel *self,
                                                      guint               position);
guint           alama_document_model_get_n_relations (AlamaDocumentModel *self);
AlamaRelation  *alama_document_model_get_relation    (AlamaDocumentModel *self,
                                                      guint               position);
/* Borrowed, or NULL when the document has no such span. */
AlamaSpan      *alama_document_model_find_span       (AlamaDocumentModel *self,
                                                      gint64              span_id);

/* Applies rows that changed in the file (what AlamaStore::rows-changed
 * delivers, done for you): each row is read again and moved, inserted or
 * removed in the lists; an incomplete list reads the document again. */
gboolean        alama_document_model_apply           (AlamaDocumentModel    *self,
                                                      const AlamaRowChanges *changes,
                                                      GError               **error);
/* Reads the spans and relations again. */
gboolean        alama_document_model_reload          (AlamaDocumentModel *self,
                                                      GError            **error);

G_END_DECLS
