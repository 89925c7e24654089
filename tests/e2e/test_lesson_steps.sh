#!/bin/sh
# End-to-end tests of a lesson's steps in the TUI: a three-step lesson file
# where the second step's check (lambda >= 0.01) is reached by pressing L;
# n moves on only once it holds (before, the status line says what is not
# yet met), h shows the hint, N goes back, the line says done (a tick, or
# [done] in ASCII). Then --keys drives the same lesson with --record: the
# recording has a marker for each step with its prompt, asciinema cat of it
# ends on the last step's prompt and asciinema play shows each in turn. One "ok NAME" / "not ok NAME" a check.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/tui_lib.sh

lesson=$TUI_TMP/three.lesson
cat >"$lesson" <<'LESSON'
title three steps on the lasso
scene --data sparse --model linear --lambda 0 --speed 50
step
prompt Watch the weights train.
step
prompt Raise lambda to 0.01 or more with L.
hint L raises lambda one rung a press.
check lambda >= 0.01
step
prompt The zeros appear as lambda grows.
LESSON

for mode in "LANG=C.UTF-8 TERM=xterm-256color utf8 ✓ done" "LANG=C TERM=vt100 ascii \[done\]"; do
    set -- $mode
    env="$1 $2" tag=$3 done_mark=$4
    tui_start 80 24 "$env" --lesson "$lesson"
    check "steps_first_step_shown_$tag" tui_wait_for 'step 1/3: Watch the weights train'
    tui_keys n
    check "steps_n_goes_to_step_2_$tag" tui_wait_for 'step 2/3: Raise lambda'
    tui_keys n
    check "steps_n_waits_for_the_check_$tag" tui_wait_for 'step 2: not yet: lambda >= 0.01'
    if tui_screen | grep -q 'step 3/3'; then not_ok "steps_still_on_step_2_$tag" "$(tui_diag)"; else
        ok "steps_still_on_step_2_$tag"; fi
    tui_keys h
    check "steps_h_shows_the_hint_$tag" tui_wait_for 'hint: L raises'
    tui_keys L L L L L
    check "steps_check_holds_after_the_keys_$tag" tui_wait_for "$done_mark"
    tui_keys n
    check "steps_n_moves_on_once_done_$tag" tui_wait_for 'step 3/3: The zeros appear'
    tui_keys N
    check "steps_N_goes_back_$tag" tui_wait_for 'step 2/3: Raise lambda'
    tui_keys q
    tui_wait_exit
done

keys=$TUI_TMP/steps.keys cast=$TUI_TMP/steps.cast
printf '0.5 n\n1 L\n1.2 L\n1.4 L\n1.6 L\n1.8 L\n2.5 n\n4 q\n' >"$keys"
tui_start 80 24 'LANG=C.UTF-8 TERM=xterm-256color' --lesson "$lesson" --keys "$keys" --record "$cast"
check steps_keys_quit tui_wait_exit 20
if python3 - "$cast" <<'PY'; then ok steps_recording_marks_each_step; else not_ok steps_recording_marks_each_step "$(grep '"m"' "$cast")"; fi
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1]).read().splitlines()[1:]]
marks = [e[2] for e in ev if e[1] == "m"]
want = ["step 1/3: Watch the weights train.", "step 2/3: Raise lambda to 0.01 or more with L.",
        "step 3/3: The zeros appear as lambda grows."]
assert marks == want, marks
PY
if command -v asciinema >/dev/null 2>&1; then
    tmx new-session -d -s replay -x 80 -y 24 "asciinema cat $(sq "$cast"); sleep 60"
    TUI_S=replay
    check steps_replay_ends_on_the_last_step tui_wait_for 'step 3/3: The zeros appear'
    tmx kill-session -t replay
    # played at its pace, the replay shows each step's prompt in turn
    tmx new-session -d -s play -x 80 -y 24 "asciinema play $(sq "$cast"); sleep 60"
    TUI_S=play
    check steps_replay_shows_step_1 tui_wait_for 'step 1/3: Watch the weights train' 5
    check steps_replay_shows_step_2 tui_wait_for 'step 2/3: Raise lambda' 5
    check steps_replay_shows_step_3 tui_wait_for 'step 3/3: The zeros appear' 8
    tmx kill-session -t play
else
    ok "steps_replay_ends_on_the_last_step # skip asciinema not installed"
fi
exit "$((failures > 0))"
