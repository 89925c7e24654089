/* The layer products (mat.h) and the vector transcendentals (vmath.h)
 * against plain reference loops, over shapes that take every path: the
 * one-wide loops, OpenBLAS, and the blocked kernel for wide layers with its
 * partial tiles, several k panels and row strides wider than the block. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mat.h"
#include "rng.h"
#include "vmath.h"
#include "test_assert.h"

typedef struct {
    int m, n, k;
} Shape;

/* Small, one-wide and large; m not a multiple of 8, n not of 24, k past 256. */
static const Shape shapes[] = {
    {1, 1, 1},     {5, 1, 7},       {1, 9, 4},       {7, 3, 1},     {3, 4, 5},
    {16, 32, 48},  {17, 33, 49},    {64, 24, 100},   {100, 50, 70}, {9, 257, 64},
    {31, 40, 300}, {130, 100, 520}, {256, 256, 256},
};

static double *random_matrix(Rng *r, size_t count)
{
    double *a = malloc(sizeof(double) * (count + 1));
    assert_non_null(a);
    for (size_t i = 0; i < count; i++)
        a[i] = rng_normal(r);
    return a;
}

/* |got - want| within a few rounding errors of the sum's magnitude. */
static void assert_close(double got, double want, double magnitude)
{
    assert_near(got, want, 1e-13 * (magnitude + 1e-300));
}

/* Every product with row strides pad doubles wider than the block it uses. */
static void check_products(const Shape *s, int pad, Rng *r)
{
    int m = s->m, n = s->n, k = s->k;
    int lda_abt = k + pad, ldb_abt = k + pad, ldc = n + pad;
    double *A = random_matrix(r, (size_t)m * lda_abt);
    double *B = random_matrix(r, (size_t)n * ldb_abt);
    double *bias = random_matrix(r, (size_t)n);
    double *C = random_matrix(r, (size_t)m * ldc);
    double *C0 = malloc(sizeof(double) * ((size_t)m * ldc + 1));
    assert_non_null(C0);
    memcpy(C0, C, sizeof(double) * (size_t)m * ldc);

    /* C = A B^T + bias (forward) */
    mat_mul_abt(A, lda_abt, B, ldb_abt, bias, C, ldc, m, n, k);
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++) {
            double sum = bias[j], mag = fabs(bias[j]);
            for (int p = 0; p < k; p++) {
                sum += A[i * lda_abt + p] * B[j * ldb_abt + p];
                mag += fabs(A[i * lda_abt + p] * B[j * ldb_abt + p]);
            }
            assert_close(C[i * ldc + j], sum, mag);
        }
    for (int i = 0; i < m; i++) /* the padding is left alone */
        for (int j = n; j < ldc; j++)
            assert_true(C[i * ldc + j] == C0[i * ldc + j]);

    /* C (+)= A^T B with A k x m, B k x n (weight gradient) */
    int lda = m + pad, ldb = n + pad;
    double *At = random_matrix(r, (size_t)k * lda), *Bt = random_matrix(r, (size_t)k * ldb);
    for (int accumulate = 0; accumulate <= 1; accumulate++) {
        memcpy(C0, C, sizeof(double) * (size_t)m * ldc);
        mat_mul_atb(At, lda, Bt, ldb, C, ldc, m, n, k, accumulate);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) {
                double sum = accumulate ? C0[i * ldc + j] : 0, mag = fabs(sum);
                for (int p = 0; p < k; p++) {
                    sum += At[p * lda + i] * Bt[p * ldb + j];
                    mag += fabs(At[p * lda + i] * Bt[p * ldb + j]);
                }
                assert_close(C[i * ldc + j], sum, mag);
            }
    }

    /* C = A B with A m x k, B k x n (input gradient) */
    double *Bk = random_matrix(r, (size_t)k * ldb);
    mat_mul_ab(A, lda_abt, Bk, ldb, C, ldc, m, n, k);
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++) {
            double sum = 0, mag = 0;
            for (int p = 0; p < k; p++) {
                sum += A[i * lda_abt + p] * Bk[p * ldb + j];
                mag += fabs(A[i * lda_abt + p] * Bk[p * ldb + j]);
            }
            assert_close(C[i * ldc + j], sum, mag);
        }

    /* column sums of the k x m block of At (bias gradient) */
    double *sums = random_matrix(r, (size_t)m);
    double *sums0 = malloc(sizeof(double) * ((size_t)m + 1));
    assert_non_null(sums0);
    for (int accumulate = 0; accumulate <= 1; accumulate++) {
        memcpy(sums0, sums, sizeof(double) * (size_t)m);
        mat_col_sums(At, lda, m, k, sums, accumulate);
        for (int i = 0; i < m; i++) {
            double sum = accumulate ? sums0[i] : 0, mag = fabs(sum);
            for (int p = 0; p < k; p++) {
                sum += At[p * lda + i];
                mag += fabs(At[p * lda + i]);
            }
            assert_close(sums[i], sum, mag);
        }
    }
    free(A), free(B), free(bias), free(C), free(C0), free(At), free(Bt), free(Bk), free(sums),
        free(sums0);
}

static void test_products_match_reference_loops(void **state)
{
    (void)state;
    Rng r;
    rng_seed(&r, 3);
    for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++)
        for (int pad = 0; pad <= 5; pad += 5)
            check_products(&shapes[i], pad, &r);
}

static void test_products_are_reproducible(void **state)
{
    (void)state;
    Rng r;
    rng_seed(&r, 5);
    enum { M = 130, N = 100, K = 300 };
    double *A = random_matrix(&r, M * K), *B = random_matrix(&r, N * K);
    double *C1 = malloc(sizeof(double) * M * N), *C2 = malloc(sizeof(double) * M * N);
    assert_non_null(C1);
    assert_non_null(C2);
    mat_mul_abt(A, K, B, K, NULL, C1, N, M, N, K);
    mat_mul_abt(A, K, B, K, NULL, C2, N, M, N, K);
    assert_memory_equal(C1, C2, sizeof(double) * M * N);
    free(A), free(B), free(C1), free(C2);
}

/* Distance in units in the last place between two finite doubles. */
static double ulps(double got, double want)
{
    if (got == want)
        return 0;
    double spacing = nextafter(fabs(want), INFINITY) - fabs(want);
    return fabs(got - want) / spacing;
}

static void test_tanh_is_within_a_few_ulp_of_libm(void **state)
{
    (void)state;
    enum { N = 200003 }; /* odd: a partial vector at the end */
    double *x = malloc(sizeof(double) * N), *want = malloc(sizeof(double) * N);
    assert_non_null(x);
    assert_non_null(want);
    Rng r;
    rng_seed(&r, 7);
    for (int i = 0; i < N; i++) {
        /* magnitudes from 1e-300 to 1e3, both signs: tiny, around 1, saturated */
        double mag = pow(10.0, rng_range(&r, -300.0, 3.0));
        if (i % 3 == 0)
            mag = rng_range(&r, 0.0, 25.0);
        x[i] = i % 2 ? -mag : mag;
        want[i] = tanh(x[i]);
    }
    vmath_tanh(x, N);
    double worst = 0;
    for (int i = 0; i < N; i++) {
        double e = ulps(x[i], want[i]);
        worst = e > worst ? e : worst;
        assert_true(signbit(x[i]) == signbit(want[i]));
    }
    print_message("tanh: worst error %.2f ulp over %d points\n", worst, N);
    assert_true(worst <= 4.0);

    double special[5] = {0.0, -0.0, INFINITY, -INFINITY, NAN};
    vmath_tanh(special, 5);
    assert_true(special[0] == 0.0 && !signbit(special[0]));
    assert_true(special[1] == 0.0 && signbit(special[1]));
    assert_true(special[2] == 1.0 && special[3] == -1.0);
    assert_true(isnan(special[4]));
    free(x), free(want);
}

static void test_tanh_grad_matches_the_scalar_formula_exactly(void **state)
{
    (void)state;
    enum { N = 1001 };
    double d[N], a[N], want[N];
    Rng r;
    rng_seed(&r, 9);
    for (int i = 0; i < N; i++) {
        a[i] = rng_range(&r, -1.0, 1.0);
        d[i] = rng_normal(&r);
        want[i] = d[i] * (1.0 - a[i] * a[i]);
    }
    vmath_tanh_grad(d, a, N);
    assert_memory_equal(d, want, sizeof d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_products_match_reference_loops),
        cmocka_unit_test(test_products_are_reproducible),
        cmocka_unit_test(test_tanh_is_within_a_few_ulp_of_libm),
        cmocka_unit_test(test_tanh_grad_matches_the_scalar_formula_exactly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
