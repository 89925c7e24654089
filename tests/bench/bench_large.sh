#!/bin/sh
# Large data: a generated 20000 x 100 numeric CSV (f1..f100 + binary label,
# ~15 MB, in a temp dir), model 256,256 tanh, batch 256, sgd, E epochs
# (BENCH_LARGE_EPOCHS, default 3), all rows trained.
#   regscope training seconds = wall of `--epochs E` minus wall of
#   `--epochs 0` (load, standardize, init, final JSON), per pair, median of
#   BENCH_LARGE_RUNS (default 5) pairs.
#   PyTorch (tests/bench/torch_large.py, float64, same net and settings):
#   in-process time of E epochs after a warm-up epoch, best of
#   torch.set_num_threads(1) and (2) (median over the repeats of each thread
#   count; 2 is skipped when its warm-up epoch is > 3x slower than 1's).
#   GFLOP/s: multiply-adds per epoch = sum over layers of n*in*out (forward)
#   + n*in*out (dW) + n*in*out (dX, all layers but the first), x2 flops,
#   over regscope's training seconds per epoch; against this machine's
#   OpenBLAS dgemm peak (tests/bench/dgemm_peak.c, 2000^3, all cores,
#   best of 5 per process; 3 processes before and 2 after regscope's runs,
#   the highest kept: a busy second core halves it).
# Bars: >= 1.5x PyTorch; >= 60% of dgemm peak. Run from the top of the tree.
set -e
BENCH_NAME=bench_large
. tests/bench/common.sh
need_regscope
need_python torch numpy
E=${BENCH_LARGE_EPOCHS:-3}
RUNS=${BENCH_LARGE_RUNS:-5} # cheap (~1 s a pair), and this one is noisy
ROWS=${BENCH_LARGE_ROWS:-20000}
FEAT=100
H1=256
H2=256

csv="$tmp/large.csv"
"$PY" tests/bench/gen_large_csv.py "$csv" "$ROWS" "$FEAT" || die "cannot generate $csv"
# shellcheck disable=SC2046
cc -O2 -std=c11 -o "$tmp/dgemm_peak" tests/bench/dgemm_peak.c \
    $(pkg-config --cflags --libs openblas) || die "cannot build dgemm_peak.c"

for _ in 1 2 3; do "$tmp/dgemm_peak" || die "dgemm_peak failed"; done >"$tmp/peak"

large() {
    "$REGSCOPE" --headless --data "$csv" --model "$H1,$H2" --activation tanh --batch 256 \
        --optimizer sgd --val-ratio 0 --epochs "$1" --every "$(($1 > 0 ? $1 : 1))"
}
i=0
while [ $i -lt "$RUNS" ]; do
    t0=$(time_cmd large 0) || die "regscope --epochs 0 failed"
    tE=$(time_cmd large "$E") || die "regscope --epochs $E failed"
    t0=${t0%% *}
    tE=${tE%% *}
    echo "$t0" >>"$tmp/load"
    calc "$tE - $t0" >>"$tmp/train"
    i=$((i + 1))
done
train=$(median <"$tmp/train")
load=$(median <"$tmp/load")

for _ in 1 2; do "$tmp/dgemm_peak" || die "dgemm_peak failed"; done >>"$tmp/peak"
peak=$(sort -g -r "$tmp/peak" | head -1 | cut -d' ' -f1)
threads=$(head -1 "$tmp/peak" | cut -d' ' -f2)

"$PY" tests/bench/torch_large.py "$csv" "$E" "$RUNS" 1 2 >"$tmp/torch" ||
    die "torch_large.py failed"
awk '$2 != "skipped"' "$tmp/torch" >"$tmp/torch_t"
[ -s "$tmp/torch_t" ] || die "torch_large.py timed nothing"
# per thread count the median seconds, then the best thread count
# shellcheck disable=SC2013 # thread counts, one word each
for th in $(cut -d' ' -f1 "$tmp/torch_t" | sort -u); do
    echo "$(awk -v th="$th" '$1 == th { print $3 }' "$tmp/torch_t" | median) $th"
done | sort -g | head -1 >"$tmp/torch_best"
pt_train=$(cut -d' ' -f1 "$tmp/torch_best")
pt_threads=$(cut -d' ' -f2 "$tmp/torch_best")

rs_eps=$(calc "$E / $train")
pt_eps=$(calc "$E / $pt_train")
ratio=$(calc "$rs_eps / $pt_eps")
gflops=$(awk -v n="$ROWS" -v d="$FEAT" -v h1="$H1" -v h2="$H2" -v t="$train" -v e="$E" 'BEGIN {
    fwd = n * (d * h1 + h1 * h2 + h2 * 1)
    dw = fwd
    dx = n * (h1 * h2 + h2 * 1)
    printf "%.6g\n", 2 * (fwd + dw + dx) * e / t / 1e9 }')
frac=$(calc "$gflops / $peak")

row "large net vs PyTorch (epochs/s)" "$(printf %.3f "$rs_eps")" "$(printf %.3f "$pt_eps")" \
    "$(printf %.2fx "$ratio")" "$(verdict "$ratio" ">=" 1.5 "bar >= 1.5x")"
row "large net GFLOP/s vs dgemm peak" "$(printf %.2f "$gflops")" "$(printf %.2f "$peak")" \
    "$(awk -v f="$frac" 'BEGIN { printf "%.0f%%", 100 * f }')" "$(verdict "$frac" ">=" 0.6 "bar >= 60%")"
{
    echo "bench_large: regscope $E epochs, training s per run: $(tr '\n' ' ' <"$tmp/train")(load s: $(tr '\n' ' ' <"$tmp/load" | sed 's/ $//'), median $load)"
    echo "bench_large: torch (threads epochs s): $(tr '\n' ';' <"$tmp/torch"), best at $pt_threads thread(s)"
    echo "bench_large: dgemm 2000^3 GFLOP/s on $threads threads: $(cut -d' ' -f1 "$tmp/peak" | tr '\n' ' ')"
} >&2
