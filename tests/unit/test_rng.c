/* Unit tests of rng: reproducible by seed, uniform in [0,1), rng_below in
 * range and free of modulo bias, normal with mean 0 and variance 1. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "rng.h"
#include "test_assert.h"

static void same_seed_gives_same_sequence(void **state)
{
    (void)state;
    Rng a, b;
    rng_seed(&a, 42);
    rng_seed(&b, 42);
    for (int i = 0; i < 1000; i++)
        assert_true(rng_u64(&a) == rng_u64(&b));
    rng_seed(&a, 42);
    rng_seed(&b, 42);
    for (int i = 0; i < 100; i++) {
        double x = rng_normal(&a), y = rng_normal(&b);
        assert_memory_equal(&x, &y, sizeof x);
    }
}

static void different_seeds_give_different_sequences(void **state)
{
    (void)state;
    Rng a, b;
    rng_seed(&a, 1);
    rng_seed(&b, 2);
    int same = 0;
    for (int i = 0; i < 100; i++)
        same += rng_u64(&a) == rng_u64(&b);
    assert_int_equal(same, 0);
    /* seed 0 must not give a stuck (all-zero) xoshiro state */
    rng_seed(&a, 0);
    uint64_t first = rng_u64(&a);
    int varied = 0;
    for (int i = 0; i < 10; i++)
        varied += rng_u64(&a) != first;
    assert_true(varied > 0);
}

static void uniform_is_in_unit_interval_with_mean_half_and_variance_twelfth(void **state)
{
    (void)state;
    Rng r;
    rng_seed(&r, 7);
    const int n = 1000000;
    double s = 0, s2 = 0;
    for (int i = 0; i < n; i++) {
        double u = rng_uniform(&r);
        if (!(u >= 0.0 && u < 1.0))
            fail_msg("rng_uniform gave %.17g, outside [0,1)", u);
        s += u;
        s2 += u * u;
    }
    double mean = s / n, var = s2 / n - mean * mean;
    /* sd of the mean is 0.289/1000; 0.002 is ~7 sd */
    assert_near(mean, 0.5, 0.002);
    assert_near(var, 1.0 / 12.0, 0.002);
}

static void range_stays_in_lo_hi(void **state)
{
    (void)state;
    Rng r;
    rng_seed(&r, 8);
    double lo = 1e9, hi = -1e9;
    for (int i = 0; i < 100000; i++) {
        double x = rng_range(&r, -3.0, 5.0);
        assert_true(x >= -3.0 && x < 5.0);
        lo = fmin(lo, x);
        hi = fmax(hi, x);
    }
    assert_true(lo < -2.99 && hi > 4.99);
}

static void below_stays_in_range_and_hits_every_value_evenly(void **state)
{
    (void)state;
    Rng r;
    rng_seed(&r, 9);
    for (int i = 0; i < 1000; i++)
        assert_int_equal(rng_below(&r, 1), 0);
    enum { K = 10, N = 1000000 };
    long count[K] = {0};
    for (int i = 0; i < N; i++) {
        uint32_t v = rng_below(&r, K);
        assert_true(v < K);
        count[v]++;
    }
    /* each count ~ Binomial(1e6, 0.1): sd 300; allow 5 sd */
    for (int k = 0; k < K; k++)
        assert_near((double)count[k], N / K, 1500.0);
    for (int i = 0; i < 100000; i++)
        assert_true(rng_below(&r, 4000000000u) < 4000000000u);
}

static void below_has_no_modulo_bias(void **state)
{
    (void)state;
    /* n = 3 * 2^30: a naive u32 % n returns values < 2^30 with probability
     * 1/2 instead of 1/3. */
    Rng r;
    rng_seed(&r, 10);
    const uint32_t n = 3u << 30;
    const int N = 300000;
    int low = 0;
    for (int i = 0; i < N; i++)
        low += rng_below(&r, n) < (1u << 30);
    /* sd of the fraction: sqrt(2/9/N) ~ 0.00086; 0.005 is ~6 sd */
    assert_near((double)low / N, 1.0 / 3.0, 0.005);
}

static void normal_has_mean_zero_variance_one_and_gaussian_mass(void **state)
{
    (void)state;
    Rng r;
    rng_seed(&r, 11);
    const int n = 1000000;
    double s = 0, s2 = 0, s4 = 0;
    int within1 = 0;
    for (int i = 0; i < n; i++) {
        double x = rng_normal(&r);
        assert_true(isfinite(x));
        s += x;
        s2 += x * x;
        s4 += x * x * x * x;
        within1 += fabs(x) < 1.0;
    }
    double mean = s / n, var = s2 / n - mean * mean;
    assert_near(mean, 0.0, 0.006);  /* sd 0.001 */
    assert_near(var, 1.0, 0.01);    /* sd 0.0014 */
    assert_near(s4 / n, 3.0, 0.05); /* kurtosis of a Gaussian; sd ~0.01 */
    assert_near((double)within1 / n, 0.682689, 0.003);
}

static void shuffle_is_a_seeded_permutation(void **state)
{
    (void)state;
    enum { N = 50 };
    int a[N], b[N], seen[N] = {0};
    for (int i = 0; i < N; i++)
        a[i] = b[i] = i;
    Rng r1, r2;
    rng_seed(&r1, 5);
    rng_seed(&r2, 5);
    rng_shuffle_int(&r1, a, N);
    rng_shuffle_int(&r2, b, N);
    assert_memory_equal(a, b, sizeof a);
    int moved = 0;
    for (int i = 0; i < N; i++) {
        assert_true(a[i] >= 0 && a[i] < N);
        seen[a[i]]++;
        moved += a[i] != i;
    }
    for (int i = 0; i < N; i++)
        assert_int_equal(seen[i], 1);
    assert_true(moved > N / 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_seed_gives_same_sequence),
        cmocka_unit_test(different_seeds_give_different_sequences),
        cmocka_unit_test(uniform_is_in_unit_interval_with_mean_half_and_variance_twelfth),
        cmocka_unit_test(range_stays_in_lo_hi),
        cmocka_unit_test(below_stays_in_range_and_hits_every_value_evenly),
        cmocka_unit_test(below_has_no_modulo_bias),
        cmocka_unit_test(normal_has_mean_zero_variance_one_and_gaussian_mass),
        cmocka_unit_test(shuffle_is_a_seeded_permutation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
