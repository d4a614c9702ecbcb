/* alama-icon-warmup.c: the icon themes read off the main thread (see the
 * header). */
#define G_LOG_DOMAIN "alama-icon-warmup"

#include "config.h"

#include "alama-bench-hooks.h"
#include "alama-icon-warmup.h"

/* Any name does: the first lookup reads every theme in the chain. This one is
 * in every icon theme GTK falls back to, and the workbench shows it. */
#define ANY_ICON "text-x-generic-symbolic"

static gpointer
warm_up_thread (gpointer data)
{
  g_autoptr(GtkIconTheme) theme = data;

  gtk_icon_theme_has_icon (theme, ANY_ICON);
  alama_bench_mark ("icon theme read");
  return NULL;
}

GThread *
alama_icon_warmup_start (GtkIconTheme *theme)
{
  g_return_val_if_fail (GTK_IS_ICON_THEME (theme), NULL);

  return g_thread_new ("alama-icons", warm_up_thread, g_object_ref (theme));
}
