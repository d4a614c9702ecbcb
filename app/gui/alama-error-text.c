/* alama-error-text.c: see alama-error-text.h. */
#define G_LOG_DOMAIN "alama-error-text"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <string.h>

#include <alama/alama-export.h>
#include <alama/alama-import.h>
#include <alama/alama-schema.h>
#include <alama/alama-search.h>
#include <alama/alama-store.h>
#include <alama/alama-tagger.h>
#include <alama/alama-text.h>

#include "alama-error-text.h"

/* One known error: its sentence, with "%s" where the core's message goes: it
 * names the file and, for an import, the line, byte or span. Only an error
 * that has nothing to point at (a cancel, nothing to undo) goes without. */
typedef struct
{
  GQuark      (*domain) (void);
  int           code;
  const char   *sentence;
} ErrorSentence;

static const ErrorSentence sentences[] = {
  /* The project file */
  { alama_store_error_quark, ALAMA_STORE_ERROR_NOT_A_PROJECT,
    N_("This file is not an Alama project: %s") },
  { alama_store_error_quark, ALAMA_STORE_ERROR_CORRUPT,
    N_("The project file is damaged and cannot be read safely (open a backup copy of it): %s") },
  { alama_store_error_quark, ALAMA_STORE_ERROR_DAMAGED,
    N_("The project file is damaged, part of its structure is missing (open a backup copy of it): %s") },
  { alama_store_error_quark, ALAMA_STORE_ERROR_TOO_NEW,
    N_("This project was made by a newer version of Alama (update Alama to open it): %s") },
  { alama_store_error_quark, ALAMA_STORE_ERROR_NOT_FOUND,
    N_("It is no longer there, it may have been deleted or moved: %s") },
  { alama_store_error_quark, ALAMA_STORE_ERROR_READ_ONLY,
    N_("The project cannot be changed because the file, its folder or the disk is read-only: %s") },
  { alama_store_error_quark, ALAMA_STORE_ERROR_LOCKED,
    N_("Another program is writing to this project; try again once it has finished: %s") },
  { alama_store_error_quark, ALAMA_STORE_ERROR_INVALID,
    N_("The change was refused: %s") },
  { alama_store_error_quark, ALAMA_STORE_ERROR_UNKNOWN_LABEL,
    N_("The schema has no such label or relation type: %s") },
  { alama_store_error_quark, ALAMA_STORE_ERROR_NOT_ALLOWED,
    N_("The schema does not allow this relation: %s") },
  { alama_store_error_quark, ALAMA_STORE_ERROR_NOTHING_TO_UNDO,
    N_("There is nothing to undo or redo.") },
  { alama_store_error_quark, ALAMA_STORE_ERROR_IO,
    N_("The project could not be written to the disk, which may be full (free some space and try again): %s") },
  { alama_store_error_quark, ALAMA_STORE_ERROR_FAILED,
    N_("The project could not be read or written: %s") },

  /* Importing files: the details name the file and the line, byte or span. */
  { alama_import_error_quark, ALAMA_IMPORT_ERROR_IO,
    N_("The file could not be read: %s") },
  { alama_import_error_quark, ALAMA_IMPORT_ERROR_INVALID_UTF8,
    N_("The file is not UTF-8 text: %s") },
  { alama_import_error_quark, ALAMA_IMPORT_ERROR_PARSE,
    N_("The file has a line Alama cannot read: %s") },
  { alama_import_error_quark, ALAMA_IMPORT_ERROR_BAD_OFFSETS,
    N_("An annotation in the file does not fit the text: %s") },
  { alama_import_error_quark, ALAMA_IMPORT_ERROR_TEXT_MISMATCH,
    N_("An annotation in the file does not match the text under it: %s") },
  { alama_import_error_quark, ALAMA_IMPORT_ERROR_UNKNOWN_LABEL,
    N_("The file uses a label that is not in the schema: %s") },
  { alama_import_error_quark, ALAMA_IMPORT_ERROR_MISSING_ANNOTATION,
    N_("The file refers to an annotation it does not contain: %s") },
  { alama_import_error_quark, ALAMA_IMPORT_ERROR_UNSUPPORTED,
    N_("Alama cannot read this kind of file: %s") },
  { alama_import_error_quark, ALAMA_IMPORT_ERROR_CANCELLED,
    N_("The import was cancelled.") },
  { alama_import_error_quark, ALAMA_IMPORT_ERROR_NOT_ALLOWED,
    N_("The file has a relation the schema does not allow: %s") },

  /* Exporting */
  { alama_export_error_quark, ALAMA_EXPORT_ERROR_IO,
    N_("The export could not be written: %s") },
  { alama_export_error_quark, ALAMA_EXPORT_ERROR_NO_SUCH_DOCUMENT,
    N_("The project has no such document: %s") },
  { alama_export_error_quark, ALAMA_EXPORT_ERROR_UNSUPPORTED,
    N_("Alama cannot export in this format: %s") },
  { alama_export_error_quark, ALAMA_EXPORT_ERROR_CANCELLED,
    N_("The export was cancelled.") },
  { alama_export_error_quark, ALAMA_EXPORT_ERROR_NOT_A_FILE,
    N_("The export would replace something that is not a file, so it was left alone: %s") },
  { alama_export_error_quark, ALAMA_EXPORT_ERROR_NOT_EMPTY,
    N_("The chosen folder already holds files: %s") },

  /* Automatic tagging */
  { alama_tagger_error_quark, ALAMA_TAGGER_ERROR_IO,
    N_("A word list of the tagger could not be read: %s") },
  { alama_tagger_error_quark, ALAMA_TAGGER_ERROR_PARSE,
    N_("A word list of the tagger has a line Alama cannot read: %s") },
  { alama_tagger_error_quark, ALAMA_TAGGER_ERROR_NO_SUCH_DOCUMENT,
    N_("The project has no such document: %s") },
  { alama_tagger_error_quark, ALAMA_TAGGER_ERROR_COMMAND_FAILED,
    N_("The external model failed: %s") },
  { alama_tagger_error_quark, ALAMA_TAGGER_ERROR_UNKNOWN_TAGGER,
    N_("There is no such tagger: %s") },
  { alama_tagger_error_quark, ALAMA_TAGGER_ERROR_CANCELLED,
    N_("Automatic tagging was cancelled.") },
  { alama_tagger_error_quark, ALAMA_TAGGER_ERROR_TIMED_OUT,
    N_("The external model took too long and was stopped: %s") },

  /* Search */
  { alama_search_error_quark, ALAMA_SEARCH_ERROR_INVALID_QUERY,
    N_("The search could not be understood: %s") },
  { alama_search_error_quark, ALAMA_SEARCH_ERROR_FAILED,
    N_("The project could not be searched: %s") },

  /* Schema */
  { alama_schema_error_quark, ALAMA_SCHEMA_ERROR_INVALID,
    N_("The schema is not valid: %s") },
  { alama_schema_error_quark, ALAMA_SCHEMA_ERROR_DUPLICATE,
    N_("The schema defines something twice: %s") },

  /* Text */
  { alama_text_error_quark, ALAMA_TEXT_ERROR_INVALID_UTF8,
    N_("The text is not valid UTF-8: %s") },
  { alama_text_error_quark, ALAMA_TEXT_ERROR_ICU,
    N_("The text could not be split into words and sentences: %s") },

  /* Files and folders */
  { g_io_error_quark, G_IO_ERROR_NO_SPACE,
    N_("The disk is full (free some space and try again): %s") },
  { g_io_error_quark, G_IO_ERROR_PERMISSION_DENIED,
    N_("Alama is not allowed to use this file or folder: %s") },
  { g_io_error_quark, G_IO_ERROR_NOT_FOUND,
    N_("There is no such file or folder: %s") },
  { g_io_error_quark, G_IO_ERROR_READ_ONLY,
    N_("The file or folder is read-only: %s") },
  { g_io_error_quark, G_IO_ERROR_CANCELLED,
    N_("Cancelled.") },
  { g_file_error_quark, G_FILE_ERROR_NOSPC,
    N_("The disk is full (free some space and try again): %s") },
  { g_file_error_quark, G_FILE_ERROR_ACCES,
    N_("Alama is not allowed to use this file or folder: %s") },
  { g_file_error_quark, G_FILE_ERROR_PERM,
    N_("Alama is not allowed to use this file or folder: %s") },
  { g_file_error_quark, G_FILE_ERROR_NOENT,
    N_("There is no such file or folder: %s") },
  { g_file_error_quark, G_FILE_ERROR_ROFS,
    N_("The file or folder is read-only: %s") },
};

char *
alama_error_text_dup (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (sentences); i++)
    {
      const ErrorSentence *known = &sentences[i];

      if (error->domain != known->domain () || error->code != known->code)
        continue;
      /* Every sentence holds at most one "%s", the core's message. */
      if (strstr (known->sentence, "%s") != NULL)
        return g_strdup_printf (_(known->sentence), error->message);
      return g_strdup (_(known->sentence));
    }
  return g_strdup (error->message);
}

const char *
alama_error_text (GError *error)
{
  char *text;

  g_return_val_if_fail (error != NULL, NULL);

  text = alama_error_text_dup (error);
  g_free (error->message);
  error->message = text;
  return text;
}
