/* Tests of the held axis of the weight panels: it holds while weights
 * shrink (so shrinkage is seen), widens to a round value when a weight
 * would fall off, and narrows only after a reset. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "held_scale.h"

static void round_up_lands_on_the_ladder(void **state)
{
    (void)state;
    assert_float_equal(held_scale_round_up(1), 1, 0);
    assert_float_equal(held_scale_round_up(1.2), 1.5, 1e-15);
    assert_float_equal(held_scale_round_up(2.3), 3, 1e-15);
    assert_float_equal(held_scale_round_up(3.03), 5, 1e-15);
    assert_float_equal(held_scale_round_up(0.723), 0.75, 1e-15);
    assert_float_equal(held_scale_round_up(8), 10, 1e-15);
    assert_float_equal(held_scale_round_up(0.0042), 0.005, 1e-18);
    assert_float_equal(held_scale_round_up(1e-300), 1e-300, 1e-312);
}

static void shrinking_weights_keep_the_axis(void **state)
{
    (void)state;
    HeldScale h = {0};
    assert_float_equal(held_scale_fit(&h, 3.03), 5, 0);
    assert_float_equal(held_scale_fit(&h, 2.3), 5, 0);   /* lambda 0.3 */
    assert_float_equal(held_scale_fit(&h, 0.723), 5, 0); /* lambda 3 */
}

static void a_weight_past_the_axis_widens_it(void **state)
{
    (void)state;
    HeldScale h = {0};
    held_scale_fit(&h, 0.4);
    assert_float_equal(h.axis, 0.5, 1e-15);
    assert_float_equal(held_scale_fit(&h, 0.5), 0.5, 1e-15); /* on the axis: fits */
    assert_float_equal(held_scale_fit(&h, 0.51), 0.75, 1e-15);
    assert_float_equal(held_scale_fit(&h, 12), 15, 1e-12);
}

static void reset_narrows_to_the_weights(void **state)
{
    (void)state;
    HeldScale h = {0};
    held_scale_fit(&h, 12);
    held_scale_reset(&h);
    assert_float_equal(held_scale_fit(&h, 0.723), 0.75, 1e-15);
}

static void nothing_to_fit_leaves_the_axis(void **state)
{
    (void)state;
    HeldScale h = {0};
    assert_float_equal(held_scale_fit(&h, 0), 0, 0); /* all zero: widgets use their own */
    held_scale_fit(&h, 2);
    assert_float_equal(held_scale_fit(&h, NAN), 2, 0);
    assert_float_equal(held_scale_fit(&h, INFINITY), 2, 0);
    assert_float_equal(held_scale_fit(&h, 0), 2, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(round_up_lands_on_the_ladder),
        cmocka_unit_test(shrinking_weights_keep_the_axis),
        cmocka_unit_test(a_weight_past_the_axis_widens_it),
        cmocka_unit_test(reset_narrows_to_the_weights),
        cmocka_unit_test(nothing_to_fit_leaves_the_axis),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
