#!/bin/sh
# End-to-end tests of lesson files: a teacher's three-step file headless
# (one record a step, its check against the final state), a bad file refused
# with its place and exit 2, and --lesson list finding the user's lessons.
# One "ok NAME" or "not ok NAME" line per check; exit 0 when all are ok.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/tui_lib.sh
BIN=${REGSCOPE:-./regscope}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; tui_cleanup' EXIT

cat > "$tmp/three.lesson" <<'LESSON'
title three steps on the sparse data
scene --data sparse --samples 200 --noise 20 --model linear --lambda 0.1 --alpha 1
scene --epochs 50
step
prompt Train a little.
check epoch >= 50 and zeros >= 50%
step
prompt Now raise lambda a lot.
set --lambda 2
check lambda >= 1
step
prompt Look at it.
LESSON
out=$("$BIN" --lesson "$tmp/three.lesson" --headless 2>&1)
rc=$?
steps=$(printf '%s\n' "$out" | grep '^{"step":')
want='{"step":1,"check":"epoch >= 50 and zeros >= 50%","holds":true}
{"step":2,"check":"lambda >= 1","holds":false}
{"step":3,"check":null,"holds":true}'
if [ "$rc" = 0 ] && [ "$steps" = "$want" ]; then ok lesson_file_headless_checks; else
    not_ok lesson_file_headless_checks "rc=$rc
$steps"; fi
# the final record stays last, after the steps
if printf '%s\n' "$out" | tail -1 | grep -q '^{"final":true'; then ok lesson_file_final_last; else
    not_ok lesson_file_final_last "$(printf '%s\n' "$out" | tail -2)"; fi
# a flag on the command line over the scene: step 2 holds now
out=$("$BIN" --lesson "$tmp/three.lesson" --headless --lambda 1.5 2>&1)
if printf '%s\n' "$out" | grep -qF '{"step":2,"check":"lambda >= 1","holds":true}'; then
    ok lesson_file_flag_over_scene; else not_ok lesson_file_flag_over_scene "$out"; fi
# compare mode: one record a step and run
out=$("$BIN" --lesson sparsity --headless --epochs 200 2>&1)
if printf '%s\n' "$out" | grep -qF '{"step":2,"run":"L1","check":"alpha == 1 and zeros >= 50%","holds":true}' &&
    printf '%s\n' "$out" | grep -qF '{"step":2,"run":"L2","check":"alpha == 1 and zeros >= 50%","holds":false}'; then
    ok lesson_sparsity_l1_zeros_l2_none; else not_ok lesson_sparsity_l1_zeros_l2_none "$out"; fi

# a scene saved under a lesson file names the file and brings its steps back
"$BIN" --lesson "$tmp/three.lesson" --headless --epochs 5 --save "$tmp/s.scene" >/dev/null 2>&1
out=$("$BIN" --load "$tmp/s.scene" --headless --epochs 5 2>&1)
if grep -qx "lesson $tmp/three.lesson" "$tmp/s.scene" &&
    printf '%s\n' "$out" | grep -qF '{"step":2,"check":"lambda >= 1","holds":false}'; then
    ok lesson_file_scene_roundtrip; else not_ok lesson_file_scene_roundtrip "$out"; fi

printf 'title bad\nstep\ncheck zeros >= 50%% and lamda > 0\n' > "$tmp/bad.lesson"
err=$("$BIN" --lesson "$tmp/bad.lesson" --headless 2>&1 >/dev/null)
rc=$?
case $err in
"regscope: $tmp/bad.lesson:3:24: unknown metric 'lamda' ("*) [ "$rc" = 2 ] && ok lesson_file_bad_metric_place ||
    not_ok lesson_file_bad_metric_place "rc=$rc" ;;
*) not_ok lesson_file_bad_metric_place "rc=$rc $err" ;;
esac
printf 'title bad\nscene --data xor --lambda -2\n' > "$tmp/bad.lesson"
err=$("$BIN" --lesson "$tmp/bad.lesson" 2>&1 >/dev/null)
rc=$?
if [ "$rc" = 2 ] && [ "$err" = "regscope: $tmp/bad.lesson:2:18: --lambda must be a number >= 0 (got -2)" ]; then
    ok lesson_file_bad_setting_place; else not_ok lesson_file_bad_setting_place "rc=$rc $err"; fi

mkdir -p "$tmp/xdg/regscope/lessons"
cp "$tmp/three.lesson" "$tmp/xdg/regscope/lessons/three.lesson"
out=$(XDG_DATA_HOME="$tmp/xdg" "$BIN" --lesson list 2>&1)
if printf '%s\n' "$out" | grep -q '^overfit ' &&
    printf '%s\n' "$out" | tail -1 | grep -q "^three  *three steps on the sparse data ($tmp/xdg/regscope/lessons/three.lesson)"; then
    ok lesson_list_finds_user_lessons; else not_ok lesson_list_finds_user_lessons "$out"; fi
out=$(XDG_DATA_HOME="$tmp/xdg" "$BIN" --lesson three --headless --epochs 1 2>&1)
if printf '%s\n' "$out" | grep -qF '{"step":1,"check":"epoch >= 50 and zeros >= 50%","holds":false}'; then
    ok lesson_by_name_from_user_folder; else not_ok lesson_by_name_from_user_folder "$out"; fi
[ "$failures" -eq 0 ]
