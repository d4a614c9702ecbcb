/* alama-find-bar.h: Ctrl+F, find in the shown document.
 *
 * A search bar over the document view: an entry, the "Exact" toggle, the count
 * ("3 of 12") and previous/next buttons. Matching is alama_search_text()'s
 * (harakat, tatweel, alef forms, ة/ه, ى/ي and digits folded, words found behind
 * their clitics) restricted to the document the view shows; the hits are
 * painted by the view (alama_doc_view_set_search_hits()) and the current one is
 * selected. Enter / Shift+Enter go to the next / previous hit, Escape closes.
 */
#pragma once

#include <gtk/gtk.h>

#include "alama-doc-view.h"

G_BEGIN_DECLS

#define ALAMA_TYPE_FIND_BAR (alama_find_bar_get_type ())
G_DECLARE_FINAL_TYPE (AlamaFindBar, alama_find_bar, ALAMA, FIND_BAR, GtkWidget)

GtkWidget  *alama_find_bar_new          (AlamaDocView *view);
/* Shows the bar and focuses its entry (with the text selected in the view, if any). */
void        alama_find_bar_open         (AlamaFindBar *self);
void        alama_find_bar_close        (AlamaFindBar *self);
gboolean    alama_find_bar_is_open      (AlamaFindBar *self);
/* Runs the search for @query now (the entry's text is set to it). */
void        alama_find_bar_search       (AlamaFindBar *self,
                                         const char   *query);
/* Moves to the next (+1) or previous (-1) hit, wrapping around. */
void        alama_find_bar_step         (AlamaFindBar *self,
                                         int           step);
guint       alama_find_bar_get_n_hits   (AlamaFindBar *self);
/* 0-based index of the current hit, -1 when there is none. */
int         alama_find_bar_get_current  (AlamaFindBar *self);
/* What the count label says, e.g. "3 of 12". */
const char *alama_find_bar_get_status   (AlamaFindBar *self);
GtkEditable *alama_find_bar_get_entry   (AlamaFindBar *self);

G_END_DECLS
