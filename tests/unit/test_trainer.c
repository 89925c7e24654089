/* Unit tests of trainer: full-batch sgd with prox converges to the optimum of
 * SPEC §2's objective (checked by its KKT conditions, as glmnet's solution
 * satisfies them), prox gives exact zeros and subgradient none, runs are
 * reproducible by seed, and reset really restarts. */
#include "trainer_fixtures.h"

/* ---- optimality ----------------------------------------------------------- */

static void full_batch_prox_lasso_logistic_fit_satisfies_kkt(void **state)
{
    (void)state;
    Dataset raw;
    make_classes(&raw, 200, 10, 2, 11);
    Problem p;
    build_problem(&p, &raw, 0.0, 1);
    assert_int_equal(p.train.n, 200);
    const double lambda = 0.05;
    TrainerConfig c = linear_config(lambda, 1.0, 0.5, L1_PROX);
    Trainer *t = new_trainer(&p, &c);
    assert_int_equal(trainer_model(t)->head, HEAD_SIGMOID);
    run_epochs(t, 20000);
    int zeros, nonzeros;
    assert_kkt(t, lambda, 1.0, 1e-6, &zeros, &nonzeros);
    /* both KKT branches are exercised: the informative inputs stay, most
     * noise inputs are exactly 0 */
    assert_true(nonzeros >= 3);
    assert_true(zeros >= 4);
    trainer_free(t);
    problem_free(&p);
    dataset_free(&raw);
}

static void full_batch_prox_elastic_net_and_ridge_logistic_fits_satisfy_kkt(void **state)
{
    (void)state;
    Dataset raw;
    make_classes(&raw, 200, 10, 2, 12);
    Problem p;
    build_problem(&p, &raw, 0.0, 2);
    const double alphas[2] = {0.5, 0.0};
    for (int a = 0; a < 2; a++) {
        const double lambda = 0.08;
        TrainerConfig c = linear_config(lambda, alphas[a], 0.5, L1_PROX);
        Trainer *t = new_trainer(&p, &c);
        run_epochs(t, 20000);
        int zeros, nonzeros;
        assert_kkt(t, lambda, alphas[a], 1e-6, &zeros, &nonzeros);
        assert_true(nonzeros >= 3);
        if (alphas[a] > 0)
            assert_true(zeros >= 1);
        else
            assert_int_equal(zeros, 0); /* ridge shrinks, never zeroes */
        trainer_free(t);
    }
    problem_free(&p);
    dataset_free(&raw);
}

static void full_batch_prox_lasso_softmax_fit_satisfies_kkt(void **state)
{
    (void)state;
    Dataset raw;
    make_classes(&raw, 300, 6, 3, 13);
    Problem p;
    build_problem(&p, &raw, 0.0, 3);
    const double lambda = 0.03;
    TrainerConfig c = linear_config(lambda, 1.0, 0.5, L1_PROX);
    Trainer *t = new_trainer(&p, &c);
    assert_int_equal(trainer_model(t)->head, HEAD_SOFTMAX);
    assert_int_equal(model_n_out(trainer_model(t)), 3);
    run_epochs(t, 20000);
    int zeros, nonzeros;
    assert_kkt(t, lambda, 1.0, 1e-6, &zeros, &nonzeros);
    assert_true(nonzeros >= 3 && zeros >= 1);
    trainer_free(t);
    problem_free(&p);
    dataset_free(&raw);
}

static void full_batch_prox_lasso_regression_on_sparse_data_satisfies_kkt(void **state)
{
    (void)state;
    Err err = {0};
    Dataset raw;
    assert_int_equal(data_generate("sparse", 200, 20, 4, &raw, &err), 0);
    assert_int_equal(raw.task, TASK_REGRESS);
    Problem p;
    build_problem(&p, &raw, 0.0, 4);
    const double lambda = 0.05;
    TrainerConfig c = linear_config(lambda, 1.0, 0.2, L1_PROX);
    Trainer *t = new_trainer(&p, &c);
    assert_int_equal(trainer_model(t)->head, HEAD_LINEAR);
    run_epochs(t, 20000);
    int zeros, nonzeros;
    assert_kkt(t, lambda, 1.0, 1e-6, &zeros, &nonzeros);
    assert_true(nonzeros >= 4 && zeros >= 5);
    trainer_free(t);
    problem_free(&p);
    dataset_free(&raw);
}

/* ---- exact zeros ----------------------------------------------------------- */

static double zero_frac_after(const Problem *p, L1Method method, int epochs)
{
    TrainerConfig c = linear_config(0.05, 1.0, 0.1, method);
    Trainer *t = new_trainer(p, &c);
    run_epochs(t, epochs);
    WeightStats st;
    weight_stats(trainer_model(t), &st);
    trainer_free(t);
    return st.zero_frac;
}

static void prox_gives_exact_zeros_and_subgradient_none_on_sparse_data(void **state)
{
    (void)state;
    Err err = {0};
    Dataset raw;
    assert_int_equal(data_generate("sparse", 200, 10, 5, &raw, &err), 0);
    Problem p;
    build_problem(&p, &raw, 0.0, 5);
    double prox = zero_frac_after(&p, L1_PROX, 2000);
    double sub = zero_frac_after(&p, L1_SUBGRADIENT, 2000);
    if (!(prox > 0.5))
        fail_msg("prox: zero_frac %.3f, want most weights exactly 0", prox);
    if (sub != 0.0)
        fail_msg("subgradient: zero_frac %.3f, want no exact zeros", sub);
    problem_free(&p);
    dataset_free(&raw);
}

/* ---- reproducibility -------------------------------------------------------- */

static void same_seed_gives_bit_identical_training_and_another_seed_does_not(void **state)
{
    (void)state;
    Err err = {0};
    Dataset raw;
    assert_int_equal(data_generate("xor", 200, 10, 6, &raw, &err), 0);
    Problem p;
    build_problem(&p, &raw, 0.2, 6);
    TrainerConfig c5 = noisy_mlp_config(5), c6 = noisy_mlp_config(6);
    Trainer *a = new_trainer(&p, &c5), *b = new_trainer(&p, &c5), *o = new_trainer(&p, &c6);
    size_t n = trainer_model(a)->n_params;
    run_epochs(a, 20);
    run_epochs(b, 20);
    run_epochs(o, 20);
    assert_memory_equal(trainer_model(a)->params, trainer_model(b)->params, n * sizeof(double));
    assert_memory_not_equal(trainer_model(a)->params, trainer_model(o)->params, n * sizeof(double));
    assert_int_equal(trainer_epochs_done(a), 20);
    trainer_free(a);
    trainer_free(b);
    trainer_free(o);
    problem_free(&p);
    dataset_free(&raw);
}

static void evaluating_between_epochs_does_not_change_training(void **state)
{
    (void)state;
    Err err = {0};
    Dataset raw;
    assert_int_equal(data_generate("circle", 150, 10, 7, &raw, &err), 0);
    Problem p;
    build_problem(&p, &raw, 0.2, 7);
    TrainerConfig c = noisy_mlp_config(9);
    Trainer *a = new_trainer(&p, &c), *b = new_trainer(&p, &c);
    double pred[2];
    for (int e = 0; e < 10; e++) {
        trainer_epoch(a);
        trainer_epoch(b);
        Metrics m;
        trainer_evaluate(b, &m);
        trainer_val_loss(b);
        trainer_predict(b, p.val.X, 1, pred);
    }
    size_t n = trainer_model(a)->n_params;
    assert_memory_equal(trainer_model(a)->params, trainer_model(b)->params, n * sizeof(double));
    trainer_free(a);
    trainer_free(b);
    problem_free(&p);
    dataset_free(&raw);
}

static void reset_restores_epoch_zero_and_initial_weights_and_replays_the_run(void **state)
{
    (void)state;
    Err err = {0};
    Dataset raw;
    assert_int_equal(data_generate("spiral", 200, 5, 8, &raw, &err), 0);
    Problem p;
    build_problem(&p, &raw, 0.2, 8);
    TrainerConfig c = noisy_mlp_config(7);
    Trainer *t = new_trainer(&p, &c), *fresh = new_trainer(&p, &c);
    size_t n = trainer_model(t)->n_params;
    double *p0 = malloc(sizeof(double) * n), *p5 = malloc(sizeof(double) * n);
    assert_non_null(p0);
    assert_non_null(p5);
    trainer_get_params(t, p0);
    run_epochs(t, 5);
    assert_int_equal(trainer_epochs_done(t), 5);
    assert_memory_not_equal(p0, trainer_model(t)->params, n * sizeof(double));
    trainer_reset(t, 7);
    assert_int_equal(trainer_epochs_done(t), 0);
    assert_memory_equal(p0, trainer_model(t)->params, n * sizeof(double));
    /* optimizer moments, batch order and dropout masks restart too */
    run_epochs(t, 5);
    run_epochs(fresh, 5);
    trainer_get_params(fresh, p5);
    assert_memory_equal(p5, trainer_model(t)->params, n * sizeof(double));
    /* another seed, other initial weights */
    trainer_reset(t, 8);
    assert_memory_not_equal(p0, trainer_model(t)->params, n * sizeof(double));
    free(p0);
    free(p5);
    trainer_free(t);
    trainer_free(fresh);
    problem_free(&p);
    dataset_free(&raw);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(full_batch_prox_lasso_logistic_fit_satisfies_kkt),
        cmocka_unit_test(full_batch_prox_elastic_net_and_ridge_logistic_fits_satisfy_kkt),
        cmocka_unit_test(full_batch_prox_lasso_softmax_fit_satisfies_kkt),
        cmocka_unit_test(full_batch_prox_lasso_regression_on_sparse_data_satisfies_kkt),
        cmocka_unit_test(prox_gives_exact_zeros_and_subgradient_none_on_sparse_data),
        cmocka_unit_test(same_seed_gives_bit_identical_training_and_another_seed_does_not),
        cmocka_unit_test(evaluating_between_epochs_does_not_change_training),
        cmocka_unit_test(reset_restores_epoch_zero_and_initial_weights_and_replays_the_run),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
