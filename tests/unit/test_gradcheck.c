/* Unit tests of model's gradients: every activation and head checked against
 * central finite differences, with and without dropout. */
#include "model_ref.h"

/* ---- gradients against central finite differences ------------------------ */

enum { GC_N = 6, GC_IN = 3 };

/* Mean data loss at the current params; the dropout rng (if any) is reseeded
 * first so every evaluation draws the same masks. */
static double loss_at(const Model *m, Workspace *ws, const double *x, const double *y, int n,
                      const Dropout *dr, uint64_t mask_seed)
{
    if (dr->rng)
        rng_seed(dr->rng, mask_seed);
    model_forward(m, ws, x, n, dr);
    return model_data_loss(m, ws, y, n);
}

/* Compares ws->grad from model_backward with central differences, h = 1e-6,
 * for every parameter: relative error |a-b|/max(1e-8,|a|+|b|) < 1e-6, or an
 * absolute error below 1e-9 for entries so small that the difference
 * quotient's rounding (~1e-10) dominates. */
static void check_gradient(Model *m, const double *x, const double *y, int n, const Dropout *dr,
                           uint64_t mask_seed)
{
    Err err = {0};
    Workspace ws;
    assert_int_equal(workspace_init(&ws, m, n, &err), 0);
    loss_at(m, &ws, x, y, n, dr, mask_seed);
    model_backward(m, &ws, y, n);
    double *g = malloc(sizeof(double) * m->n_params);
    assert_non_null(g);
    memcpy(g, ws.grad, sizeof(double) * m->n_params);
    const double h = 1e-6;
    double gmax = 0;
    for (size_t i = 0; i < m->n_params; i++) {
        double p = m->params[i];
        m->params[i] = p + h;
        double lp = loss_at(m, &ws, x, y, n, dr, mask_seed);
        m->params[i] = p - h;
        double lm = loss_at(m, &ws, x, y, n, dr, mask_seed);
        m->params[i] = p;
        double num = (lp - lm) / (2 * h), a = g[i];
        double rel = fabs(a - num) / fmax(1e-8, fabs(a) + fabs(num));
        if (rel >= 1e-6 && fabs(a - num) >= 1e-9)
            fail_msg("param %zu (%s): backward %.12g, finite difference %.12g, rel err %.3g", i,
                     model_is_weight(m, i) ? "weight" : "bias", a, num, rel);
        gmax = fmax(gmax, fabs(a));
    }
    /* a gradient of all zeros would pass trivially */
    assert_true(gmax > 1e-3);
    free(g);
    workspace_free(&ws);
}

/* Draws data until no hidden pre-activation is within 1e-4 of 0 (relu's
 * kink), so central differences see a smooth function. */
static void gc_data_away_from_kinks(const Model *m, Rng *r, double *x, double *y, int n, int d,
                                    int classes)
{
    for (int tries = 0; tries < 1000; tries++) {
        gc_data(r, x, y, n, d, classes);
        double min_pre = INFINITY, out[16];
        for (int i = 0; i < n; i++)
            ref_forward_row(m, x + (size_t)i * d, out, &min_pre);
        if (min_pre > 1e-4)
            return;
    }
    fail_msg("could not draw inputs away from relu kinks");
}

static void gradcheck_mlp(Activation act, Head head, int n_out, int classes, uint64_t seed)
{
    Err err = {0};
    Model m;
    int hidden[2] = {4, 3};
    assert_int_equal(model_init(&m, GC_IN, hidden, 2, n_out, act, head, &err), 0);
    Rng r;
    rng_seed(&r, seed);
    gc_params(&m, &r);
    double x[GC_N * GC_IN], y[GC_N];
    gc_data_away_from_kinks(&m, &r, x, y, GC_N, GC_IN, classes);
    check_gradient(&m, x, y, GC_N, &NO_DROPOUT, 0);
    model_free(&m);
}

static void gradient_of_tanh_mlp_with_sigmoid_log_loss_matches_finite_differences(void **state)
{
    (void)state;
    gradcheck_mlp(ACT_TANH, HEAD_SIGMOID, 1, 2, 101);
}

static void gradient_of_relu_mlp_with_sigmoid_log_loss_matches_finite_differences(void **state)
{
    (void)state;
    gradcheck_mlp(ACT_RELU, HEAD_SIGMOID, 1, 2, 102);
}

static void gradient_of_sigmoid_mlp_with_sigmoid_log_loss_matches_finite_differences(void **state)
{
    (void)state;
    gradcheck_mlp(ACT_SIGMOID, HEAD_SIGMOID, 1, 2, 103);
}

static void
gradient_of_linear_act_mlp_with_sigmoid_log_loss_matches_finite_differences(void **state)
{
    (void)state;
    gradcheck_mlp(ACT_LINEAR, HEAD_SIGMOID, 1, 2, 104);
}

static void gradient_of_mlp_with_softmax_cross_entropy_matches_finite_differences(void **state)
{
    (void)state;
    gradcheck_mlp(ACT_TANH, HEAD_SOFTMAX, 3, 3, 105);
    gradcheck_mlp(ACT_RELU, HEAD_SOFTMAX, 3, 3, 106);
}

static void gradient_of_mlp_with_half_mean_squared_error_matches_finite_differences(void **state)
{
    (void)state;
    gradcheck_mlp(ACT_TANH, HEAD_LINEAR, 1, 0, 107);
    gradcheck_mlp(ACT_SIGMOID, HEAD_LINEAR, 1, 0, 108);
}

static void gradient_of_linear_models_matches_finite_differences(void **state)
{
    (void)state;
    const Head heads[3] = {HEAD_SIGMOID, HEAD_SOFTMAX, HEAD_LINEAR};
    const int outs[3] = {1, 3, 1}, classes[3] = {2, 3, 0};
    for (int k = 0; k < 3; k++) {
        Err err = {0};
        Model m;
        assert_int_equal(model_init(&m, GC_IN, NULL, 0, outs[k], ACT_TANH, heads[k], &err), 0);
        Rng r;
        rng_seed(&r, 200 + (uint64_t)k);
        gc_params(&m, &r);
        double x[GC_N * GC_IN], y[GC_N];
        gc_data(&r, x, y, GC_N, GC_IN, classes[k]);
        check_gradient(&m, x, y, GC_N, &NO_DROPOUT, 0);
        model_free(&m);
    }
}

static void gradient_with_dropout_matches_finite_differences_under_the_same_masks(void **state)
{
    (void)state;
    Err err = {0};
    const Activation acts[2] = {ACT_TANH, ACT_RELU};
    for (int k = 0; k < 2; k++) {
        Model m;
        int hidden[2] = {4, 3};
        assert_int_equal(model_init(&m, GC_IN, hidden, 2, 1, acts[k], HEAD_SIGMOID, &err), 0);
        Rng r, mask_rng;
        rng_seed(&r, 300 + (uint64_t)k);
        gc_params(&m, &r);
        double x[GC_N * GC_IN], y[GC_N];
        gc_data_away_from_kinks(&m, &r, x, y, GC_N, GC_IN, 2);
        Dropout dr = {0.7, 0.8, &mask_rng};
        /* The masks must actually drop something, or this is the plain check. */
        Workspace ws;
        assert_int_equal(workspace_init(&ws, &m, GC_N, &err), 0);
        rng_seed(&mask_rng, 4242);
        model_forward(&m, &ws, x, GC_N, &dr);
        int zeros = 0, kept = 0;
        for (int l = 0; l < 2; l++)
            for (int i = 0; i < GC_N * m.layer[l].out; i++) {
                zeros += ws.mask[l][i] == 0.0;
                kept += ws.mask[l][i] == 1.0 / 0.7;
            }
        int in_zeros = 0;
        for (int i = 0; i < GC_N * GC_IN; i++)
            in_zeros += ws.in_mask[i] == 0.0;
        assert_true(zeros > 0 && kept > 0 && in_zeros > 0);
        workspace_free(&ws);
        check_gradient(&m, x, y, GC_N, &dr, 4242);
        model_free(&m);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(gradient_of_tanh_mlp_with_sigmoid_log_loss_matches_finite_differences),
        cmocka_unit_test(gradient_of_relu_mlp_with_sigmoid_log_loss_matches_finite_differences),
        cmocka_unit_test(gradient_of_sigmoid_mlp_with_sigmoid_log_loss_matches_finite_differences),
        cmocka_unit_test(
            gradient_of_linear_act_mlp_with_sigmoid_log_loss_matches_finite_differences),
        cmocka_unit_test(gradient_of_mlp_with_softmax_cross_entropy_matches_finite_differences),
        cmocka_unit_test(gradient_of_mlp_with_half_mean_squared_error_matches_finite_differences),
        cmocka_unit_test(gradient_of_linear_models_matches_finite_differences),
        cmocka_unit_test(gradient_with_dropout_matches_finite_differences_under_the_same_masks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
