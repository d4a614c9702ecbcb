/* alama-status-text.c: where an annotation stands, in the user's language
 * (the core's alama_status_to_string() is the name files and the CLI use). */
#include "config.h"

#include <glib/gi18n.h>

#include "alama-status-text.h"

const char *
alama_status_text (AlamaStatus status)
{
  switch (status)
    {
    case ALAMA_STATUS_ACCEPTED:
      return _("accepted");
    case ALAMA_STATUS_PENDING:
      return _("pending");
    case ALAMA_STATUS_REJECTED:
      return _("rejected");
    default:
      return "";
    }
}
