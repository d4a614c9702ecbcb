/* alama-dashboard.h: the project at a glance (win.dashboard, Ctrl+D).
 *
 * A window of bar charts computed by alama_stats_collect() (the numbers of
 * `alama stats --json`): annotations per label (accepted + pending, in the label
 * colours) and per status, per annotator, documents done vs remaining, the most
 * frequent entities, the speakers with the most quotes and the claimants with the
 * most claims. Each bar opens the project search for it ("search" signal).
 * With "min-confidence" set (the text view's threshold), the statuses say
 * that their pending count includes suggestions the text hides.
 *
 * Signals:
 *   "search" (const char *label, const char *text): either may be NULL.
 */
#pragma once

#include <adwaita.h>

#include <alama/alama-store.h>

#include "alama-bar-chart.h"

G_BEGIN_DECLS

#define ALAMA_TYPE_DASHBOARD (alama_dashboard_get_type ())
G_DECLARE_FINAL_TYPE (AlamaDashboard, alama_dashboard, ALAMA, DASHBOARD, AdwWindow)

AlamaDashboard *alama_dashboard_new         (GtkWindow      *parent,
                                             AlamaStore     *store);
/* Re-reads the numbers. FALSE (and the message shown) if the project failed. */
gboolean        alama_dashboard_refresh     (AlamaDashboard *self);
/* "labels", "statuses", "annotators", "entities", "speakers", "claimants". */
AlamaBarChart  *alama_dashboard_get_chart   (AlamaDashboard *self,
                                             const char     *name);
gint64          alama_dashboard_get_documents      (AlamaDashboard *self);
gint64          alama_dashboard_get_documents_done (AlamaDashboard *self);

G_END_DECLS
