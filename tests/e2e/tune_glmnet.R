# cv.glmnet on a CSV with its own fold column, for test_tune_glmnet.sh.
# Usage: Rscript tune_glmnet.R DATA.csv TARGET FOLDCOL FAMILY ALPHA LAMBDAS.txt OUT.txt
# Every other column is a feature, used as it is (standardize = FALSE).
# glmnet fits FAMILY (gaussian or binomial) at ALPHA on regscope's LAMBDAS
# with foldid = FOLDCOL, thresh = 1e-14 and no early end of the path.
# OUT gets one line per lambda, "cvm cvsd" (glmnet's: mean squared error or
# binomial deviance), then "IMIN I1SE", the 1-based indices of lambda.min
# and lambda.1se.
# glmnet's gaussian family fits y / sd(y) (1/n variance) and maps the
# weights back, which divides the ridge part by sd(y); for alpha < 1 its
# (lambda, alpha) that solve regscope's objective are
#   lambda_g alpha_g = lambda alpha, lambda_g (1 - alpha_g) = lambda (1 - alpha) sd(y),
# with the sd of each fold's training rows. One mapping holds for every fold
# only when those sds agree: the data are made so, and this is checked.
suppressMessages(library(glmnet))
a <- commandArgs(trailingOnly = TRUE)
d <- read.csv(a[1], check.names = FALSE)
y <- as.numeric(d[[a[2]]])
foldid <- as.integer(d[[a[3]]])
family <- a[4]
alpha <- as.numeric(a[5])
lam <- scan(a[6], quiet = TRUE)
x <- as.matrix(d[, setdiff(names(d), c(a[2], a[3]))])
sd1 <- function(v) sqrt(mean((v - mean(v))^2))
s <- 1
if (family == "gaussian") {
    s <- sd1(y)
    for (k in unique(foldid)) {
        sk <- sd1(y[foldid != k])
        if (abs(sk - s) > 1e-12 * s) stop("fold ", k, ": sd(y) of its training rows ", sk, " != ", s)
    }
}
alpha_g <- alpha / (alpha + (1 - alpha) * s)
glmnet.control(fdev = 0, devmax = 1)
cv <- cv.glmnet(x, y, family = family, alpha = alpha_g, lambda = lam * (alpha + (1 - alpha) * s),
                foldid = foldid, standardize = FALSE, thresh = 1e-14, maxit = 1e7)
if (length(cv$cvm) != length(lam)) stop("cv.glmnet kept ", length(cv$cvm), " lambdas")
out <- c(sprintf("%.17g %.17g", cv$cvm, cv$cvsd),
         sprintf("%d %d", match(cv$lambda.min, cv$lambda), match(cv$lambda.1se, cv$lambda)))
writeLines(out, a[7])
