/* filewrite: atomic file writes (filewrite.h). */
#include "filewrite.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PATH_BYTES 4096
#define MAX_LINK_HOPS 40 /* as the kernel's own limit on nested symlinks */

/* The folder part of path ("." when there is none). */
static int dir_of(const char *path, char *dir, size_t size)
{
    const char *slash = strrchr(path, '/');
    int n = !slash ? snprintf(dir, size, ".")
                   : snprintf(dir, size, "%.*s", slash == path ? 1 : (int)(slash - path), path);
    if (n < 0 || (size_t)n >= size) {
        errno = ENAMETOOLONG;
        return -1;
    }
    return 0;
}

/* path with its symlinks followed to the file they name (which need not
 * exist yet); path itself when it is no link. */
static int resolve_links(const char *path, char *out, size_t size)
{
    if ((size_t)snprintf(out, size, "%s", path) >= size) {
        errno = ENAMETOOLONG;
        return -1;
    }
    for (int hop = 0; hop < MAX_LINK_HOPS; hop++) {
        struct stat st;
        if (lstat(out, &st) || !S_ISLNK(st.st_mode))
            return 0;
        char link[PATH_BYTES], dir[PATH_BYTES];
        ssize_t n = readlink(out, link, sizeof link - 1);
        if (n < 0)
            return -1;
        link[n] = '\0';
        int w;
        if (link[0] == '/')
            w = snprintf(out, size, "%s", link);
        else if (dir_of(out, dir, sizeof dir))
            return -1;
        else
            w = snprintf(out, size, "%s/%s", dir, link);
        if (w < 0 || (size_t)w >= size) {
            errno = ENAMETOOLONG;
            return -1;
        }
    }
    errno = ELOOP;
    return -1;
}

static int write_all(int fd, const char *p, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, p, len);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

/* The mode the file gets: an existing target's permission bits, else what
 * a plain create would give. -1 (errno set) when the target is there but
 * is no regular file: replacing a folder or a device is never meant. */
static int target_mode(const char *target, mode_t *mode)
{
    struct stat st;
    if (stat(target, &st) == 0) {
        if (!S_ISREG(st.st_mode)) {
            errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
            return -1;
        }
        *mode = st.st_mode & 07777;
        return 0;
    }
    if (errno != ENOENT)
        return -1;
    mode_t mask = umask(0);
    umask(mask);
    *mode = 0666 & ~mask;
    return 0;
}

/* tmp -> target without replacing an existing target. */
static int link_new(const char *tmp, const char *target)
{
    if (link(tmp, target) == 0)
        return unlink(tmp), 0;
    if (errno == EEXIST)
        return -1;
    /* no hard links here (some file systems): check, then rename */
    struct stat st;
    if (lstat(target, &st) == 0) {
        errno = EEXIST;
        return -1;
    }
    return rename(tmp, target);
}

/* Makes the rename itself durable (best effort: some folders refuse). */
static void sync_dir(const char *dir)
{
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        (void)fsync(dfd);
        close(dfd);
    }
}

int file_write_atomic(const char *path, const char *data, size_t len, FileWriteMode mode, Err *err)
{
    char target[PATH_BYTES], dir[PATH_BYTES], tmp[PATH_BYTES];
    mode_t perm = 0;
    int fd = -1, e = 0;
    if (mode == FILE_NEW ? (size_t)snprintf(target, sizeof target, "%s", path) >= sizeof target
                         : resolve_links(path, target, sizeof target) != 0) {
        e = errno ? errno : ENAMETOOLONG;
        goto fail;
    }
    /* a short temporary name of its own: the target's may be as long as a
     * name can be */
    if (target_mode(target, &perm) || dir_of(target, dir, sizeof dir) ||
        (size_t)snprintf(tmp, sizeof tmp, "%s/.regscope-XXXXXX", dir) >= sizeof tmp) {
        e = errno ? errno : ENAMETOOLONG;
        goto fail;
    }
    if ((fd = mkstemp(tmp)) < 0) {
        e = errno;
        goto fail;
    }
    if (fchmod(fd, perm) || write_all(fd, data, len) || fsync(fd))
        e = errno;
    if (close(fd) && !e)
        e = errno;
    if (!e && (mode == FILE_NEW ? link_new(tmp, target) : rename(tmp, target)))
        e = errno;
    if (e) {
        unlink(tmp);
        goto fail;
    }
    sync_dir(dir);
    return 0;
fail:
    /* where the path is at fault (missing folder, no permission, a folder
     * or a device in the way) it is bad input; a full disk is not */
    err_set(err,
            e == ENOENT || e == ENOTDIR || e == EACCES || e == EPERM || e == EROFS || e == EISDIR ||
                    e == EINVAL || e == ENAMETOOLONG || e == ELOOP
                ? ERR_INPUT
                : ERR_INTERNAL,
            "%s: cannot write: %s", path, e == EINVAL ? "not a regular file" : strerror(e));
    errno = e;
    return -1;
}

int file_fresh_stem(const char *stem, const char *const *suffixes, int n, char *out, size_t size)
{
    for (int k = 1; k < 10000; k++) {
        int w = k == 1 ? snprintf(out, size, "%s", stem) : snprintf(out, size, "%s-%d", stem, k);
        if (w < 0 || (size_t)w >= size)
            return -1;
        int taken = 0;
        for (int i = 0; i < n && !taken; i++) {
            char path[PATH_BYTES];
            struct stat st;
            if ((size_t)snprintf(path, sizeof path, "%s%s", out, suffixes[i]) >= sizeof path)
                return -1;
            taken = lstat(path, &st) == 0;
        }
        if (!taken)
            return 0;
    }
    return -1;
}
