/* err: an error message carried back to the caller instead of exiting.
 * Engine functions never print or exit; they fill an Err and return -1.
 * Only main decides to print "regscope: <msg>" and pick the exit status. */
#ifndef REGSCOPE_ERR_H
#define REGSCOPE_ERR_H

#include <stdarg.h>

typedef enum {
    ERR_NONE = 0,
    ERR_INPUT = 2,   /* bad usage or bad input: exit status 2 */
    ERR_INTERNAL = 1 /* out of memory, I/O failure we cannot blame on input */
} ErrKind;

typedef struct {
    ErrKind kind;
    char msg[512];
} Err;

/* Fill e (if not NULL) with kind and a printf-style message; returns -1 so
 * callers can write `return err_set(e, ERR_INPUT, "...")`. */
int err_set(Err *e, ErrKind kind, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Same, for "FILE:LINE:COLUMN: what" messages; line/column 0 are omitted. */
int err_at(Err *e, const char *file, long line, long column, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

#endif
