#!/bin/sh
# End-to-end tests of --lesson: the list, an unknown name, a compare lesson
# headless, and a lesson in the TUI with its prompt on screen.
# One "ok NAME" or "not ok NAME" line per check; exit 0 when all are ok.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/tui_lib.sh
BIN=${REGSCOPE:-./regscope}

out=$("$BIN" --lesson list 2>&1)
rc=$?
if [ "$rc" = 0 ]; then ok lesson_list_exits_0; else not_ok lesson_list_exits_0 "rc=$rc"; fi
missing=
for name in overfit sparsity elasticnet dropout early-stop gradient augment geometry polyfit; do
    printf '%s\n' "$out" | grep -q "^$name " || missing="$missing $name"
done
if [ -z "$missing" ]; then ok lesson_list_names_every_lesson; else
    not_ok lesson_list_names_every_lesson "missing:$missing
$out"; fi

err=$("$BIN" --lesson nope 2>&1 >/dev/null)
rc=$?
if [ "$rc" = 2 ]; then ok lesson_unknown_exits_2; else not_ok lesson_unknown_exits_2 "rc=$rc"; fi
case $err in
*"unknown lesson 'nope' (see --lesson list)"*) ok lesson_unknown_says_so ;;
*) not_ok lesson_unknown_says_so "stderr: $err" ;;
esac

out=$("$BIN" --headless --lesson sparsity --epochs 5 2>&1)
rc=$?
n=$(printf '%s\n' "$out" | grep -c '"run":')
if [ "$rc" = 0 ] && [ "$n" -ge 10 ]; then ok lesson_sparsity_headless_prints_runs; else
    not_ok lesson_sparsity_headless_prints_runs "rc=$rc records=$n
$out"; fi
if printf '%s\n' "$out" | grep -q '"run":"L1","final":true' &&
    printf '%s\n' "$out" | grep -q '"run":"L2","final":true'; then
    ok lesson_sparsity_has_l1_and_l2_runs
else
    not_ok lesson_sparsity_has_l1_and_l2_runs "$out"
fi

# a flag after the lesson overrides it
out=$("$BIN" --headless --lesson overfit --lambda 0.01 --epochs 1 2>&1)
if printf '%s\n' "$out" | grep -q '"penalty":0[,}]'; then
    not_ok lesson_flag_overrides "$out"
else
    ok lesson_flag_overrides
fi

# the TUI shows the prompt, and q exits 0
tui_start 120 40 'LANG=C.UTF-8 TERM=xterm-256color' --lesson overfit
if tui_wait_for 'lesson overfit step 1/3: Sixth-degree features'; then ok lesson_tui_shows_prompt; else
    not_ok lesson_tui_shows_prompt "$(tui_diag)"; fi
if tui_wait_for 'data circle' 1 && tui_wait_for 'lambda 0' 1; then ok lesson_tui_applies_scene; else
    not_ok lesson_tui_applies_scene "$(tui_diag)"; fi
tui_keys q
tui_wait_exit
if [ "$tui_rc" = 0 ]; then ok lesson_tui_q_exits_0; else not_ok lesson_tui_q_exits_0 "rc=$tui_rc $(tui_stderr)"; fi

# early-stop in the TUI: it stops by itself at the epoch headless training
# stops at, restores the same best epoch's weights, pauses
final=$("$BIN" --lesson early-stop --headless 2>/dev/null | tail -1)
stop=$(printf '%s\n' "$final" | sed -n 's/.*"epochs":\([0-9]*\).*/\1/p')
best=$(printf '%s\n' "$final" | sed -n 's/.*"best_epoch":\([0-9]*\).*/\1/p')
tui_start 120 40 'LANG=C.UTF-8 TERM=xterm-256color' --lesson early-stop
if [ -n "$stop" ] && [ -n "$best" ] &&
    tui_wait_for "early stop: no better val loss in 100 epochs, the weights of epoch $best restored" 45 &&
    tui_wait_for "epoch $stop +paused" 2; then ok lesson_early_stop_restores_and_pauses; else
    not_ok lesson_early_stop_restores_and_pauses "headless stop=$stop best=$best $(tui_diag)"; fi
tui_keys ' '
if tui_wait_for 'epoch [0-9]+ +running' && tui_wait_gone 'early stop:'; then
    ok lesson_early_stop_space_trains_on; else not_ok lesson_early_stop_space_trains_on "$(tui_diag)"; fi
tui_keys q
tui_wait_exit

# a compare lesson opens its runs side by side
tui_start 120 40 'LANG=C.UTF-8 TERM=xterm-256color' --lesson sparsity
if tui_wait_for 'L1  alpha 1  lambda 0.1' && tui_wait_for 'L2  alpha 0  lambda 0.1' 1; then
    ok lesson_tui_compare_runs; else not_ok lesson_tui_compare_runs "$(tui_diag)"; fi
tui_keys q
tui_wait_exit
if [ "$tui_rc" = 0 ]; then ok lesson_tui_compare_q_exits_0; else not_ok lesson_tui_compare_q_exits_0 "rc=$tui_rc"; fi

[ "$failures" -eq 0 ]
