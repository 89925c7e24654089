/* vmath: element-wise transcendentals over arrays, vectorized where the C
 * library offers it (glibc's libmvec: 2 or 4 doubles per call, within a few
 * ulp of libm), scalar libm otherwise. tanh is the hot spot of small tanh
 * networks: one call per hidden unit per sample. Results depend only on the
 * input and the CPU's instruction set, so runs stay reproducible. */
#ifndef REGSCOPE_VMATH_H
#define REGSCOPE_VMATH_H

#include <stddef.h>

/* x[i] = tanh(x[i]) */
void vmath_tanh(double *x, size_t n);
/* d[i] *= 1 - a[i]^2: the gradient through tanh, written via its output a */
void vmath_tanh_grad(double *d, const double *a, size_t n);
/* x[i] = 1 / (1 + exp(-x[i])) */
void vmath_sigmoid(double *x, size_t n);

#endif
