#!/bin/sh
# CSV load benchmark: a ~100 MB numeric CSV (generated, never committed) is
# loaded by regscope's loader (csv_load) and by pandas.read_csv, median of 3
# runs each; also the peak RSS growth during regscope's load against the size
# of the parsed doubles. Prints one row of tests/bench/run_all.sh's table.
# Bar: at least as fast as pandas (ratio = pandas time / regscope time >= 1),
# peak memory <= 2x the parsed doubles. Run from the top of the tree.
set -e
SIZE_MB=${CSV_BENCH_MB:-100}
PY=/usr/bin/python3
BUILD=${BUILD:-build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

[ -f "$BUILD/libregscope.a" ] || make -s "$BUILD/libregscope.a" >&2
# shellcheck disable=SC2046
cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -Isrc -o "$tmp/csv_load_bench" \
    tests/bench/csv_load_bench.c "$BUILD/libregscope.a" \
    $(pkg-config --libs openblas) -lcsv -lm -lpthread

csv="$tmp/bench.csv"
if [ -x "$PY" ]; then
    "$PY" tests/bench/gen_csv.py "$csv" "$SIZE_MB"
else
    python3 tests/bench/gen_csv.py "$csv" "$SIZE_MB"
fi

median() { sort -n | sed -n 2p; }

# regscope: three fresh processes; each prints "seconds peak_bytes double_bytes".
for i in 1 2 3; do "$tmp/csv_load_bench" "$csv"; done >"$tmp/rs"
rs_time=$(cut -d' ' -f1 "$tmp/rs" | median)
mem=$(awk '{ r = $2 / $3; if (r > m) m = r } END { printf "%.2f", m }' "$tmp/rs")

label="csv load ${SIZE_MB}MB (s)"
if [ -x "$PY" ] && "$PY" -c 'import pandas' 2>/dev/null; then
    pd_time=$("$PY" - "$csv" <<'PYEOF' | median
import sys, time
import pandas as pd
for _ in range(3):
    t = time.perf_counter()
    pd.read_csv(sys.argv[1])
    print("%.4f" % (time.perf_counter() - t))
PYEOF
)
    ratio=$(awk -v a="$pd_time" -v b="$rs_time" 'BEGIN { printf "%.2fx", a / b }')
    printf '%-34s %14s %14s %9s  %s\n' "$label" "$rs_time" "$pd_time" "$ratio" \
        "bar >= 1.0x, peak mem $mem of doubles"
else
    echo "bench_csv: $PY with pandas not found (apt-get install python3-pandas): peer skipped" >&2
    printf '%-34s %14s %14s %9s  %s\n' "$label" "$rs_time" "n/a" "n/a" \
        "bar >= 1.0x (pandas missing), peak mem $mem of doubles"
fi
