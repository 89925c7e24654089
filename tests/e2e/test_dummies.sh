#!/bin/sh
# End-to-end tests of one-hot columns in the weight bars: a text column's
# dummies stand under a heading row with the column's name ("supp", then
# " =VC", " =OJ" with their bars and values), an imputed column's indicator
# reads "Ozone ?", at 80x24, 120x40 and 200x60, in UTF-8 and in ASCII.
# One "ok NAME" or "not ok NAME" line per check; exit 0 when all are ok.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/tui_lib.sh
B='[|│]'

# grouped NAME LEVEL...: a heading row "NAME" with no bar and no value (the
# centre line, then blanks to the panel's edge), and right under it one row
# per LEVEL, " =LEVEL" with a value; "NAME=" itself nowhere.
grouped() {
    _g=$1
    shift
    tui_screen >"$TUI_TMP/screen"
    _at=$(grep -nE "^$B$_g +$B +$B" "$TUI_TMP/screen" | head -n 1 | cut -d: -f1)
    if [ -z "$_at" ] || grep -q "$_g=" "$TUI_TMP/screen"; then return 1; fi
    for _lv in "$@"; do
        _at=$((_at + 1))
        sed -n "${_at}p" "$TUI_TMP/screen" | grep -Eq "^$B =$_lv +.*[0-9]" || return 1
    done
}
tg_grouped() { grouped supp VC OJ; }
aq_grouped() { grouped Month 5 6 7 8 9 && tui_screen | grep -Eq "^${B}Ozone \? +.*[0-9]"; }

for term in 'LANG=C.UTF-8 TERM=xterm-256color' 'LANG=C TERM=vt100'; do
    case $term in *vt100*) t=ascii ;; *) t=utf8 ;; esac
    for size in "80 24" "120 40" "200 60"; do
        set -- $size
        tui_start "$1" "$2" "$term" --data tests/data/toothgrowth.csv --target len --model linear
        tui_wait_for 'epoch [0-9]+' >/dev/null
        check "toothgrowth_supp_levels_under_its_name_${t}_$1x$2" tui_wait_until 5 tg_grouped
        tui_keys q
        tui_wait_exit
        tui_start "$1" "$2" "$term" --data tests/data/airquality.csv --target Temp --missing mean \
            --categorical Month --model linear
        tui_wait_for 'epoch [0-9]+' >/dev/null
        check "airquality_month_grouped_ozone_marked_${t}_$1x$2" tui_wait_until 5 aq_grouped
        if [ "$t" = ascii ]; then check "airquality_ascii_only_$1x$2" tui_only_ascii; fi
        tui_keys q
        tui_wait_exit
    done
done

[ "$failures" -eq 0 ]
