/* alama-window.h: the workbench window.
 *
 * A document list (sidebar), the annotation canvas (AlamaDocView) and the
 * annotation panel, around one open project (AlamaStore). Without a project it
 * shows a start page.
 */
#pragma once

#include <adwaita.h>

#include <alama/alama-store.h>

#include "alama-application.h"

G_BEGIN_DECLS

#define ALAMA_TYPE_WINDOW (alama_window_get_type ())
G_DECLARE_FINAL_TYPE (AlamaWindow, alama_window, ALAMA, WINDOW, AdwApplicationWindow)

AlamaWindow   *alama_window_new                      (AlamaApplication *app);

/* Opens the project at @path in this window (closing the one shown). On failure
 * the reason is shown to the user and FALSE returned. */
gboolean       alama_window_open_project             (AlamaWindow      *self,
                                                      const char       *path);
/* The open project, or NULL. */
AlamaStore    *alama_window_get_store                (AlamaWindow      *self);
/* The document shown, or NULL. */
AlamaDocument *alama_window_get_document             (AlamaWindow      *self);
/* Shows the document of that name; FALSE if there is none. */
gboolean       alama_window_select_document_by_name  (AlamaWindow      *self,
                                                      const char       *name);
void           alama_window_show_toast               (AlamaWindow      *self,
                                                      const char       *message);

G_END_DECLS
