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

/* Registers the tokenizer on @db (once per connection is enough; again is
 * harmless). Returns an SQLite result code. */
int        _alama_search_register_tokenizer (sqlite3 *db);

G_END_DECLS
