/* index-in-process.c: times the search index build inside one process, on a
 * project imported by any build (bench-scale-search.py compiles this against
 * each build tree's static core libraries).
 *
 *   index-in-process PROJECT [index [SQL]]
 *                                      empties the index, runs SQL if given
 *                                      (FTS5 settings to try), then times
 *                                      alama_search_update_index()
 *   index-in-process PROJECT tokenize  our tokenizer alone over every text,
 *                                      tokens thrown away
 *   index-in-process PROJECT floor     FTS5 alone: every text into a new
 *                                      FTS5 table whose tokenizer cuts at
 *                                      spaces and copies nothing (what
 *                                      indexing costs whatever our tokenizer
 *                                      does); the project is not changed
 *
 * Prints "open-ms: N", then "index-ms: N" and "index-cpu-ms: N" (the
 * process's user + system time for that step), and "text-bytes: N". */
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include <alama/alama-search.h>
#include <alama/alama-store.h>

#include "alama-search-private.h"
#include "alama-store-private.h"

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec * 1000.0 + usage.ru_utime.tv_usec / 1000.0 +
         usage.ru_stime.tv_sec * 1000.0 + usage.ru_stime.tv_usec / 1000.0;
}

static gboolean
exec (sqlite3    *db,
      const char *sql)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) == SQLITE_OK)
    return TRUE;
  fprintf (stderr, "%s: %s\n", sql, sqlite3_errmsg (db));
  return FALSE;
}

/* ---- The floor: a tokenizer that only cuts at ASCII spaces and newlines ---- */

static int
space_create (void           *context,
              const char    **args,
              int             n_args,
              Fts5Tokenizer **out)
{
  *out = (Fts5Tokenizer *) g_new0 (int, 1);
  return SQLITE_OK;
}

static void
space_delete (Fts5Tokenizer *tokenizer)
{
  g_free (tokenizer);
}

static int
space_tokenize (Fts5Tokenizer *tokenizer,
                void          *ctx,
                int            flags,
                const char    *text,
                int            n_text,
                int          (*emit) (void *, int, const char *, int, int, int))
{
  int start = 0;

  for (int i = 0; i <= n_text; i++)
    if (i == n_text || text[i] == ' ' || text[i] == '\n')
      {
        if (i > start)
          {
            int rc = emit (ctx, 0, text + start, i - start, start, i);

            if (rc != SQLITE_OK)
              return rc;
          }
        start = i + 1;
      }
  return SQLITE_OK;
}

static fts5_api *
get_fts5_api (sqlite3 *db)
{
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;

  sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL);
  sqlite3_bind_pointer (stmt, 1, (void *) &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return api;
}

static gboolean
floor_index (sqlite3 *db)
{
  static fts5_tokenizer space = { space_create, space_delete, space_tokenize };
  fts5_api *api = get_fts5_api (db);
  sqlite3_stmt *select = NULL, *insert = NULL;
  gboolean ok;

  if (api == NULL || api->xCreateTokenizer (api, "bench_space", NULL, &space, NULL) != SQLITE_OK)
    return FALSE;
  /* In a temporary database, so the project is left as it was. */
  ok = exec (db, "CREATE VIRTUAL TABLE temp.floor_fts USING fts5 (text, content = '', "
                 "tokenize = 'bench_space')") &&
       exec (db, "BEGIN") &&
       sqlite3_prepare_v2 (db, "SELECT id, text FROM documents ORDER BY id", -1, &select,
                           NULL) == SQLITE_OK &&
       sqlite3_prepare_v2 (db, "INSERT INTO temp.floor_fts (rowid, text) VALUES (?1, ?2)", -1,
                           &insert, NULL) == SQLITE_OK;
  while (ok && sqlite3_step (select) == SQLITE_ROW)
    {
      sqlite3_bind_int64 (insert, 1, sqlite3_column_int64 (select, 0));
      sqlite3_bind_value (insert, 2, sqlite3_column_value (select, 1));
      ok = sqlite3_step (insert) == SQLITE_DONE;
      sqlite3_reset (insert);
    }
  sqlite3_finalize (select);
  sqlite3_finalize (insert);
  return ok && exec (db, "COMMIT");
}

/* ---- Our tokenizer alone ---- */

static int
count_token (void       *ctx,
             int         flags,
             const char *token,
             int         n_token,
             int         start,
             int         end)
{
  (*(gint64 *) ctx)++;
  return SQLITE_OK;
}

static gboolean
tokenize_only (sqlite3 *db)
{
  fts5_api *api = get_fts5_api (db);
  fts5_tokenizer tokenizer;
  Fts5Tokenizer *instance = NULL;
  void *user_data = NULL;
  sqlite3_stmt *select = NULL;
  gint64 n_tokens = 0;

  if (api == NULL ||
      api->xFindTokenizer (api, ALAMA_SEARCH_TOKENIZER, &user_data, &tokenizer) != SQLITE_OK ||
      tokenizer.xCreate (user_data, NULL, 0, &instance) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT text FROM documents ORDER BY id", -1, &select,
                          NULL) != SQLITE_OK)
    return FALSE;
  while (sqlite3_step (select) == SQLITE_ROW)
    tokenizer.xTokenize (instance, &n_tokens, FTS5_TOKENIZE_DOCUMENT,
                         (const char *) sqlite3_column_text (select, 0),
                         sqlite3_column_bytes (select, 0), count_token);
  sqlite3_finalize (select);
  tokenizer.xDelete (instance);
  printf ("tokens: %" G_GINT64_FORMAT "\n", n_tokens);
  return TRUE;
}

static gint64
text_bytes (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = 0;

  sqlite3_prepare_v2 (db, "SELECT sum (length (CAST (text AS BLOB))) FROM documents", -1,
                      &stmt, NULL);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaStore) store = NULL;
  const char *what = argc > 2 ? argv[2] : "index";
  sqlite3 *db;
  gint64 start;
  double cpu_start;
  gboolean ok;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s PROJECT [index|tokenize|floor]\n", argv[0]);
      return 2;
    }

  start = g_get_monotonic_time ();
  store = alama_store_open (argv[1], ALAMA_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  printf ("open-ms: %.2f\n", ms_since (start));
  db = _alama_store_get_db (store);
  printf ("text-bytes: %" G_GINT64_FORMAT "\n", text_bytes (db));

  if (strcmp (what, "index") == 0 &&
      !(exec (db, "DELETE FROM search_indexed") &&
        exec (db, "INSERT INTO search_fts (search_fts) VALUES ('delete-all')")))
    return 1;

  /* An experiment's settings, e.g. "INSERT INTO search_fts (search_fts, rank)
   * VALUES ('automerge', 8)". */
  if (argc > 3 && !exec (db, argv[3]))
    return 1;

  start = g_get_monotonic_time ();
  cpu_start = cpu_ms ();
  if (strcmp (what, "floor") == 0)
    ok = floor_index (db);
  else if (strcmp (what, "tokenize") == 0)
    ok = tokenize_only (db);
  else
    ok = alama_search_update_index (store, NULL, &error);
  if (!ok)
    {
      fprintf (stderr, "%s\n", error != NULL ? error->message : sqlite3_errmsg (db));
      return 1;
    }
  printf ("index-ms: %.2f\n", ms_since (start));
  printf ("index-cpu-ms: %.2f\n", cpu_ms () - cpu_start);
  return 0;
}
