/* alama-doc-view-private.h: what the doc view's files share, and the internal API
 * the in-process tests drive (the same code paths the mouse and keys use). */
#pragma once

#include <alama/alama.h>

#include "alama-after-frame.h"
#include "alama-display-map.h"
#include "alama-doc-view.h"
#include "alama-preload.h"
#include <alama/alama-span-index.h>

G_BEGIN_DECLS

/* The two edges of a span a handle or a key moves (alama-doc-view-edges.c). */
typedef enum
{
  ALAMA_SPAN_EDGE_NONE,
  ALAMA_SPAN_EDGE_START,   /* logical: the right end in right-to-left text */
  ALAMA_SPAN_EDGE_END,
} AlamaSpanEdge;

/* Segments of one painted span or word, in buffer coordinates. */
typedef struct
{
  graphene_rect_t rect;
  gboolean        rtl;      /* the first character's run is right-to-left */
} AlamaRun;

/* The font of chips and arc labels, and their sizes at zoom 1. */
#define ALAMA_SMALL_FONT     "Sans Bold 7"
#define ALAMA_CHIP_FONT_PT   7.0
#define ALAMA_ARC_FONT_PT    6.5
/* Arcs stacked above one line of text, at most. */
#define ALAMA_ARC_MAX_LEVELS 32

/* The levels (heights above their line) of a relation's arc, or of its two
 * stubs when its ends are on different lines. */
typedef struct
{
  guint8 from_level;
  guint8 to_level;
} AlamaArcLevels;

/* One arc or stub as painted, for hovering and clicking. */
typedef struct
{
  gint64           relation;   /* id */
  graphene_point_t c[4];       /* bezier controls */
  graphene_rect_t  label;      /* the label's pill */
  gboolean         head;       /* an arrowhead at c[3] */
} AlamaArcShape;

struct _AlamaDocView
{
  GtkTextView      parent_instance;

  /* Owned references */
  AlamaStore      *store;
  gulong           store_changed_id;
  AlamaDocument   *document;
  AlamaSchema     *schema;
  AlamaDocumentModel *model;        /* the document's, shared with the panel */
  GSignalGroup    *span_signals;    /* on the model's spans */
  GSignalGroup    *relation_signals; /* on the model's relations */
  GArray          *model_ids;       /* of gint64: the model's span ids, by position */
  const char      *text;            /* the stored text (the model's) */
  AlamaTextIndex  *text_index;      /* over text (the model's) */
  AlamaDisplayMap *map;
  AlamaSpanIndex  *spans;           /* the drawn spans: the model's that span_filter shows */
  gboolean         spans_shared;    /* spans is the model's own index (nothing hidden) */
  AlamaSpanFilter  span_filter;     /* what spans was built with */
  guint            reload_serial;   /* counts alama_doc_view_reload() calls */
  guint            index_builds;    /* counts span index rebuilds (a change makes none) */
  GPtrArray       *relations;       /* of AlamaRelation*, both ends drawn */
  GtkTextTag      *text_tag;        /* font, size, spacing: the one tag, whole buffer */
  GHashTable      *run_cache;       /* alama-doc-view-runs.c: where ranges are drawn */
  char            *selection_text;

  /* Settings (properties) */
  double           zoom;
  char            *font_family;
  double           line_spacing;
  AlamaDirection   direction;
  gboolean         snap_to_words;
  gboolean         show_rejected;
  double           min_confidence;  /* a model's pending suggestion below it is hidden */
  gboolean         review_least_certain_first;
  char            *review_source;   /* N/P visit only this source's suggestions; NULL = all */
  gboolean         review_at_end;   /* "no more suggestions" was said; a selection clears it */

  /* Selection */
  gint64           selected_span;   /* 0 = none */
  gint64           selected_relation; /* 0 = none; never set together with selected_span */
  gint64           hover_span;
  gint64           hover_relation;
  gboolean         selection_exact; /* made with Alt: do not snap when labelling */

  /* Pointer state */
  gint64           drag_anchor;     /* buffer offset where the button went down */
  GdkModifierType  drag_modifiers;
  gboolean         drag_moved;
  gboolean         relation_drag;   /* Shift+drag from a span */
  int              chooser_press_row; /* the held press's row of the label chooser,
                                       * or an ALAMA_LABEL_CHOOSER_ value */
  gint64           relation_from;   /* span id */
  double           pointer_x;       /* buffer coordinates while dragging */
  double           pointer_y;
  gboolean         relation_pick;   /* after R: the next click picks the target */
  guint32          last_press_time;
  double           last_press_x;
  double           last_press_y;
  int              press_count;
  GdkEvent        *counted_press;   /* the last press count_press() counted */
  GtkEventController *window_presses; /* on the root while realized */

  /* Edge handles of the selected span (alama-doc-view-edges.c) */
  AlamaSpanEdge    edge_drag;       /* the edge a handle drag moves, or NONE */
  gint64           edge_preview_start; /* where the drag would put the span */
  gint64           edge_preview_end;
  double           edge_grab_dy;    /* from the pointer to the middle of the grabbed line */
  gboolean         edge_cursor;     /* the resize cursor is shown */

  /* Flash of a span selected from the panel */
  guint            flash_tick_id;
  gint64           flash_start_us;
  double           flash_amount;    /* 0..1 */

  /* Arcs (alama-doc-view-arcs.c): levels planned when the relations change,
   * the room each paragraph reserves for them, and the shapes last painted */
  GArray          *arc_levels;      /* of AlamaArcLevels, by position in relations */
  GArray          *arc_depths;      /* of guint8, per buffer line: its room tag's depth */
  GArray          *arc_planned;     /* of gint64 triples: relation id and the starts of
                                     * its ends, as last planned */
  GPtrArray       *arc_room_tags;   /* by depth, borrowed from the tag table; [0] NULL */
  int              arc_base_room;   /* pixels above lines the text tag gives */
  double           arc_metrics_zoom;
  double           arc_chip_rise;   /* a chip's top above its line's top */
  double           arc_label_height;
  GArray          *arc_shapes;      /* of AlamaArcShape, in painting order */

  /* The label chooser (a child of the text area, no surface of its own) and
   * the relation-type popover (a child of the view) */
  GtkWidget       *label_chooser;   /* owned by the text area; hidden when not up */
  GtkListBox      *label_chooser_list; /* its rows while it is up */
  GPtrArray       *label_chooser_keys; /* char*: the label of each of its rows */
  GtkAdjustment   *label_chooser_vadjustment; /* watched while it is up */
  gulong           label_chooser_scrolled_id;
  GtkWidget       *relation_popover;
  gint64           pending_from;    /* relation being confirmed */
  gint64           pending_to;
  GPtrArray       *relation_choices; /* char*: the type of each row of relation_popover */

  /* Find (alama-doc-view-search.c): hits painted under the text */
  GArray          *search_hits;     /* of gint64 pairs [start, end), stored offsets */
  gint64           search_document; /* the document id they belong to */
  int              search_current;  /* index of the current hit, -1 = none */


  /* Chip and arc labels' layouts by text, for small_layouts_zoom (paint.c) */
  GHashTable      *small_layouts;
  double           small_layouts_zoom;

  /* Read ahead for the next alama_doc_view_set_document() (owned, dropped by it) */
  AlamaPreloadedDocument *preloaded;
};

/* alama-doc-view.c */
AlamaDisplayMap *_alama_doc_view_get_display_map  (AlamaDocView *self);
/* The shown relation with @relation_id (both ends shown), or NULL. */
AlamaRelation   *_alama_doc_view_find_relation    (AlamaDocView *self,
                                                   gint64        relation_id);
AlamaSpanIndex  *_alama_doc_view_get_span_index   (AlamaDocView *self);
const AlamaLabel *_alama_doc_view_find_label      (AlamaDocView *self,
                                                   const char   *key);
/* The label colour, or grey for a label the schema lacks. */
void             _alama_doc_view_label_rgba       (AlamaDocView *self,
                                                   const char   *key,
                                                   GdkRGBA      *rgba);
/* The text selection in stored offsets; FALSE when empty. */
gboolean         _alama_doc_view_get_selection    (AlamaDocView *self,
                                                   gint64       *start,
                                                   gint64       *end);
/* Selects [start, end) (stored offsets) as a mouse drag would: snapped to words
 * unless @exact (Alt), lam-alef edges fixed either way. */
void             _alama_doc_view_select_range     (AlamaDocView *self,
                                                   gint64        start,
                                                   gint64        end,
                                                   gboolean      exact);
void             _alama_doc_view_clear_selection  (AlamaDocView *self);
/* Labels the text selection (a new span, which becomes the selected span), or,
 * without a text selection, relabels the selected span. Returns the span id, 0
 * and an "error" signal on failure. */
gint64           _alama_doc_view_apply_label      (AlamaDocView *self,
                                                   const char   *label);
/* A label from a key such as "1" (the schema's shortcuts), or NULL. */
const AlamaLabel *_alama_doc_view_label_for_key   (AlamaDocView *self,
                                                   guint         keyval);
/* Ctrl+drag: adds the text selection as a fragment of the selected span. */
gboolean         _alama_doc_view_add_fragment     (AlamaDocView *self);
gint64           _alama_doc_view_add_relation     (AlamaDocView *self,
                                                   gint64        from_id,
                                                   gint64        to_id,
                                                   const char   *type);
/* Asks for the relation type (the popover), as a Shift+drag does. */
void             _alama_doc_view_begin_relation   (AlamaDocView *self,
                                                   gint64        from_id,
                                                   gint64        to_id);
void             _alama_doc_view_select_next      (AlamaDocView *self,
                                                   int           direction);
void             _alama_doc_view_copy             (AlamaDocView *self);
void             _alama_doc_view_emit_error       (AlamaDocView *self,
                                                   const char   *message);
/* Something the analyst should know that is not an error ("Annotation 2 of 2
 * here: CLAIM"): the "notice" signal. */
void             _alama_doc_view_emit_notice      (AlamaDocView *self,
                                                   const char   *message);
/* Stored offset under a point in widget coordinates, or -1 off the text. */
gint64           _alama_doc_view_offset_at        (AlamaDocView *self,
                                                   double        x,
                                                   double        y);

/* alama-doc-view-runs.c */
/* Forgets the cached rectangles: call when the text is laid out anew (font,
 * size, spacing, text, direction). */
void             _alama_doc_view_forget_runs      (AlamaDocView *self);

/* alama-doc-view-paint.c */
/* The visual runs of stored [start, end): one rectangle per line and direction
 * run, in buffer coordinates. Array of AlamaRun. */
GArray          *_alama_doc_view_collect_runs     (AlamaDocView *self,
                                                   gint64        start,
                                                   gint64        end);
void             _alama_doc_view_paint_below      (AlamaDocView *self,
                                                   GtkSnapshot  *snapshot);
void             _alama_doc_view_paint_above      (AlamaDocView *self,
                                                   GtkSnapshot  *snapshot);
/* The stored range shown in the visible rectangle. */
void             _alama_doc_view_visible_range    (AlamaDocView *self,
                                                   gint64       *start,
                                                   gint64       *end);
/* Where the label chip of @span is drawn, in buffer coordinates. */
void             _alama_doc_view_chip_rect        (AlamaDocView    *self,
                                                   AlamaSpan       *span,
                                                   graphene_rect_t *rect);
/* Relation under a point in buffer coordinates (on its arc, arrowhead, label or
 * stub; the topmost one), or 0. */
gint64           _alama_doc_view_relation_at      (AlamaDocView *self,
                                                   double        bx,
                                                   double        by);
/* Paints the relations alone (arcs, stubs, heads, labels) in buffer coordinates,
 * as _alama_doc_view_paint_above() does, and records them for the hit test. */
void             _alama_doc_view_paint_relations  (AlamaDocView *self,
                                                   GtkSnapshot  *snapshot);
/* A chip or arc label's layout for @text (cached per zoom). */
PangoLayout     *_alama_doc_view_small_layout     (AlamaDocView *self,
                                                   const char   *text,
                                                   gboolean      arc_label);

/* alama-doc-view-arcs.c */
/* Gives every shown relation its levels and each paragraph the room its arcs
 * need; call when the shown relations or spans change. */
void             _alama_doc_view_plan_arcs        (AlamaDocView *self);
/* The buffer was replaced: no paragraph has a room tag. */
void             _alama_doc_view_forget_arc_room  (AlamaDocView *self);
/* The text tag's room above lines changed (@base_room pixels), or the zoom. */
void             _alama_doc_view_update_arc_room  (AlamaDocView *self,
                                                   int           base_room);
/* Height of the apex of an arc at @level above a line whose top is @line_top. */
double           _alama_doc_view_arc_apex_y       (AlamaDocView *self,
                                                   double        line_top,
                                                   int           level);
/* Height of every arc label's pill. */
double           _alama_doc_view_arc_label_height (AlamaDocView *self);

/* alama-doc-view-input.c */
/* Buffer offset of the character boundary nearest to a point in widget
 * coordinates (not a stored offset: the display map converts). */
gint64           _alama_doc_view_boundary_at      (AlamaDocView *self,
                                                   double        x,
                                                   double        y);
/* The view.* actions and their keys; call from class_init. */
void             _alama_doc_view_class_setup_input (AlamaDocViewClass *klass);
void             _alama_doc_view_setup_input      (AlamaDocView *self);
void             _alama_doc_view_watch_window_presses   (AlamaDocView *self);
void             _alama_doc_view_unwatch_window_presses (AlamaDocView *self);

/* alama-doc-view-edges.c */
void             _alama_doc_view_setup_edges      (AlamaDocView *self);
/* Paints the handles of the selected span (called by _alama_doc_view_paint_above()). */
void             _alama_doc_view_paint_edges      (AlamaDocView *self,
                                                   GtkSnapshot  *snapshot);
/* The handle under a point in buffer coordinates, or NONE. */
AlamaSpanEdge    _alama_doc_view_edge_at          (AlamaDocView *self,
                                                   double        bx,
                                                   double        by);
/* The knob of @edge's handle in buffer coordinates; FALSE when not shown. */
gboolean         _alama_doc_view_edge_handle_rect (AlamaDocView    *self,
                                                   AlamaSpanEdge    edge,
                                                   graphene_rect_t *knob);
/* Moves the selected span's outer edges to [start, end) in the store (one undo
 * step); FALSE, with an "error" signal when the store refused, otherwise. */
gboolean         _alama_doc_view_resize_selected  (AlamaDocView *self,
                                                   gint64        start,
                                                   gint64        end);
/* Moves @edge of the selected span to the next word boundary (or character
 * boundary) later (@direction 1) or earlier (-1) in the text. */
gboolean         _alama_doc_view_move_edge        (AlamaDocView  *self,
                                                   AlamaSpanEdge  edge,
                                                   int            direction,
                                                   gboolean       by_character);

/* alama-doc-view-search.c */
/* Paints the find hits of the shown document (called by _alama_doc_view_paint_below()). */
void             _alama_doc_view_paint_search_hits (AlamaDocView *self,
                                                    GtkSnapshot  *snapshot);
/* alama-doc-view.c: the two pulses a span selected from the panel gets. */
void             _alama_doc_view_flash            (AlamaDocView *self);

/* alama-doc-view-review.c */
void             _alama_doc_view_setup_review     (AlamaDocView *self);
/* Selects the next (@direction 1) or previous (-1) pending suggestion (span or
 * relation, in reading order) of the review source in this document, after
 * the selected span or relation (or from the document's start or end when
 * nothing is selected). FALSE when there is none. */
gboolean         _alama_doc_view_review_step      (AlamaDocView *self,
                                                   int           direction);
/* The same from the document's start (1) or end (-1), whatever is selected. */
gboolean         _alama_doc_view_review_restart   (AlamaDocView *self,
                                                   int           direction);
/* The selected span if it is a pending suggestion (borrowed), else NULL. */
AlamaSpan       *_alama_doc_view_get_selected_suggestion (AlamaDocView *self);
/* The selected relation if it is a pending suggestion (borrowed), else NULL. */
AlamaRelation   *_alama_doc_view_get_selected_suggested_relation (AlamaDocView *self);
/* A suggested span or a suggested relation is selected. */
gboolean         _alama_doc_view_has_selected_suggestion (AlamaDocView *self);
/* TRUE after the view said there is no suggestion left after the selection
 * in this document (a decision on the last one, or the window's N past it);
 * any change of the selection clears it. Setting it says so in a toast. */
gboolean         _alama_doc_view_review_at_end    (AlamaDocView *self);
void             _alama_doc_view_review_set_at_end (AlamaDocView *self,
                                                    gboolean      at_end);
/* Accepts or rejects the selected suggestion (span or relation), with @label
 * (or NULL to keep it; spans only), as one undoable change, then selects the
 * next suggestion of the document after it, or says there is none.
 * FALSE (and an "error" signal if the store failed) when nothing was done. */
gboolean         _alama_doc_view_review_decide    (AlamaDocView *self,
                                                   AlamaStatus   status,
                                                   const char   *label);
/* "GPE (كيان سياسي) · gazetteer · pending — Enter accept, R reject, N next" */
char            *_alama_doc_view_dup_span_tooltip (AlamaDocView *self,
                                                   AlamaSpan    *span);
char            *_alama_doc_view_dup_tooltip_at   (AlamaDocView *self,
                                                   int           x,
                                                   int           y,
                                                   gboolean      keyboard_mode);

/* alama-doc-view-popovers.c */
void             _alama_doc_view_dispose_popovers      (AlamaDocView *self);
void             _alama_doc_view_show_label_chooser    (AlamaDocView *self);
void             _alama_doc_view_hide_label_chooser    (AlamaDocView *self);
gboolean         _alama_doc_view_label_chooser_is_up   (AlamaDocView *self);
gboolean         _alama_doc_view_label_chooser_key     (AlamaDocView    *self,
                                                        guint            keyval,
                                                        GdkModifierType  state);
/* What _alama_doc_view_label_chooser_row_at() finds when it is not a row. */
enum { ALAMA_LABEL_CHOOSER_OUTSIDE = -2, ALAMA_LABEL_CHOOSER_NO_ROW = -1 };
int              _alama_doc_view_label_chooser_row_at  (AlamaDocView *self,
                                                        double        x,
                                                        double        y);
void             _alama_doc_view_label_chooser_click   (AlamaDocView *self,
                                                        int           row);
void             _alama_doc_view_show_relation_popover (AlamaDocView *self,
                                                        gint64        from_id,
                                                        gint64        to_id);
void             _alama_doc_view_hide_popovers         (AlamaDocView *self);

G_END_DECLS
