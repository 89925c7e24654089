#!/bin/sh
# End-to-end tests of points with the mouse and of scenes (--save / --load,
# key S): a left click on the decision-boundary panel adds a training point,
# a right click one of class 1, x removes the one nearest the last click (the
# title line counts the training points); 1-D data refuses with a notice; S
# writes the scene; a headless save / load round trip gives the same final
# weights; a malformed scene is refused with FILE:LINE and exit status 2.
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

UTF8_ENV='LANG=C.UTF-8 TERM=xterm-256color'
ESC=$(printf '\033')
W=$TUI_TMP/work
mkdir -p "$W"

# train_count: the number before " train" on the title line.
train_count() { tui_screen | sed -n '1s/.* \([0-9][0-9]*\) train.*/\1/p'; }
# wait_train N: until the title line says "N train".
wait_train() { tui_wait_line 1 " $1 train( |$)"; }

# ---- points with the mouse ---------------------------------------------------
tui_start 140 32 "$UTF8_ENV" --data circle --samples 100 --seed 3 --save "$W/tui.scene"
if tui_wait_for ' [0-9]+ train' && tui_wait_for 'decision boundary'; then
    n0=$(train_count)
    ok title_shows_training_points
else
    n0=
    not_ok title_shows_training_points "$(tui_diag)"
fi
if [ -n "$n0" ]; then
    # SGR mouse reports (1-based column;row), one send-keys call each
    tui_literal "${ESC}[<0;6;6M${ESC}[<0;6;6m"
    check left_click_adds_a_point wait_train $((n0 + 1))
    check left_click_notice tui_wait_for 'added class 0'
    tui_literal "${ESC}[<2;8;7M${ESC}[<2;8;7m"
    check right_click_adds_a_point wait_train $((n0 + 2))
    check right_click_is_class_1 tui_wait_for 'added class 1'
    tui_keys x
    check x_removes_the_nearest_point wait_train $((n0 + 1))
    tui_keys n
    check n_cycles_the_class tui_wait_for 'left click adds class 1'
    tui_literal "${ESC}[<0;7;6M${ESC}[<0;7;6m"
    check left_click_after_n wait_train $((n0 + 2))
    check left_click_with_class_1 tui_wait_for 'added class 1'
    check training_goes_on tui_wait_epoch_above 3
    # S: the scene as it stands, to --save FILE
    tui_keys S
    if tui_wait_for 'wrote scene' && [ -f "$W/tui.scene" ] &&
        head -n 1 "$W/tui.scene" | grep -qx 'regscope-scene 1'; then
        ok S_writes_the_scene
    else
        not_ok S_writes_the_scene "$(tui_diag)"
    fi
    pts=$(sed -n 's/^points //p' "$W/tui.scene")
    check scene_has_the_added_points [ "${pts:-0}" -eq $((100 + 2)) ]
    tmp_left=$(find "$W" -name '*.tmp.*' | wc -l)
    check save_leaves_no_temporary_file [ "$tmp_left" -eq 0 ]
    # --load in the TUI: the scene's points, so its training count
    want=$(awk '/^points /{n=$2; next} n>0 {if ($NF == 0) t++; n--} END {print t+0}' "$W/tui.scene")
    tui_start 100 30 "$UTF8_ENV" --load "$W/tui.scene"
    check load_in_tui_uses_the_scene_points wait_train "$want"
fi

# ---- 1-D data: points need 2-D data -------------------------------------------
tui_start 100 30 "$UTF8_ENV" --data line --samples 60
if tui_wait_for 'fitted curve'; then
    tui_literal "${ESC}[<0;6;6M"
    check one_d_data_says_points_need_2d tui_wait_for 'points need 2-D data'
else
    not_ok one_d_data_says_points_need_2d "$(tui_diag)"
fi

# ---- headless save / load round trip --------------------------------------------
"$BIN" --headless --data circle --epochs 5 --save "$W/s.scene" >"$W/a.jsonl" 2>"$W/a.err"
rc=$?
check headless_save_exit_0 [ "$rc" -eq 0 ]
check headless_save_writes_file [ -s "$W/s.scene" ]
"$BIN" --headless --load "$W/s.scene" --epochs 0 >"$W/b.jsonl" 2>"$W/b.err"
rc=$?
check headless_load_exit_0 [ "$rc" -eq 0 ]
layers() { tail -n 1 "$1" | sed 's/.*"layers"://'; }
if [ -n "$(layers "$W/a.jsonl")" ] && [ "$(layers "$W/a.jsonl")" = "$(layers "$W/b.jsonl")" ]; then
    ok save_load_round_trip_same_final_weights
else
    not_ok save_load_round_trip_same_final_weights "$(tail -n 1 "$W/a.jsonl" | cut -c1-200)
$(tail -n 1 "$W/b.jsonl" | cut -c1-200)
$(cat "$W/b.err")"
fi
# saving the loaded scene again gives the same file, byte for byte
"$BIN" --headless --load "$W/s.scene" --epochs 0 --save "$W/s2.scene" >/dev/null 2>&1
check resave_is_byte_identical cmp -s "$W/s.scene" "$W/s2.scene"

# ---- malformed scenes -----------------------------------------------------------
bad() { # bad NAME LINE: the file W/NAME is refused with "W/NAME:LINE:" and exit 2
    "$BIN" --headless --load "$W/$1" --epochs 0 >/dev/null 2>"$W/err"
    _rc=$?
    if [ "$_rc" -eq 2 ] && grep -q "^regscope: $W/$1:$2: " "$W/err"; then
        ok "refuses_$1"
    else
        not_ok "refuses_$1" "exit $_rc, stderr: $(cat "$W/err")"
    fi
}
printf 'hello\n' >"$W/noheader.scene"
bad noheader.scene 1
sed 's/^lambda .*/lambda lots/' "$W/s.scene" >"$W/badlambda.scene"
bad badlambda.scene "$(grep -n '^lambda ' "$W/s.scene" | cut -d: -f1)"
sed 's/^seed .*/colour blue/' "$W/s.scene" >"$W/badkey.scene"
bad badkey.scene "$(grep -n '^seed ' "$W/s.scene" | cut -d: -f1)"
pl=$(grep -n '^points ' "$W/s.scene" | cut -d: -f1)
sed "$((pl + 3))s/.*/1.5 x 0 0/" "$W/s.scene" >"$W/badpoint.scene"
bad badpoint.scene $((pl + 3))
head -n $((pl + 10)) "$W/s.scene" >"$W/short.scene"
bad short.scene $((pl + 10))
"$BIN" --headless --load "$W/missing.scene" >/dev/null 2>"$W/err"
check missing_scene_exit_2 [ $? -eq 2 ]

exit $((failures > 0))
