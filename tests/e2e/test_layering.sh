#!/bin/sh
# The code's shape: no cycle of calls between the engine's and the UI's
# object files, none of includes among their headers (tests/tools/cycles.py,
# with nm), and the engine links without ncurses (the Makefile's
# engine-links-alone target, built with every program).
# One "ok NAME" or "not ok NAME" line per check; exit 0 when all are ok.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/tui_lib.sh
BIN=${REGSCOPE:-./regscope}
case $BIN in ./regscope | regscope) build=build ;; *) build=$(dirname "$BIN") ;; esac
out=$(python3 tests/tools/cycles.py "$build" 2>&1)
if [ $? = 0 ] && printf '%s\n' "$out" | grep -q '^calls: [1-9][0-9]* files, 0 cycles'; then
    ok no_cycles_between_files
else
    not_ok no_cycles_between_files "$out"
fi
check engine_links_without_ncurses test -x "$build/engine-links-alone"
[ "$failures" -eq 0 ]
