#!/bin/sh
# Runs every benchmark script tests/bench/bench_*.sh; each prints its rows of
# the table "benchmark | regscope | peer | ratio | bar".
set -e
printf '%-34s %14s %14s %9s  %s\n' benchmark regscope peer ratio bar
for b in tests/bench/bench_*.sh; do
    [ -f "$b" ] || continue
    sh "$b"
done
