/* tunecmd: `regscope --headless --tune KNOB=V1,V2,...`: a cross-validated
 * grid as JSON Lines (tune.h does the work); a hidden-layer model's grid is
 * tune_net.h's. */
#ifndef REGSCOPE_TUNECMD_H
#define REGSCOPE_TUNECMD_H

#include <stdio.h>

#include "config.h"

/* Returns the exit status (0, 1 internal, 2 bad usage/input) with the
 * message in err, as headless_run. */
int tune_headless_run(const Config *c, FILE *out, Err *err);

/* The alphas of c's --tune alpha=... (the only grid knob of a linear model)
 * into alphas (at most max), their count into *n. 0, or -1 with err. */
int tune_parse_alphas(const Config *c, double *alphas, int max, int *n, Err *err);

#endif
