#!/bin/sh
# The lasso-logistic path on a wide table, more columns than rows: a seeded
# 1000 x 20000 binary-classification CSV, 100 lambdas down to lambda_max *
# 1e-2 (glmnet's default ratio when columns outnumber rows), regscope against
# glmnet on the same matrix and lambdas: bench_path.sh with that shape, plus
# the path's own time (the whole process minus the CSV load).
# Run from the top of the tree.
BENCH_NAME=bench_wide
PATH_ROWS=${BENCH_WIDE_ROWS:-1000}
PATH_COLS=${BENCH_WIDE_COLS:-20000}
PATH_MIN_RATIO=1e-2
PATH_LOAD=yes
. tests/bench/bench_path.sh
