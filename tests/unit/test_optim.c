/* Unit tests of optim: SGD, heavy-ball momentum (0.9) and Adam (0.9, 0.999,
 * 1e-8, with bias correction) against steps worked out by hand, and reset. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>

#include "optim.h"
#include "test_assert.h"

#define LR 0.1

/* One parameter from 1.0 through the gradients 2, -1, 0.5; after[s] is
 * the parameter after step s + 1. */
static const double G3[3] = {2.0, -1.0, 0.5};

static void run_three_steps(OptimizerKind kind, double after[3])
{
    Err err = {0};
    Optimizer o;
    assert_int_equal(optimizer_init(&o, kind, 1, &err), 0);
    double p = 1.0;
    for (int s = 0; s < 3; s++) {
        optimizer_step(&o, &p, &G3[s], LR);
        after[s] = p;
    }
    optimizer_free(&o);
}

static void sgd_steps_by_hand(void **state)
{
    (void)state;
    double p[3];
    run_three_steps(OPT_SGD, p);
    assert_near(p[0], 0.8, 1e-15);  /* 1 - 0.1*2 */
    assert_near(p[1], 0.9, 1e-15);  /* 0.8 + 0.1*1 */
    assert_near(p[2], 0.85, 1e-15); /* 0.9 - 0.1*0.5 */
}

/* m = 0.9 m + g; p -= lr m. */
static void momentum_steps_by_hand(void **state)
{
    (void)state;
    double p[3];
    run_three_steps(OPT_MOMENTUM, p);
    assert_near(p[0], 0.8, 1e-15);   /* m = 2;               1 - 0.2 */
    assert_near(p[1], 0.72, 1e-15);  /* m = 1.8 - 1 = 0.8;   0.8 - 0.08 */
    assert_near(p[2], 0.598, 1e-15); /* m = 0.72 + 0.5 = 1.22; 0.72 - 0.122 */
}

/* m = 0.9 m + 0.1 g, v = 0.999 v + 0.001 g^2, then
 * p -= lr * (m / (1 - 0.9^t)) / (sqrt(v / (1 - 0.999^t)) + 1e-8). */
static void adam_steps_by_hand_with_bias_correction(void **state)
{
    (void)state;
    double p[3];
    run_three_steps(OPT_ADAM, p);
    /* t 1: m 0.2, v 0.004; corrected 0.2/0.1 = 2 and 0.004/0.001 = 4: a step of lr */
    double p1 = 1.0 - LR * 2.0 / (2.0 + 1e-8);
    /* t 2: m 0.18 - 0.1 = 0.08, v 0.003996 + 0.001 = 0.004996;
     * 1 - 0.81 = 0.19, 1 - 0.998001 = 0.001999 */
    double p2 = p1 - LR * (0.08 / 0.19) / (sqrt(0.004996 / 0.001999) + 1e-8);
    /* t 3: m 0.072 + 0.05 = 0.122, v 0.004991004 + 0.00025 = 0.005241004;
     * 1 - 0.729 = 0.271, 1 - 0.997002999 = 0.002997001 */
    double p3 = p2 - LR * (0.122 / 0.271) / (sqrt(0.005241004 / 0.002997001) + 1e-8);
    assert_near(p[0], 0.9000000005, 1e-12);
    assert_near(p[0], p1, 1e-13);
    assert_near(p[1], p2, 1e-13);
    assert_near(p[2], p3, 1e-13);
    assert_near(p[2], 0.83932338213894, 1e-12);
}

/* Each entry moves by its own gradient; Adam's first step is lr * sign(g). */
static void adam_first_step_is_lr_times_sign_per_entry(void **state)
{
    (void)state;
    Err err = {0};
    Optimizer o;
    assert_int_equal(optimizer_init(&o, OPT_ADAM, 4, &err), 0);
    double p[4] = {0, 0, 0, 0};
    const double g[4] = {3.0, -0.5, 1e-3, 0.0};
    optimizer_step(&o, p, g, LR);
    assert_near(p[0], -LR, 1e-8);
    assert_near(p[1], LR, 1e-8);
    assert_near(p[2], -LR, 1e-5);
    assert_true(p[3] == 0.0);
    optimizer_free(&o);
}

/* After reset the moments and the step count start over: the same steps again. */
static void reset_starts_the_moments_and_the_bias_correction_over(void **state)
{
    (void)state;
    const OptimizerKind kinds[2] = {OPT_MOMENTUM, OPT_ADAM};
    for (int k = 0; k < 2; k++) {
        Err err = {0};
        Optimizer o;
        assert_int_equal(optimizer_init(&o, kinds[k], 1, &err), 0);
        double p = 1.0, q = 1.0;
        optimizer_step(&o, &p, &G3[0], LR);
        optimizer_step(&o, &p, &G3[1], LR);
        optimizer_reset(&o);
        assert_int_equal(o.t, 0);
        optimizer_step(&o, &q, &G3[0], LR);
        double once[3];
        run_three_steps(kinds[k], once);
        assert_near(q, once[0], 0.0);
        optimizer_free(&o);
    }
}

static void optimizer_names_round_trip(void **state)
{
    (void)state;
    for (int k = OPT_SGD; k <= OPT_ADAM; k++) {
        OptimizerKind back;
        assert_int_equal(optimizer_parse(optimizer_name((OptimizerKind)k), &back), 0);
        assert_int_equal(back, k);
    }
    OptimizerKind none;
    assert_int_equal(optimizer_parse("rmsprop", &none), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sgd_steps_by_hand),
        cmocka_unit_test(momentum_steps_by_hand),
        cmocka_unit_test(adam_steps_by_hand_with_bias_correction),
        cmocka_unit_test(adam_first_step_is_lr_times_sign_per_entry),
        cmocka_unit_test(reset_starts_the_moments_and_the_bias_correction_over),
        cmocka_unit_test(optimizer_names_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
