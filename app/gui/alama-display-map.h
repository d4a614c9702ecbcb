/* alama-display-map.h: stored code points <-> GtkTextBuffer offsets.
 *
 * GtkTextView takes each paragraph's direction from its first strong character,
 * and neither a widget nor a tag direction overrides that. So the doc view inserts
 * a display-only RLM (U+200F) or LRM (U+200E) at the start of a paragraph whose
 * first strong character disagrees with the direction it should have. Buffer
 * offsets are characters, that is code points, so only these marks shift them;
 * this map knows where they are.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  ALAMA_DISPLAY_DIR_AUTO,
  ALAMA_DISPLAY_DIR_RTL,
  ALAMA_DISPLAY_DIR_LTR,
} AlamaDisplayDir;

#define ALAMA_RLM 0x200F
#define ALAMA_LRM 0x200E

typedef struct _AlamaDisplayMap AlamaDisplayMap;

/* Decides each paragraph's direction (AUTO: RTL when most of its strong characters
 * are right-to-left) and where marks go. */
AlamaDisplayMap *alama_display_map_new            (const char      *text,
                                                   AlamaDisplayDir  dir);
void             alama_display_map_free           (AlamaDisplayMap *self);

/* The text to put in the buffer: @text with the marks inserted. */
const char      *alama_display_map_get_display_text (AlamaDisplayMap *self);
guint            alama_display_map_get_n_marks    (AlamaDisplayMap *self);
/* The stored offset before which mark @i is inserted, and which mark it is. */
gint64           alama_display_map_get_mark_position (AlamaDisplayMap *self,
                                                      guint            i,
                                                      gunichar        *mark);

gint64           alama_display_map_to_buffer      (AlamaDisplayMap *self,
                                                   gint64           stored);
/* A buffer offset on a mark maps to the stored character that follows it. */
gint64           alama_display_map_to_stored      (AlamaDisplayMap *self,
                                                   gint64           buffer);
gint64           alama_display_map_get_stored_length (AlamaDisplayMap *self);

/* Paragraphs, in stored offsets: [start, end) without the line terminator, and
 * whether the map lays it out right-to-left. */
guint            alama_display_map_get_n_paragraphs (AlamaDisplayMap *self);
void             alama_display_map_get_paragraph  (AlamaDisplayMap *self,
                                                   guint            i,
                                                   gint64          *start,
                                                   gint64          *end,
                                                   gboolean        *rtl);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlamaDisplayMap, alama_display_map_free)

G_END_DECLS
