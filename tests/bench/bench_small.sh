#!/bin/sh
# The classroom case: xor, 1000 samples all trained, 8,8 tanh, batch 10,
# sgd lr 0.03, lambda 0.001 alpha 1 prox, reporting only at the end.
# regscope epochs/s = epochs / wall seconds of the whole process, for a run
# calibrated to ~2.5 s; peers: the same training in PyTorch (float64, one
# thread; tests/bench/torch_small.py) and in hand-written NumPy
# (tests/bench/numpy_small.py), timed in-process over a number of epochs
# calibrated to ~2 s after a warm-up. BENCH_RUNS (default 3) rounds, each
# one regscope run then one process of each peer (interleaved, so all see
# the same machine load); the median of each. Bar: >= 100x PyTorch.
# A third row gives epochs per CPU second (user + sys) of both, which
# varies much less than wall time when other work shares the machine.
# Run from the top of the tree.
set -e
BENCH_NAME=bench_small
. tests/bench/common.sh
need_regscope
need_python torch numpy
TARGET_S=${SMALL_TARGET_S:-2.5}

small() {
    "$REGSCOPE" --headless --data xor --samples 1000 --model 8,8 --activation tanh \
        --batch 10 --optimizer sgd --lr 0.03 --lambda 0.001 --alpha 1 --l1-method prox \
        --val-ratio 0 --epochs "$1" --every "$1"
}

# calibrate: grow the epoch count until a run takes >= 0.3 s, then scale
n=200
while :; do
    t=$(time_cmd small "$n") || die "regscope failed"
    t=${t%% *}
    bar_ok "$t" ">=" 0.3 && break
    n=$((n * 4))
done
N=$(awk -v n="$n" -v t="$t" -v s="$TARGET_S" 'BEGIN { printf "%d", n * s / t + 1 }')

# interleaved, so that regscope and its peers see the same machine load:
# per round one regscope run, one PyTorch process, one NumPy process (each
# Python process calibrates itself to ~2 s, which also warms it up)
i=0
while [ $i -lt "$RUNS" ]; do
    t=$(time_cmd small "$N") || die "regscope failed"
    echo "$t" | awk -v n="$N" '{ printf "%.6g %.6g\n", n / $1, ($2 > 0 ? n / $2 : 0) }' >>"$tmp/rs"
    "$PY" tests/bench/torch_small.py 0 1 >"$tmp/out" || die "torch_small.py failed"
    sed 1d "$tmp/out" >>"$tmp/torch"
    "$PY" tests/bench/numpy_small.py 0 1 >"$tmp/out" || die "numpy_small.py failed"
    sed 1d "$tmp/out" >>"$tmp/np"
    i=$((i + 1))
done
rs=$(cut -d' ' -f1 "$tmp/rs" | median)
pt=$(cut -d' ' -f1 "$tmp/torch" | median)
np=$(cut -d' ' -f1 "$tmp/np" | median)
# the same from CPU time (user + sys): less sensitive to a loaded machine
rs_c=$(cut -d' ' -f2 "$tmp/rs" | median)
pt_c=$(cut -d' ' -f2 "$tmp/torch" | median)
np_c=$(cut -d' ' -f2 "$tmp/np" | median)

r_pt=$(calc "$rs / $pt")
r_np=$(calc "$rs / $np")
row "small net vs PyTorch (epochs/s)" "$(printf %.0f "$rs")" "$(printf %.1f "$pt")" \
    "$(printf %.0fx "$r_pt")" "$(verdict "$r_pt" ">=" 100 "bar >= 100x")"
row "small net vs NumPy (epochs/s)" "$(printf %.0f "$rs")" "$(printf %.1f "$np")" \
    "$(printf %.0fx "$r_np")" "informational"
r_c=$(calc "$rs_c / $pt_c")
row "small net vs PyTorch (epochs/CPU-s)" "$(printf %.0f "$rs_c")" "$(printf %.1f "$pt_c")" \
    "$(printf %.0fx "$r_c")" "informational: CPU time, steadier on a loaded machine"
{
    echo "bench_small: per run 'wall-epochs/s cpu-epochs/s'; regscope ($N epochs/run): $(tr '\n' ';' <"$tmp/rs")"
    echo "bench_small: torch: $(tr '\n' ';' <"$tmp/torch") numpy: $(tr '\n' ';' <"$tmp/np")"
    echo "bench_small: by CPU time: regscope $rs_c, torch $pt_c ($(calc "$rs_c / $pt_c")x), numpy $np_c ($(calc "$rs_c / $np_c")x)"
} >&2
