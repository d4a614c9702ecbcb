/* positions-in-process.c: two ways to ask FTS5 where a word is in one
 * document, timed inside one process (compile it with
 * bench_common.build_core_helper against a build's static core libraries).
 *
 *   positions-in-process PROJECT WORD [REPEAT]
 *
 * WORD is a normalised word (a token of the index). For the largest document
 * of PROJECT it prints, per way, the best of REPEAT (default 5) runs and the
 * number of positions found:
 *   function-ms   SELECT alama_phrase_starts (search_fts) ... MATCH ... AND rowid = ?
 *                 (xPhraseFirst/xPhraseNext, what the search uses)
 *   vocab-ms      fts5vocab 'instance' (a temp table) WHERE term = ? AND doc = ?
 */
#include <stdio.h>
#include <stdlib.h>

#include <alama/alama-store.h>
#include "alama-store-private.h"

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static gint64
count_function (sqlite3    *db,
                gint64      document,
                const char *word)
{
  g_autofree char *fts = g_strdup_printf ("\"%s\"", word);
  sqlite3_stmt *stmt = NULL;
  gint64 n = 0;

  if (sqlite3_prepare_v2 (db, "SELECT alama_phrase_starts (search_fts) FROM search_fts "
                          "WHERE search_fts MATCH ?1 AND rowid = ?2", -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (db));
  sqlite3_bind_text (stmt, 1, fts, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, document);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    n += sqlite3_column_bytes (stmt, 0) / 4;
  sqlite3_finalize (stmt);
  return n;
}

static gint64
count_vocab (sqlite3    *db,
             gint64      document,
             const char *word)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = 0;

  if (sqlite3_prepare_v2 (db, "SELECT offset FROM temp.alama_vocab WHERE term = ?1 AND doc = ?2",
                          -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (db));
  sqlite3_bind_text (stmt, 1, word, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, document);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    n++;
  sqlite3_finalize (stmt);
  return n;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaStore) store = NULL;
  int repeat = argc > 3 ? atoi (argv[3]) : 5;
  double best_function = G_MAXDOUBLE, best_vocab = G_MAXDOUBLE;
  gint64 n_function = 0, n_vocab = 0, document = 0;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;

  if (argc < 3)
    {
      fprintf (stderr, "usage: %s PROJECT WORD [REPEAT]\n", argv[0]);
      return 2;
    }
  store = alama_store_open (argv[1], ALAMA_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  db = _alama_store_get_db (store);
  sqlite3_prepare_v2 (db, "SELECT id FROM documents ORDER BY length_cp DESC LIMIT 1", -1, &stmt,
                      NULL);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    document = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if (sqlite3_exec (db, "CREATE VIRTUAL TABLE temp.alama_vocab USING "
                    "fts5vocab (main, search_fts, instance)", NULL, NULL, NULL) != SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (db));

  for (int i = 0; i < repeat; i++)
    {
      gint64 start = g_get_monotonic_time ();

      n_function = count_function (db, document, argv[2]);
      best_function = MIN (best_function, ms_since (start));
      start = g_get_monotonic_time ();
      n_vocab = count_vocab (db, document, argv[2]);
      best_vocab = MIN (best_vocab, ms_since (start));
    }
  printf ("function-ms: %.2f (%" G_GINT64_FORMAT " positions)\n", best_function, n_function);
  printf ("vocab-ms: %.2f (%" G_GINT64_FORMAT " positions)\n", best_vocab, n_vocab);
  return 0;
}
