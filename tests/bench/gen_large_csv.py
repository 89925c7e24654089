"""Writes the bench_large.sh data set: N rows (default 20000) of 100 numeric
features f1..f100 and a binary `label` from a random linear + nonlinear rule
(~15 MB). Seeded, so every run writes the same file.

usage: gen_large_csv.py OUT.csv [ROWS [FEATURES]]"""
import sys

import numpy as np

out = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
d = int(sys.argv[3]) if len(sys.argv) > 3 else 100
rng = np.random.default_rng(42)
X = rng.normal(0.0, 1.0, (n, d)) * rng.uniform(0.5, 3.0, d) + rng.uniform(-2, 2, d)
w = rng.normal(0.0, 1.0, d) * (rng.uniform(size=d) < 0.3)  # 30 % of features matter
z = (X - X.mean(axis=0)) @ w
z += 2.0 * np.sin(X[:, 0] * X[:, 1]) + 0.5 * X[:, 2] ** 2 + rng.normal(0.0, 1.0, n)
label = (z > np.median(z)).astype(int)
with open(out, "w") as f:
    f.write(",".join("f%d" % (j + 1) for j in range(d)) + ",label\n")
    fmt = ",".join(["%.5g"] * d) + ",%d\n"
    for i in range(n):
        f.write(fmt % (tuple(X[i]) + (label[i],)))
