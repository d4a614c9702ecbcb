/* alama-change-words.h: a change of the project (an undo step, a history
 * line) in the interface's language. */
#pragma once

#include <alama/alama-store.h>

G_BEGIN_DECLS

/* The translated words of @action about @label ("إضافة PER"); @fallback (or
 * @label when it is NULL) for a change stored with words of its own. */
char *alama_change_words (AlamaChangeAction  action,
                          const char        *label,
                          const char        *fallback);

G_END_DECLS
