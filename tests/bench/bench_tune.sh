#!/bin/sh
# The cross-validated grid against cva.glmnet's loop: a seeded 10000 x 100
# binary-classification CSV (tests/bench/bench_path_gen.py) with a fold
# column of 10 folds in front,
#   regscope --headless --tune alpha=0.1,0.25,0.5,0.75,1 --foldid fold
#            --model linear --val-ratio 0 --standardize off --path-len 100
# (5 x 100 cells, 10 folds: 50 paths) timed as a whole process (CSV load, the
# grid on every core, JSON output), against the loop of 5 cv.glmnet calls in
# R (tests/bench/glmnet_tune.R) on the same CSV with the same foldid and the
# SAME 100 lambdas, family binomial, standardize=FALSE, thresh=1e-10, timing
# the loop only (which also fits each alpha once on all rows, as cv.glmnet
# does). Median of BENCH_RUNS (default 3) regscope runs, one glmnet run (it
# takes over a minute). A second row gives CPU seconds (user + sys): regscope
# on one core against glmnet's, steadier on a shared machine.
# Run from the top of the tree.
set -e
BENCH_NAME=bench_tune
. tests/bench/common.sh
need_regscope
command -v Rscript >/dev/null || die "Rscript not found (apt-get install r-cran-glmnet)"
Rscript -e 'suppressMessages(library(glmnet))' >/dev/null 2>&1 || die "R package glmnet missing"

ALPHAS=0.1,0.25,0.5,0.75,1
"$PY" tests/bench/bench_path_gen.py "$tmp/raw.csv" 10000 100 7 || die "data generator failed"
awk -F, 'NR == 1 { print "fold," $0; next } { print 1 + (NR - 2) % 10 "," $0 }' "$tmp/raw.csv" \
    >"$tmp/data.csv"
run() {
    "$REGSCOPE" --headless --tune "alpha=$ALPHAS" --data "$tmp/data.csv" --foldid fold \
        --model linear --val-ratio 0 --standardize off --path-len 100 "$@"
}
run >"$tmp/rs.jsonl" || die "regscope failed"
"$PY" - "$tmp" <<'PYEOF' || die "cannot read regscope's output"
import json, sys
t = sys.argv[1]
recs = [json.loads(l) for l in open(t + "/rs.jsonl")]
assert recs[-1]["tune"] and len(recs) == 501
with open(t + "/lambda.txt", "w") as f:
    f.writelines("%.17g\n" % r["lambda"] for r in recs[:100])
PYEOF
i=0
while [ $i -lt "$RUNS" ]; do
    t=$(time_cmd run) || die "regscope failed"
    echo "$t" >>"$tmp/rs_t"
    i=$((i + 1))
done
t=$(time_cmd run --threads 1) || die "regscope failed"
rs_c=${t#* }
gl=$(Rscript tests/bench/glmnet_tune.R "$tmp/data.csv" "$tmp/lambda.txt" "$ALPHAS" 1) ||
    die "glmnet_tune.R failed"
gl_c=$(echo "$gl" | awk '{ print $2 }')
gl=$(echo "$gl" | awk '{ print $1 }')
rs=$(cut -d' ' -f1 "$tmp/rs_t" | median)
ratio=$(calc "$rs / $gl")
ratio_c=$(calc "$rs_c / $gl_c")
row "tune grid 5x100, 10 folds (s)" "$(printf %.2f "$rs")" "$(printf %.2f "$gl")" \
    "$(printf %.2f "$ratio")" "$(verdict "$ratio" "<=" 1 "bar <= glmnet")"
row "  CPU seconds, one thread" "$(printf %.2f "$rs_c")" "$(printf %.2f "$gl_c")" \
    "$(printf %.2f "$ratio_c")" "(less sensitive to machine load)"
