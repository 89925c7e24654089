#!/bin/sh
# End-to-end tests that every lesson at 80x24 shows in full what it is
# about, in colour and in ASCII: its prompt uncut, and the panels its point
# needs (each run's weight histogram in the compare lessons, the penalty's
# gradient beside the histogram, the geometry plane and its verdict).
# One "ok NAME" or "not ok NAME" line per check; exit 0 when all are ok.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/tui_lib.sh

# needs LESSON: the extended regexps the screen must match, one a line
needs() {
    case $1 in
    overfit) printf '%s\n' 'decision boundary' 'loss' 'weights \(biases not penalized\)' '=0' ;;
    sparsity) printf '%s\n' 'L1 weights' 'L2 weights' 'zeros [0-9]+%' '-[0-9.]+-+=0-+[0-9.]+.*-[0-9.]+-+=0-+[0-9.]+' ;;
    elasticnet) printf '%s\n' 'lasso weights' 'enet weights' 'A1 ' 'validation loss per run' ;;
    dropout) printf '%s\n' 'keep1 weights' 'keep0.5 weights' '-[0-9.]+-+=0-+[0-9.]+.*-[0-9.]+-+=0-+[0-9.]+' 'validation loss per run' ;;
    early-stop) printf '%s\n' 'decision boundary' 'loss' 'best [0-9]+' ;;
    gradient) printf '%s\n' 'weights per feature' 'L1 [a-z(*]' 'L2 [a-z(*]' 'zeros [0-9]+%' ;;
    geometry) printf '%s\n' 'geometry: weights w1, w2' 'on a corner|on an edge|circle' 'how often an exact 0' ;;
    augment) printf '%s\n' 'none weights' 'L2 weights' 'noise weights' 'validation loss per run' ;;
    polyfit) printf '%s\n' 'none weights' 'L2 weights' 'validation loss per run' 'train .* val' ;;
    esac
}

for lesson in overfit sparsity elasticnet dropout early-stop gradient geometry augment polyfit; do
    for term in 'LANG=C.UTF-8 TERM=xterm-256color' 'LANG=C TERM=vt100'; do
        tag=${lesson}_$(printf '%s' "$term" | sed 's/.*TERM=//; s/-.*//')
        tui_start 80 24 "$term" --lesson "$lesson"
        tui_wait_for 'epoch [1-9]' >/dev/null
        sleep 0.5
        screen=$(tui_screen)
        ascii_screen=$(printf '%s\n' "$screen" | sed 's/─/-/g')
        missing=
        needs "$lesson" >"$TUI_TMP/needs"
        while IFS= read -r re; do
            printf '%s\n' "$ascii_screen" | grep -Eq -- "$re" || missing="$missing [$re]"
        done <"$TUI_TMP/needs"
        if [ -z "$missing" ]; then ok "lesson_${tag}_80x24_shows_its_panels"; else
            not_ok "lesson_${tag}_80x24_shows_its_panels" "missing:$missing
$screen"; fi
        # the prompt is wrapped whole, never cut with "..."
        if printf '%s\n' "$screen" | sed -n '2,4p' | grep -q '\.\.\.$'; then
            not_ok "lesson_${tag}_80x24_prompt_uncut" "$screen"
        else
            ok "lesson_${tag}_80x24_prompt_uncut"
        fi
        tui_keys q
        tui_wait_exit
    done
done

[ "$failures" -eq 0 ]
