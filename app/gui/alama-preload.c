/* alama-preload.c: the first frame's reads in a thread (see the header). Nothing
 * here calls GTK: the worker runs while GTK initialises on the main thread. */
#define G_LOG_DOMAIN "alama-preload"

#include "config.h"

#include <string.h>

#include "alama-probe.h"
#include "alama-preload.h"

struct _AlamaPreload
{
  GThread                *thread;

  /* Inputs, read-only once the thread runs */
  char                   *path;
  char                   *document_name;
  AlamaSpanFilter         filter;
  AlamaDisplayDir         dir;

  /* Outputs, written by the thread only, read after the join */
  AlamaStore             *store;
  AlamaPreloadOpen        how;
  GError                 *error;
  AlamaPreloadedDocument *document;
};

void
alama_preloaded_document_free (AlamaPreloadedDocument *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->map, alama_display_map_free);
  g_clear_pointer (&self->span_index, alama_span_index_free);
  g_clear_object (&self->model);
  g_free (self);
}

AlamaStore *
alama_preload_open_store (const char        *path,
                          AlamaPreloadOpen  *how,
                          GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  AlamaStore *store;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (how != NULL, NULL);

  *how = ALAMA_PRELOAD_OPEN_WRITABLE;
  /* An older project is not upgraded here: the window upgrades it in a
   * worker, showing how far it is (alama-window-upgrade.c). */
  store = alama_store_open_current (path, ALAMA_STORE_OPEN_DEFAULT, &local_error);
  if (store != NULL)
    return store;

  if (g_error_matches (local_error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_READ_ONLY) ||
      g_error_matches (local_error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_LOCKED))
    {
      AlamaPreloadOpen fallback = local_error->code == ALAMA_STORE_ERROR_LOCKED
                                  ? ALAMA_PRELOAD_OPEN_READ_ONLY_LOCKED
                                  : ALAMA_PRELOAD_OPEN_READ_ONLY_FILE;

      g_clear_error (&local_error);
      store = alama_store_open (path, ALAMA_STORE_OPEN_READ_ONLY, &local_error);
      if (store != NULL)
        {
          *how = fallback;
          return store;
        }
    }

  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

/* The display map of a text, made beside the reading of the spans. */
typedef struct
{
  char            *text;
  AlamaDisplayDir  dir;
  AlamaDisplayMap *map;
} MapJob;

static gpointer
map_thread (gpointer data)
{
  MapJob *job = data;

  job->map = alama_display_map_new (job->text, job->dir);
  return NULL;
}

/* What alama_doc_view_set_document() and its reload make: the document's
 * model (text, spans, relations), its display map and the shown spans' index.
 * A failed read leaves its part NULL. */
static AlamaPreloadedDocument *
read_document (AlamaPreload  *self,
               AlamaDocument *document)
{
  AlamaPreloadedDocument *out = g_new0 (AlamaPreloadedDocument, 1);
  gint64 id = alama_document_get_id (document);
  MapJob job = { NULL, self->dir, NULL };
  GThread *mapper = NULL;

  out->document_id = id;
  out->dir = self->dir;
  out->filter = self->filter;

  /* The display map needs only the text: on a second core it is made while
   * this thread reads the spans, the longest part of a large document. */
  job.text = alama_store_dup_document_text (self->store, id, NULL);
  if (job.text != NULL)
    mapper = g_thread_new ("alama-preload-map", map_thread, &job);

  out->model = alama_document_model_get_for_document (self->store, id, NULL);
  if (out->model != NULL)
    {
      /* Its index now, in this thread, rather than on the first frame's. */
      alama_document_model_get_text_index (out->model);
      /* The shown spans' own index, when some are hidden (the view draws the
       * model's index itself otherwise). */
      if (alama_span_filter_hides_any (&self->filter, out->model, 0,
                                       alama_document_model_get_n_spans (out->model)))
        out->span_index = alama_span_filter_new_index (&self->filter, out->model);
    }

  if (mapper != NULL)
    g_thread_join (mapper);
  /* The map goes with the model's text; a text changed between the two
   * reads (another process edited it) gets a map of its own. */
  if (out->model != NULL)
    {
      const char *text = alama_document_model_get_text (out->model);

      if (job.map != NULL && strcmp (job.text, text) == 0)
        out->map = g_steal_pointer (&job.map);
      else
        out->map = alama_display_map_new (text, self->dir);
    }
  g_clear_pointer (&job.map, alama_display_map_free);
  g_free (job.text);
  return out;
}

static gpointer
preload_thread (gpointer data)
{
  AlamaPreload *self = data;
  g_autoptr(AlamaDocument) document = NULL;
  g_autoptr(AlamaSchema) schema = NULL;
  GListModel *documents;

  self->store = alama_preload_open_store (self->path, &self->how, &self->error);
  if (self->store == NULL)
    return NULL;

  /* The window lists the documents and the view draws with the schema: both
   * are read once and kept by the store. */
  documents = alama_store_get_documents (self->store);
  schema = alama_store_get_schema (self->store);

  if (self->document_name != NULL)
    document = alama_store_find_document (self->store, self->document_name);
  else if (g_list_model_get_n_items (documents) > 0)
    document = g_list_model_get_item (documents, 0);
  if (document != NULL)
    self->document = read_document (self, document);

  alama_probe_point ("preload-done", NULL);
  return NULL;
}

AlamaPreload *
alama_preload_start (const char            *path,
                     const char            *document_name,
                     const AlamaSpanFilter *filter,
                     AlamaDisplayDir        dir)
{
  AlamaPreload *self;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  self = g_new0 (AlamaPreload, 1);
  self->path = g_strdup (path);
  self->document_name = g_strdup (document_name);
  self->filter = *filter;
  self->dir = dir;
  self->thread = g_thread_new ("alama-preload", preload_thread, self);
  return self;
}

const char *
alama_preload_get_path (AlamaPreload *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->path;
}

const char *
alama_preload_get_document_name (AlamaPreload *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->document_name;
}

static void
join (AlamaPreload *self)
{
  if (self->thread == NULL)
    return;
  g_thread_join (g_steal_pointer (&self->thread));
}

AlamaStore *
alama_preload_finish (AlamaPreload            *self,
                      AlamaPreloadOpen        *how,
                      AlamaPreloadedDocument **document,
                      GError                 **error)
{
  AlamaStore *store;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (how != NULL, NULL);
  g_return_val_if_fail (document != NULL, NULL);

  join (self);
  *how = self->how;
  *document = g_steal_pointer (&self->document);
  store = g_steal_pointer (&self->store);
  if (store == NULL)
    g_propagate_error (error, g_steal_pointer (&self->error));
  alama_preload_free (self);
  return store;
}

void
alama_preload_free (AlamaPreload *self)
{
  if (self == NULL)
    return;
  join (self);
  g_clear_object (&self->store);
  g_clear_error (&self->error);
  g_clear_pointer (&self->document, alama_preloaded_document_free);
  g_free (self->path);
  g_free (self->document_name);
  g_free (self);
}
