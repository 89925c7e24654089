#include "mat.h"

#include <cblas.h>
#include <stddef.h>
#include <string.h>

#if defined(__x86_64__) && defined(__GNUC__)
#define MAT_AVX512 1
#include <immintrin.h>
#endif

#ifdef MAT_AVX512
/* A GEMM for the layer shapes of wide networks (a few hundred rows,
 * columns and inner steps), where OpenBLAS spends a good part of its time
 * packing both operands and per-call overhead. Only B is packed, one panel
 * of KC x NR at a time (48 KB: L1, or streamed from L2 where L1 is
 * smaller) while a tile of MR x NR results (24 registers of 8 doubles)
 * walks down the rows of A; A is read in place, with prefetches where its
 * lines are far apart. A whole layer's k fits one panel, so each result is
 * stored once. The order of every sum depends only on the shapes, so
 * results are reproducible. */
enum { MR = 8, NR = 24, KC = 256, MC = 256 };
#define PF_STEPS 8 /* prefetch distance along k, in steps */

typedef struct {
    const double *A;
    ptrdiff_t ai, ap; /* A(i,p) = A[i*ai + p*ap] */
    const double *B;
    ptrdiff_t bp, bj; /* B(p,j) = B[p*bp + j*bj] */
    double *C;        /* m x n, row stride ldc */
    ptrdiff_t ldc;
    const double *bias; /* NULL or n: the initial value of every row */
    int m, n, k;
    int accumulate; /* add to C rather than overwrite it */
} Gemm;

/* libgcc fills the CPU model before main: reading it is race-free. */
static int have_avx512(void) { return __builtin_cpu_supports("avx512f"); }

/* Below these sizes OpenBLAS's small-matrix path is about as fast: a short
 * k leaves too few steps per tile to pay for its loads and stores. */
static int kernel_fits(int m, int n, int k)
{
    return m >= 16 && n >= 32 && k >= 48 && have_avx512();
}

static __mmask8 lane_mask(int w, int v)
{
    int lanes = w - 8 * v;
    return lanes >= 8 ? 0xff : lanes > 0 ? (__mmask8)((1u << lanes) - 1) : 0;
}

/* panel[p][j] = B(p0 + p, j0 + j) for B stored row by row (bj = 1); the
 * columns past w are zero so that padded lanes compute harmless zeros. */
__attribute__((target("avx512f"))) static void pack_rows(const double *B, ptrdiff_t ldb, int kc,
                                                         int w, double *panel)
{
    __mmask8 m0 = lane_mask(w, 0), m1 = lane_mask(w, 1), m2 = lane_mask(w, 2);
    for (int p = 0; p < kc; p++, B += ldb, panel += NR) {
        _mm_prefetch((const char *)(B + PF_STEPS * ldb), _MM_HINT_T0);
        _mm_prefetch((const char *)(B + PF_STEPS * ldb + 16), _MM_HINT_T0);
        _mm512_store_pd(panel, _mm512_maskz_loadu_pd(m0, B));
        _mm512_store_pd(panel + 8, _mm512_maskz_loadu_pd(m1, B + 8));
        _mm512_store_pd(panel + 16, _mm512_maskz_loadu_pd(m2, B + 16));
    }
}

/* The same for B stored column by column (bp = 1, a layer's W read as W^T):
 * 8 x 8 blocks transposed in registers. */
__attribute__((target("avx512f"))) static void pack_cols(const double *B, ptrdiff_t ldb, int kc,
                                                         int w, double *panel)
{
    const __m512i lo2 = _mm512_set_epi64(13, 12, 5, 4, 9, 8, 1, 0);
    const __m512i hi2 = _mm512_set_epi64(15, 14, 7, 6, 11, 10, 3, 2);
    const __m512i lo4 = _mm512_set_epi64(11, 10, 9, 8, 3, 2, 1, 0);
    const __m512i hi4 = _mm512_set_epi64(15, 14, 13, 12, 7, 6, 5, 4);
    for (int jj = 0; jj < w; jj += 8) {
        int rows = w - jj < 8 ? w - jj : 8;
        for (int pp = 0; pp < kc; pp += 8) {
            int cols = kc - pp < 8 ? kc - pp : 8;
            __mmask8 cm = (__mmask8)((1u << cols) - 1);
            __m512d r[8], t[8], u[8];
            for (int i = 0; i < 8; i++) {
                const double *row = B + (jj + i) * ldb + pp;
                _mm_prefetch((const char *)(row + 2 * 8), _MM_HINT_T0); /* two blocks ahead */
                r[i] = i < rows ? _mm512_maskz_loadu_pd(cm, row) : _mm512_setzero_pd();
            }
            for (int i = 0; i < 8; i += 2) {
                t[i] = _mm512_unpacklo_pd(r[i], r[i + 1]);
                t[i + 1] = _mm512_unpackhi_pd(r[i], r[i + 1]);
            }
            for (int h = 0; h < 8; h += 4) /* rows h..h+3: columns {0,4} {1,5} {2,6} {3,7} */
                for (int i = 0; i < 2; i++) {
                    u[h + i] = _mm512_permutex2var_pd(t[h + i], lo2, t[h + 2 + i]);
                    u[h + 2 + i] = _mm512_permutex2var_pd(t[h + i], hi2, t[h + 2 + i]);
                }
            /* u[0..3] hold columns {0,4},{1,5},{2,6},{3,7} of rows 0-3, u[4..7] of rows 4-7 */
            for (int c = 0; c < 4; c++) {
                if (c < cols)
                    _mm512_store_pd(panel + (pp + c) * NR + jj,
                                    _mm512_permutex2var_pd(u[c], lo4, u[4 + c]));
                if (c + 4 < cols)
                    _mm512_store_pd(panel + (pp + c + 4) * NR + jj,
                                    _mm512_permutex2var_pd(u[c], hi4, u[4 + c]));
            }
        }
    }
}

/* One MR x (8*nv) tile of C over kc steps. a[r] points at A(i0 + r, p0),
 * ap steps it along p. start: 0 adds to C (a later block of k), 1 stores,
 * 2 starts from the bias row. Rows past mr are computed and dropped. */
__attribute__((target("avx512f"), always_inline)) static inline void
tile(int nv, int kc, const double *const *a, ptrdiff_t ap, const double *panel, double *C,
     ptrdiff_t ldc, int mr, const __mmask8 *mask, int start, const double *bias)
{
    __m512d c[MR][3];
#pragma GCC unroll 3
    for (int v = 0; v < nv; v++) {
        __m512d init =
            start == 2 ? _mm512_maskz_loadu_pd(mask[v], bias + 8 * v) : _mm512_setzero_pd();
#pragma GCC unroll 8
        for (int r = 0; r < MR; r++)
            c[r][v] = init;
    }
    for (int r = 0; r < mr; r++) /* the results' lines arrive while we compute */
#pragma GCC unroll 3
        for (int v = 0; v < nv; v++)
            _mm_prefetch((const char *)(C + r * ldc + 8 * v), _MM_HINT_T0);
    const double *a0 = a[0], *a1 = a[1], *a2 = a[2], *a3 = a[3];
    const double *a4 = a[4], *a5 = a[5], *a6 = a[6], *a7 = a[7];
    ptrdiff_t o = 0, ahead = PF_STEPS * ap;
    for (int p = 0; p < kc; p++, o += ap, panel += NR) {
        if (ap != 1) { /* A^T: a new line every step, beyond the hardware's stride reach */
            _mm_prefetch((const char *)(a0 + o + ahead), _MM_HINT_T0);
            _mm_prefetch((const char *)(a7 + o + ahead), _MM_HINT_T0);
        }
        __m512d b[3];
#pragma GCC unroll 3
        for (int v = 0; v < nv; v++)
            b[v] = _mm512_load_pd(panel + 8 * v);
        const double x[MR] = {a0[o], a1[o], a2[o], a3[o], a4[o], a5[o], a6[o], a7[o]};
#pragma GCC unroll 8
        for (int r = 0; r < MR; r++) {
            __m512d xr = _mm512_set1_pd(x[r]);
#pragma GCC unroll 3
            for (int v = 0; v < nv; v++)
                c[r][v] = _mm512_fmadd_pd(xr, b[v], c[r][v]);
        }
    }
    for (int r = 0; r < mr; r++)
#pragma GCC unroll 3
        for (int v = 0; v < nv; v++) {
            double *cr = C + r * ldc + 8 * v;
            __m512d s = c[r][v];
            if (start == 0)
                s = _mm512_add_pd(s, _mm512_maskz_loadu_pd(mask[v], cr));
            _mm512_mask_storeu_pd(cr, mask[v], s);
        }
}

/* The rows i0 .. i0+mc-1 of C against one packed panel (columns j0 .. j0+w-1,
 * steps p0 .. p0+kc-1). */
__attribute__((target("avx512f"))) static void
panel_rows(const Gemm *g, int i0, int mc, int j0, int w, int p0, int kc, const double *panel)
{
    int nv = (w + 7) / 8, start = p0 > 0 || g->accumulate ? 0 : g->bias ? 2 : 1;
    __mmask8 mask[3] = {lane_mask(w, 0), lane_mask(w, 1), lane_mask(w, 2)};
    const double *bias = g->bias ? g->bias + j0 : NULL;
    for (int ib = i0; ib < i0 + mc; ib += MR) {
        int mr = i0 + mc - ib < MR ? i0 + mc - ib : MR;
        const double *a[MR];
        for (int r = 0; r < MR; r++)
            a[r] = g->A + (ib + (r < mr ? r : mr - 1)) * g->ai + p0 * g->ap;
        double *C = g->C + ib * g->ldc + j0;
        if (nv == 3)
            tile(3, kc, a, g->ap, panel, C, g->ldc, mr, mask, start, bias);
        else if (nv == 2)
            tile(2, kc, a, g->ap, panel, C, g->ldc, mr, mask, start, bias);
        else
            tile(1, kc, a, g->ap, panel, C, g->ldc, mr, mask, start, bias);
    }
}

static void gemm_run(const Gemm *g)
{
    _Alignas(64) double panel[KC * NR];
    for (int i0 = 0; i0 < g->m; i0 += MC) {
        int mc = g->m - i0 < MC ? g->m - i0 : MC;
        for (int j0 = 0; j0 < g->n; j0 += NR) {
            int w = g->n - j0 < NR ? g->n - j0 : NR;
            for (int p0 = 0; p0 < g->k; p0 += KC) {
                int kc = g->k - p0 < KC ? g->k - p0 : KC;
                const double *B = g->B + p0 * g->bp + j0 * g->bj;
                if (g->bj == 1)
                    pack_rows(B, g->bp, kc, w, panel);
                else
                    pack_cols(B, g->bj, kc, w, panel);
                panel_rows(g, i0, mc, j0, w, p0, kc, panel);
            }
        }
    }
}
#endif

/* ---- one-wide products and column sums ----------------------------------
 * A layer with one unit (a binary or regression head) makes products with
 * one row, one column or one step: plain loops, vectorized by hand where
 * the CPU has AVX-512, beat a BLAS call there. */

#ifdef MAT_AVX512
static __mmask8 first_lanes(int count)
{
    return count >= 8 ? 0xff : count > 0 ? (__mmask8)((1u << count) - 1) : 0;
}

/* C[i*ldc] = bias + A_i . B over rows A_i (k, row stride lda); four rows at
 * a time, so that four chains of multiply-adds overlap. */
__attribute__((target("avx512f"))) static void dot_rows_avx512(const double *A, int lda,
                                                               const double *B, double bias,
                                                               double *C, int ldc, int m, int k)
{
    for (int i = 0; i < m; i += 4) {
        int rows = m - i < 4 ? m - i : 4;
        const double *a[4]; /* rows past m repeat the last one, their sums dropped */
        __m512d acc[4];
#pragma GCC unroll 4
        for (int r = 0; r < 4; r++) {
            a[r] = A + (size_t)(i + (r < rows ? r : rows - 1)) * lda;
            acc[r] = _mm512_setzero_pd();
        }
        int p = 0;
        for (; p + 8 <= k; p += 8) {
            __m512d b = _mm512_loadu_pd(B + p);
#pragma GCC unroll 4
            for (int r = 0; r < 4; r++)
                acc[r] = _mm512_fmadd_pd(_mm512_loadu_pd(a[r] + p), b, acc[r]);
        }
        if (p < k) {
            __mmask8 lanes = first_lanes(k - p);
            __m512d b = _mm512_maskz_loadu_pd(lanes, B + p);
#pragma GCC unroll 4
            for (int r = 0; r < 4; r++)
                acc[r] = _mm512_fmadd_pd(_mm512_maskz_loadu_pd(lanes, a[r] + p), b, acc[r]);
        }
        for (int r = 0; r < rows; r++)
            C[(size_t)(i + r) * ldc] = bias + _mm512_reduce_add_pd(acc[r]);
    }
}

/* C (n) (+)= sum_p A[p*lda] B_p over rows B_p (n, row stride ldb); eight
 * column blocks at a time, so that eight chains of multiply-adds overlap. */
__attribute__((target("avx512f"))) static void axpy_rows_avx512(const double *A, int lda,
                                                                const double *B, int ldb, double *C,
                                                                int n, int k, int accumulate)
{
    for (int j0 = 0; j0 < n; j0 += 64) {
        __m512d acc[8];
        __mmask8 lanes[8];
#pragma GCC unroll 8
        for (int v = 0; v < 8; v++) {
            lanes[v] = first_lanes(n - j0 - 8 * v);
            acc[v] =
                accumulate ? _mm512_maskz_loadu_pd(lanes[v], C + j0 + 8 * v) : _mm512_setzero_pd();
        }
        for (int p = 0; p < k; p++) {
            __m512d a = _mm512_set1_pd(A[(size_t)p * lda]);
            const double *b = B + (size_t)p * ldb + j0;
            if (j0 + 64 <= n)
#pragma GCC unroll 8
                for (int v = 0; v < 8; v++)
                    acc[v] = _mm512_fmadd_pd(a, _mm512_loadu_pd(b + 8 * v), acc[v]);
            else
#pragma GCC unroll 8
                for (int v = 0; v < 8; v++)
                    acc[v] = _mm512_fmadd_pd(a, _mm512_maskz_loadu_pd(lanes[v], b + 8 * v), acc[v]);
        }
#pragma GCC unroll 8
        for (int v = 0; v < 8; v++)
            _mm512_mask_storeu_pd(C + j0 + 8 * v, lanes[v], acc[v]);
    }
}

/* C (m x n, row stride ldc) = A (m, stride lda) B (n)^T */
__attribute__((target("avx512f"))) static void
outer_avx512(const double *A, int lda, const double *B, double *C, int ldc, int m, int n)
{
    for (int i = 0; i < m; i++, C += ldc) {
        __m512d a = _mm512_set1_pd(A[(size_t)i * lda]);
        for (int j = 0; j < n; j += 8) {
            __mmask8 lanes = first_lanes(n - j);
            _mm512_mask_storeu_pd(C + j, lanes,
                                  _mm512_mul_pd(a, _mm512_maskz_loadu_pd(lanes, B + j)));
        }
    }
}

__attribute__((target("avx512f"))) static void col_sums_avx512(const double *A, int lda, int m,
                                                               int k, double *sums, int accumulate)
{
    for (int i = 0; i < m; i += 8) {
        __mmask8 lanes = first_lanes(m - i);
        __m512d acc = accumulate ? _mm512_maskz_loadu_pd(lanes, sums + i) : _mm512_setzero_pd();
        for (int r = 0; r < k; r++)
            acc = _mm512_add_pd(acc, _mm512_maskz_loadu_pd(lanes, A + (size_t)r * lda + i));
        _mm512_mask_storeu_pd(sums + i, lanes, acc);
    }
}
#endif

static void dot_rows(const double *A, int lda, const double *B, double bias, double *C, int ldc,
                     int m, int k)
{
#ifdef MAT_AVX512
    if (have_avx512()) {
        dot_rows_avx512(A, lda, B, bias, C, ldc, m, k);
        return;
    }
#endif
    for (int i = 0; i < m; i++) {
        double sum = bias;
        for (int p = 0; p < k; p++)
            sum += A[(size_t)i * lda + p] * B[p];
        C[(size_t)i * ldc] = sum;
    }
}

static void axpy_rows(const double *A, int lda, const double *B, int ldb, double *C, int n, int k,
                      int accumulate)
{
#ifdef MAT_AVX512
    if (have_avx512()) {
        axpy_rows_avx512(A, lda, B, ldb, C, n, k, accumulate);
        return;
    }
#endif
    if (!accumulate)
        memset(C, 0, sizeof(double) * (size_t)n);
    for (int p = 0; p < k; p++)
        for (int j = 0; j < n; j++)
            C[j] += A[(size_t)p * lda] * B[(size_t)p * ldb + j];
}

static void outer(const double *A, int lda, const double *B, double *C, int ldc, int m, int n)
{
#ifdef MAT_AVX512
    if (have_avx512()) {
        outer_avx512(A, lda, B, C, ldc, m, n);
        return;
    }
#endif
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++)
            C[(size_t)i * ldc + j] = A[(size_t)i * lda] * B[j];
}

void mat_mul_abt(const double *A, int lda, const double *B, int ldb, const double *bias, double *C,
                 int ldc, int m, int n, int k)
{
    if (n == 1) {
        dot_rows(A, lda, B, bias ? bias[0] : 0.0, C, ldc, m, k);
        return;
    }
#ifdef MAT_AVX512
    if (kernel_fits(m, n, k)) {
        Gemm g = {A, lda, 1, B, 1, ldb, C, ldc, bias, m, n, k, 0};
        gemm_run(&g);
        return;
    }
#endif
    if (bias)
        for (int i = 0; i < m; i++)
            memcpy(C + (size_t)i * ldc, bias, sizeof(double) * (size_t)n);
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, m, n, k, 1.0, A, lda, B, ldb,
                bias ? 1.0 : 0.0, C, ldc);
}

void mat_mul_atb(const double *A, int lda, const double *B, int ldb, double *C, int ldc, int m,
                 int n, int k, int accumulate)
{
    if (m == 1) {
        axpy_rows(A, lda, B, ldb, C, n, k, accumulate);
        return;
    }
#ifdef MAT_AVX512
    if (kernel_fits(m, n, k)) {
        Gemm g = {A, 1, lda, B, ldb, 1, C, ldc, NULL, m, n, k, accumulate};
        gemm_run(&g);
        return;
    }
#endif
    cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, m, n, k, 1.0, A, lda, B, ldb,
                accumulate ? 1.0 : 0.0, C, ldc);
}

void mat_mul_ab(const double *A, int lda, const double *B, int ldb, double *C, int ldc, int m,
                int n, int k)
{
    if (k == 1) {
        outer(A, lda, B, C, ldc, m, n);
        return;
    }
#ifdef MAT_AVX512
    if (kernel_fits(m, n, k)) {
        Gemm g = {A, lda, 1, B, ldb, 1, C, ldc, NULL, m, n, k, 0};
        gemm_run(&g);
        return;
    }
#endif
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1.0, A, lda, B, ldb, 0.0, C,
                ldc);
}

void mat_col_sums(const double *A, int lda, int m, int k, double *sums, int accumulate)
{
#ifdef MAT_AVX512
    if (have_avx512()) {
        col_sums_avx512(A, lda, m, k, sums, accumulate);
        return;
    }
#endif
    if (!accumulate)
        memset(sums, 0, sizeof(double) * (size_t)m);
    for (int r = 0; r < k; r++)
        for (int i = 0; i < m; i++)
            sums[i] += A[(size_t)r * lda + i];
}
