/* test_assert: the unit tests' comparisons of doubles, each failing with
 * both expressions, both values and the difference. Include after cmocka.h. */
#ifndef REGSCOPE_TEST_ASSERT_H
#define REGSCOPE_TEST_ASSERT_H

#include <math.h>
#include <stddef.h>

/* |a - b| <= tol (a NaN on either side fails). */
#define assert_near(a, b, tol)                                                                     \
    do {                                                                                           \
        double a_ = (a), b_ = (b), t_ = (tol);                                                     \
        if (!(fabs(a_ - b_) <= t_))                                                                \
            fail_msg("%s = %.17g, %s = %.17g, |diff| %.3g > %.3g", #a, a_, #b, b_, fabs(a_ - b_),  \
                     t_);                                                                          \
    } while (0)

/* |a - b| <= rel * max(|a|, |b|): agreement to a relative precision. */
#define assert_near_rel(a, b, rel)                                                                 \
    do {                                                                                           \
        double a_ = (a), b_ = (b), r_ = (rel);                                                     \
        double m_ = fmax(fabs(a_), fabs(b_));                                                      \
        if (!(fabs(a_ - b_) <= r_ * m_))                                                           \
            fail_msg("%s = %.17g, %s = %.17g, |diff| %.3g > %.3g relative", #a, a_, #b, b_,        \
                     fabs(a_ - b_), r_);                                                           \
    } while (0)

/* got[i] within tol of want[i] for every i < n; names the first i that is not. */
#define assert_doubles_near(got, want, n, tol)                                                     \
    do {                                                                                           \
        const double *g_ = (got), *w_ = (want);                                                    \
        double t_ = (tol);                                                                         \
        for (size_t i_ = 0; i_ < (size_t)(n); i_++)                                                \
            if (!(fabs(g_[i_] - w_[i_]) <= t_))                                                    \
                fail_msg("%s[%zu] = %.17g, %s[%zu] = %.17g, |diff| %.3g > %.3g", #got, i_, g_[i_], \
                         #want, i_, w_[i_], fabs(g_[i_] - w_[i_]), t_);                            \
    } while (0)

#endif
