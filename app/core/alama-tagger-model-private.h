/* alama-tagger-model-private.h: what the trained tagger's files share.
 *
 * alama-tagger-model-project.c (the project: training data, the models table,
 * the AlamaTagger) calls alama-tagger-model-learn.c (learning) and
 * alama-tagger-model.c (weights, Viterbi, bytes), which call
 * alama-tagger-model-features.c (tokens and features).
 */
#pragma once

#include "alama/alama-tagger-model.h"

G_BEGIN_DECLS

/* Hashed feature space: 2^bits buckets, each a row of one weight per tag. */
#define ALAMA_MODEL_FEATURE_BITS 20

/* ---- Lexicons (alama-tagger-model-lexicon.c) ----------------------------------- */

/* Word lists a model keeps: given names, places, titles ... one class each. */
typedef struct _AlamaModelLexicon AlamaModelLexicon;

/* Two bits a class in a token's marks (starts / continues a match). */
#define ALAMA_MODEL_LEXICON_MAX_CLASSES 16

AlamaModelLexicon *_alama_model_lexicon_new          (void);
void               _alama_model_lexicon_free         (AlamaModelLexicon *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlamaModelLexicon, _alama_model_lexicon_free)
void               _alama_model_lexicon_add          (AlamaModelLexicon *self,
                                                      const char        *class_name,
                                                      const char        *entry);
gboolean           _alama_model_lexicon_load_dir     (AlamaModelLexicon *self,
                                                      const char        *dir,
                                                      GError           **error);
/* $ALAMA_DATADIR/lexicons, the source tree's data/lexicons, or the installed ones. */
char              *_alama_model_lexicon_dup_default_dir (void);
AlamaModelLexicon *_alama_model_lexicon_new_default  (GError           **error);
guint              _alama_model_lexicon_get_n_classes (AlamaModelLexicon *self);
const char        *_alama_model_lexicon_get_class    (AlamaModelLexicon *self,
                                                      guint              class_id);
guint              _alama_model_lexicon_get_n_entries (AlamaModelLexicon *self);
const char        *_alama_model_lexicon_strip_article (const char       *word);
void               _alama_model_lexicon_write        (AlamaModelLexicon *self,
                                                      GByteArray        *out);
AlamaModelLexicon *_alama_model_lexicon_read         (const guint8      *data,
                                                      gsize              size,
                                                      gsize             *at);
/* marks[i]: bit 2c if a match of class c starts at token i, 2c + 1 if one goes
 * on there. @splits holds ALAMA_ARABIC_CLITIC_SPLITS_MAX per token. @self may be
 * NULL. */
void               _alama_model_lexicon_mark         (AlamaModelLexicon  *self,
                                                      const char * const *norms,
                                                      const guint        *splits,
                                                      const guint        *n_splits,
                                                      guint               n,
                                                      guint32            *marks);

/* One ICU token of a text (a word, a number or a punctuation mark). */
typedef struct
{
  gint64 start;
  gint64 end;
} AlamaModelToken;

/* A text cut into tokens and sentences, with each token's feature ids. */
typedef struct
{
  GArray *tokens;      /* AlamaModelToken */
  GArray *sentences;   /* guint: index of each sentence's first token, then tokens->len */
  GArray *features;    /* guint32 bucket ids */
  GArray *feature_at;  /* guint: first feature of token i; tokens->len + 1 entries */
  GArray *n_lexical;   /* guint8: how many of token i's features, first, are its identity */
  GArray *lexicon;     /* guint32: token i's lexicon marks (_alama_model_lexicon_mark) */
} AlamaModelText;

/* Tokens, sentences (ended by . ! ? ؟ or a line break) and features of @text.
 * @gazetteer and @lexicon may be NULL. */
AlamaModelText *_alama_model_text_new  (const char        *text,
                                        AlamaTextIndex    *index,
                                        AlamaGazetteer    *gazetteer,
                                        AlamaModelLexicon *lexicon,
                                        guint              feature_bits);
void            _alama_model_text_free (AlamaModelText *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlamaModelText, _alama_model_text_free)

/* Tags: 0 = O, 1 + 2l = B-label l, 2 + 2l = I-label l. */
#define ALAMA_MODEL_TAG_OUTSIDE 0
#define ALAMA_MODEL_TAG_BEGIN(l)  (1 + 2 * (l))
#define ALAMA_MODEL_TAG_INSIDE(l) (2 + 2 * (l))

/* Training data: sentences of feature ids with gold tags, kept across
 * documents (the texts are not). */
typedef struct
{
  GArray *features;    /* guint32 */
  GArray *feature_at;  /* guint: first feature of token i, n_tokens + 1 entries */
  GArray *n_lexical;   /* guint8 per token, as in AlamaModelText */
  GArray *word_ids;    /* guint32 per token: its word's feature id (its first feature) */
  GArray *lexicon;     /* guint32 per token, as in AlamaModelText */
  GArray *tags;        /* guint8 gold tag per token */
  GArray *sentences;   /* guint: first token of each sentence, then n_tokens */
} AlamaModelCorpus;

AlamaModelCorpus *_alama_model_corpus_new    (void);
void              _alama_model_corpus_free   (AlamaModelCorpus *self);
/* Appends the sentences of @text with @tags (one per token of @text). */
void              _alama_model_corpus_append (AlamaModelCorpus *self,
                                              AlamaModelText   *text,
                                              const guint8     *tags);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlamaModelCorpus, _alama_model_corpus_free)

/* Learns a model over @labels from @corpus. NULL with CANCELLED when
 * @cancellable fires. @info_json is stored as the model's info. */
AlamaTaggerModel *_alama_model_learn (AlamaModelCorpus   *corpus,
                                      GPtrArray          *labels,
                                      guint               epochs,
                                      guint32             seed,
                                      GCancellable       *cancellable,
                                      GError            **error);
void              _alama_model_set_info (AlamaTaggerModel *self,
                                         const char       *info_json);

/* ---- The model (alama-tagger-model.c) -------------------------------------------- */

struct _AlamaTaggerModel
{
  guint      feature_bits;
  GPtrArray *labels;        /* char*, NULL-terminated */
  guint      n_tags;
  float     *weights;       /* 2^feature_bits rows of n_tags */
  float     *transitions;   /* (n_tags + 1) rows of n_tags; row n_tags = sentence start */
  guint8    *vocabulary;    /* bit set over word ids: the words training saw often enough */
  AlamaModelLexicon *lexicon;  /* the word lists it was trained with, never NULL */
  float      outside_bias;  /* taken from the O score of every token when tagging */
  char      *info;
};

/* Features a novel word gets on top of its own: alone, with the word before,
 * with the word after, and with each lexicon mark of its own and of the word
 * before. */
#define ALAMA_MODEL_N_NOVEL_FEATURES (3 + 2 * 2 * ALAMA_MODEL_LEXICON_MAX_CLASSES)

/* An empty model (all weights 0) over @labels (char*). */
AlamaTaggerModel *_alama_model_new             (guint          feature_bits,
                                                GPtrArray     *labels);
/* Gathers the features of the @n tokens of a sentence into @scratch: token t's
 * are scratch[starts[t]] up to scratch[ends[t]]. A token marked in @novel gets
 * the novel-word features, and with @hide_identity loses its first
 * n_lexical[t] features (the word itself). */
void              _alama_model_gather_features (const guint32  *features,
                                                const guint    *feature_at,
                                                const guint8   *n_lexical,
                                                const guint32  *word_ids,
                                                const guint32  *lexicon,
                                                const gboolean *novel,
                                                gboolean        hide_identity,
                                                guint           n,
                                                guint32         mask,
                                                guint32        *scratch,
                                                guint          *starts,
                                                guint          *ends);
/* emissions[t * n_tags + y] for @n tokens whose features are
 * features[starts[t]] up to features[ends[t]]. */
void              _alama_model_score_tokens    (const float    *weights,
                                                guint           n_tags,
                                                const guint32  *features,
                                                const guint    *starts,
                                                const guint    *ends,
                                                guint           n,
                                                float          *emissions);
/* Best tag sequence of @n tokens into @tags; @delta is 2 × n_tags scratch, @back
 * n × n_tags. */
void              _alama_model_viterbi         (const float    *emissions,
                                                const float    *transitions,
                                                guint           n_tags,
                                                guint           n,
                                                float          *delta,
                                                guint8         *back,
                                                guint8         *tags);

G_END_DECLS
