/* alama-status-text.h: where an annotation stands, in the user's language. */
#pragma once

#include <alama/alama-types.h>

G_BEGIN_DECLS

/* "accepted", "pending" or "rejected", translated; "" for anything else. */
const char *alama_status_text (AlamaStatus status);

G_END_DECLS
