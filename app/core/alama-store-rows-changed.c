/* alama-store-rows-changed.c: AlamaStore::rows-changed, the rows a commit wrote.
 *
 * The row log (alama-store-row-log.c) already reduces each change to one net
 * delta per row; this hands that list to live views (AlamaDocumentModel)
 * after the commit, before "changed", so a view never has to work out from
 * the file what a change did. Kept apart from alama-store.c so that the
 * store's own files need only a call at the commit point.
 */
#define G_LOG_DOMAIN "alama-store"

#include "config.h"

#include "alama/alama-row-changes.h"
#include "alama-store-change-private.h"
#include "alama-store-rows-changed-private.h"

static guint rows_changed_signal;

void
_alama_store_install_rows_changed (GObjectClass *klass)
{
  /**
   * AlamaStore::rows-changed:
   * @changes: (type AlamaRowChanges): the span and relation rows that changed
   *
   * Emitted after every committed change of this store (undo and redo
   * included), and after alama_store_refresh() saw another process's commit
   * (then @changes is incomplete), before AlamaStore::changed.
   */
  rows_changed_signal =
    g_signal_new ("rows-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1,
                  ALAMA_TYPE_ROW_CHANGES | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static gint64
document_of (const AlamaRowState *state)
{
  return state->present ? state->document_id : 0;
}

void
_alama_store_emit_rows_changed (AlamaStore   *self,
                                const GArray *net)
{
  g_autoptr(AlamaRowChanges) changes = NULL;

  if (net == NULL)
    {
      changes = alama_row_changes_new_incomplete ();
    }
  else
    {
      changes = alama_row_changes_new ();
      for (guint i = 0; i < net->len; i++)
        {
          const AlamaRowDelta *delta = &g_array_index (net, AlamaRowDelta, i);
          AlamaRowChange row = {
            .kind = delta->kind == ALAMA_ROW_SPAN ? ALAMA_ROW_CHANGE_SPAN
                                                  : ALAMA_ROW_CHANGE_RELATION,
            .id = delta->id,
            .document_before = document_of (&delta->before),
            .document_after = document_of (&delta->after),
          };

          alama_row_changes_append (changes, &row);
        }
    }
  g_signal_emit (self, rows_changed_signal, 0, changes);
}
