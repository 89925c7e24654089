#!/bin/sh
# End-to-end tests of the geometry view: `g` in a real terminal (tmux) on a
# two-weight model, what it shows at 80x24 / 120x40 / 200x60, alpha turning
# the diamond into a circle, the corr knobs, `g` on a model with more
# weights (switches to corr data), the lesson, ASCII under LANG=C TERM=vt100,
# and --geometry --snapshot.
# One "ok NAME" or "not ok NAME" line per check; exit 0 when all are ok.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/tui_lib.sh
BIN=${REGSCOPE:-./regscope}
UTF='LANG=C.UTF-8 TERM=xterm-256color'

# --- g on corr data, a linear model --------------------------------------------
tui_start 120 40 "$UTF" --data corr --model linear --lambda 0.3 --alpha 1
tui_wait_epoch_above 5 >/dev/null
tui_keys g
if tui_wait_for 'geometry: weights w1, w2'; then ok geometry_opens_on_g; else
    not_ok geometry_opens_on_g "$(tui_diag)"; fi
if tui_wait_for 'L1 diamond \(alpha 1\)' && tui_wait_for 'data-loss contours' 1 &&
    tui_wait_for 'how often an exact 0' 1; then ok geometry_shows_contours_diamond_and_count; else
    not_ok geometry_shows_contours_diamond_and_count "$(tui_diag)"; fi
# the lasso lands on the corner: w2 exactly 0, said in words and in numbers
if tui_wait_for 'on a corner: w2 is exactly 0' && tui_wait_for 'solution w1 [0-9.]+, w2 0 exactly' 1 &&
    tui_wait_for 'weights now w1 [0-9.]+, w2 0 exactly'; then ok geometry_l1_lands_on_the_corner; else
    not_ok geometry_l1_lands_on_the_corner "$(tui_diag)"; fi
# the solution shown is the weights trained: the two lines agree
sol=$(tui_screen | sed -n 's/.*solution w1 \([0-9.]*\),.*/\1/p' | head -n 1)
now=$(tui_screen | sed -n 's/.*weights now w1 \([0-9.]*\),.*/\1/p' | head -n 1)
if [ -n "$sol" ] && [ "$sol" = "$now" ]; then ok geometry_solution_equals_weights; else
    not_ok geometry_solution_equals_weights "solution '$sol' weights '$now'
$(tui_diag)"; fi
if tui_screen | grep -Eq 'L1 +[^ ]* *[0-9]+%' && tui_screen | grep -Eq 'L2 +0%.* 0%'; then
    ok geometry_count_l1_zeros_l2_none; else not_ok geometry_count_l1_zeros_l2_none "$(tui_diag)"; fi
# alpha down to 0: the circle, no corners
for _ in 1 2 3 4 5 6 7 8 9 10; do tui_keys a; done
if tui_wait_for 'L2 circle \(alpha 0\)' && tui_wait_for 'a circle has no corners'; then
    ok geometry_alpha_0_is_a_circle; else not_ok geometry_alpha_0_is_a_circle "$(tui_diag)"; fi
# halfway: the elastic net's shape, and its own row in the count
for _ in 1 2 3 4 5; do tui_keys A; done
if tui_wait_for 'elastic-net shape \(alpha 0.5\)' && tui_wait_for 'EN 0.5' 1; then
    ok geometry_alpha_half_is_elastic_net; else not_ok geometry_alpha_half_is_elastic_net "$(tui_diag)"; fi
# the shape knobs: ] raises the correlation, } the direction (shown in the count and controls)
tui_keys ']' '}'
if tui_wait_for 'corr 0.6' && tui_wait_for 'direction 11' 1; then ok geometry_corr_direction_keys; else
    not_ok geometry_corr_direction_keys "$(tui_diag)"; fi
for size in "80 24" "200 60"; do
    set -- $size
    tui_resize "$1" "$2"
    if tui_wait_for 'geometry: weights w1, w2' && tui_wait_for 'how often an exact 0' &&
        tui_wait_for 'on an edge|on a corner|no corners'; then ok "geometry_layout_${1}x$2"; else
        not_ok "geometry_layout_${1}x$2" "$(tui_diag)"; fi
done
tui_keys g
if tui_wait_gone 'geometry: weights w1, w2' && tui_wait_for 'weights \(biases not penalized\)'; then
    ok geometry_g_again_closes; else not_ok geometry_g_again_closes "$(tui_diag)"; fi
tui_keys q
tui_wait_exit
if [ "$tui_rc" = 0 ]; then ok geometry_q_exits_0; else not_ok geometry_q_exits_0 "rc=$tui_rc"; fi

# --- g on the default 8,8 net: switches to two weights and says so ------------------
tui_start 120 40 "$UTF"
tui_wait_epoch_above 1 >/dev/null
tui_keys g
if tui_wait_for 'geometry needs two weights: now --data corr --model linear' && tui_wait_for 'data corr +model linear' &&
    tui_wait_for 'L1 diamond'; then ok geometry_switches_a_net_to_two_weights; else
    not_ok geometry_switches_a_net_to_two_weights "$(tui_diag)"; fi
# with the view open, a net has no plane: the view says why
tui_keys m m
if tui_wait_for 'needs exactly two weights'; then ok geometry_says_why_not_for_a_net; else
    not_ok geometry_says_why_not_for_a_net "$(tui_diag)"; fi
# g again: the scene g replaced comes back
tui_keys g
if tui_wait_for 'back to --data circle' && tui_wait_for 'data circle +model 8,8'; then
    ok geometry_closing_restores_the_scene; else not_ok geometry_closing_restores_the_scene "$(tui_diag)"; fi
tui_keys q
tui_wait_exit

# --- leaving the view another way (p, the path view) also brings the scene back ----------
tui_start 120 40 "$UTF"
tui_wait_epoch_above 1 >/dev/null
tui_keys g
tui_wait_for 'data corr +model linear' >/dev/null
tui_keys p # (the path view then says it needs a linear model)
if tui_wait_for 'data circle +model 8,8'; then
    ok geometry_left_by_p_restores_the_scene; else
    not_ok geometry_left_by_p_restores_the_scene "$(tui_diag)"; fi
tui_keys q
tui_wait_exit

# --- the lesson, in ASCII -------------------------------------------------------------
tui_start 80 24 'LANG=C TERM=vt100' --lesson geometry
if tui_wait_for 'lesson geometry' && tui_wait_for 'L1 diamond' && tui_wait_for 'on a corner'; then
    ok geometry_lesson_opens_the_view; else not_ok geometry_lesson_opens_the_view "$(tui_diag)"; fi
if tui_screen | LC_ALL=C grep -q '[^ -~]'; then
    not_ok geometry_ascii_only "$(tui_screen | LC_ALL=C grep -n '[^ -~]' | head -3)"
else ok geometry_ascii_only; fi
if tui_screen | grep -q '#' && tui_screen | grep -q '@'; then ok geometry_ascii_glyphs; else
    not_ok geometry_ascii_glyphs "$(tui_diag)"; fi
tui_keys q
tui_wait_exit

# --- the penalty families: MCP's star, SCAD's, the group's circle ----------------------
# MCP in ASCII: its level set runs along the w1 axis past the flat point (a
# ray of '#' on the axis row), the solution on it, not pulled in; the L1 diamond
# only touches the axis at its corner
tui_start 80 24 'LANG=C TERM=vt100' --data corr --model linear --lambda 0.3 --penalty mcp
tui_wait_epoch_above 5 >/dev/null
tui_keys g
if tui_wait_for 'MCP shape, gamma 3 \(alpha 1\)' && tui_wait_for 'on a corner: w2 = 0, no pull on w1' &&
    tui_screen | grep 'X' | grep -Eq '#{6,}'; then ok geometry_mcp_star_with_its_ray; else
    not_ok geometry_mcp_star_with_its_ray "$(tui_diag)"; fi
tui_keys v # the next family: SCAD, its gamma beside it
if tui_wait_for 'SCAD shape, gamma 3.7 \(alpha 1\)' && tui_wait_for 'penalty scad +gamma 3.7' 1; then
    ok geometry_scad_shape_on_v; else not_ok geometry_scad_shape_on_v "$(tui_diag)"; fi
tui_keys v # round to enet: the diamond, no ray
if tui_wait_for 'L1 diamond \(alpha 1\)' && ! tui_screen | grep 'X' | grep -Eq '#{6,}'; then
    ok geometry_diamond_has_no_ray; else not_ok geometry_diamond_has_no_ray "$(tui_diag)"; fi
tui_keys q
tui_wait_exit
# both weights one group: a circle, both in (no exact 0)
tui_start 120 40 "$UTF" --data corr --model linear --lambda 0.3 --penalty group --groups 1,2
tui_wait_epoch_above 5 >/dev/null
tui_keys g
if tui_wait_for 'one group: a circle \(alpha 1\)' && tui_wait_for 'solution w1 0\.[0-9]+, w2 0\.[0-9]+ ' &&
    tui_wait_for 'no exact 0' 1; then ok geometry_one_group_is_a_circle; else
    not_ok geometry_one_group_is_a_circle "$(tui_diag)"; fi
tui_keys q
tui_wait_exit

# --- headless snapshot of the view -------------------------------------------------
tmp=$(mktemp -d)
if "$BIN" --data corr --model linear --lambda 0.3 --geometry --epochs 500 --snapshot "$tmp/g.txt" \
    --size 120x40 2>"$tmp/err" && grep -q 'on a corner: w2 is exactly 0' "$tmp/g.txt"; then
    ok geometry_snapshot; else not_ok geometry_snapshot "$(cat "$tmp/err" "$tmp/g.txt" 2>/dev/null)"; fi
# a model without two weights: switched as g does, and said on stderr
if "$BIN" --geometry --epochs 300 --snapshot "$tmp/h.txt" 2>"$tmp/err" &&
    grep -q 'needs a model with two weights: drawing --data corr --model linear' "$tmp/err" &&
    grep -q 'L1 diamond' "$tmp/h.txt"; then ok geometry_snapshot_switches_to_two_weights; else
    not_ok geometry_snapshot_switches_to_two_weights "$(cat "$tmp/err" "$tmp/h.txt" 2>/dev/null)"; fi
# logistic regression on two features: the unpenalized point is where lambda 0 lands
out=$("$BIN" --data gauss --model linear --lambda 0 --geometry --epochs 3000 --lr 1 --snapshot "$tmp/l.txt" \
    --size 120x40 2>&1)
sol=$(sed -n 's/.*solution w1 \([-0-9.e]*\), w2 \([-0-9.e]*\).*/\1 \2/p' "$tmp/l.txt" | head -n 1)
ref=$(sed -n 's/.*no penalty: w1 \([-0-9.e]*\), w2 \([-0-9.e]*\).*/\1 \2/p' "$tmp/l.txt" | head -n 1)
if [ -n "$sol" ] && [ "$sol" = "$ref" ]; then ok geometry_logistic_no_penalty_is_lambda_0; else
    not_ok geometry_logistic_no_penalty_is_lambda_0 "solution '$sol' no penalty '$ref' $out"; fi
rm -rf "$tmp"

[ "$failures" -eq 0 ]
