/* alama-search.c: corpus search with an FTS5 index kept in the project file.
 *
 * The index only narrows the documents down. A candidate document is then read
 * in pieces (alama-search-window.c): a fast scan of its raw UTF-8 finds where
 * the query could start, and only a window around each such place is cut into
 * words with the same analysis the tokenizer uses (_alama_search_analyze) and
 * matched word by word. The cost follows the hits, not the document's length,
 * offsets stay exact code points (harakat, emoji, CRLF), and the same matcher
 * serves a read-only project and documents not indexed yet, which are read
 * the same way.
 *
 * Tables (migrations 3 and 11, alama-store-migrations.c):
 *   search_fts        FTS5 over documents.text (external content), rowid = document id
 *   search_indexed    the ids of the documents search_fts holds
 *   search_positions  checkpoints of large documents, written with their index
 *                     rows, so that a search reads only the parts of such a
 *                     document where the index places the query
 *                     (alama-search-positions.c)
 * Documents are immutable, so a document indexed once stays right for good.
 * The index is brought up to date by whoever adds documents (alama import, the
 * workbench after an import), never by a query: a query reads the documents
 * not indexed yet itself when they are few, and leaves them out otherwise.
 *
 * Why this file is long: the index, the matcher and the two kinds of search
 * share the query model and the window reader; the review proposes a split into
 * -index, -text and -annotations (owned by the search area).
 */
#define G_LOG_DOMAIN "alama-search"

#include "config.h"

#include <inttypes.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "alama/alama-arabic.h"
#include "alama/alama-search.h"
#include "alama/alama-text.h"
#include "alama-search-private.h"
#include "alama-store-private.h"

G_DEFINE_QUARK (alama-search-error-quark, alama_search_error)

/* Context of a hit: its sentence, unless that is longer than this; then this
 * many code points either side of the hit. */
#define CONTEXT_MAX_SENTENCE 300
#define CONTEXT_AROUND       60

void
alama_search_hit_free (AlamaSearchHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->document_name);
  g_free (hit->text);
  g_free (hit->context);
  g_free (hit->label);
  g_free (hit);
}

static GPtrArray *
hits_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) alama_search_hit_free);
}

/* SQLite's failure as an error naming the file. The failures the store has a
 * code for (another program holds the lock, a read-only or damaged file, a full
 * disk) keep that code, so that the workbench can say what they mean; the rest
 * are ALAMA_SEARCH_ERROR_FAILED. */
static void
set_sqlite_error (sqlite3     *db,
                  AlamaStore  *store,
                  const char  *what,
                  GError     **error)
{
  const char *path = alama_store_get_path (store);
  const char *detail = sqlite3_errmsg (db);

  switch (sqlite3_errcode (db) & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_LOCKED,
                   /* TRANSLATORS: the file, what was being done ("updating the search index"), why. */
                   _("%s: %s: another program is writing to the project"), path, what);
      break;

    case SQLITE_READONLY:
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_READ_ONLY,
                   _("%s: %s: the project is read-only"), path, what);
      break;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_CORRUPT,
                   _("%s: %s: the file is damaged (%s)"), path, what, detail);
      break;

    case SQLITE_IOERR:
    case SQLITE_FULL:
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_IO,
                   "%s: %s: %s", path, what, detail);
      break;

    default:
      g_set_error (error, ALAMA_SEARCH_ERROR, ALAMA_SEARCH_ERROR_FAILED,
                   "%s: %s: %s", path, what, detail);
      break;
    }
}

/* ---- Documents to look at ------------------------------------------------------ */

typedef struct
{
  gint64  id;
  char   *name;
} Candidate;

static void
candidate_clear (gpointer data)
{
  Candidate *c = data;

  g_free (c->name);
}

/* The order results come in: the documents' natural name order, read from the
 * index of document_order (alama-sort-key.c) rather than worked out here. */
#define ORDER_SQL " ORDER BY sort_key, name, id"

/* Runs @stmt (bound already, ordered by ORDER_SQL) and collects its (id, name)
 * rows in that order. */
static GArray *
collect_candidates (sqlite3      *db,
                    sqlite3_stmt *stmt,
                    AlamaStore   *store,
                    GError      **error)
{
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  int rc;

  g_array_set_clear_func (candidates, candidate_clear);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Candidate c;
      const char *name = (const char *) sqlite3_column_text (stmt, 1);

      c.id = sqlite3_column_int64 (stmt, 0);
      c.name = g_strdup (name != NULL ? name : "");
      g_array_append_val (candidates, c);
    }
  if (rc != SQLITE_DONE)
    {
      /* TRANSLATORS: what was being done when SQLite failed: "FILE: listing documents: why". */
      set_sqlite_error (db, store, _("listing documents"), error);
      return NULL;
    }

  return g_steal_pointer (&candidates);
}

/* ---- The index ----------------------------------------------------------------- */

/* Documents are indexed in id order and index rows are never removed: a
 * deleted document's rows only come back to use when redo restores it, with
 * the same id and the same text, and queries join search_fts with documents.
 * Ids are AUTOINCREMENT, so every document added since the index was last
 * brought up to date has a larger id than any it holds: the documents not
 * indexed yet are exactly those above max(search_indexed), a range. */
#define UNINDEXED_SQL "id > (SELECT coalesce (max (document_id), 0) FROM search_indexed)"

/* A query reads documents not indexed yet itself when they are this few and
 * this small; beyond that it leaves them out and says so
 * (alama_search_count_unindexed()). */
#define READ_UNINDEXED_MAX_DOCUMENTS 1000
#define READ_UNINDEXED_MAX_CHARS     (8 * 1000 * 1000)

/* Fails with SQLite's own message, read before the statements are finalized
 * (after that it would say "not an error"). */
static gboolean
index_documents (sqlite3       *db,
                 AlamaStore    *store,
                 GCancellable  *cancellable,
                 GError       **error)
{
  sqlite3_stmt *select = NULL, *insert_fts = NULL, *insert_id = NULL;
  g_autoptr(GArray) checkpoints = g_array_new (FALSE, FALSE, sizeof (AlamaSearchCheckpoint));
  gboolean ok, large;
  int rc = SQLITE_DONE;

  ok = sqlite3_prepare_v2 (db, "SELECT id, text FROM documents WHERE " UNINDEXED_SQL
                           " ORDER BY id", -1, &select, NULL) == SQLITE_OK &&
       sqlite3_prepare_v2 (db, "INSERT INTO search_fts (rowid, text) VALUES (?1, ?2)", -1,
                           &insert_fts, NULL) == SQLITE_OK &&
       sqlite3_prepare_v2 (db, "INSERT OR IGNORE INTO search_indexed (document_id) VALUES (?1)",
                           -1, &insert_id, NULL) == SQLITE_OK;

  while (ok && (rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (select, 0);

      if (g_cancellable_is_cancelled (cancellable))
        {
          ok = FALSE;
          break;
        }
      large = sqlite3_column_bytes (select, 1) >= ALAMA_SEARCH_CHECKPOINT_MIN_BYTES;
      sqlite3_bind_int64 (insert_fts, 1, id);
      sqlite3_bind_value (insert_fts, 2, sqlite3_column_value (select, 1));
      sqlite3_bind_int64 (insert_id, 1, id);
      /* The tokenizer records a large document's checkpoints as it indexes it. */
      if (large)
        {
          g_array_set_size (checkpoints, 0);
          _alama_search_positions_record (checkpoints);
        }
      ok = sqlite3_step (insert_fts) == SQLITE_DONE;
      _alama_search_positions_record (NULL);
      ok = ok && sqlite3_step (insert_id) == SQLITE_DONE &&
           (!large || _alama_search_positions_save (db, id, checkpoints) == SQLITE_OK);
      sqlite3_reset (insert_fts);
      sqlite3_reset (insert_id);
    }
  if (ok && rc != SQLITE_DONE)
    ok = FALSE;
  if (!ok && !g_cancellable_set_error_if_cancelled (cancellable, error))
    set_sqlite_error (db, store, _("updating the search index"), error);
  sqlite3_finalize (select);
  sqlite3_finalize (insert_fts);
  sqlite3_finalize (insert_id);

  return ok;
}

/* FTS5 writes what it indexes as segments and merges them as they pile up,
 * by default 4 of a level into one of the next: each term is written again
 * at every level, and on tens of thousands of documents that costs as much
 * as the tokenizer. Merging 8 at a time writes each term about half as
 * often; a query reads a few more segments, which costs it little. (A
 * larger in-memory batch, 'hashsize', saves instructions too but costs more
 * time than it saves: its hash table no longer fits in the cache.) FTS5
 * keeps the setting in the index (search_fts_config), so it also holds for
 * what later imports add; written again on every update that indexes
 * something, which costs nothing next to the indexing. */
static gboolean
tune_index_writes (sqlite3 *db)
{
  return sqlite3_exec (db, "INSERT INTO search_fts (search_fts, rank) VALUES ('automerge', 8)",
                       NULL, NULL, NULL) == SQLITE_OK;
}

/* How many documents are not indexed yet, and their length in code points. */
static gboolean
count_unindexed (sqlite3 *db,
                 gint64  *n_documents,
                 gint64  *n_chars)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (sqlite3_prepare_v2 (db, "SELECT count(*), coalesce (sum (length_cp), 0) FROM documents "
                          "WHERE " UNINDEXED_SQL, -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *n_documents = sqlite3_column_int64 (stmt, 0);
      *n_chars = sqlite3_column_int64 (stmt, 1);
      ok = TRUE;
    }
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
unindexed_are_few (gint64 n_documents,
                   gint64 n_chars)
{
  return n_documents <= READ_UNINDEXED_MAX_DOCUMENTS && n_chars <= READ_UNINDEXED_MAX_CHARS;
}

gboolean
alama_search_update_index (AlamaStore    *store,
                           GCancellable  *cancellable,
                           GError       **error)
{
  sqlite3 *db;
  gint64 n_documents = 0, n_chars = 0;
  gboolean own_transaction;

  g_return_val_if_fail (ALAMA_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  db = _alama_store_get_db (store);
  if (alama_store_is_read_only (store))
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_READ_ONLY,
                   _("%s is read-only: the search index cannot be updated"),
                   alama_store_get_path (store));
      return FALSE;
    }
  if (!count_unindexed (db, &n_documents, &n_chars))
    {
      set_sqlite_error (db, store, _("updating the search index"), error);
      return FALSE;
    }
  if (n_documents == 0)
    return TRUE;   /* an up-to-date index costs a query, not a write */

  /* Alone, one transaction that takes the write lock first: a deferred one
   * that had read could not become a writer once another process committed
   * (SQLITE_BUSY at once, no waiting). Inside the store's own transaction, a
   * savepoint. A failure leaves the file as it was. */
  own_transaction = sqlite3_get_autocommit (db) != 0;
  if (sqlite3_exec (db, own_transaction ? "BEGIN IMMEDIATE" : "SAVEPOINT alama_search_index",
                    NULL, NULL, NULL) != SQLITE_OK)
    {
      set_sqlite_error (db, store, _("updating the search index"), error);
      return FALSE;
    }

  if (!tune_index_writes (db))
    set_sqlite_error (db, store, _("updating the search index"), error);
  else if (index_documents (db, store, cancellable, error))
    {
      if (sqlite3_exec (db, own_transaction ? "COMMIT" : "RELEASE alama_search_index",
                        NULL, NULL, NULL) == SQLITE_OK)
        return TRUE;
      set_sqlite_error (db, store, _("saving the search index"), error);
    }
  if (own_transaction)
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  else
    {
      sqlite3_exec (db, "ROLLBACK TO alama_search_index", NULL, NULL, NULL);
      sqlite3_exec (db, "RELEASE alama_search_index", NULL, NULL, NULL);
    }
  return FALSE;
}

gint64
alama_search_count_unindexed (AlamaStore  *store,
                              GError     **error)
{
  sqlite3 *db;
  gint64 n_documents = 0, n_chars = 0;

  g_return_val_if_fail (ALAMA_IS_STORE (store), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  db = _alama_store_get_db (store);
  if (!count_unindexed (db, &n_documents, &n_chars))
    {
      set_sqlite_error (db, store, _("counting the documents not indexed yet"), error);
      return -1;
    }
  return unindexed_are_few (n_documents, n_chars) ? 0 : n_documents;
}

/* ---- Queries --------------------------------------------------------------------- */

typedef struct
{
  char             *raw;     /* as typed, trimmed */
  GPtrArray        *words;   /* char*: normalised query words */
  AlamaSearchFlags  flags;
  char             *fts;     /* the FTS5 query; NULL: the index is not used */
} Query;

static void
query_clear (Query *q)
{
  g_clear_pointer (&q->raw, g_free);
  g_clear_pointer (&q->words, g_ptr_array_unref);
  g_clear_pointer (&q->fts, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Query, query_clear)

static gboolean
query_compile (Query             *q,
               const char        *query,
               AlamaSearchFlags   flags,
               GError           **error)
{
  g_autoptr(GPtrArray) analysed = NULL;

  if (!g_utf8_validate (query, -1, NULL))
    {
      g_set_error (error, ALAMA_SEARCH_ERROR, ALAMA_SEARCH_ERROR_INVALID_QUERY,
                   _("the search query is not valid UTF-8"));
      return FALSE;
    }

  q->flags = flags;
  q->raw = g_strstrip (g_strdup (query));
  q->words = g_ptr_array_new_with_free_func (g_free);
  if (*q->raw == '\0')
    {
      g_set_error (error, ALAMA_SEARCH_ERROR, ALAMA_SEARCH_ERROR_INVALID_QUERY,
                   _("the search query is empty"));
      return FALSE;
    }

  analysed = _alama_search_analyze (q->raw, FALSE);
  for (guint i = 0; i < analysed->len; i++)
    {
      AlamaSearchWord *word = g_ptr_array_index (analysed, i);

      g_ptr_array_add (q->words, g_steal_pointer (&word->norm));
    }

  if (q->words->len == 0 && !(flags & ALAMA_SEARCH_EXACT))
    {
      g_set_error (error, ALAMA_SEARCH_ERROR, ALAMA_SEARCH_ERROR_INVALID_QUERY,
                   _("the search query “%s” has no words to look for"), q->raw);
      return FALSE;
    }

  return TRUE;
}

/* The FTS5 query: the whole query as one phrase, which FTS5 passes through our
 * tokenizer. Double quotes inside are doubled, so nothing the user types is
 * read as FTS5 syntax. */
static char *
query_to_fts (const Query *q)
{
  GString *fts = g_string_new ("\"");

  for (guint i = 0; i < q->words->len; i++)
    {
      const char *w = g_ptr_array_index (q->words, i);

      if (i > 0)
        g_string_append_c (fts, ' ');
      for (const char *p = w; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (fts, '"');
          g_string_append_c (fts, *p);
        }
    }
  g_string_append_c (fts, '"');

  return g_string_free (fts, FALSE);
}

/* ---- Contexts ----------------------------------------------------------------------- */

/* The sentence(s) holding [start, end) of @index's text, or a window around it.
 *
 * ICU's sentence iterator runs only over CONTEXT_MAX_SENTENCE code points
 * either side of the hit, not over the whole document (that was most of the
 * cost of a hit in a long document). This gives the same answer: a sentence
 * the window cuts short at its edge reaches at least CONTEXT_MAX_SENTENCE
 * code points from the hit, so the hit's context would be longer than
 * CONTEXT_MAX_SENTENCE either way and falls back to the ±CONTEXT_AROUND window.
 * So @index may hold only that much of the document around the hit. */
static void
context_in (AlamaTextIndex *index,
            gint64          start,
            gint64          end,
            gint64         *out_start,
            gint64         *out_end)
{
  gint64 length = alama_text_index_get_length (index);
  gint64 ws = MAX (0, start - CONTEXT_MAX_SENTENCE);
  gint64 we = MIN (length, end + CONTEXT_MAX_SENTENCE);
  g_autofree char *window = alama_text_index_substring (index, ws, we);
  g_autoptr(GArray) sentences = alama_text_sentences (window);
  gint64 cs = -1, ce = -1;

  for (guint i = 0; i < sentences->len; i++)
    {
      const AlamaFragment *f = &g_array_index (sentences, AlamaFragment, i);
      gint64 s_start = ws + f->start;
      gint64 s_end = ws + f->end;

      if (cs < 0 && s_end > start)
        cs = MIN (s_start, start);
      if (s_start < end)
        ce = MAX (s_end, end);
    }

  if (cs < 0 || ce < 0 || ce - cs > CONTEXT_MAX_SENTENCE)
    {
      cs = MAX (0, start - CONTEXT_AROUND);
      ce = MIN (length, end + CONTEXT_AROUND);
    }

  *out_start = cs;
  *out_end = ce;
}

/* A hit at [start, end) of @index's text, which begins at code point @base of
 * the document. */
static AlamaSearchHit *
make_hit (const Candidate *candidate,
          AlamaTextIndex  *index,
          gint64           base,
          gint64           start,
          gint64           end)
{
  AlamaSearchHit *hit = g_new0 (AlamaSearchHit, 1);
  gint64 cs, ce;

  hit->document_id = candidate->id;
  hit->document_name = g_strdup (candidate->name);
  hit->start = base + start;
  hit->end = base + end;
  hit->text = alama_text_index_substring (index, start, end);
  context_in (index, start, end, &cs, &ce);
  hit->context_start = base + cs;
  hit->context = alama_text_index_substring (index, cs, ce);

  return hit;
}

/* A document whose whole text is at hand (annotation search). */
typedef struct
{
  const Candidate *candidate;
  const char      *text;
  AlamaTextIndex  *index;
} Doc;

static void
doc_clear (Doc *doc)
{
  g_clear_pointer (&doc->index, alama_text_index_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Doc, doc_clear)

static AlamaSearchHit *
doc_make_hit (Doc    *doc,
              gint64  start,
              gint64  end)
{
  return make_hit (doc->candidate, doc->index, 0, start, end);
}

static gboolean
hits_full (GPtrArray *hits,
           guint      limit)
{
  return limit > 0 && hits->len >= limit;
}

/* ---- Matching one document, window by window -------------------------------------- */

/* A window reaches this many bytes past the place the scan found, more when
 * a phrase runs on past its end; without an anchor, windows are this wide. */
#define WINDOW_AFTER   2048
#define WINDOW_WIDE    (64 * 1024)

/* A hit's context is at most CONTEXT_MAX_SENTENCE code points either side of
 * it, 4 bytes each at most, plus a character cut at either end. */
#define CONTEXT_BYTES  (4 * CONTEXT_MAX_SENTENCE + 4)

/* One document being matched. The document is read chunk by chunk; the code
 * point offset of one byte offset in the current chunk is kept and moved on,
 * so each byte before a hit is counted once. */
typedef struct
{
  const Query             *q;
  const AlamaSearchAnchor *anchor;      /* NULL: every window is read */
  const Candidate         *candidate;
  AlamaSearchReader       *reader;
  GPtrArray               *hits;
  guint                    limit;
  guint                    n_skip;      /* hits still to pass over (paging) before making any */
  gsize                    next_free;   /* no hit starts before this byte: it is matched */
  const char              *chunk;       /* the bytes from chunk_start on */
  gsize                    chunk_start;
  gsize                    known_byte;  /* within the chunk, at or after chunk_start */
  gint64                   known_cp;    /* its code point offset */
} Scan;

typedef struct
{
  gsize   start;      /* bytes into the document, at cuts */
  gsize   end;
  char   *text;
  gsize   len;
  gint64  cp_start;   /* code points before it */
} Window;

static void
window_clear (Window *window)
{
  g_clear_pointer (&window->text, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Window, window_clear)

/* The code point offset of @w->start: counted on from the known byte through
 * the chunk, or back from it through the window. */
static gint64
scan_cp_at (Scan         *scan,
            const Window *w)
{
  if (w->start >= scan->known_byte)
    {
      scan->known_cp += _alama_search_count_chars (scan->chunk +
                                                   (scan->known_byte - scan->chunk_start),
                                                   w->start - scan->known_byte);
      scan->known_byte = w->start;
      return scan->known_cp;
    }
  return scan->known_cp - _alama_search_count_chars (w->text, scan->known_byte - w->start);
}

/* Adds the hit [start, end) (code points; bytes [byte_start, byte_end)) unless
 * the page has not begun yet (then it only counts it). Its text and context
 * are read from the bytes around it. */
static void
scan_add_hit (Scan   *scan,
              gint64  start,
              gint64  end,
              gsize   byte_start,
              gsize   byte_end)
{
  g_autofree char *bytes = NULL;
  g_autoptr(AlamaTextIndex) index = NULL;
  const char *text, *valid_end = NULL;
  gsize from, len, skip = 0;
  gint64 local_start;

  if (scan->n_skip > 0)
    {
      scan->n_skip--;
      return;
    }

  from = byte_start > CONTEXT_BYTES ? byte_start - CONTEXT_BYTES : 0;
  bytes = _alama_search_reader_read (scan->reader, from, byte_end + CONTEXT_BYTES, &len);
  /* Begin and end at whole characters. */
  while (skip < len && ((guchar) bytes[skip] & 0xC0) == 0x80)
    skip++;
  text = bytes + skip;
  g_utf8_validate_len (text, len - skip, &valid_end);
  *(char *) valid_end = '\0';

  index = alama_text_index_new (text);
  local_start = _alama_search_count_chars (text, byte_start - from - skip);
  g_ptr_array_add (scan->hits,
                   make_hit (scan->candidate, index, start - local_start, local_start,
                             local_start + (end - start)));
}

/* Whether document word @w matches normalised query word @q, as a whole or
 * behind clitics. Returns the length of the clitic prefix, or -1. */
static int
word_match (const AlamaSearchWord *w,
            const char            *q)
{
  for (guint f = 0; f < w->forms->len; f++)
    if (strcmp (g_ptr_array_index (w->forms, f), q) == 0)
      return (int) g_array_index (w->form_starts, guint, f);
  return -1;
}

/* How many original code points of @word the first @prefix code points of its
 * normalised form come from (a vocalised وَ is two). */
static gint64
clitic_length (const char            *text,
               const AlamaSearchWord *word,
               int                    prefix)
{
  g_autofree char *original = NULL;
  g_autofree char *norm = NULL;
  g_autoptr(GArray) map = NULL;

  if (prefix == 0)
    return 0;
  original = g_strndup (text + word->byte_start, word->byte_end - word->byte_start);
  norm = alama_arabic_normalize (original, ALAMA_ARABIC_FOLD_DEFAULT, &map);
  return g_array_index (map, gint64, prefix);
}

/* Matches the words of @w that start at or after scan->next_free, in order,
 * a hit taking all the words of the phrase. Moves next_free to where the
 * window stops deciding: its end, or a word that begins a phrase the window
 * cuts short. */
static void
match_folded (Scan         *scan,
              const Window *w)
{
  const Query *q = scan->q;
  gsize size = _alama_search_reader_get_size (scan->reader);
  g_autoptr(GPtrArray) words = _alama_search_analyze (w->text, FALSE);
  guint n = q->words->len;
  guint i = 0;

  while (i < words->len && w->start + ((AlamaSearchWord *) words->pdata[i])->byte_start <
                           scan->next_free)
    i++;

  while (i < words->len && !hits_full (scan->hits, scan->limit))
    {
      const AlamaSearchWord *first = g_ptr_array_index (words, i);
      const AlamaSearchWord *last;
      int prefix = word_match (first, g_ptr_array_index (q->words, 0));
      gboolean all = prefix >= 0;
      gint64 clitic;

      if (!all)
        {
          i++;
          continue;
        }
      if (i + n > words->len)
        {
          if (w->end < size)
            {
              scan->next_free = w->start + first->byte_start;
              return;
            }
          break;
        }

      /* Later words of a phrase may carry clitics too (بوتين والكرملين). */
      for (guint k = 1; all && k < n; k++)
        all = word_match (g_ptr_array_index (words, i + k), g_ptr_array_index (q->words, k)) >= 0;
      if (!all)
        {
          i++;
          continue;
        }

      /* The hit covers the stem only: skip the clitics, in original code points
       * (a vocalised و َ is two of them). */
      last = g_ptr_array_index (words, i + n - 1);
      clitic = clitic_length (w->text, first, prefix);
      scan_add_hit (scan, w->cp_start + first->start + clitic, w->cp_start + last->end,
                    w->start + (gsize) (g_utf8_offset_to_pointer (w->text + first->byte_start,
                                                                  clitic) - w->text),
                    w->start + last->byte_end);
      i += n;
      scan->next_free = w->start + last->byte_end;
    }
  scan->next_free = MAX (scan->next_free, w->end);
}

static gboolean
in_sorted (GArray *values,
           gint64  value)
{
  guint lo = 0, hi = values->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      gint64 v = g_array_index (values, gint64, mid);

      if (v == value)
        return TRUE;
      if (v < value)
        lo = mid + 1;
      else
        hi = mid;
    }
  return FALSE;
}

/* The query as typed, at whole words only: a hit starts where a token starts
 * and ends where one ends, so بوتين does not match inside وبوتين. */
static void
match_exact (Scan         *scan,
             const Window *w)
{
  const Query *q = scan->q;
  gsize size = _alama_search_reader_get_size (scan->reader);
  gsize raw_len = strlen (q->raw);
  g_autoptr(GArray) tokens = NULL;
  g_autoptr(GArray) starts = NULL;
  g_autoptr(GArray) ends = NULL;
  g_autoptr(AlamaTextIndex) index = NULL;
  const char *p;

  p = strstr (w->text + (scan->next_free > w->start ? scan->next_free - w->start : 0), q->raw);
  if (p != NULL)
    {
      tokens = alama_text_words (w->text, TRUE);
      starts = g_array_sized_new (FALSE, FALSE, sizeof (gint64), tokens->len);
      ends = g_array_sized_new (FALSE, FALSE, sizeof (gint64), tokens->len);
      for (guint i = 0; i < tokens->len; i++)
        {
          g_array_append_val (starts, g_array_index (tokens, AlamaFragment, i).start);
          g_array_append_val (ends, g_array_index (tokens, AlamaFragment, i).end);
        }
      index = alama_text_index_new (w->text);
    }

  for (; p != NULL && !hits_full (scan->hits, scan->limit); p = strstr (p, q->raw))
    {
      gsize byte = (gsize) (p - w->text);
      gint64 start = alama_text_index_byte_to_cp (index, byte);
      gint64 end = alama_text_index_byte_to_cp (index, byte + raw_len);

      if (in_sorted (starts, start) && in_sorted (ends, end))
        {
          scan_add_hit (scan, w->cp_start + start, w->cp_start + end, w->start + byte,
                        w->start + byte + raw_len);
          p += raw_len;
          scan->next_free = w->start + byte + raw_len;
        }
      else
        {
          p = g_utf8_next_char (p);
        }
    }

  /* An occurrence that begins in the last raw_len - 1 bytes runs past the end. */
  if (w->end >= size)
    scan->next_free = size;
  else if (w->end - w->start >= raw_len)
    scan->next_free = MAX (scan->next_free, w->end - raw_len + 1);
}

/* Matches a window around byte @p: from the cut before it to the cut after
 * @p + @span. */
static void
scan_window (Scan  *scan,
             gsize  p,
             gsize  span)
{
  g_auto(Window) w = { 0, };

  w.start = _alama_search_reader_cut_before (scan->reader, p);
  w.end = _alama_search_reader_cut_after (scan->reader, p + span);
  w.text = _alama_search_reader_read (scan->reader, w.start, w.end, &w.len);
  if (_alama_search_reader_failed (scan->reader))
    return;
  w.cp_start = scan_cp_at (scan, &w);

  if (scan->q->flags & ALAMA_SEARCH_EXACT)
    match_exact (scan, &w);
  else
    match_folded (scan, &w);
}

/* Decides every hit that may start at byte @p, widening the window while a
 * phrase runs on past its end. */
static void
scan_at (Scan  *scan,
         gsize  p,
         gsize  span)
{
  while (p >= scan->next_free && !hits_full (scan->hits, scan->limit) &&
         !_alama_search_reader_failed (scan->reader))
    {
      gsize before = scan->next_free;

      scan_window (scan, p, span);
      if (scan->next_free == before)
        span *= 4;
    }
}

/* Finds the hits that begin in bytes [scan->known_byte, @end), chunk by
 * chunk, into @chunk (ALAMA_SEARCH_CHUNK_BYTES + @overlap + 1 bytes). */
static gboolean
scan_range (Scan   *scan,
            gsize   end,
            char   *chunk,
            gsize   overlap,
            GArray *positions)
{
  for (gsize start = scan->known_byte; start < end && !hits_full (scan->hits, scan->limit);
       start += ALAMA_SEARCH_CHUNK_BYTES)
    {
      gsize chunk_len = MIN (ALAMA_SEARCH_CHUNK_BYTES, end - start);
      gsize len = _alama_search_reader_read_into (scan->reader, start, start + chunk_len + overlap,
                                                  chunk);

      if (_alama_search_reader_failed (scan->reader))
        return FALSE;
      scan->chunk_start = start;

      if (scan->anchor == NULL)
        {
          while (scan->next_free < start + chunk_len && !hits_full (scan->hits, scan->limit) &&
                 !_alama_search_reader_failed (scan->reader))
            scan_at (scan, scan->next_free, WINDOW_WIDE);
        }
      else
        {
          g_array_set_size (positions, 0);
          _alama_search_anchor_find (scan->anchor, chunk, len, chunk_len, positions);
          for (guint i = 0; i < positions->len && !hits_full (scan->hits, scan->limit); i++)
            scan_at (scan, start + g_array_index (positions, gsize, i), WINDOW_AFTER);
        }
      if (_alama_search_reader_failed (scan->reader))
        return FALSE;

      scan->known_cp += _alama_search_count_chars (chunk + (scan->known_byte - start),
                                                   start + chunk_len - scan->known_byte);
      scan->known_byte = start + chunk_len;
    }
  return TRUE;
}

/* Finds the hits of the document, chunk by chunk: of all of it, or of
 * @blocks (AlamaSearchBlock, in order) when the index says the rest holds
 * none. FALSE when it could not be read (sqlite3_errmsg() says why). */
static gboolean
scan_document (Scan   *scan,
               GArray *blocks)
{
  gsize size = _alama_search_reader_get_size (scan->reader);
  /* Bytes past the chunk: a candidate near its end is checked against them,
   * and an exact query is found across the chunk's end. */
  gsize overlap = (scan->q->flags & ALAMA_SEARCH_EXACT) ? strlen (scan->q->raw) : 64;
  g_autofree char *chunk = g_malloc (ALAMA_SEARCH_CHUNK_BYTES + overlap + 1);
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (gsize));
  AlamaSearchBlock whole = { 0, size, 0 };
  guint n_blocks = blocks != NULL ? blocks->len : 1;

  scan->chunk = chunk;
  scan->known_byte = 0;
  scan->known_cp = 0;
  scan->next_free = 0;

  for (guint b = 0; b < n_blocks && !hits_full (scan->hits, scan->limit); b++)
    {
      const AlamaSearchBlock *block = blocks != NULL ? &g_array_index (blocks, AlamaSearchBlock, b)
                                                     : &whole;

      /* What comes before a block holds no hit: matching resumes at its
       * checkpoint (or where the block before it stopped deciding). */
      scan->known_byte = block->start;
      scan->known_cp = block->cp_start;
      scan->next_free = MAX (scan->next_free, block->start);
      if (!scan_range (scan, block->end, chunk, overlap, positions))
        return FALSE;
    }
  return TRUE;
}

/* The scan's anchor for @q; NULL when the query word has nothing to scan for
 * (then every window of a document is read). */
static AlamaSearchAnchor *
query_anchor (const Query *q)
{
  if (q->flags & ALAMA_SEARCH_EXACT)
    return _alama_search_anchor_new_exact (q->raw);
  return _alama_search_anchor_new_folded (g_ptr_array_index (q->words, 0));
}

/* Matches @q in document @candidate, adding up to @limit hits (after passing
 * over *n_skip, which it counts down). */
static gboolean
match_document (AlamaStore               *store,
                sqlite3                  *db,
                const Query              *q,
                const AlamaSearchAnchor  *anchor,
                const Candidate          *candidate,
                GPtrArray                *hits,
                guint                     limit,
                guint                    *n_skip,
                GError                  **error)
{
  g_autoptr(AlamaSearchReader) reader = _alama_search_reader_open (db, candidate->id);
  g_autoptr(GArray) blocks = NULL;
  Scan scan = { 0, };

  scan.q = q;
  scan.anchor = anchor;
  scan.candidate = candidate;
  scan.reader = reader;
  scan.hits = hits;
  scan.limit = limit;
  scan.n_skip = n_skip != NULL ? *n_skip : 0;
  if (reader != NULL && q->fts != NULL &&
      _alama_search_reader_get_size (reader) >= ALAMA_SEARCH_CHECKPOINT_MIN_BYTES)
    blocks = _alama_search_positions_blocks (db, candidate->id, _alama_search_reader_get_size (reader),
                                             q->fts, (q->flags & ALAMA_SEARCH_EXACT) != 0);
  if (reader == NULL || !scan_document (&scan, blocks))
    {
      g_set_error (error, ALAMA_SEARCH_ERROR, ALAMA_SEARCH_ERROR_FAILED,
                   _("%s: document %" PRId64 " could not be read: %s"),
                   alama_store_get_path (store), candidate->id, sqlite3_errmsg (db));
      return FALSE;
    }
  if (n_skip != NULL)
    *n_skip = scan.n_skip;
  return TRUE;
}

/* ---- Text search -------------------------------------------------------------------- */

/* The documents to match: those the index picks plus, when few, those not
 * indexed yet (read directly; *n_direct says how many of them there are, as
 * they are not known to hold the query); or every document. */
static GArray *
find_candidates (AlamaStore   *store,
                 sqlite3      *db,
                 const Query  *q,
                 gboolean      use_index,
                 GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *fts = NULL;
  GArray *candidates;
  const char *sql;
  gint64 n_documents = 0, n_chars = 0;

  if (use_index && !count_unindexed (db, &n_documents, &n_chars))
    {
      set_sqlite_error (db, store, _("searching"), error);
      return NULL;
    }

  if (!use_index)
    sql = "SELECT id, name FROM document_order" ORDER_SQL;
  else if (n_documents > 0 && unindexed_are_few (n_documents, n_chars))
    sql = "SELECT id, name FROM document_order "
          "WHERE id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ?1) "
          "OR " UNINDEXED_SQL ORDER_SQL;
  else
    sql = "SELECT id, name FROM document_order "
          "WHERE id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ?1)" ORDER_SQL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_sqlite_error (db, store, _("searching"), error);
      return NULL;
    }
  if (use_index)
    {
      fts = query_to_fts (q);
      sqlite3_bind_text (stmt, 1, fts, -1, SQLITE_STATIC);
    }

  candidates = collect_candidates (db, stmt, store, error);
  sqlite3_finalize (stmt);

  return candidates;
}

/* Compiles @query and decides whether the index can be used. A query never
 * writes the index: documents not indexed yet are read directly when few, or
 * left out (alama_search_count_unindexed() says how many). */
static gboolean
prepare_text_search (Query             *q,
                     const char        *query,
                     AlamaSearchFlags   flags,
                     gboolean          *use_index,
                     GError           **error)
{
  *use_index = FALSE;
  if (!query_compile (q, query, flags, error))
    return FALSE;

  /* The index helps only when the query has words for it to look up. */
  *use_index = !(flags & ALAMA_SEARCH_SCAN) && q->words->len > 0;
  if (*use_index)
    q->fts = query_to_fts (q);
  return TRUE;
}

GPtrArray *
alama_search_text_page (AlamaStore        *store,
                        const char        *query,
                        AlamaSearchFlags   flags,
                        guint              offset,
                        guint              limit,
                        GCancellable      *cancellable,
                        GError           **error)
{
  g_auto(Query) q = { 0, };
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GArray) candidates = NULL;
  g_autoptr(AlamaSearchAnchor) anchor = NULL;
  gboolean use_index = FALSE;
  guint n_skip = offset;
  sqlite3 *db;

  g_return_val_if_fail (ALAMA_IS_STORE (store), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  db = _alama_store_get_db (store);
  if (!prepare_text_search (&q, query, flags, &use_index, error))
    return NULL;

  candidates = find_candidates (store, db, &q, use_index, error);
  if (candidates == NULL)
    return NULL;

  anchor = query_anchor (&q);
  hits = hits_new ();
  for (guint i = 0; i < candidates->len && !hits_full (hits, limit); i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !match_document (store, db, &q, anchor, &g_array_index (candidates, Candidate, i),
                           hits, limit, &n_skip, error))
        return NULL;
    }

  return g_steal_pointer (&hits);
}

GPtrArray *
alama_search_text (AlamaStore        *store,
                   const char        *query,
                   AlamaSearchFlags   flags,
                   guint              limit,
                   GCancellable      *cancellable,
                   GError           **error)
{
  return alama_search_text_page (store, query, flags, 0, limit, cancellable, error);
}

/* How many of @candidates hold the query, reading each one. */
static gint64
count_by_reading (AlamaStore    *store,
                  sqlite3       *db,
                  const Query   *q,
                  GArray        *candidates,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(AlamaSearchAnchor) anchor = query_anchor (q);
  gint64 count = 0;

  for (guint i = 0; i < candidates->len; i++)
    {
      g_autoptr(GPtrArray) hits = hits_new ();

      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !match_document (store, db, q, anchor, &g_array_index (candidates, Candidate, i),
                           hits, 1, NULL, error))
        return -1;
      if (hits->len > 0)
        count++;
    }
  return count;
}

gint64
alama_search_count_documents (AlamaStore        *store,
                              const char        *query,
                              AlamaSearchFlags   flags,
                              GCancellable      *cancellable,
                              GError           **error)
{
  g_auto(Query) q = { 0, };
  g_autoptr(GArray) direct = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *fts = NULL;
  gboolean use_index = FALSE;
  gint64 count = -1, n_documents = 0, n_chars = 0, n_direct;
  sqlite3 *db;

  g_return_val_if_fail (ALAMA_IS_STORE (store), -1);
  g_return_val_if_fail (query != NULL, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  db = _alama_store_get_db (store);
  if (!prepare_text_search (&q, query, flags, &use_index, error))
    return -1;

  if (!use_index)
    {
      /* No usable index: read every document (the slow path of a search too). */
      g_autoptr(GArray) candidates = find_candidates (store, db, &q, FALSE, error);

      return candidates != NULL
             ? count_by_reading (store, db, &q, candidates, cancellable, error) : -1;
    }

  if (!count_unindexed (db, &n_documents, &n_chars))
    {
      set_sqlite_error (db, store, _("counting search results"), error);
      return -1;
    }
  if (n_documents > 0 && unindexed_are_few (n_documents, n_chars))
    {
      if (sqlite3_prepare_v2 (db, "SELECT id, name FROM document_order WHERE " UNINDEXED_SQL ORDER_SQL, -1,
                              &stmt, NULL) != SQLITE_OK)
        {
          set_sqlite_error (db, store, _("counting search results"), error);
          return -1;
        }
      direct = collect_candidates (db, stmt, store, error);
      sqlite3_finalize (stmt);
      if (direct == NULL)
        return -1;
    }
  n_direct = direct != NULL ? count_by_reading (store, db, &q, direct, cancellable, error) : 0;
  if (n_direct < 0)
    return -1;

  if (sqlite3_prepare_v2 (db, "SELECT count(*) FROM document_order WHERE id IN "
                          "(SELECT rowid FROM search_fts WHERE search_fts MATCH ?1)", -1,
                          &stmt, NULL) != SQLITE_OK)
    {
      set_sqlite_error (db, store, _("counting search results"), error);
      return -1;
    }
  fts = query_to_fts (&q);
  sqlite3_bind_text (stmt, 1, fts, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0) + n_direct;
  else
    set_sqlite_error (db, store, _("counting search results"), error);
  sqlite3_finalize (stmt);

  return count;
}

/* ---- Annotation search ------------------------------------------------------------------ */

typedef struct
{
  char *key;
  char *norm_value;
} Pair;

static void
pair_clear (gpointer data)
{
  Pair *pair = data;

  g_free (pair->key);
  g_free (pair->norm_value);
}

/* Parses "key=value" strings into pairs with a normalised value. */
static GArray *
parse_pairs (const char * const  *strv,
             const char          *what,
             GError             **error)
{
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (Pair));

  g_array_set_clear_func (pairs, pair_clear);

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    {
      const char *eq = strchr (strv[i], '=');
      Pair pair;

      if (!g_utf8_validate (strv[i], -1, NULL) || eq == NULL || eq == strv[i])
        {
          g_set_error (error, ALAMA_SEARCH_ERROR, ALAMA_SEARCH_ERROR_INVALID_QUERY,
                       _("%s “%s” is not of the form NAME=VALUE"), what,
                       g_utf8_validate (strv[i], -1, NULL) ? strv[i] : _("(not UTF-8)"));
          return NULL;
        }
      pair.key = g_strndup (strv[i], (gsize) (eq - strv[i]));
      pair.norm_value = alama_arabic_normalize (eq + 1, ALAMA_ARABIC_FOLD_DEFAULT, NULL);
      g_array_append_val (pairs, pair);
    }

  return g_steal_pointer (&pairs);
}

static gboolean
normalized_contains (const char *haystack,
                     const char *norm_needle)
{
  g_autofree char *norm = alama_arabic_normalize (haystack, ALAMA_ARABIC_FOLD_DEFAULT, NULL);

  return strstr (norm, norm_needle) != NULL;
}

static gboolean
span_has_attributes (const AlamaSpan *span,
                     GArray          *attributes)
{
  for (guint i = 0; i < attributes->len; i++)
    {
      const Pair *pair = &g_array_index (attributes, Pair, i);
      const char *value = alama_span_get_attribute (span, pair->key);
      g_autofree char *norm = NULL;

      if (value == NULL)
        return FALSE;
      norm = alama_arabic_normalize (value, ALAMA_ARABIC_FOLD_DEFAULT, NULL);
      if (strcmp (norm, pair->norm_value) != 0)
        return FALSE;
    }
  return TRUE;
}

/* Every "TYPE=text" needs a relation of TYPE, in either direction and not
 * rejected, whose other end covers text containing the value. */
static gboolean
span_has_related (const AlamaSpan *span,
                  GArray          *related,
                  GPtrArray       *relations,
                  GHashTable      *spans_by_id,
                  const char      *document_text)
{
  for (guint i = 0; i < related->len; i++)
    {
      const Pair *pair = &g_array_index (related, Pair, i);
      gboolean found = FALSE;

      for (guint r = 0; r < relations->len && !found; r++)
        {
          const AlamaRelation *relation = g_ptr_array_index (relations, r);
          const AlamaSpan *other = NULL;
          g_autofree char *other_text = NULL;

          if (g_strcmp0 (relation->type, pair->key) != 0 ||
              relation->status == ALAMA_STATUS_REJECTED)
            continue;
          if (relation->from_id == span->id)
            other = g_hash_table_lookup (spans_by_id, &relation->to_id);
          else if (relation->to_id == span->id)
            other = g_hash_table_lookup (spans_by_id, &relation->from_id);
          if (other == NULL)
            continue;

          other_text = alama_span_dup_text (other, document_text);
          found = normalized_contains (other_text, pair->norm_value);
        }
      if (!found)
        return FALSE;
    }
  return TRUE;
}

static gboolean
span_matches (const AlamaSpan            *span,
              const AlamaAnnotationQuery *query,
              AlamaStatusMask             statuses,
              const char                 *norm_text,
              const char                 *document_text)
{
  if (query->label != NULL && g_strcmp0 (span->label, query->label) != 0)
    return FALSE;
  if (!(statuses & (1 << span->status)))
    return FALSE;
  if (query->source != NULL && g_strcmp0 (span->source, query->source) != 0)
    return FALSE;
  if (query->annotator != NULL && g_strcmp0 (span->annotator, query->annotator) != 0)
    return FALSE;
  if (norm_text != NULL)
    {
      g_autofree char *covered = alama_span_dup_text (span, document_text);

      if (!normalized_contains (covered, norm_text))
        return FALSE;
    }
  return TRUE;
}

/* Documents that have at least one span passing the cheap filters, so a query
 * over a large project opens only those. */
static GArray *
find_annotated_documents (AlamaStore                 *store,
                          sqlite3                    *db,
                          const AlamaAnnotationQuery *query,
                          AlamaStatusMask             statuses,
                          GError                    **error)
{
  static const AlamaStatus all[] = { ALAMA_STATUS_ACCEPTED, ALAMA_STATUS_PENDING, ALAMA_STATUS_REJECTED };
  sqlite3_stmt *stmt = NULL;
  GArray *candidates;

  if (sqlite3_prepare_v2 (db,
                          "SELECT id, name FROM document_order WHERE id IN ("
                          "  SELECT s.document_id FROM spans s"
                          "  WHERE (?1 IS NULL OR s.label = ?1)"
                          "    AND (?2 IS NULL OR s.source = ?2)"
                          "    AND (?3 IS NULL OR s.annotator = ?3)"
                          "    AND s.status IN (?4, ?5, ?6))" ORDER_SQL,
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      set_sqlite_error (db, store, _("searching annotations"), error);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, query->label, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, query->source, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, query->annotator, -1, SQLITE_STATIC);
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    if (statuses & (1 << all[i]))
      sqlite3_bind_text (stmt, 4 + i, alama_status_to_string (all[i]), -1, SQLITE_STATIC);

  candidates = collect_candidates (db, stmt, store, error);
  sqlite3_finalize (stmt);

  return candidates;
}

GPtrArray *
alama_search_annotations (AlamaStore                 *store,
                          const AlamaAnnotationQuery *query,
                          GError                    **error)
{
  g_autoptr(GArray) attributes = NULL;
  g_autoptr(GArray) related = NULL;
  g_autoptr(GArray) candidates = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *norm_text = NULL;
  AlamaStatusMask statuses;
  sqlite3 *db;

  g_return_val_if_fail (ALAMA_IS_STORE (store), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* TRANSLATORS: goes into "%s “%s” is not of the form NAME=VALUE". */
  attributes = parse_pairs (query->attributes, _("the attribute"), error);
  if (attributes == NULL)
    return NULL;
  related = parse_pairs (query->related, _("the relation"), error);
  if (related == NULL)
    return NULL;
  if (query->text != NULL)
    {
      if (!g_utf8_validate (query->text, -1, NULL))
        {
          g_set_error (error, ALAMA_SEARCH_ERROR, ALAMA_SEARCH_ERROR_INVALID_QUERY,
                       _("the search text is not valid UTF-8"));
          return NULL;
        }
      norm_text = alama_arabic_normalize (query->text, ALAMA_ARABIC_FOLD_DEFAULT, NULL);
    }
  statuses = query->statuses != 0 ? query->statuses : ALAMA_STATUS_MASK_ALL;

  db = _alama_store_get_db (store);
  candidates = find_annotated_documents (store, db, query, statuses, error);
  if (candidates == NULL)
    return NULL;

  hits = hits_new ();
  for (guint i = 0; i < candidates->len && !hits_full (hits, query->limit); i++)
    {
      const Candidate *candidate = &g_array_index (candidates, Candidate, i);
      g_autofree char *text = NULL;
      g_autoptr(GPtrArray) spans = NULL;
      g_autoptr(GPtrArray) relations = NULL;
      g_autoptr(GHashTable) spans_by_id = NULL;
      g_auto(Doc) doc = { 0, };

      text = alama_store_dup_document_text (store, candidate->id, error);
      if (text == NULL)
        return NULL;
      /* All statuses: the other end of a relation may be pending. */
      spans = alama_store_list_spans (store, candidate->id, ALAMA_STATUS_MASK_ALL, error);
      if (spans == NULL)
        return NULL;
      if (related->len > 0)
        {
          relations = alama_store_list_relations (store, candidate->id, ALAMA_STATUS_MASK_ALL, error);
          if (relations == NULL)
            return NULL;
          spans_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
          for (guint s = 0; s < spans->len; s++)
            {
              AlamaSpan *span = g_ptr_array_index (spans, s);

              g_hash_table_insert (spans_by_id, &span->id, span);
            }
        }

      doc.candidate = candidate;
      doc.text = text;
      doc.index = alama_text_index_new (text);

      /* Spans come sorted by start, so hits stay in document order. */
      for (guint s = 0; s < spans->len && !hits_full (hits, query->limit); s++)
        {
          const AlamaSpan *span = g_ptr_array_index (spans, s);
          AlamaSearchHit *hit;

          if (!span_matches (span, query, statuses, norm_text, text) ||
              !span_has_attributes (span, attributes) ||
              (related->len > 0 &&
               !span_has_related (span, related, relations, spans_by_id, text)))
            continue;

          hit = doc_make_hit (&doc, alama_span_get_start (span), alama_span_get_end (span));
          g_free (hit->text);
          hit->text = alama_span_dup_text (span, text);
          hit->span_id = span->id;
          hit->label = g_strdup (span->label);
          g_ptr_array_add (hits, hit);
        }
    }

  return g_steal_pointer (&hits);
}
