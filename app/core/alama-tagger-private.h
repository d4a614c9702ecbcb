/* alama-tagger-private.h: what the tagger files share and nobody else needs. */
#pragma once

#include "alama/alama-tagger.h"
#include "alama/alama-text.h"

G_BEGIN_DECLS

typedef AlamaTaggerProposals *(*AlamaTaggerProposeFunc) (const AlamaTaggerInput *input,
                                                         gpointer                data);

struct _AlamaTagger
{
  char                   *name;
  AlamaTaggerProposeFunc  propose;
  gpointer                data;
  GDestroyNotify          data_free;
};

/* Same label and same fragments: what "the same suggestion at that place" means. */
gboolean     _alama_tagger_spans_same_place (const AlamaSpan *a,
                                             const AlamaSpan *b);
AlamaTagger *_alama_tagger_new (const char             *name,
                                AlamaTaggerProposeFunc  propose,
                                gpointer                data,
                                GDestroyNotify          data_free);

/* One ICU word of a text with its normalised form (alama_arabic_normalize) and the
 * map from the normalised form back to code points of the word (map[i] is relative
 * to @start; the last entry is the word's length). */
typedef struct
{
  gint64  start;
  gint64  end;
  char   *norm;
  GArray *map;    /* gint64 */
} AlamaTaggerWord;

/* GArray of AlamaTaggerWord with a clear func. */
GArray  *_alama_tagger_words          (const char     *text,
                                       AlamaTextIndex *index);
/* Index of the first word with end > @cp, or words->len. */
guint    _alama_tagger_word_at_or_after (GArray *words,
                                         gint64  cp);

/* Speaker and claimant candidates for a document: its accepted spans whose label
 * may be a SPEAKER (PER, ORG, GPE in the default schema) and, when @gazetteer is
 * not NULL, gazetteer matches with those labels that no accepted span overlaps.
 * Sorted by start. */
GPtrArray *_alama_tagger_actor_candidates (const AlamaTaggerInput *input,
                                           AlamaGazetteer         *gazetteer,
                                           const char             *relation_type);

/* The subject of a verb at [verb_start, verb_end) inside [window_start,
 * window_end): the actor that starts within @max_words words after the verb
 * (Arabic puts the subject after the verb: وقال الكرملين), else the last actor that
 * ends before the verb in the window (بوتين قال). With @prefer_adjacent_before
 * (a verb without و/ف: a headline's "أذربيجان تتهم أرمينيا"), an actor directly in
 * front of the verb wins over one after it. After the verb, a person (PER) named
 * within @max_words words wins over an organisation or a country named before him
 * (قالت فرنسا على لسان وزيرها فلان). Actors overlapping one of @excluded
 * (AlamaFragment array, may be NULL) are not considered. Returns an index into
 * @actors or -1. */
gint     _alama_tagger_find_actor     (GPtrArray *actors,
                                       GArray    *words,
                                       gint64     verb_start,
                                       gint64     verb_end,
                                       gint64     window_start,
                                       gint64     window_end,
                                       GArray    *excluded,
                                       guint      max_words,
                                       gboolean   prefer_adjacent_before);

/* TRUE for إن/أن and their pronoun forms (أنه، أنها، إنهم ...) after normalisation. */
gboolean _alama_tagger_is_complementizer (const char *norm);

/* Strips a leading و or ف from a normalised verb when the rest is in @verbs;
 * returns the number of code points stripped (0 or 1), or -1 when the word is not
 * a verb of @verbs. */
gint     _alama_tagger_match_verb     (GHashTable *verbs,
                                       const char *norm,
                                       gpointer   *out_value);

/* Trims whitespace and final punctuation (. ، ؛ ! ؟ …) from the end, whitespace
 * from the start of [*start, *end). */
void     _alama_tagger_trim_clause    (const char     *text,
                                       AlamaTextIndex *index,
                                       gint64         *start,
                                       gint64         *end);

/* Code point offsets of the opening quotation marks in [start, end), for ending an
 * indirect quote or a claim at "the next quotation mark". Returns @end if none. */
gint64   _alama_tagger_next_quote_mark (AlamaTextIndex *index,
                                        const char     *text,
                                        gint64          start,
                                        gint64          end);

/* A set (GHashTable of char*) of the normalised forms of @words. */
GHashTable *_alama_tagger_normalized_set  (const char * const *words,
                                           guint               n_words);
/* Speech verbs (قال، أضاف، أكد ...) and their participles (مضيفاً، مشيرة), and the
 * participles alone, normalised; match a word with _alama_tagger_match_verb(). */
GHashTable *_alama_tagger_speech_verbs    (void);
GHashTable *_alama_tagger_participles     (void);

/* The closing mark of an opening quotation mark, or 0. */
gunichar  _alama_tagger_closing_mark_for  (gunichar c);
gboolean  _alama_tagger_is_line_break     (gunichar c);
/* Pairs of quotation marks as fragments [open, close] (the marks' own offsets);
 * a quotation never runs across a line break. */
GArray   *_alama_tagger_find_quotations   (const char *text);
/* Whether [start, end) touches one of @quotes (marks included). */
gboolean  _alama_tagger_inside_quotation  (GArray     *quotes,
                                           gint64      start,
                                           gint64      end);

/* The sentence that holds @cp, or the one that ends last before it; NULL if none. */
const AlamaFragment *_alama_tagger_sentence_at (GArray *sentences,
                                                gint64  cp);

/* Where a reported statement (an indirect quote, a claim) starting at @start
 * ends: the end of its sentence, carried past a quotation the sentence break
 * fell into (ICU ends a sentence at the full stop inside «... انتهى. ثم ...»), and
 * cut where a speech verb, a participle or a verb of @other_verbs begins a second
 * statement: after a comma or فيما/بينما/كما/ثم, or carrying و/ف. */
gint64   _alama_tagger_statement_end  (const AlamaTaggerInput *input,
                                       GArray                 *words,
                                       GArray                 *quotes,
                                       GArray                 *sentences,
                                       gint64                  start,
                                       GHashTable             *other_verbs);

G_END_DECLS
