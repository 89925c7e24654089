#!/bin/sh
# End-to-end tests of compare mode in tmux: --run on the command line, and
# 'c' from a single run; Tab / 1-4 pick the run the keys turn; each run has
# its own boundary or weight bars and histogram, the loss plot one line per run.
# One "ok NAME" or "not ok NAME" line per check; exit 0 when all are ok.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/tui_lib.sh

UTF8_ENV='LANG=C.UTF-8 TERM=xterm-256color'

wait_check() {
    if tui_wait_for "$2"; then ok "$1"; else not_ok "$1" "want /$2/
$(tui_diag)"; fi
}

# --run: two runs side by side, L1 zeros against L2 shrinkage
tui_start 120 40 "$UTF8_ENV" --data sparse --model linear \
    --run l1:lambda=0.05,alpha=1 --run l2:lambda=0.05,alpha=0
wait_check compare_cli_shows_both_runs '> l1  alpha 1  lambda 0.05'
wait_check compare_cli_second_run_titled 'l2  alpha 0  lambda 0.05'
wait_check compare_cli_loss_plot_legend_names_runs 'l1 . l2'
wait_check compare_cli_l1_run_has_zeros 'zeros 83%'
wait_check compare_cli_l2_run_has_none 'zeros 0%'
tui_keys Tab
wait_check compare_tab_selects_next_run '> l2  alpha 0  lambda 0.05'
tui_keys L
wait_check compare_keys_turn_selected_run_only 'l2  lambda 0.1 alpha 0'
if tui_screen | grep -q 'l1  lambda 0.05 alpha 1'; then ok compare_other_run_untouched; else
    not_ok compare_other_run_untouched "$(tui_diag)"; fi
tui_keys 1
wait_check compare_digit_selects_run '> l1  lambda 0.05'
tui_keys q
tui_wait_exit
if [ "$tui_rc" = 0 ]; then ok compare_q_exits_0; else not_ok compare_q_exits_0 "rc=$tui_rc"; fi
if tui_screen | grep -q -- '--run l2:lambda=0.1,alpha=0'; then ok compare_quit_line_reopens_runs; else
    not_ok compare_quit_line_reopens_runs "$(tui_diag)"; fi

# 'c' opens compare mode from the current settings, with alpha flipped
tui_start 120 40 "$UTF8_ENV" --data circle --features poly:6 --model linear --lambda 0.003
wait_check single_run_first 'decision boundary'
tui_keys c
wait_check c_opens_compare_with_alpha_flipped 'L2  alpha 0  lambda 0.003'
wait_check c_keeps_first_run 'L1  alpha 1  lambda 0.003'
e0=$(tui_epoch)
if [ -n "$e0" ] && tui_wait_epoch_above "$e0"; then ok compare_runs_train; else
    not_ok compare_runs_train "$(tui_diag)"; fi
tui_keys 2 l c
wait_check c_again_returns_to_the_selected_run 'lambda 0.001'
wait_check back_to_single_view 'decision boundary'
tui_keys q
tui_wait_exit
if [ "$tui_rc" = 0 ]; then ok single_after_compare_q_exits_0; else
    not_ok single_after_compare_q_exits_0 "rc=$tui_rc"; fi
