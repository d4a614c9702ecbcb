/* alama-doc-view.h: the annotation canvas of the workbench.
 *
 * An AlamaDocView shows one document of a project, read-only, shaped by Pango, and
 * lets the analyst tag spans and relations with the mouse and the keyboard. It
 * writes every change straight to its AlamaStore (so each change is stored and
 * undoable at once) and re-reads the document's spans when the store emits
 * "changed" for it.
 *
 * Offsets that cross this API are code points into the stored text (as everywhere
 * in Alama); the display-only direction marks the view inserts are its own business.
 *
 * Properties:
 *   "store"          AlamaStore*      the project
 *   "document"       AlamaDocument*   the document shown, or NULL
 *   "selected-span"  gint64           the selected span's id, 0 = none (notify to sync a panel)
 *   "selected-relation" gint64        the selected relation's id, 0 = none; a span and a
 *                                     relation are never selected at once
 *   "zoom"           double           0.5 – 3.0, default 1.0
 *   "font-family"    string           default "Amiri"
 *   "line-spacing"   double           multiple of the font size, default 1.6
 *   "direction"      AlamaDirection   paragraph direction, default AUTO
 *   "snap-to-words"  boolean          default TRUE (Alt+drag turns it off for one drag)
 *   "show-rejected"  boolean          default FALSE
 *   "min-confidence" double           0 – 1, default 0: a model's pending suggestion whose
 *                    confidence (the span attribute "confidence") is below it is not
 *                    shown, walked by N/P or hit by the pointer (alama-span-filter.h)
 *   "review-least-certain-first" boolean  default FALSE: N and P visit a document's
 *                    suggestions from the one its model was least sure of (the
 *                    span attribute "confidence"), those without a confidence last,
 *                    in reading order; FALSE: all in reading order
 *   "selection-text" string, read-only: the text selected (stored characters, logical
 *                    order) wrapped in FSI…PDI for display; "" when nothing is selected
 *
 * Signals:
 *   "error" (const char *message): a change failed; the message is worded for a person
 *                                  (the shell shows it as a toast).
 *   "span-deleted" (gint64 span_id): the view deleted an annotation (Delete key);
 *                                  the shell offers "Undo" in a toast.
 */
#pragma once

#include <gtk/gtk.h>

#include <alama/alama-document.h>
#include <alama/alama-store.h>

#include "alama-preload.h"

G_BEGIN_DECLS

typedef enum
{
  ALAMA_DIRECTION_AUTO, /* each paragraph by the majority of its strong characters */
  ALAMA_DIRECTION_RTL,  /* every paragraph right-to-left */
  ALAMA_DIRECTION_LTR,  /* every paragraph left-to-right */
} AlamaDirection;

#define ALAMA_TYPE_DIRECTION (alama_direction_get_type ())
GType alama_direction_get_type (void) G_GNUC_CONST;

#define ALAMA_TYPE_DOC_VIEW (alama_doc_view_get_type ())
G_DECLARE_FINAL_TYPE (AlamaDocView, alama_doc_view, ALAMA, DOC_VIEW, GtkTextView)

GtkWidget     *alama_doc_view_new                (void);

void           alama_doc_view_set_store          (AlamaDocView   *self,
                                                  AlamaStore     *store);
AlamaStore    *alama_doc_view_get_store          (AlamaDocView   *self);

/* NULL clears the view. */
void           alama_doc_view_set_document       (AlamaDocView   *self,
                                                  AlamaDocument  *doc);
AlamaDocument *alama_doc_view_get_document       (AlamaDocView   *self);

/* Data read ahead (alama-preload.h) for the document the next
 * alama_doc_view_set_document() shows: it takes what matches that document and
 * the view's direction and statuses, reads the rest itself, and frees @preloaded
 * (transfer full) either way. */
void           alama_doc_view_set_preloaded      (AlamaDocView           *self,
                                                  AlamaPreloadedDocument *preloaded);

/* 0 = none. */
gint64         alama_doc_view_get_selected_span  (AlamaDocView   *self);
/* Selects @span_id (0 clears); with @scroll_and_flash, scrolls it into view and
 * flashes it briefly. */
void           alama_doc_view_select_span        (AlamaDocView   *self,
                                                  gint64          span_id,
                                                  gboolean        scroll_and_flash);

/* 0 = none. */
gint64         alama_doc_view_get_selected_relation (AlamaDocView *self);
/* Selects the shown relation @relation_id (0 clears; a relation not shown is
 * ignored) and clears the span selection; with @scroll, scrolls its first end
 * into view. */
void           alama_doc_view_select_relation    (AlamaDocView   *self,
                                                  gint64          relation_id,
                                                  gboolean        scroll);

/* Scrolls span @span_id into view without selecting it. */
void           alama_doc_view_scroll_to_span     (AlamaDocView   *self,
                                                  gint64          span_id);

/* Re-reads the spans and relations from the store (also done on the store's
 * "changed" for this document). */
void           alama_doc_view_reload             (AlamaDocView   *self);

double         alama_doc_view_get_zoom           (AlamaDocView   *self);
void           alama_doc_view_set_zoom           (AlamaDocView   *self,
                                                  double          zoom);
const char    *alama_doc_view_get_font_family    (AlamaDocView   *self);
void           alama_doc_view_set_font_family    (AlamaDocView   *self,
                                                  const char     *family);
double         alama_doc_view_get_line_spacing   (AlamaDocView   *self);
void           alama_doc_view_set_line_spacing   (AlamaDocView   *self,
                                                  double          spacing);
AlamaDirection alama_doc_view_get_direction      (AlamaDocView   *self);
void           alama_doc_view_set_direction      (AlamaDocView   *self,
                                                  AlamaDirection  direction);
gboolean       alama_doc_view_get_snap_to_words  (AlamaDocView   *self);
void           alama_doc_view_set_snap_to_words  (AlamaDocView   *self,
                                                  gboolean        snap);
gboolean       alama_doc_view_get_show_rejected  (AlamaDocView   *self);
gboolean       alama_doc_view_get_review_least_certain_first (AlamaDocView *self);
void           alama_doc_view_set_review_least_certain_first (AlamaDocView *self,
                                                              gboolean      least_certain_first);
void           alama_doc_view_set_show_rejected  (AlamaDocView   *self,
                                                  gboolean        show);
double         alama_doc_view_get_min_confidence (AlamaDocView   *self);
void           alama_doc_view_set_min_confidence (AlamaDocView   *self,
                                                  double          min_confidence);
/* Review: N/P visit only the pending suggestions of @source (NULL = all). */
const char    *alama_doc_view_get_review_source  (AlamaDocView   *self);
void           alama_doc_view_set_review_source  (AlamaDocView   *self,
                                                  const char     *source);
/* Find: @ranges holds @n_hits pairs of stored offsets [start, end) in the shown
 * document, painted under the text (not as text tags, which would break
 * lam-alef ligatures); hit @current (-1 = none) is drawn stronger. They are
 * forgotten when another document is shown. NULL / 0 clears. */
void           alama_doc_view_set_search_hits    (AlamaDocView   *self,
                                                  const gint64   *ranges,
                                                  guint           n_hits,
                                                  int             current);
guint          alama_doc_view_get_n_search_hits  (AlamaDocView   *self);
/* Selects the text [start, end) exactly as given (stored offsets, no snapping
 * to words; only a split lam-alef is widened); with @scroll_and_flash scrolls it
 * into view and flashes the current find hit. */
void           alama_doc_view_select_range       (AlamaDocView   *self,
                                                  gint64          start,
                                                  gint64          end,
                                                  gboolean        scroll_and_flash);
/* Owned by the view; valid until the selection changes. */
const char    *alama_doc_view_get_selection_text (AlamaDocView   *self);

G_END_DECLS
