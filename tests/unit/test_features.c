/* Unit tests of the feature expansions (expansion.h): the list form and
 * poly:D parse to the right number of features, bad specs are refused with a
 * message naming the bad token, and the expanded values are right. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"
#include "expansion.h"
#include "test_assert.h"

static void parse_ok(const char *spec, FeatureSpec *fs)
{
    Err err = {0};
    if (features_parse(spec, fs, &err))
        fail_msg("features_parse(\"%s\") failed: %s", spec, err.msg);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void empty_spec_is_the_identity(void **state)
{
    (void)state;
    FeatureSpec fs;
    parse_ok("", &fs);
    assert_int_equal(fs.n, 0);
    assert_int_equal(features_dim(&fs, 2), 2);
    assert_int_equal(features_dim(&fs, 30), 30);
    parse_ok(NULL, &fs);
    assert_int_equal(features_dim(&fs, 5), 5);
    parse_ok("raw", &fs); /* as the controls name the identity */
    assert_int_equal(fs.n, 0);
    assert_int_equal(features_dim(&fs, 30), 30);
    /* identity leaves any data set alone, whatever its width */
    Err err = {0};
    Dataset ds;
    assert_int_equal(dataset_alloc(&ds, 3, 5, &err), 0);
    ds.X[7] = 1.25;
    assert_int_equal(features_apply(&fs, &ds, &err), 0);
    assert_int_equal(ds.d, 5);
    assert_true(ds.X[7] == 1.25);
    dataset_free(&ds);
}

static void list_form_expands_each_named_feature_in_order(void **state)
{
    (void)state;
    FeatureSpec fs;
    parse_ok("x1,x2,x1^2,x2^2,x1x2,sin1,sin2", &fs);
    assert_int_equal(features_dim(&fs, 2), 7);
    const double x[4] = {0.5, -2.0, 3.0, 0.25};
    double out[14];
    features_expand(&fs, x, 2, out);
    const double want[14] = {0.5, -2.0, 0.25, 4.0,    -1.0, sin(0.5), sin(-2.0),
                             3.0, 0.25, 9.0,  0.0625, 0.75, sin(3.0), sin(0.25)};
    for (int i = 0; i < 14; i++)
        assert_near(out[i], want[i], 1e-15);
    const char *names[7] = {"x1", "x2", "x1^2", "x2^2", "x1x2", "sin1", "sin2"};
    for (int i = 0; i < 7; i++) {
        char buf[32];
        features_name(&fs, i, buf, sizeof buf);
        assert_string_equal(buf, names[i]);
    }
    /* order as listed */
    parse_ok("sin1,x2", &fs);
    assert_int_equal(features_dim(&fs, 2), 2);
    features_expand(&fs, x, 1, out);
    assert_near(out[0], sin(0.5), 0);
    assert_near(out[1], -2.0, 0);
}

static void sin1_is_sin_of_x1(void **state)
{
    (void)state;
    FeatureSpec fs;
    parse_ok("sin1", &fs);
    assert_int_equal(features_dim(&fs, 2), 1);
    for (double v = -4; v <= 4; v += 0.37) {
        double x[2] = {v, 100.0}, out[1];
        features_expand(&fs, x, 1, out);
        assert_near(out[0], sin(v), 1e-15);
    }
}

static void poly_d_has_every_monomial_up_to_degree_d(void **state)
{
    (void)state;
    for (int D = 1; D <= 9; D++) {
        char spec[32];
        snprintf(spec, sizeof spec, "poly:%d", D);
        FeatureSpec fs;
        parse_ok(spec, &fs);
        int want = (D + 1) * (D + 2) / 2 - 1;
        if (features_dim(&fs, 2) != want)
            fail_msg("%s has %d features, want %d", spec, features_dim(&fs, 2), want);
        /* at (2, 3) the monomials 2^i 3^j are all distinct: compare as sets */
        const double x[2] = {2.0, 3.0};
        double *out = malloc(sizeof(double) * (size_t)want);
        double *ref = malloc(sizeof(double) * (size_t)want);
        assert_non_null(out);
        assert_non_null(ref);
        features_expand(&fs, x, 1, out);
        int k = 0;
        for (int deg = 1; deg <= D; deg++)
            for (int i = 0; i <= deg; i++)
                ref[k++] = pow(2.0, i) * pow(3.0, deg - i);
        qsort(out, (size_t)want, sizeof(double), cmp_double);
        qsort(ref, (size_t)want, sizeof(double), cmp_double);
        for (int i = 0; i < want; i++)
            assert_near(out[i], ref[i], 1e-9 * ref[i]);
        free(out);
        free(ref);
    }
}

static void poly_2_names_its_five_monomials(void **state)
{
    (void)state;
    FeatureSpec fs;
    parse_ok("poly:2", &fs);
    assert_int_equal(features_dim(&fs, 2), 5);
    const char *want[5] = {"x1", "x2", "x1^2", "x1x2", "x2^2"};
    int found[5] = {0};
    for (int i = 0; i < 5; i++) {
        char buf[32];
        features_name(&fs, i, buf, sizeof buf);
        for (int k = 0; k < 5; k++)
            found[k] += strcmp(buf, want[k]) == 0;
    }
    for (int k = 0; k < 5; k++)
        if (found[k] != 1)
            fail_msg("poly:2 names '%s' %d times", want[k], found[k]);
}

static void bad_specs_are_refused_naming_the_bad_token(void **state)
{
    (void)state;
    struct {
        const char *spec, *token;
    } bad[] = {
        {"x1,x3", "x3"}, {"foo", "foo"},    {"x1,sin3", "sin3"}, {"poly:0", "0"},
        {"poly:x", "x"}, {"poly:", "poly"}, {"poly:-2", "-2"},   {"poly:10", "10"},
        {"X1", "X1"},    {"x1^3", "x1^3"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        Err err = {0};
        FeatureSpec fs;
        if (features_parse(bad[i].spec, &fs, &err) != -1)
            fail_msg("'%s' was accepted", bad[i].spec);
        assert_int_equal(err.kind, ERR_INPUT);
        if (!strstr(err.msg, bad[i].token))
            fail_msg("'%s': message '%s' does not name '%s'", bad[i].spec, err.msg, bad[i].token);
    }
    /* empty entries are refused too */
    const char *empty[] = {"x1,", ",x1", "x1,,x2"};
    for (size_t i = 0; i < 3; i++) {
        Err err = {0};
        FeatureSpec fs;
        if (features_parse(empty[i], &fs, &err) != -1)
            fail_msg("'%s' was accepted", empty[i]);
    }
}

static void apply_replaces_the_inputs_by_their_expansion(void **state)
{
    (void)state;
    Err err = {0};
    Dataset ds;
    assert_int_equal(dataset_alloc(&ds, 2, 2, &err), 0);
    ds.X[0] = 1, ds.X[1] = 2, ds.X[2] = -1, ds.X[3] = 0.5;
    ds.y[0] = 1;
    FeatureSpec fs;
    parse_ok("x1x2,x2^2", &fs);
    assert_int_equal(features_apply(&fs, &ds, &err), 0);
    assert_int_equal(ds.d, 2);
    assert_int_equal(ds.n, 2);
    assert_near(ds.X[0], 2.0, 0);
    assert_near(ds.X[1], 4.0, 0);
    assert_near(ds.X[2], -0.5, 0);
    assert_near(ds.X[3], 0.25, 0);
    assert_true(ds.y[0] == 1.0);
    dataset_free(&ds);

    parse_ok("poly:3", &fs);
    assert_int_equal(dataset_alloc(&ds, 4, 2, &err), 0);
    assert_int_equal(features_apply(&fs, &ds, &err), 0);
    assert_int_equal(ds.d, 9);
    dataset_free(&ds);

    /* an expansion needs 1-D or 2-D inputs */
    assert_int_equal(dataset_alloc(&ds, 4, 3, &err), 0);
    memset(&err, 0, sizeof err);
    assert_int_equal(features_apply(&fs, &ds, &err), -1);
    assert_int_equal(err.kind, ERR_INPUT);
    dataset_free(&ds);
}

/* On 1-D input (--data line) poly:D is the powers x1..x1^D, the classic
 * polynomial overfit; a named feature of x2 is refused, naming it. */
static void one_input_expands_into_its_powers(void **state)
{
    (void)state;
    Err err = {0};
    Dataset ds;
    assert_int_equal(dataset_alloc(&ds, 2, 1, &err), 0);
    ds.X[0] = 2, ds.X[1] = -0.5;
    FeatureSpec fs;
    parse_ok("poly:9", &fs);
    assert_int_equal(features_apply(&fs, &ds, &err), 0);
    assert_int_equal(ds.d, 9);
    for (int k = 0; k < 9; k++) {
        assert_near(ds.X[k], pow(2, k + 1), 0);
        assert_near(ds.X[9 + k], pow(-0.5, k + 1), 1e-15);
        char name[16], want[16];
        features_name(&fs, k, name, sizeof name);
        if (k == 0)
            snprintf(want, sizeof want, "x1");
        else
            snprintf(want, sizeof want, "x1^%d", k + 1);
        assert_string_equal(name, want);
    }
    double out[9], x = 3;
    features_expand(&fs, &x, 1, out); /* the fitted curve's points: one input a row */
    assert_near(out[8], pow(3, 9), 0);
    assert_int_equal(features_bind(&fs, 1, "line", &err), 0); /* bound already: harmless */
    assert_int_equal(fs.n, 9);
    dataset_free(&ds);

    parse_ok("x1,x1^2,sin1", &fs);
    assert_int_equal(features_bind(&fs, 1, "line", &err), 0);
    assert_int_equal(fs.n, 3);
    parse_ok("x1,x1x2", &fs);
    assert_int_equal(features_bind(&fs, 1, "line", &err), -1);
    assert_int_equal(err.kind, ERR_INPUT);
    assert_non_null(strstr(err.msg, "'x1x2' needs 2-D data"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(empty_spec_is_the_identity),
        cmocka_unit_test(list_form_expands_each_named_feature_in_order),
        cmocka_unit_test(sin1_is_sin_of_x1),
        cmocka_unit_test(poly_d_has_every_monomial_up_to_degree_d),
        cmocka_unit_test(poly_2_names_its_five_monomials),
        cmocka_unit_test(bad_specs_are_refused_naming_the_bad_token),
        cmocka_unit_test(apply_replaces_the_inputs_by_their_expansion),
        cmocka_unit_test(one_input_expands_into_its_powers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
