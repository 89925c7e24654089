#!/bin/sh
# End-to-end tests of the status line's labels: obj (the training
# objective), val loss, zeros, val acc / train acc, at 120x40 and 80x24.
# One "ok NAME" or "not ok NAME" line per check; exit 0 when all are ok.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/tui_lib.sh

tui_start 120 40 'LANG=C.UTF-8 TERM=xterm-256color' --data xor
check status_names_the_objective tui_wait_for 'epoch [0-9]+ +running +obj [0-9.e+-]+  val loss [0-9.e+-]+  zeros [0-9]+%  val acc [0-9]+%'
tui_keys q
tui_wait_exit

tui_start 120 40 'LANG=C TERM=vt100' --data xor --val-ratio 0
check status_says_train_acc_without_validation tui_wait_for 'obj [0-9.e+-]+  zeros [0-9]+%  train acc [0-9]+%'
tui_keys q
tui_wait_exit

# 80 columns: the labels stay whole; items drop from the end, never cut
tui_start 80 24 'LANG=C.UTF-8 TERM=xterm-256color' --data circle
check status_80_columns_keeps_whole_labels tui_wait_for 'obj [0-9.e+-]+  val loss [0-9.e+-]+'
if tui_screen | grep -Eq 'val los? *$|val l$| va$'; then not_ok status_80_columns_no_cut_label "$(tui_diag)"; else
    ok status_80_columns_no_cut_label; fi
tui_keys q
tui_wait_exit

# a notice too long for the status line gets rows of its own above it,
# whole: the early stop's at 80x24
tui_start 80 24 'LANG=C TERM=vt100' --data xor --model 32,32 --early-stop 20 --samples 100 --noise 35
if tui_wait_for 'early stop' 30 && tui_screen | tail -n 3 | tr -s ' \n' ' ' |
    grep -q 'early stop: no better val loss in 20 epochs, the weights of epoch [0-9]* restored (space: train on) epoch [0-9]* *paused *obj'; then
    ok status_80_columns_long_notice_whole
else
    not_ok status_80_columns_long_notice_whole "$(tui_diag)"
fi
tui_keys q
tui_wait_exit

# c at lambda 0 sets lambda 0.01 (two runs without a penalty would be one)
# and says so
for size in "80 24" "120 40"; do
    set -- $size
    tui_start "$1" "$2" 'LANG=C TERM=vt100' --data circle
    tui_wait_for 'epoch [0-9]+' >/dev/null
    tui_keys c
    check "compare_at_lambda_0_says_it_set_0.01_$1x$2" tui_wait_for 'lambda was 0: set to 0.01, so the runs differ'
    tui_keys q
    tui_wait_exit
done

[ "$failures" -eq 0 ]
