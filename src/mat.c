#include "mat.h"

#include <cblas.h>
#include <string.h>

void mat_mul_abt(const double *A, const double *B, const double *bias, double *C, int m, int n,
                 int k)
{
    if (bias)
        for (int i = 0; i < m; i++)
            memcpy(C + (size_t)i * n, bias, sizeof(double) * (size_t)n);
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, m, n, k, 1.0, A, k, B, k,
                bias ? 1.0 : 0.0, C, n);
}

void mat_mul_atb(const double *A, const double *B, double *C, double *colsum, int m, int n, int k)
{
    if (colsum) {
        memset(colsum, 0, sizeof(double) * (size_t)m);
        for (int r = 0; r < k; r++)
            for (int i = 0; i < m; i++)
                colsum[i] += A[(size_t)r * m + i];
    }
    cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, m, n, k, 1.0, A, m, B, n, 0.0, C, n);
}

void mat_mul_ab(const double *A, const double *B, double *C, int m, int n, int k)
{
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1.0, A, k, B, n, 0.0, C, n);
}
