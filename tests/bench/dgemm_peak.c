/* OpenBLAS dgemm peak of this machine: C = A * B with n x n doubles
 * (default n = 2000) on all cores (openblas_set_num_threads(
 * openblas_get_num_procs())), one warm-up call, then best of 5.
 * Prints "GFLOPS THREADS" with GFLOP/s = 2 n^3 / seconds.
 * Build: cc -O2 dgemm_peak.c $(pkg-config --cflags --libs openblas) */
#define _POSIX_C_SOURCE 200809L
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

void openblas_set_num_threads(int);
int openblas_get_num_procs(void);

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 2000;
    int reps = argc > 2 ? atoi(argv[2]) : 5;
    if (n <= 0 || reps <= 0) {
        fprintf(stderr, "usage: dgemm_peak [N [REPEATS]]\n");
        return 2;
    }
    int threads = openblas_get_num_procs();
    openblas_set_num_threads(threads);
    size_t nn = (size_t)n * n;
    double *a = malloc(nn * sizeof *a), *b = malloc(nn * sizeof *b), *c = malloc(nn * sizeof *c);
    if (!a || !b || !c) {
        fprintf(stderr, "dgemm_peak: out of memory\n");
        return 1;
    }
    srand(1);
    for (size_t i = 0; i < nn; i++) {
        a[i] = rand() / (double)RAND_MAX - 0.5;
        b[i] = rand() / (double)RAND_MAX - 0.5;
        c[i] = 0;
    }
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0, a, n, b, n, 0.0, c, n);
    double best = 1e30;
    for (int r = 0; r < reps; r++) {
        double t = now();
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0, a, n, b, n, 0.0, c, n);
        t = now() - t;
        if (t < best)
            best = t;
    }
    printf("%.3f %d\n", 2.0 * n * (double)n * n / best / 1e9, threads);
    free(a);
    free(b);
    free(c);
    return 0;
}
