#!/bin/sh
# End-to-end tests of S (save the scene) in the TUI: in compare mode the
# scene has every run, and --load reopens all of them; S twice within a
# second (no --save) never overwrites a scene just written: -2, -3, ...; a
# scene saved from CSV data reopens.
# One "ok NAME" or "not ok NAME" line per check; exit 0 when all are ok.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/tui_lib.sh

if ! command -v tmux >/dev/null 2>&1; then
    not_ok tmux_available "tmux is not installed"
    exit 1
fi
if [ ! -x "$TUI_BIN" ]; then
    not_ok binary_exists "$TUI_BIN not built"
    exit 1
fi
BIN=$TUI_BIN
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
TUI_BIN=$BIN # tui_start runs from another folder below
ENV='LANG=C.UTF-8 TERM=xterm-256color'
W=$TUI_TMP/work
mkdir -p "$W"

# ---- compare mode: every run goes with the scene -----------------------------
tui_start 140 40 "$ENV" --data circle --samples 100 --run a:lambda=0.1 --run b:lambda=0.01 \
    --save "$W/cmp.scene"
if tui_wait_for 'epoch [1-9]'; then
    tui_keys S
    check S_in_compare_mode_writes tui_wait_for 'wrote scene'
else
    not_ok S_in_compare_mode_writes "$(tui_diag)"
fi
runs=$(grep -c '^run ' "$W/cmp.scene" 2>/dev/null)
check compare_scene_has_every_run [ "${runs:-0}" -eq 2 ]
"$BIN" --headless --load "$W/cmp.scene" --epochs 1 >"$W/cmp.out" 2>"$W/cmp.err"
finals=$(grep -c '"final":true' "$W/cmp.out")
if [ "$finals" -eq 2 ] && grep -q '"run":"a"' "$W/cmp.out" && grep -q '"run":"b"' "$W/cmp.out"; then
    ok load_reopens_every_run
else
    not_ok load_reopens_every_run "$(cat "$W/cmp.err" "$W/cmp.out" | cut -c1-200)"
fi

# ---- S never overwrites a timestamped scene (no --save): -2, -3, ... ----------------
# The stamps of the next 20 seconds are taken already, as if S had just
# written them: S must pick fresh names and leave those alone.
mkdir -p "$W/stamps"
now=$(date +%s)
i=0
while [ $i -lt 20 ]; do
    echo taken >"$W/stamps/regscope-$(date -d "@$((now + i))" +%Y%m%d-%H%M%S).scene"
    i=$((i + 1))
done
iris=$(pwd)/datasets/iris.csv
cd "$W/stamps" || exit 1
tui_start 120 36 "$ENV" --data "$iris" --model linear
cd - >/dev/null || exit 1
if tui_wait_for 'epoch [1-9]'; then
    tui_keys S
    tui_wait_for 'wrote scene' >/dev/null
    tui_keys S
    tui_wait_until 5 sh -c "[ \$(ls '$W/stamps' | grep -c '\.scene$') -ge 22 ]"
fi
n=$(ls "$W/stamps" | grep -c '\.scene$')
kept=$(grep -lx taken "$W/stamps"/*.scene | wc -l)
fresh=$(ls "$W/stamps" | grep -c -- '-[23]\.scene$')
if [ "$n" -eq 22 ] && [ "$kept" -eq 20 ] && [ "$fresh" -eq 2 ]; then
    ok S_never_overwrites_a_scene
else
    not_ok S_never_overwrites_a_scene "$n files, $kept kept, $fresh fresh; $(tui_stderr; tui_diag)"
fi
first=$(ls "$W/stamps"/*-[23].scene 2>/dev/null | head -n 1)
if [ -n "$first" ] && "$BIN" --headless --load "$first" --epochs 1 >/dev/null 2>"$W/iris.err"; then
    ok csv_scene_from_S_reopens
else
    not_ok csv_scene_from_S_reopens "$(cat "$W/iris.err" 2>/dev/null)"
fi

# ---- a lesson saved paused reopens as it was on screen ---------------------------
# every run, the lesson's prompt, its speed, paused; at 80x24 and 120x40
for size in "80 24" "120 40"; do
    set -- $size
    tag=$1x$2
    tui_start "$1" "$2" "$ENV" --lesson dropout --save "$W/lesson_$tag.scene"
    tui_wait_for 'epoch [1-9]' >/dev/null
    tui_keys Space
    tui_wait_for 'paused' 3 >/dev/null
    tui_keys S
    check "S_saves_a_paused_lesson_$tag" tui_wait_for 'wrote scene'
    tui_keys q
    tui_wait_exit
    f=$W/lesson_$tag.scene
    if grep -q '^lesson dropout$' "$f" && grep -q '^paused on$' "$f" && grep -q '^speed 100$' "$f" &&
        [ "$(grep -c '^run ' "$f")" = 2 ]; then ok "lesson_scene_keeps_lesson_speed_pause_runs_$tag"; else
        not_ok "lesson_scene_keeps_lesson_speed_pause_runs_$tag" "$(grep -v '^[-0-9. ]*$' "$f" | head -40)"; fi
    tui_start "$1" "$2" "$ENV" --load "$f"
    if tui_wait_for 'lesson dropout step 1/' && tui_wait_for 'epoch [0-9]+ +paused' 2 &&
        tui_wait_for 'keep0.5' 1 && tui_wait_for 'speed 100/s' 1; then
        e1=$(tui_epoch); sleep 1; e2=$(tui_epoch)
        if [ "$e1" = "$e2" ]; then ok "load_reopens_the_lesson_paused_$tag"; else
            not_ok "load_reopens_the_lesson_paused_$tag" "epoch moved $e1 -> $e2"; fi
    else
        not_ok "load_reopens_the_lesson_paused_$tag" "$(tui_diag)"
    fi
    tui_keys q
    tui_wait_exit
done

[ "$failures" -eq 0 ]
