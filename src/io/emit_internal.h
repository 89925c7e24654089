/* emit_internal: what emit.c (the API, the data, the per-library writers)
 * uses of emit_py.c (the part of every script that is the same for each
 * library). emit_py.c uses emit_fmt.c only, never emit.c. Not public API:
 * only the emit files include it. */
#ifndef REGSCOPE_EMIT_INTERNAL_H
#define REGSCOPE_EMIT_INTERNAL_H

#include <stdio.h>

#include "emit.h"

static inline const char *act_name(Activation a) { return activation_name(a); }

/* The script's first lines: shebang, what it is for, the imports. */
void emit_write_header(FILE *out, const Config *c, const EmitData *dd, EmitLib lib);
/* The settings block (DATA, TASK, LAMBDA, ... as Python constants), then
 * load_data() (numpy generator or CSV reader) and the shared functions
 * (expand, split, data_loss, penalty) with the data loaded and split. */
void emit_write_settings(FILE *out, const Config *c, const EmitData *dd);

#endif
