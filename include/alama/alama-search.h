/* alama-search.h: corpus search over a project's documents and annotations.
 *
 * Text search ignores what an Arabic reader ignores: harakat, tatweel, alef forms
 * (أ إ آ ٱ → ا), ة/ه, ى/ي, Arabic-Indic vs Western digits (see alama-arabic.h),
 * and finds a word behind its clitic prefixes و ف ب ل ك ال (بوتين finds وبوتين;
 * the hit then covers only بوتين). A query of several words is a phrase.
 * ALAMA_SEARCH_EXACT matches the characters as typed, as whole words.
 *
 * The search uses an SQLite FTS5 index (tables search_*) in the project file,
 * brought up to date by alama_search_update_index() after documents are added
 * (alama import does it before it exits). A query never writes the index: the
 * documents not indexed yet are read directly when they are few (up to 1,000
 * documents and 8 million characters), and are left out otherwise
 * (alama_search_count_unindexed() says how many, for a note to the user).
 *
 * All offsets are code points into the document's text, end-exclusive. Results
 * are ordered by document name (natural order, as in the sidebar), then offset.
 */
#pragma once

#include <gio/gio.h>

#include "alama-store.h"
#include "alama-types.h"

G_BEGIN_DECLS

#define ALAMA_SEARCH_ERROR (alama_search_error_quark ())
GQuark alama_search_error_quark (void);

typedef enum
{
  ALAMA_SEARCH_ERROR_INVALID_QUERY, /* empty, no words, not UTF-8, a bad "name=value" */
  /* the project could not be read; names the file. A project another program
   * holds, a read-only, damaged or full one comes as that ALAMA_STORE_ERROR. */
  ALAMA_SEARCH_ERROR_FAILED,
} AlamaSearchError;

typedef enum
{
  ALAMA_SEARCH_DEFAULT = 0,
  ALAMA_SEARCH_EXACT   = 1 << 0,   /* characters as typed: no folding, no clitics */
  ALAMA_SEARCH_SCAN    = 1 << 1,   /* neither use nor update the index: read every document */
} AlamaSearchFlags;

typedef struct
{
  gint64  document_id;
  char   *document_name;
  gint64  start;           /* code points into the document's text */
  gint64  end;
  char   *text;            /* the original characters text[start:end]; for a
                            * discontinuous span, its fragments joined by " … " */
  gint64  context_start;   /* where @context begins in the document */
  char   *context;         /* the sentence(s) around the hit, or ±60 code points */
  gint64  span_id;         /* annotation hits: the span; 0 for text hits */
  char   *label;           /* annotation hits: its label; NULL for text hits */
} AlamaSearchHit;

void        alama_search_hit_free      (AlamaSearchHit *hit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlamaSearchHit, alama_search_hit_free)

/* Finds @query in the documents of @store. @limit 0 = every hit. Returns a
 * GPtrArray of AlamaSearchHit* (owned, free function set), possibly empty, or
 * NULL with @error set (G_IO_ERROR_CANCELLED when @cancellable fires). */
GPtrArray  *alama_search_text          (AlamaStore        *store,
                                        const char        *query,
                                        AlamaSearchFlags   flags,
                                        guint              limit,
                                        GCancellable      *cancellable,
                                        GError           **error);

/* One page of the hits of alama_search_text(): passes over the first @offset
 * hits (found, but no text or context is built for them) and returns up to
 * @limit (0 = all the rest). Page n of size L is offset n*L, limit L. Contexts
 * are built only for the hits returned, so a page costs about the same however
 * many hits the query has in all. */
GPtrArray  *alama_search_text_page     (AlamaStore        *store,
                                        const char        *query,
                                        AlamaSearchFlags   flags,
                                        guint              offset,
                                        guint              limit,
                                        GCancellable      *cancellable,
                                        GError           **error);

/* How many documents hold @query, cheaply: one count on the index, reading no
 * document (without a usable index, or with ALAMA_SEARCH_SCAN, every document
 * is read). With ALAMA_SEARCH_EXACT and the index the count is of the
 * documents that hold the query folded, an upper bound. -1 with @error set. */
gint64      alama_search_count_documents (AlamaStore        *store,
                                          const char        *query,
                                          AlamaSearchFlags   flags,
                                          GCancellable      *cancellable,
                                          GError           **error);

/* Which annotations (spans) to find. NULL / 0 fields do not filter. */
typedef struct
{
  const char         *label;       /* "CLAIM" */
  AlamaStatusMask     statuses;    /* 0 = all */
  const char         *source;      /* ALAMA_SOURCE_MANUAL or a tagger name */
  const char         *annotator;
  const char         *text;        /* the covered text contains it (normalised) */
  const char * const *attributes;  /* NULL-terminated "name=value": equal (normalised) */
  const char * const *related;     /* NULL-terminated "TYPE=text": the span has a relation
                                    * of TYPE (either direction) whose other end's text
                                    * contains text (normalised). "CLAIMANT=علييف" */
  guint               limit;       /* 0 = all */
} AlamaAnnotationQuery;

/* Hits of spans (span_id and label set; start/end = the span's first start and
 * last end). Same ownership as alama_search_text(). */
GPtrArray  *alama_search_annotations   (AlamaStore                 *store,
                                        const AlamaAnnotationQuery *query,
                                        GError                    **error);

/* Brings the index up to date: indexes the documents added since it last was,
 * in one savepoint (all or nothing; inside the caller's transaction if one is
 * open). Fails on a read-only project; G_IO_ERROR_CANCELLED when @cancellable
 * fires, leaving the index as it was. */
gboolean    alama_search_update_index  (AlamaStore        *store,
                                        GCancellable      *cancellable,
                                        GError           **error);

/* How many documents a text search leaves out because they are not indexed
 * yet: 0 when there are none or few enough to be read by the query itself.
 * -1 with @error set. */
gint64      alama_search_count_unindexed (AlamaStore      *store,
                                          GError         **error);

G_END_DECLS
