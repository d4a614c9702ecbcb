/* store-test-util.h: for the core tests that make a project file of their own. */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>

/* Removes a project file and the -wal and -shm files SQLite keeps beside it
 * (close the store first). */
static inline void
remove_project_files (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_remove (path);
  g_remove (wal);
  g_remove (shm);
}
