#!/usr/bin/env python3
"""Write a seeded binary-classification CSV for bench_path.sh: N rows of D
standard-normal-ish features (some correlated), a sparse logistic model
(10 informative inputs), label y (0/1) as the last column.
Usage: bench_path_gen.py PATH [N [D [SEED]]]"""
import math
import random
import sys

path = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
d = int(sys.argv[3]) if len(sys.argv) > 3 else 100
rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 7)
beta = [0.0] * d
for j in range(min(10, d)):
    beta[j] = rng.choice((-1, 1)) * rng.uniform(0.3, 1.0)
with open(path, "w") as out:
    out.write(",".join(f"x{j + 1}" for j in range(d)) + ",y\n")
    for _ in range(n):
        common = rng.gauss(0, 1)
        x = [0.5 * common + rng.gauss(0, 1) for _ in range(d)]
        z = 0.2 + sum(b * v for b, v in zip(beta, x) if b)
        y = 1 if rng.random() < 1 / (1 + math.exp(-z)) else 0
        out.write(",".join("%.6f" % v for v in x) + ",%d\n" % y)
