/* pathcmd: `regscope --headless --path`: the regularization path of a
 * linear model as JSON Lines (one record per lambda, largest first, then a
 * summary record), optionally cross-validated (--cv K). */
#ifndef REGSCOPE_PATHCMD_H
#define REGSCOPE_PATHCMD_H

#include <stdio.h>

#include "config.h"
#include "path.h"
#include "problem.h"

/* Returns the exit status (0, 1 internal, 2 bad usage/input) with the
 * message in err, as headless_run. */
int path_headless_run(const Config *c, FILE *out, Err *err);

/* The path options of c's penalty (family, gamma) on p, with p's groups
 * viewed in *groups (which must live as long as opt's use). */
void path_options_for(const Config *c, const Problem *p, PenaltyGroups *groups, PathOptions *opt);

#endif
