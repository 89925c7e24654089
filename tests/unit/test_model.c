/* Unit tests of model: the parameter layout, forward passes checked by hand,
 * inverted dropout's expectation, and the count of correct predictions. */
#include "model_ref.h"

/* ---- layout and initialization ---------------------------------------- */

static void layout_is_w_then_b_per_layer_in_one_flat_block(void **state)
{
    (void)state;
    Model m;
    Err err = {0};
    int hidden[2] = {4, 3};
    assert_int_equal(model_init(&m, 3, hidden, 2, 1, ACT_TANH, HEAD_SIGMOID, &err), 0);
    assert_int_equal(m.n_layers, 3);
    /* 3*4 + 4*3 + 3*1 weights, 4 + 3 + 1 biases */
    assert_int_equal(m.n_weights, 27);
    assert_int_equal(m.n_params, 35);
    assert_int_equal(model_n_in(&m), 3);
    assert_int_equal(model_n_out(&m), 1);
    size_t off = 0;
    int in = 3;
    const int outs[3] = {4, 3, 1};
    for (int l = 0; l < 3; l++) {
        assert_int_equal(m.layer[l].in, in);
        assert_int_equal(m.layer[l].out, outs[l]);
        assert_int_equal(m.layer[l].w_off, off);
        assert_int_equal(m.layer[l].b_off, off + (size_t)in * outs[l]);
        off += (size_t)in * outs[l] + outs[l];
        in = outs[l];
    }
    size_t weights = 0;
    for (size_t i = 0; i < m.n_params; i++) {
        int expect = 0;
        for (int l = 0; l < 3; l++)
            expect |= i >= m.layer[l].w_off && i < m.layer[l].b_off;
        assert_int_equal(!!model_is_weight(&m, i), expect);
        weights += expect;
    }
    assert_int_equal(weights, m.n_weights);
    model_free(&m);
}

static void init_rejects_bad_shapes(void **state)
{
    (void)state;
    Model m;
    Err err = {0};
    int too_many[MODEL_MAX_LAYERS] = {2, 2, 2, 2, 2, 2, 2, 2};
    assert_int_equal(model_init(&m, 2, too_many, MODEL_MAX_LAYERS, 1, ACT_TANH, HEAD_SIGMOID, &err),
                     -1);
    assert_true(err.msg[0] != '\0');
    int zero_width[2] = {4, 0};
    err.msg[0] = '\0';
    assert_int_equal(model_init(&m, 2, zero_width, 2, 1, ACT_TANH, HEAD_SIGMOID, &err), -1);
    assert_true(err.msg[0] != '\0');
}

static void randomize_zeroes_linear_models_and_is_seeded_for_mlps(void **state)
{
    (void)state;
    Err err = {0};
    Rng r;
    rng_seed(&r, 3);
    Model lin;
    assert_int_equal(model_init(&lin, 5, NULL, 0, 3, ACT_TANH, HEAD_SOFTMAX, &err), 0);
    for (size_t i = 0; i < lin.n_params; i++)
        lin.params[i] = 1.0;
    model_randomize(&lin, &r);
    for (size_t i = 0; i < lin.n_params; i++)
        assert_true(lin.params[i] == 0.0);
    model_free(&lin);

    int hidden[2] = {8, 8};
    Model a, b;
    assert_int_equal(model_init(&a, 2, hidden, 2, 1, ACT_TANH, HEAD_SIGMOID, &err), 0);
    assert_int_equal(model_init(&b, 2, hidden, 2, 1, ACT_TANH, HEAD_SIGMOID, &err), 0);
    rng_seed(&r, 77);
    model_randomize(&a, &r);
    rng_seed(&r, 77);
    model_randomize(&b, &r);
    assert_memory_equal(a.params, b.params, a.n_params * sizeof(double));
    size_t nonzero = 0;
    for (int l = 0; l < a.n_layers; l++) {
        const LayerShape *S = &a.layer[l];
        double limit = sqrt(6.0 / (S->in + S->out)); /* Glorot uniform */
        for (int i = 0; i < S->in * S->out; i++) {
            double w = a.params[S->w_off + (size_t)i];
            assert_true(fabs(w) <= limit);
            nonzero += w != 0.0;
        }
        for (int j = 0; j < S->out; j++)
            assert_true(a.params[S->b_off + (size_t)j] == 0.0);
    }
    assert_int_equal(nonzero, a.n_weights);
    rng_seed(&r, 78);
    model_randomize(&b, &r);
    assert_memory_not_equal(a.params, b.params, a.n_params * sizeof(double));
    model_free(&a);
    model_free(&b);
}

static void activation_names_round_trip(void **state)
{
    (void)state;
    const Activation all[4] = {ACT_TANH, ACT_RELU, ACT_SIGMOID, ACT_LINEAR};
    const char *names[4] = {"tanh", "relu", "sigmoid", "linear"};
    for (int i = 0; i < 4; i++) {
        Activation a;
        assert_string_equal(activation_name(all[i]), names[i]);
        assert_int_equal(activation_parse(names[i], &a), 0);
        assert_int_equal(a, all[i]);
    }
    Activation a;
    assert_int_equal(activation_parse("softplus", &a), -1);
    assert_int_equal(activation_parse("", &a), -1);
}

/* ---- forward by hand --------------------------------------------------- */

static void forward_of_tiny_linear_models_matches_hand_computation(void **state)
{
    (void)state;
    Err err = {0};
    Workspace ws;
    const double x[4] = {1, 2, 0, -1}; /* two rows */

    /* yhat = 2 x1 - 3 x2 + 0.5: rows give -3.5 and 3.5 */
    Model m;
    assert_int_equal(model_init(&m, 2, NULL, 0, 1, ACT_TANH, HEAD_LINEAR, &err), 0);
    assert_int_equal(m.n_params, 3);
    m.params[0] = 2, m.params[1] = -3, m.params[2] = 0.5;
    assert_int_equal(workspace_init(&ws, &m, 2, &err), 0);
    const double *out = model_forward(&m, &ws, x, 2, &NO_DROPOUT);
    assert_ptr_equal(out, ws.act[0]);
    assert_near(out[0], -3.5, 1e-15);
    assert_near(out[1], 3.5, 1e-15);
    /* 1/(2n) sum (y - yhat)^2 with residuals 0.5 and 0.5 */
    const double yr[2] = {-3.0, 4.0};
    assert_near(model_data_loss(&m, &ws, yr, 2), 0.125, 1e-15);
    workspace_free(&ws);
    model_free(&m);

    /* logistic: p = sigmoid(z) */
    assert_int_equal(model_init(&m, 2, NULL, 0, 1, ACT_TANH, HEAD_SIGMOID, &err), 0);
    m.params[0] = 2, m.params[1] = -3, m.params[2] = 0.5;
    assert_int_equal(workspace_init(&ws, &m, 2, &err), 0);
    out = model_forward(&m, &ws, x, 2, &NO_DROPOUT);
    assert_near(out[0], 1.0 / (1.0 + exp(3.5)), 1e-15);
    assert_near(out[1], 1.0 / (1.0 + exp(-3.5)), 1e-15);
    /* both rows wrong by a margin of 3.5: loss log(1 + e^3.5) each */
    const double yb[2] = {1, 0};
    assert_near(model_data_loss(&m, &ws, yb, 2), log1p(exp(3.5)), 1e-13);
    const double yb_right[2] = {0, 1};
    assert_near(model_data_loss(&m, &ws, yb_right, 2), log1p(exp(-3.5)), 1e-15);
    workspace_free(&ws);
    model_free(&m);

    /* softmax over 3 classes: W = [[1,0],[0,1],[1,1]], b = [0, 0.5, -1];
     * row (1,2) gives z = (1, 2.5, 2), row (0,-1) gives z = (0, -0.5, -2) */
    assert_int_equal(model_init(&m, 2, NULL, 0, 3, ACT_TANH, HEAD_SOFTMAX, &err), 0);
    assert_int_equal(m.n_params, 9);
    const double W[6] = {1, 0, 0, 1, 1, 1}, b[3] = {0, 0.5, -1};
    memcpy(m.params + m.layer[0].w_off, W, sizeof W);
    memcpy(m.params + m.layer[0].b_off, b, sizeof b);
    assert_int_equal(workspace_init(&ws, &m, 2, &err), 0);
    out = model_forward(&m, &ws, x, 2, &NO_DROPOUT);
    const double z[2][3] = {{1, 2.5, 2}, {0, -0.5, -2}};
    double ce = 0;
    const double yk[2] = {2, 0};
    for (int r = 0; r < 2; r++) {
        double s = exp(z[r][0]) + exp(z[r][1]) + exp(z[r][2]);
        for (int j = 0; j < 3; j++)
            assert_near(out[3 * r + j], exp(z[r][j]) / s, 1e-15);
        ce += -log(exp(z[r][(int)yk[r]]) / s);
    }
    assert_near(model_data_loss(&m, &ws, yk, 2), ce / 2, 1e-14);
    workspace_free(&ws);
    model_free(&m);
}

static void forward_of_tiny_mlp_matches_hand_computation(void **state)
{
    (void)state;
    Err err = {0};
    Model m;
    Workspace ws;
    int hidden[1] = {2};
    /* 2 -> 2 (tanh) -> 1 (linear): W1 = [[1,-1],[0.5,2]], b1 = [0.1,-0.2],
     * W2 = [3,-1], b2 = 0.25. Row (1,2): z1 = (-0.9, 4.3). */
    assert_int_equal(model_init(&m, 2, hidden, 1, 1, ACT_TANH, HEAD_LINEAR, &err), 0);
    const double p[9] = {1, -1, 0.5, 2, 0.1, -0.2, 3, -1, 0.25};
    assert_int_equal(m.n_params, 9);
    memcpy(m.params, p, sizeof p);
    assert_int_equal(workspace_init(&ws, &m, 1, &err), 0);
    const double x[2] = {1, 2};
    const double *out = model_forward(&m, &ws, x, 1, &NO_DROPOUT);
    assert_near(ws.act[0][0], tanh(-0.9), 1e-15);
    assert_near(ws.act[0][1], tanh(4.3), 1e-15);
    assert_near(out[0], 3 * tanh(-0.9) - tanh(4.3) + 0.25, 1e-14);
    /* the same net with relu: z1 = (-0.9, 4.3) -> (0, 4.3) */
    m.act = ACT_RELU;
    out = model_forward(&m, &ws, x, 1, &NO_DROPOUT);
    assert_near(out[0], -4.3 + 0.25, 1e-14);
    m.act = ACT_SIGMOID;
    out = model_forward(&m, &ws, x, 1, &NO_DROPOUT);
    assert_near(out[0], 3 * sigmoid(-0.9) - sigmoid(4.3) + 0.25, 1e-14);
    m.act = ACT_LINEAR;
    out = model_forward(&m, &ws, x, 1, &NO_DROPOUT);
    assert_near(out[0], 3 * -0.9 - 4.3 + 0.25, 1e-14);
    workspace_free(&ws);
    model_free(&m);
}

static void log_loss_is_finite_for_confident_wrong_predictions(void **state)
{
    (void)state;
    Err err = {0};
    Model m;
    Workspace ws;
    assert_int_equal(model_init(&m, 1, NULL, 0, 1, ACT_TANH, HEAD_SIGMOID, &err), 0);
    m.params[0] = 1000; /* z = 1000 for x = 1: p rounds to 1 */
    assert_int_equal(workspace_init(&ws, &m, 1, &err), 0);
    const double x[1] = {1}, y[1] = {0};
    model_forward(&m, &ws, x, 1, &NO_DROPOUT);
    /* -log(1 - sigmoid(1000)) = 1000 + log1p(e^-1000) */
    assert_near(model_data_loss(&m, &ws, y, 1), 1000.0, 1e-9);
    workspace_free(&ws);
    model_free(&m);
}

/* ---- dropout -------------------------------------------------------------- */

static void keep_one_is_no_dropout_bit_for_bit(void **state)
{
    (void)state;
    Err err = {0};
    Model m;
    int hidden[2] = {5, 4};
    assert_int_equal(model_init(&m, 3, hidden, 2, 3, ACT_TANH, HEAD_SOFTMAX, &err), 0);
    Rng r;
    rng_seed(&r, 9);
    gc_params(&m, &r);
    enum { N = 20 };
    double x[N * 3], y[N];
    gc_data(&r, x, y, N, 3, 3);
    Workspace ws;
    assert_int_equal(workspace_init(&ws, &m, N, &err), 0);
    double plain[N * 3], with_rng[N * 3];
    memcpy(plain, model_forward(&m, &ws, x, N, &NO_DROPOUT), sizeof plain);
    Rng dr_rng;
    rng_seed(&dr_rng, 1);
    Dropout keep1 = {1.0, 1.0, &dr_rng};
    memcpy(with_rng, model_forward(&m, &ws, x, N, &keep1), sizeof with_rng);
    assert_memory_equal(plain, with_rng, sizeof plain);
    rng_seed(&dr_rng, 2);
    memcpy(with_rng, model_forward(&m, &ws, x, N, &keep1), sizeof with_rng);
    assert_memory_equal(plain, with_rng, sizeof plain);
    /* and keep < 1 really does change the output */
    Dropout keep_half = {0.5, 1.0, &dr_rng};
    const double *dropped = model_forward(&m, &ws, x, N, &keep_half);
    assert_memory_not_equal(plain, dropped, sizeof plain);
    /* the plain pass agrees with a loop-by-loop forward */
    for (int i = 0; i < N; i++) {
        double ref[3];
        ref_forward_row(&m, x + 3 * i, ref, NULL);
        for (int j = 0; j < 3; j++)
            assert_near(plain[3 * i + j], ref[j], 1e-13);
    }
    workspace_free(&ws);
    model_free(&m);
}

static void inverted_dropout_keeps_the_expected_activation(void **state)
{
    (void)state;
    Err err = {0};
    Model m;
    int hidden[1] = {4};
    assert_int_equal(model_init(&m, 3, hidden, 1, 1, ACT_TANH, HEAD_SIGMOID, &err), 0);
    Rng r;
    rng_seed(&r, 12);
    model_randomize(&m, &r);
    /* one point repeated N times: every row draws its own masks */
    enum { N = 100000 };
    const double point[3] = {0.9, -1.3, 0.4};
    double *x = malloc(sizeof(double) * N * 3);
    assert_non_null(x);
    for (int i = 0; i < N; i++)
        memcpy(x + 3 * i, point, sizeof point);
    Workspace ws;
    assert_int_equal(workspace_init(&ws, &m, N, &err), 0);
    Rng dr_rng;
    rng_seed(&dr_rng, 13);
    const double keep = 0.7, in_keep = 0.8;
    /* hidden dropout alone first, so every row has the same activation */
    Dropout dr = {keep, 1.0, &dr_rng};
    model_forward(&m, &ws, x, N, &dr);
    for (int j = 0; j < 4; j++) {
        double a = ws.act[0][j];
        assert_true(fabs(a) > 0.05);
        double sum = 0;
        long kept = 0;
        for (int i = 0; i < N; i++) {
            double mask = ws.mask[0][4 * i + j];
            if (mask != 0.0 && mask != 1.0 / keep)
                fail_msg("mask %.17g is neither 0 nor 1/keep", mask);
            kept += mask != 0.0;
            assert_true(ws.drop[0][4 * i + j] == ws.act[0][4 * i + j] * mask);
            sum += ws.drop[0][4 * i + j];
        }
        /* mask/keep has sd sqrt((1-p)/p) = 0.65: the mean of 1e5 draws has sd
         * 0.2 %, so 1 % is 5 sd */
        assert_near(sum / N, a, 0.01 * fabs(a));
        assert_near((double)kept / N, keep, 0.01);
    }
    Dropout dr_in = {1.0, in_keep, &dr_rng};
    model_forward(&m, &ws, x, N, &dr_in);
    for (int k = 0; k < 3; k++) {
        double sum = 0;
        for (int i = 0; i < N; i++) {
            double mask = ws.in_mask[3 * i + k];
            assert_true(mask == 0.0 || mask == 1.0 / in_keep);
            sum += ws.xin[3 * i + k];
        }
        assert_near(sum / N, point[k], 0.01 * fabs(point[k]));
    }
    free(x);
    workspace_free(&ws);
    model_free(&m);
}

/* ---- accuracy -------------------------------------------------------------- */

static void count_correct_thresholds_sigmoid_and_takes_softmax_argmax(void **state)
{
    (void)state;
    Err err = {0};
    Model m;
    Workspace ws;
    /* logistic with z = x: rows -2, -0.5, 0.5, 3 predict 0, 0, 1, 1 */
    assert_int_equal(model_init(&m, 1, NULL, 0, 1, ACT_TANH, HEAD_SIGMOID, &err), 0);
    m.params[0] = 1;
    assert_int_equal(workspace_init(&ws, &m, 4, &err), 0);
    const double x[4] = {-2, -0.5, 0.5, 3};
    model_forward(&m, &ws, x, 4, &NO_DROPOUT);
    const double y_all[4] = {0, 0, 1, 1}, y_two[4] = {1, 0, 1, 0}, y_none[4] = {1, 1, 0, 0};
    assert_int_equal(model_count_correct(&m, &ws, y_all, 4), 4);
    assert_int_equal(model_count_correct(&m, &ws, y_two, 4), 2);
    assert_int_equal(model_count_correct(&m, &ws, y_none, 4), 0);
    workspace_free(&ws);
    model_free(&m);

    /* softmax with z = (x1, x2, 0): rows pick class 0, 1, 2 */
    assert_int_equal(model_init(&m, 2, NULL, 0, 3, ACT_TANH, HEAD_SOFTMAX, &err), 0);
    const double W[6] = {1, 0, 0, 1, 0, 0};
    memcpy(m.params + m.layer[0].w_off, W, sizeof W);
    assert_int_equal(workspace_init(&ws, &m, 3, &err), 0);
    const double x3[6] = {2, 1, 1, 3, -1, -2};
    model_forward(&m, &ws, x3, 3, &NO_DROPOUT);
    const double y3[3] = {0, 1, 2}, y3_one[3] = {0, 2, 1};
    assert_int_equal(model_count_correct(&m, &ws, y3, 3), 3);
    assert_int_equal(model_count_correct(&m, &ws, y3_one, 3), 1);
    workspace_free(&ws);
    model_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(layout_is_w_then_b_per_layer_in_one_flat_block),
        cmocka_unit_test(init_rejects_bad_shapes),
        cmocka_unit_test(randomize_zeroes_linear_models_and_is_seeded_for_mlps),
        cmocka_unit_test(activation_names_round_trip),
        cmocka_unit_test(forward_of_tiny_linear_models_matches_hand_computation),
        cmocka_unit_test(forward_of_tiny_mlp_matches_hand_computation),
        cmocka_unit_test(log_loss_is_finite_for_confident_wrong_predictions),
        cmocka_unit_test(keep_one_is_no_dropout_bit_for_bit),
        cmocka_unit_test(inverted_dropout_keeps_the_expected_activation),
        cmocka_unit_test(count_correct_thresholds_sigmoid_and_takes_softmax_argmax),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
