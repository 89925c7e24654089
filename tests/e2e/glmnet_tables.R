# glmnet on the design matrix regscope builds from a table, for
# test_glmnet_tables.sh.
# Usage: Rscript glmnet_tables.R DATA.csv NAMES.txt LAMBDAS.txt TARGET FAMILY ALPHA OUT.txt
# NAMES.txt: regscope's "features", one a line. A name that is a column of
# the table is that column as a number; COLUMN=LEVEL is the 0/1 indicator of
# LEVEL in COLUMN, and every level of such a column must be named, in order
# of first appearance (the full-dummy coding, checked here independently of
# regscope). glmnet fits FAMILY (gaussian or binomial) with standardize=FALSE,
# thresh=1e-14 and no early end of the path, on the given lambdas (rescaled
# for gaussian with alpha < 1, see below). OUT gets
# one line per lambda: the objective (regscope's train_loss: mean squared
# error / 2 or mean log-loss, + lambda * (alpha |b|_1 + (1 - alpha) / 2 |b|^2)),
# the intercept, then the weights in NAMES order.
suppressMessages(library(glmnet))
a <- commandArgs(trailingOnly = TRUE)
d <- read.csv(a[1], check.names = FALSE, stringsAsFactors = FALSE)
nm <- readLines(a[2])
lam <- scan(a[3], quiet = TRUE)
y <- as.numeric(d[[a[4]]])
family <- a[5]
alpha <- as.numeric(a[6])
column <- function(f) {
    if (f %in% names(d)) return(as.numeric(d[[f]]))
    eq <- regexpr("=", f, fixed = TRUE)
    if (eq < 1 || !(substr(f, 1, eq - 1) %in% names(d))) stop("no column for feature ", f)
    as.numeric(as.character(d[[substr(f, 1, eq - 1)]]) == substring(f, eq + 1))
}
for (f in nm[grepl("=", nm, fixed = TRUE) & !(nm %in% names(d))]) {
    col <- substr(f, 1, regexpr("=", f, fixed = TRUE) - 1)
    want <- paste0(col, "=", unique(as.character(d[[col]])))
    got <- nm[startsWith(nm, paste0(col, "="))]
    if (!identical(got, want)) stop("dummies of ", col, ": ", paste(got, collapse = " "),
                                    " (want ", paste(want, collapse = " "), ")")
}
x <- sapply(nm, column)
# glmnet's gaussian family fits y / sd(y) with lambda / sd(y): the lasso part
# maps back unchanged but the ridge part ends up divided by sd(y) (1/n
# variance). Its (lambda, alpha) that solve regscope's objective:
# lambda_g alpha_g = lambda alpha, lambda_g (1 - alpha_g) = lambda (1 - alpha) sd(y).
s <- if (family == "gaussian") sqrt(mean((y - mean(y))^2)) else 1
alpha_g <- alpha / (alpha + (1 - alpha) * s)
glmnet.control(fdev = 0, devmax = 1)
fit <- glmnet(x, y, family = family, alpha = alpha_g, lambda = lam * (alpha + (1 - alpha) * s),
              standardize = FALSE, thresh = 1e-14, maxit = 1e7)
if (length(fit$lambda) != length(lam)) stop("glmnet fitted ", length(fit$lambda), " lambdas")
B <- as.matrix(fit$beta)
eta <- sweep(x %*% B, 2, fit$a0, "+")
loss <- if (family == "gaussian") colMeans((y - eta)^2) / 2 else
    colMeans(log1p(exp(-abs(eta))) + pmax(eta, 0) - y * eta)
obj <- loss + lam * (alpha * colSums(abs(B)) + (1 - alpha) / 2 * colSums(B^2))
out <- cbind(obj, fit$a0, t(B))
write.table(format(out, digits = 17), a[7], quote = FALSE, row.names = FALSE, col.names = FALSE)
