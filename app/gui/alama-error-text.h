/* alama-error-text.h: a core error as a sentence for the person at the workbench.
 *
 * The core's messages say exactly what went wrong and where (the file and line
 * of an import, the document, the span); they are written for a log or a
 * terminal. At the UI edge an error is shown as a sentence that says what it
 * means for the user (another program holds the project, the file is damaged,
 * the disk is full), translated, followed by the core's message, which names
 * the file (an import's also the line, byte offset or span). An error whose
 * domain and code are not known here is shown with its own message.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The sentence for @error, in the user's language. Free with g_free(). */
char       *alama_error_text_dup (const GError *error);

/* Replaces @error's message by alama_error_text_dup() and returns it: the text
 * lives as long as @error, so a call site can use it where it used
 * error->message. Call it once per error (a second call would reword the
 * sentence again). */
const char *alama_error_text     (GError       *error);

G_END_DECLS
