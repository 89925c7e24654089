/* Compare mode: runs share data, initial weights and mini-batch order;
 * only their hyperparameters differ. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "config.h"
#include "setup.h"

static Config parse(int argc, char **argv)
{
    Config c;
    Err err = {0};
    config_defaults(&c);
    assert_int_equal(config_parse(&c, argc, argv, &err), 0);
    return c;
}

static void test_runs_override_only_their_keys(void **state)
{
    (void)state;
    char *argv[] = {"regscope",
                    "--run",
                    "l1:lambda=0.01,alpha=1",
                    "--run",
                    "l2:lambda=0.01,alpha=0,l1-method=subgradient",
                    "--lr",
                    "0.3"};
    Config c = parse(7, argv);
    assert_int_equal(c.n_runs, 2);
    assert_string_equal(c.runs[0].name, "l1");
    assert_true(c.runs[0].hyper.alpha == 1 && c.runs[1].hyper.alpha == 0);
    assert_true(c.runs[1].hyper.l1_method == L1_SUBGRADIENT);
    /* --lr came after --run: runs still start from the final base settings */
    assert_true(c.runs[0].hyper.lr == 0.3 && c.runs[1].hyper.lr == 0.3);
}

static void test_bad_runs_are_refused(void **state)
{
    (void)state;
    const char *bad[] = {"x:lambda=-1", "x:beta=1", "x:lambda", ":lambda=1", "a b:lambda=1"};
    for (int i = 0; i < 5; i++) {
        Config c;
        Err err = {0};
        config_defaults(&c);
        char *argv[] = {"regscope", "--run", (char *)bad[i], "--run", "y:lambda=1"};
        assert_int_equal(config_parse(&c, 5, argv, &err), -1);
        assert_int_equal(err.kind, ERR_INPUT);
    }
    Config c;
    Err err = {0};
    config_defaults(&c);
    char *one[] = {"regscope", "--run", "a:lambda=1"};
    assert_int_equal(config_parse(&c, 3, one, &err), -1); /* one run is not a comparison */
}

static void test_runs_share_initial_weights_and_batch_order(void **state)
{
    (void)state;
    char *argv[] = {"regscope",
                    "--data",
                    "xor",
                    "--model",
                    "8,8",
                    "--run",
                    "a:lambda=0.01,alpha=1",
                    "--run",
                    "b:lambda=0.1,alpha=0,keep=0.5,lr=0.1"};
    Config c = parse(9, argv);
    Problem p;
    Err err = {0};
    assert_int_equal(config_build_problem(&c, &p, &err), 0);
    Trainer *t[2];
    for (int i = 0; i < 2; i++) {
        TrainerConfig tc;
        config_trainer(&c, &p, &tc);
        tc.hyper = c.runs[i].hyper;
        t[i] = trainer_new(&p, &tc, &err);
        assert_non_null(t[i]);
    }
    size_t np = trainer_model(t[0])->n_params;
    assert_memory_equal(trainer_model(t[0])->params, trainer_model(t[1])->params,
                        np * sizeof(double));
    for (int e = 0; e < 3; e++) {
        trainer_epoch(t[0]);
        trainer_epoch(t[1]);
        assert_memory_equal(trainer_batch_order(t[0]), trainer_batch_order(t[1]),
                            (size_t)p.train.n * sizeof(int));
    }
    /* and the runs did diverge: their settings differ */
    assert_memory_not_equal(trainer_model(t[0])->params, trainer_model(t[1])->params,
                            np * sizeof(double));
    trainer_free(t[0]);
    trainer_free(t[1]);
    problem_free(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_runs_override_only_their_keys),
        cmocka_unit_test(test_bad_runs_are_refused),
        cmocka_unit_test(test_runs_share_initial_weights_and_batch_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
