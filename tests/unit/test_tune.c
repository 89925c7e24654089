/* Unit tests of tune (the cross-validated alpha x lambda grid), of the
 * fold-weighted CV summary and of --foldid:
 * - tune_pick: the best cell is the lowest mean (ties: larger lambda), the
 *   one-standard-error cell the largest lambda within best's mean + se,
 *   at equal lambda the lower mean; a cell just outside the bar is not
 *   taken; non-finite means take no part;
 * - path_cv_summarize: cv.glmnet's cvm and cvsd with folds weighted by
 *   their row counts, checked against the formula worked by hand on a
 *   3-fold example (and equal weights = the plain mean and sd/sqrt(K));
 * - a CSV --foldid column: removed from the features, kept per row through
 *   the train/validation split, refused when not an integer;
 * - given folds: fold i is the i-th smallest number, --cv K must agree;
 * - tune_cv_grid equals path_cv at each alpha (same folds), whatever the
 *   thread count. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csvload.h"
#include "data.h"
#include "path.h"
#include "rng.h"
#include "tune.h"

static void test_pick_best_and_one_se(void **state)
{
    (void)state;
    /* two alphas x three lambdas; best (1, 0.01) mean 1.0 se 0.2: bar 1.2 */
    TuneCell c[] = {
        {0.5, 1.0, 1.30, 0.1}, {0.5, 0.1, 1.15, 0.1}, {0.5, 0.01, 1.10, 0.1},
        {1.0, 1.0, 1.25, 0.1}, {1.0, 0.1, 1.05, 0.1}, {1.0, 0.01, 1.00, 0.2},
    };
    int best, one_se;
    tune_pick(c, 6, &best, &one_se);
    assert_int_equal(best, 5);
    assert_int_equal(one_se, 4); /* lambda 0.1 is the largest under 1.2; 1.05 < 1.15 */
    /* the bar is inclusive; then the larger lambda wins over a lower mean */
    c[3].mean = 1.2;
    tune_pick(c, 6, &best, &one_se);
    assert_int_equal(one_se, 3);
    /* just above the bar: not taken */
    c[3].mean = nextafter(1.2, 2.0);
    tune_pick(c, 6, &best, &one_se);
    assert_int_equal(one_se, 4);
    /* at one lambda, the lower mean of the two alphas */
    c[0].mean = 1.15, c[3].mean = 1.12;
    tune_pick(c, 6, &best, &one_se);
    assert_int_equal(one_se, 3);
    c[0].mean = 1.11;
    tune_pick(c, 6, &best, &one_se);
    assert_int_equal(one_se, 0);
    /* ties on the best mean: the larger lambda (cv.glmnet's lambda.min) */
    c[4].mean = 1.0;
    tune_pick(c, 6, &best, &one_se);
    assert_int_equal(best, 4);
    /* and at one lambda the earlier cell */
    c[1].mean = 1.0;
    tune_pick(c, 6, &best, &one_se);
    assert_int_equal(best, 1);
    /* a NAN mean is skipped, and nothing finite gives -1 */
    TuneCell d[] = {{1, 1, NAN, 0}, {1, 0.5, 2.0, 0.5}, {1, 0.1, INFINITY, 0}};
    tune_pick(d, 3, &best, &one_se);
    assert_int_equal(best, 1);
    assert_int_equal(one_se, 1);
    d[1].mean = NAN;
    tune_pick(d, 3, &best, &one_se);
    assert_int_equal(best, -1);
    assert_int_equal(one_se, -1);
}

static void test_weighted_summary(void **state)
{
    (void)state;
    /* 3 folds of 10, 20 and 30 rows, 2 lambdas (columns) */
    const double loss[3 * 2] = {1.0, 4.0, 2.0, 5.0, 4.0, 3.0};
    const double w[3] = {10, 20, 30}, lam[2] = {1.0, 0.5};
    double mean[2], se[2];
    int i_min, i_1se;
    path_cv_summarize(loss, 3, w, lam, 2, mean, se, &i_min, &i_1se);
    /* lambda 1: (10*1 + 20*2 + 30*4) / 60 = 170/60; cvsd =
     * sqrt(sum w (m - cvm)^2 / 60 / (3 - 1)) */
    double m0 = 170.0 / 60, q0 = 10 * pow(1 - m0, 2) + 20 * pow(2 - m0, 2) + 30 * pow(4 - m0, 2);
    double m1 = (40.0 + 100 + 90) / 60,
           q1 = 10 * pow(4 - m1, 2) + 20 * pow(5 - m1, 2) + 30 * pow(3 - m1, 2);
    assert_float_equal(mean[0], m0, 1e-14);
    assert_float_equal(se[0], sqrt(q0 / 60 / 2), 1e-14);
    assert_float_equal(mean[1], m1, 1e-14);
    assert_float_equal(se[1], sqrt(q1 / 60 / 2), 1e-14);
    assert_int_equal(i_min, 0);
    assert_int_equal(i_1se, 0);
    /* equal weights: the plain mean and the sample sd over sqrt(K) */
    path_cv_summarize(loss, 3, NULL, lam, 2, mean, se, &i_min, &i_1se);
    double mm = 7.0 / 3;
    assert_float_equal(mean[0], mm, 1e-14);
    double sd = sqrt((pow(1 - mm, 2) + pow(2 - mm, 2) + pow(4 - mm, 2)) / 2);
    assert_float_equal(se[0], sd / sqrt(3), 1e-14);
}

static const char *csv_fold = "a,f,b,y\n"
                              "1,3,2,0\n"
                              "2,1,1,1\n"
                              "3,7,0,0\n"
                              "4,3,1,1\n"
                              "5,1,2,0\n"
                              "6,7,3,1\n";

static int load(const char *csv, const char *foldid, Dataset *ds, Err *err)
{
    CsvOptions opt = {"y", TASK_AUTO};
    CsvTableOptions tab = {.foldid = foldid};
    return csv_load_mem_table("t.csv", csv, strlen(csv), &opt, &tab, NULL, ds, err);
}

static void test_foldid_column(void **state)
{
    (void)state;
    Dataset ds, tr, va;
    Err err = {0};
    if (load(csv_fold, "f", &ds, &err))
        fail_msg("%s", err.msg);
    assert_int_equal(ds.d, 2);
    assert_string_equal(ds.feature_names[0], "a");
    assert_string_equal(ds.feature_names[1], "b");
    const int want[6] = {3, 1, 7, 3, 1, 7};
    assert_non_null(ds.fold);
    assert_memory_equal(ds.fold, want, sizeof want);
    /* the fold numbers follow their rows through the split */
    assert_int_equal(data_split(&ds, 0.34, 5, &tr, &va, &err), 0);
    assert_int_equal(tr.n + va.n, 6);
    for (int i = 0; i < tr.n; i++)
        assert_int_equal(tr.fold[i], want[(int)tr.X[(size_t)i * 2] - 1]);
    for (int i = 0; i < va.n; i++)
        assert_int_equal(va.fold[i], want[(int)va.X[(size_t)i * 2] - 1]);
    /* given folds: 1 -> 0, 3 -> 1, 7 -> 2; --cv must be 3 */
    int fold_of[6];
    assert_int_equal(path_cv_foldid_count(&ds), 3);
    assert_int_equal(path_cv_folds(&ds, 3, 99, fold_of, &err), 0);
    const int idx[6] = {1, 0, 2, 1, 0, 2};
    assert_memory_equal(fold_of, idx, sizeof idx);
    assert_int_equal(path_cv_folds(&ds, 4, 99, fold_of, &err), -1);
    assert_int_equal(err.kind, ERR_INPUT);
    assert_non_null(strstr(err.msg, "3 distinct fold numbers"));
    dataset_free(&tr), dataset_free(&va), dataset_free(&ds);
    /* without --foldid the column is a feature and there are no folds */
    if (load(csv_fold, NULL, &ds, &err))
        fail_msg("%s", err.msg);
    assert_int_equal(ds.d, 3);
    assert_null(ds.fold);
    dataset_free(&ds);
    /* a fold number must be an integer */
    assert_int_equal(load("a,f,y\n1,2.5,0\n2,1,1\n3,1,0\n", "f", &ds, &err), -1);
    assert_non_null(strstr(err.msg, "--foldid: expected an integer fold number, got \"2.5\""));
    assert_int_equal(load("a,f,y\n1,,0\n2,1,1\n3,1,0\n", "f", &ds, &err), -1);
    assert_int_equal(load(csv_fold, "zz", &ds, &err), -1);
    assert_non_null(strstr(err.msg, "--foldid: no column named \"zz\""));
}

/* n x 5 inputs, y linear in the first two plus noise (k 0) or logistic. */
static void make_data(Dataset *ds, int n, int classify)
{
    Err err = {0};
    assert_int_equal(dataset_alloc(ds, n, 5, &err), 0);
    ds->task = classify ? TASK_CLASSIFY : TASK_REGRESS;
    ds->n_classes = classify ? 2 : 0;
    Rng r;
    rng_seed(&r, 17);
    for (int i = 0; i < n; i++) {
        double *x = ds->X + (size_t)i * 5;
        for (int j = 0; j < 5; j++)
            x[j] = rng_normal(&r);
        double z = 1.5 * x[0] - x[1];
        ds->y[i] =
            classify ? (rng_uniform(&r) < 1 / (1 + exp(-z)) ? 1.0 : 0.0) : z + rng_normal(&r);
    }
}

static void check_grid_vs_path_cv(int classify)
{
    Dataset ds;
    make_data(&ds, 157, classify);
    Task task = ds.task;
    int nc = ds.n_classes;
    double lam[25], alphas[3] = {0.2, 0.6, 1.0};
    Err err = {0};
    assert_int_equal(path_lambda_grid(&ds, task, nc, 1.0, 25, 1e-3, lam, &err), 0);
    PathOptions opt;
    path_options_default(&opt);
    opt.tol = 1e-16; /* as tune_cv_grid solves */
    PathCV one[3], four[3];
    assert_int_equal(
        tune_cv_grid(&ds, task, nc, alphas, 3, lam, 25, 4, 8, NULL, 1, NULL, NULL, one, &err), 0);
    assert_int_equal(
        tune_cv_grid(&ds, task, nc, alphas, 3, lam, 25, 4, 8, NULL, 4, NULL, NULL, four, &err), 0);
    for (int a = 0; a < 3; a++) {
        PathCV ref;
        if (path_cv(&ds, task, nc, alphas[a], lam, 25, 4, 8, &opt, &ref, &err))
            fail_msg("%s", err.msg);
        assert_memory_equal(one[a].mean, four[a].mean, sizeof(double) * 25);
        assert_memory_equal(one[a].se, four[a].se, sizeof(double) * 25);
        for (int l = 0; l < 25; l++) {
            assert_float_equal(one[a].mean[l], ref.mean[l], 1e-12 * ref.mean[l]);
            assert_float_equal(one[a].se[l], ref.se[l], 1e-9 * ref.se[l] + 1e-15);
        }
        assert_int_equal(one[a].i_min, ref.i_min);
        assert_int_equal(one[a].i_1se, ref.i_1se);
        path_cv_free(&ref), path_cv_free(&one[a]), path_cv_free(&four[a]);
    }
    dataset_free(&ds);
}

static void test_grid_gaussian(void **state)
{
    (void)state;
    check_grid_vs_path_cv(0);
}

static void test_grid_logistic(void **state)
{
    (void)state;
    check_grid_vs_path_cv(1);
}

static int cancel_at(void *ctx, int done, int total)
{
    (void)total;
    return done >= *(int *)ctx;
}

static void test_grid_cancel(void **state)
{
    (void)state;
    Dataset ds;
    make_data(&ds, 80, 0);
    double lam[5] = {1, 0.5, 0.25, 0.1, 0.05}, alphas[2] = {0.5, 1};
    PathCV cv[2];
    Err err = {0};
    int stop = 3;
    assert_int_equal(
        tune_cv_grid(&ds, ds.task, 0, alphas, 2, lam, 5, 5, 1, NULL, 2, cancel_at, &stop, cv, &err),
        -1);
    assert_string_equal(err.msg, "cancelled");
    dataset_free(&ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pick_best_and_one_se), cmocka_unit_test(test_weighted_summary),
        cmocka_unit_test(test_foldid_column),        cmocka_unit_test(test_grid_gaussian),
        cmocka_unit_test(test_grid_logistic),        cmocka_unit_test(test_grid_cancel),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
