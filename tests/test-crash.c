/* test-crash.c: nothing a returned call stored is lost when the process dies.
 *
 * A writer child (this same executable started with --crash-writer) applies a
 * seeded random stream of annotation changes through the core: add, update and
 * delete of spans, and now and then a group of three in one change. Around each
 * call it tells the parent on a pipe what it is about to do ("intent") and, only
 * AFTER the call has returned, that it is done, with the new ids. The parent
 * kills it with SIGKILL at a random moment, thirty times in a row on the same
 * project, and after every kill checks that
 *
 *   - PRAGMA integrity_check says "ok";
 *   - every change whose call returned is in the file, exactly;
 *   - the one change in flight (announced, never confirmed) is either wholly
 *     there or wholly absent, a group included;
 *   - nothing else is there.
 *
 * Pipe lines (each block is one write(), so the parent never sees half a line):
 *   intent add LABEL START END | intent upd ID LABEL START END | intent del ID
 *   ... one line per call of the change, then "commit"
 *   done ID ID ...        ids the adds of the change got, in order
 */
#define G_LOG_DOMAIN "test-crash"

#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "alama/alama.h"
#include "store-test-util.h"

#define N_KILLS 30

static const char document_text[] =
  "قال الرئيس الأذربيجاني إلهام علييف في باكو أمس إن «السلام مع أرمينيا ممكن هذا العام»، "
  "بينما اتهمت وزارة الخارجية في يريفان أذربيجانَ بحشد قواتها على الحدود. "
  "وأكد المتحدث باسم الكرملين أن موسكو مستعدة للوساطة 🕊️ بين البلدين.\r\n"
  "ونقلت وكالة «رويترز» عن مسؤول في الاتحاد الأوروبي قوله: \"المحادثات ستُستأنف في بروكسل\".";

static const char * const labels[] = { "PER", "ORG", "GPE", "LOC", "QUOTE", "CLAIM" };

/* ---- The writer (child) ----------------------------------------------------- */

typedef struct
{
  char   kind;      /* 'a' add, 'u' update, 'd' delete */
  gint64 id;        /* update/delete: the span */
  const char *label;
  gint64 start;
  gint64 end;
} Op;

static void
write_all (const char *data,
           gsize       len)
{
  while (len > 0)
    {
      ssize_t n = write (STDOUT_FILENO, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        _exit (4);
      data += n;
      len -= (gsize) n;
    }
}

static void
random_range (GRand  *rand,
              gint64  length,
              gint64 *start,
              gint64 *end)
{
  *start = g_rand_int_range (rand, 0, (gint32) length - 1);
  *end = *start + g_rand_int_range (rand, 1, (gint32) MIN (40, length - *start) + 1);
}

/* Picks a live span id, or 0 when there is none. */
static gint64
pick_span (GRand  *rand,
           GArray *live)
{
  if (live->len == 0)
    return 0;
  return g_array_index (live, gint64, g_rand_int_range (rand, 0, (gint32) live->len));
}

static void
remove_live (GArray *live,
             gint64  id)
{
  for (guint i = 0; i < live->len; i++)
    if (g_array_index (live, gint64, i) == id)
      {
        g_array_remove_index_fast (live, i);
        return;
      }
}

/* @used: ids earlier calls of the same group update (0 = none): a group
 * updates a span at most once, so that "before" and "after" stay clear. */
static void
make_op (GRand        *rand,
         GArray       *live,
         gint64        length,
         gboolean      in_group,
         const gint64 *used,
         Op           *op)
{
  double dice = g_rand_double (rand);

  memset (op, 0, sizeof *op);
  op->label = labels[g_rand_int_range (rand, 0, G_N_ELEMENTS (labels))];
  random_range (rand, length, &op->start, &op->end);
  /* Inside a group only adds and updates: a delete of a span the group itself
   * added would need ids the intent cannot know. */
  if (live->len == 0 || dice < 0.45)
    op->kind = 'a';
  else if (dice < 0.75 || in_group)
    op->kind = 'u', op->id = pick_span (rand, live);
  else
    op->kind = 'd', op->id = pick_span (rand, live);
  for (guint i = 0; op->kind == 'u' && i < 3; i++)
    if (used[i] == op->id)
      op->kind = 'a', op->id = 0;
}

static void
append_intent (GString  *out,
               const Op *op)
{
  switch (op->kind)
    {
    case 'a':
      g_string_append_printf (out, "intent add %s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
                              op->label, op->start, op->end);
      break;
    case 'u':
      g_string_append_printf (out, "intent upd %" G_GINT64_FORMAT " %s %" G_GINT64_FORMAT
                              " %" G_GINT64_FORMAT "\n", op->id, op->label, op->start, op->end);
      break;
    default:
      g_string_append_printf (out, "intent del %" G_GINT64_FORMAT "\n", op->id);
    }
}

static gboolean
apply_op (AlamaStore  *store,
          gint64       document_id,
          const Op    *op,
          gint64      *out_new_id,
          GError     **error)
{
  g_autoptr(AlamaSpan) span = NULL;

  switch (op->kind)
    {
    case 'a':
      span = alama_span_new (op->label, op->start, op->end);
      span->document_id = document_id;
      if (!alama_store_add_span (store, span, error))
        return FALSE;
      *out_new_id = span->id;
      return TRUE;
    case 'u':
      if ((span = alama_store_get_span (store, op->id, error)) == NULL)
        return FALSE;
      g_free (span->label);
      span->label = g_strdup (op->label);
      g_array_set_size (span->fragments, 0);
      alama_span_add_fragment (span, op->start, op->end);
      return alama_store_update_span (store, span, error);
    default:
      return alama_store_delete_span (store, op->id, error);
    }
}

static int
run_writer (const char *path,
            guint32     seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaStore) store = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GArray) live = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  gint64 length = g_utf8_strlen (document_text, -1);
  g_autoptr(AlamaDocument) document = NULL;

  store = alama_store_open (path, ALAMA_STORE_OPEN_DEFAULT, &error);
  if (store == NULL || (document = alama_store_find_document (store, "news")) == NULL)
    {
      g_printerr ("crash writer: cannot open %s: %s\n", path, error ? error->message : "no document");
      return 3;
    }
  spans = alama_store_list_spans (store, alama_document_get_id (document),
                                  ALAMA_STATUS_MASK_ALL, &error);
  for (guint i = 0; spans != NULL && i < spans->len; i++)
    g_array_append_val (live, ((AlamaSpan *) g_ptr_array_index (spans, i))->id);

  for (;;)
    {
      g_autoptr(GString) intent = g_string_new (NULL);
      g_autoptr(GString) done = g_string_new ("done");
      gboolean group = g_rand_double (rand) < 0.1;
      guint n_ops = group ? 3 : 1;
      Op ops[3];
      gint64 used[3] = { 0, 0, 0 };
      gboolean ok = TRUE;

      for (guint i = 0; i < n_ops; i++)
        {
          make_op (rand, live, length, group, used, &ops[i]);
          used[i] = ops[i].kind == 'u' ? ops[i].id : 0;
          append_intent (intent, &ops[i]);
        }
      g_string_append (intent, "commit\n");
      write_all (intent->str, intent->len);

      if (group)
        ok = alama_store_begin_change (store, "crash test group", ALAMA_CHANGE_UNDOABLE, &error);
      for (guint i = 0; ok && i < n_ops; i++)
        {
          gint64 new_id = 0;

          ok = apply_op (store, alama_document_get_id (document), &ops[i], &new_id, &error);
          if (ok && ops[i].kind == 'a')
            {
              g_string_append_printf (done, " %" G_GINT64_FORMAT, new_id);
              g_array_append_val (live, new_id);
            }
          else if (ok && ops[i].kind == 'd')
            remove_live (live, ops[i].id);
        }
      if (ok && group)
        ok = alama_store_end_change (store, &error);
      if (!ok)
        {
          g_printerr ("crash writer: a change failed: %s\n", error->message);
          return 3;
        }
      g_string_append_c (done, '\n');
      write_all (done->str, done->len);
    }
}

/* ---- The parent --------------------------------------------------------------- */

typedef struct
{
  char   *label;
  gint64  start;
  gint64  end;
} Expected;

static void
expected_free (Expected *e)
{
  g_free (e->label);
  g_free (e);
}

static Expected *
expected_new (const char *label,
              gint64      start,
              gint64      end)
{
  Expected *e = g_new0 (Expected, 1);

  e->label = g_strdup (label);
  e->start = start;
  e->end = end;
  return e;
}

typedef struct
{
  GHashTable *spans;        /* gint64* id → Expected*: every confirmed span */
  GPtrArray  *pending;      /* char*: intent lines of the change not (yet) confirmed */
  GString    *partial;      /* bytes after the last newline */
  guint       n_confirmed;
} Model;

/* Applies a confirmed change: the intent lines and the ids of "done". */
static void
model_confirm (Model      *model,
               const char *done_line)
{
  g_auto(GStrv) ids = g_strsplit (done_line, " ", -1);
  guint next_id = 1;   /* ids[0] is "done" */

  for (guint i = 0; i < model->pending->len; i++)
    {
      g_auto(GStrv) f = g_strsplit (g_ptr_array_index (model->pending, i), " ", -1);

      if (g_str_equal (f[1], "add"))
        {
          gint64 id;

          g_assert_nonnull (ids[next_id]);
          id = g_ascii_strtoll (ids[next_id++], NULL, 10);
          g_hash_table_insert (model->spans, g_memdup2 (&id, sizeof id),
                               expected_new (f[2], g_ascii_strtoll (f[3], NULL, 10),
                                             g_ascii_strtoll (f[4], NULL, 10)));
        }
      else if (g_str_equal (f[1], "upd"))
        {
          gint64 id = g_ascii_strtoll (f[2], NULL, 10);

          g_assert_true (g_hash_table_contains (model->spans, &id));
          g_hash_table_insert (model->spans, g_memdup2 (&id, sizeof id),
                               expected_new (f[3], g_ascii_strtoll (f[4], NULL, 10),
                                             g_ascii_strtoll (f[5], NULL, 10)));
        }
      else
        {
          gint64 id = g_ascii_strtoll (f[2], NULL, 10);

          g_assert_true (g_hash_table_remove (model->spans, &id));
        }
    }
  g_ptr_array_set_size (model->pending, 0);
  model->n_confirmed++;
}

static void
model_feed (Model      *model,
            const char *data,
            gsize       len)
{
  char *newline;

  g_string_append_len (model->partial, data, len);
  while ((newline = strchr (model->partial->str, '\n')) != NULL)
    {
      g_autofree char *line = g_strndup (model->partial->str, newline - model->partial->str);

      g_string_erase (model->partial, 0, newline - model->partial->str + 1);
      if (g_str_has_prefix (line, "intent "))
        g_ptr_array_add (model->pending, g_steal_pointer (&line));
      else if (g_str_has_prefix (line, "done"))
        model_confirm (model, line);
      else
        g_assert_cmpstr (line, ==, "commit");
    }
}

static gboolean
span_matches (AlamaSpan      *span,
              const Expected *e)
{
  return g_str_equal (span->label, e->label) && alama_span_get_n_fragments (span) == 1 &&
         alama_span_get_start (span) == e->start && alama_span_get_end (span) == e->end;
}

static gint
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
assert_integrity_ok (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* The file holds the confirmed spans exactly, and the change in flight either
 * wholly or not at all. */
static void
check_project (const char *path,
               Model      *model,
               guint       round)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaStore) store = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GHashTable) in_file = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                         NULL);
  g_autoptr(AlamaDocument) document = NULL;
  guint n_pending_applied = 0, n_pending_absent = 0;
  guint n_pending_adds = 0, n_unexplained = 0;

  assert_integrity_ok (path);

  store = alama_store_open (path, ALAMA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  document = alama_store_find_document (store, "news");
  g_assert_nonnull (document);
  spans = alama_store_list_spans (store, alama_document_get_id (document),
                                  ALAMA_STATUS_MASK_ALL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < spans->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (spans, i);

      g_hash_table_insert (in_file, &span->id, span);
    }

  /* Which confirmed spans the change in flight touches. */
  g_autoptr(GHashTable) touched = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree gint64 *touched_ids = g_new0 (gint64, model->pending->len + 1);

  for (guint i = 0; i < model->pending->len; i++)
    {
      g_auto(GStrv) f = g_strsplit (g_ptr_array_index (model->pending, i), " ", -1);

      if (g_str_equal (f[1], "add"))
        {
          n_pending_adds++;
          continue;
        }
      touched_ids[i] = g_ascii_strtoll (f[2], NULL, 10);
      g_hash_table_add (touched, &touched_ids[i]);
      {
        AlamaSpan *span = g_hash_table_lookup (in_file, &touched_ids[i]);
        Expected *before = g_hash_table_lookup (model->spans, &touched_ids[i]);

        g_assert_nonnull (before);
        if (g_str_equal (f[1], "del") && span == NULL)
          n_pending_applied++;
        else if (g_str_equal (f[1], "del"))
          n_pending_absent++;
        else
          {
            Expected after = { f[3], g_ascii_strtoll (f[4], NULL, 10),
                               g_ascii_strtoll (f[5], NULL, 10) };

            g_assert_nonnull (span);
            if (span_matches (span, &after) && !span_matches (span, before))
              n_pending_applied++;
            else if (span_matches (span, before) && !span_matches (span, &after))
              n_pending_absent++;
            else
              g_assert_true (span_matches (span, before));  /* an update to the same values */
          }
      }
    }

  /* Every confirmed span that the change in flight does not touch: exactly as
   * confirmed. */
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, model->spans);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      AlamaSpan *span = g_hash_table_lookup (in_file, key);

      if (g_hash_table_contains (touched, key))
        continue;
      if (span == NULL)
        g_error ("round %u: span %" G_GINT64_FORMAT " (%s), confirmed to the writer, is "
                 "missing", round, *(gint64 *) key, ((Expected *) value)->label);
      if (!span_matches (span, value))
        g_error ("round %u: span %" G_GINT64_FORMAT " is %s, not the confirmed %s",
                 round, *(gint64 *) key, span->label, ((Expected *) value)->label);
    }

  /* Spans in the file the model does not know: only the adds in flight. */
  for (guint i = 0; i < spans->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (spans, i);

      if (!g_hash_table_contains (model->spans, &span->id))
        n_unexplained++;
    }
  g_assert_true (n_unexplained == 0 || n_unexplained == n_pending_adds);
  if (n_pending_adds > 0 && n_unexplained > 0)
    n_pending_applied += n_pending_adds;
  else if (n_pending_adds > 0)
    n_pending_absent += n_pending_adds;

  /* A change is one transaction: all of it or nothing. */
  g_assert_true (n_pending_applied == 0 || n_pending_absent == 0);

  /* A change that landed is now part of what the next writer builds on: fold it
   * into the model by reading the new ids from the file. */
  if (n_pending_applied > 0)
    {
      g_autoptr(GString) done = g_string_new ("done");
      g_autoptr(GArray) new_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

      for (guint i = 0; i < spans->len; i++)
        {
          AlamaSpan *span = g_ptr_array_index (spans, i);

          if (!g_hash_table_contains (model->spans, &span->id))
            g_array_append_val (new_ids, span->id);
        }
      /* The adds of one change got increasing ids in intent order. */
      g_array_sort (new_ids, compare_ids);
      for (guint i = 0; i < new_ids->len; i++)
        g_string_append_printf (done, " %" G_GINT64_FORMAT, g_array_index (new_ids, gint64, i));
      model_confirm (model, done->str);
    }
  else
    g_ptr_array_set_size (model->pending, 0);
}

static void
read_available (int     fd,
                Model  *model,
                int     timeout_ms)
{
  struct pollfd pfd = { .fd = fd, .events = POLLIN };
  char buffer[4096];

  while (poll (&pfd, 1, timeout_ms) > 0)
    {
      ssize_t n = read (fd, buffer, sizeof buffer);

      if (n <= 0)
        return;
      model_feed (model, buffer, (gsize) n);
      timeout_ms = 0;
    }
}

static void
test_crash_kill_many_times (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("alama-crash-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240611);
  g_autoptr(GHashTable) spans = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                       (GDestroyNotify) expected_free);
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) partial = g_string_new (NULL);
  Model model = { spans, pending, partial, 0 };
  guint n_killed_in_flight = 0;

  g_assert_no_error (error);
  g_assert_nonnull (self_exe);
  path = g_build_filename (dir, "crash.alama", NULL);
  {
    g_autoptr(AlamaStore) store = alama_store_open (path, ALAMA_STORE_OPEN_CREATE, &error);

    g_assert_no_error (error);
    alama_store_add_document (store, "news", NULL, document_text, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
  }

  for (guint round = 0; round < N_KILLS; round++)
    {
      g_autofree char *seed = g_strdup_printf ("%u", g_rand_int (rand));
      const char *argv[] = { self_exe, "--crash-writer", path, seed, NULL };
      GPid pid;
      int out_fd, status;
      gint64 deadline;
      guint target;

      g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                                NULL, &pid, NULL, &out_fd, NULL, &error);
      g_assert_no_error (error);

      /* Let it confirm 0–5 changes (waiting for them, however slow the machine),
       * then run 0–40 ms more: sometimes still inside alama_store_open()
       * itself, sometimes in the middle of a change. */
      target = model.n_confirmed + g_rand_int_range (rand, 0, 6);
      deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
      while (model.n_confirmed < target && g_get_monotonic_time () < deadline)
        read_available (out_fd, &model, 5);
      g_assert_cmpuint (model.n_confirmed, >=, target);
      deadline = g_get_monotonic_time () + g_rand_int_range (rand, 0, 40) * 1000;
      while (g_get_monotonic_time () < deadline)
        read_available (out_fd, &model, 5);
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      read_available (out_fd, &model, 100);
      close (out_fd);
      g_spawn_close_pid (pid);
      /* It must have died of our kill, not of an error of its own. */
      g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);
      g_assert_cmpuint (model.partial->len, ==, 0);

      if (model.pending->len > 0)
        n_killed_in_flight++;
      check_project (path, &model, round);
    }

  g_test_message ("%u changes confirmed over %d kills, %u kills with a change in flight, "
                  "%u spans at the end", model.n_confirmed, N_KILLS, n_killed_in_flight,
                  g_hash_table_size (model.spans));
  /* The test must have exercised something: changes landed and kills hit work
   * in progress. */
  g_assert_cmpuint (model.n_confirmed, >, N_KILLS);
  g_assert_cmpuint (n_killed_in_flight, >, 0);

  remove_project_files (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  if (argc == 4 && strcmp (argv[1], "--crash-writer") == 0)
    return run_writer (argv[2], (guint32) g_ascii_strtoull (argv[3], NULL, 10));

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/alama/crash/kill-many-times", test_crash_kill_many_times);
  return g_test_run ();
}
