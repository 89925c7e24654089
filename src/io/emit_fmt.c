/* emit_fmt: the names of the libraries and the Python literals of a double
 * and of a string, which the script's every part uses (emit.c, emit_py.c,
 * emit_table.c); depends on none of them. */
#include "emit.h"
#include "script_parts.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

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

/* Length of the valid UTF-8 sequence at s[0..len) (1 to 4), or 0 if the
 * bytes there are not one (overlong forms, surrogates and > U+10FFFF
 * included, and a sequence cut by the end). */
static int utf8_len(const unsigned char *s, size_t len)
{
    int n = utf8_seq_len(s, len);
    return n < 0 ? 0 : n;
}

void emit_py_strn(FILE *out, const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str, *end = s + len;
    fputc('"', out);
    while (s < end) {
        int n = utf8_len(s, (size_t)(end - s));
        if (*s == '"' || *s == '\\')
            fprintf(out, "\\%c", *s);
        else if (*s < 0x20 || *s == 0x7f)
            fprintf(out, "\\x%02x", *s);
        else if (n == 0)
            fprintf(out, "\\udc%02x", *s);
        else
            fwrite(s, 1, (size_t)n, out);
        s += n ? n : 1;
    }
    fputc('"', out);
}

void emit_py_str(FILE *out, const char *s) { emit_py_strn(out, s, strlen(s)); }

void emit_py_comment(FILE *out, const char *str)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t len = strlen(str);
    for (size_t i = 0; i < len;) {
        int n = utf8_len(s + i, len - i);
        if (s[i] < 0x20 || s[i] == 0x7f || n == 0)
            fprintf(out, "\\x%02x", s[i]);
        else
            fwrite(s + i, 1, (size_t)n, out);
        i += n ? (size_t)n : 1;
    }
}
