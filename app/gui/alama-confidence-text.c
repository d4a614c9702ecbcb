/* alama-confidence-text.c: a model's confidence in a suggestion, as the
 * workbench shows it (see the header). */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "alama-confidence-text.h"

char *
alama_confidence_percent_text (double confidence)
{
  /* TRANSLATORS: a model's confidence in a suggestion as a whole percentage;
   * %d is 0 to 100 and %% the percent sign (write yours, e.g. ٪, instead). */
  return g_strdup_printf (_("%d%%"), (int) lround (CLAMP (confidence, 0.0, 1.0) * 100.0));
}

char *
alama_confidence_to_text (double confidence)
{
  g_autofree char *percent = alama_confidence_percent_text (confidence);

  /* TRANSLATORS: in a suggestion's tooltip, after its label, source and
   * status; %s is a percentage such as "83%" */
  return g_strdup_printf (_("confidence %s"), percent);
}
