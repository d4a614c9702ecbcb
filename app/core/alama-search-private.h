/* alama-search-private.h: between alama-search.c and alama-search-tokenizer.c.
 *
 * The FTS5 tokenizer and the code that checks a hit must cut and normalise
 * words the same way, or a hit the index finds would be rejected (or missed).
 * Both therefore go through _alama_search_analyze().
 */
#pragma once

#include <sqlite3.h>

#include <glib.h>

G_BEGIN_DECLS

/* The name of our tokenizer in CREATE VIRTUAL TABLE ... tokenize = '...'. */
#define ALAMA_SEARCH_TOKENIZER "alama_arabic"

/* One ICU word of a text, with its normalised form. */
typedef struct
{
  gint64  start;        /* code points into the analysed text */
  gint64  end;
  gsize   byte_start;   /* UTF-8 bytes into the analysed text */
  gsize   byte_end;
  char   *norm;         /* alama_arabic_normalize() of the word, never empty */
  GArray *map;          /* gint64: code point of norm -> code point offset within the
                         * word (one extra entry at the end); NULL unless asked */
  /* What the word can be found as: forms[0] is norm itself, then each stem
   * behind clitics (بالكرملين → الكرملين, كرملين) and, where a ل stands for
   * ل + ال (للرئيس), the stem with its article restored (الرئيس).
   * form_starts[i] is where forms[i] begins in norm, in code points. */
  GPtrArray *forms;     /* char* */
  GArray    *form_starts; /* guint */
} AlamaSearchWord;

void       _alama_search_word_free   (AlamaSearchWord *word);

typedef gboolean (*AlamaSearchWordFunc) (const AlamaSearchWord *word,
                                         gpointer               user_data);

void       _alama_search_foreach_word (const char          *text,
                                       gboolean             with_maps,
                                       gboolean             with_forms,
                                       AlamaSearchWordFunc  func,
                                       gpointer             user_data);

/* The words of @text (ICU words whose normalised form is not empty), in order.
 * GPtrArray of AlamaSearchWord*. */
GPtrArray *_alama_search_analyze     (const char      *text,
                                      gboolean         with_maps);

/* ---- A document read in windows (alama-search-window.c) ---- */

/* How much of a document a search reads at a time to find where the query
 * could be. */
#define ALAMA_SEARCH_CHUNK_BYTES (256 * 1024)

/* documents.text of one document, read in pieces through an SQLite blob
 * handle; never the whole text at once. */
typedef struct _AlamaSearchReader AlamaSearchReader;

AlamaSearchReader *_alama_search_reader_open     (sqlite3           *db,
                                                   gint64             document_id);
void       _alama_search_reader_free          (AlamaSearchReader *reader);
gsize      _alama_search_reader_get_size      (AlamaSearchReader *reader);
/* TRUE once a read failed (the bytes read are then missing): the caller
 * reports sqlite3_errmsg(). */
gboolean   _alama_search_reader_failed        (AlamaSearchReader *reader);
/* Reads bytes [from, to) (clamped to the text) into @buffer, which must hold
 * to - from + 1 bytes, and ends them with a NUL. Returns how many were read. */
gsize      _alama_search_reader_read_into     (AlamaSearchReader *reader,
                                               gsize              from,
                                               gsize              to,
                                               char              *buffer);
/* The same in a new NUL-terminated buffer. */
char      *_alama_search_reader_read          (AlamaSearchReader *reader,
                                               gsize              from,
                                               gsize              to,
                                               gsize             *out_len);
/* The nearest byte offset at or before / at or after @byte where a window
 * may begin or end: the start or end of the text, or a place where ICU breaks
 * words (and sentences) the same whatever text surrounds it. */
gsize      _alama_search_reader_cut_before    (AlamaSearchReader *reader,
                                               gsize              byte);
gsize      _alama_search_reader_cut_after     (AlamaSearchReader *reader,
                                               gsize              byte);
/* Code points in @len bytes of UTF-8 that begin at a character. */
gint64     _alama_search_count_chars          (const char        *bytes,
                                               gsize              len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlamaSearchReader, _alama_search_reader_free)

/* Where in a text a query may start: a fast scan of the raw UTF-8 that never
 * misses a hit but may report places that are none. */
typedef struct _AlamaSearchAnchor AlamaSearchAnchor;

/* For ALAMA_SEARCH_EXACT: every occurrence of @raw. */
AlamaSearchAnchor *_alama_search_anchor_new_exact  (const char *raw);
/* For a folded query whose first word is @first_word (normalised). NULL when
 * the word has no letter to scan for: then every part of a text is a
 * candidate. */
AlamaSearchAnchor *_alama_search_anchor_new_folded (const char *first_word);
void       _alama_search_anchor_free          (AlamaSearchAnchor *anchor);
gboolean   _alama_search_anchor_is_exact      (const AlamaSearchAnchor *anchor);
/* Appends to @positions (gsize) the candidate byte offsets below @limit in
 * @buffer (@len bytes and a NUL; the bytes from @limit on are only looked at),
 * sorted, each once. */
void       _alama_search_anchor_find          (const AlamaSearchAnchor *anchor,
                                               const char              *buffer,
                                               gsize                    len,
                                               gsize                    limit,
                                               GArray                  *positions);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlamaSearchAnchor, _alama_search_anchor_free)

/* ---- Cuts (alama-search-cut.c) ---- */

/* Whether ICU's word (and sentence) boundaries on either side of byte @i
 * (0 < @i < @len) of the @len bytes @b are the same in any text around it. */
gboolean   _alama_search_is_cut               (const guchar      *b,
                                               gsize              len,
                                               gsize              i);

/* ---- Checkpoints of large documents (alama-search-positions.c) ---- */

/* A document of at least this many bytes gets checkpoints when it is indexed,
 * about one every ALAMA_SEARCH_CHECKPOINT_BYTES. */
#define ALAMA_SEARCH_CHECKPOINT_MIN_BYTES (1024 * 1024)
#define ALAMA_SEARCH_CHECKPOINT_BYTES     ALAMA_SEARCH_CHUNK_BYTES

/* A place in a document where a search may begin to read: a cut at the start
 * of a word that is a token of the index. */
typedef struct
{
  gint64 byte;    /* UTF-8 bytes into the text */
  gint64 cp;      /* code points into the text */
  gint64 token;   /* the index's token position of the word there */
} AlamaSearchCheckpoint;

/* Bytes [start, end) of a document, which begin at code point cp_start. */
typedef struct
{
  gsize  start;
  gsize  end;
  gint64 cp_start;
} AlamaSearchBlock;

/* Between alama_search_update_index() and the tokenizer: while a large
 * document is inserted into search_fts on this thread, the tokenizer appends
 * its checkpoints to @checkpoints (AlamaSearchCheckpoint). NULL stops. */
void       _alama_search_positions_record     (GArray            *checkpoints);
GArray    *_alama_search_positions_recording  (void);

/* Writes the checkpoints of document @document_id. An SQLite result code. */
int        _alama_search_positions_save       (sqlite3           *db,
                                               gint64             document_id,
                                               GArray            *checkpoints);

/* The parts of document @document_id (@size bytes) that hold every place
 * where the FTS5 phrase @fts begins, in order, joined where they touch; to
 * be read as a whole document is, each part from its start. NULL when the
 * document has no checkpoints or they cannot be read: then the whole document
 * is read. With @exact, a hit may begin before the word the index found
 * (raw text the query begins with), so the part before such a word's
 * checkpoint is read too. */
GArray    *_alama_search_positions_blocks     (sqlite3           *db,
                                               gint64             document_id,
                                               gsize              size,
                                               const char        *fts,
                                               gboolean           exact);

/* Registers the FTS5 function _alama_search_positions_blocks() asks with. */
int        _alama_search_positions_register   (fts5_api          *api);

/* Registers the tokenizer and the function of alama-search-positions.c on
 * @db (once per connection is enough; again is harmless). Returns an SQLite result code. */
int        _alama_search_register_tokenizer (sqlite3 *db);

G_END_DECLS
