#!/bin/sh
# End-to-end tests, in tmux, of what a class reads off the screen when a knob
# turns: on sparse data with L2, raising lambda shortens the largest weight
# bar and narrows the histogram on an unchanged axis; z fits the axes to the
# weights; after L the loss plot marks the change and shows the epochs since
# it (H: the whole history); C clears the history. 80x24 and 120x40, colour
# and ASCII. "ok NAME" / "not ok NAME" lines.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/tui_lib.sh

if ! command -v tmux >/dev/null 2>&1; then
    not_ok tmux_available "tmux is not installed"
    exit 1
fi

# The histogram's axis label (its right end: "5" of "-5 ... =0 ... 5").
hist_axis() { tui_screen | grep -- '=0' | tail -n 1 | sed 's/.*=0[^0-9]*\([0-9.e-]*\)[^0-9]*$/\1/'; }
# Length in cells of x1's bar (blocks or '#').
x1_bar() {
    tui_screen | grep -m1 '[|│]x1 ' | sed 's/.*x1 *[|│]//' | sed 's/[^█▉▊▋▌▍▎▏#].*//' | awk '{ print length($0) }'
}
x1_value() { tui_screen | grep -m1 '[|│]x1 ' | awk '{ for (i = NF; i > 0; i--) if ($i ~ /^-?[0-9.]+(e-?[0-9]+)?$/) { print $i; exit } }'; }

scene() {
    _label=$1
    shift
    tui_start "$@" --data sparse --model linear --alpha 0 --lambda 0.01
    check "${_label}starts" tui_wait_for 'epoch [0-9]'
    sleep 2
    a0=$(hist_axis) b0=$(x1_bar) v0=$(x1_value)
    for k in 1 2 3 4 5; do tui_keys L; sleep 0.2; done # 0.01 -> 3
    check "${_label}lambda_3" tui_wait_for 'lambda 3 '
    sleep 2
    a1=$(hist_axis) b1=$(x1_bar) v1=$(x1_value)
    if [ -n "$a0" ] && [ "$a0" = "$a1" ]; then ok "${_label}hist_axis_holds"; else
        not_ok "${_label}hist_axis_holds" "axis '$a0' then '$a1'
$(tui_diag)"; fi
    if [ -n "$b0" ] && [ -n "$b1" ] && [ "$b1" -lt "$b0" ] && [ "$b1" -gt 0 ]; then
        ok "${_label}largest_bar_shorter"; else
        not_ok "${_label}largest_bar_shorter" "x1 bar $b0 ($v0) then $b1 ($v1)
$(tui_diag)"; fi
    check "${_label}loss_marks_the_change" tui_wait_for 'lambda 3'
    check "${_label}loss_window_since_change" tui_wait_for 'loss since the last change'
    tui_keys H
    check "${_label}H_whole_history" tui_wait_gone 'loss since the last change' 3
    tui_keys H
    check "${_label}H_back_to_window" tui_wait_for 'loss since the last change' 3
    tui_keys z
    sleep 1
    a2=$(hist_axis)
    if [ -n "$a2" ] && [ "$a2" != "$a1" ]; then ok "${_label}z_fits_axes"; else
        not_ok "${_label}z_fits_axes" "axis '$a1' then '$a2'
$(tui_diag)"; fi
    tui_keys C
    check "${_label}C_clears_marks" tui_wait_gone 'loss since the last change' 3
    tui_keys q
    tui_wait_exit
    if [ "$tui_rc" = 0 ]; then ok "${_label}q_exits_0"; else not_ok "${_label}q_exits_0" "rc '$tui_rc'"; fi
}

scene utf8_80_ 80 24 'LANG=C.UTF-8 TERM=xterm-256color'
scene ascii_120_ 120 40 'TERM=vt100 LANG=C'

[ "$failures" -eq 0 ]
