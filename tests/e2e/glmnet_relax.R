# glmnet's relaxed lasso (relax = TRUE) for test_glmnet_relax.sh.
# Usage: Rscript glmnet_relax.R DATA.csv NAMES.txt LAMBDAS.txt TARGET GAMMA OUT.txt
# NAMES.txt: regscope's "features" (numeric columns of the table), one a
# line. glmnet fits the gaussian lasso (alpha = 1: its lambda is regscope's)
# with standardize = FALSE, thresh = 1e-14 and no early end of the path on
# the given lambdas; coef(fit, s = lambda, gamma = GAMMA) then gives the
# relaxed coefficients, and at GAMMA 0 coef(fit$relaxed, s = lambda) (glmnet's
# blend.relaxed raises a gamma below 1e-5 to 1e-5, which would leave 1e-5 of
# the lasso in). OUT gets one line per lambda: the intercept, then the
# weights in NAMES order, then the lasso's active columns (1-based, "-" for
# none), to compare only where glmnet's lasso chose the same set.
suppressMessages(library(glmnet))
a <- commandArgs(trailingOnly = TRUE)
d <- read.csv(a[1], check.names = FALSE, stringsAsFactors = FALSE)
nm <- readLines(a[2])
lam <- scan(a[3], quiet = TRUE)
y <- as.numeric(d[[a[4]]])
gamma <- as.numeric(a[5])
for (f in nm) if (!(f %in% names(d))) stop("no column for feature ", f)
x <- sapply(nm, function(f) as.numeric(d[[f]]))
glmnet.control(fdev = 0, devmax = 1)
fit <- glmnet(x, y, family = "gaussian", alpha = 1, lambda = lam, standardize = FALSE,
              thresh = 1e-14, maxit = 1e7, relax = TRUE)
if (length(fit$lambda) != length(lam)) stop("glmnet fitted ", length(fit$lambda), " lambdas")
if (length(fit$relaxed$lambda) != length(lam)) stop("relaxed fits for ", length(fit$relaxed$lambda), " lambdas")
B <- as.matrix(if (gamma == 0) coef(fit$relaxed, s = lam) else coef(fit, s = lam, gamma = gamma))
act <- apply(as.matrix(fit$beta), 2, function(b) {
    w <- which(b != 0)
    if (length(w)) paste(w, collapse = ",") else "-"
})
write.table(cbind(format(t(B), digits = 17), act), a[6], quote = FALSE, row.names = FALSE,
            col.names = FALSE)
