/* emit_fmt: the names of the libraries and the Python literal of a double,
 * which the script's every part uses (emit.c and emit_py.c); depends on
 * neither of them. */
#include "emit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int emit_lib_parse(const char *s, EmitLib *lib)
{
    if (strcmp(s, "sklearn") == 0 || strcmp(s, "scikit-learn") == 0)
        *lib = EMIT_SKLEARN;
    else if (strcmp(s, "keras") == 0)
        *lib = EMIT_KERAS;
    else if (strcmp(s, "pytorch") == 0 || strcmp(s, "torch") == 0)
        *lib = EMIT_PYTORCH;
    else
        return -1;
    return 0;
}

const char *emit_lib_name(EmitLib lib)
{
    return lib == EMIT_SKLEARN ? "sklearn" : lib == EMIT_KERAS ? "keras" : "pytorch";
}

void emit_fmt_double(double v, char *buf, size_t size)
{
    if (isnan(v)) {
        snprintf(buf, size, "float(\"nan\")");
        return;
    }
    if (isinf(v)) {
        snprintf(buf, size, v > 0 ? "float(\"inf\")" : "-float(\"inf\")");
        return;
    }
    for (int p = 1; p <= 17; p++) {
        snprintf(buf, size, "%.*g", p, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    /* a Python float literal, so that 1 stays a float where it matters */
    if (!strpbrk(buf, ".eEn") && strlen(buf) + 2 < size)
        strcat(buf, ".0");
}
