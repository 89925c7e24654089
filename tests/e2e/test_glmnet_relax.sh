#!/bin/sh
# The relaxed lasso along the path (`--headless --path --relax`) equals
# glmnet's (relax = TRUE, gaussian, alpha 1, standardize = FALSE, thresh
# 1e-14, on regscope's own lambdas; at alpha 1 glmnet's lambda is regscope's)
# at gamma 0 and 0.5: the relaxed intercept and weights agree to 1e-5 at
# every lambda where glmnet's lasso has the same active set as regscope's
# (at lambda_max glmnet may keep a weight of 1e-16: a different active set,
# a different refit), and those are all but at most two of the lambdas. On
# mtcars (32 rows, 10 columns) and on 200 rows of 8 correlated columns.
# Skipped only when Rscript or the glmnet package is missing.
# One "ok NAME" or "not ok NAME" line per check; exit 0 when all are ok.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/tui_lib.sh
BIN=$TUI_BIN
PY=${PY:-python3}
T=$TUI_TMP
have_glmnet=
if command -v Rscript >/dev/null 2>&1 && Rscript -e 'suppressMessages(library(glmnet))' >/dev/null 2>&1; then
    have_glmnet=yes
fi

# 200 rows, x1..x8 sharing a factor, y from x1..x4 with noise (seeded).
"$PY" - "$T/corr8.csv" <<'PYEOF'
import random, sys
r = random.Random(7)
with open(sys.argv[1], "w") as f:
    f.write("x1,x2,x3,x4,x5,x6,x7,x8,y\n")
    for i in range(200):
        g = r.gauss(0, 1)
        x = [0.6 * g + r.gauss(0, 1) + 0.2 * j for j in range(8)]
        y = 1.0 + 2.0 * x[0] - 1.5 * x[1] + 0.8 * x[2] + 0.3 * x[3] + r.gauss(0, 1)
        f.write(",".join("%.6f" % v for v in x + [y]) + "\n")
PYEOF

# same NAME CSV TARGET GAMMA: regscope's relaxed path against glmnet's.
same() {
    name=$1 csv=$2 target=$3 gamma=$4
    if [ -z "$have_glmnet" ]; then
        ok "$name # skip Rscript with r-cran-glmnet not installed"
        return
    fi
    if ! "$BIN" --headless --path --data "$csv" --target "$target" --model linear --alpha 1 \
        --val-ratio 0 --standardize off --path-len 50 --relax --relax-gamma "$gamma" \
        >"$T/rs.jsonl" 2>"$T/err"; then
        not_ok "$name" "regscope failed: $(head -c 300 "$T/err")"
        return
    fi
    "$PY" - "$T" <<'PYEOF' || { not_ok "$name" "cannot read regscope's output"; return; }
import json, sys
t = sys.argv[1]
recs = [json.loads(l) for l in open(t + "/rs.jsonl")]
with open(t + "/names.txt", "w") as f:
    f.writelines(n + "\n" for n in recs[-1]["features"])
with open(t + "/lambda.txt", "w") as f:
    f.writelines("%.17g\n" % r["lambda"] for r in recs[:-1])
PYEOF
    if ! Rscript tests/e2e/glmnet_relax.R "$csv" "$T/names.txt" "$T/lambda.txt" "$target" \
        "$gamma" "$T/gl.txt" >"$T/r.out" 2>&1; then
        not_ok "$name" "glmnet_relax.R failed: $(tail -c 300 "$T/r.out")"
        return
    fi
    if diag=$("$PY" - "$T" <<'PYEOF' 2>&1
import json, sys
sys.excepthook = lambda kind, e, tb: print("%s: %s" % (kind.__name__, e))
t = sys.argv[1]
recs = [json.loads(l) for l in open(t + "/rs.jsonl")][:-1]
gl = [l.split() for l in open(t + "/gl.txt")]
assert len(recs) == len(gl) == 50, (len(recs), len(gl))
worst, compared, moved = (0, 0), 0, 0
for i, (r, g) in enumerate(zip(recs, gl)):
    lasso = r["layers"][0]["W"][0]
    act = ",".join(str(j + 1) for j, v in enumerate(lasso) if v != 0) or "-"
    if act != g[-1]:
        continue
    compared += 1
    L = r["relaxed"]["layers"][0]
    mine, theirs = L["b"] + L["W"][0], [float(v) for v in g[:-1]]
    assert len(mine) == len(theirs), (len(mine), len(theirs))
    for j, (a, b) in enumerate(zip(mine, theirs)):
        assert abs(a - b) <= 1e-5, "lambda %d, coefficient %d: %.12g, glmnet %.12g" % (i, j, a, b)
        worst = max(worst, (abs(a - b), i))
    moved += any(abs(a - b) > 1e-3 for a, b in zip(mine, [r["layers"][0]["b"][0]] + lasso))
assert compared >= 48, "only %d lambdas with glmnet's active set" % compared
assert moved >= 10, "the relaxed fit is the lasso's at %d lambdas" % (compared - moved)
print("%d lambdas compared, largest coefficient difference %.3g at lambda %d" % ((compared,) + worst))
PYEOF
    ); then
        ok "$name"
        echo "# $name: $diag"
    else
        not_ok "$name" "$diag"
    fi
}

same mtcars_mpg_relax_gamma0 tests/data/mtcars.csv mpg 0
same mtcars_mpg_relax_gamma05 tests/data/mtcars.csv mpg 0.5
same corr8_relax_gamma0 "$T/corr8.csv" y 0
same corr8_relax_gamma05 "$T/corr8.csv" y 0.5

[ "$failures" -eq 0 ]
