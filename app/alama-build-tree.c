/* alama-build-tree.c: is the running executable the one in its build tree? */
#define G_LOG_DOMAIN "alama"

#include "config.h"

#include <stdlib.h>

#include "alama-build-tree.h"

/* TRUE when the running executable lies inside the build tree it was built
 * in: `build/app/alama` run by hand or by .ci/setup-and-run. The installed copy
 * lives elsewhere and reads the installed files. */
gboolean
alama_build_tree_running (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *root = realpath (BUILD_ROOT, NULL);
  g_autofree char *prefix = NULL;

  if (exe == NULL || root == NULL)
    return FALSE;
  prefix = g_strconcat (root, G_DIR_SEPARATOR_S, NULL);
  return g_str_has_prefix (exe, prefix);
}
