#include "mem.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

char *dup_str(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

int grow(void *pp, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    size_t n = *cap ? *cap : 16;
    while (n < need) {
        if (n > SIZE_MAX / 2)
            return -1;
        n *= 2;
    }
    if (elem && n > SIZE_MAX / elem)
        return -1;
    void *q = realloc(*(void **)pp, n * elem);
    if (!q)
        return -1;
    *(void **)pp = q;
    *cap = n;
    return 0;
}
