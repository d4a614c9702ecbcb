/* alama-start-page.h: shown when no project is open: create a project, open one,
 * or start one from files. Its buttons activate the window's actions
 * (win.new-project, win.open-project, win.import-files). */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ALAMA_TYPE_START_PAGE (alama_start_page_get_type ())
G_DECLARE_FINAL_TYPE (AlamaStartPage, alama_start_page, ALAMA, START_PAGE, AdwBin)

GtkWidget *alama_start_page_new (void);

G_END_DECLS
