#include "held_scale.h"

#include <math.h>

/* Steps of the ladder within a decade: widening by at most 1.5x at a time
 * keeps a bar that just grew past the axis from shrinking to a stub. */
static const double steps[] = {1, 1.5, 2, 3, 5, 7.5, 10};

double held_scale_round_up(double v)
{
    double decade = pow(10, floor(log10(v)));
    for (unsigned i = 0; i < sizeof steps / sizeof steps[0]; i++)
        if (steps[i] * decade >= v * (1 - 1e-12))
            return steps[i] * decade;
    return 10 * decade;
}

double held_scale_fit(HeldScale *h, double max_abs)
{
    if (isfinite(max_abs) && max_abs > 0 && !(max_abs <= h->axis))
        h->axis = held_scale_round_up(max_abs);
    return h->axis;
}

void held_scale_reset(HeldScale *h) { h->axis = 0; }
