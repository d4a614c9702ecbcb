/* alama-search-positions.c: checkpoints that let a search read a large
 * document only where the index says the query is.
 *
 * Without them a hit deep inside a large document costs reading, scanning and
 * counting the code points of everything before it. When a document of at
 * least ALAMA_SEARCH_CHECKPOINT_MIN_BYTES is indexed, the tokenizer records,
 * about every ALAMA_SEARCH_CHECKPOINT_BYTES, a checkpoint at a word that
 * begins at a cut (alama-search-cut.c): its byte offset, its code point
 * offset and its token position in the index.
 *
 * A query asks FTS5 at which token positions its phrase begins in the
 * document (an auxiliary function walking xPhraseFirst/xPhraseNext), and the
 * matcher reads only the blocks between checkpoints that hold such a
 * position, counting code points from the block's checkpoint. Every hit the
 * matcher can find begins at a phrase instance the index holds (both cut and
 * normalise words with _alama_search_analyze's rules), and a block is read as
 * a whole document is, so the hits are the same as reading it all.
 *
 * Table (migration 11, alama-store-migrations.c):
 *   search_positions (document_id, byte, cp, token)
 * written in the same transaction as the document's index rows; a document
 * without rows (small, indexed before migration 11, or restored after a
 * delete) is read whole.
 */
#define G_LOG_DOMAIN "alama-search"

#include "config.h"

#include <string.h>

#include "alama-search-private.h"

/* The FTS5 auxiliary function: alama_phrase_starts(search_fts) is a blob of
 * the token positions (gint32, in order) where phrase 0 begins in the row. */
#define PHRASE_STARTS "alama_phrase_starts"

/* ---- Recording, while indexing -------------------------------------------------- */

static GPrivate recording;

void
_alama_search_positions_record (GArray *checkpoints)
{
  g_private_set (&recording, checkpoints);
}

GArray *
_alama_search_positions_recording (void)
{
  return g_private_get (&recording);
}

int
_alama_search_positions_save (sqlite3 *db,
                              gint64   document_id,
                              GArray  *checkpoints)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (checkpoints->len == 0)
    return SQLITE_OK;
  rc = sqlite3_prepare_v2 (db, "INSERT OR REPLACE INTO search_positions "
                           "(document_id, byte, cp, token) VALUES (?1, ?2, ?3, ?4)",
                           -1, &stmt, NULL);
  for (guint i = 0; rc == SQLITE_OK && i < checkpoints->len; i++)
    {
      const AlamaSearchCheckpoint *c = &g_array_index (checkpoints, AlamaSearchCheckpoint, i);

      sqlite3_bind_int64 (stmt, 1, document_id);
      sqlite3_bind_int64 (stmt, 2, c->byte);
      sqlite3_bind_int64 (stmt, 3, c->cp);
      sqlite3_bind_int64 (stmt, 4, c->token);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  return rc;
}

/* ---- Asking the index ------------------------------------------------------------ */

static void
phrase_starts (const Fts5ExtensionApi  *api,
               Fts5Context             *fts,
               sqlite3_context         *context,
               int                      n_args,
               sqlite3_value          **args)
{
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (gint32));
  Fts5PhraseIter iter;
  int column = -1, offset = -1, rc;
  gsize size;

  if (api->xPhraseCount (fts) < 1)
    {
      sqlite3_result_null (context);
      return;
    }
  rc = api->xPhraseFirst (fts, 0, &iter, &column, &offset);
  for (; rc == SQLITE_OK && column >= 0; api->xPhraseNext (fts, &iter, &column, &offset))
    {
      gint32 at = offset;

      g_array_append_val (starts, at);
    }
  if (rc != SQLITE_OK)
    {
      sqlite3_result_error_code (context, rc);
      return;
    }
  size = starts->len * sizeof (gint32);
  sqlite3_result_blob (context, g_array_free (g_steal_pointer (&starts), FALSE), (int) size,
                       g_free);
}

int
_alama_search_positions_register (fts5_api *api)
{
  return api->xCreateFunction (api, PHRASE_STARTS, NULL, phrase_starts, NULL);
}

static GArray *
load_checkpoints (sqlite3 *db,
                  gint64   document_id)
{
  g_autoptr(GArray) checkpoints = g_array_new (FALSE, FALSE, sizeof (AlamaSearchCheckpoint));
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT byte, cp, token FROM search_positions "
                          "WHERE document_id = ?1 ORDER BY token", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AlamaSearchCheckpoint c;

      c.byte = sqlite3_column_int64 (stmt, 0);
      c.cp = sqlite3_column_int64 (stmt, 1);
      c.token = sqlite3_column_int64 (stmt, 2);
      g_array_append_val (checkpoints, c);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE || checkpoints->len == 0)
    return NULL;
  return g_steal_pointer (&checkpoints);
}

/* The token positions where @fts begins in the document, or NULL. An empty
 * array when the document does not hold it. */
static GArray *
load_phrase_starts (sqlite3    *db,
                    gint64      document_id,
                    const char *fts)
{
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (gint32));
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT " PHRASE_STARTS " (search_fts) FROM search_fts "
                          "WHERE search_fts MATCH ?1 AND rowid = ?2", -1, &stmt,
                          NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, fts, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, document_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int n = sqlite3_column_bytes (stmt, 0) / (int) sizeof (gint32);

      if (n > 0)
        g_array_append_vals (starts, sqlite3_column_blob (stmt, 0), (guint) n);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return NULL;
  return g_steal_pointer (&starts);
}

/* The block holding token @token: the number of checkpoints at or before it
 * (block 0 runs from the start of the text to the first checkpoint). */
static guint
block_of (GArray *checkpoints,
          gint64  token)
{
  guint lo = 0, hi = checkpoints->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (checkpoints, AlamaSearchCheckpoint, mid).token <= token)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

GArray *
_alama_search_positions_blocks (sqlite3    *db,
                                gint64      document_id,
                                gsize       size,
                                const char *fts,
                                gboolean    exact)
{
  g_autoptr(GArray) checkpoints = load_checkpoints (db, document_id);
  g_autoptr(GArray) starts = NULL;
  g_autofree gboolean *wanted = NULL;
  GArray *blocks;
  guint n_blocks;

  if (checkpoints == NULL)
    return NULL;
  /* Checkpoints that do not belong to this text would misplace every hit. */
  if (g_array_index (checkpoints, AlamaSearchCheckpoint, checkpoints->len - 1).byte >= (gint64) size)
    return NULL;
  starts = load_phrase_starts (db, document_id, fts);
  if (starts == NULL)
    return NULL;

  n_blocks = checkpoints->len + 1;
  wanted = g_new0 (gboolean, n_blocks);
  for (guint i = 0; i < starts->len; i++)
    {
      gint32 token = g_array_index (starts, gint32, i);
      guint b = block_of (checkpoints, token);

      wanted[b] = TRUE;
      /* The word at a checkpoint follows a space or a line feed that an exact
       * query may begin with. */
      if (exact && b > 0 && g_array_index (checkpoints, AlamaSearchCheckpoint, b - 1).token == token)
        wanted[b - 1] = TRUE;
    }

  blocks = g_array_new (FALSE, FALSE, sizeof (AlamaSearchBlock));
  for (guint b = 0; b < n_blocks; b++)
    {
      AlamaSearchBlock block;

      if (!wanted[b])
        continue;
      block.start = b == 0 ? 0 : (gsize) g_array_index (checkpoints, AlamaSearchCheckpoint, b - 1).byte;
      block.end = b + 1 < n_blocks ? (gsize) g_array_index (checkpoints, AlamaSearchCheckpoint, b).byte
                                   : size;
      block.cp_start = b == 0 ? 0 : g_array_index (checkpoints, AlamaSearchCheckpoint, b - 1).cp;
      if (blocks->len > 0 && g_array_index (blocks, AlamaSearchBlock, blocks->len - 1).end == block.start)
        g_array_index (blocks, AlamaSearchBlock, blocks->len - 1).end = block.end;
      else
        g_array_append_val (blocks, block);
    }
  return blocks;
}
