/* The title of a run's panel in compare mode: the settings that tell the
 * runs apart, fitted to the room there is. */
#ifndef REGSCOPE_RUN_TITLE_H
#define REGSCOPE_RUN_TITLE_H

#include <stddef.h>

#include "canvas.h"
#include "config.h"

/* Run i's settings of the n runs (hypers[j]: run j's) that fit in room
 * columns, each led by two spaces ("  alpha 1  lambda 0.05 keep 1"): those
 * that tell the runs apart (in full when they fit), then the ones they
 * share, shortened and then left off whole rather than cut; "" when none
 * fits. */
void run_title(const Canvas *c, const Hyper *const *hypers, int i, int n, int room, char *buf,
               size_t size);

#endif
