/* headless: train for --epochs without a terminal, report per SPEC §4. */
#ifndef REGSCOPE_HEADLESS_H
#define REGSCOPE_HEADLESS_H

#include <stdio.h>

#include "config.h"

/* Returns an exit status: 0, 2 (bad input: message in err) or 1. */
int headless_run(const Config *c, FILE *out, Err *err);

#endif
