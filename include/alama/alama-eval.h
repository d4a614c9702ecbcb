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
  GHashTable      *covered_labels;  /* set of labels gold is restricted to, or NULL = all */
} AlamaEvalResult;

AlamaEvalResult *alama_eval_result_new  (const char      *source);
void             alama_eval_result_free (AlamaEvalResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlamaEvalResult, alama_eval_result_free)

/* Adds one document: @gold and @predicted are AlamaSpan* arrays (the caller has
 * already chosen them; no status or source filtering here). */
void      alama_eval_add_document (AlamaEvalResult *result,
                                   GPtrArray       *gold,
                                   GPtrArray       *predicted);

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

/* {"source": S, "documents": N,
 *  "exact":   {"overall": {"precision", "recall", "f1", "tp", "fp", "fn"},
 *              "per_label": {"PER": {...}, ...}},
 *  "overlap": {...}} */
JsonNode *alama_eval_result_to_json     (AlamaEvalResult *result);
/* A table a person reads: a row per label and "overall", for both matchings. */
char     *alama_eval_result_format_text (AlamaEvalResult *result);

G_END_DECLS
