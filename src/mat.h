/* mat: the three matrix products of a dense layer over a batch, row-major,
 * on OpenBLAS (cblas_dgemm). The bias and the bias gradient ride along: the
 * bias is the GEMM's initial C (beta = 1), its gradient the column sums. */
#ifndef REGSCOPE_MAT_H
#define REGSCOPE_MAT_H

/* C (m x n) = A (m x k) B^T + bias, B is n x k (a layer's W: out x in);
 * bias (n) may be NULL. The forward pass: Z = X W^T + b. */
void mat_mul_abt(const double *A, const double *B, const double *bias, double *C, int m, int n,
                 int k);
/* C (m x n) = A^T B, A is k x m, B is k x n; if colsum (m) is not NULL it
 * gets the column sums of A. The weight gradient: dW = dZ^T X, db = sum dZ. */
void mat_mul_atb(const double *A, const double *B, double *C, double *colsum, int m, int n, int k);
/* C (m x n) = A (m x k) B (k x n). The input gradient: dX = dZ W. */
void mat_mul_ab(const double *A, const double *B, double *C, int m, int n, int k);

#endif
