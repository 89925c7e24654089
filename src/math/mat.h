/* mat: the matrix products of a dense layer over a batch, row-major with
 * explicit row strides (ld*, in doubles), so that a block of columns of a
 * wider matrix can take part: a GEMM of our own for the large shapes of
 * wide layers on CPUs with AVX-512 (see mat.c), OpenBLAS (cblas_dgemm)
 * otherwise. The bias rides along with the forward product as its initial
 * value. */
#ifndef REGSCOPE_MAT_H
#define REGSCOPE_MAT_H

/* C (m x n) = A (m x k) B^T + bias, B is n x k (rows of a layer's W: out x
 * in); bias (n) may be NULL. The forward pass: Z = X W^T + b. */
void mat_mul_abt(const double *A, int lda, const double *B, int ldb, const double *bias, double *C,
                 int ldc, int m, int n, int k);
/* C (m x n) = A^T B, or C += A^T B when accumulate; A is k x m, B is k x n.
 * The weight gradient: dW (+)= dZ^T X. */
void mat_mul_atb(const double *A, int lda, const double *B, int ldb, double *C, int ldc, int m,
                 int n, int k, int accumulate);
/* C (m x n) = A (m x k) B (k x n). The input gradient: dX = dZ W. */
void mat_mul_ab(const double *A, int lda, const double *B, int ldb, double *C, int ldc, int m,
                int n, int k);
/* sums[i] (+)= sum over the k rows r of A[r*lda + i], i < m: the bias
 * gradient, db = column sums of dZ. */
void mat_col_sums(const double *A, int lda, int m, int k, double *sums, int accumulate);

#endif
