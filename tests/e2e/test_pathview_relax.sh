#!/bin/sh
# End-to-end tests of the relaxed lasso in the TUI's path view (key p with
# --relax / --relax-gamma) in tmux, at 80x24: the panel splits into the
# lasso (left, tagged "lasso") and the relaxed lasso (right, tagged
# "relaxed γ=G", or "relaxed g=G" in ASCII) on the same axes; with gamma 1
# the relaxed fit is the lasso, so the two weight plots are drawn alike, and
# with gamma 0 they are not; ASCII mode stays ASCII; without --relax there
# is no relaxed half. "ok NAME" / "not ok NAME" lines.
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
ASCII_ENV='LANG=C TERM=vt100'

quit_check() {
    tui_keys q
    tui_wait_exit
    if [ "$tui_rc" = 0 ]; then ok "${1}q_exits_0"; else not_ok "${1}q_exits_0" "exit status '${tui_rc}'
$(tui_stderr)
$(tui_diag)"; fi
}

# halves_alike: 0 when the weight plots' rows of the two halves (the path
# panel's rows under its title down to the loss legend) are the same text,
# the tagged rows aside; ASCII screens only (one byte a column).
halves_alike() {
    tui_screen | python3 -c '
import sys
rows = sys.stdin.read().split("\n")
top = next(i for i, r in enumerate(rows) if "path: lambda" in r)
leg = next(i for i, r in enumerate(rows) if i > top and "* train" in r)
x0 = rows[top].index("path: lambda")
same = True
for r in rows[top + 1:leg]:
    inner = r[x0:]
    end = inner.rfind("|")
    inner = inner[:end]
    w1 = (len(inner) - 1) // 2
    left, right = inner[:w1], inner[len(inner) - w1:]
    if "lasso" in left or "relaxed" in right:
        continue
    same = same and left == right
sys.exit(0 if same else 1)'
}

# ---- UTF-8, gamma 0 -------------------------------------------------------------
tui_start 80 24 "$UTF8_ENV" --data sparse --model linear --relax
check starts tui_wait_for 'epoch [0-9]'
tui_keys p
check p_opens_path_view tui_wait_for 'path: lambda [0-9]'
check lasso_half_tagged tui_wait_for '│ lasso|lasso│'
check relaxed_half_tagged tui_wait_for 'relaxed γ=0'
check both_halves_have_axes tui_wait_for 'lambda [0-9.e-]+─.*lambda [0-9.e-]+─'
quit_check utf8_

# ---- ASCII, gamma 0.5, then 1 and 0 compared ------------------------------------
tui_start 80 24 "$ASCII_ENV" --data sparse --model linear --relax-gamma 0.5
check ascii_starts tui_wait_for 'epoch [0-9]'
tui_keys p
check ascii_relaxed_tag tui_wait_for 'relaxed g=0.5'
if tui_only_ascii; then ok ascii_only; else not_ok ascii_only "$(tui_diag)"; fi
quit_check ascii_

tui_start 80 24 "$ASCII_ENV" --data sparse --model linear --relax --relax-gamma 1 --val-ratio 0.2
tui_keys p
check gamma1_relaxed_tag tui_wait_for 'relaxed g=1'
if halves_alike; then ok gamma1_halves_alike; else not_ok gamma1_halves_alike "$(tui_diag)"; fi
quit_check gamma1_

tui_start 80 24 "$ASCII_ENV" --data sparse --model linear --relax-gamma 0
tui_keys p
check gamma0_relaxed_tag tui_wait_for 'relaxed g=0'
if halves_alike; then not_ok gamma0_halves_differ "$(tui_diag)"; else ok gamma0_halves_differ; fi
quit_check gamma0_

# ---- without --relax: the lasso alone -------------------------------------------
tui_start 80 24 "$ASCII_ENV" --data sparse --model linear
tui_keys p
check plain_path_view tui_wait_for 'path: lambda [0-9]'
sleep 1
if tui_screen | grep -q 'relaxed'; then not_ok plain_no_relaxed_half "$(tui_diag)"; else ok plain_no_relaxed_half; fi
quit_check plain_

[ "$failures" -eq 0 ]
