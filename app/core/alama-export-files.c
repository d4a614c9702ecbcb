/* alama-export-files.c: where an export may write, and writing there so that a
 * failure leaves nothing half-written and nothing of the user's is replaced.
 *
 * A file goes to a temporary name beside its target and is renamed into place;
 * rename() replaces whatever has the name, so the target is checked first: only
 * a regular file or a new name is replaced. A symbolic link to a regular file
 * is followed and its target replaced, so the link itself survives (the user
 * made it to point somewhere; replacing it by a file would silently cut it).
 * A folder export (brat) is staged in a new folder beside its target.
 */
#define G_LOG_DOMAIN "alama-export"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "alama/alama-export.h"
#include "alama-export-private.h"

static gboolean
io_error (GError     **error,
          const char  *what,
          const char  *path,
          int          saved_errno)
{
  g_set_error (error, ALAMA_EXPORT_ERROR, ALAMA_EXPORT_ERROR_IO,
               _("%s %s: %s"), what, path, g_strerror (saved_errno));
  return FALSE;
}

/* What a non-regular file is, for a person. */
static const char *
kind_of (mode_t mode)
{
  if (S_ISDIR (mode))
    return "a folder";
  if (S_ISFIFO (mode))
    return "a named pipe (FIFO)";
  if (S_ISCHR (mode))
    return "a character device";
  if (S_ISBLK (mode))
    return "a block device";
  if (S_ISSOCK (mode))
    return "a socket";
  return "not a regular file";
}

/* Follows the symbolic link @path: the resolved path, and its stat in @st. */
static char *
resolve_link (const char  *path,
              GStatBuf    *st,
              GError     **error)
{
  char *resolved = realpath (path, NULL);
  char *copy;

  if (resolved == NULL || g_stat (resolved, st) != 0)
    {
      int saved_errno = errno;

      free (resolved);
      if (saved_errno == ENOENT)
        g_set_error (error, ALAMA_EXPORT_ERROR, ALAMA_EXPORT_ERROR_NOT_A_FILE,
                     _("cannot write %s: it is a symbolic link to a missing file "
                     "(give the target's path)"), path);
      else
        io_error (error, "cannot follow the symbolic link", path, saved_errno);
      return NULL;
    }
  copy = g_strdup (resolved);
  free (resolved);
  return copy;
}

char *
_alama_export_resolve_file (const char  *path,
                            GError     **error)
{
  g_autofree char *resolved = NULL;
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    {
      if (errno == ENOENT)
        return g_strdup (path);
      io_error (error, "cannot write", path, errno);
      return NULL;
    }
  if (S_ISREG (st.st_mode))
    return g_strdup (path);

  if (S_ISLNK (st.st_mode))
    {
      if ((resolved = resolve_link (path, &st, error)) == NULL)
        return NULL;
      if (S_ISREG (st.st_mode))
        return g_steal_pointer (&resolved);
      g_set_error (error, ALAMA_EXPORT_ERROR, ALAMA_EXPORT_ERROR_NOT_A_FILE,
                   _("cannot write %s: it is a symbolic link to %s (%s); an export "
                   "replaces only a regular file"), path, kind_of (st.st_mode), resolved);
      return NULL;
    }

  g_set_error (error, ALAMA_EXPORT_ERROR, ALAMA_EXPORT_ERROR_NOT_A_FILE,
               _("cannot write %s: it is %s; an export replaces only a regular file"),
               path, kind_of (st.st_mode));
  return NULL;
}

/* Writes @len bytes to a new temporary file beside @path; its name in @tmp_path. */
static gboolean
write_temporary (const char  *path,
                 const char  *contents,
                 gsize        len,
                 char       **tmp_path,
                 GError     **error)
{
  g_autofree char *tmp = g_strconcat (path, ".XXXXXX", NULL);
  gsize done = 0;
  int fd;

  if ((fd = g_mkstemp (tmp)) < 0)
    return io_error (error, "cannot write", path, errno);
  /* mkstemp makes it private; an export is an ordinary file. */
  fchmod (fd, 0644);
  while (done < len)
    {
      gssize n = write (fd, contents + done, len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        break;
      done += n;
    }
  if (done < len || fsync (fd) != 0)
    {
      int saved_errno = errno;

      close (fd);
      g_unlink (tmp);
      return io_error (error, "cannot write", path, saved_errno);
    }
  if (close (fd) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp);
      return io_error (error, "cannot write", path, saved_errno);
    }

  *tmp_path = g_steal_pointer (&tmp);
  return TRUE;
}

gboolean
_alama_export_write_files (guint                n_files,
                           const char * const  *paths,
                           const char * const  *contents,
                           const gsize         *lengths,
                           GError             **error)
{
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) temporaries = g_ptr_array_new_with_free_func (g_free);
  gboolean ok = TRUE;

  /* Every target is checked before anything is written. */
  for (guint i = 0; i < n_files; i++)
    {
      char *target = _alama_export_resolve_file (paths[i], error);

      if (target == NULL)
        return FALSE;
      g_ptr_array_add (targets, target);
    }

  for (guint i = 0; ok && i < n_files; i++)
    {
      char *tmp = NULL;

      ok = write_temporary (targets->pdata[i], contents[i], lengths[i], &tmp, error);
      if (ok)
        g_ptr_array_add (temporaries, tmp);
    }

  /* All written: now the renames, which replace only what was checked. */
  for (guint i = 0; ok && i < n_files; i++)
    if (g_rename (temporaries->pdata[i], targets->pdata[i]) != 0)
      ok = io_error (error, "cannot write", paths[i], errno);

  if (!ok)
    for (guint i = 0; i < temporaries->len; i++)
      g_unlink (temporaries->pdata[i]);
  return ok;
}

gboolean
_alama_export_write_file (const char  *path,
                          const char  *contents,
                          gssize       len,
                          GError     **error)
{
  gsize length = len < 0 ? strlen (contents) : (gsize) len;

  return _alama_export_write_files (1, &path, &contents, &length, error);
}

/* ---- A folder export, staged beside its target -------------------------------- */

struct _AlamaExportFolder
{
  char     *target;     /* the folder the export ends up in (a link followed) */
  char     *staging;    /* the new folder the files are written to */
  gboolean  merge;      /* target holds files: move ours in one by one */
};

static gboolean
folder_is_empty (const char  *path,
                 gboolean    *empty,
                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDir) dir = g_dir_open (path, 0, &local_error);

  if (dir == NULL)
    {
      g_set_error (error, ALAMA_EXPORT_ERROR, ALAMA_EXPORT_ERROR_IO,
                   _("cannot read the folder %s: %s"), path, local_error->message);
      return FALSE;
    }
  *empty = g_dir_read_name (dir) == NULL;
  return TRUE;
}

void
_alama_export_folder_free (AlamaExportFolder *folder)
{
  if (folder == NULL)
    return;

  /* Still staged: the export failed, so the staging folder goes (it holds only
   * files this export wrote). */
  if (folder->staging != NULL)
    {
      g_autoptr(GDir) dir = g_dir_open (folder->staging, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (folder->staging, name, NULL);
          g_unlink (path);
        }
      g_rmdir (folder->staging);
    }
  g_free (folder->target);
  g_free (folder->staging);
  g_free (folder);
}

AlamaExportFolder *
_alama_export_folder_new (const char  *out_path,
                          gboolean     force,
                          GError     **error)
{
  g_autoptr(AlamaExportFolder) folder = g_new0 (AlamaExportFolder, 1);
  g_autofree char *parent = NULL;
  g_autofree char *staging = NULL;
  gboolean empty = TRUE;
  GStatBuf st;

  folder->target = g_strdup (out_path);
  /* "out/" and "out" are one folder; the staging name is built beside it. */
  while (strlen (folder->target) > 1 && G_IS_DIR_SEPARATOR (folder->target[strlen (folder->target) - 1]))
    folder->target[strlen (folder->target) - 1] = '\0';

  if (g_lstat (folder->target, &st) == 0)
    {
      if (S_ISLNK (st.st_mode))
        {
          char *resolved = resolve_link (folder->target, &st, error);

          if (resolved == NULL)
            return NULL;
          g_free (folder->target);
          folder->target = resolved;
        }
      if (!S_ISDIR (st.st_mode))
        {
          g_set_error (error, ALAMA_EXPORT_ERROR, ALAMA_EXPORT_ERROR_NOT_A_FILE,
                       _("cannot write the folder %s: it is not a folder but %s"),
                       out_path, S_ISREG (st.st_mode) ? "a file" : kind_of (st.st_mode));
          return NULL;
        }
      if (!folder_is_empty (folder->target, &empty, error))
        return NULL;
      if (!empty && !force)
        {
          g_set_error (error, ALAMA_EXPORT_ERROR, ALAMA_EXPORT_ERROR_NOT_EMPTY,
                       _("%s is a folder that holds files: export into a new or empty "
                       "folder"), out_path);
          return NULL;
        }
      folder->merge = !empty;
    }
  else if (errno != ENOENT)
    {
      io_error (error, "cannot write the folder", out_path, errno);
      return NULL;
    }

  parent = g_path_get_dirname (folder->target);
  if (g_mkdir_with_parents (parent, 0755) != 0)
    {
      io_error (error, "cannot make the folder", parent, errno);
      return NULL;
    }
  staging = g_strconcat (folder->target, ".XXXXXX", NULL);
  if (g_mkdtemp_full (staging, 0755) == NULL)
    {
      io_error (error, "cannot make a folder beside", out_path, errno);
      return NULL;
    }
  folder->staging = g_steal_pointer (&staging);

  return g_steal_pointer (&folder);
}

gboolean
_alama_export_folder_write (AlamaExportFolder  *folder,
                            const char         *name,
                            const char         *contents,
                            gssize              len,
                            GError            **error)
{
  g_autofree char *path = g_build_filename (folder->staging, name, NULL);
  g_autoptr(GError) local_error = NULL;

  /* A fresh private folder: no temporary name needed, the folder is the unit. */
  if (!g_file_set_contents_full (path, contents, len, G_FILE_SET_CONTENTS_NONE, 0644,
                                 &local_error))
    {
      g_autofree char *final = g_build_filename (folder->target, name, NULL);

      g_set_error (error, ALAMA_EXPORT_ERROR, ALAMA_EXPORT_ERROR_IO,
                   _("cannot write %s: %s"), final, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* --force onto a folder that holds files: each of the export's files is moved
 * in, replacing a file of the same name (checked like any export target first);
 * every other file in the folder stays. */
static gboolean
merge_into_target (AlamaExportFolder  *folder,
                   GError            **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDir) dir = g_dir_open (folder->staging, 0, &local_error);
  const char *name;

  if (dir == NULL)
    {
      g_set_error (error, ALAMA_EXPORT_ERROR, ALAMA_EXPORT_ERROR_IO,
                   _("cannot read the folder %s: %s"), folder->staging, local_error->message);
      return FALSE;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *final = g_build_filename (folder->target, name, NULL);
      char *target = _alama_export_resolve_file (final, error);

      if (target == NULL)
        return FALSE;
      g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_add (targets, target);
    }

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *from = g_build_filename (folder->staging, names->pdata[i], NULL);

      if (g_rename (from, targets->pdata[i]) != 0)
        return io_error (error, "cannot write", targets->pdata[i], errno);
    }
  return TRUE;
}

gboolean
_alama_export_folder_commit (AlamaExportFolder  *folder,
                             GError            **error)
{
  if (folder->merge)
    {
      if (!merge_into_target (folder, error))
        return FALSE;
      g_rmdir (folder->staging);
    }
  /* Onto a new name or an empty folder, which rename() replaces; a folder that
   * filled up meanwhile makes it fail with ENOTEMPTY, and nothing is lost. */
  else if (g_rename (folder->staging, folder->target) != 0)
    return io_error (error, "cannot write the folder", folder->target, errno);

  g_clear_pointer (&folder->staging, g_free);
  return TRUE;
}
