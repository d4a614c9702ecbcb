/* alama-span-object.h: an AlamaSpan as a GObject, for the annotation panel's
 * GtkColumnView (list models hold GObjects). Immutable: the panel makes new ones
 * when the store changes. */
#pragma once

#include <glib-object.h>

#include <alama/alama-schema.h>
#include <alama/alama-span.h>
#include <alama/alama-text.h>

G_BEGIN_DECLS

#define ALAMA_TYPE_SPAN_OBJECT (alama_span_object_get_type ())
G_DECLARE_FINAL_TYPE (AlamaSpanObject, alama_span_object, ALAMA, SPAN_OBJECT, GObject)

/* @document_text: the document's text, for the covered text; @schema (may be NULL):
 * for the label's colour. */
AlamaSpanObject *alama_span_object_new          (AlamaSpan       *span,
                                                 const char      *document_text,
                                                 AlamaSchema     *schema);
/* The same with an index of the document's text: the covered text is cut out
 * without walking the text from its start (a panel of 10,000 annotations of a
 * 1 MB document builds its rows in milliseconds, not seconds). */
AlamaSpanObject *alama_span_object_new_indexed  (AlamaSpan       *span,
                                                 AlamaTextIndex  *text_index,
                                                 AlamaSchema     *schema);
AlamaSpan       *alama_span_object_get_span     (AlamaSpanObject *self);
gint64           alama_span_object_get_id       (AlamaSpanObject *self);
const char      *alama_span_object_get_label    (AlamaSpanObject *self);
/* The label as the panel shows it: the schema's Arabic name under an Arabic UI,
 * else the key. */
const char      *alama_span_object_get_label_name (AlamaSpanObject *self);
/* "#rrggbb", grey when the label is not in the schema. */
const char      *alama_span_object_get_color    (AlamaSpanObject *self);
/* The covered text in logical order, wrapped in FSI…PDI so that digits and
 * ranges inside read as stored whatever the surrounding direction. */
const char      *alama_span_object_get_text     (AlamaSpanObject *self);
/* The same without the isolate marks (for the clipboard). */
const char      *alama_span_object_get_plain_text (AlamaSpanObject *self);
/* "accepted", "pending", "rejected" translated for display. */
const char      *alama_span_object_get_status_label (AlamaSpanObject *self);

G_END_DECLS
