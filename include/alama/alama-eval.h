/* alama-eval.h: scoring a source's suggestions against the analysts' annotations.
 *
 * Gold: the ACCEPTED spans of a document, whatever their source (an accepted
 * suggestion is one the analyst confirmed). Predictions: the spans whose source
 * is the evaluated one, in EVERY status: an accepted one is a hit, a rejected one
 * a false alarm, a pending one is scored against the gold as it stands. Equal
 * spans (same label and fragments) count once on each side.
 *
 * Two matchings, both per label:
 *   exact   — same label and same fragments;
 *   overlap — same label and at least one character in common, each gold span
 *             used at most once (predictions in order of start; each takes the
 *             unused gold span it overlaps most, an exact one first).
 * precision = tp / (tp + fp), recall = tp / (tp + fn), f1 their harmonic mean;
 * 0 when the denominator is 0.
 *
 * Unless @all_labels, gold spans count only for the labels the source proposes
 * somewhere in the selection: a gazetteer is not "missing" the QUOTE spans it
 * never looks for.
 *
 * Relations (SPEAKER, CUE_OF, CLAIMANT, TARGET ...) are scored per type by pairs:
 * a predicted relation matches a gold one of the same type when its "from" span
 * shares a character with the gold "from" span and its "to" span with the gold
 * "to" span, whatever the ends' labels (a speaker proposed as GPE where the gold
 * says ORG still names the speaker at that place); each gold relation is used
 * once, an exact pair first, then the pair sharing most characters. Gold
 * relations count only for the types the source proposes, unless @all_labels.
 *
 * Proposals equal to an existing annotation are never stored (alama-tagger.h), so
 * after "import gold, then autotag" the stored suggestions are only the tagger's
 * disagreements. To score a built-in tagger against gold that is already in the
 * project, use alama_eval_tagger(): it runs the tagger in memory and scores what
 * it proposes, without storing anything.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "alama-store.h"
#include "alama-tagger.h"
#include "alama-types.h"

G_BEGIN_DECLS

typedef struct
{
  guint tp;
  guint fp;
  guint fn;
} AlamaEvalCounts;

double alama_eval_counts_precision (const AlamaEvalCounts *counts);
double alama_eval_counts_recall    (const AlamaEvalCounts *counts);
double alama_eval_counts_f1        (const AlamaEvalCounts *counts);

typedef struct
{
  AlamaEvalCounts  overall;
  GHashTable      *per_label;   /* char* label → AlamaEvalCounts* */
} AlamaEvalScores;

typedef struct
{
  char            *source;
  guint            n_documents;
  AlamaEvalScores  exact;
  AlamaEvalScores  overlap;
  AlamaEvalScores  relations;       /* per relation type; pairs matched by overlap */
  GHashTable      *covered_labels;  /* set of labels gold is restricted to, or NULL = all */
  GHashTable      *covered_types;   /* the same for relation types */
} AlamaEvalResult;

typedef enum
{
  ALAMA_EVAL_FLAGS_NONE       = 0,
  ALAMA_EVAL_FLAGS_ALL_LABELS = 1 << 0,  /* count gold of every label and relation type */
  /* With a tagger: do not show it the document's annotations, as on an article
   * nobody has annotated yet (it finds speakers and claimants with its gazetteer
   * only); otherwise the accepted entities it is scored against are also its
   * candidates. */
  ALAMA_EVAL_FLAGS_BLIND      = 1 << 1,
} AlamaEvalFlags;

AlamaEvalResult *alama_eval_result_new  (const char      *source);
void             alama_eval_result_free (AlamaEvalResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlamaEvalResult, alama_eval_result_free)

/* Adds one document: @gold and @predicted are AlamaSpan* arrays (the caller has
 * already chosen them; no status or source filtering here). */
void      alama_eval_add_document (AlamaEvalResult *result,
                                   GPtrArray       *gold,
                                   GPtrArray       *predicted);

/* One relation to score: its type and its two ends (borrowed). */
typedef struct
{
  const char      *type;
  const AlamaSpan *from;
  const AlamaSpan *to;
} AlamaEvalRelation;

/* Adds one document's relations: arrays of AlamaEvalRelation. */
void      alama_eval_add_relations (AlamaEvalResult *result,
                                    GArray          *gold,
                                    GArray          *predicted);

/* Scores the stored spans of @source over the documents named in @doc_names
 * (NULL = all). Fails with ALAMA_TAGGER_ERROR_NO_SUCH_DOCUMENT for an unknown
 * name. */
AlamaEvalResult *alama_eval_source (AlamaStore          *store,
                                    const char          *source,
                                    const char * const  *doc_names,
                                    gboolean             all_labels,
                                    GError             **error);
/* Runs @tagger in memory over the documents and scores the spans it proposes
 * under its own name against the accepted annotations. Stores nothing. */
AlamaEvalResult *alama_eval_tagger (AlamaStore          *store,
                                    AlamaTagger         *tagger,
                                    const char * const  *doc_names,
                                    gboolean             all_labels,
                                    GError             **error);
/* The same with AlamaEvalFlags (ALAMA_EVAL_FLAGS_BLIND). */
AlamaEvalResult *alama_eval_tagger_with_flags (AlamaStore          *store,
                                               AlamaTagger         *tagger,
                                               const char * const  *doc_names,
                                               AlamaEvalFlags       flags,
                                               GError             **error);

/* {"source": S, "documents": N,
 *  "exact":   {"overall": {"precision", "recall", "f1", "tp", "fp", "fn"},
 *              "per_label": {"PER": {...}, ...}},
 *  "overlap": {...},
 *  "relations": {"overall": {...}, "per_type": {"SPEAKER": {...}, ...}}} */
JsonNode *alama_eval_result_to_json     (AlamaEvalResult *result);
/* A table a person reads: a row per label and "overall", for both matchings. */
char     *alama_eval_result_format_text (AlamaEvalResult *result);

G_END_DECLS
