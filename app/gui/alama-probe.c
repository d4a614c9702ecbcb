/* alama-probe.c: the one watcher of the workbench's named points (see the
 * header). */
#include "config.h"

#include "alama-probe.h"

static AlamaProbeFunc probe_func;
static gpointer probe_data;

void
alama_probe_install (AlamaProbeFunc func,
                     gpointer       user_data)
{
  probe_func = func;
  probe_data = user_data;
}

gboolean
alama_probe_is_installed (void)
{
  return probe_func != NULL;
}

void
alama_probe_point (const char *point,
                   gpointer    instance)
{
  if (probe_func != NULL)
    probe_func (point, instance, probe_data);
}
