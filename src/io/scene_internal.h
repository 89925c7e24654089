/* scene_internal: helpers scene.c (save, the problem of a scene, hooks) and
 * scene_read.c (the parser) share. Not public API: only the scene files
 * include it. */
#ifndef REGSCOPE_SCENE_INTERNAL_H
#define REGSCOPE_SCENE_INTERNAL_H

#include <stdlib.h>
#include <string.h>

#include "mem.h"

static inline void free_names(char **names, int n)
{
    if (!names)
        return;
    for (int i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

#endif
