#include "vmath.h"

#include <math.h>
#include <string.h>

#if defined(__x86_64__) && defined(__GLIBC__) &&                                                   \
    (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 35))
#define VMATH_LIBMVEC 1
#include <immintrin.h>

/* libmvec's vector variants (x86_64 vector ABI names): SSE2 two lanes is
 * the x86_64 baseline; AVX2 four lanes when the CPU has it. */
__m128d _ZGVbN2v_tanh(__m128d x);
__m128d _ZGVbN2v_exp(__m128d x);
__m256d _ZGVdN4v_tanh(__m256d x);
__m256d _ZGVdN4v_exp(__m256d x);

static int have_avx512(void) { return __builtin_cpu_supports("avx512f"); }

/* tanh of 8 lanes from expm1, faster than libmvec's and within 4 ulp of
 * libm: with y = 2|x| = k ln2 + r, |r| <= ln2/2, expm1(y) = 2^k expm1(r) +
 * (2^k - 1), expm1(r) by its Taylor series to r^13 (the terms left out are
 * below 2^-56 of it), then tanh|x| = expm1(y) / (expm1(y) + 2), which
 * keeps full relative accuracy near 0. |x| is capped at 20, where tanh
 * rounds to 1; NaN passes through. */
__attribute__((target("avx512f"), always_inline)) static inline __m512d tanh8(__m512d x)
{
    const __m512d one = _mm512_set1_pd(1.0);
    __m512d a = _mm512_min_pd(_mm512_set1_pd(20.0), _mm512_abs_pd(x)); /* NaN stays */
    __m512d y = _mm512_add_pd(a, a);
    __m512d k = _mm512_roundscale_pd(_mm512_mul_pd(y, _mm512_set1_pd(1.4426950408889634)),
                                     _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    /* r = y - k ln2, ln2 in two parts so that k*ln2_hi is exact */
    __m512d r = _mm512_fnmadd_pd(k, _mm512_set1_pd(6.93147180369123816490e-01), y);
    r = _mm512_fnmadd_pd(k, _mm512_set1_pd(1.90821492927058770002e-10), r);
    static const double inv_fact[12] = {1.0 / 6227020800.0, 1.0 / 479001600.0, 1.0 / 39916800.0,
                                        1.0 / 3628800.0,    1.0 / 362880.0,    1.0 / 40320.0,
                                        1.0 / 5040.0,       1.0 / 720.0,       1.0 / 120.0,
                                        1.0 / 24.0,         1.0 / 6.0,         0.5};
    __m512d q = _mm512_set1_pd(inv_fact[0]); /* 1/13! + ... + r^11/2!, Horner */
    for (int i = 1; i < 12; i++)
        q = _mm512_fmadd_pd(q, r, _mm512_set1_pd(inv_fact[i]));
    __m512d em1_r = _mm512_fmadd_pd(q, _mm512_mul_pd(r, r), r);
    __m512d em1_y =
        _mm512_add_pd(_mm512_scalef_pd(em1_r, k), _mm512_sub_pd(_mm512_scalef_pd(one, k), one));
    __m512d t = _mm512_div_pd(em1_y, _mm512_add_pd(em1_y, _mm512_set1_pd(2.0)));
    const __m512i sign = _mm512_set1_epi64((long long)0x8000000000000000ULL);
    return _mm512_castsi512_pd(
        _mm512_or_epi64(_mm512_castpd_si512(t), _mm512_and_epi64(_mm512_castpd_si512(x), sign)));
}

/* Eight lanes where the CPU has AVX-512. */
__attribute__((target("avx512f"))) static void tanh_avx512(double *x, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        _mm512_storeu_pd(x + i, tanh8(_mm512_loadu_pd(x + i)));
    if (i < n) {
        double t[8] = {0, 0, 0, 0, 0, 0, 0, 0};
        memcpy(t, x + i, (n - i) * sizeof(double));
        _mm512_storeu_pd(t, tanh8(_mm512_loadu_pd(t)));
        memcpy(x + i, t, (n - i) * sizeof(double));
    }
}

/* d *= 1 - a^2, rounded as the scalar loop rounds (no fused multiply-add),
 * so results do not depend on the path taken. */
__attribute__((target("avx512f"))) static void tanh_grad_avx512(double *d, const double *a,
                                                                size_t n)
{
    const __m512d one = _mm512_set1_pd(1.0);
    for (size_t i = 0; i < n; i += 8) {
        __mmask8 lanes = n - i >= 8 ? 0xff : (__mmask8)((1u << (n - i)) - 1);
        __m512d av = _mm512_maskz_loadu_pd(lanes, a + i);
        __m512d g = _mm512_sub_pd(one, _mm512_mul_pd(av, av));
        _mm512_mask_storeu_pd(d + i, lanes, _mm512_mul_pd(_mm512_maskz_loadu_pd(lanes, d + i), g));
    }
}

/* libgcc fills the CPU model once, before main: reading it is race-free,
 * unlike a lazily cached flag shared by training threads. */
static int have_avx2(void)
{
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

/* The tail is padded into a full vector, so every element goes through the
 * same routine whatever its position: results do not depend on n. */
__attribute__((target("avx2,fma"))) static void tanh_avx2(double *x, size_t n)
{
    size_t i = 0;
    for (; i + 4 <= n; i += 4)
        _mm256_storeu_pd(x + i, _ZGVdN4v_tanh(_mm256_loadu_pd(x + i)));
    if (i < n) {
        double t[4] = {0, 0, 0, 0};
        memcpy(t, x + i, (n - i) * sizeof(double));
        _mm256_storeu_pd(t, _ZGVdN4v_tanh(_mm256_loadu_pd(t)));
        memcpy(x + i, t, (n - i) * sizeof(double));
    }
}

__attribute__((target("avx2,fma"))) static void sigmoid_avx2(double *x, size_t n)
{
    const __m256d one = _mm256_set1_pd(1.0), zero = _mm256_setzero_pd();
    for (size_t i = 0; i < n; i += 4) {
        double t[4] = {0, 0, 0, 0};
        size_t m = n - i < 4 ? n - i : 4;
        memcpy(t, x + i, m * sizeof(double));
        __m256d e = _ZGVdN4v_exp(_mm256_sub_pd(zero, _mm256_loadu_pd(t)));
        _mm256_storeu_pd(t, _mm256_div_pd(one, _mm256_add_pd(one, e)));
        memcpy(x + i, t, m * sizeof(double));
    }
}

static void tanh_sse2(double *x, size_t n)
{
    for (size_t i = 0; i < n; i += 2) {
        double t[2] = {x[i], i + 1 < n ? x[i + 1] : 0};
        _mm_storeu_pd(t, _ZGVbN2v_tanh(_mm_loadu_pd(t)));
        x[i] = t[0];
        if (i + 1 < n)
            x[i + 1] = t[1];
    }
}

static void sigmoid_sse2(double *x, size_t n)
{
    const __m128d one = _mm_set1_pd(1.0), zero = _mm_setzero_pd();
    for (size_t i = 0; i < n; i += 2) {
        double t[2] = {x[i], i + 1 < n ? x[i + 1] : 0};
        __m128d e = _ZGVbN2v_exp(_mm_sub_pd(zero, _mm_loadu_pd(t)));
        _mm_storeu_pd(t, _mm_div_pd(one, _mm_add_pd(one, e)));
        x[i] = t[0];
        if (i + 1 < n)
            x[i + 1] = t[1];
    }
}
#endif

void vmath_tanh(double *x, size_t n)
{
#ifdef VMATH_LIBMVEC
    if (have_avx512())
        tanh_avx512(x, n);
    else if (have_avx2())
        tanh_avx2(x, n);
    else
        tanh_sse2(x, n);
#else
    for (size_t i = 0; i < n; i++)
        x[i] = tanh(x[i]);
#endif
}

void vmath_tanh_grad(double *d, const double *a, size_t n)
{
#ifdef VMATH_LIBMVEC
    if (have_avx512()) {
        tanh_grad_avx512(d, a, n);
        return;
    }
#endif
    for (size_t i = 0; i < n; i++)
        d[i] *= 1.0 - a[i] * a[i];
}

void vmath_sigmoid(double *x, size_t n)
{
#ifdef VMATH_LIBMVEC
    if (have_avx2())
        sigmoid_avx2(x, n);
    else
        sigmoid_sse2(x, n);
#else
    for (size_t i = 0; i < n; i++)
        x[i] = 1.0 / (1.0 + exp(-x[i]));
#endif
}
