/* alama-store-rows-private.h: reading and writing rows as they are, without
 * validation or history: spans and relations (alama-store-rows.c), the schema
 * (alama-store-schema.c) and documents (alama-store-documents.c). The public
 * edits and undo/redo build on these. For the store's files only.
 */
#pragma once

#include <sqlite3.h>

#include "alama/alama-store.h"
#include "alama-store-change-private.h"

G_BEGIN_DECLS

/* ---- Spans and relations (alama-store-rows.c) --------------------------------- */

/* The spans table's columns in the order _alama_store_span_from_row() reads them. */
#define ALAMA_STORE_SPAN_COLUMNS \
  "id, document_id, label, attributes, note, source, status, annotator, created, modified, ext_id"

/* The span of the current row of a statement that selected
 * ALAMA_STORE_SPAN_COLUMNS, without its fragments. */
AlamaSpan  *_alama_store_span_from_row     (sqlite3_stmt *stmt);
/* Binds ?2, ?3 and ?4 of `status IN (?2, ?3, ?4)` to the statuses of @statuses. */
void        _alama_store_bind_status_mask  (sqlite3_stmt    *stmt,
                                            AlamaStatusMask  statuses);

/* Row access without validation or history (undo/redo restore exact rows). */
AlamaSpan  *_alama_store_load_span         (AlamaStore  *self,
                                            gint64       span_id,
                                            GError     **error);
AlamaRelation *_alama_store_load_relation  (AlamaStore  *self,
                                            gint64       relation_id,
                                            GError     **error);
/* Inserts with span->id if it is not 0 (restoring), else assigns a new id. */
gboolean    _alama_store_insert_span_row   (AlamaStore  *self,
                                            AlamaSpan   *span,
                                            GError     **error);
gboolean    _alama_store_update_span_row   (AlamaStore  *self,
                                            const AlamaSpan *span,
                                            GError     **error);
gboolean    _alama_store_delete_span_row   (AlamaStore  *self,
                                            gint64       span_id,
                                            GError     **error);
gboolean    _alama_store_insert_relation_row (AlamaStore    *self,
                                              AlamaRelation *relation,
                                              GError       **error);
gboolean    _alama_store_update_relation_row (AlamaStore          *self,
                                              const AlamaRelation *relation,
                                              GError             **error);
gboolean    _alama_store_delete_relation_row (AlamaStore *self,
                                              gint64      relation_id,
                                              GError    **error);

/* What recording, undo and redo need of a kind of row, so that spans and
 * relations go through one code path: the functions above, their JSON, and
 * what differs between the kinds. */
typedef enum
{
  ALAMA_ROW_ADDED,
  ALAMA_ROW_UPDATED,
  ALAMA_ROW_DELETED,
} AlamaRowWrite;

typedef struct
{
  AlamaRowKind  kind;
  const char   *name;               /* the history's target_kind: "span", "relation" */
  const char   *actions[3];         /* the history's action of each AlamaRowWrite */
  gpointer    (*load)        (AlamaStore     *self,
                              gint64          id,
                              GError        **error);
  char       *(*to_json)     (gconstpointer   row);
  gpointer    (*from_json)   (const char     *json,
                              GError        **error);
  gboolean    (*insert)      (AlamaStore     *self,
                              gpointer        row,
                              GError        **error);
  gboolean    (*update)      (AlamaStore     *self,
                              gconstpointer   row,
                              GError        **error);
  gboolean    (*remove)      (AlamaStore     *self,
                              gint64          id,
                              GError        **error);
  /* FALSE when removing row @id would take other rows with it (a span's
   * relations); NULL: never. */
  gboolean    (*removes_alone) (AlamaStore   *self,
                                gint64        id);
  gint64      (*document_id) (gconstpointer   row);
  GDestroyNotify unref;
} AlamaRowKindInfo;

const AlamaRowKindInfo *_alama_row_kind_info (AlamaRowKind kind);

/* ---- The schema (alama-store-schema.c) ---------------------------------------- */

/* Schema rows: writes @schema in place of the current one, refusing (UNKNOWN_LABEL)
 * to drop labels or relation types in use. No history. */
gboolean    _alama_store_write_schema      (AlamaStore  *self,
                                            AlamaSchema *schema,
                                            GError     **error);

/* ---- Documents (alama-store-documents.c) -------------------------------------- */

/* The document @document_id read from the file (NULL and @error if none). */
AlamaDocument *_alama_store_load_document  (AlamaStore  *self,
                                            gint64       document_id,
                                            GError     **error);
/* After a committed change: apply its added and removed documents to the list
 * model and bring the touched documents' counts along (@net: the change's net
 * rows, NULL when the log gave up and they are counted again). */
void        _alama_store_documents_follow_commit (AlamaStore        *self,
                                                  const AlamaChange *committed,
                                                  const GArray      *net);

G_END_DECLS
