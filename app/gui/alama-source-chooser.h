/* alama-source-chooser.h: the drop-down above the document list that narrows
 * the review to one source of suggestions ("gazetteer", "model:model" ...).
 *
 * It lists "All sources", then each source that has pending suggestions in
 * the project, and keeps that list current as the project changes (after the
 * frame that shows a change). "source" is the chosen one (NULL: all), and
 * alama_source_chooser_get_filter() keeps a document list to the documents
 * with pending suggestions from it. Suggestions the text view hides for their
 * confidence ("min-confidence", bound to the view's) do not count. */
#pragma once

#include <gtk/gtk.h>

#include <alama/alama-store.h>

G_BEGIN_DECLS

#define ALAMA_TYPE_SOURCE_CHOOSER (alama_source_chooser_get_type ())
G_DECLARE_FINAL_TYPE (AlamaSourceChooser, alama_source_chooser, ALAMA, SOURCE_CHOOSER, GtkWidget)

GtkWidget  *alama_source_chooser_new        (void);
void        alama_source_chooser_set_store  (AlamaSourceChooser *self,
                                             AlamaStore         *store);
/* The chosen source, or NULL for all of them. */
const char *alama_source_chooser_get_source (AlamaSourceChooser *self);
/* Chooses @source (NULL: all); FALSE when it has no pending suggestions. */
gboolean    alama_source_chooser_set_source (AlamaSourceChooser *self,
                                             const char         *source);
/* Passes the AlamaDocuments with pending suggestions from the chosen source
 * (every document while all are chosen). Owned by the chooser. */
GtkFilter  *alama_source_chooser_get_filter (AlamaSourceChooser *self);
/* Reads the sources again now (the chooser also does after each change). */
void        alama_source_chooser_refresh    (AlamaSourceChooser *self);

G_END_DECLS
