#!/bin/sh
# ThreadSanitizer run of the TUI (SPEC §5: one UI thread, one training
# thread, sharing only the control block and the snapshot under a mutex).
# Builds build-tsan/regscope (never touches ./regscope), runs it in tmux
# at 120x40 for about TSAN_SECONDS (default 20) while a stream of keys and
# resizes hits it, then q. Passes when it exits 0 and ThreadSanitizer wrote
# no report. One "ok NAME" / "not ok NAME" line per check.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/tui_lib.sh

SECONDS_TOTAL=${TSAN_SECONDS:-20}
TSAN_BUILD=build-tsan
TSAN_CFLAGS="-O1 -g -fsanitize=thread"
TSAN_BIN=$TSAN_BUILD/regscope

if ! command -v tmux >/dev/null 2>&1; then
    not_ok tmux_available "tmux is not installed"
    exit 1
fi

# ---- build (the Makefile's own rule for a build folder of its own) ------------
if ! make -s BUILD="$TSAN_BUILD" CFLAGS="$TSAN_CFLAGS" LDFLAGS="-fsanitize=thread" \
    "$TSAN_BIN" >"$TUI_TMP/build.log" 2>&1; then
    not_ok tsan_build "$(tail -n 30 "$TUI_TMP/build.log")"
    exit 1
fi
ok tsan_build
TUI_BIN=$TSAN_BIN

# ---- run ---------------------------------------------------------------------
mkdir -p "$TUI_TMP/tsan"
tui_start 120 40 "LANG=C.UTF-8 TERM=xterm-256color TSAN_OPTIONS=halt_on_error=0:log_path=$TUI_TMP/tsan/tsan"
if ! tui_wait_for 'epoch [0-9]' 15; then
    not_ok tsan_tui_20s_no_race "the TUI never drew
$(tui_stderr)
$(tui_diag)"
    exit 1
fi

# Every key of the stream, with pauses / steps / help / rebuilds among knob
# changes, the tuning view (h: its job's thread, restarted by the data and
# model keys, its cells read by the panels) and the path view (p); a resize
# every few rounds.
start=$(date +%s)
round=0
while [ $(($(date +%s) - start)) -lt "$SECONDS_TOTAL" ]; do
    round=$((round + 1))
    for k in L l A a k K e E Space s s Space h Down Left Enter d m h p Right '?' x p Tab Right Left D M f u t b o r; do
        tui_keys "$k"
        sleep 0.05
    done
    case $((round % 4)) in
    1) tui_resize 200 60 ;;
    2) tui_resize 40 10 ;;
    3) tui_resize 80 24 ;;
    0) tui_resize 120 40 ;;
    esac
    tui_keys R
    sleep 0.2
done
tui_resize 120 40
tui_wait_for 'epoch [0-9]' 10
tui_keys q
tui_wait_exit 30

echo "# $round rounds of keys and resizes in ${SECONDS_TOTAL}s"
reports=$(cat "$TUI_TMP"/tsan/tsan* 2>/dev/null)
if [ -z "$reports" ] && tui_stderr | grep -q 'ThreadSanitizer'; then reports=$(tui_stderr); fi
if [ "$tui_rc" = 0 ] && [ -z "$reports" ]; then
    ok tsan_tui_20s_no_race
else
    not_ok tsan_tui_20s_no_race "exit status '${tui_rc}' (empty: still running; 66: tsan reports), $round rounds of keys
$(printf '%s\n' "$reports" | head -n 200)
$(tui_stderr | head -n 50)
$(tui_diag)"
fi

[ "$failures" -eq 0 ]
