/* value: parsing one option's value (see value.c). */
#ifndef REGSCOPE_VALUE_H
#define REGSCOPE_VALUE_H

#include <stddef.h>

#include "config.h"

/* A finite number into *out; 0, or -1 with "OPT: expected a number" in err. */
int value_double(const char *opt, const char *s, double *out, Err *err);
/* A whole number from lo to hi. */
int value_int(const char *opt, const char *s, long lo, long hi, long *out, Err *err);
/* A non-empty string that fits in size bytes. */
int value_copy(const char *opt, const char *s, char *dst, size_t size, Err *err);
/* v as %.15g, or more digits when that does not read back as exactly v. */
void value_format_double(double v, char *buf, size_t size);
/* --model: "linear" or hidden widths like 8,8 into c. */
int value_model(Config *c, const char *s, Err *err);

#endif
