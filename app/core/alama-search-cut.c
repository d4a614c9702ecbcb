/* alama-search-cut.c: where a text may be cut into pieces that ICU splits
 * into words exactly as it splits the whole text.
 *
 * The window reader (alama-search-window.c) begins and ends its windows
 * there, and the tokenizer (alama-search-tokenizer.c) records its checkpoints
 * there, so a search may start reading a document at a checkpoint.
 */
#define G_LOG_DOMAIN "alama-search"

#include "config.h"

#include "alama-search-private.h"

/* Right after a line feed (UAX #29 WB3a breaks after it, whatever follows),
 * or after a space or a tab followed by a character that nothing joins to what
 * precedes it (a printable ASCII character or an Arabic letter, not a mark, a
 * format character or a space). */
gboolean
_alama_search_is_cut (const guchar *b,
                      gsize         len,
                      gsize         i)
{
  guchar next;

  if (b[i - 1] == '\n')
    return TRUE;
  if (b[i - 1] != ' ' && b[i - 1] != '\t')
    return FALSE;
  next = b[i];
  if (next >= 0x21 && next <= 0x7E)
    return TRUE;
  if (i + 1 >= len)
    return FALSE;
  return (next == 0xD8 && b[i + 1] >= 0xA1 && b[i + 1] <= 0xBA) ||   /* ء–غ */
         (next == 0xD9 && b[i + 1] >= 0x81 && b[i + 1] <= 0x8A);     /* ف–ي */
}
