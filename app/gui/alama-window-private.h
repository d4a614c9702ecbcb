/* alama-window-private.h: what alama-window.c and alama-window-actions.c share. */
#pragma once

#include "alama-after-frame.h"
#include "alama-annotation-panel.h"
#include "alama-dashboard.h"
#include "alama-pending-count.h"
#include "alama-source-chooser.h"
#include "alama-doc-view.h"
#include "alama-find-bar.h"
#include "alama-search-panel.h"
#include "alama-start-page.h"
#include "alama-upgrade-page.h"
#include "alama-window.h"

G_BEGIN_DECLS

/* Review state: alama-window-review.c */
typedef struct _AlamaWindowReview AlamaWindowReview;
/* Learning in the background: alama-window-learn.c */
typedef struct _AlamaWindowLearn AlamaWindowLearn;
/* Upgrading an older project: alama-window-upgrade.c */
typedef struct _AlamaWindowUpgrade AlamaWindowUpgrade;

struct _AlamaWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkMenuButton        *primary_menu_button;
  GtkBox               *learn_box;         /* alama-window-learn.c shows it while learning */
  GtkSpinner           *learn_spinner;
  GtkLabel             *learn_label;
  GtkButton            *undo_button;
  GtkButton            *redo_button;
  GtkRevealer          *read_only_revealer;
  GtkLabel             *read_only_label;
  GtkRevealer          *progress_revealer;
  GtkLabel             *progress_label;
  GtkProgressBar       *progress_bar;
  GtkStack             *main_stack;
  AlamaStartPage       *start_page;
  GtkPaned             *outer_paned;
  GtkPaned             *inner_paned;
  GtkWidget            *sidebar;
  GtkSearchEntry       *filter_entry;
  AlamaSourceChooser   *source_chooser;    /* review: one source of suggestions */
  GtkListView          *document_list;
  GtkStack             *view_stack;
  GtkBox               *view_box;
  GtkScrolledWindow    *view_scroller;
  AlamaDocView         *doc_view;
  AlamaAnnotationPanel *panel;

  /* Owned references */
  GSettings            *settings;
  AlamaStore           *store;
  AlamaDocument        *document;
  GtkCustomFilter      *document_filter;
  GtkFilterListModel   *filtered_documents;
  GtkSingleSelection   *document_selection;
  char                 *filter_needle;     /* normalised, casefolded; NULL = show all */
  GCancellable         *io_cancellable;    /* the running import/export, or NULL */
  AlamaWindowReview    *review;            /* suggestions review (alama-window-review.c) */
  AlamaWindowLearn     *learn;             /* retraining (alama-window-learn.c) */
  AlamaWindowUpgrade   *upgrade;           /* the upgrade waited for, or NULL (alama-window-upgrade.c) */
  AlamaUpgradePage     *upgrade_page;      /* borrowed: in main_stack once needed, or NULL */
  GFile                *import_folder;     /* where the last import came from, or NULL */
  AdwToast             *undo_toast;        /* weak: the toast offering Undo, or NULL */
  gint64                undo_toast_change; /* ...of this change */

  /* Find, project search and dashboard (alama-window-insight.c). The find bar
   * and the search panel are made the first time they are needed: hidden
   * until then, they would only slow the first frame, and each tooltip they
   * set costs X round trips (GTK asks where the pointer is). */
  AlamaFindBar         *find_bar;          /* borrowed: in view_box, or NULL */
  AlamaSearchPanel     *search_panel;      /* borrowed: in the sidebar, or NULL */
  AlamaStore           *search_store;      /* the store the search was given (not a reference) */
  AlamaDashboard       *dashboard;         /* weak pointer */
  AlamaPendingCount    *pending_count;     /* the document list's badges count with it */
  int                   search_sidebar_width; /* before the search widened it, or 0 */

  /* State */
  gulong                store_changed_id;
  guint                 refresh_source_id;  /* every 2 s: other processes' changes */
  gboolean              syncing_selection;  /* view <-> panel, to stop ping-pong */
  AlamaAfterFrame      *panel_follows_view; /* the view's selection, to the panel */
  gboolean              first_frame_armed;
  gboolean              window_painted;     /* the first frame is on screen */
  guint                 panel_fill_id;      /* idle: the panel gets the document */
  gboolean              panel_width_applied;
  int                   import_after_create;  /* 0, or IMPORT_FILES/FOLDER once a project exists */
};

enum
{
  IMPORT_NONE,
  IMPORT_FILES,
  IMPORT_FOLDER,
};

/* alama-window.c */
void     _alama_window_show_error         (AlamaWindow *self,
                                           const char  *heading,
                                           const char  *body);
/* Re-opens the project (after an import by a worker's own connection), keeping
 * the document shown. */
void     _alama_window_reload_project     (AlamaWindow *self);
gint64   _alama_window_get_selected_span  (AlamaWindow *self);
/* The relation selected in the text (and the panel), or 0. */
gint64   _alama_window_get_selected_relation (AlamaWindow *self);
void     _alama_window_step_document      (AlamaWindow *self,
                                           int          step);

/* Names the document and project shown (or upgraded) in the title. */
void     _alama_window_update_title       (AlamaWindow *self);
/* Opens the project @store, which was upgraded from @path, as
 * alama_window_open_project() does, at @document_name when not NULL. */
void     _alama_window_show_upgraded      (AlamaWindow *self,
                                           const char  *path,
                                           AlamaStore  *store,
                                           const char  *document_name);

/* alama-window-upgrade.c */
/* Shows the upgrade page and upgrades @path in a worker, then opens it. */
void     _alama_window_upgrade_project    (AlamaWindow *self,
                                           const char  *path,
                                           const char  *document_name);
/* Stops waiting for an upgrade and cancels it (the file stays as it was). */
void     _alama_window_upgrade_stop       (AlamaWindow *self);
/* The file being upgraded, or NULL. */
const char *_alama_window_upgrade_get_path (AlamaWindow *self);

/* alama-window-actions.c */
/* Installs the window's actions (win.*) on its class, with those of the
 * files below; call from class_init. */
void     _alama_window_class_install_actions (GtkWidgetClass *widget_class);
/* Adds the GSettings actions (font, direction ...) to the window's action map. */
void     _alama_window_add_settings_actions  (AlamaWindow *self);
/* Enables and disables actions and sets the undo/redo tooltips from the state. */
void     _alama_window_update_actions     (AlamaWindow *self);
/* A project is open and may be written to. */
gboolean _alama_window_is_writable        (AlamaWindow *self);

/* alama-window-io.c */
void     _alama_window_class_install_io_actions (GtkWidgetClass *widget_class);
/* Import / export in the background with the progress bar (the file choosers
 * end here; tests call them directly). */
void     _alama_window_start_import       (AlamaWindow        *self,
                                           const char * const *paths,
                                           AlamaFormat         format,
                                           gboolean            as_suggestions,
                                           gboolean            add_labels);
void     _alama_window_start_export       (AlamaWindow        *self,
                                           AlamaFormat         format,
                                           const char         *out_path,
                                           AlamaStatusMask     statuses);

/* alama-window-review.c */
/* Installs the review actions (win.review-*, win.accept-all-*, win.run-taggers)
 * and the N / P keys on the class. */
void     _alama_window_class_install_review_actions (GtkWidgetClass *widget_class);
/* Adds the source drop-down and the Review menu; call once from init. */
void     _alama_window_setup_review    (AlamaWindow *self);
/* Called by _alama_window_update_actions(). */
void     _alama_window_update_review_actions (AlamaWindow *self);
void     _alama_window_review_free           (AlamaWindow *self);
/* The project changed (the window's store said so): the parts that follow it. */
void     _alama_window_review_store_changed  (AlamaWindow *self);

/* alama-window-learn.c */
/* Installs win.retrain (Review → Learn Now) on the class. */
void     _alama_window_class_install_learn_actions (GtkWidgetClass *widget_class);
/* Follows the store's changes to retrain every "retrain-every" annotations;
 * call once from init. */
void     _alama_window_setup_learn          (AlamaWindow *self);
/* Called by _alama_window_update_actions(). */
void     _alama_window_update_learn_actions (AlamaWindow *self);
/* Cancels a running training (the window is closing); learn_done() still
 * comes when the worker has stopped. */
void     _alama_window_learn_cancel         (AlamaWindow *self);
/* Cancels a running training; from dispose. */
void     _alama_window_learn_free           (AlamaWindow *self);
/* The project changed: counts the new training annotations after the frame. */
void     _alama_window_learn_store_changed  (AlamaWindow *self);

G_END_DECLS
