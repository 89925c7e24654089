#!/usr/bin/env python3
"""Write a numeric CSV of about SIZE_MB megabytes (default 100) to PATH, for
bench_csv.sh. Columns mix what real files hold: 4-decimal measurements,
full-precision floats as Python and pandas write them (repr, up to 17
significant digits), small integers, and a float regression target."""
import random
import sys

path = sys.argv[1]
size = int(float(sys.argv[2] if len(sys.argv) > 2 else 100) * 1e6)
rng = random.Random(42)
header = ",".join([f"m{i}" for i in range(12)] + [f"f{i}" for i in range(4)]
                  + [f"k{i}" for i in range(3)] + ["target"])
written = 0
with open(path, "w") as out:
    out.write(header + "\n")
    while written < size:
        lines = []
        for _ in range(2000):
            m = ["%.4f" % rng.gauss(0, 10) for _ in range(12)]
            f = [repr(rng.random() * 100) for _ in range(4)]
            k = [str(rng.randrange(0, 1000)) for _ in range(3)]
            lines.append(",".join(m + f + k + ["%.6g" % rng.gauss(50, 20)]))
        chunk = "\n".join(lines) + "\n"
        out.write(chunk)
        written += len(chunk)
