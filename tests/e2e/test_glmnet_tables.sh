#!/bin/sh
# The regularization path (`--headless --path`) on one-hot encoded tables
# equals glmnet's: regscope's "features" name the columns of the design
# matrix, glmnet_tables.R rebuilds that matrix from the CSV (full dummies,
# levels in order of first appearance, checked there) and fits glmnet with
# standardize=FALSE, thresh=1e-14 on regscope's own lambdas. At every lambda
# the objective (train_loss) agrees to 1e-6 relative, and the intercept and
# weights, name by name, to 1e-3 of the largest (strictly convex cases only:
# a lasso over a full set of dummies has many optima with one objective).
# Skipped only when Rscript or the glmnet package is missing.
# One "ok NAME" or "not ok NAME" line per check; exit 0 when all are ok.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/tui_lib.sh
BIN=$TUI_BIN
PY=${PY:-python3}
D=tests/data
T=$TUI_TMP
have_glmnet=
if command -v Rscript >/dev/null 2>&1 && Rscript -e 'suppressMessages(library(glmnet))' >/dev/null 2>&1; then
    have_glmnet=yes
fi

# same NAME TABLE TARGET FAMILY ALPHA COEFS [OPTIONS...]: regscope's path on
# tests/data/TABLE.csv against glmnet's; COEFS yes also compares the weights.
same() {
    name=$1 csv=$D/$2.csv target=$3 family=$4 alpha=$5 coefs=$6
    shift 6
    if [ -z "$have_glmnet" ]; then
        ok "$name # skip Rscript with r-cran-glmnet not installed"
        return
    fi
    if ! "$BIN" --headless --path --data "$csv" --target "$target" --model linear --alpha "$alpha" \
        --val-ratio 0 --standardize off --path-len 100 "$@" >"$T/rs.jsonl" 2>"$T/err"; then
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
    if ! Rscript tests/e2e/glmnet_tables.R "$csv" "$T/names.txt" "$T/lambda.txt" "$target" \
        "$family" "$alpha" "$T/gl.txt" >"$T/r.out" 2>&1; then
        not_ok "$name" "glmnet_tables.R failed: $(tail -c 300 "$T/r.out")"
        return
    fi
    if diag=$("$PY" - "$T" "$coefs" <<'PYEOF' 2>&1
import json, sys
sys.excepthook = lambda kind, e, tb: print("%s: %s" % (kind.__name__, e))
t, coefs = sys.argv[1], sys.argv[2] == "yes"
recs = [json.loads(l) for l in open(t + "/rs.jsonl")][:-1]
gl = [[float(v) for v in l.split()] for l in open(t + "/gl.txt")]
assert len(recs) == len(gl) == 100, (len(recs), len(gl))
worst = (0, 0)
for i, (r, g) in enumerate(zip(recs, gl)):
    d = abs(r["train_loss"] - g[0]) / abs(g[0])
    assert d <= 1e-6, "lambda %d (%.6g): objective %.15g, glmnet %.15g" % (i, r["lambda"], r["train_loss"], g[0])
    worst = max(worst, (d, i))
    if coefs:
        L = r["layers"][0]
        mine = L["b"] + L["W"][0]
        scale = 1 + max(abs(v) for v in g[1:])
        for j, (a, b) in enumerate(zip(mine, g[1:])):
            assert abs(a - b) <= 1e-3 * scale, "lambda %d, coefficient %d: %.10g, glmnet %.10g" % (i, j, a, b)
print("largest relative objective difference %.3g at lambda %d" % worst)
PYEOF
    ); then
        ok "$name"
        echo "# $name: $diag"
    else
        not_ok "$name" "$diag"
    fi
}

same mtcars_mpg_categorical_cyl_lasso mtcars mpg gaussian 1 no --categorical cyl
same toothgrowth_len_two_factors_enet toothgrowth len gaussian 0.5 yes --categorical dose
same toothgrowth_len_ridge toothgrowth len gaussian 0 yes
same mtcars_am_categorical_cyl_lasso mtcars am binomial 1 no --categorical cyl
same mtcars_am_two_factors_enet mtcars am binomial 0.5 yes --categorical cyl,gear

[ "$failures" -eq 0 ]
