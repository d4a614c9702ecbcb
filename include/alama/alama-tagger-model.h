/* alama-tagger-model.h: a sequence tagger trained on the project's own annotations.
 *
 * `alama train` reads the ACCEPTED entity spans of a project and learns an
 * averaged structured perceptron: BIO tags over ICU word tokens, decoded with
 * Viterbi, with Arabic-aware features (the normalised word, its clitic splits
 * and stem, affixes, shape, neighbouring words and stems, gazetteer hits). The
 * model is stored in the project file (table models) under a name, "model"
 * unless told otherwise; the tagger "model:NAME" proposes its spans with source
 * "model:NAME" and a confidence in the span attribute "confidence" (the
 * smallest marginal probability of the span's tags, "0.00" to "1.00").
 *
 * Training is deterministic: the same project, options and seed give the same
 * model bytes.
 */
#pragma once

#include <gio/gio.h>

#include "alama-store.h"
#include "alama-tagger.h"
#include "alama-text.h"

G_BEGIN_DECLS

#define ALAMA_TAGGER_MODEL_DEFAULT_NAME    "model"
#define ALAMA_TAGGER_MODEL_DEFAULT_EPOCHS  8
#define ALAMA_TAGGER_MODEL_DEFAULT_SEED    1
/* The tagger name and suggestion source prefix: "model:NAME". */
#define ALAMA_TAGGER_SOURCE_MODEL_PREFIX   "model:"
/* The span attribute a model's suggestions carry their confidence in. */
#define ALAMA_TAGGER_MODEL_CONFIDENCE_ATTRIBUTE "confidence"

typedef struct _AlamaTaggerModel AlamaTaggerModel;

typedef struct
{
  GPtrArray          *documents;  /* AlamaDocument* (alama_tagger_select_documents()),
                                   * NULL = every document */
  const char * const *labels;     /* NULL = every entity label that has accepted spans */
  AlamaGazetteer     *gazetteer;  /* may be NULL: no gazetteer features */
  guint32             seed;
  guint               epochs;     /* 0 = ALAMA_TAGGER_MODEL_DEFAULT_EPOCHS */
  GCancellable       *cancellable;
} AlamaTaggerModelOptions;

/* Fills @options with the defaults (all documents and labels, no gazetteer). */
void              alama_tagger_model_options_init (AlamaTaggerModelOptions *options);

/* Trains on the accepted entity spans of the selected documents. Documents
 * without any accepted entity span of the chosen labels are not read: they are
 * taken as not annotated yet, not as "no entity here". Fails with
 * NO_TRAINING_DATA when nothing is left. */
AlamaTaggerModel *alama_tagger_model_train       (AlamaStore                    *store,
                                                  const AlamaTaggerModelOptions *options,
                                                  GError                       **error);
void              alama_tagger_model_free        (AlamaTaggerModel *self);

/* Entity labels the model proposes, in the order it was trained with. */
const char * const *alama_tagger_model_get_labels (AlamaTaggerModel *self);
/* What the training saw, as JSON ({"documents", "sentences", "tokens", "spans",
 * "epochs", "seed", "feature_bits", "gazetteer", "outside_bias", "seconds"}). */
const char       *alama_tagger_model_get_info    (AlamaTaggerModel *self);

/* The model as bytes (what the project stores) and back. BAD_MODEL when the
 * bytes are not a model this version reads. */
GBytes           *alama_tagger_model_to_bytes    (AlamaTaggerModel *self);
AlamaTaggerModel *alama_tagger_model_new_from_bytes (GBytes        *bytes,
                                                     GError       **error);

/* Proposes spans over @text: AlamaSpan* (pending, @source, one fragment each,
 * attribute "confidence"), sorted by start. @gazetteer should be the one the
 * model was trained with (NULL if none). */
GPtrArray        *alama_tagger_model_tag         (AlamaTaggerModel *self,
                                                  const char       *text,
                                                  AlamaTextIndex   *index,
                                                  AlamaGazetteer   *gazetteer,
                                                  const char       *source);

/* The confidence @span carries (attribute "confidence", 0 to 1), as a model's
 * suggestions do: FALSE, and *@confidence left as it was, when it has none or
 * not a number in that range. */
gboolean          alama_span_get_confidence      (const AlamaSpan  *span,
                                                  double           *confidence);

/* Stores the model in the project under @name, replacing one of that name. */
gboolean          alama_tagger_model_save        (AlamaTaggerModel *self,
                                                  AlamaStore       *store,
                                                  const char       *name,
                                                  GError          **error);
/* NO_SUCH_MODEL when the project has no model called @name. */
AlamaTaggerModel *alama_tagger_model_load        (AlamaStore       *store,
                                                  const char       *name,
                                                  GError          **error);

/* A tagger proposing the model's spans with source "model:NAME". Takes
 * ownership of @model; @gazetteer is borrowed and may be NULL. */
AlamaTagger      *alama_tagger_new_model         (AlamaTaggerModel *model,
                                                  const char       *name,
                                                  AlamaGazetteer   *gazetteer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlamaTaggerModel, alama_tagger_model_free)

G_END_DECLS
