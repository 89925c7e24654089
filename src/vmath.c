#include "vmath.h"

#include <math.h>
#include <string.h>

#if defined(__x86_64__) && defined(__GLIBC__) && \
    (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 35))
#define VMATH_LIBMVEC 1
#include <immintrin.h>

/* libmvec's vector variants (x86_64 vector ABI names): SSE2 two lanes is
 * the x86_64 baseline; AVX2 four lanes when the CPU has it. */
__m128d _ZGVbN2v_tanh(__m128d x);
__m128d _ZGVbN2v_exp(__m128d x);
__m256d _ZGVdN4v_tanh(__m256d x);
__m256d _ZGVdN4v_exp(__m256d x);
__m512d _ZGVeN8v_tanh(__m512d x);

static int have_avx512(void) { return __builtin_cpu_supports("avx512f"); }

/* Eight lanes where the CPU has AVX-512: the widest libmvec offers. */
__attribute__((target("avx512f"))) static void tanh_avx512(double *x, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        _mm512_storeu_pd(x + i, _ZGVeN8v_tanh(_mm512_loadu_pd(x + i)));
    if (i < n) {
        double t[8] = {0, 0, 0, 0, 0, 0, 0, 0};
        memcpy(t, x + i, (n - i) * sizeof(double));
        _mm512_storeu_pd(t, _ZGVeN8v_tanh(_mm512_loadu_pd(t)));
        memcpy(x + i, t, (n - i) * sizeof(double));
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
