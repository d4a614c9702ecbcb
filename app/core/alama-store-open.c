/* alama-store-open.c: opening a project file — checking its header, opening
 * it read-write, read-only or as a private copy, setting up the connection,
 * migrating it (or, when asked, refusing to, or reporting as it goes: see
 * alama-store-upgrade.h) — and creating one that is published only when complete.
 */
#define G_LOG_DOMAIN "alama-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "alama-confidence-private.h"
#include "alama-search-private.h"
#include "alama-sort-key-private.h"
#include "alama-store-object-private.h"
#include "alama-store-rows-private.h"
#include "alama-store-upgrade-private.h"

#define SQLITE_HEADER "SQLite format 3"   /* 16 bytes with its NUL */

/* ---- Opening ------------------------------------------------------------------ */

static gint
busy_timeout_ms (void)
{
  const char *env = g_getenv ("ALAMA_BUSY_TIMEOUT_MS");
  gint64 value;

  if (env != NULL && g_ascii_string_to_signed (env, 10, 0, G_MAXINT, &value, NULL))
    return (gint) value;

  return 5000;
}

/* What the first 100 bytes of an existing file say, read without SQLite so
 * that nothing is written to a file that is not ours. */
static gboolean
check_header (const char  *path,
              guint32     *out_version,
              GError     **error)
{
  guint8 header[100];
  ssize_t n;
  int fd;
  guint32 application_id;

  fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, ALAMA_STORE_ERROR,
                   saved_errno == ENOENT ? ALAMA_STORE_ERROR_NOT_FOUND : ALAMA_STORE_ERROR_IO,
                   _("Cannot open %s: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  n = read (fd, header, sizeof header);
  close (fd);

  if (n < (ssize_t) sizeof header || memcmp (header, SQLITE_HEADER, 16) != 0)
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_A_PROJECT,
                   _("%s is not an Alama project (not a SQLite database)"), path);
      return FALSE;
    }

  /* Big-endian at offset 68 of the database header. */
  application_id = ((guint32) header[68] << 24) | ((guint32) header[69] << 16) |
                   ((guint32) header[70] << 8) | (guint32) header[71];
  if (application_id != ALAMA_APPLICATION_ID)
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_A_PROJECT,
                   _("%s is not an Alama project: it is a SQLite database of another program"),
                   path);
      return FALSE;
    }

  /* PRAGMA user_version, big-endian at offset 60. */
  if (out_version != NULL)
    *out_version = ((guint32) header[60] << 24) | ((guint32) header[61] << 16) |
                   ((guint32) header[62] << 8) | (guint32) header[63];
  return TRUE;
}

/* A file we cannot write into, or whose folder cannot take the -wal and -shm
 * files. Mode bits rather than access(): as root access() always says yes. */
static gboolean
must_open_read_only (const char        *path,
                     const struct stat *st)
{
  g_autofree char *folder = g_path_get_dirname (path);
  struct stat folder_st;

  if ((st->st_mode & 0222) == 0)
    return TRUE;
  if (access (path, W_OK) != 0)
    return TRUE;
  if (stat (folder, &folder_st) != 0)
    return TRUE;
  if ((folder_st.st_mode & 0222) == 0 || access (folder, W_OK) != 0)
    return TRUE;

  return FALSE;
}

/* stat() of the project path. A symbolic link is followed to a file that
 * exists; a link that leads nowhere (to itself, in a loop, to a missing file)
 * is refused, so that nothing is made or removed behind it. */
static gboolean
stat_project (const char   *path,
              struct stat  *st,
              gboolean     *exists,
              GError      **error)
{
  struct stat link_st;
  int saved_errno;

  *exists = stat (path, st) == 0;
  if (*exists)
    {
      if (S_ISDIR (st->st_mode))
        {
          g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_A_PROJECT,
                       _("%s is a folder, not an Alama project"), path);
          return FALSE;
        }
      return TRUE;
    }

  saved_errno = errno;
  if (lstat (path, &link_st) == 0 && S_ISLNK (link_st.st_mode))
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_A_PROJECT,
                   _("%s is a symbolic link that leads nowhere (%s)"), path,
                   g_strerror (saved_errno));
      return FALSE;
    }
  if (saved_errno != ENOENT)
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_IO,
                   _("Cannot open %s: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

static char *
path_to_uri (const char *path,
             const char *query)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *escaped = g_uri_escape_string (absolute, "/", FALSE);

  return g_strdup_printf ("file:%s%s%s", escaped, query ? "?" : "", query ? query : "");
}

/* Opens self->db_path with @query and reads from it: a file that SQLite
 * cannot use fails here rather than at the first query. */
static int
try_open (AlamaStore *self,
          const char *query,
          int         flags)
{
  g_autofree char *uri = path_to_uri (self->db_path, query);
  int rc;

  rc = sqlite3_open_v2 (uri, &self->db, flags | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
  /* The busy timeout before the first read: in WAL mode that read waits
   * while another process recovers or checkpoints the WAL, and without a
   * busy handler it failed at once as "being changed by another program"
   * (two imports started together, about one run in 25 under load). */
  if (rc == SQLITE_OK)
    sqlite3_busy_timeout (self->db, busy_timeout_ms ());
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (self->db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
  if (rc != SQLITE_OK && (rc & 0xff) != SQLITE_CORRUPT && (rc & 0xff) != SQLITE_NOTADB)
    g_clear_pointer (&self->db, sqlite3_close_v2);

  return rc;
}

/* A read-only project whose -wal holds commits that are not in the main
 * file yet, and whose folder cannot take the -shm that reading them needs:
 * the file and its -wal are copied into a private folder and read there. */
static int
open_private_copy (AlamaStore  *self,
                   GError     **error)
{
  static const char * const suffixes[] = { "", "-wal" };
  g_autoptr(GError) local_error = NULL;
  g_autofree char *base = g_path_get_basename (self->path);

  self->private_folder = g_dir_make_tmp ("alama-read-only-XXXXXX", &local_error);
  if (self->private_folder == NULL)
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_IO,
                   _("Cannot read %s: its -wal needs a copy, and %s"), self->path,
                   local_error->message);
      return SQLITE_CANTOPEN;
    }
  g_free (self->db_path);
  self->db_path = g_build_filename (self->private_folder, base, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from_path = g_strconcat (self->path, suffixes[i], NULL);
      g_autofree char *to_path = g_strconcat (self->db_path, suffixes[i], NULL);
      g_autoptr(GFile) from = g_file_new_for_path (from_path);
      g_autoptr(GFile) to = g_file_new_for_path (to_path);

      if (!g_file_copy (from, to, G_FILE_COPY_TARGET_DEFAULT_PERMS, NULL, NULL, NULL,
                        &local_error))
        {
          g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_IO,
                       _("Cannot read %s: copying it with its -wal failed: %s"), self->path,
                       local_error->message);
          return SQLITE_CANTOPEN;
        }
    }

  return try_open (self, "mode=ro", SQLITE_OPEN_READONLY);
}

/* Read-only: @forced when the file or its folder is not writable (no process
 * of ours writes it then). Never reads the main file alone while a -wal holds
 * commits: that would show less than is there. */
static gboolean
open_read_only (AlamaStore  *self,
                gboolean     forced,
                GError     **error)
{
  g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (self->path, "-shm", NULL);
  struct stat wal_st;
  int rc;

  /* Everything is in the main file: read it as it is. Unlike mode=ro this
   * makes no -wal and -shm, which SQLite would give the main file's
   * read-only mode, so that the project stayed read-only after a chmod. */
  if (forced && (stat (wal, &wal_st) != 0 || wal_st.st_size == 0))
    rc = try_open (self, "immutable=1", SQLITE_OPEN_READONLY);
  else
    {
      /* mode=ro reads the -wal, through a -shm it may have to make. */
      rc = SQLITE_CANTOPEN;
      if (!forced || g_file_test (shm, G_FILE_TEST_EXISTS))
        rc = try_open (self, "mode=ro", SQLITE_OPEN_READONLY);
      if (rc != SQLITE_OK && self->db == NULL)
        {
          g_autoptr(GError) copy_error = NULL;

          rc = open_private_copy (self, &copy_error);
          if (copy_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&copy_error));
              return FALSE;
            }
        }
    }

  if (rc == SQLITE_OK)
    return TRUE;

  _alama_store_set_sqlite_error (self, rc, "opening the file", error);
  return FALSE;
}

static gboolean
open_read_write (AlamaStore  *self,
                 gboolean     create,
                 GError     **error)
{
  int rc = try_open (self, NULL, SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0));

  if (rc == SQLITE_OK)
    return TRUE;

  _alama_store_set_sqlite_error (self, rc, "opening the file", error);
  return FALSE;
}

static gboolean
setup_connection (AlamaStore                 *self,
                  gboolean                    create,
                  const AlamaUpgradeControl  *upgrade,
                  GError                    **error)
{
  guint n_migrations;
  const AlamaMigration *migrations = _alama_store_get_migrations (&n_migrations);

  sqlite3_busy_timeout (self->db, busy_timeout_ms ());
  if (!_alama_store_exec (self, "PRAGMA foreign_keys = ON", error))
    return FALSE;
  /* The search index is part of the schema: reading or writing search_fts
   * needs our tokenizer on the connection. */
  if (_alama_search_register_tokenizer (self->db) != SQLITE_OK)
    {
      _alama_store_set_sqlite_error (self, sqlite3_errcode (self->db),
                                     "setting up the search tokenizer", error);
      return FALSE;
    }
  if (_alama_sort_key_register (self->db) != SQLITE_OK)
    {
      _alama_store_set_sqlite_error (self, sqlite3_errcode (self->db),
                                     "setting up the document order", error);
      return FALSE;
    }
  if (_alama_confidence_register (self->db) != SQLITE_OK)
    {
      _alama_store_set_sqlite_error (self, sqlite3_errcode (self->db),
                                     "setting up the confidence of suggestions", error);
      return FALSE;
    }
  /* Every write call runs in its own savepoint, and SQLite keeps a savepoint's
   * sub-journal in a temporary file by default: an import of 100,000 spans made
   * millions of small writes to it. In memory it costs a few pages per call. */
  if (!_alama_store_exec (self, "PRAGMA temp_store = MEMORY", error))
    return FALSE;
  /* An import is one transaction per file. With SQLite's default 2 MB page
   * cache a large file spills dirty pages into the WAL before the commit (and
   * writes them again); 32 MB is a ceiling, not an allocation. */
  if (!_alama_store_exec (self, "PRAGMA cache_size = -32768", error))
    return FALSE;

  if (self->read_only)
    {
      sqlite3_stmt *stmt = _alama_store_prepare (self, "PRAGMA user_version", error);
      gint64 version;

      if (stmt == NULL)
        return FALSE;
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          _alama_stmt_reset (stmt);
          _alama_store_set_sqlite_error (self, sqlite3_errcode (self->db), "reading the version",
                                         error);
          return FALSE;
        }
      version = sqlite3_column_int64 (stmt, 0);
      _alama_stmt_reset (stmt);

      if (version > ALAMA_SCHEMA_VERSION)
        {
          g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_TOO_NEW,
                       "%s was made by a newer version of Alama (file version %" G_GINT64_FORMAT
                       ", this version reads up to %d)", self->path, version, ALAMA_SCHEMA_VERSION);
          return FALSE;
        }
      if (version < ALAMA_SCHEMA_VERSION)
        {
          g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_READ_ONLY,
                       _("%s is read-only and was made by an older version of Alama: "
                       "open it once with write access to upgrade it"), self->path);
          return FALSE;
        }
      return _alama_store_check_tables (self->db, self->path, error);
    }

  /* A large text is stored as a chain of overflow pages, each naming the
   * next: to read it at an offset, SQLite walks the chain from its start.
   * With pointer maps (auto_vacuum, which must be chosen before the first
   * table; INCREMENTAL never moves pages on its own) it finds the next page
   * of a contiguous chain without reading the page, so a search can begin
   * deep inside a large document (alama-search-positions.c). */
  if (create && !_alama_store_exec (self, "PRAGMA auto_vacuum = INCREMENTAL", error))
    return FALSE;

  /* The tables are made in rollback-journal mode so that the header (with the
   * application_id) is in the main file at once; WAL comes after. */
  if (!_alama_store_migrate_controlled (self->db, self->path, migrations, n_migrations, upgrade,
                                        error))
    return FALSE;
  if (!_alama_store_check_tables (self->db, self->path, error))
    return FALSE;

  if (create)
    {
      g_autoptr(AlamaSchema) schema = alama_schema_new_default ();
      gboolean ok;

      if (!_alama_store_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      ok = _alama_store_write_schema (self, schema, error);
      if (!_alama_store_exec (self, ok ? "COMMIT" : "ROLLBACK", ok ? error : NULL) || !ok)
        return FALSE;
    }

  return _alama_store_exec (self, "PRAGMA journal_mode = WAL", error);
}

/* A -wal or -shm left with no write permission (SQLite gives them the main
 * file's mode, and older versions of Alama opened read-only files through
 * them) would keep a project read-only after its own mode was fixed. */
static void
repair_companion_modes (const char        *path,
                        const struct stat *st)
{
  static const char * const suffixes[] = { "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      struct stat companion_st;

      if (stat (file, &companion_st) == 0 && (companion_st.st_mode & 0222) == 0 &&
          companion_st.st_uid == geteuid ())
        g_chmod (file, (companion_st.st_mode | (st->st_mode & 0222)) & 07777);
    }
}

/* An existing project: @st is its stat(). */
static AlamaStore *
open_existing (const char                 *path,
               const struct stat          *st,
               AlamaStoreOpenFlags         flags,
               const AlamaUpgradeControl  *upgrade,
               GError                    **error)
{
  g_autoptr(AlamaStore) self = NULL;
  gboolean forced;

  if (!check_header (path, NULL, error))
    return NULL;

  self = g_object_new (ALAMA_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->db_path = g_strdup (path);
  forced = must_open_read_only (path, st);
  self->read_only = forced || (flags & ALAMA_STORE_OPEN_READ_ONLY) != 0;

  if (!self->read_only)
    repair_companion_modes (path, st);

  if (!(self->read_only ? open_read_only (self, forced, error)
                        : open_read_write (self, FALSE, error)) ||
      !setup_connection (self, FALSE, upgrade, error))
    return NULL;

  /* What alama_store_refresh() compares with to see other processes' commits. */
  _alama_store_read_data_version (self, &self->data_version, NULL);

  return g_steal_pointer (&self);
}

/* A name no one uses in @path's folder, hidden from folder walks, reserved by
 * creating it empty (O_EXCL); the folder's permissions decide as for @path. */
static char *
reserve_hidden_name (const char  *path,
                     GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);

  for (guint attempt = 0; attempt < 100; attempt++)
    {
      g_autofree char *name = g_strdup_printf (".%s.%08x.new", base, g_random_int ());
      g_autofree char *candidate = g_build_filename (folder, name, NULL);
      int fd = open (candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);

      if (fd >= 0)
        {
          close (fd);
          return g_steal_pointer (&candidate);
        }
      if (errno != EEXIST)
        {
          int saved_errno = errno;

          g_set_error (error, ALAMA_STORE_ERROR,
                       saved_errno == EACCES || saved_errno == EROFS || saved_errno == EPERM
                       ? ALAMA_STORE_ERROR_READ_ONLY : ALAMA_STORE_ERROR_IO,
                       _("Cannot create %s: %s"), path, g_strerror (saved_errno));
          return NULL;
        }
    }

  g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_IO,
               _("Cannot create %s: no free temporary name in its folder"), path);
  return NULL;
}

AlamaStore *
alama_store_create_unpublished (const char  *path,
                                GError     **error)
{
  g_autoptr(AlamaStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (ALAMA_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  if ((self->db_path = reserve_hidden_name (path, error)) == NULL)
    return NULL;
  /* From here on, finalize removes the hidden file again. */
  self->unpublished = TRUE;

  if (!open_read_write (self, TRUE, error) || !setup_connection (self, TRUE, NULL, error))
    return NULL;

  _alama_store_read_data_version (self, &self->data_version, NULL);
  return g_steal_pointer (&self);
}

/* Puts the complete file @hidden at @path, an empty file there now: under an
 * exclusive flock() of it, so that of two processes filling the same empty
 * file one wins and the other finds a project. */
static gboolean
replace_empty_file (const char  *hidden,
                    const char  *path,
                    gboolean    *out_taken,
                    GError     **error)
{
  g_autofree char *target = realpath (path, NULL);
  struct stat fd_st, path_st;
  int fd;

  if (target == NULL || (fd = open (target, O_RDONLY | O_CLOEXEC)) < 0)
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_IO,
                   _("Cannot create %s: %s"), path, g_strerror (errno));
      return FALSE;
    }

  flock (fd, LOCK_EX);
  *out_taken = !(fstat (fd, &fd_st) == 0 && fd_st.st_size == 0 &&
                 stat (target, &path_st) == 0 &&
                 path_st.st_dev == fd_st.st_dev && path_st.st_ino == fd_st.st_ino);
  if (!*out_taken && rename (hidden, target) != 0)
    {
      int saved_errno = errno;

      close (fd);
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_IO,
                   _("Cannot create %s: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);

  return TRUE;
}

gboolean
alama_store_publish (AlamaStore  *self,
                     gboolean    *out_taken,
                     GError     **error)
{
  g_autofree char *hidden = NULL;
  g_autofree char *folder = NULL;
  struct stat st;
  gboolean exists, taken = FALSE, ok = TRUE;
  int fd;

  g_return_val_if_fail (ALAMA_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->unpublished, FALSE);
  g_return_val_if_fail (!self->change.active, FALSE);

  /* The last connection closing checkpoints the WAL into the file and removes
   * -wal and -shm: the file alone is then the whole project. */
  g_hash_table_remove_all (self->statements_by_address);
  g_hash_table_remove_all (self->statements);
  g_clear_pointer (&self->db, sqlite3_close_v2);
  hidden = g_steal_pointer (&self->db_path);
  self->unpublished = FALSE;

  if (!stat_project (self->path, &st, &exists, error))
    ok = FALSE;
  else if (exists && st.st_size == 0)
    ok = replace_empty_file (hidden, self->path, &taken, error);
  else if (link (hidden, self->path) != 0)
    {
      /* Someone else made the project first: theirs stays, ours goes. */
      if (errno == EEXIST)
        taken = TRUE;
      else
        {
          g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_IO,
                       _("Cannot create %s: %s"), self->path, g_strerror (errno));
          ok = FALSE;
        }
    }
  _alama_store_remove_with_companions (hidden);

  /* The new name must survive a power cut as the file's content does. */
  folder = g_path_get_dirname (self->path);
  if (ok && !taken && (fd = open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0)
    {
      fsync (fd);
      close (fd);
    }

  if (out_taken != NULL)
    *out_taken = taken;
  return ok;
}

static AlamaStore *
open_with (const char                 *path,
           AlamaStoreOpenFlags         flags,
           const AlamaUpgradeControl  *upgrade,
           GError                    **error)
{
  struct stat st;
  gboolean exists;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!stat_project (path, &st, &exists, error))
    return NULL;

  if (!exists || st.st_size == 0)
    {
      g_autoptr(AlamaStore) fresh = NULL;

      if (!(flags & ALAMA_STORE_OPEN_CREATE))
        {
          if (exists)
            g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_A_PROJECT,
                         _("%s is an empty file, not an Alama project"), path);
          else
            g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_FOUND,
                         _("%s does not exist"), path);
          return NULL;
        }
      if ((flags & ALAMA_STORE_OPEN_READ_ONLY) || (exists && must_open_read_only (path, &st)))
        {
          g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_READ_ONLY,
                       _("Cannot create %s: it is read-only"), path);
          return NULL;
        }

      /* Made complete (tables, default labels, WAL) under a hidden name and
       * then linked into place: the path shows a whole project or nothing,
       * whoever else creates it at the same time or kills us midway. */
      if ((fresh = alama_store_create_unpublished (path, error)) == NULL ||
          !alama_store_publish (fresh, NULL, error))
        return NULL;
      if (!stat_project (path, &st, &exists, error))
        return NULL;
      if (!exists)
        {
          g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_FOUND,
                       _("%s was removed while it was being created"), path);
          return NULL;
        }
    }

  return open_existing (path, &st, flags, upgrade, error);
}

AlamaStore *
alama_store_open (const char           *path,
                  AlamaStoreOpenFlags   flags,
                  GError              **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return open_with (path, flags, NULL, error);
}

/* ---- Upgrading, asked for ----------------------------------------------------- */

gboolean
alama_store_read_version (const char  *path,
                          guint       *version,
                          GError     **error)
{
  guint32 header_version = 0;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (version != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_header (path, &header_version, error))
    return FALSE;
  *version = header_version;
  return TRUE;
}

AlamaStore *
alama_store_open_current (const char           *path,
                          AlamaStoreOpenFlags   flags,
                          GError              **error)
{
  const AlamaUpgradeControl refuse = { TRUE, NULL, NULL, NULL };

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return open_with (path, flags, &refuse, error);
}

AlamaStore *
alama_store_open_upgraded (const char             *path,
                           AlamaStoreUpgradeFunc   progress,
                           gpointer                user_data,
                           GCancellable           *cancellable,
                           GError                **error)
{
  const AlamaUpgradeControl control = { FALSE, progress, user_data, cancellable };

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return open_with (path, ALAMA_STORE_OPEN_DEFAULT, &control, error);
}

