/* alama-search-panel.h: Ctrl+Shift+F, search across the project.
 *
 * An entry with the "Exact" toggle and annotation filters (label, status,
 * source, annotator, attribute "stance=accuses", related "CLAIMANT=علييف"), and
 * the hits in a list: the document's name and the sentence around each hit (the
 * hit in bold, the context isolated in FSI…PDI). Typing is debounced (200 ms)
 * and the search runs in a thread on its own connection to the project, so a
 * big project never blocks typing.
 *
 * Signals:
 *   "hit-activated" (gint64 document_id, gint64 start, gint64 end, gint64 span_id):
 *       Enter or a click on a hit; the window opens the document there.
 *   "close": Escape or the close button.
 */
#pragma once

#include <gtk/gtk.h>

#include <alama/alama-store.h>

G_BEGIN_DECLS

#define ALAMA_TYPE_SEARCH_PANEL (alama_search_panel_get_type ())
G_DECLARE_FINAL_TYPE (AlamaSearchPanel, alama_search_panel, ALAMA, SEARCH_PANEL, GtkWidget)

GtkWidget  *alama_search_panel_new        (void);
/* The project searched (its path: the thread opens its own connection). */
void        alama_search_panel_set_store  (AlamaSearchPanel *self,
                                           AlamaStore       *store);
void        alama_search_panel_focus      (AlamaSearchPanel *self);
/* Sets the query and filters and searches at once (no debounce): the
 * dashboard's items call this. @label and @text may be NULL. */
void        alama_search_panel_search     (AlamaSearchPanel *self,
                                           const char       *label,
                                           const char       *text);
/* The results list (of AlamaSearchResult) and the status line, for tests. */
GListModel *alama_search_panel_get_results (AlamaSearchPanel *self);
const char *alama_search_panel_get_status (AlamaSearchPanel *self);
/* TRUE while a search runs or waits for its debounce. */
gboolean    alama_search_panel_is_busy    (AlamaSearchPanel *self);
/* Activates result @position, as Enter on it does. */
void        alama_search_panel_activate   (AlamaSearchPanel *self,
                                           guint             position);

/* One hit in the results list. */
#define ALAMA_TYPE_SEARCH_RESULT (alama_search_result_get_type ())
G_DECLARE_FINAL_TYPE (AlamaSearchResult, alama_search_result, ALAMA, SEARCH_RESULT, GObject)

gint64      alama_search_result_get_document_id   (AlamaSearchResult *self);
const char *alama_search_result_get_document_name (AlamaSearchResult *self);
gint64      alama_search_result_get_start         (AlamaSearchResult *self);
gint64      alama_search_result_get_end           (AlamaSearchResult *self);
gint64      alama_search_result_get_span_id       (AlamaSearchResult *self);
const char *alama_search_result_get_label         (AlamaSearchResult *self);
const char *alama_search_result_get_text          (AlamaSearchResult *self);
/* Pango markup: the context with the hit in bold, in an FSI…PDI isolate. */
char       *alama_search_result_dup_markup        (AlamaSearchResult *self);

G_END_DECLS
