#!/bin/sh
# End-to-end tests of the pace a class sees: --speed caps the epochs a
# second, --pause-at stops the run once at its epoch (space trains on), and
# the lessons start slow enough to watch. At 80x24 and 120x40, colour and
# ASCII (TERM=vt100 LANG=C).
# One "ok NAME" or "not ok NAME" line per check; exit 0 when all are ok.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/tui_lib.sh
BIN=${REGSCOPE:-./regscope}

for size in "80 24" "120 40"; do
    set -- $size
    cols=$1 rows=$2
    for term in 'LANG=C.UTF-8 TERM=xterm-256color' 'LANG=C TERM=vt100'; do
        tag=${cols}x${rows}_$(printf '%s' "$term" | sed 's/.*TERM=//; s/-.*//')
        tui_start "$cols" "$rows" "$term" --speed 20 --pause-at 40
        if tui_wait_for 'paused at epoch 40' 8 && [ "$(tui_epoch)" = 40 ]; then
            ok "pause_at_stops_at_its_epoch_$tag"
        else
            not_ok "pause_at_stops_at_its_epoch_$tag" "$(tui_diag)"
        fi
        tui_keys Space
        if tui_wait_epoch_above 45 5 && tui_wait_gone 'paused at epoch' 2; then
            ok "space_trains_on_past_the_pause_$tag"
        else
            not_ok "space_trains_on_past_the_pause_$tag" "$(tui_diag)"
        fi
        tui_keys q
        tui_wait_exit
    done
done

# --speed 10: after about 3 s the counter is near 30, nowhere near thousands
tui_start 120 40 'LANG=C.UTF-8 TERM=xterm-256color' --data xor --speed 10
sleep 3
e=$(tui_epoch)
if [ -n "$e" ] && [ "$e" -ge 10 ] && [ "$e" -le 60 ]; then ok speed_limits_epochs_a_second; else
    not_ok speed_limits_epochs_a_second "epoch after 3 s: $e $(tui_diag)"; fi
tui_keys q
tui_wait_exit

# the dropout lesson, which used to be at epoch 74,000 within five seconds
tui_start 80 24 'LANG=C.UTF-8 TERM=xterm-256color' --lesson dropout
sleep 5
e=$(tui_epoch)
if [ -n "$e" ] && [ "$e" -ge 100 ] && [ "$e" -le 1000 ]; then ok dropout_lesson_runs_at_a_watchable_pace; else
    not_ok dropout_lesson_runs_at_a_watchable_pace "epoch after 5 s: $e $(tui_diag)"; fi
tui_keys q
tui_wait_exit

# a lesson paused at its point says what is seen there, in full at 80x24
for size in "80 24" "120 40"; do
    set -- $size
    for term in 'LANG=C.UTF-8 TERM=xterm-256color' 'LANG=C TERM=vt100'; do
        tag=$1x$2_$(printf '%s' "$term" | sed 's/.*TERM=//; s/-.*//')
        tui_start "$1" "$2" "$term" --lesson sparsity --speed 100 --pause-at 30
        if tui_wait_for 'lesson sparsity at epoch 30: L1 has set' 8 &&
            tui_screen_joined | tr -s ' \n' ' ' | grep -q 'set none to 0 (space: train on)'; then
            ok "lesson_says_its_point_where_it_pauses_$tag"
        else
            not_ok "lesson_says_its_point_where_it_pauses_$tag" "$(tui_diag)"
        fi
        tui_keys Space
        check "lesson_prompt_back_after_space_$tag" tui_wait_for 'lesson sparsity step 1/3: Thirty features' 3
        tui_keys q
        tui_wait_exit
    done
done

# the command line printed on quit keeps a speed turned with < and >
tui_start 120 40 'LANG=C TERM=vt100' --lesson dropout
tui_wait_for 'epoch [0-9]+' >/dev/null
tui_keys '>'
tui_wait_for 'speed 300/s' 3 >/dev/null
tui_keys q
tui_wait_exit
if tui_screen_joined | grep -q -- 'regscope --lesson dropout .*--speed 300'; then ok quit_line_keeps_speed; else
    not_ok quit_line_keeps_speed "$(tui_diag)"; fi
line=$(tui_screen_joined | grep -o 'regscope --lesson dropout.*' | head -1)
if [ -n "$line" ] && out=$(eval "$BIN ${line#regscope } --emit sklearn" 2>&1 >/dev/null) && [ -z "$out" ]; then
    ok quit_line_with_speed_parses; else not_ok quit_line_with_speed_parses "$line: $out"; fi

# refusals
out=$("$BIN" --speed 0 2>&1)
rc=$?
case "$rc:$out" in
"2:regscope: --speed: expected max or epochs per second > 0, got '0'") ok speed_0_refused ;;
*) not_ok speed_0_refused "rc=$rc $out" ;;
esac
out=$("$BIN" --pause-at -3 2>&1)
rc=$?
if [ "$rc" = 2 ]; then ok pause_at_negative_refused; else not_ok pause_at_negative_refused "rc=$rc $out"; fi

[ "$failures" -eq 0 ]
