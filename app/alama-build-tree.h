/* alama-build-tree.h: whether the running program is the one in its build tree,
 * which reads its translations and its workbench module from there. */
#pragma once

#include <glib.h>

gboolean alama_build_tree_running (void);
