/* alama-change-words.c: the store keeps what a change did as an action and a
 * label; the words of each action are translated here, where the interface's
 * language is known. */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "alama-change-words.h"

char *
alama_change_words (AlamaChangeAction  action,
                    const char        *label,
                    const char        *fallback)
{
  const char *format = alama_change_action_get_format (action);

  if (format == NULL)
    return g_strdup (fallback != NULL ? fallback : label);
  if (strstr (format, "%s") == NULL)
    return g_strdup (_(format));
  return g_strdup_printf (_(format), label != NULL ? label : "");
}
