#!/bin/sh
# Monkey test of the TUI in tmux: a seeded random stream of every key the
# help lists, mouse clicks, resizes between 80x24 and 120x40 and pauses, for
# MONKEY_SECONDS in all (default 60), in a temp dir (so S, w and y files land
# there). Fails on a sanitizer report, a crash, training that stops, or an
# exit status other than 0 after q. The seed is printed on every run; replay
# a failure with MONKEY_SEED=N. Run from anywhere against ./regscope (or
# $REGSCOPE); "ok NAME" / "not ok NAME" lines.
cd "$(dirname "$0")/../.." || exit 1
if ! command -v python3 >/dev/null 2>&1; then
    echo "not ok python3_available"
    exit 1
fi
exec python3 tests/e2e/monkey.py
