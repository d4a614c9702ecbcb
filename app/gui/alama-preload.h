/* alama-preload.h: the project and document of the first frame, read in a
 * thread while the main thread initialises GTK.
 *
 * Opening the project and reading a large document (text, its index, display
 * map, spans, relations, span index) needs no GTK, while GTK + libadwaita
 * initialisation, the window template and presenting the window keep the main
 * thread busy: on more than one core the two overlap. The
 * application starts an AlamaPreload for the project named on the command line
 * (or the last project) before GTK starts; the window takes the store and the
 * document's data when it opens that same project, and reads everything itself
 * as before otherwise.
 *
 * Threads: the worker opens its own AlamaStore and is the only one to touch it
 * until alama_preload_finish() joins the thread; from then on everything belongs
 * to the main thread (SQLite allows a connection to move between threads when
 * no two use it at once). Errors are not reported by the worker: a failed open
 * is handed over as the GError the window would have got itself, and a failed
 * read leaves that part out, so the view reads it again and reports it as
 * before.
 */
#pragma once

#include <alama/alama.h>
#include <alama/alama-store-upgrade.h>

#include "alama-display-map.h"
#include <alama/alama-span-index.h>

G_BEGIN_DECLS

/* How alama_preload_open_store() opened the project. */
typedef enum
{
  ALAMA_PRELOAD_OPEN_WRITABLE,
  ALAMA_PRELOAD_OPEN_READ_ONLY_FILE,    /* the file or folder is read-only */
  ALAMA_PRELOAD_OPEN_READ_ONLY_LOCKED,  /* another process holds the write lock */
} AlamaPreloadOpen;

/* What the document view shows first, all owned; any member may be NULL (not
 * read, or the read failed). @model is the store's shared model of the
 * document; @map was built for @dir, @span_index for the spans of @model that
 * @filter shows (NULL when it shows them all). */
typedef struct
{
  gint64              document_id;
  AlamaDocumentModel *model;
  AlamaDisplayDir     dir;
  AlamaDisplayMap    *map;
  AlamaSpanFilter     filter;
  AlamaSpanIndex     *span_index;
} AlamaPreloadedDocument;

void alama_preloaded_document_free (AlamaPreloadedDocument *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlamaPreloadedDocument, alama_preloaded_document_free)

/* Opens @path for writing if we may, else read-only, saying which in @how.
 * The workbench's one way of opening a project (the window calls it when
 * nothing was preloaded). A project older than this version is not upgraded:
 * that fails with ALAMA_STORE_UPGRADE_ERROR_NEEDED, the file left alone, and
 * the window upgrades it with alama-upgrade-task.h. */
AlamaStore *alama_preload_open_store (const char        *path,
                                      AlamaPreloadOpen  *how,
                                      GError           **error);

typedef struct _AlamaPreload AlamaPreload;

/* Starts the thread. @path is canonical (g_canonicalize_filename()); the
 * document is @document_name, or the project's first one when NULL. */
AlamaPreload *alama_preload_start  (const char            *path,
                                    const char            *document_name,
                                    const AlamaSpanFilter *filter,
                                    AlamaDisplayDir        dir);
const char   *alama_preload_get_path (AlamaPreload    *self);
/* The document asked for (--open), or NULL for the first one. */
const char   *alama_preload_get_document_name (AlamaPreload *self);
/* Waits for the thread, then hands over the store (transfer full; NULL with
 * @error set when it could not be opened, as alama_preload_open_store()) and
 * the document's data (transfer full, may be NULL). Frees @self. */
AlamaStore   *alama_preload_finish (AlamaPreload            *self,
                                    AlamaPreloadOpen        *how,
                                    AlamaPreloadedDocument **document,
                                    GError                 **error);
/* Waits for the thread and drops what it read (a project nobody opened). */
void          alama_preload_free   (AlamaPreload            *self);

G_END_DECLS
