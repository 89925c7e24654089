/* scene_names: the name tokens of class-names / input-names lines, bare or
 * "quoted" with the escapes scene.c writes, and the names kept until their
 * count is known. */
#include "scene_internal.h"

#include <string.h>

static int hex_digit(char c)
{
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

char *scene_next_name(char **p, const char **why)
{
    char *s = *p + strspn(*p, " \t");
    *p = s;
    if (!*s)
        return NULL;
    if (*s != '"') {
        char *e = s + strcspn(s, " \t");
        *p = *e ? e + 1 : e;
        *e = '\0';
        return s;
    }
    char *out = s, *q = s + 1;
    for (;;) {
        char c = *q++;
        if (c == '\0') {
            *why = "a quoted name has no closing quote";
            return NULL;
        }
        if (c == '"')
            break;
        if (c == '\\') {
            char e = *q++;
            int hi = e == 'x' ? hex_digit(q[0]) : -1, lo = hi >= 0 ? hex_digit(q[1]) : -1;
            if (e == '"' || e == '\\')
                c = e;
            else if (e == 't' || e == 'n' || e == 'r')
                c = e == 't' ? '\t' : e == 'n' ? '\n' : '\r';
            else if (lo >= 0 && (hi | lo)) {
                c = (char)(hi * 16 + lo);
                q += 2;
            } else {
                *why =
                    "a quoted name has an unknown escape (\\\" \\\\ \\t \\n \\r \\xHH, not \\x00)";
                return NULL;
            }
        }
        *out++ = c;
    }
    if (*q && *q != ' ' && *q != '\t') {
        *why = "a quoted name must be followed by a blank";
        return NULL;
    }
    *out = '\0';
    *p = q;
    return s;
}

void scene_names_free(Names *nm)
{
    free_names(nm->v, nm->n);
    memset(nm, 0, sizeof *nm);
}

int scene_check_names(const char *file, const Names *nm, const char *key, int count, Err *err)
{
    if (!nm->line || nm->n == count)
        return 0;
    return err_at(err, file, nm->line, 0, "%s: expected %d names (its count's), got %d", key, count,
                  nm->n);
}
