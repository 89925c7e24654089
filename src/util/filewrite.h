/* filewrite: the one way regscope writes a file (scenes, screen exports,
 * scripts, --snapshot).
 *
 * The data goes to a temporary file with a short fixed-length name in the
 * target's folder (.regscope-XXXXXX, mkstemp), is fsync'ed, then renamed
 * over the target, and the folder is fsync'ed. A failure leaves no
 * temporary file and never touches the target. Replacing, a symlink at the
 * target is followed (the file it points to is written, the link stays),
 * an existing file keeps its permission bits (a new one gets 0666 &
 * ~umask), and a folder or a device is never replaced. */
#ifndef REGSCOPE_FILEWRITE_H
#define REGSCOPE_FILEWRITE_H

#include <stddef.h>

#include "err.h"

typedef enum {
    FILE_REPLACE, /* an existing file is replaced */
    FILE_NEW      /* nothing at the target is replaced (a file, a symlink): fails with EEXIST */
} FileWriteMode;

/* Writes len bytes of data to path. 0, or -1 with err set (ERR_INTERNAL,
 * "PATH: cannot write: why") and errno saying why. */
int file_write_atomic(const char *path, const char *data, size_t len, FileWriteMode mode, Err *err);

/* A stem not yet in use for any of the n suffixes: stem itself, else
 * stem-2, stem-3, ... (so files written a moment ago with a timestamped
 * name are not overwritten). Writes it to out; 0, or -1 when none fits. */
int file_fresh_stem(const char *stem, const char *const *suffixes, int n, char *out, size_t size);

#endif
