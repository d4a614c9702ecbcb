/* alama-after-frame.h: work a widget postpones until the frame being drawn has
 * been painted.
 *
 * A key press that adds an annotation must show it in the text at once; the
 * annotation list's selection, the editor and the review menus can follow one
 * frame later (their relayout cost more than the whole key press may take). An
 * AlamaAfterFrame runs its function once, in an idle after the next frame of
 * the widget's frame clock has been painted, however often it was scheduled
 * before that; without a frame clock (the widget is not realized) it runs in
 * an idle.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct _AlamaAfterFrame AlamaAfterFrame;

typedef void (*AlamaAfterFrameFunc) (gpointer user_data);

/* @widget is not referenced: free the AlamaAfterFrame in its dispose. The
 * functions below accept NULL (a disposed owner) and then do nothing. */
AlamaAfterFrame *alama_after_frame_new      (GtkWidget           *widget,
                                             AlamaAfterFrameFunc  func,
                                             gpointer             user_data);
/* Idempotent until the function has run. */
void             alama_after_frame_schedule (AlamaAfterFrame     *self);
gboolean         alama_after_frame_pending  (AlamaAfterFrame     *self);
/* Runs the function now if it is scheduled (the caller needs its result). */
void             alama_after_frame_flush    (AlamaAfterFrame     *self);
/* Forgets a scheduled run. */
void             alama_after_frame_cancel   (AlamaAfterFrame     *self);
void             alama_after_frame_free     (AlamaAfterFrame     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlamaAfterFrame, alama_after_frame_free)

G_END_DECLS
