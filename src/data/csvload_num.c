/* csvload_num: one CSV field to a double, exactly as strtod would.
 *
 * Most fields are short decimals ("3.25", "-0.0071", "12e-3"). When the
 * digits fit in 2^53 and the decimal exponent is at most 22 in size, both the
 * digits and the power of ten are exact doubles, so a single multiply or
 * divide gives the correctly rounded result (Clinger's fast path). Up to 19
 * digits (the 17 of a printed double) go through x87 extended precision with
 * a check for the one case where rounding twice could differ. Everything else
 * goes to strtod on a NUL-terminated copy, which stays the reference. strtod
 * follows LC_NUMERIC: the loader sets it to "C" for its thread. */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csvload.h"

static const double pow10_exact[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                       1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                       1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

#if LDBL_MANT_DIG == 64 && (defined(__x86_64__) || defined(__i386__))
/* x87 extended precision: a 64-bit significand holds any 19-digit mantissa
 * and 10^e up to 10^27 exactly, so m * 10^e (or m / 10^e) is rounded once to
 * 64 bits, then again to 53 bits. The second rounding can differ from a single
 * correct rounding only when the first result sits exactly on a double
 * midpoint (low 11 significand bits 10000000000); then strtod decides. */
static int extended_path(uint64_t mant, int exp10, double *out)
{
    static const long double p10[28] = {1e0L,  1e1L,  1e2L,  1e3L,  1e4L,  1e5L,  1e6L,
                                        1e7L,  1e8L,  1e9L,  1e10L, 1e11L, 1e12L, 1e13L,
                                        1e14L, 1e15L, 1e16L, 1e17L, 1e18L, 1e19L, 1e20L,
                                        1e21L, 1e22L, 1e23L, 1e24L, 1e25L, 1e26L, 1e27L};
    if (exp10 < -27 || exp10 > 27)
        return 0;
    long double r = exp10 >= 0 ? (long double)mant * p10[exp10] : (long double)mant / p10[-exp10];
    uint64_t sig;
    memcpy(&sig, &r, sizeof sig); /* the explicit 64-bit significand comes first */
    if ((sig & 0x7ff) == 0x400)
        return 0;
    *out = (double)r;
    return 1;
}
#else
static int extended_path(uint64_t mant, int exp10, double *out)
{
    (void)mant, (void)exp10, (void)out;
    return 0;
}
#endif

static int is_blank(char c) { return c == ' ' || c == '\t'; }

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Append the digits at [q, end) to *mant (wrapping past 19 digits, which the
 * caller rejects); returns the first non-digit. */
static const char *take_digits(const char *q, const char *end, uint64_t *mant)
{
    uint64_t m = *mant;
    for (; q < end && is_digit(*q); q++)
        m = m * 10 + (uint64_t)(*q - '0');
    *mant = m;
    return q;
}

/* strtod on [p, end), which has no surrounding spaces or tabs. */
static CsvNum parse_with_strtod(const char *p, const char *end, double *out)
{
    size_t n = (size_t)(end - p);
    char small[128];
    char *buf = n < sizeof small ? small : malloc(n + 1);
    if (!buf)
        return CSV_NUM_BAD;
    memcpy(buf, p, n);
    buf[n] = '\0';
    CsvNum r = CSV_NUM_OK;
    /* strtod would skip a leading newline or form feed: they are not ours. */
    if (buf[0] == '\n' || buf[0] == '\r' || buf[0] == '\v' || buf[0] == '\f') {
        r = CSV_NUM_BAD;
    } else {
        char *stop;
        errno = 0;
        double v = strtod(buf, &stop);
        if (stop == buf || (size_t)(stop - buf) != n || memchr(buf, '\0', n))
            r = CSV_NUM_BAD;
        else if (!isfinite(v))
            r = CSV_NUM_NONFINITE; /* nan, inf, or ERANGE overflow; underflow is kept */
        else
            *out = v;
    }
    if (buf != small)
        free(buf);
    return r;
}

CsvNum csv_parse_double(const char *s, size_t len, double *out)
{
    const char *p = s, *end = s + len;
    while (p < end && is_blank(*p))
        p++;
    while (end > p && is_blank(end[-1]))
        end--;
    if (p == end)
        return CSV_NUM_EMPTY;

    const char *q = p;
    int neg = 0;
    if (*q == '-' || *q == '+')
        neg = *q++ == '-';
    /* Up to 19 digits (leading zeros included) fit a uint64 exactly. */
    uint64_t mant = 0;
    int exp10 = 0, digits = 0;
    const char *start = q;
    q = take_digits(q, end, &mant);
    digits = (int)(q - start);
    if (q < end && *q == '.') {
        const char *frac = ++q;
        q = take_digits(q, end, &mant);
        exp10 = -(int)(q - frac);
        digits += (int)(q - frac);
    }
    if (digits == 0 || digits > 19)
        return parse_with_strtod(p, end, out); /* "inf", "nan", "0x1p3", junk, long */
    if (q < end && (*q == 'e' || *q == 'E')) {
        q++;
        int eneg = 0;
        if (q < end && (*q == '-' || *q == '+'))
            eneg = *q++ == '-';
        if (q == end || !is_digit(*q))
            return parse_with_strtod(p, end, out);
        int e = 0;
        for (; q < end && is_digit(*q); q++)
            if (e < 100000)
                e = e * 10 + (*q - '0');
        exp10 += eneg ? -e : e;
    }
    if (q != end)
        return parse_with_strtod(p, end, out);

    double v;
    if (mant == 0)
        v = 0.0;
    else if (mant <= (UINT64_C(1) << 53) && exp10 >= -22 && exp10 <= 22)
        v = exp10 >= 0 ? (double)mant * pow10_exact[exp10] : (double)mant / pow10_exact[-exp10];
    else if (!extended_path(mant, exp10, &v))
        return parse_with_strtod(p, end, out);
    *out = neg ? -v : v;
    return CSV_NUM_OK;
}
