/* alama-tagger-external.c: any program as a tagger, speaking JSONL.
 *
 * The program runs under /bin/sh -c, reads the documents on its standard input
 * ({"id": N, "name": ..., "text": ...} a line) and writes suggestions on its
 * standard output in Alama's JSONL export format, a line per document. Both pipes
 * are served by g_subprocess_communicate_async(), so a model that writes before
 * it has read everything cannot deadlock us; the program runs in its own process
 * group, killed whole when it outlives its timeout. Lines are checked one by one: a bad line is
 * reported with its number and the good ones still land, each document in its own
 * change.
 */
#define G_LOG_DOMAIN "alama-tagger-external"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <json-glib/json-glib.h>

#include "alama-json-private.h"
#include "alama-tagger-private.h"
#include "alama/alama-document.h"

static GBytes *
documents_to_jsonl (AlamaStore  *store,
                    GPtrArray   *documents,
                    GError     **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < documents->len; i++)
    {
      AlamaDocument *document = g_ptr_array_index (documents, i);
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;
      g_autofree char *line = NULL;

      text = alama_store_dup_document_text (store, alama_document_get_id (document), error);
      if (text == NULL)
        return NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, alama_document_get_id (document));
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, alama_document_get_name (document));
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, text);
      json_builder_end_object (builder);

      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      line = json_generator_to_data (generator, NULL);
      g_string_append (out, line);
      g_string_append_c (out, '\n');
    }
  return g_string_free_to_bytes (g_steal_pointer (&out));
}

/* A model that exits without reading all its input makes our write to its
 * stdin raise SIGPIPE, which kills the whole program without a word (found by
 * fuzz-tagger-external). While we talk to the model, SIGPIPE is blocked in this
 * thread, where g_subprocess_communicate() writes: the write then fails with
 * EPIPE, which is reported; the signal it left pending is swallowed. */
typedef struct
{
  sigset_t old_mask;
  gboolean was_pending;
} SigpipeGuard;

static void
sigpipe_guard_begin (SigpipeGuard *guard)
{
  sigset_t mask, pending;

  sigemptyset (&mask);
  sigaddset (&mask, SIGPIPE);
  sigpending (&pending);
  guard->was_pending = sigismember (&pending, SIGPIPE) == 1;
  pthread_sigmask (SIG_BLOCK, &mask, &guard->old_mask);
}

static void
sigpipe_guard_end (SigpipeGuard *guard)
{
  sigset_t mask, pending;
  const struct timespec no_wait = { 0, 0 };

  sigemptyset (&mask);
  sigaddset (&mask, SIGPIPE);
  sigpending (&pending);
  if (!guard->was_pending && sigismember (&pending, SIGPIPE) == 1)
    while (sigtimedwait (&mask, NULL, &no_wait) < 0 && errno == EINTR)
      ;
  pthread_sigmask (SIG_SETMASK, &guard->old_mask, NULL);
}

/* Runs in the child before exec: its own process group, so that a timeout
 * reaches the processes the command starts too (a model's "sleep &" child that
 * keeps our pipe open would otherwise make us wait for its end of file). */
static void
own_process_group (gpointer user_data)
{
  setpgid (0, 0);
}

typedef struct
{
  GAsyncResult *result;
  GCancellable *stop;        /* fired by the timeout or the caller's cancellable */
  gboolean      timed_out;
} Communication;

static void
communicate_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Communication *communication = user_data;

  communication->result = g_object_ref (result);
}

static gboolean
timeout_cb (gpointer user_data)
{
  Communication *communication = user_data;

  communication->timed_out = TRUE;
  g_cancellable_cancel (communication->stop);
  return G_SOURCE_REMOVE;
}

static void
forward_cancel_cb (GCancellable *cancellable,
                   GCancellable *stop)
{
  g_cancellable_cancel (stop);
}

/* The documents a model was given, for a message: one by name, several by count
 * and first name. */
static char *
describe_documents (GPtrArray *documents)
{
  if (documents->len == 1)
    return g_strdup_printf ("document “%s”",
                            alama_document_get_name (g_ptr_array_index (documents, 0)));
  return g_strdup_printf ("%u documents (the first “%s”)", documents->len,
                          documents->len > 0 ? alama_document_get_name (g_ptr_array_index (documents, 0))
                                             : "");
}

/* Feeds @input to the running @process and collects its standard output, both
 * pipes served together so a model that writes before it has read everything
 * cannot deadlock us; gives up after @timeout_seconds or on @cancellable. */
static gboolean
communicate_with_timeout (GSubprocess   *process,
                          GBytes        *input,
                          guint          timeout_seconds,
                          GCancellable  *cancellable,
                          GBytes       **output,
                          gboolean      *timed_out,
                          GError       **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GCancellable) stop = g_cancellable_new ();
  g_autoptr(GSource) timer = g_timeout_source_new (MIN (timeout_seconds, G_MAXUINT / 1000) * 1000);
  Communication communication = { NULL, stop, FALSE };
  gulong forward = 0;
  gboolean ok;

  g_main_context_push_thread_default (context);
  if (cancellable != NULL)
    forward = g_cancellable_connect (cancellable, G_CALLBACK (forward_cancel_cb), stop, NULL);
  g_source_set_callback (timer, timeout_cb, &communication, NULL);
  g_source_attach (timer, context);

  g_subprocess_communicate_async (process, input, stop, communicate_done_cb, &communication);
  while (communication.result == NULL)
    g_main_context_iteration (context, TRUE);

  g_source_destroy (timer);
  g_cancellable_disconnect (cancellable, forward);
  ok = g_subprocess_communicate_finish (process, communication.result, output, NULL, error);
  g_object_unref (communication.result);
  g_main_context_pop_thread_default (context);

  *timed_out = communication.timed_out;
  return ok;
}

static GBytes *
run_command (const char    *command,
             GBytes        *input,
             GPtrArray     *documents,
             guint          timeout_seconds,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) output = NULL;
  g_autoptr(GError) local_error = NULL;
  SigpipeGuard guard;
  gboolean communicated;
  gboolean timed_out = FALSE;
  const char *identifier;
  pid_t pid;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, own_process_group, NULL, NULL);
  process = g_subprocess_launcher_spawn (launcher, &local_error, "/bin/sh", "-c", command, NULL);
  if (process == NULL)
    {
      g_set_error (error, ALAMA_TAGGER_ERROR, ALAMA_TAGGER_ERROR_COMMAND_FAILED,
                   _("cannot run the model command “%s”: %s"), command, local_error->message);
      return NULL;
    }
  /* GSubprocess forgets the pid once the process is reaped, which for a
   * command that exits at once can already have happened: 0 then, and there
   * is no group left to kill by that number. */
  identifier = g_subprocess_get_identifier (process);
  pid = identifier != NULL ? (pid_t) g_ascii_strtoll (identifier, NULL, 10) : 0;

  sigpipe_guard_begin (&guard);
  communicated = communicate_with_timeout (process, input, timeout_seconds, cancellable,
                                           &output, &timed_out, &local_error);
  sigpipe_guard_end (&guard);
  if (!communicated)
    {
      g_autofree char *which = describe_documents (documents);

      /* The shell may be gone while a child of it still holds the pipe: the
       * group goes, then the shell is reaped. */
      if (pid > 0)
        killpg (pid, SIGKILL);
      g_subprocess_wait (process, NULL, NULL);
      if (timed_out)
        g_set_error (error, ALAMA_TAGGER_ERROR, ALAMA_TAGGER_ERROR_TIMED_OUT,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "the model command “%s” did not finish within %u second on %s: "
                                  "it was stopped and nothing was stored (--timeout sets the limit)",
                                  "the model command “%s” did not finish within %u seconds on %s: "
                                  "it was stopped and nothing was stored (--timeout sets the limit)",
                                  timeout_seconds),
                     command, timeout_seconds, which);
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_set_error (error, ALAMA_TAGGER_ERROR, ALAMA_TAGGER_ERROR_CANCELLED,
                     _("the model command “%s” was cancelled on %s: nothing was stored"),
                     command, which);
      else
        g_set_error (error, ALAMA_TAGGER_ERROR, ALAMA_TAGGER_ERROR_COMMAND_FAILED,
                     _("the model command “%s” failed: %s"), command, local_error->message);
      return NULL;
    }

  if (!g_subprocess_get_if_exited (process))
    {
      g_set_error (error, ALAMA_TAGGER_ERROR, ALAMA_TAGGER_ERROR_COMMAND_FAILED,
                   _("the model command “%s” was killed by signal %d: nothing was stored"),
                   command, g_subprocess_get_term_sig (process));
      return NULL;
    }
  if (g_subprocess_get_exit_status (process) != 0)
    {
      g_set_error (error, ALAMA_TAGGER_ERROR, ALAMA_TAGGER_ERROR_COMMAND_FAILED,
                   _("the model command “%s” exited with status %d: nothing was stored"),
                   command, g_subprocess_get_exit_status (process));
      return NULL;
    }
  return g_steal_pointer (&output);
}

/* ---- Reading the model's output ------------------------------------------- */

typedef struct
{
  AlamaDocument *document;  /* borrowed */
  char          *text;
  gint64         length;
} ExternalDoc;

static void
external_doc_free (ExternalDoc *doc)
{
  g_free (doc->text);
  g_free (doc);
}

/* The document a line is about: "id" (ours) first, else "name". */
static AlamaDocument *
find_line_document (JsonObject  *object,
                    GPtrArray   *documents,
                    char       **out_what)
{
  if (json_object_has_member (object, "id") &&
      JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "id")) &&
      json_node_get_value_type (json_object_get_member (object, "id")) == G_TYPE_INT64)
    {
      gint64 id = json_object_get_int_member (object, "id");

      for (guint i = 0; i < documents->len; i++)
        if (alama_document_get_id (g_ptr_array_index (documents, i)) == id)
          return g_ptr_array_index (documents, i);
      *out_what = g_strdup_printf ("no document with id %" G_GINT64_FORMAT " was given to the "
                                   "model", id);
    }

  if (json_object_has_member (object, "name") &&
      JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "name")) &&
      json_node_get_value_type (json_object_get_member (object, "name")) == G_TYPE_STRING)
    {
      const char *name = json_object_get_string_member (object, "name");

      g_clear_pointer (out_what, g_free);
      for (guint i = 0; i < documents->len; i++)
        if (g_strcmp0 (alama_document_get_name (g_ptr_array_index (documents, i)), name) == 0)
          return g_ptr_array_index (documents, i);
      *out_what = g_strdup_printf ("no document named “%s” was given to the model", name);
    }

  if (*out_what == NULL)
    *out_what = g_strdup ("the line has neither an \"id\" nor a \"name\" of a document");
  return NULL;
}

static gboolean
node_is_int (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_INT64;
}

/* An entity or relation id as a string key: models use numbers or "T1". */
static char *
id_key (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return NULL;
}

static gboolean
check_fragment (gint64   start,
                gint64   end,
                gint64   length,
                guint    entity,
                char   **out_problem)
{
  if (start < 0 || end > length || start >= end)
    {
      *out_problem = g_strdup_printf ("entity %u: offsets %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT
                                      " are not inside the text of %" G_GINT64_FORMAT
                                      " characters (start must be < end)",
                                      entity, start, end, length);
      return FALSE;
    }
  return TRUE;
}

static AlamaSpan *
parse_entity (JsonNode    *node,
              guint        n,
              gint64       length,
              const char  *source,
              char       **out_problem)
{
  JsonObject *object;
  JsonNode *label, *start, *end, *fragments, *attributes;
  g_autoptr(AlamaSpan) span = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      *out_problem = g_strdup_printf ("entity %u is not an object", n);
      return NULL;
    }
  object = json_node_get_object (node);
  label = json_object_get_member (object, "label");
  start = json_object_get_member (object, "start_offset");
  end = json_object_get_member (object, "end_offset");
  if (label == NULL || !JSON_NODE_HOLDS_VALUE (label) ||
      json_node_get_value_type (label) != G_TYPE_STRING || !node_is_int (start) ||
      !node_is_int (end))
    {
      *out_problem = g_strdup_printf ("entity %u needs \"label\" (a string), \"start_offset\" and "
                                      "\"end_offset\" (integers)", n);
      return NULL;
    }
  if (!check_fragment (json_node_get_int (start), json_node_get_int (end), length, n,
                       out_problem))
    return NULL;

  fragments = json_object_get_member (object, "fragments");
  if (fragments != NULL && JSON_NODE_HOLDS_ARRAY (fragments) &&
      json_array_get_length (json_node_get_array (fragments)) > 0)
    {
      JsonArray *array = json_node_get_array (fragments);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *pair = json_array_get_element (array, i);
          JsonArray *bounds;

          if (!JSON_NODE_HOLDS_ARRAY (pair) ||
              json_array_get_length (bounds = json_node_get_array (pair)) != 2 ||
              !node_is_int (json_array_get_element (bounds, 0)) ||
              !node_is_int (json_array_get_element (bounds, 1)))
            {
              *out_problem = g_strdup_printf ("entity %u: \"fragments\" must be [[start, end], ...]",
                                              n);
              return NULL;
            }
          if (!check_fragment (json_array_get_int_element (bounds, 0),
                               json_array_get_int_element (bounds, 1), length, n, out_problem))
            return NULL;
          if (span == NULL)
            span = alama_span_new (json_node_get_string (label),
                                   json_array_get_int_element (bounds, 0),
                                   json_array_get_int_element (bounds, 1));
          else
            alama_span_add_fragment (span, json_array_get_int_element (bounds, 0),
                                     json_array_get_int_element (bounds, 1));
        }
    }
  else
    span = alama_span_new (json_node_get_string (label), json_node_get_int (start),
                           json_node_get_int (end));

  attributes = json_object_get_member (object, "attributes");
  if (attributes != NULL && JSON_NODE_HOLDS_OBJECT (attributes))
    {
      JsonObject *attrs = json_node_get_object (attributes);
      g_autoptr(GList) names = json_object_get_members (attrs);

      for (GList *l = names; l != NULL; l = l->next)
        {
          JsonNode *value = json_object_get_member (attrs, l->data);

          if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
            alama_span_set_attribute (span, l->data, json_node_get_string (value));
        }
    }

  span->status = ALAMA_STATUS_PENDING;
  g_free (span->source);
  span->source = g_strdup (source);
  return g_steal_pointer (&span);
}

/* Turns one line into proposals, or returns NULL with a problem description. */
static AlamaTaggerProposals *
parse_line (JsonObject   *object,
            ExternalDoc  *doc,
            const char   *source,
            char        **out_problem)
{
  g_autoptr(AlamaTaggerProposals) proposals = alama_tagger_proposals_new ();
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonNode *entities = json_object_get_member (object, "entities");
  JsonNode *relations = json_object_get_member (object, "relations");

  if (entities != NULL && !JSON_NODE_HOLDS_NULL (entities))
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (entities))
        {
          *out_problem = g_strdup ("\"entities\" is not an array");
          return NULL;
        }
      array = json_node_get_array (entities);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          AlamaSpan *span = parse_entity (node, i + 1, doc->length, source, out_problem);
          g_autofree char *key = NULL;
          guint index;

          if (span == NULL)
            return NULL;
          index = alama_tagger_proposals_add_span (proposals, span);
          key = id_key (json_object_get_member (json_node_get_object (node), "id"));
          if (key != NULL)
            g_hash_table_insert (by_id, g_steal_pointer (&key), GUINT_TO_POINTER (index + 1));
        }
    }

  if (relations != NULL && !JSON_NODE_HOLDS_NULL (relations))
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (relations))
        {
          *out_problem = g_strdup ("\"relations\" is not an array");
          return NULL;
        }
      array = json_node_get_array (relations);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          JsonObject *relation;
          g_autofree char *from = NULL;
          g_autofree char *to = NULL;
          const char *type;
          guint from_index, to_index;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            {
              *out_problem = g_strdup_printf ("relation %u is not an object", i + 1);
              return NULL;
            }
          relation = json_node_get_object (node);
          from = id_key (json_object_get_member (relation, "from_id"));
          to = id_key (json_object_get_member (relation, "to_id"));
          type = json_object_get_member (relation, "type") &&
                 JSON_NODE_HOLDS_VALUE (json_object_get_member (relation, "type"))
                 ? json_object_get_string_member (relation, "type") : NULL;
          if (from == NULL || to == NULL || type == NULL || *type == '\0')
            {
              *out_problem = g_strdup_printf ("relation %u needs \"from_id\", \"to_id\" and "
                                              "\"type\"", i + 1);
              return NULL;
            }
          from_index = GPOINTER_TO_UINT (g_hash_table_lookup (by_id, from));
          to_index = GPOINTER_TO_UINT (g_hash_table_lookup (by_id, to));
          if (from_index == 0 || to_index == 0)
            {
              *out_problem = g_strdup_printf ("relation %u points to entity id %s, which the line "
                                              "does not have", i + 1,
                                              from_index == 0 ? from : to);
              return NULL;
            }
          alama_tagger_proposals_add_relation (proposals, type, from_index - 1, to_index - 1);
        }
    }

  return g_steal_pointer (&proposals);
}

gboolean
alama_tagger_run_external (AlamaStore          *store,
                           const char          *command,
                           const char          *source,
                           const char * const  *doc_names,
                           AlamaTaggerReport   *report,
                           GCancellable        *cancellable,
                           GError             **error)
{
  return alama_tagger_run_external_full (store, command, source, doc_names,
                                         ALAMA_TAGGER_DEFAULT_TIMEOUT, report, cancellable, error);
}

gboolean
alama_tagger_run_external_full (AlamaStore          *store,
                                const char          *command,
                                const char          *source,
                                const char * const  *doc_names,
                                guint                timeout_seconds,
                                AlamaTaggerReport   *report,
                                GCancellable        *cancellable,
                                GError             **error)
{
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GBytes) input = NULL;
  g_autoptr(GBytes) output = NULL;
  g_autoptr(GHashTable) texts = NULL;   /* document id → ExternalDoc, read once */
  gsize size = 0;
  const char *data;
  const char *end;
  guint line_no = 0;

  g_return_val_if_fail (ALAMA_IS_STORE (store), FALSE);
  g_return_val_if_fail (command != NULL, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  if (source == NULL || *source == '\0')
    source = ALAMA_TAGGER_SOURCE_EXTERNAL;

  documents = alama_tagger_select_documents (store, doc_names, error);
  if (documents == NULL)
    return FALSE;
  input = documents_to_jsonl (store, documents, error);
  if (input == NULL)
    return FALSE;
  output = run_command (command, input, documents, timeout_seconds, cancellable, error);
  if (output == NULL)
    return FALSE;

  data = g_bytes_get_data (output, &size);
  if (data == NULL)
    data = "";
  end = data + size;
  texts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                 (GDestroyNotify) external_doc_free);

  /* Line by line over the bytes, not as C strings: a NUL byte in the output
   * must cost its line, not silently end the output. */
  for (const char *p = data; p < end; )
    {
      const char *start = p;
      const char *newline = memchr (p, '\n', end - p);
      gsize line_len = newline != NULL ? (gsize) (newline - p) : (gsize) (end - p);
      const char *nul = memchr (p, '\0', line_len);
      g_autofree char *line = g_strndup (p, line_len);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) line_error = NULL;
      g_autoptr(AlamaTaggerProposals) proposals = NULL;
      g_autofree char *problem = NULL;
      AlamaDocument *document;
      ExternalDoc *doc;
      gint64 id;
      JsonNode *root;
      gsize value_len = 0, problem_at = 0, indent = 0;
      char *value;

      line_no++;
      p = newline != NULL ? newline + 1 : end;
      while (indent < line_len && g_ascii_isspace (start[indent]))
        indent++;
      value = g_strstrip (line);
      if (nul == NULL && value[0] == '\0')
        continue;

      if (nul != NULL)
        problem = g_strdup_printf ("a NUL byte at byte %" G_GSIZE_FORMAT " of the line",
                                   (gsize) (nul - start));
      else if (!g_utf8_validate (value, -1, NULL))
        problem = g_strdup ("invalid UTF-8");
      /* Only the first value goes to json-glib, and only once it is known that
       * json-glib reads it right: see alama-json-private.h. */
      else if ((problem = _alama_json_check_first_value (value, strlen (value), &value_len,
                                                         &problem_at)) != NULL)
        {
          g_autofree char *what = g_steal_pointer (&problem);

          problem = g_strdup_printf ("%s (at byte %" G_GSIZE_FORMAT " of the line)", what,
                                     indent + problem_at);
        }
      else if (!json_parser_load_from_data (parser, value, value_len, &line_error))
        problem = g_strdup_printf ("not JSON: %s", line_error->message);
      else if (_alama_json_has_more_than_one_value (value, strlen (value)))
        problem = g_strdup ("more than one JSON value on a line");
      else if ((root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
        problem = g_strdup ("not a JSON object");
      else if ((document = find_line_document (json_node_get_object (root), documents,
                                               &problem)) != NULL)
        {
          id = alama_document_get_id (document);
          doc = g_hash_table_lookup (texts, &id);
          if (doc == NULL)
            {
              doc = g_new0 (ExternalDoc, 1);
              doc->document = document;
              doc->text = alama_store_dup_document_text (store, id, error);
              if (doc->text == NULL)
                {
                  external_doc_free (doc);
                  return FALSE;
                }
              doc->length = alama_text_length (doc->text);
              g_hash_table_insert (texts, g_memdup2 (&id, sizeof id), doc);
            }
          g_clear_pointer (&problem, g_free);
          proposals = parse_line (json_node_get_object (root), doc, source, &problem);
        }

      if (proposals == NULL)
        {
          g_ptr_array_add (report->messages,
                           g_strdup_printf ("model output line %u: %s; the line was skipped",
                                            line_no, problem ? problem : "unreadable"));
          continue;
        }

      if (!alama_tagger_store_proposals (store, id, proposals, report, error))
        return FALSE;
    }
  return TRUE;
}
