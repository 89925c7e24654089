/* mem: small allocation helpers the engine shares. */
#ifndef REGSCOPE_MEM_H
#define REGSCOPE_MEM_H

#include <stddef.h>

/* A malloc'd copy of s; NULL when s is NULL or memory runs out. */
char *dup_str(const char *s);
/* Makes the array at *pp (a pointer to the array's pointer; *cap elements
 * of elem bytes) hold at least need elements, doubling *cap (from 16).
 * 0, or -1 when the size would overflow or memory runs out; then the array
 * and *cap are as they were. */
int grow(void *pp, size_t *cap, size_t need, size_t elem);

#endif
