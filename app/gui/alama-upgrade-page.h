/* alama-upgrade-page.h: shown while a project made by an older version of Alama
 * is upgraded: from which version, how far the upgrade is, and a Cancel button
 * that emits "cancel" (the window stops the upgrade; the file stays as it was). */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ALAMA_TYPE_UPGRADE_PAGE (alama_upgrade_page_get_type ())
G_DECLARE_FINAL_TYPE (AlamaUpgradePage, alama_upgrade_page, ALAMA, UPGRADE_PAGE, AdwBin)

GtkWidget *alama_upgrade_page_new          (void);
/* A new upgrade of the project @name from @from_version to @to_version: the
 * progress starts again at nothing done. */
void       alama_upgrade_page_start        (AlamaUpgradePage *self,
                                            const char       *name,
                                            guint             from_version,
                                            guint             to_version);
/* Migration @step (0-based) of @n_steps is running; @fraction of the whole
 * upgrade is done. */
void       alama_upgrade_page_set_progress (AlamaUpgradePage *self,
                                            guint             step,
                                            guint             n_steps,
                                            double            fraction);
/* Gives the keyboard to the Cancel button (Escape cancels too). */
void       alama_upgrade_page_focus_cancel (AlamaUpgradePage *self);

G_END_DECLS
