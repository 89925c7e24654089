# glmnet on the same path as regscope, for bench_path.sh.
# Usage: Rscript glmnet_path.R DATA.csv LAMBDAS.txt OUT.txt RUNS
# Fits binomial lasso (alpha 1), standardize=FALSE, thresh=1e-10, on the
# given lambdas (all of them: no early end of the path), RUNS times; times
# only the glmnet() call. OUT gets one line
# per lambda: lambda objective (-loglik/n + lambda*sum|w|, i.e. regscope's
# train_loss); stdout gets the median fitting time in seconds, wall and CPU.
suppressMessages(library(glmnet))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], colClasses = "numeric")
lam <- scan(args[2], quiet = TRUE)
runs <- as.integer(args[4])
x <- as.matrix(d[, -ncol(d)])
y <- d[, ncol(d)]
# every lambda fitted: no early end of the path on a small deviance change
glmnet.control(fdev = 0, devmax = 1)
times <- numeric(runs)
cpu <- numeric(runs)
for (r in seq_len(runs)) {
    t0 <- proc.time()
    fit <- glmnet(x, y, family = "binomial", alpha = 1, lambda = lam,
                  standardize = FALSE, thresh = 1e-10)
    t1 <- proc.time() - t0
    times[r] <- t1[["elapsed"]]
    cpu[r] <- t1[["user.self"]] + t1[["sys.self"]]
}
if (length(fit$lambda) != length(lam)) stop("glmnet fitted ", length(fit$lambda), " lambdas")
B <- as.matrix(fit$beta)
eta <- sweep(x %*% B, 2, fit$a0, "+")
loss <- colMeans(log1p(exp(-abs(eta))) + pmax(eta, 0) - y * eta)
obj <- loss + fit$lambda * colSums(abs(B))
write.table(cbind(sprintf("%.17g", fit$lambda), sprintf("%.17g", obj)), args[3],
            quote = FALSE, row.names = FALSE, col.names = FALSE)
cat(sprintf("%.6f %.6f\n", median(times), median(cpu)))
