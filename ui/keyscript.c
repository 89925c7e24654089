/* keyscript: --keys FILE (keyscript.h). */
#include "keyscript.h"

#include <curses.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

static const struct {
    const char *name;
    int key;
} named[] = {
    {"space", ' '},       {"enter", '\n'},     {"tab", '\t'},       {"backtab", KEY_BTAB},
    {"esc", 27},          {"up", KEY_UP},      {"down", KEY_DOWN},  {"left", KEY_LEFT},
    {"right", KEY_RIGHT}, {"pgup", KEY_PPAGE}, {"pgdn", KEY_NPAGE}, {"home", KEY_HOME},
    {"end", KEY_END},
};

static int key_of(const char *word, size_t len)
{
    if (len == 1 && word[0] > ' ' && word[0] < 127)
        return (unsigned char)word[0];
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (strlen(named[i].name) == len && strncmp(named[i].name, word, len) == 0)
            return named[i].key;
    return -1;
}

/* One "SECONDS KEY" line (NUL-terminated) into ks; last: the time before. */
static int parse_line(const char *line, const char *name, long ln, double last, KeyScript *ks,
                      size_t *cap, Err *err)
{
    const char *p = line + strspn(line, " \t");
    if (!*p || *p == '#')
        return 0;
    long col = (long)(p - line) + 1;
    char *end;
    errno = 0;
    double t = strtod(p, &end);
    if (end == p || errno || !isfinite(t) || t < 0 || (*end != ' ' && *end != '\t'))
        return err_at(err, name, ln, col, "expected SECONDS KEY, the seconds a number >= 0");
    if (t < last)
        return err_at(err, name, ln, col, "%g s is before the press above it (%g s)", t, last);
    const char *k = end + strspn(end, " \t");
    size_t klen = strcspn(k, " \t");
    int key = key_of(k, klen);
    if (!klen || key < 0)
        return err_at(err, name, ln, (long)(k - line) + 1,
                      "unknown key '%.*s' (a character, or space enter tab backtab esc up down "
                      "left right pgup pgdn home end)",
                      (int)(klen < 40 ? klen : 40), k);
    const char *rest = k + klen + strspn(k + klen, " \t");
    if (*rest)
        return err_at(err, name, ln, (long)(rest - line) + 1, "one key a line");
    if (grow(&ks->press, cap, (size_t)ks->n + 1, sizeof *ks->press))
        return err_set(err, ERR_INTERNAL, "out of memory");
    ks->press[ks->n++] = (KeyPress){t, key};
    return 0;
}

int keyscript_parse(const char *text, const char *name, KeyScript *ks, Err *err)
{
    memset(ks, 0, sizeof *ks);
    size_t cap = 0;
    long ln = 0;
    for (const char *p = text; *p;) {
        size_t n = strcspn(p, "\n");
        char line[512];
        ln++;
        if (n >= sizeof line) {
            keyscript_free(ks);
            return err_at(err, name, ln, 0, "line too long");
        }
        memcpy(line, p, n);
        line[n] = '\0';
        if (n && line[n - 1] == '\r')
            line[n - 1] = '\0';
        double last = ks->n ? ks->press[ks->n - 1].t : 0;
        if (parse_line(line, name, ln, last, ks, &cap, err)) {
            keyscript_free(ks);
            return -1;
        }
        p += n + (p[n] == '\n');
    }
    return 0;
}

int keyscript_read(const char *path, KeyScript *ks, Err *err)
{
    memset(ks, 0, sizeof *ks);
    FILE *f = fopen(path, "rb");
    if (!f)
        return err_set(err, ERR_INPUT, "%s: cannot read it", path);
    char *text = NULL;
    size_t len = 0, cap = 0;
    char block[4096];
    size_t got;
    while ((got = fread(block, 1, sizeof block, f)) > 0) {
        if (len + got > (1u << 20) || grow(&text, &cap, len + got + 1, 1)) {
            free(text);
            fclose(f);
            return err_set(err, ERR_INPUT, "%s: more than 1 MiB of key presses", path);
        }
        memcpy(text + len, block, got);
        len += got;
    }
    fclose(f);
    if (memchr(text ? text : "", '\0', len)) {
        free(text);
        return err_set(err, ERR_INPUT, "%s: not a text file (a NUL byte)", path);
    }
    if (!text && !(text = dup_str("")))
        return err_set(err, ERR_INTERNAL, "out of memory");
    text[len] = '\0';
    int rc = keyscript_parse(text, path, ks, err);
    free(text);
    return rc;
}

int keyscript_due(KeyScript *ks, double t)
{
    if (!ks || ks->next >= ks->n || ks->press[ks->next].t > t)
        return -1;
    return ks->press[ks->next++].key;
}

void keyscript_free(KeyScript *ks)
{
    free(ks->press);
    memset(ks, 0, sizeof *ks);
}
