#!/bin/sh
# Redraw cost: tests/bench/bench_redraw.c, linked against
# build/libregscope.a, times screen_render of a full 200x60 UTF-8 colour
# frame (circle, 8,8, boundary grid at the plot's size, 50 epochs trained)
# 200 times in one process; the row is the median of BENCH_RUNS (default 3)
# processes' medians. No peer. Bar: < 5 ms.
# Second row (informational): the same binary in blit mode inside a private
# tmux server at 200x60 times term_blit — the copy of a frame into ncurses
# and the refresh that writes the diff to the terminal — alternating two
# frames (after 50 and 100 epochs), median of 200: what a frame costs on
# top of screen_render. Run from the top of the tree.
set -e
BENCH_NAME=bench_redraw
. tests/bench/common.sh
need_lib
# shellcheck disable=SC2046
cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L $(pkg-config --cflags ncursesw openblas) \
    -iquote src -iquote ui -o "$tmp/bench_redraw" tests/bench/bench_redraw.c \
    "$BUILD/libregscope.a" $(pkg-config --libs ncursesw openblas) -lcsv -lpthread -lm ||
    die "cannot build bench_redraw.c"
i=0
while [ $i -lt "$RUNS" ]; do
    "$tmp/bench_redraw" 200 60 200 >>"$tmp/out" || die "bench_redraw failed"
    i=$((i + 1))
done
ms=$(cut -d' ' -f1 "$tmp/out" | median)
row "redraw 200x60 frame (ms)" "$(printf %.3f "$ms")" "-" "-" "$(verdict "$ms" "<" 5 "bar < 5 ms")"
echo "bench_redraw: per process (median min p90 ms, grid): $(tr '\n' ';' <"$tmp/out")" >&2

command -v tmux >/dev/null || die "tmux not found (apt-get install tmux): blit row not measured"
SOCK=regscope-bench-$$
tmx() { tmux -L "$SOCK" -f /dev/null "$@"; }
BENCH_CLEANUP='tmx kill-server >/dev/null 2>&1; rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK"'
tmx new-session -d -s blit -x 200 -y 60 \
    "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen-256color $tmp/bench_redraw 200 60 200 $tmp/blit 2>$tmp/blit.err; sleep 30" ||
    die "cannot start tmux"
i=0
while [ ! -s "$tmp/blit" ]; do
    i=$((i + 1))
    [ $i -lt 200 ] || die "blit mode gave no result in 20 s: $(cat "$tmp/blit.err")"
    sleep 0.1
done
blit=$(cut -d' ' -f1 "$tmp/blit")
row "term_blit 200x60 frame (ms)" "$(printf %.3f "$blit")" "-" "-" \
    "informational: ncurses copy + refresh, on top of the above"
echo "bench_redraw: blit (median min p90 ms, terminal): $(cat "$tmp/blit")" >&2
