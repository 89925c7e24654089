# The loop of cv.glmnet calls regscope's --tune stands for (glmnetUtils'
# cva.glmnet with one foldid), for bench_tune.sh.
# Usage: Rscript glmnet_tune.R DATA.csv LAMBDAS.txt ALPHAS RUNS
# DATA.csv: a fold column first, features, the 0/1 label y last. At every
# alpha of ALPHAS (comma-separated) cv.glmnet fits the binomial path on the
# given lambdas (all of them) with foldid = the fold column,
# standardize=FALSE, thresh=1e-10, RUNS times; times only the loop of
# cv.glmnet calls. stdout: the median time in seconds, wall and CPU.
suppressMessages(library(glmnet))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], colClasses = "numeric")
lam <- scan(args[2], quiet = TRUE)
alphas <- as.numeric(strsplit(args[3], ",")[[1]])
runs <- as.integer(args[4])
foldid <- as.integer(d[, 1])
x <- as.matrix(d[, -c(1, ncol(d))])
y <- d[, ncol(d)]
glmnet.control(fdev = 0, devmax = 1)
times <- numeric(runs)
cpu <- numeric(runs)
for (r in seq_len(runs)) {
    t0 <- proc.time()
    for (a in alphas) {
        cv <- cv.glmnet(x, y, family = "binomial", alpha = a, lambda = lam, foldid = foldid,
                        standardize = FALSE, thresh = 1e-10)
        if (length(cv$cvm) != length(lam)) stop("cv.glmnet kept ", length(cv$cvm), " lambdas")
    }
    t1 <- proc.time() - t0
    times[r] <- t1[["elapsed"]]
    cpu[r] <- t1[["user.self"]] + t1[["sys.self"]]
}
cat(median(times), median(cpu), "\n")
