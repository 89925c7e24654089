/* headless: train for --epochs without a terminal, report per SPEC §4. */
#ifndef REGSCOPE_HEADLESS_H
#define REGSCOPE_HEADLESS_H

#include <stdio.h>

#include "config.h"

/* The exit status of a run whose loss or weights stopped being finite: the
 * epochs up to it are reported, then no final record and no saved scene. */
#define HEADLESS_DIVERGED 3

/* Returns an exit status: 0, 2 (bad input: message in err), 1, or
 * HEADLESS_DIVERGED (message in err: the epoch and what to lower). */
int headless_run(const Config *c, FILE *out, Err *err);

#endif
