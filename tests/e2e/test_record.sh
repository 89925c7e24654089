#!/bin/sh
# End-to-end tests of --keys and --record: a lesson driven by a key file in
# tmux at 80x24 records itself (asciicast v2: the header, "o" frames, the
# "m" marker where the lesson makes its point); `asciinema cat` of the
# recording, run in a terminal, shows the last frame: the lesson's line at
# its point and the lambda the keys set. Bad key files are refused at
# FILE:LINE:COL. One "ok NAME" or "not ok NAME" line per check.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/tui_lib.sh

keys=$TUI_TMP/demo.keys cast=$TUI_TMP/demo.cast
printf '# L twice, then quit\n0.3 L\n0.6 L\n3.5 q\n' >"$keys"
tui_start 80 24 'LANG=C.UTF-8 TERM=xterm-256color' --lesson sparsity --pause-at 20 --speed 20 \
    --keys "$keys" --record "$cast"
check record_keys_quit_the_tui tui_wait_exit
if python3 - "$cast" <<'PY'; then ok record_is_asciicast_v2; else not_ok record_is_asciicast_v2 "$(head -c 400 "$cast")"; fi
import json, sys
lines = open(sys.argv[1]).read().splitlines()
h = json.loads(lines[0])
assert h["version"] == 2 and h["width"] == 80 and h["height"] == 24, h
assert h["command"].startswith("regscope --lesson sparsity"), h
ev = [json.loads(l) for l in lines[1:]]
assert len([e for e in ev if e[1] == "o"]) >= 10
times = [e[0] for e in ev]
assert times == sorted(times) and 0.5 < times[-1] < 10, times[-1]
marks = [e[2] for e in ev if e[1] == "m"]
assert marks[0].startswith("step 1/3: Thirty features"), marks  # the lesson's first step
point = [m for m in marks if m.startswith("lesson sparsity: L1 has set")]
assert len(point) == 1, marks  # and, once, where it makes its point
PY
if command -v asciinema >/dev/null 2>&1; then
    tmx new-session -d -s replay -x 80 -y 24 "asciinema cat $(sq "$cast"); sleep 60"
    TUI_S=replay
    check record_replay_shows_the_lesson_point tui_wait_for 'lesson sparsity at epoch 20: L1 has set most weights'
    check record_replay_shows_the_keys_lambda tui_wait_for 'lambda 1 '
    tmx kill-session -t replay
else
    ok "record_replay_shows_the_lesson_point # skip asciinema not installed"
fi

# a bad key file: refused before the TUI starts, at its line and column
printf '1 L\n2 shift\n' >"$keys"
"$TUI_BIN" --keys "$keys" >"$TUI_TMP/out" 2>"$TUI_TMP/err" </dev/null
rc=$?
if [ "$rc" = 2 ] && grep -q "^regscope: $keys:2:3: unknown key 'shift'" "$TUI_TMP/err"; then
    ok keys_bad_file_refused_at_line_and_column
else
    not_ok keys_bad_file_refused_at_line_and_column "rc=$rc $(cat "$TUI_TMP/err")"
fi
"$TUI_BIN" --headless --record "$cast" >/dev/null 2>"$TUI_TMP/err"
rc=$?
if [ "$rc" = 2 ] && grep -q -- "--headless cannot be combined with --record" "$TUI_TMP/err"; then
    ok record_refused_headless; else not_ok record_refused_headless "rc=$rc $(cat "$TUI_TMP/err")"; fi

exit "$((failures > 0))"
