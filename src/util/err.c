#include "err.h"

#include <stdio.h>

int err_set(Err *e, ErrKind kind, const char *fmt, ...)
{
    if (e) {
        va_list ap;
        va_start(ap, fmt);
        e->kind = kind;
        vsnprintf(e->msg, sizeof e->msg, fmt, ap);
        va_end(ap);
    }
    return -1;
}

int err_at(Err *e, const char *file, long line, long column, const char *fmt, ...)
{
    if (!e)
        return -1;
    int used;
    if (line > 0 && column > 0)
        used = snprintf(e->msg, sizeof e->msg, "%s:%ld:%ld: ", file, line, column);
    else if (line > 0)
        used = snprintf(e->msg, sizeof e->msg, "%s:%ld: ", file, line);
    else
        used = snprintf(e->msg, sizeof e->msg, "%s: ", file);
    if (used < 0 || (size_t)used >= sizeof e->msg)
        used = 0;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg + used, sizeof e->msg - (size_t)used, fmt, ap);
    va_end(ap);
    e->kind = ERR_INPUT;
    return -1;
}
