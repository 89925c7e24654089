/* Mini-batch splitting across threads: the combined gradient is the
 * gradient of the whole batch's mean loss, and training is reproducible. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "split.h"
#include "trainer.h"

static void test_split_gradient_equals_whole_batch_gradient(void **state)
{
    (void)state;
    Model m;
    Err err = {0};
    int hidden[2] = {16, 8};
    assert_int_equal(model_init(&m, 5, hidden, 2, 3, ACT_TANH, HEAD_SOFTMAX, &err), 0);
    Rng r;
    rng_seed(&r, 11);
    model_randomize(&m, &r);
    for (size_t i = 0; i < m.n_params; i++)
        if (!model_is_weight(&m, i))
            m.params[i] = rng_range(&r, -0.5, 0.5);
    enum { N = 101 }; /* odd: slices of unequal size */
    double x[N * 5], y[N];
    for (int i = 0; i < N * 5; i++)
        x[i] = rng_normal(&r);
    for (int i = 0; i < N; i++)
        y[i] = (double)rng_below(&r, 3);
    Workspace whole, part;
    assert_int_equal(workspace_init(&whole, &m, N, &err), 0);
    assert_int_equal(workspace_init(&part, &m, N, &err), 0);
    split_gradient(NULL, &m, &whole, NULL, x, y, N, 1.0, 1.0); /* no split */
    for (int ways = 2; ways <= 4; ways++) {
        Split *s = split_new(&m, ways, N, N, 1, &err);
        assert_non_null(s);
        assert_int_equal(split_ways(s), ways);
        split_gradient(s, &m, &part, NULL, x, y, N, 1.0, 1.0);
        for (size_t i = 0; i < m.n_params; i++)
            assert_true(fabs(part.grad[i] - whole.grad[i]) <= 1e-12 * (1 + fabs(whole.grad[i])));
        split_free(s);
    }
    workspace_free(&whole);
    workspace_free(&part);
    model_free(&m);
}

static void test_split_training_is_reproducible_and_learns(void **state)
{
    (void)state;
    Dataset raw;
    Err err = {0};
    assert_int_equal(data_generate("spiral", 600, 10, 3, &raw, &err), 0);
    Problem p;
    assert_int_equal(problem_build(&p, &raw, "", 0.0, 1, 3, &err), 0);
    TrainerConfig tc = {.hidden = {32, 32},
                        .n_hidden = 2,
                        .act = ACT_TANH,
                        .hyper = {.lambda = 0.001,
                                  .alpha = 1,
                                  .keep = 0.8,
                                  .input_keep = 1,
                                  .lr = 0.05,
                                  .optimizer = OPT_SGD,
                                  .batch = 128},
                        .seed = 9,
                        .threads = 2};
    Trainer *a = trainer_new(&p, &tc, &err), *b = trainer_new(&p, &tc, &err);
    assert_non_null(a);
    assert_non_null(b);
    Metrics start;
    trainer_evaluate(a, &start);
    for (int e = 0; e < 20; e++) {
        trainer_epoch(a);
        trainer_epoch(b);
    }
    size_t np = trainer_model(a)->n_params;
    assert_memory_equal(trainer_model(a)->params, trainer_model(b)->params, np * sizeof(double));
    Metrics m;
    trainer_evaluate(a, &m);
    assert_true(isfinite(m.train_loss) && m.data_loss < start.data_loss);
    /* a reset to the seed replays everything, the helpers' dropout masks too */
    trainer_reset(a, tc.seed);
    Trainer *fresh = trainer_new(&p, &tc, &err);
    assert_non_null(fresh);
    for (int e = 0; e < 3; e++) {
        trainer_epoch(a);
        trainer_epoch(fresh);
    }
    assert_memory_equal(trainer_model(a)->params, trainer_model(fresh)->params,
                        np * sizeof(double));
    trainer_free(fresh);
    trainer_free(a);
    trainer_free(b);
    problem_free(&p);
    dataset_free(&raw);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_split_gradient_equals_whole_batch_gradient),
        cmocka_unit_test(test_split_training_is_reproducible_and_learns),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
