# The tables of test_tune_glmnet.sh: tune_glmnet_data.py FAMILY OUT.csv writes
# 233 rows of 6 standard normal features, a fold column (1..5, sizes 47 and
# 46) and y: gaussian, made mean 0 and sd 2 within every fold (so that any
# four folds have sd 2: see tune_glmnet.R), or binomial 0/1 from a logistic
# model.
import math
import random
import sys
fam, out = sys.argv[1], sys.argv[2]
random.seed(7 if fam == "gaussian" else 11)
n, d, K = 233, 6, 5
w = [1.5, -1.0, 0.5, 0.0, 0.0, 0.25]
X = [[random.gauss(0, 1) for _ in range(d)] for _ in range(n)]
fold = [1 + (i * 7) % K for i in range(n)]
if fam == "gaussian":
    y = [sum(a * b for a, b in zip(w, x)) + random.gauss(0, 1.5) for x in X]
    # every fold: mean 0, sd 2 (1/n variance), so any K-1 folds have sd 2 too
    for k in range(1, K + 1):
        idx = [i for i in range(n) if fold[i] == k]
        m = sum(y[i] for i in idx) / len(idx)
        sd = math.sqrt(sum((y[i] - m) ** 2 for i in idx) / len(idx))
        for i in idx:
            y[i] = 2 * (y[i] - m) / sd
else:
    y = [1 if random.random() < 1 / (1 + math.exp(-sum(a * b for a, b in zip(w, x)))) else 0 for x in X]
with open(out, "w") as f:
    f.write(",".join("x%d" % (j + 1) for j in range(d)) + ",fold,y\n")
    for x, yy, k in zip(X, y, fold):
        f.write(",".join("%.17g" % v for v in x) + ",%d,%s\n" % (k, repr(float(yy)) if fam == "gaussian" else str(yy)))
