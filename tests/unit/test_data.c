/* Unit tests of data: the built-in generators (sizes, tasks, classes,
 * reproducibility), the seeded stratified split, and standardization with
 * the population standard deviation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"
#include "rng.h"
#include "test_assert.h"

static const char *const CLASSIFIERS[] = {"circle", "xor", "gauss", "spiral", "moons"};

/* ---- generators --------------------------------------------------------- */

static void generator_names_list_all_nine(void **state)
{
    (void)state;
    const char *want[] = {"circle", "xor",    "gauss",  "spiral", "moons",
                          "line",   "sparse", "groups", "corr"};
    int n = 0;
    while (data_generator_names[n])
        n++;
    assert_int_equal(n, 9);
    for (int i = 0; i < 9; i++) {
        assert_true(data_is_generator(want[i]));
        int listed = 0;
        for (int j = 0; j < n; j++)
            listed |= strcmp(data_generator_names[j], want[i]) == 0;
        assert_true(listed);
    }
    assert_false(data_is_generator("iris"));
    assert_false(data_is_generator(""));
    assert_false(data_is_generator("Circle"));
}

static void classifiers_give_the_asked_samples_in_2d_with_both_classes(void **state)
{
    (void)state;
    const int sizes[3] = {2, 101, 500};
    for (int g = 0; g < 5; g++)
        for (int s = 0; s < 3; s++) {
            Err err = {0};
            Dataset ds;
            if (data_generate(CLASSIFIERS[g], sizes[s], 10, 1, &ds, &err))
                fail_msg("%s: %s", CLASSIFIERS[g], err.msg);
            assert_int_equal(ds.n, sizes[s]);
            assert_int_equal(ds.d, 2);
            assert_int_equal(ds.task, TASK_CLASSIFY);
            assert_int_equal(ds.n_classes, 2);
            int count[2] = {0, 0};
            for (int i = 0; i < ds.n; i++) {
                assert_true(ds.y[i] == 0.0 || ds.y[i] == 1.0);
                count[(int)ds.y[i]]++;
                assert_true(isfinite(ds.X[2 * i]) && isfinite(ds.X[2 * i + 1]));
            }
            if (sizes[s] >= 100 && !(count[0] > 0 && count[1] > 0))
                fail_msg("%s with %d samples: classes %d / %d", CLASSIFIERS[g], sizes[s], count[0],
                         count[1]);
            if (sizes[s] >= 100 && !(count[0] >= ds.n / 4 && count[1] >= ds.n / 4))
                fail_msg("%s with %d samples: unbalanced classes %d / %d", CLASSIFIERS[g], sizes[s],
                         count[0], count[1]);
            dataset_free(&ds);
        }
}

static void line_is_1d_regression_and_sparse_is_wide_regression(void **state)
{
    (void)state;
    Err err = {0};
    Dataset ds;
    assert_int_equal(data_generate("line", 77, 10, 2, &ds, &err), 0);
    assert_int_equal(ds.n, 77);
    assert_int_equal(ds.d, 1);
    assert_int_equal(ds.task, TASK_REGRESS);
    assert_int_equal(ds.n_classes, 0);
    double ymin = INFINITY, ymax = -INFINITY;
    for (int i = 0; i < ds.n; i++)
        ymin = fmin(ymin, ds.y[i]), ymax = fmax(ymax, ds.y[i]);
    assert_true(ymax - ymin > 0.5); /* a curve, not a constant */
    dataset_free(&ds);

    assert_int_equal(data_generate("sparse", 120, 10, 2, &ds, &err), 0);
    assert_int_equal(ds.n, 120);
    assert_true(ds.d > 2);
    assert_int_equal(ds.task, TASK_REGRESS);
    assert_int_equal(ds.n_classes, 0);
    /* few informative features: y correlates strongly with some column and
     * hardly with most */
    int strong = 0, weak = 0;
    double ym = 0;
    for (int i = 0; i < ds.n; i++)
        ym += ds.y[i] / ds.n;
    for (int j = 0; j < ds.d; j++) {
        double xm = 0, sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < ds.n; i++)
            xm += ds.X[(size_t)i * ds.d + j] / ds.n;
        for (int i = 0; i < ds.n; i++) {
            double a = ds.X[(size_t)i * ds.d + j] - xm, b = ds.y[i] - ym;
            sxy += a * b, sxx += a * a, syy += b * b;
        }
        double corr = fabs(sxy) / sqrt(sxx * syy);
        strong += corr > 0.3;
        weak += corr < 0.25;
    }
    assert_true(strong >= 1);
    assert_true(weak > ds.d / 2);
    dataset_free(&ds);
}

static void generators_are_reproducible_by_seed(void **state)
{
    (void)state;
    for (int g = 0; data_generator_names[g]; g++) {
        const char *name = data_generator_names[g];
        Err err = {0};
        Dataset a, b, c;
        assert_int_equal(data_generate(name, 64, 20, 42, &a, &err), 0);
        assert_int_equal(data_generate(name, 64, 20, 42, &b, &err), 0);
        assert_int_equal(data_generate(name, 64, 20, 43, &c, &err), 0);
        size_t nx = (size_t)a.n * a.d * sizeof(double);
        assert_memory_equal(a.X, b.X, nx);
        assert_memory_equal(a.y, b.y, (size_t)a.n * sizeof(double));
        if (memcmp(a.X, c.X, nx) == 0)
            fail_msg("%s: seeds 42 and 43 give the same data", name);
        assert_non_null(a.name);
        dataset_free(&a);
        dataset_free(&b);
        dataset_free(&c);
    }
}

static void generate_rejects_unknown_names_and_too_few_samples(void **state)
{
    (void)state;
    Err err = {0};
    Dataset ds;
    assert_int_equal(data_generate("iris", 100, 0, 1, &ds, &err), -1);
    assert_int_equal(err.kind, ERR_INPUT);
    assert_non_null(strstr(err.msg, "iris"));
    memset(&err, 0, sizeof err);
    assert_int_equal(data_generate("xor", 0, 0, 1, &ds, &err), -1);
    assert_int_equal(err.kind, ERR_INPUT);
}

/* ---- split -------------------------------------------------------------- */

/* n rows, column 0 holds the row id (to track rows through the split),
 * column 1 noise; classes with the given counts (sum = n), or regression
 * when counts is NULL. */
static void make_tagged(Dataset *ds, int n, const int *counts, int k)
{
    Err err = {0};
    assert_int_equal(dataset_alloc(ds, n, 2, &err), 0);
    ds->task = counts ? TASK_CLASSIFY : TASK_REGRESS;
    ds->n_classes = counts ? k : 0;
    int c = 0, left = counts ? counts[0] : 0;
    for (int i = 0; i < n; i++) {
        ds->X[2 * i] = i;
        ds->X[2 * i + 1] = sin(i);
        if (counts) {
            while (left == 0)
                left = counts[++c];
            ds->y[i] = c;
            left--;
        } else {
            ds->y[i] = 0.5 * i;
        }
    }
}

/* Every row of all lands in exactly one of train/val, with its own y. */
static void assert_partition(const Dataset *all, const Dataset *tr, const Dataset *va)
{
    assert_int_equal(tr->n + va->n, all->n);
    assert_int_equal(tr->d, all->d);
    int *seen = calloc((size_t)all->n, sizeof(int));
    assert_non_null(seen);
    const Dataset *parts[2] = {tr, va};
    for (int p = 0; p < 2; p++)
        for (int i = 0; i < parts[p]->n; i++) {
            int id = (int)parts[p]->X[2 * i];
            assert_true(id >= 0 && id < all->n);
            seen[id]++;
            assert_true(parts[p]->y[i] == all->y[id]);
            assert_true(parts[p]->X[2 * i + 1] == all->X[2 * id + 1]);
        }
    for (int i = 0; i < all->n; i++)
        assert_int_equal(seen[i], 1);
    free(seen);
}

static void split_sizes_partition_rows_and_stratify_classes(void **state)
{
    (void)state;
    const int counts[3] = {150, 40, 10};
    Dataset all;
    make_tagged(&all, 200, counts, 3);
    const double ratios[3] = {0.1, 0.25, 0.3};
    for (int r = 0; r < 3; r++) {
        Err err = {0};
        Dataset tr, va;
        assert_int_equal(data_split(&all, ratios[r], 9, &tr, &va, &err), 0);
        assert_partition(&all, &tr, &va);
        if (!(fabs(va.n - ratios[r] * all.n) <= 1.5))
            fail_msg("ratio %.2f: %d validation rows of %d", ratios[r], va.n, all.n);
        assert_int_equal(tr.task, TASK_CLASSIFY);
        assert_int_equal(va.n_classes, 3);
        for (int c = 0; c < 3; c++) {
            int in_val = 0;
            for (int i = 0; i < va.n; i++)
                in_val += (int)va.y[i] == c;
            double expect = va.n * (double)counts[c] / all.n;
            if (!(fabs(in_val - expect) <= 1.0))
                fail_msg("ratio %.2f, class %d: %d in validation, proportion says %.2f", ratios[r],
                         c, in_val, expect);
        }
        dataset_free(&tr);
        dataset_free(&va);
    }
    dataset_free(&all);
}

static void split_is_seeded_and_shuffled(void **state)
{
    (void)state;
    const int counts[2] = {60, 40};
    Dataset all, a_tr, a_va, b_tr, b_va, c_tr, c_va;
    make_tagged(&all, 100, counts, 2);
    Err err = {0};
    assert_int_equal(data_split(&all, 0.3, 5, &a_tr, &a_va, &err), 0);
    assert_int_equal(data_split(&all, 0.3, 5, &b_tr, &b_va, &err), 0);
    assert_int_equal(data_split(&all, 0.3, 6, &c_tr, &c_va, &err), 0);
    assert_int_equal(a_va.n, b_va.n);
    assert_memory_equal(a_va.X, b_va.X, sizeof(double) * 2 * (size_t)a_va.n);
    assert_memory_equal(a_tr.X, b_tr.X, sizeof(double) * 2 * (size_t)a_tr.n);
    assert_int_equal(a_va.n, c_va.n);
    assert_memory_not_equal(a_va.X, c_va.X, sizeof(double) * 2 * (size_t)a_va.n);
    /* not simply the first or last rows of each class */
    int ids_sorted = 1;
    for (int i = 1; i < a_va.n; i++)
        ids_sorted &= a_va.X[2 * i] > a_va.X[2 * (i - 1)];
    int consecutive = 1;
    for (int i = 1; i < a_va.n; i++)
        consecutive &= a_va.X[2 * i] == a_va.X[2 * (i - 1)] + 1;
    assert_false(ids_sorted && consecutive);
    dataset_free(&all);
    dataset_free(&a_tr), dataset_free(&a_va);
    dataset_free(&b_tr), dataset_free(&b_va);
    dataset_free(&c_tr), dataset_free(&c_va);
}

static void split_with_ratio_zero_leaves_validation_empty(void **state)
{
    (void)state;
    const int counts[2] = {30, 20};
    Dataset all, tr, va;
    make_tagged(&all, 50, counts, 2);
    Err err = {0};
    assert_int_equal(data_split(&all, 0.0, 1, &tr, &va, &err), 0);
    assert_int_equal(tr.n, 50);
    assert_int_equal(va.n, 0);
    assert_partition(&all, &tr, &va);
    dataset_free(&tr);
    dataset_free(&va);
    dataset_free(&all);
}

static void split_of_regression_data_has_the_asked_size(void **state)
{
    (void)state;
    Dataset all, tr, va;
    make_tagged(&all, 101, NULL, 0);
    Err err = {0};
    assert_int_equal(data_split(&all, 0.2, 3, &tr, &va, &err), 0);
    assert_partition(&all, &tr, &va);
    assert_true(va.n == 20 || va.n == 21);
    assert_int_equal(va.task, TASK_REGRESS);
    dataset_free(&tr);
    dataset_free(&va);
    dataset_free(&all);
}

static void take_rows_and_copy_are_deep(void **state)
{
    (void)state;
    const int counts[2] = {5, 5};
    Dataset all, some, copy;
    make_tagged(&all, 10, counts, 2);
    Err err = {0};
    const int idx[3] = {7, 2, 7};
    assert_int_equal(dataset_take_rows(&some, &all, idx, 3, &err), 0);
    assert_int_equal(some.n, 3);
    assert_int_equal(some.n_classes, 2);
    assert_true(some.X[0] == 7 && some.X[2] == 2 && some.X[4] == 7);
    assert_true(some.y[0] == 1 && some.y[1] == 0);
    assert_int_equal(dataset_copy(&copy, &all, &err), 0);
    all.X[0] = -1;
    assert_true(copy.X[0] == 0);
    assert_int_equal(copy.task, TASK_CLASSIFY);
    dataset_free(&some);
    dataset_free(&copy);
    dataset_free(&all);
}

/* ---- standardization --------------------------------------------------- */

static void standardizer_gives_mean_zero_and_population_sd_one(void **state)
{
    (void)state;
    Err err = {0};
    Dataset ds;
    enum { N = 7, D = 3 };
    assert_int_equal(dataset_alloc(&ds, N, D, &err), 0);
    /* column 0: 1..7 (mean 4, population sd 2); column 1: large offset;
     * column 2: constant 5 */
    for (int i = 0; i < N; i++) {
        ds.X[D * i] = i + 1;
        ds.X[D * i + 1] = 1e3 + 0.5 * (i * i);
        ds.X[D * i + 2] = 5.0;
    }
    Standardizer st;
    assert_int_equal(standardizer_fit(&st, &ds, &err), 0);
    assert_int_equal(st.d, D);
    assert_near(st.mean[0], 4.0, 1e-15);
    assert_near(st.scale[0], 2.0, 1e-15); /* ddof 0: sqrt(28/7), not sqrt(28/6) */
    assert_near(st.mean[2], 5.0, 0);
    assert_true(st.scale[2] == 1.0);
    standardizer_apply(&st, ds.X, N);
    for (int j = 0; j < D; j++) {
        double m = 0, v = 0;
        for (int i = 0; i < N; i++)
            m += ds.X[D * i + j] / N;
        for (int i = 0; i < N; i++)
            v += (ds.X[D * i + j] - m) * (ds.X[D * i + j] - m) / N;
        assert_near(m, 0.0, 1e-9);
        assert_near(v, j == 2 ? 0.0 : 1.0, 1e-9);
    }
    for (int i = 0; i < N; i++)
        assert_true(ds.X[D * i + 2] == 0.0);
    assert_near(ds.X[0], -1.5, 1e-15);
    standardizer_free(&st);
    dataset_free(&ds);
}

static void constant_column_is_centred_not_scaled_even_when_its_mean_is_inexact(void **state)
{
    (void)state;
    /* ten copies of 0.1 sum to 0.9999999999999999: the computed mean is not
     * exactly 0.1, the residuals are ~1e-17, and a column that is constant
     * must still get scale 1 rather than a scale of 1e-17 that would blow
     * rounding noise up to values of size 1. */
    Err err = {0};
    Dataset ds;
    enum { N = 10 };
    assert_int_equal(dataset_alloc(&ds, N, 2, &err), 0);
    for (int i = 0; i < N; i++) {
        ds.X[2 * i] = 0.1;
        ds.X[2 * i + 1] = i;
    }
    Standardizer st;
    assert_int_equal(standardizer_fit(&st, &ds, &err), 0);
    if (st.scale[0] != 1.0)
        fail_msg("constant column 0.1 got scale %.17g, want 1", st.scale[0]);
    standardizer_apply(&st, ds.X, N);
    for (int i = 0; i < N; i++)
        assert_near(ds.X[2 * i], 0.0, 1e-15);
    standardizer_free(&st);
    dataset_free(&ds);
}

static void identity_standardizer_changes_nothing(void **state)
{
    (void)state;
    Err err = {0};
    Standardizer st;
    assert_int_equal(standardizer_identity(&st, 2, &err), 0);
    double x[4] = {1.5, -2, 1e9, 0};
    const double before[4] = {1.5, -2, 1e9, 0};
    standardizer_apply(&st, x, 2);
    assert_memory_equal(x, before, sizeof x);
    standardizer_free(&st);
}

/* The true weights are the ones y was drawn with: at noise 0, y = X w
 * exactly for sparse and corr; groups' are each factor's weight shared by
 * its columns, and other data have none. */
static void true_weights_reproduce_noise_free_targets(void **state)
{
    (void)state;
    const char *names[2] = {"sparse", "corr"};
    for (int g = 0; g < 2; g++) {
        Dataset ds;
        Err err = {0};
        assert_int_equal(data_generate(names[g], 200, 0, 3, &ds, &err), 0);
        double w[30];
        assert_int_equal(data_true_weights(names[g], DATA_DIRECTION_DEFAULT, w, ds.d), 1);
        for (int i = 0; i < ds.n; i++) {
            double y = 0;
            for (int j = 0; j < ds.d; j++)
                y += ds.X[(size_t)i * ds.d + j] * w[j];
            assert_true(fabs(y - ds.y[i]) < 1e-12);
        }
        dataset_free(&ds);
    }
    double w[15];
    assert_int_equal(data_true_weights("groups", 0, w, 15), 1);
    assert_true(fabs(4 * w[0] * 4.01 / 4 - 2.0) < 1e-12 && w[14] == 0);
    assert_int_equal(data_true_weights("circle", 0, w, 2), 0);
    assert_int_equal(data_true_weights("sparse", 0, w, 2), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(generator_names_list_all_nine),
        cmocka_unit_test(classifiers_give_the_asked_samples_in_2d_with_both_classes),
        cmocka_unit_test(line_is_1d_regression_and_sparse_is_wide_regression),
        cmocka_unit_test(generators_are_reproducible_by_seed),
        cmocka_unit_test(generate_rejects_unknown_names_and_too_few_samples),
        cmocka_unit_test(split_sizes_partition_rows_and_stratify_classes),
        cmocka_unit_test(split_is_seeded_and_shuffled),
        cmocka_unit_test(split_with_ratio_zero_leaves_validation_empty),
        cmocka_unit_test(split_of_regression_data_has_the_asked_size),
        cmocka_unit_test(take_rows_and_copy_are_deep),
        cmocka_unit_test(standardizer_gives_mean_zero_and_population_sd_one),
        cmocka_unit_test(constant_column_is_centred_not_scaled_even_when_its_mean_is_inexact),
        cmocka_unit_test(identity_standardizer_changes_nothing),
        cmocka_unit_test(true_weights_reproduce_noise_free_targets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
