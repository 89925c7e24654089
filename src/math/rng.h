/* rng: a small seeded generator (xoshiro256**), one state per user so that
 * several trainers are independent and every run is reproducible by seed. */
#ifndef REGSCOPE_RNG_H
#define REGSCOPE_RNG_H

#include <stdint.h>

typedef struct {
    uint64_t s[4];
} Rng;

void rng_seed(Rng *r, uint64_t seed);
uint64_t rng_u64(Rng *r);
double rng_uniform(Rng *r); /* [0, 1) with 53 random bits */
double rng_range(Rng *r, double lo, double hi);
double rng_normal(Rng *r);              /* standard normal (Box-Muller) */
uint32_t rng_below(Rng *r, uint32_t n); /* uniform in [0, n), unbiased */
void rng_shuffle_int(Rng *r, int *a, int n);

#endif
