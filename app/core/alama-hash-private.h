/* alama-hash-private.h: SHA-256 as lowercase hex, for content hashes (documents)
 * and file hashes (imports). Not part of the public API. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _AlamaSha256 AlamaSha256;

AlamaSha256 *_alama_sha256_new        (void);
void         _alama_sha256_update     (AlamaSha256 *self,
                                       const void  *data,
                                       gsize        len);
/* Returns the digest as 64 lowercase hex digits and frees @self. */
char        *_alama_sha256_finish_hex (AlamaSha256 *self);

/* The digest of one buffer. */
char        *_alama_sha256_hex        (const void  *data,
                                       gsize        len);

G_END_DECLS
