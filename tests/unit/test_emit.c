/* --emit: the README's parameter conversions and the scripts built on them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvload.h"
#include "emit.h"

static void test_keras_l2_is_half_lambda(void **state)
{
    (void)state;
    char b[128];
    emit_keras_regularizer(0.02, 0.0, b, sizeof b); /* README: l2(c) is lambda = 2c */
    assert_string_equal(b, "l2(0.01)");
    emit_keras_regularizer(0.05, 1.0, b, sizeof b); /* l1(c) is lambda = c */
    assert_string_equal(b, "l1(0.05)");
    emit_keras_regularizer(0.02, 0.5, b, sizeof b);
    assert_string_equal(b, "l1_l2(l1=0.01, l2=0.005)");
    emit_keras_regularizer(0.0, 0.5, b, sizeof b);
    assert_string_equal(b, "None");
}

static void test_sklearn_logistic_C(void **state)
{
    (void)state;
    /* lambda = 1/(C n)  <=>  C = 1/(lambda n), n the training rows */
    assert_float_equal(emit_sklearn_logistic_C(0.01, 400), 0.25, 1e-15);
    assert_float_equal(emit_sklearn_logistic_C(0.02, 120), 1.0 / 2.4, 1e-15);
    double C = emit_sklearn_logistic_C(0.003, 357);
    assert_float_equal(1.0 / (C * 357), 0.003, 1e-15);
    assert_true(isinf(emit_sklearn_logistic_C(0.0, 100)));
}

static void test_sklearn_elasticnet_ridge_mlp(void **state)
{
    (void)state;
    double a, r;
    emit_sklearn_elasticnet(0.05, 0.3, &a, &r); /* ElasticNet(alpha=lambda, l1_ratio=alpha) */
    assert_float_equal(a, 0.05, 0);
    assert_float_equal(r, 0.3, 0);
    assert_float_equal(emit_sklearn_ridge_alpha(0.02, 400), 8.0, 1e-12); /* Ridge: lambda n */
    /* MLP: alpha/(2 b) ||W||^2 = lambda (1 - alpha)/2 ||W||^2 */
    assert_float_equal(emit_sklearn_mlp_alpha(0.01, 0.0, 10), 0.1, 1e-15);
    assert_float_equal(emit_sklearn_mlp_alpha(0.01, 1.0, 10), 0.0, 0);
}

static void test_fmt_double_round_trips(void **state)
{
    (void)state;
    char b[48];
    emit_fmt_double(0.1, b, sizeof b);
    assert_string_equal(b, "0.1");
    emit_fmt_double(1, b, sizeof b);
    assert_string_equal(b, "1.0");
    emit_fmt_double(1.0 / 3, b, sizeof b);
    assert_true(strtod(b, NULL) == 1.0 / 3);
    emit_fmt_double(1e-300, b, sizeof b);
    assert_string_equal(b, "1e-300");
}

static void test_lib_parse(void **state)
{
    (void)state;
    EmitLib l;
    assert_int_equal(emit_lib_parse("sklearn", &l), 0);
    assert_int_equal(l, EMIT_SKLEARN);
    assert_int_equal(emit_lib_parse("keras", &l), 0);
    assert_int_equal(l, EMIT_KERAS);
    assert_int_equal(emit_lib_parse("pytorch", &l), 0);
    assert_int_equal(l, EMIT_PYTORCH);
    assert_int_equal(emit_lib_parse("jax", &l), -1);
}

/* A script for cfg in lib (caller frees). */
static char *script(Config *cfg, EmitLib lib)
{
    Err err = {0};
    char *s = emit_script_string(cfg, lib, &err);
    if (!s)
        fprintf(stderr, "emit: %s\n", err.msg);
    assert_non_null(s);
    return s;
}

/* A penalty no library has: every script names it and the library, stops,
 * and trains nothing (no model, no objective line). */
static void test_other_penalties_stop_instead_of_training(void **state)
{
    (void)state;
    const char *libs[] = {"scikit-learn", "Keras", "PyTorch"};
    const PenaltyKind kinds[] = {PEN_GROUP, PEN_MCP, PEN_SCAD};
    for (int l = 0; l < 3; l++)
        for (int k = 0; k < 3; k++) {
            Config cfg;
            config_defaults(&cfg);
            snprintf(cfg.data, sizeof cfg.data, "sparse");
            cfg.n_hidden = 0;
            cfg.hyper.penalty = kinds[k];
            char *s = script(&cfg, (EmitLib)l);
            char want[128];
            snprintf(want, sizeof want, "--penalty %s is not available in %s",
                     penalty_kind_name(kinds[k]), libs[l]);
            assert_non_null(strstr(s, want));
            assert_non_null(strstr(s, "sys.exit("));
            assert_null(strstr(s, "print(f\"objective"));
            free(s);
        }
    Config cfg; /* the elastic net still trains */
    config_defaults(&cfg);
    snprintf(cfg.data, sizeof cfg.data, "sparse");
    cfg.n_hidden = 0;
    char *s = script(&cfg, EMIT_SKLEARN);
    assert_null(strstr(s, "not available"));
    assert_non_null(strstr(s, "print(f\"objective"));
    free(s);
}

/* Every built-in generator has its numpy twin in the script; corr's shape
 * travels with it. */
static void test_every_generator_is_rewritten(void **state)
{
    (void)state;
    for (int g = 0; data_generator_names[g]; g++) {
        Config cfg;
        config_defaults(&cfg);
        snprintf(cfg.data, sizeof cfg.data, "%s", data_generator_names[g]);
        cfg.n_hidden = 0;
        cfg.corr = 0.7;
        char *s = script(&cfg, EMIT_SKLEARN);
        if (strstr(s, "unknown generator"))
            fail_msg("no numpy generator for '%s'", cfg.data);
        if (strcmp(cfg.data, "corr") == 0)
            assert_non_null(strstr(s, "CORR = 0.7"));
        free(s);
    }
}

static void test_logistic_script_uses_training_rows(void **state)
{
    (void)state;
    Config c;
    config_defaults(&c);
    strcpy(c.data, "circle"); /* 500 points, 400 for training */
    c.n_hidden = 0;
    config_apply_model_defaults(&c);
    c.hyper.lambda = 0.01;
    c.hyper.alpha = 0.0;
    char *s = script(&c, EMIT_SKLEARN);
    assert_non_null(strstr(s, "LogisticRegression(penalty=\"l2\", C=0.25,"));
    assert_non_null(strstr(s, "StandardScaler"));
    assert_non_null(strstr(s, "GENERATOR = \"circle\""));
    assert_non_null(strstr(s, "NOT the same numbers"));
    assert_non_null(strstr(s, "print(f\"objective"));
    free(s);
    c.hyper.alpha = 1.0;
    s = script(&c, EMIT_SKLEARN);
    assert_non_null(strstr(s, "penalty=\"l1\", C=0.25, solver=\"saga\""));
    free(s);
}

static void test_regression_scripts(void **state)
{
    (void)state;
    Config c;
    config_defaults(&c);
    strcpy(c.data, "sparse");
    c.n_hidden = 0;
    config_apply_model_defaults(&c);
    c.val_ratio = 0;
    c.hyper.lambda = 0.05;
    c.hyper.alpha = 0.3;
    char *s = script(&c, EMIT_SKLEARN);
    assert_non_null(strstr(s, "ElasticNet(alpha=0.05, l1_ratio=0.3,"));
    free(s);
    c.hyper.alpha = 1;
    s = script(&c, EMIT_SKLEARN);
    assert_non_null(strstr(s, "Lasso(alpha=0.05,"));
    free(s);
    c.hyper.alpha = 0;
    s = script(&c, EMIT_SKLEARN);
    assert_non_null(strstr(s, "Ridge(alpha=25.0)")); /* 0.05 * 500 rows */
    free(s);
    s = script(&c, EMIT_KERAS);
    assert_non_null(strstr(s, "regularizers.l2(0.025)"));
    assert_non_null(strstr(s, "half_mse"));
    free(s);
    s = script(&c, EMIT_PYTORCH);
    assert_non_null(strstr(s, "\"weight_decay\": LAMBDA"));
    assert_non_null(strstr(s, "0.5 * nn.functional.mse_loss"));
    free(s);
}

static void test_mlp_scripts(void **state)
{
    (void)state;
    Config c;
    config_defaults(&c); /* circle, 8,8 tanh, batch 10 */
    c.hyper.lambda = 0.02;
    c.hyper.alpha = 0.0;
    c.hyper.keep = 0.5;
    char *s = script(&c, EMIT_SKLEARN);
    assert_non_null(strstr(s, "MLPClassifier("));
    assert_non_null(strstr(s, "alpha=0.2,")); /* 0.02 * 10 rows a batch */
    assert_non_null(strstr(s, "NOT equivalent: dropout"));
    free(s);
    s = script(&c, EMIT_KERAS);
    assert_non_null(strstr(s, "regularizers.l2(0.01)"));
    assert_non_null(strstr(s, "layers.Dropout(rate=1 - KEEP)"));
    assert_non_null(strstr(s, "KEEP = 0.5"));
    assert_non_null(strstr(s, "binary_crossentropy"));
    free(s);
    s = script(&c, EMIT_PYTORCH);
    assert_non_null(strstr(s, "nn.BCEWithLogitsLoss()"));
    assert_non_null(strstr(s, "nn.Tanh()"));
    free(s);
}

/* A new file dir/d.csv (dir a mkdtemp template, made here) open for writing. */
static FILE *temp_csv(char *dir, char *path, size_t size)
{
    assert_non_null(mkdtemp(dir));
    snprintf(path, size, "%s/d.csv", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    return f;
}

static void test_csv_script_reads_absolute_path(void **state)
{
    (void)state;
    char dir[] = "/tmp/regscope-emit-XXXXXX", path[256];
    FILE *f = temp_csv(dir, path, sizeof path);
    fputs("a,b,label\n", f);
    for (int i = 0; i < 20; i++)
        fprintf(f, "%d,%d,%s\n", i, i % 3, i % 2 ? "yes" : "no");
    fclose(f);
    Config c;
    config_defaults(&c);
    snprintf(c.data, sizeof c.data, "%s", path);
    strcpy(c.target, "label");
    c.n_hidden = 0;
    config_apply_model_defaults(&c);
    c.val_ratio = 0;
    c.hyper.lambda = 0.1;
    char *s = script(&c, EMIT_SKLEARN);
    char want[300];
    snprintf(want, sizeof want, "DATA = \"%s\"", path);
    assert_non_null(strstr(s, want));
    assert_non_null(strstr(s, "TARGET = \"label\""));
    assert_non_null(strstr(s, "C=0.5,")); /* 1/(0.1 * 20) */
    free(s);
    unlink(path);
    rmdir(dir);
}

/* A table's settings carry the loader's options and regscope's encoded
 * columns (names as safe string literals) and row counts. */
static void test_table_script_settings(void **state)
{
    (void)state;
    char dir[] = "/tmp/regscope-emit-XXXXXX", path[256];
    FILE *f = temp_csv(dir, path, sizeof path);
    fputs(",kind,size,skip,y\n", f); /* row names, a category, NAs, an ignored column */
    for (int i = 0; i < 20; i++)
        fprintf(f, "r%d,%s,%s,%d,%d\n", i,
                i % 3 == 0   ? "\"a \"\"q\"\"\""
                : i % 3 == 1 ? "b"
                             : "-",
                i % 4 == 0 ? "NA"
                : i % 2    ? "1.5"
                           : "2",
                i, i % 5);
    fclose(f);
    Config c;
    config_defaults(&c);
    snprintf(c.data, sizeof c.data, "%s", path);
    c.n_hidden = 0;
    config_apply_model_defaults(&c);
    strcpy(c.ignore, "skip");
    strcpy(c.categorical, ",kind,");
    strcpy(c.na_values, "NA,-");
    c.na_values_set = 1;
    c.missing = CSV_MISSING_MEAN;
    c.val_ratio = 0.25;
    char *s = script(&c, EMIT_SKLEARN);
    assert_non_null(strstr(s, "IGNORE = [\"skip\"]"));
    assert_non_null(strstr(s, "CATEGORICAL = [\"kind\"]")); /* empty items left out */
    assert_non_null(strstr(s, "NA_VALUES = [\"NA\", \"-\"]"));
    assert_non_null(strstr(s, "MISSING = \"mean\""));
    assert_non_null(strstr(s, "    \"kind=a \\\"q\\\"\", \"kind=b\", \"kind=NA\", \"size\", "
                              "\"size:missing\",\n]"));
    assert_non_null(strstr(s, "ROWS = (15, 5)"));
    assert_null(strstr(s, "sizes but not its rows"));
    free(s);
    strcpy(c.ignore, "");
    c.missing = CSV_MISSING_DROP;
    s = script(&c, EMIT_KERAS);
    assert_non_null(strstr(s, "IGNORE = []"));
    assert_non_null(strstr(s, "MISSING = \"drop\""));
    /* no NA level now, and the levels in order of first appearance among the
     * rows kept (row 0, an "a", is dropped for its NA) */
    assert_non_null(strstr(s, "    \"kind=b\", \"kind=a \\\"q\\\"\", \"size\", \"skip\",\n]"));
    free(s);
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keras_l2_is_half_lambda),
        cmocka_unit_test(test_sklearn_logistic_C),
        cmocka_unit_test(test_sklearn_elasticnet_ridge_mlp),
        cmocka_unit_test(test_fmt_double_round_trips),
        cmocka_unit_test(test_lib_parse),
        cmocka_unit_test(test_logistic_script_uses_training_rows),
        cmocka_unit_test(test_regression_scripts),
        cmocka_unit_test(test_mlp_scripts),
        cmocka_unit_test(test_csv_script_reads_absolute_path),
        cmocka_unit_test(test_every_generator_is_rewritten),
        cmocka_unit_test(test_other_penalties_stop_instead_of_training),
        cmocka_unit_test(test_table_script_settings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
