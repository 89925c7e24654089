#!/bin/sh
# End-to-end tests of the penalty family in the TUI: v cycles enet -> group
# -> mcp, the controls say which, gamma shows beside it for mcp only and )
# raises it; on the groups data the group lasso keeps or drops each group
# whole (the noise columns n1-n3 at exactly 0, A1-A4 all kept). At 120x40
# in colour and 80x24 in ASCII. One "ok NAME" or "not ok NAME" line per check.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/tui_lib.sh

no_gamma() { ! tui_screen | grep -q 'gamma'; }
group_whole() {
    scr=$(tui_screen)
    for a in A1 A2 A3 A4; do printf '%s\n' "$scr" | grep -Eq "$a +[^ ]*[|│][^·]* [0-9.]+" || return 1; done
    for n in n1 n2 n3; do printf '%s\n' "$scr" | grep -Eq "$n +[·.] +0[ │|]" || return 1; done
}
for size in "120 40 LANG=C.UTF-8 TERM=xterm-256color utf8" "80 24 LANG=C TERM=vt100 ascii"; do
    set -- $size
    tag=$5_$1x$2
    tui_start "$1" "$2" "$3 $4" --data groups --model linear --lambda 0.3
    tui_wait_for 'epoch [0-9]+' >/dev/null
    check "penalty_starts_enet_$tag" tui_wait_for 'penalty enet'
    check "penalty_enet_has_no_gamma_$tag" no_gamma
    tui_keys v
    check "penalty_v_gives_group_$tag" tui_wait_for 'penalty group'
    if [ "$1" = 120 ]; then check "penalty_group_keeps_groups_whole_$tag" tui_wait_until 10 group_whole; fi
    tui_keys v
    check "penalty_v_gives_mcp_with_gamma_$tag" tui_wait_for 'gamma 3( |$)'
    tui_keys ')'
    check "penalty_gamma_up_$tag" tui_wait_for 'gamma 3.7'
    tui_keys q
    tui_wait_exit
done
# the lessons: bias marks the true weights beside the lasso's and MCP's bars;
# groups shows a categorical column's levels under its name in both runs
marks_both_runs() { [ "$(tui_screen | grep -E '^.x1 ' | grep -o '┃' | wc -l)" -ge 2 ]; }
tui_start 80 24 'LANG=C.UTF-8 TERM=xterm-256color' --lesson bias --speed max --pause-at 200
check lesson_bias_titles_lasso_and_mcp tui_wait_for 'penalty mcp'
check lesson_bias_marks_true_weights_in_both_runs tui_wait_until 10 marks_both_runs
tui_keys q
tui_wait_exit
tui_start 120 40 'LANG=C.UTF-8 TERM=xterm-256color' --lesson groups --speed max --pause-at 100
check lesson_groups_titles_lasso_and_group tui_wait_for 'penalty group'
check lesson_groups_levels_under_the_column_name tui_wait_for '│ =Female .*│ =Female'
tui_keys q
tui_wait_exit
# the group lasso on a net switches whole hidden units off: the histogram
# counts the units alive, fewer than all of them once it has trained
fewer_alive() { tui_screen | grep -Eq 'units alive ([0-9]|1[0-5])/16'; }
tui_start 80 24 'LANG=C.UTF-8 TERM=xterm-256color' --data circle --model 16 --penalty group --lambda 0.003
check group_net_counts_units_alive tui_wait_for 'W1 +zeros [0-9<>]+% +units alive [0-9]+/16'
check group_net_switches_units_off tui_wait_until 20 fewer_alive
tui_keys v # mcp: weights one by one, no count
check units_alive_only_under_group tui_wait_gone 'units alive'
tui_keys q
tui_wait_exit
exit "$((failures > 0))"
