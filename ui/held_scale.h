/* held_scale: an axis that holds while the values on it change.
 *
 * The weight histogram and the weight bars draw |w| against an axis whose
 * half-width is held from frame to frame, so that L2's shrinkage shows as
 * shorter bars and a narrower bell on the same axis instead of the same
 * picture rescaled. The axis widens (to a round value) as soon as a weight
 * would fall off it, narrows only when asked, and starts over on a new scene,
 * data set or model. */
#ifndef REGSCOPE_HELD_SCALE_H
#define REGSCOPE_HELD_SCALE_H

typedef struct {
    double axis; /* half-width of the axis; 0: not set yet */
} HeldScale;

/* The axis for values up to max_abs: the held one while max_abs fits on it,
 * else the smallest round value (1, 1.5, 2, 3, 5, 7.5 times a power of ten)
 * at or above max_abs. A non-finite or non-positive max_abs leaves it. */
double held_scale_fit(HeldScale *h, double max_abs);
/* Forget the axis: the next fit takes the values' own round size (the
 * narrowing asked for by a key, or a new scene). */
void held_scale_reset(HeldScale *h);
/* The smallest round value at or above v (> 0). */
double held_scale_round_up(double v);

#endif
