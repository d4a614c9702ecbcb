/* alama-tagger.h: automatic taggers that propose annotations for review.
 *
 * A tagger looks at one document (its text, a text index, the schema and the
 * spans the document already has) and returns AlamaTaggerProposals: spans with
 * status pending and relations between them given as indexes into the proposal
 * spans. It never touches a project. alama_tagger_store_proposals() is the one
 * runner that writes proposals to a project, with the review rules:
 *
 *   - a proposal equal to a span the document already has (same label, same
 *     fragments) in ANY status is not stored again: the analyst's rejection
 *     stays final, accepted and pending spans are reused for relations;
 *   - nothing that exists is modified;
 *   - one document = one change, so a crash leaves whole documents.
 *
 * Taggers: the gazetteer (entity lists, data/gazetteers/), quotes (quotation
 * marks or indirect speech with a speech verb), claims (attribution and
 * accusation verbs), learned (the project's own accepted entities) and external
 * (any program speaking JSONL on stdin/stdout).
 */
#pragma once

#include <gio/gio.h>

#include "alama-schema.h"
#include "alama-span.h"
#include "alama-store.h"
#include "alama-types.h"

G_BEGIN_DECLS

#define ALAMA_TAGGER_ERROR (alama_tagger_error_quark ())
GQuark alama_tagger_error_quark (void);

typedef enum
{
  ALAMA_TAGGER_ERROR_IO,                /* a gazetteer file or folder cannot be read */
  ALAMA_TAGGER_ERROR_PARSE,             /* a malformed gazetteer line: names file and line */
  ALAMA_TAGGER_ERROR_NO_SUCH_DOCUMENT,  /* --docs names a document the project lacks */
  ALAMA_TAGGER_ERROR_COMMAND_FAILED,    /* an external model could not run or failed */
  ALAMA_TAGGER_ERROR_UNKNOWN_TAGGER,
  ALAMA_TAGGER_ERROR_CANCELLED,
  ALAMA_TAGGER_ERROR_TIMED_OUT,         /* an external model ran past its timeout */
  ALAMA_TAGGER_ERROR_NO_SUCH_MODEL,     /* the project has no trained model of that name */
  ALAMA_TAGGER_ERROR_BAD_MODEL,         /* a stored model cannot be read */
  ALAMA_TAGGER_ERROR_NO_TRAINING_DATA,  /* nothing accepted to train on */
  ALAMA_TAGGER_ERROR_UNKNOWN_LABEL,     /* a label to train is not an entity label */
} AlamaTaggerErrorCode;

/* Source names the built-in taggers write on their suggestions. */
#define ALAMA_TAGGER_SOURCE_GAZETTEER "gazetteer"
#define ALAMA_TAGGER_SOURCE_QUOTES    "quotes"
#define ALAMA_TAGGER_SOURCE_CLAIMS    "claims"
#define ALAMA_TAGGER_SOURCE_LEARNED   "learned"
#define ALAMA_TAGGER_SOURCE_EXTERNAL  "external"

/* ---- Proposals ------------------------------------------------------------- */

typedef struct
{
  char  *type;   /* relation type key, e.g. "SPEAKER" */
  guint  from;   /* index into AlamaTaggerProposals.spans */
  guint  to;
} AlamaTaggerRelation;

typedef struct
{
  /* AlamaSpan*, owned. A span with id 0 is a new proposal (status pending, source
   * set). A span with id != 0 is a span the document already has, listed only so
   * that a relation can point at it; it is never stored again. */
  GPtrArray *spans;
  GArray    *relations;  /* of AlamaTaggerRelation */
} AlamaTaggerProposals;

AlamaTaggerProposals *alama_tagger_proposals_new          (void);
void                  alama_tagger_proposals_free         (AlamaTaggerProposals *self);
/* Appends (takes ownership) and returns the index. */
guint                 alama_tagger_proposals_add_span     (AlamaTaggerProposals *self,
                                                           AlamaSpan            *span);
/* Returns the index of a span with the same label and fragments, adding a copy
 * of @span if there is none (the caller keeps @span). */
guint                 alama_tagger_proposals_ensure_span  (AlamaTaggerProposals *self,
                                                           const AlamaSpan      *span);
void                  alama_tagger_proposals_add_relation (AlamaTaggerProposals *self,
                                                           const char           *type,
                                                           guint                 from,
                                                           guint                 to);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlamaTaggerProposals, alama_tagger_proposals_free)

/* ---- Gazetteer ------------------------------------------------------------- */

/* Entity lists, one entry a line: `surface<TAB>LABEL[<TAB>canonical name]`, `#`
 * starts a comment line. Entries shorter than 3 letters after normalisation are
 * skipped unless the label is written with a trailing `!` ("ORG!").
 * Matching: longest match on ICU word boundaries, insensitive to harakat,
 * tatweel, alef forms, ة/ه and ى/ي (alama_arabic_normalize), and aware of the
 * clitics و ف ب ل ك ال: وبوتين gives a span on بوتين, بالكرملين a span on
 * الكرملين when the entry itself starts with ال. */
typedef struct _AlamaGazetteer AlamaGazetteer;

AlamaGazetteer *alama_gazetteer_new            (void);
void            alama_gazetteer_free           (AlamaGazetteer *self);
/* Adds one entry; returns FALSE (and adds nothing) when it is empty or too short
 * and @allow_short is FALSE. @canonical may be NULL. */
gboolean        alama_gazetteer_add_entry      (AlamaGazetteer *self,
                                                const char     *surface,
                                                const char     *label,
                                                const char     *canonical,
                                                gboolean        allow_short);
gboolean        alama_gazetteer_load_file      (AlamaGazetteer *self,
                                                const char     *path,
                                                GError        **error);
/* Loads every *.tsv of @dir in name order. */
gboolean        alama_gazetteer_load_dir       (AlamaGazetteer *self,
                                                const char     *dir,
                                                GError        **error);
guint           alama_gazetteer_get_n_entries  (AlamaGazetteer *self);
/* $ALAMA_DATADIR/gazetteers if ALAMA_DATADIR is set, else the source tree's
 * data/gazetteers if it exists (a build tree), else PKGDATADIR/gazetteers. */
char           *alama_gazetteer_dup_default_dir (void);
/* Matches over @text: AlamaSpan* (pending, @source, one fragment each, no
 * overlaps), sorted by start. A canonical name that differs from the surface is
 * put in the span's note. */
GPtrArray      *alama_gazetteer_match          (AlamaGazetteer *self,
                                                const char     *text,
                                                AlamaTextIndex *index,
                                                const char     *source);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlamaGazetteer, alama_gazetteer_free)

/* ---- Taggers ----------------------------------------------------------------- */

typedef struct
{
  const char     *text;
  AlamaTextIndex *index;      /* over @text */
  AlamaSchema    *schema;
  GPtrArray      *existing;   /* AlamaSpan* of the document in every status */
} AlamaTaggerInput;

typedef struct _AlamaTagger AlamaTagger;

/* @gazetteer is borrowed and must outlive the tagger. */
AlamaTagger *alama_tagger_new_gazetteer (AlamaGazetteer *gazetteer);
/* Quotes and claims find speakers and claimants among the document's accepted
 * entities and, if @gazetteer is not NULL, the gazetteer's matches (which are
 * then proposed with source "gazetteer" when a relation needs them). */
AlamaTagger *alama_tagger_new_quotes    (AlamaGazetteer *gazetteer);
AlamaTagger *alama_tagger_new_claims    (AlamaGazetteer *gazetteer);
/* Learns normalised surface → most frequent label from the accepted entity
 * annotations of @store (read now: make a new tagger to learn again). */
AlamaTagger *alama_tagger_new_learned   (AlamaStore     *store,
                                         GError        **error);
/* "gazetteer", "quotes", "claims", "learned", or "model" / "model:NAME" (a model
 * trained with alama_tagger_model_train(), loaded from @store; it uses
 * @gazetteer for its gazetteer features). UNKNOWN_TAGGER otherwise.
 * @gazetteer may be NULL except for "gazetteer". */
AlamaTagger *alama_tagger_new_by_name   (const char     *name,
                                         AlamaStore     *store,
                                         AlamaGazetteer *gazetteer,
                                         GError        **error);
void         alama_tagger_free          (AlamaTagger    *self);
const char  *alama_tagger_get_name      (AlamaTagger    *self);
AlamaTaggerProposals *alama_tagger_propose (AlamaTagger            *self,
                                            const AlamaTaggerInput *input);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlamaTagger, alama_tagger_free)

/* ---- Running ----------------------------------------------------------------- */

typedef struct
{
  char       *tagger;             /* name of the tagger / source */
  guint       n_documents;
  guint       n_spans_added;
  guint       n_relations_added;
  guint       n_skipped;          /* proposals that already existed or were rejected */
  GHashTable *spans_by_label;     /* char* → GUINT_TO_POINTER (count) */
  GHashTable *relations_by_type;  /* char* → GUINT_TO_POINTER (count) */
  GPtrArray  *messages;           /* char*: warnings, e.g. bad lines of an external model */
} AlamaTaggerReport;

AlamaTaggerReport *alama_tagger_report_new    (const char        *tagger);
void               alama_tagger_report_free   (AlamaTaggerReport *report);
/* "gazetteer: 12 suggestions (GPE 7, PER 5), 0 relations, 3 skipped\n" and the
 * messages. */
char              *alama_tagger_report_format (AlamaTaggerReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlamaTaggerReport, alama_tagger_report_free)

/* Stores @proposals on document @document_id as ONE change, with the rules at
 * the top of this file. Relations not allowed by the schema, and spans with a
 * label the schema lacks, are skipped with a message. Fills @report. */
gboolean   alama_tagger_store_proposals (AlamaStore            *store,
                                         gint64                 document_id,
                                         AlamaTaggerProposals  *proposals,
                                         AlamaTaggerReport     *report,
                                         GError               **error);

/* The documents named in @doc_names (NULL = all, in name order) as
 * AlamaDocument* (owned); NO_SUCH_DOCUMENT names the first unknown one. */
GPtrArray *alama_tagger_select_documents (AlamaStore          *store,
                                          const char * const  *doc_names,
                                          GError             **error);

/* Runs @tagger over the documents (NULL = all), one change per document. */
gboolean   alama_tagger_run             (AlamaStore          *store,
                                         AlamaTagger         *tagger,
                                         const char * const  *doc_names,
                                         AlamaTaggerReport   *report,
                                         GCancellable        *cancellable,
                                         GError             **error);

/* Runs `/bin/sh -c COMMAND`, writes the documents to its stdin as JSONL
 * ({"id": N, "name": ..., "text": ...} a line) and reads suggestions from its
 * stdout as JSONL in Alama's export format (a line per document: "id" or "name",
 * "entities": [{id, label, start_offset, end_offset, attributes?, fragments?}],
 * "relations": [{from_id, to_id, type}]). A bad line is reported in
 * report->messages with its line number and the other lines still land. The
 * suggestions get @source (NULL = "external"). Fails with COMMAND_FAILED when
 * the program cannot start or exits with a non-zero status (nothing stored). */
gboolean   alama_tagger_run_external    (AlamaStore          *store,
                                         const char          *command,
                                         const char          *source,
                                         const char * const  *doc_names,
                                         AlamaTaggerReport   *report,
                                         GCancellable        *cancellable,
                                         GError             **error);

/* How long alama_tagger_run_external() lets a model run, in seconds. */
#define ALAMA_TAGGER_DEFAULT_TIMEOUT 600

/* alama_tagger_run_external() with a timeout: the command runs in its own
 * process group, and when it has not finished (exited, and every process
 * holding its standard output closed it) after @timeout_seconds, or when
 * @cancellable fires, the whole group is killed and nothing is stored: fails
 * with TIMED_OUT naming the command, the timeout and the documents it had. */
gboolean   alama_tagger_run_external_full (AlamaStore          *store,
                                           const char          *command,
                                           const char          *source,
                                           const char * const  *doc_names,
                                           guint                timeout_seconds,
                                           AlamaTaggerReport   *report,
                                           GCancellable        *cancellable,
                                           GError             **error);

G_END_DECLS
