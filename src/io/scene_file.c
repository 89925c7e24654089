/* scene_file: a scene file's whole text, read safely (a regular file of at
 * most SCENE_MAX_BYTES, no NUL byte), for scene_read. */
#include "scene.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scene_internal.h"

/* The line a NUL byte at p is on. */
static long line_of(const char *text, const char *p)
{
    long line = 1;
    for (const char *q = text; (q = memchr(q, '\n', (size_t)(p - q))); q++)
        line++;
    return line;
}

int scene_read_file(const char *path, char **text, size_t *len, Err *err)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK); /* a FIFO must not block the open */
    if (fd < 0)
        return err_set(err, ERR_INPUT, "%s: cannot open: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
        close(fd);
        return err_at(err, path, 0, 0, "not a regular file (a scene is a file regscope wrote)");
    }
    if ((unsigned long long)st.st_size > SCENE_MAX_BYTES) {
        close(fd);
        return err_at(err, path, 0, 0, "%lld bytes: larger than a scene can be (%.1f GB)",
                      (long long)st.st_size, SCENE_MAX_BYTES / 1e9);
    }
    /* the size read, plus room to see the file grow past the limit */
    size_t cap = (size_t)st.st_size + 65536, n = 0;
    char *buf = malloc(cap + 1);
    int e = 0;
    while (buf && !e) {
        if (n == cap) {
            size_t ncap = cap * 2 > SCENE_MAX_BYTES + 1 ? SCENE_MAX_BYTES + 1 : cap * 2;
            char *q = ncap > cap ? realloc(buf, ncap + 1) : NULL;
            if (!q) {
                e = n > SCENE_MAX_BYTES ? EFBIG : ENOMEM;
                break;
            }
            buf = q;
            cap = ncap;
        }
        ssize_t got = read(fd, buf + n, cap - n);
        if (got < 0 && errno != EINTR)
            e = errno;
        else if (got == 0)
            break;
        else if (got > 0)
            n += (size_t)got;
    }
    close(fd);
    if (!buf || e) {
        free(buf);
        if (e == EFBIG)
            return err_at(err, path, 0, 0, "larger than a scene can be (%.1f GB)",
                          SCENE_MAX_BYTES / 1e9);
        return err_set(err, e == ENOMEM || !buf ? ERR_INTERNAL : ERR_INPUT, "%s: cannot read: %s",
                       path, strerror(buf ? e : ENOMEM));
    }
    buf[n] = '\0';
    const char *nul = memchr(buf, '\0', n);
    if (nul) {
        long line = line_of(buf, nul);
        free(buf);
        return err_at(err, path, line, 0, "a NUL byte: not a regscope scene (binary data)");
    }
    *text = buf;
    *len = n;
    return 0;
}
