/* alama-export-brat-conf-private.h: brat's annotation.conf for an exported folder. */
#pragma once

#include "alama/alama-schema.h"

G_BEGIN_DECLS

/* What the .ann files of one export use: entity, event, relation, equivalence
 * and attribute types, with the types of what each refers to. */
typedef struct _AlamaBratConf AlamaBratConf;

AlamaBratConf *_alama_brat_conf_new        (void);
void           _alama_brat_conf_free       (AlamaBratConf *conf);

/* Reads one document's .ann, as written to the export (T, E, R, A, M, * lines;
 * notes and normalisations need no declaration). Lines it cannot read are
 * skipped: the .ann was written by the export itself or kept from an import. */
void           _alama_brat_conf_add_ann    (AlamaBratConf *conf,
                                            const char    *ann);

/* annotation.conf declaring everything @schema defines and everything the
 * .ann files added use, so that brat's checker accepts every line of them. */
char          *_alama_brat_conf_annotation (AlamaBratConf *conf,
                                            AlamaSchema   *schema);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlamaBratConf, _alama_brat_conf_free)

G_END_DECLS
