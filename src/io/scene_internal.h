/* scene_internal: helpers scene.c (save, the problem of a scene, hooks) and
 * scene_read.c (the parser) share. Not public API: only the scene files
 * include it. */
#ifndef REGSCOPE_SCENE_INTERNAL_H
#define REGSCOPE_SCENE_INTERNAL_H

#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "mem.h"

static inline void free_names(char **names, int n)
{
    if (!names)
        return;
    for (int i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* The whole file (a regular one of at most SCENE_MAX_BYTES, no NUL byte) in
 * *text (malloc'd, NUL-terminated), its length in *len (scene_file.c). */
int scene_read_file(const char *path, char **text, size_t *len, Err *err);
/* The next name at *p: bare (up to a blank) or "quoted" with escapes
 * (scene.h), unquoted in place. NULL at the end of the line, or with *why
 * saying what is wrong (scene_names.c). */
char *scene_next_name(char **p, const char **why);

/* The names of a class-names / input-names line, kept until their count
 * is known (scene_names.c). */
typedef struct {
    char **v;
    int n;
    long line; /* where they were given; 0 = not given */
} Names;

void scene_names_free(Names *nm);
/* 0 when nm was not given or holds count names; else "FILE:LINE: key:
 * expected COUNT names". */
int scene_check_names(const char *file, const Names *nm, const char *key, int count, Err *err);

#endif
