#!/bin/sh
# End-to-end tests of the themes: T cycles dark -> light -> mono -> dark in
# the TUI at 80x24 (light: black on a white page, xterm colour 231 behind
# every cell; mono: no colour at all) and says which; --theme light
# --snapshot draws the SVG on white at the --font-size asked for; a scene
# keeps the theme. One "ok NAME" or "not ok NAME" line per check.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/tui_lib.sh

# every cell of the screen on the white page or a colour of the light theme
light_page() { tui_screen_escapes | grep -q '48;5;231' && ! tui_screen_escapes | grep -q '38;5;81'; }
no_colour() { ! tui_screen_escapes | grep -q '38;5\|48;5'; }
dark_page() { tui_screen_escapes | grep -q '38;5;81' && ! tui_screen_escapes | grep -q '48;5;231'; }

tui_start 80 24 'LANG=C.UTF-8 TERM=xterm-256color' --lesson sparsity
tui_wait_for 'epoch [0-9]+' >/dev/null
check theme_starts_dark_80x24 tui_wait_until 5 dark_page
tui_keys T
check theme_T_says_light tui_wait_for 'theme light'
check theme_light_is_a_white_page_80x24 tui_wait_until 5 light_page
check theme_light_labels_whole_80x24 tui_labels_visible
tui_keys T
check theme_T_then_mono_has_no_colour tui_wait_until 5 no_colour
tui_keys T
check theme_T_cycles_back_to_dark tui_wait_until 5 dark_page
tui_keys T S
if tui_wait_for 'wrote scene' 10; then
    f=$(tui_screen_joined | sed -n 's/.*wrote scene \(regscope-[0-9-]*\.scene\).*/\1/p' | tail -n 1)
    if [ -n "$f" ] && grep -qx 'theme light' "$f"; then ok theme_kept_by_S; else
        not_ok theme_kept_by_S "scene '$f': $(grep theme "$f" 2>&1)"; fi
    rm -f "$f"
else
    not_ok theme_kept_by_S "$(tui_diag)"
fi
tui_keys q
tui_wait_exit

svg=$TUI_TMP/light.svg
if "$TUI_BIN" --data moons --epochs 20 --theme light --font-size 20 --snapshot "$svg" --size 80x24 \
    >/dev/null 2>&1 && grep -q 'font-size="20"' "$svg" && grep -q 'fill="#ffffff"' "$svg" &&
    ! grep -q '#5fd7ff' "$svg"; then
    ok theme_light_snapshot_on_white_at_font_size
else
    not_ok theme_light_snapshot_on_white_at_font_size "$(head -c 300 "$svg" 2>&1)"
fi

exit "$((failures > 0))"
