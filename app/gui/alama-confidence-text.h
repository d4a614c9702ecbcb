/* alama-confidence-text.h: a model's confidence in a suggestion, as the
 * workbench shows it. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @confidence (0 to 1) as a whole percentage, "83%", in the user's language. */
char *alama_confidence_percent_text (double confidence);

/* The same as a phrase for a span's tooltip, "confidence 83%". */
char *alama_confidence_to_text      (double confidence);

G_END_DECLS
