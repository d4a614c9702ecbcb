/* alama-tagger-threshold.h: a tagger that leaves out the suggestions another
 * tagger was not sure enough of, so that they are never stored
 * (`alama autotag --min-confidence`). What "not sure enough" means is the
 * same predicate the workbench hides suggestions with (alama-span-filter.h). */
#pragma once

#include "alama-tagger.h"

G_BEGIN_DECLS

/* Proposes what @inner proposes, under its name, except the new suggestions
 * whose confidence is known and below @min_confidence, and the relations
 * that need one of them. Suggestions without a confidence pass. Takes @inner. */
AlamaTagger *alama_tagger_new_min_confidence (AlamaTagger *inner,
                                              double       min_confidence);

G_END_DECLS
