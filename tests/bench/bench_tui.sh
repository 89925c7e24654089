#!/bin/sh
# Interactive overhead. The TUI (./regscope in a private tmux server,
# 200x60, UTF-8) trains the small net (xor, 1000 samples all trained, 8,8,
# batch 10, lr 0.03, lambda 0.001 alpha 1); its epochs/s is read from the
# status line ("epoch N" on the last row) at t ~ 2 s and t ~ 8 s, against
# the headless epochs/s of the same settings measured right before and
# right after (median of 2 x BENCH_RUNS runs of ~1.5 s, epochs / process
# wall).
# Redraw rate, from outside (the TUI does not report it): then, for 2 s,
# the pane is captured every 10 ms (tests/bench/tui_fps.py) and screen
# changes are counted: a lower bound on frames/s.
# Bars: TUI >= 85% of headless epochs/s; >= 20 frames/s.
# Run from the top of the tree.
set -e
BENCH_NAME=bench_tui
. tests/bench/common.sh
need_regscope
# shellcheck disable=SC2119 # no modules beyond the standard library
need_python
command -v tmux >/dev/null || die "tmux not found (apt-get install tmux)"
T1=${BENCH_TUI_T1:-2}
T2=${BENCH_TUI_T2:-8}
FPS_S=${BENCH_TUI_FPS_S:-2}

ARGS="--data xor --samples 1000 --model 8,8 --batch 10 --lr 0.03 --lambda 0.001 --alpha 1 --val-ratio 0"
SOCK=regscope-bench-$$
tmx() { tmux -L "$SOCK" -f /dev/null "$@"; }
BENCH_CLEANUP='tmx kill-server >/dev/null 2>&1; rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK"'

# headless, same settings
headless() {
    # shellcheck disable=SC2086
    "$REGSCOPE" --headless $ARGS --epochs "$1" --every "$1"
}
n=200
while :; do
    t=$(time_cmd headless "$n") || die "regscope --headless failed"
    t=${t%% *}
    bar_ok "$t" ">=" 0.3 && break
    n=$((n * 4))
done
N=$(awk -v n="$n" -v t="$t" 'BEGIN { printf "%d", n * 1.5 / t + 1 }')
headless_runs() {
    i=0
    while [ $i -lt "$RUNS" ]; do
        t=$(time_cmd headless "$N") || die "regscope --headless failed"
        calc "$N / ${t%% *}" >>"$tmp/headless"
        i=$((i + 1))
    done
}
headless_runs

# the TUI
bin=$REGSCOPE
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
tmx new-session -d -s tui -x 200 -y 60 \
    "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen-256color $bin $ARGS 2>$tmp/stderr; sleep 30" ||
    die "cannot start tmux"
epoch_now() { tmx capture-pane -p -t tui | awk 'NF { last = $0 } END { print last }' |
    sed -n 's/.*epoch \([0-9][0-9]*\).*/\1/p'; }
start=$(now_ns)
while [ -z "$(epoch_now)" ]; do
    sleep 0.05
    [ $(( ($(now_ns) - start) / 1000000000 )) -lt 5 ] || die "no 'epoch N' on the TUI's last row after 5 s: $(cat "$tmp/stderr")"
done
start=$(now_ns)
sleep_until() { # seconds after start
    s=$(awk -v s="$1" -v now="$(now_ns)" -v st="$start" 'BEGIN { d = s - (now - st) / 1e9; printf "%.3f", (d > 0 ? d : 0) }')
    sleep "$s"
}
sleep_until "$T1"
ta=$(now_ns); ea=$(epoch_now); tb=$(now_ns)
sleep_until "$T2"
tc=$(now_ns); eb=$(epoch_now); td=$(now_ns)
if [ -z "$ea" ] || [ -z "$eb" ]; then die "cannot read the epoch from the TUI status line"; fi
tui=$(calc "($eb - $ea) / ((($tc + $td) - ($ta + $tb)) / 2e9)")
"$PY" tests/bench/tui_fps.py "$SOCK" tui "$FPS_S" >"$tmp/fps" || die "tui_fps.py failed"
tmx send-keys -t tui q
sleep 0.3
headless_runs # again after, so that a change of machine load shows less
hl=$(median <"$tmp/headless")
fps=$(cut -d' ' -f1 "$tmp/fps")
sps=$(cut -d' ' -f2 "$tmp/fps")

frac=$(calc "$tui / $hl")
row "TUI vs headless (epochs/s)" "$(printf %.0f "$tui")" "$(printf %.0f "$hl")" \
    "$(awk -v f="$frac" 'BEGIN { printf "%.0f%%", 100 * f }')" "$(verdict "$frac" ">=" 0.85 "bar >= 85%")"
row "TUI redraw (frames/s)" "$(printf %.1f "$fps")" "-" "-" \
    "$(verdict "$fps" ">=" 20 "bar >= 20 (lower bound)")"
{
    echo "bench_tui: headless $N epochs/run, epochs/s: $(tr '\n' ' ' <"$tmp/headless")"
    echo "bench_tui: TUI epoch $ea at ${T1}s, $eb at ${T2}s"
    echo "bench_tui: screen changes/s $fps over $(cut -d' ' -f5 "$tmp/fps") s, captures/s $sps"
} >&2
