#!/bin/sh
# End-to-end tests of the TUI's tuning view (key h) in tmux: h opens the
# alpha x lambda grid on a linear model; it fills in while training goes on
# (the progress bar moves, the time left is shown, rows of cells appear);
# arrows move the cursor (the head line's alpha and lambda change); Enter
# applies the cursor's cell (the knob line and the command line printed on
# exit carry its alpha and lambda); Esc and h close it; a feature change
# restarts the grid; ASCII mode stays ASCII; colour mode shows the cell's
# model in the other panels; a hidden-layer model's lambda x keep grid fills
# and applies (or, built without the net backend, says so).
# "ok NAME" / "not ok NAME" lines.
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

ASCII_ENV='LANG=C TERM=vt100'
UTF8_ENV='LANG=C.UTF-8 TERM=xterm-256color'
# 27 features on 3200 training rows: a grid that takes some seconds
SLOW='--data moons --samples 4000 --features poly:6 --model linear'

# The progress bar's percentage (empty once the grid is full).
tune_pct() { tui_screen | sed -n 's/.*\[[#.]*\] *\([0-9][0-9]*\)%.*/\1/p' | head -n 1; }
pct_above() {
    p=$(tune_pct)
    [ -n "$p" ] && [ "$p" -gt "$1" ]
}
# Grid rows with at least one cell shaded (ASCII shade ramp after the label).
filled_rows() { tui_screen | grep -cE '\|\|[ >][0-9.]+ +[@%#*+=:.-]'; }
rows_at_least() { [ "$(filled_rows)" -ge "$1" ]; }
# The cursor's knobs on the head line: "ALPHA LAMBDA".
cursor_knobs() { tui_screen | sed -n 's/.*||alpha \([0-9.e+-]*\)  lambda \([0-9.e+-]*\)  .*/\1 \2/p' | head -n 1; }
knobs_differ() {
    k=$(cursor_knobs)
    [ -n "$k" ] && [ "$k" != "$1" ]
}

# ---- ASCII, 80x24: filling in, cursor, Enter ----------------------------------
# shellcheck disable=SC2086
tui_start 80 24 "$ASCII_ENV" $SLOW
check starts tui_wait_for 'epoch [0-9]'
tui_keys h
check h_opens_tuning_view tui_wait_for 'tuning: alpha x lambda, 5-fold CV' 10
check progress_bar_shown tui_wait_for '\[[#.]{20}\] +[0-9]+%' 10
check time_left_shown tui_wait_for '~[0-9hms]+ left' 20
p0=$(tune_pct)
if tui_wait_until 30 pct_above "${p0:-0}"; then ok progress_moves; else not_ok progress_moves "was '$p0'
$(tui_diag)"; fi
e0=$(tui_epoch)
check cells_appear tui_wait_until 60 rows_at_least 1
if tui_wait_epoch_above "${e0:-0}" 5; then ok training_goes_on_while_filling; else not_ok training_goes_on_while_filling "$(tui_diag)"; fi
check legend_shown tui_wait_for 'cv loss \(log\) [0-9.e-]+ @%#\*\+=-:\. [0-9.e-]+  B best  S one-SE'
check grid_fills tui_wait_for 'B alpha [0-9.]+ lambda [0-9.e-]+ +S alpha' 120
check all_rows_filled rows_at_least 5
check best_mark tui_wait_for '\|\|.*B.*\|'
check only_ascii tui_only_ascii
check cell_model_in_panels tui_wait_for 'histogram at the grid cell'
k0=$(cursor_knobs)
tui_keys Left Left Left
if tui_wait_until 3 knobs_differ "$k0"; then ok left_moves_cursor; else not_ok left_moves_cursor "was '$k0'
$(tui_diag)"; fi
k1=$(cursor_knobs)
tui_keys Up Up
if tui_wait_until 3 knobs_differ "$k1"; then ok up_moves_cursor; else not_ok up_moves_cursor "was '$k1'
$(tui_diag)"; fi
k2=$(cursor_knobs)
a2=${k2% *} l2=${k2#* }
if [ "$a2" != "${k1% *}" ] && [ "$l2" = "${k1#* }" ]; then ok up_changes_alpha_only; else not_ok up_changes_alpha_only "'$k1' -> '$k2'"; fi
tui_keys Enter
check enter_notice tui_wait_for "alpha $a2, lambda $l2 from the grid"
check enter_sets_alpha_knob tui_wait_for "alpha $a2 +penalty"
tui_keys Escape
check esc_closes tui_wait_gone 'tuning: alpha x lambda'
tui_keys h
check h_reopens tui_wait_for 'tuning: alpha x lambda' 10
tui_keys h
check h_closes tui_wait_gone 'tuning: alpha x lambda'
tui_keys q
tui_wait_exit
if [ "$tui_rc" = 0 ]; then ok q_exits_0; else not_ok q_exits_0 "exit status '$tui_rc'"; fi
# the command line printed on exit carries the applied cell's knobs
# (the head line rounds to 3 digits: the command line's value within that)
cmd_lambda=$(tui_screen_joined | sed -n 's/.*--lambda \([0-9.e+-]*\).*/\1/p' | tail -n 1)
if [ -n "$cmd_lambda" ] && awk -v a="$cmd_lambda" -v b="$l2" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= 0.002 * b) }' &&
    tui_screen_joined | grep -qE -- "--alpha $a2( |$)"; then
    ok command_line_has_cell
else
    not_ok command_line_has_cell "alpha '$a2' lambda '$l2' (command line: '$cmd_lambda')
$(tui_screen_joined)"
fi

# ---- a feature change restarts the grid ----------------------------------------
tui_start 80 24 "$ASCII_ENV" --data moons --samples 1500 --features poly:6 --model linear
check restart_starts tui_wait_for 'epoch [0-9]'
tui_keys h
check first_grid_fills tui_wait_for 'B alpha [0-9.]+ lambda' 90
tui_keys F
check feature_change_restarts tui_wait_for '\[[#.]{20}\] +[0-9]+%' 10
check restarted_grid_fills tui_wait_for 'B alpha [0-9.]+ lambda' 90
tui_keys q
tui_wait_exit

# ---- colour, 120x40: the cell's model, then q -----------------------------------
tui_start 120 40 "$UTF8_ENV" --data moons --model linear --features poly:3
check colour_starts tui_wait_for 'epoch [0-9]'
tui_keys h
check colour_grid_fills tui_wait_for 'B alpha [0-9.]+ lambda' 60
check colour_cell_model tui_wait_for 'model at cell'
tui_keys Escape
check colour_esc_closes tui_wait_gone 'tuning: alpha x lambda'
tui_keys q
tui_wait_exit
if [ "$tui_rc" = 0 ]; then ok colour_q_exits_0; else not_ok colour_q_exits_0 "exit status '$tui_rc'"; fi

# ---- hidden layers: lambda x keep on the validation split; the cursor's cell's
# net drawn in the other panels ------------------------------------------------
tui_start 120 40 "$UTF8_ENV" --data moons --model 8 --epochs 30
check net_starts tui_wait_for 'epoch [0-9]'
tui_keys h
check net_view_opens tui_wait_for 'tuning: lambda x keep, validation loss' 10
check net_grid_fills tui_wait_for 'B lambda [0-9.e-]+ keep [0-9.]+ \(' 60
check net_legend tui_wait_for 'val loss \(log\) [0-9.e-]+ .* [0-9.e-]+  B best  S one-SE'
check net_cell_model_shown tui_wait_for 'model at cell'
check net_cell_histogram_shown tui_wait_for 'histogram at the grid cell'
tui_keys Up Left Enter
check net_enter_notice tui_wait_for 'lambda [0-9.e-]+, keep [0-9.]+ from the grid'
# the notice names the cursor's cell, as the head line does
nk=$(tui_screen | sed -n 's/.*lambda \([0-9.e+-]*\)  keep \([0-9.]*\)  val loss.*/\1, keep \2/p' | head -n 1)
check net_enter_applies_cursor_cell tui_wait_for "lambda $nk from the grid"
# a knob off the grid (the learning rate) changes every cell: the grid starts
# over (its small cells refill fast: the picks' losses are what changes)
picks() { tui_screen | grep -Eo 'B lambda [0-9.e-]+ keep [0-9.]+ \([0-9.e-]+\)'; }
before=$(picks)
tui_keys E
picks_changed() { now=$(picks) && [ -n "$now" ] && [ "$now" != "$before" ]; }
check net_lr_change_restarts tui_wait_until 60 picks_changed
tui_keys Escape
check net_esc_closes tui_wait_gone 'tuning: lambda x keep'
tui_keys q
tui_wait_exit

# ---- --tune without --headless: the TUI opens on that grid -----------------------
tui_start 80 24 "$ASCII_ENV" --data sparse --model linear --tune alpha=0,1
check tune_option_opens_the_view tui_wait_for 'tuning: alpha x lambda' 10
check tune_option_rows_are_its_alphas tui_wait_for 'B alpha (0|1) lambda [0-9.e-]+ +S alpha' 60
if tui_screen | grep -Eq '^\|[> ]?0\.25'; then
    not_ok tune_option_only_its_rows "$(tui_diag)"
else ok tune_option_only_its_rows; fi
tui_keys q
tui_wait_exit
tui_start 80 24 "$ASCII_ENV" --data moons --model 8 --epochs 20 --tune lr=0.03,0.3 --tune keep=0.5,1
check tune_option_net_grid tui_wait_for 'tuning: lr x keep, validation loss' 10
check tune_option_net_grid_fills tui_wait_for 'B lr [0-9.]+ keep [0-9.]+' 60
tui_keys q
tui_wait_exit

# ---- into a file (not a terminal) --tune prints its grid, --headless or not ----
out=$TUI_TMP/grid.jsonl
if "$TUI_BIN" --data sparse --model linear --tune alpha=0,1 --path-len 5 >"$out" 2>"$out.err" &&
    [ "$(grep -c '^{"alpha"' "$out")" = 10 ] && grep -q '"tune":true' "$out"; then
    ok tune_into_a_file_prints_the_grid
else not_ok tune_into_a_file_prints_the_grid "$(head -c 400 "$out" "$out.err")"; fi

[ "$failures" -eq 0 ]
