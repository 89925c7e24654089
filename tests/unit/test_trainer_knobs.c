/* Unit tests of trainer: knobs turned between steps take effect, out of range
 * ones are refused by name, and the reported metrics agree with the model. */
#include "trainer_fixtures.h"

/* ---- knobs turned while it runs ---------------------------------------------- */

static void huge_lambda_set_between_steps_zeroes_every_weight_in_one_step(void **state)
{
    (void)state;
    Dataset raw;
    make_classes(&raw, 200, 10, 2, 14);
    Problem p;
    build_problem(&p, &raw, 0.0, 14);
    TrainerConfig c = linear_config(0.0, 1.0, 0.5, L1_PROX);
    Trainer *t = new_trainer(&p, &c);
    run_epochs(t, 50);
    WeightStats st;
    weight_stats(trainer_model(t), &st);
    assert_int_equal(st.zeros, 0);
    Hyper h = *trainer_hyper(t);
    h.lambda = 1e3;
    trainer_set_hyper(t, &h);
    assert_true(trainer_hyper(t)->lambda == 1e3);
    assert_int_equal(trainer_step(t), 1); /* full batch: one step is an epoch */
    weight_stats(trainer_model(t), &st);
    assert_int_equal(st.zeros, st.n);
    trainer_free(t);

    /* an MLP too, mid-epoch with mini-batches */
    TrainerConfig m = noisy_mlp_config(3);
    t = new_trainer(&p, &m);
    run_epochs(t, 3);
    h = *trainer_hyper(t);
    h.lambda = 1e4;
    trainer_set_hyper(t, &h);
    trainer_step(t);
    weight_stats(trainer_model(t), &st);
    assert_int_equal(st.zeros, st.n);
    trainer_free(t);
    problem_free(&p);
    dataset_free(&raw);
}

static void learning_rate_set_between_steps_takes_effect(void **state)
{
    (void)state;
    Dataset raw;
    make_classes(&raw, 100, 4, 2, 15);
    Problem p;
    build_problem(&p, &raw, 0.0, 15);
    TrainerConfig c = linear_config(0.0, 1.0, 0.1, L1_PROX);
    Trainer *a = new_trainer(&p, &c), *b = new_trainer(&p, &c);
    run_epochs(a, 3);
    run_epochs(b, 3);
    size_t n = trainer_model(a)->n_params;
    double *before = malloc(sizeof(double) * n);
    assert_non_null(before);
    trainer_get_params(a, before);
    Hyper h = *trainer_hyper(b);
    h.lr = 0.2;
    trainer_set_hyper(b, &h);
    trainer_step(a);
    trainer_step(b);
    /* plain sgd without penalty: b's step is exactly twice a's */
    for (size_t i = 0; i < n; i++) {
        double da = trainer_model(a)->params[i] - before[i];
        double db = trainer_model(b)->params[i] - before[i];
        assert_near(db, 2 * da, 1e-12 + 1e-9 * fabs(da));
    }
    free(before);
    trainer_free(a);
    trainer_free(b);
    problem_free(&p);
    dataset_free(&raw);
}

static void zeroed_weights_come_back_when_lambda_is_lowered(void **state)
{
    (void)state;
    Dataset raw;
    make_classes(&raw, 200, 10, 2, 16);
    Problem p;
    build_problem(&p, &raw, 0.0, 16);
    TrainerConfig c = linear_config(10.0, 1.0, 0.5, L1_PROX);
    Trainer *t = new_trainer(&p, &c);
    run_epochs(t, 20);
    WeightStats st;
    weight_stats(trainer_model(t), &st);
    assert_int_equal(st.zeros, st.n);
    Hyper h = *trainer_hyper(t);
    h.lambda = 0.001;
    trainer_set_hyper(t, &h);
    run_epochs(t, 200);
    weight_stats(trainer_model(t), &st);
    /* the three informative inputs at least are back */
    assert_true(st.n - st.zeros >= 3);
    trainer_free(t);
    problem_free(&p);
    dataset_free(&raw);
}

static void hyper_check_rejects_each_out_of_range_knob_by_name(void **state)
{
    (void)state;
    const Hyper ok = {.lambda = 0.1,
                      .alpha = 0.5,
                      .keep = 1.0,
                      .input_keep = 1.0,
                      .lr = 0.1,
                      .l1_method = L1_PROX,
                      .optimizer = OPT_SGD,
                      .batch = 0};
    Err err = {0};
    assert_int_equal(hyper_check(&ok, &err), 0);
    struct {
        Hyper h;
        const char *name;
    } bad[] = {
        {ok, "lambda"}, {ok, "alpha"}, {ok, "alpha"}, {ok, "keep"},  {ok, "keep"},
        {ok, "keep"},   {ok, "lr"},    {ok, "lr"},    {ok, "batch"}, {ok, "lambda"},
    };
    bad[0].h.lambda = -0.1;
    bad[1].h.alpha = 1.5;
    bad[2].h.alpha = -0.1;
    bad[3].h.keep = 0.0;
    bad[4].h.keep = 1.5;
    bad[5].h.input_keep = 0.0;
    bad[6].h.lr = 0.0;
    bad[7].h.lr = -1.0;
    bad[8].h.batch = -1;
    bad[9].h.lambda = NAN;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        memset(&err, 0, sizeof err);
        if (hyper_check(&bad[i].h, &err) != -1)
            fail_msg("case %zu (%s) accepted", i, bad[i].name);
        if (!strstr(err.msg, bad[i].name))
            fail_msg("case %zu: message '%s' does not name %s", i, err.msg, bad[i].name);
        assert_int_equal(err.kind, ERR_INPUT);
    }
}

/* ---- what is reported ---------------------------------------------------------- */

static void evaluate_reports_losses_penalty_accuracy_and_stats_of_the_model(void **state)
{
    (void)state;
    Err err = {0};
    Dataset raw;
    assert_int_equal(data_generate("xor", 200, 10, 17, &raw, &err), 0);
    Problem p;
    build_problem(&p, &raw, 0.25, 17);
    assert_true(p.val.n > 0);
    TrainerConfig c = noisy_mlp_config(17);
    c.hyper.lambda = 0.01;
    c.hyper.alpha = 0.7;
    Trainer *t = new_trainer(&p, &c);
    run_epochs(t, 30);
    Metrics m, again;
    trainer_evaluate(t, &m);
    assert_int_equal(m.epoch, 30);
    assert_true(m.classify);
    assert_true(m.has_val);
    assert_true(m.train_loss == m.data_loss + m.penalty);
    const Model *model = trainer_model(t);
    assert_near(m.penalty, penalty_value(model, 0.01, 0.7), 1e-15);
    assert_true(m.penalty > 0);
    WeightStats st;
    weight_stats(model, &st);
    assert_true(m.w.zero_frac == st.zero_frac);
    assert_int_equal(m.w.zeros, st.zeros);
    assert_near(m.w.l1, st.l1, 1e-15);
    assert_near(m.w.l2, st.l2, 1e-15);
    /* evaluation mode: no dropout, so the numbers are those of a plain
     * forward pass, and the same every time */
    Workspace ws;
    assert_int_equal(workspace_init(&ws, model, p.train.n, &err), 0);
    Dropout none = {1.0, 1.0, NULL};
    model_forward(model, &ws, p.train.X, p.train.n, &none);
    assert_near(m.data_loss, model_data_loss(model, &ws, p.train.y, p.train.n), 1e-12);
    assert_near(m.train_acc,
                (double)model_count_correct(model, &ws, p.train.y, p.train.n) / p.train.n, 1e-15);
    workspace_free(&ws);
    assert_int_equal(workspace_init(&ws, model, p.val.n, &err), 0);
    model_forward(model, &ws, p.val.X, p.val.n, &none);
    assert_near(m.val_loss, model_data_loss(model, &ws, p.val.y, p.val.n), 1e-12);
    assert_near(m.val_acc, (double)model_count_correct(model, &ws, p.val.y, p.val.n) / p.val.n,
                1e-15);
    workspace_free(&ws);
    assert_near(trainer_val_loss(t), m.val_loss, 1e-12);
    trainer_evaluate(t, &again);
    assert_memory_equal(&m.data_loss, &again.data_loss, sizeof(double));
    assert_memory_equal(&m.val_loss, &again.val_loss, sizeof(double));
    trainer_free(t);
    problem_free(&p);
    dataset_free(&raw);
}

static void evaluate_without_validation_split_and_for_regression(void **state)
{
    (void)state;
    Err err = {0};
    Dataset raw;
    assert_int_equal(data_generate("line", 100, 10, 18, &raw, &err), 0);
    Problem p;
    build_problem(&p, &raw, 0.0, 18);
    assert_int_equal(p.val.n, 0);
    TrainerConfig c = linear_config(0.01, 0.0, 0.1, L1_PROX);
    Trainer *t = new_trainer(&p, &c);
    assert_int_equal(trainer_model(t)->head, HEAD_LINEAR);
    run_epochs(t, 10);
    Metrics m;
    trainer_evaluate(t, &m);
    assert_false(m.classify);
    assert_false(m.has_val);
    assert_true(isfinite(m.data_loss) && m.data_loss > 0);
    assert_true(m.train_loss == m.data_loss + m.penalty);
    /* no split: the validation loss falls back to the training data loss */
    assert_near(trainer_val_loss(t), m.data_loss, 1e-12);
    trainer_free(t);
    problem_free(&p);
    dataset_free(&raw);
}

static void training_lowers_the_objective(void **state)
{
    (void)state;
    Err err = {0};
    Dataset raw;
    assert_int_equal(data_generate("circle", 200, 0, 19, &raw, &err), 0);
    Problem p;
    build_problem(&p, &raw, 0.2, 19);
    TrainerConfig c = noisy_mlp_config(19);
    Trainer *t = new_trainer(&p, &c);
    Metrics m0, m1;
    trainer_evaluate(t, &m0);
    assert_int_equal(m0.epoch, 0);
    run_epochs(t, 100);
    trainer_evaluate(t, &m1);
    if (!(m1.train_loss < 0.5 * m0.train_loss))
        fail_msg("objective %.4f after 100 epochs, %.4f at start", m1.train_loss, m0.train_loss);
    assert_true(m1.train_acc > 0.9);
    trainer_free(t);
    problem_free(&p);
    dataset_free(&raw);
}

static void predict_matches_an_evaluation_forward_pass(void **state)
{
    (void)state;
    Err err = {0};
    Dataset raw;
    make_classes(&raw, 150, 4, 3, 20);
    Problem p;
    build_problem(&p, &raw, 0.2, 20);
    TrainerConfig c = noisy_mlp_config(20);
    Trainer *t = new_trainer(&p, &c);
    run_epochs(t, 5);
    const Model *model = trainer_model(t);
    int n = p.train.n, k = model_n_out(model);
    assert_int_equal(k, 3);
    double *out = malloc(sizeof(double) * (size_t)n * k);
    assert_non_null(out);
    trainer_predict(t, p.train.X, n, out);
    Workspace ws;
    assert_int_equal(workspace_init(&ws, model, n, &err), 0);
    Dropout none = {1.0, 1.0, NULL};
    const double *ref = model_forward(model, &ws, p.train.X, n, &none);
    for (int i = 0; i < n * k; i++)
        assert_near(out[i], ref[i], 1e-14);
    for (int i = 0; i < n; i++)
        assert_near(out[3 * i] + out[3 * i + 1] + out[3 * i + 2], 1.0, 1e-12);
    /* set_params then get_params round-trips */
    double *q = malloc(sizeof(double) * model->n_params);
    assert_non_null(q);
    for (size_t i = 0; i < model->n_params; i++)
        q[i] = (double)i / 7.0;
    trainer_set_params(t, q);
    assert_memory_equal(q, trainer_model(t)->params, sizeof(double) * model->n_params);
    free(q);
    free(out);
    workspace_free(&ws);
    trainer_free(t);
    problem_free(&p);
    dataset_free(&raw);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(huge_lambda_set_between_steps_zeroes_every_weight_in_one_step),
        cmocka_unit_test(learning_rate_set_between_steps_takes_effect),
        cmocka_unit_test(zeroed_weights_come_back_when_lambda_is_lowered),
        cmocka_unit_test(hyper_check_rejects_each_out_of_range_knob_by_name),
        cmocka_unit_test(evaluate_reports_losses_penalty_accuracy_and_stats_of_the_model),
        cmocka_unit_test(evaluate_without_validation_split_and_for_regression),
        cmocka_unit_test(training_lowers_the_objective),
        cmocka_unit_test(predict_matches_an_evaluation_forward_pass),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
