#!/bin/sh
# The lasso-logistic regularization path against glmnet: a seeded
# ROWS x COLS binary-classification CSV (tests/bench/bench_path_gen.py;
# 10000 x 100 here, 1000 x 20000 in bench_wide.sh, which sources this with
# PATH_ROWS, PATH_COLS, PATH_MIN_RATIO and PATH_LOAD set),
#   regscope --headless --path --data FILE --model linear --alpha 1
#            --val-ratio 0 --standardize off --path-len 100 --path-min-ratio R
# (R = 1e-3 here) timed as a whole process (CSV load + grid + path + JSON
# output), against glmnet (R, tests/bench/glmnet_path.R) on the same CSV with
# the SAME 100 lambdas (regscope's grid passed as lambda=, every one fitted),
# family binomial, standardize=FALSE, thresh=1e-10, timing glmnet()'s fitting
# only. Median of BENCH_RUNS (default 3) of each. Second row: the largest
# relative difference of the objectives (-loglik/n + lambda*|w|_1) over the
# 100 lambdas. A middle row gives the same in CPU seconds (user + sys),
# steadier under load; with PATH_LOAD=yes another the path alone: the whole
# process minus a run that only loads the CSV (`--epochs 0`).
# Run from the top of the tree.
set -e
BENCH_NAME=${BENCH_NAME:-bench_path}
ROWS=${PATH_ROWS:-10000}
COLS=${PATH_COLS:-100}
MIN_RATIO=${PATH_MIN_RATIO:-1e-3}
SHAPE=${ROWS}x$COLS
. tests/bench/common.sh
need_regscope
command -v Rscript >/dev/null || die "Rscript not found (apt-get install r-cran-glmnet)"
Rscript -e 'suppressMessages(library(glmnet))' >/dev/null 2>&1 || die "R package glmnet missing"

"$PY" tests/bench/bench_path_gen.py "$tmp/data.csv" "$ROWS" "$COLS" 7 || die "data generator failed"
run() {
    "$REGSCOPE" --headless --path --data "$tmp/data.csv" --model linear --alpha 1 \
        --val-ratio 0 --standardize off --path-len 100 --path-min-ratio "$MIN_RATIO"
}
load_only() {
    "$REGSCOPE" --headless --data "$tmp/data.csv" --model linear --val-ratio 0 --standardize off \
        --epochs 0
}
run >"$tmp/rs.jsonl" || die "regscope failed"
"$PY" - "$tmp" <<'PYEOF' || die "cannot read regscope's output"
import json, sys
t = sys.argv[1]
recs = [json.loads(l) for l in open(t + "/rs.jsonl")][:-1]
with open(t + "/lambda.txt", "w") as f:
    f.writelines("%.17g\n" % r["lambda"] for r in recs)
with open(t + "/rs_obj.txt", "w") as f:
    f.writelines("%.17g\n" % r["train_loss"] for r in recs)
PYEOF
i=0
while [ $i -lt "$RUNS" ]; do
    t=$(time_cmd run) || die "regscope failed"
    echo "$t" >>"$tmp/rs_t"
    if [ "${PATH_LOAD:-}" = yes ]; then
        t=$(time_cmd load_only) || die "regscope failed to load the CSV"
        echo "$t" >>"$tmp/load_t"
    fi
    i=$((i + 1))
done
gl=$(Rscript tests/bench/glmnet_path.R "$tmp/data.csv" "$tmp/lambda.txt" "$tmp/gl_obj.txt" "$RUNS") ||
    die "glmnet_path.R failed"
gl_c=${gl#* }
gl=${gl%% *}
rs=$(cut -d' ' -f1 "$tmp/rs_t" | median)
rs_c=$(cut -d' ' -f2 "$tmp/rs_t" | median)
ratio=$(calc "$rs / $gl")
ratio_c=$(calc "$rs_c / $gl_c")
maxd=$(paste "$tmp/rs_obj.txt" "$tmp/gl_obj.txt" | awk '
    { d = ($1 - $3) / $3; if (d < 0) d = -d; if (d > m) m = d }
    END { printf "%.3g\n", m + 0 }')
row "lasso-logistic path $SHAPE (s)" "$(printf %.3f "$rs")" "$(printf %.3f "$gl")" \
    "$(printf %.2f "$ratio")" "$(verdict "$ratio" "<=" 2 "bar <= 2x glmnet")"
row "  the same in CPU seconds" "$(printf %.3f "$rs_c")" "$(printf %.3f "$gl_c")" \
    "$(printf %.2f "$ratio_c")" "(less sensitive to machine load)"
if [ "${PATH_LOAD:-}" = yes ]; then
    ld=$(cut -d' ' -f1 "$tmp/load_t" | median)
    alone=$(calc "$rs - $ld")
    row "  the path alone (minus CSV load)" "$(printf %.3f "$alone")" "$(printf %.3f "$gl")" \
        "$(printf %.2f "$(calc "$alone / $gl")")" "(informational: CSV load $(printf %.3f "$ld") s)"
fi
row "  max objective rel. difference" "$maxd" "-" "-" "$(verdict "$maxd" "<=" 1e-6 "bar <= 1e-6")"
