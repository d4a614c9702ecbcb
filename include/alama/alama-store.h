/* alama-store.h: the project file.
 *
 * One SQLite file (suffix .alama) holds a project: schema, documents, annotations,
 * relations and the history of changes. WAL journal, foreign keys on, a busy
 * timeout, PRAGMA application_id = ALAMA_APPLICATION_ID, PRAGMA user_version
 * migrations.
 *
 * Every mutating call is one transaction (and one undoable change), unless it is
 * made between alama_store_begin_change() and alama_store_end_change(), which
 * group several calls into one transaction and one undo step. A failing call rolls
 * back and leaves the file as it was.
 *
 * After every committed change the store emits "changed" with the id of the
 * document that changed (0 when several or the schema changed).
 *
 * The store is not thread-safe: a worker thread opens its own AlamaStore on the
 * same path (WAL lets readers and one writer share the file).
 */
#pragma once

#include <gio/gio.h>

#include "alama-document.h"
#include "alama-schema.h"
#include "alama-span.h"
#include "alama-types.h"

G_BEGIN_DECLS

/* 'ALMA' */
#define ALAMA_APPLICATION_ID 0x414C4D41
/* The user_version this build writes; older files are upgraded on open. */
#define ALAMA_SCHEMA_VERSION 11

#define ALAMA_STORE_ERROR (alama_store_error_quark ())
GQuark alama_store_error_quark (void);

typedef enum
{
  ALAMA_STORE_ERROR_NOT_A_PROJECT, /* a file that is not SQLite, or SQLite that is not ours */
  ALAMA_STORE_ERROR_CORRUPT,       /* ours but damaged (integrity, malformed) */
  ALAMA_STORE_ERROR_TOO_NEW,       /* made by a newer Alama */
  ALAMA_STORE_ERROR_NOT_FOUND,     /* missing file (without CREATE) or missing row */
  ALAMA_STORE_ERROR_READ_ONLY,     /* a write to a read-only file, folder or store */
  ALAMA_STORE_ERROR_LOCKED,        /* another process holds the write lock */
  ALAMA_STORE_ERROR_INVALID,       /* bad offsets, start >= end, empty label, ... */
  ALAMA_STORE_ERROR_UNKNOWN_LABEL, /* a label or relation type not in the schema */
  ALAMA_STORE_ERROR_NOT_ALLOWED,   /* a relation type not allowed between these labels */
  ALAMA_STORE_ERROR_NOTHING_TO_UNDO,
  ALAMA_STORE_ERROR_IO,            /* disk full and other SQLite I/O failures */
  ALAMA_STORE_ERROR_FAILED,
  /* ours and readable, but a table or column its version must have is gone */
  ALAMA_STORE_ERROR_DAMAGED,
} AlamaStoreError;

typedef enum
{
  ALAMA_STORE_OPEN_DEFAULT   = 0,
  ALAMA_STORE_OPEN_CREATE    = 1 << 0,  /* create the file (with the default schema) if missing */
  ALAMA_STORE_OPEN_READ_ONLY = 1 << 1,
} AlamaStoreOpenFlags;

#define ALAMA_TYPE_STORE (alama_store_get_type ())
G_DECLARE_FINAL_TYPE (AlamaStore, alama_store, ALAMA, STORE, GObject)

/* With ALAMA_STORE_OPEN_CREATE a missing (or empty) project is made complete
 * under a hidden name in its folder and then linked into place: @path is a whole
 * project or absent, also when another process creates it at the same time (then
 * theirs is opened) or this one is killed. A symbolic link is followed to an
 * existing file; one that leads nowhere is refused. */
AlamaStore  *alama_store_open              (const char          *path,
                                            AlamaStoreOpenFlags  flags,
                                            GError             **error);
/* A new project no one else can see yet, for a command that fills it before it
 * appears: made complete under a hidden name in @path's folder and opened there
 * (alama_store_get_path() says @path). Dropping the last reference without
 * alama_store_publish() removes the hidden file. */
AlamaStore  *alama_store_create_unpublished (const char         *path,
                                             GError            **error);
/* Closes the store (it can only be unreferenced afterwards) and links its file to
 * @path. When a project appeared at @path meanwhile, that one stays, the new
 * file is removed and *@out_taken is TRUE: open @path and do the work there. */
gboolean     alama_store_publish           (AlamaStore          *self,
                                            gboolean            *out_taken,
                                            GError             **error);
const char  *alama_store_get_path          (AlamaStore          *self);
gboolean     alama_store_is_read_only      (AlamaStore          *self);
/* Who is recorded on new annotations and in the history. Defaults to
 * g_get_user_name(). */
void         alama_store_set_annotator     (AlamaStore          *self,
                                            const char          *annotator);
const char  *alama_store_get_annotator     (AlamaStore          *self);

/* Catches up with commits made to the file by other connections (another
 * workbench, the CLI): a cheap check of PRAGMA data_version; when it moved, the
 * cached schema is dropped, the documents model is updated in place (new
 * documents added, deleted ones removed, counts set) and "changed" is emitted
 * with 0. Returns TRUE when something had changed; FALSE when nothing had, inside
 * a change of this store, or on error (then @error is set). */
gboolean     alama_store_refresh           (AlamaStore          *self,
                                            GError             **error);

/* ---- Schema ---------------------------------------------------------------- */

/* The project's schema (a new reference); do not modify it, copy it and use
 * alama_store_set_schema(). */
AlamaSchema *alama_store_get_schema        (AlamaStore          *self);
/* Replaces the schema. Fails with UNKNOWN_LABEL if a label or relation type that
 * annotations use would disappear. */
gboolean     alama_store_set_schema        (AlamaStore          *self,
                                            AlamaSchema         *schema,
                                            GError             **error);

/* ---- Documents ------------------------------------------------------------- */

/* A live GListModel of AlamaDocument, sorted by name; counts are updated after
 * every change. Its items are read from the file when first asked for: a
 * project of many documents is listed without reading each one. Owned by the
 * store: take a reference to keep it. */
GListModel    *alama_store_get_documents       (AlamaStore  *self);
/* The position of the document @document_id in alama_store_get_documents(),
 * or G_MAXUINT when it is not listed; reads no document. */
guint          alama_store_get_document_position (AlamaStore *self,
                                                  gint64      document_id);
AlamaDocument *alama_store_get_document        (AlamaStore  *self,
                                                gint64       document_id);
AlamaDocument *alama_store_find_document       (AlamaStore  *self,
                                                const char  *name);
AlamaDocument *alama_store_find_document_by_hash (AlamaStore *self,
                                                  const char *content_hash);
guint          alama_store_get_n_documents     (AlamaStore  *self);
char          *alama_store_dup_document_text   (AlamaStore  *self,
                                                gint64       document_id,
                                                GError     **error);
/* Adds a document. @text must be valid UTF-8 (the store checks). @metadata_json is
 * a JSON object or NULL; @format_data_json any JSON or NULL. If @name is taken, a
 * suffix " (2)" ... makes it unique. */
gboolean       alama_store_add_document        (AlamaStore  *self,
                                                const char  *name,
                                                const char  *source_path,
                                                const char  *text,
                                                const char  *metadata_json,
                                                const char  *format_data_json,
                                                gint64      *out_document_id,
                                                GError     **error);
/* Removes a document with its annotations and relations (not undoable). */
gboolean       alama_store_delete_document     (AlamaStore  *self,
                                                gint64       document_id,
                                                GError     **error);

/* Imported files, by SHA-256 of their bytes, so a file imported twice is skipped. */
gboolean       alama_store_has_imported_file   (AlamaStore  *self,
                                                const char  *file_hash);
gboolean       alama_store_record_imported_file (AlamaStore *self,
                                                 const char *file_hash,
                                                 const char *path,
                                                 GError    **error);

/* ---- Span annotations ------------------------------------------------------ */

/* Spans of a document whose status is in @statuses, sorted by start then by
 * longer first. Array of AlamaSpan* (owned). */
GPtrArray   *alama_store_list_spans        (AlamaStore          *self,
                                            gint64               document_id,
                                            AlamaStatusMask      statuses,
                                            GError             **error);
AlamaSpan   *alama_store_get_span          (AlamaStore          *self,
                                            gint64               span_id,
                                            GError             **error);
/* Validates (document exists, label in schema, 0 <= start < end <= length for
 * every fragment, status), stores, and fills in span->id, annotator (if NULL),
 * created and modified. span->source NULL means ALAMA_SOURCE_MANUAL. */
gboolean     alama_store_add_span          (AlamaStore          *self,
                                            AlamaSpan           *span,
                                            GError             **error);
/* Writes label, fragments, attributes, note, status and source of span->id. */
gboolean     alama_store_update_span       (AlamaStore          *self,
                                            AlamaSpan           *span,
                                            GError             **error);
gboolean     alama_store_set_span_status   (AlamaStore          *self,
                                            gint64               span_id,
                                            AlamaStatus          status,
                                            GError             **error);
/* Moves the edges of span @span_id: its start (for a discontinuous span, the
 * start of its first fragment) to @start and its end (of its last fragment) to
 * @end, as one undoable change that keeps its id, label, relations,
 * attributes, note and status. Refused with INVALID, the file untouched, when
 * the span would cover no text (a fragment's start not before its end), an
 * edge lies outside the text, or an edge would split a lam-alef or a letter
 * from its marks (alama_text_is_span_edge()). Edges where they already are
 * change nothing and make no undo step. */
gboolean     alama_store_resize_span       (AlamaStore          *self,
                                            gint64               span_id,
                                            gint64               start,
                                            gint64               end,
                                            GError             **error);
/* Deletes the span and the relations that hang on it, as one change. */
gboolean     alama_store_delete_span       (AlamaStore          *self,
                                            gint64               span_id,
                                            GError             **error);
/* How many relations start or end at the span (to warn before deleting). */
guint        alama_store_count_span_relations (AlamaStore       *self,
                                               gint64            span_id);
/* The relations on span @span_id that the schema would not allow if the span
 * had @label (what alama_store_update_span() refuses a relabel for), by id.
 * Array of AlamaRelation* (owned); empty when none; NULL with @error. */
GPtrArray   *alama_store_list_relations_blocking_label (AlamaStore *self,
                                                        gint64      span_id,
                                                        const char *label,
                                                        GError    **error);
/* Gives span @span_id the label @label and deletes, in the same change (one
 * undo step), the relations that label does not allow. */
gboolean     alama_store_relabel_span_dropping_relations (AlamaStore  *self,
                                                          gint64       span_id,
                                                          const char  *label,
                                                          GError     **error);

/* ---- Relations ------------------------------------------------------------- */

GPtrArray     *alama_store_list_relations  (AlamaStore          *self,
                                            gint64               document_id,
                                            AlamaStatusMask      statuses,
                                            GError             **error);
AlamaRelation *alama_store_get_relation    (AlamaStore          *self,
                                            gint64               relation_id,
                                            GError             **error);
/* Validates (both spans exist and lie in one document, the type is in the schema
 * and allowed between their labels: NOT_ALLOWED otherwise), stores, and fills in
 * id, document_id, annotator, created and modified. */
gboolean       alama_store_add_relation    (AlamaStore          *self,
                                            AlamaRelation       *relation,
                                            GError             **error);
gboolean       alama_store_update_relation (AlamaStore          *self,
                                            AlamaRelation       *relation,
                                            GError             **error);
gboolean       alama_store_set_relation_status (AlamaStore      *self,
                                                gint64           relation_id,
                                                AlamaStatus      status,
                                                GError         **error);
gboolean       alama_store_delete_relation (AlamaStore          *self,
                                            gint64               relation_id,
                                            GError             **error);
/* Swaps the relation's two ends (one change, worded "Reverse TYPE"); fails with
 * NOT_ALLOWED when its type is not allowed in the other direction. */
gboolean       alama_store_reverse_relation (AlamaStore         *self,
                                             gint64              relation_id,
                                             GError            **error);

/* ---- Changes, undo, history ----------------------------------------------- */

typedef enum
{
  ALAMA_CHANGE_UNDOABLE     = 0,
  /* Imports: one transaction, recorded in the history as a single entry, but not
   * on the undo stack and without a history row per annotation. */
  ALAMA_CHANGE_NOT_UNDOABLE = 1 << 0,
} AlamaChangeFlags;

/* What a change did, stored as an action and the label (or relation type, or
 * document name, or tagger) it is about, so that each interface words it in
 * its own language. ALAMA_CHANGE_ACTION_NONE: the change has only the free
 * description its caller gave (a group from alama_store_begin_change()). */
typedef enum
{
  ALAMA_CHANGE_ACTION_NONE,
  ALAMA_CHANGE_ACTION_ADD_SPAN,          /* "Add %s" (the label) */
  ALAMA_CHANGE_ACTION_RELABEL_SPAN,      /* "Change label to %s" */
  ALAMA_CHANGE_ACTION_ACCEPT,            /* "Accept suggestion" (no label) */
  ALAMA_CHANGE_ACTION_REJECT,            /* "Reject suggestion" (no label) */
  ALAMA_CHANGE_ACTION_MARK_PENDING,      /* "Mark %s for review" */
  ALAMA_CHANGE_ACTION_EDIT_SPAN,         /* "Edit %s" */
  ALAMA_CHANGE_ACTION_DELETE_SPAN,       /* "Delete %s" */
  ALAMA_CHANGE_ACTION_ADD_RELATION,      /* "Add %s" (the relation type) */
  ALAMA_CHANGE_ACTION_RETYPE_RELATION,   /* "Change relation to %s" */
  ALAMA_CHANGE_ACTION_EDIT_RELATION,     /* "Edit %s" */
  ALAMA_CHANGE_ACTION_DELETE_RELATION,   /* "Delete %s" */
  ALAMA_CHANGE_ACTION_ADD_DOCUMENT,      /* "Add document %s" (the name) */
  ALAMA_CHANGE_ACTION_DELETE_DOCUMENT,   /* "Delete document %s" */
  ALAMA_CHANGE_ACTION_IMPORT,            /* "Import" (no label) */
  ALAMA_CHANGE_ACTION_SET_SCHEMA,        /* "Change schema" (no label) */
  ALAMA_CHANGE_ACTION_AUTOTAG,           /* "Autotag (%s)" (the tagger) */
  ALAMA_CHANGE_ACTION_RESIZE_SPAN,       /* "Move the edges of %s" (the label) */
  ALAMA_CHANGE_ACTION_REVERSE_RELATION,  /* "Reverse %s" (the relation type) */
} AlamaChangeAction;

/* The nick stored in the file ("add-span" ...), and back: an unknown or NULL
 * nick reads as ALAMA_CHANGE_ACTION_NONE. */
const char       *alama_change_action_to_nick   (AlamaChangeAction  action);
AlamaChangeAction alama_change_action_from_nick (const char        *nick);
/* The English words of @action as a printf format with at most one %s for
 * the label ("Add %s", "Accept suggestion"); NULL for ALAMA_CHANGE_ACTION_NONE.
 * They are marked for translation: an interface words a change in its
 * language with g_strdup_printf (_(format), label). */
const char       *alama_change_action_get_format (AlamaChangeAction action);
/* The untranslated English words of @action about @label ("Add PER");
 * @description for ALAMA_CHANGE_ACTION_NONE. */
char             *alama_change_action_format    (AlamaChangeAction  action,
                                                 const char        *label,
                                                 const char        *description);

/* Groups the calls until end_change() into one transaction and one undo step.
 * Does not nest. */
gboolean     alama_store_begin_change      (AlamaStore          *self,
                                            const char          *description,
                                            AlamaChangeFlags     flags,
                                            GError             **error);
gboolean     alama_store_end_change        (AlamaStore          *self,
                                            GError             **error);
/* Rolls back everything since begin_change(). */
void         alama_store_cancel_change     (AlamaStore          *self);
/* begin_change() for a group described by an action and its label (an
 * autotag run) rather than by free text. */
gboolean     alama_store_begin_action_change (AlamaStore        *self,
                                              AlamaChangeAction  action,
                                              const char        *label,
                                              AlamaChangeFlags   flags,
                                              GError           **error);
gboolean     alama_store_in_change         (AlamaStore          *self);

gboolean     alama_store_can_undo          (AlamaStore          *self);
/* The id of the change the next undo takes back, or 0: a toast that offers
 * to undo one change checks it is still the next. */
gint64       alama_store_get_undo_change_id (AlamaStore         *self);
gboolean     alama_store_can_redo          (AlamaStore          *self);
/* "Add PER", "Delete QUOTE" ...; NULL when there is nothing. */
char        *alama_store_dup_undo_description (AlamaStore       *self);
char        *alama_store_dup_redo_description (AlamaStore       *self);
/* What the next undo (redo) would take back: its action, and its label (for
 * ALAMA_CHANGE_ACTION_NONE, the caller's description); FALSE when there is
 * nothing. @label may be NULL; free it with g_free(). */
gboolean     alama_store_get_undo_action   (AlamaStore          *self,
                                            AlamaChangeAction   *action,
                                            char               **label);
gboolean     alama_store_get_redo_action   (AlamaStore          *self,
                                            AlamaChangeAction   *action,
                                            char               **label);
/* Undo/redo the last change (across restarts: the stack is in the file).
 * @out_document_id: the document it touched, or 0. */
gboolean     alama_store_undo              (AlamaStore          *self,
                                            gint64              *out_document_id,
                                            GError             **error);
gboolean     alama_store_redo              (AlamaStore          *self,
                                            gint64              *out_document_id,
                                            GError             **error);

typedef struct
{
  gint64  id;
  gint64  change_id;      /* entries of one change share it */
  char   *description;    /* of the change, in English (alama_change_action_format()) */
  char   *action;         /* "add-span", "update-span", "delete-span", "add-relation", ... */
  char   *target_kind;    /* "span", "relation", "document", "schema", "import" */
  gint64  target_id;
  char   *before_json;    /* the row before, or NULL */
  char   *after_json;     /* the row after, or NULL */
  char   *who;
  gint64  at;             /* microseconds */
  gboolean undone;
  AlamaChangeAction change_action;  /* of the change, with change_label: to word it */
  char   *change_label;
} AlamaHistoryEntry;

void       alama_history_entry_free        (AlamaHistoryEntry   *entry);
/* History of one annotation or relation (@target_id; 0 = the whole project),
 * oldest first. */
GPtrArray *alama_store_list_history        (AlamaStore          *self,
                                            const char          *target_kind,
                                            gint64               target_id,
                                            GError             **error);

/* ---- Review queries --------------------------------------------------------- */

/* The sources (ALAMA_SOURCE_MANUAL, tagger and model names) of the spans and
 * relations whose status is in @statuses, over the whole project, sorted by
 * name. Array of char* (owned); empty when there are none, NULL with @error
 * when the file fails. */
GPtrArray   *alama_store_list_sources      (AlamaStore          *self,
                                            AlamaStatusMask      statuses,
                                            GError             **error);
/* The sources of the suggestions still to review that a view hiding
 * suggestions below @min_confidence shows (alama-span-filter.h): as
 * alama_store_list_sources() with ALAMA_STATUS_MASK_PENDING, less a source
 * whose pending spans all have a confidence below @min_confidence (with its
 * relations, whose ends are hidden). A source of relations only is kept. */
GPtrArray   *alama_store_list_suggestion_sources (AlamaStore     *self,
                                                  double          min_confidence,
                                                  GError        **error);
/* How many spans of document @document_id (0 = every document) whose status is
 * in @statuses come from @source (NULL = any source). */
guint        alama_store_count_spans       (AlamaStore          *self,
                                            gint64               document_id,
                                            const char          *source,
                                            AlamaStatusMask      statuses);
/* How many suggestions (pending spans and pending relations) of document
 * @document_id (0 = every document) come from @source (NULL = any source). */
guint        alama_store_count_suggestions (AlamaStore          *self,
                                            gint64               document_id,
                                            const char          *source);

G_END_DECLS
