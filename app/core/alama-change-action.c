/* alama-change-action.c: what a change did, as stored in the file (an action's
 * nick and a label) and as English words. The words are marked for
 * translation but not translated here: the core stores and returns actions,
 * and an interface words them in its own language.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "alama/alama-store.h"

typedef struct
{
  AlamaChangeAction  action;
  const char        *nick;
  const char        *format;   /* printf, at most one %s: the label */
} ActionInfo;

/* In enum order. The formats are the words the store wrote into the file
 * before it stored actions: migration 6 reads old rows back with them. */
static const ActionInfo actions[] = {
  { ALAMA_CHANGE_ACTION_NONE,            NULL,              NULL },
  /* TRANSLATORS: an undo step; %s is a label such as PER */
  { ALAMA_CHANGE_ACTION_ADD_SPAN,        "add-span",        N_("Add %s") },
  /* TRANSLATORS: an undo step; %s is the new label */
  { ALAMA_CHANGE_ACTION_RELABEL_SPAN,    "relabel-span",    N_("Change label to %s") },
  { ALAMA_CHANGE_ACTION_ACCEPT,          "accept",          N_("Accept suggestion") },
  { ALAMA_CHANGE_ACTION_REJECT,          "reject",          N_("Reject suggestion") },
  /* TRANSLATORS: an undo step; %s is a label */
  { ALAMA_CHANGE_ACTION_MARK_PENDING,    "mark-pending",    N_("Mark %s for review") },
  /* TRANSLATORS: an undo step; %s is a label or a relation type */
  { ALAMA_CHANGE_ACTION_EDIT_SPAN,       "edit-span",       N_("Edit %s") },
  /* TRANSLATORS: an undo step; %s is a label or a relation type */
  { ALAMA_CHANGE_ACTION_DELETE_SPAN,     "delete-span",     N_("Delete %s") },
  { ALAMA_CHANGE_ACTION_ADD_RELATION,    "add-relation",    N_("Add %s") },
  /* TRANSLATORS: an undo step; %s is the new relation type */
  { ALAMA_CHANGE_ACTION_RETYPE_RELATION, "retype-relation", N_("Change relation to %s") },
  { ALAMA_CHANGE_ACTION_EDIT_RELATION,   "edit-relation",   N_("Edit %s") },
  { ALAMA_CHANGE_ACTION_DELETE_RELATION, "delete-relation", N_("Delete %s") },
  /* TRANSLATORS: an undo step; %s is a document's name */
  { ALAMA_CHANGE_ACTION_ADD_DOCUMENT,    "add-document",    N_("Add document %s") },
  /* TRANSLATORS: an undo step; %s is a document's name */
  { ALAMA_CHANGE_ACTION_DELETE_DOCUMENT, "delete-document", N_("Delete document %s") },
  { ALAMA_CHANGE_ACTION_IMPORT,          "import",          N_("Import") },
  { ALAMA_CHANGE_ACTION_SET_SCHEMA,      "set-schema",      N_("Change schema") },
  /* TRANSLATORS: an undo step; %s is a tagger's name (gazetteer, quotes ...) */
  { ALAMA_CHANGE_ACTION_AUTOTAG,         "autotag",         N_("Autotag (%s)") },
  /* TRANSLATORS: an undo step: an annotation's start or end was moved; %s is its label */
  { ALAMA_CHANGE_ACTION_RESIZE_SPAN,     "resize-span",     N_("Move the edges of %s") },
};

static const ActionInfo *
lookup (AlamaChangeAction action)
{
  if ((guint) action >= G_N_ELEMENTS (actions))
    return &actions[ALAMA_CHANGE_ACTION_NONE];
  return &actions[action];
}

const char *
alama_change_action_to_nick (AlamaChangeAction action)
{
  return lookup (action)->nick;
}

AlamaChangeAction
alama_change_action_from_nick (const char *nick)
{
  if (nick == NULL)
    return ALAMA_CHANGE_ACTION_NONE;
  for (guint i = 1; i < G_N_ELEMENTS (actions); i++)
    if (g_str_equal (actions[i].nick, nick))
      return actions[i].action;
  return ALAMA_CHANGE_ACTION_NONE;
}

const char *
alama_change_action_get_format (AlamaChangeAction action)
{
  return lookup (action)->format;
}

char *
alama_change_action_format (AlamaChangeAction  action,
                            const char        *label,
                            const char        *description)
{
  const char *format = alama_change_action_get_format (action);

  if (format == NULL)
    return g_strdup (description != NULL ? description : "");
  if (strstr (format, "%s") == NULL)
    return g_strdup (format);
  return g_strdup_printf (format, label != NULL ? label : "");
}
