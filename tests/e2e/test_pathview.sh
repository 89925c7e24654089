#!/bin/sh
# End-to-end tests of the TUI's regularization-path view (key p) in tmux:
# p opens it on a linear model (progress, then "path: lambda ..."), Left /
# Right / Home / End change the selected lambda, training stays live while
# it is open, p and Esc close it, q exits 0; ASCII mode stays ASCII; on a
# hidden-layer model p only shows a notice. "ok NAME" / "not ok NAME" lines.
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

UTF8_ENV='LANG=C.UTF-8 TERM=xterm-256color'

# The lambda on the path view's title line.
path_lambda() { tui_screen | sed -n 's/.*path: lambda \([^ ]*\) (\([0-9]*\)\/.*/\1 \2/p' | head -n 1; }

# wait_lambda_changed OLD: until the title's lambda is not OLD; leaves it in pl.
lambda_differs() {
    pl=$(path_lambda)
    [ -n "$pl" ] && [ "$pl" != "$1" ]
}

quit_check() {
    tui_keys q
    tui_wait_exit
    if [ "$tui_rc" = 0 ]; then ok "${1}q_exits_0"; else not_ok "${1}q_exits_0" "exit status '${tui_rc}'
$(tui_stderr)
$(tui_diag)"; fi
}

# ---- linear model, UTF-8 --------------------------------------------------
tui_start 120 40 "$UTF8_ENV" --data sparse --model linear
check starts tui_wait_for 'epoch [0-9]'
tui_keys p
check p_opens_path_view tui_wait_for 'path: lambda [0-9]'
check path_view_title_parts tui_wait_for 'nonzero [0-9]+/30  = lambda_min'
check path_view_keys_in_border tui_wait_for 'regularization path  <-/-> move, p close'
check path_view_cv_marks tui_wait_for 'lambda_min .*lambda_1se'
check path_view_bars_title tui_wait_for "weights at path lambda"
check path_view_hist_title tui_wait_for "histogram at path lambda"
# the largest weights' lines end in their names; lambda_1se is marked by a
# letter, never a digit that reads as a tick value
check path_view_names_largest_lines tui_wait_for 'x1││'
check path_view_1se_letter tui_wait_for 's=lambda_1se'
if tui_screen | grep -q '1=lambda_1se'; then not_ok path_view_no_digit_mark "$(tui_diag)"; else ok path_view_no_digit_mark; fi
l0=$(path_lambda)
tui_keys Left
if tui_wait_until 3 lambda_differs "$l0"; then ok left_changes_lambda; else not_ok left_changes_lambda "was '$l0'
$(tui_diag)"; fi
l1=$(path_lambda)
tui_keys Right Right
if tui_wait_until 3 lambda_differs "$l1"; then ok right_changes_lambda; else not_ok right_changes_lambda "was '$l1'
$(tui_diag)"; fi
# xterm's Home / End
tui_literal "$(printf '\033OH')"
check home_selects_lambda_max tui_wait_for 'path: lambda [^ ]+ \(1/[0-9]+\)  nonzero 0/30'
tui_literal "$(printf '\033OF')"
check end_selects_smallest_lambda tui_wait_for 'path: lambda [^ ]+ \(([0-9]+)/\1\)'
# and tmux's own Home / End keys (\E[1~ / \E[4~), which xterm's terminfo lacks
tui_keys Home
check tmux_home_selects_lambda_max tui_wait_for 'path: lambda [^ ]+ \(1/[0-9]+\)  nonzero 0/30'
# Enter applies the selected lambda (here lambda_max: every weight 0) to
# the live model, which trains on at it
tui_keys Enter
check enter_says_it_applied_lambda tui_wait_for 'lambda [0-9.e+-]+ from the path: the live model trains on at it'
check enter_sets_the_live_lambda tui_wait_for 'λ lambda [0-9.]*[1-9]' 3
check enter_keeps_the_path_view tui_wait_for 'path: lambda [^ ]+ \(1/[0-9]+\)'
tui_keys End
check tmux_end_selects_smallest_lambda tui_wait_for 'path: lambda [^ ]+ \(([0-9]+)/\1\)'
e0=$(tui_epoch)
if [ -n "$e0" ] && tui_wait_epoch_above "$e0"; then ok training_live_while_open; else not_ok training_live_while_open "epoch stayed at '$e0'
$(tui_diag)"; fi
tui_keys l
check knob_keys_work_while_open tui_wait_for 'path: lambda'
tui_keys a
check alpha_change_recomputes tui_wait_for 'path: lambda [0-9]'
tui_keys p
check p_closes_path_view tui_wait_gone 'path: lambda'
check loss_panel_back tui_wait_for 'loss'
tui_keys p
check p_reopens tui_wait_for 'path: lambda [0-9]'
tui_keys Escape
check esc_closes_path_view tui_wait_gone 'path: lambda' 3
tui_keys p
check p_opens_again tui_wait_for 'path: lambda [0-9]'
tui_keys m
check mlp_switch_closes_view tui_wait_for 'the path needs a linear model'
check mlp_switch_view_gone tui_wait_gone 'path: lambda' 3
quit_check utf8_

# ---- ASCII mode -------------------------------------------------------------
tui_start 120 40 'TERM=vt100 LANG=C' --data sparse --model linear
check ascii_starts tui_wait_for 'epoch [0-9]'
tui_keys p
check ascii_path_view tui_wait_for 'path: lambda [0-9]'
sleep 0.3
check ascii_only tui_only_ascii
quit_check ascii_

# ---- a 2-D linear classifier: the boundary follows the path ----------------
tui_start 120 40 "$UTF8_ENV" --data circle --model linear --features poly:3
check poly_starts tui_wait_for 'epoch [0-9]'
tui_keys p
check poly_path_view tui_wait_for 'path: lambda [0-9]'
check poly_boundary_from_path tui_wait_for "model at path lambda"
quit_check poly_

# ---- features changed while the path view is open -----------------------------
# Each expansion has its own feature count on the same boundary grid: the
# path is recomputed and its model drawn without writing past any buffer
# (the ASan build reports it, the plain one crashed or hung).
tui_start 120 40 "$UTF8_ENV" --data circle --model linear
check feat_starts tui_wait_for 'epoch [0-9]'
tui_keys p
check feat_path_view tui_wait_for 'path: lambda [0-9]'
check feat_path_done tui_wait_for "model at path lambda" 10
for f in 1 2 3 4; do
    tui_keys F
    tui_wait_for "model at path lambda" 10 >/dev/null
done
tui_keys f f f
sleep 1
check feat_path_redrawn tui_wait_for "model at path lambda" 10
quit_check feat_

# ---- hidden layers: a notice only ---------------------------------------------
tui_start 120 40 "$UTF8_ENV" --model 8,8
check mlp_starts tui_wait_for 'epoch [0-9]'
tui_keys p
check mlp_notice tui_wait_for 'the path needs a linear model'

if tui_screen | grep -q 'path: lambda'; then not_ok mlp_no_path_view "$(tui_diag)"; else ok mlp_no_path_view; fi
quit_check mlp_

[ "$failures" -eq 0 ]
