/* alama-retrain.h: training the project's model again as the analyst works,
 * and refreshing the model's suggestions on the documents nobody reviewed.
 *
 * What counts as new training data: an ACCEPTED span of an entity label whose
 * row was written after the last training (its `modified` time is later).
 * Accepting a suggestion, correcting an accepted span (label, edges) and
 * adding one by hand all write the row; undoing an acceptance puts the span
 * back to pending, so it no longer counts. This is what the trainer reads
 * (alama-tagger-model.h), so the count is "what the model has not seen".
 *
 * A document is REVIEWED when any of its spans or relations is accepted or
 * rejected, or when the history has a change of the analyst on it (an
 * undoable change other than an autotag run: adding, deleting, resizing or
 * relabelling a suggestion counts as reviewing it, even if everything is still
 * pending). Every other document is "not reviewed": it holds only pending
 * suggestions that taggers made. The refresh touches only those, so an undo
 * of the analyst's own work never meets a row the refresh changed.
 *
 * The refresh of a document is ONE change that is not undoable (like an
 * import): Undo takes back the analyst's last action, never the refresh.
 */
#pragma once

#include <gio/gio.h>

#include "alama-store.h"
#include "alama-tagger.h"
#include "alama-tagger-model.h"

G_BEGIN_DECLS

/* How many accepted entity spans were written after @since (microseconds,
 * g_get_real_time(); 0 = ever). */
guint        alama_retrain_count_new_spans   (AlamaStore   *store,
                                              gint64        since,
                                              GError      **error);

/* When the model @name was stored (microseconds), or 0 when the project has
 * none of that name. */
gint64       alama_retrain_get_model_time    (AlamaStore   *store,
                                              const char   *name,
                                              GError      **error);

/* The ids (gint64) of the documents not reviewed (see above), in id order.
 * @out_last_change (may be NULL) receives the newest change id the answer
 * saw: pass it to alama_retrain_is_reviewed() to look only at what came after. */
GArray      *alama_retrain_list_unreviewed   (AlamaStore   *store,
                                              gint64       *out_last_change,
                                              GError      **error);

/* Whether document @document_id is reviewed, looking at the history after
 * change @after_change only (0: all of it); its spans and relations are
 * always looked at. */
gboolean     alama_retrain_is_reviewed       (AlamaStore   *store,
                                              gint64        document_id,
                                              gint64        after_change,
                                              gboolean     *out_reviewed,
                                              GError      **error);

typedef struct
{
  guint n_documents;   /* documents whose suggestions were refreshed */
  guint n_added;       /* new suggestions */
  guint n_removed;     /* suggestions the new model no longer makes */
  guint n_updated;     /* kept, with a new confidence */
} AlamaRetrainCounts;

/* Replaces the pending suggestions with source "model:@name" of document
 * @document_id by what @model proposes now, as ONE not-undoable change:
 * a suggestion the model makes again is kept (its confidence updated), one it
 * no longer makes is deleted unless a relation hangs on it, a new one is added
 * unless the document has a span of that label and extent already (in any
 * status, from any source). Nothing else is touched. Inside the change the
 * document is checked again (alama_retrain_is_reviewed() after
 * @after_change): when it is reviewed by now, nothing is written and
 * *@out_refreshed is FALSE. @gazetteer: the one the model was trained with,
 * or NULL. */
gboolean     alama_retrain_refresh_document  (AlamaStore          *store,
                                              gint64               document_id,
                                              gint64               after_change,
                                              AlamaTaggerModel    *model,
                                              const char          *name,
                                              AlamaGazetteer      *gazetteer,
                                              gboolean            *out_refreshed,
                                              AlamaRetrainCounts  *counts,
                                              GError             **error);

/* Trains the model @name on the project's accepted entity spans, stores it
 * (replacing the old one in one statement: a cancelled or failed run leaves
 * the old model), then refreshes every document not reviewed, one change per
 * document. @cancellable is checked during the training and between
 * documents: a cancelled run fails with G_IO_ERROR_CANCELLED or the tagger's
 * CANCELLED and leaves whole documents. @counts may be NULL. */
gboolean     alama_retrain_run               (AlamaStore          *store,
                                              const char          *name,
                                              AlamaGazetteer      *gazetteer,
                                              GCancellable        *cancellable,
                                              AlamaRetrainCounts  *counts,
                                              GError             **error);

G_END_DECLS
