/* alama-row-changes.h: which span and relation rows a committed change touched.
 *
 * The store emits AlamaStore::rows-changed with one of these after every
 * commit of its own (undo and redo included) and when it sees that another
 * process wrote the file. Live views of a document (AlamaDocumentModel) apply
 * the rows instead of reading the document again. A list that cannot name its
 * rows (an import, a deleted document, another process's commit) says so
 * with alama_row_changes_is_complete() FALSE: read everything again.
 *
 * It is the one shape every source of changes delivers, so that a future
 * source (a shared server's change feed) is one more emitter, not one more
 * path through every view.
 */
#pragma once

#include <glib-object.h>

#include "alama-types.h"

G_BEGIN_DECLS

typedef enum
{
  ALAMA_ROW_CHANGE_SPAN,
  ALAMA_ROW_CHANGE_RELATION,
} AlamaRowChangeKind;

/* One row's net effect: the document it was in before the change and after
 * it, 0 when it did not exist then (a row added: before 0; deleted: after 0;
 * edited: both). */
typedef struct
{
  AlamaRowChangeKind kind;
  gint64             id;
  gint64             document_before;
  gint64             document_after;
} AlamaRowChange;

typedef struct _AlamaRowChanges AlamaRowChanges;

#define ALAMA_TYPE_ROW_CHANGES (alama_row_changes_get_type ())

GType            alama_row_changes_get_type    (void) G_GNUC_CONST;
/* An empty, complete list to append to. */
AlamaRowChanges *alama_row_changes_new         (void);
/* A list that names no rows: everything may have changed. */
AlamaRowChanges *alama_row_changes_new_incomplete (void);
AlamaRowChanges *alama_row_changes_ref         (AlamaRowChanges      *self);
void             alama_row_changes_unref       (AlamaRowChanges      *self);
void             alama_row_changes_append      (AlamaRowChanges      *self,
                                                const AlamaRowChange *change);
gboolean         alama_row_changes_is_complete (const AlamaRowChanges *self);
guint            alama_row_changes_get_n_rows  (const AlamaRowChanges *self);
const AlamaRowChange *alama_row_changes_get_row (const AlamaRowChanges *self,
                                                 guint                  i);
/* Whether a row of document @document_id is among them (an incomplete list
 * may touch any document). */
gboolean         alama_row_changes_touches     (const AlamaRowChanges *self,
                                                gint64                 document_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlamaRowChanges, alama_row_changes_unref)

G_END_DECLS
