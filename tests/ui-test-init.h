/* ui-test-init.h: the start of every in-process ui test program. A display is
 * needed: without one the program skips (77), except under CI=true, where that
 * is a failure (CI runs the ui suite under Xvfb). */
#pragma once

#include <stdlib.h>

#include <adwaita.h>

static inline void
ui_test_init (int    *argc,
              char ***argv)
{
  g_test_init (argc, argv, NULL);
  if (!gtk_init_check ())
    {
      if (g_strcmp0 (g_getenv ("CI"), "true") == 0)
        {
          g_printerr ("No display, and CI=true: the ui suite must run (use xvfb-run)\n");
          exit (1);
        }
      g_print ("1..0 # SKIP no display\n");
      exit (77);
    }
  adw_init ();
}
