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

# datasets/survey and datasets/cars93, found by bare name: the encoded columns
# in the order R gives them (for each column of read.csv(FILE, row.names = 1)
# on the rows whose target is not NA: paste0(COL, "=", unique(x[!is.na(x)]))
# and COL=NA for a text column, COL and COL:missing for a numeric one with a
# missing value)
BIN=$TUI_BIN
tmp=$TUI_TMP
features() { # features NAME EXPECTED-LIST (comma-separated)
    if got=$(${PY:-python3} -c 'import json, sys; print(",".join(json.loads(open(sys.argv[1]).readlines()[-1])["features"]))' "$tmp/out" 2>&1) &&
        [ "$rc" -eq 0 ] && [ "$got" = "$2" ]; then ok "$1"; else not_ok "$1" "rc=$rc got $got $(head -c 300 "$tmp/err")"; fi
}
SURVEY='Sex=Female,Sex=Male,Sex=NA,Wr.Hnd,Wr.Hnd:missing,NW.Hnd,NW.Hnd:missing,W.Hnd=Right,W.Hnd=Left,W.Hnd=NA,Fold=R on L,Fold=Neither,Fold=L on R,Pulse,Pulse:missing,Clap=Left,Clap=Neither,Clap=Right,Clap=NA,Exer=Some,Exer=None,Exer=Freq,Smoke=Never,Smoke=Regul,Smoke=Heavy,Smoke=Occas,M.I=Metric,M.I=Imperial,Age'
run --data survey --missing mean --model linear --headless --epochs 5
features dataset_survey_encoded_as_in_r "$SURVEY"
check dataset_survey_row_names_and_dropped_targets grep -q 'survey.csv: column 1 read as row names (209 distinct values) and skipped; dropped 28 rows with a missing value' "$tmp/err"
CARS='Type=Small,Type=Midsize,Type=Compact,Type=Large,Type=Sporty,Type=Van,MPG.city,MPG.highway,AirBags=None,AirBags=Driver & Passenger,AirBags=Driver only,DriveTrain=Front,DriveTrain=Rear,DriveTrain=4WD,Cylinders=4,Cylinders=6,Cylinders=8,Cylinders=3,Cylinders=rotary,Cylinders=5,EngineSize,Horsepower,RPM,Rev.per.mile,Man.trans.avail=Yes,Man.trans.avail=No,Fuel.tank.capacity,Passengers,Length,Wheelbase,Width,Turn.circle,Rear.seat.room,Rear.seat.room:missing,Luggage.room,Luggage.room:missing,Weight,Origin=non-USA,Origin=USA'
run --data cars93 --categorical Cylinders --missing mean --model linear --headless --epochs 5
features dataset_cars93_encoded_as_in_r "$CARS"
run --data cars93 --missing mean --model linear --headless --epochs 5
check dataset_cars93_needs_categorical_cylinders grep -q 'cars93.csv:58:7: expected a number, got "rotary"' "$tmp/err"

# the survey's first columns at 80x24: Sex's three levels, then the hand
# spans with their indicators
sv_grouped() { grouped Sex Female Male NA && tui_screen | grep -Eq "^${B}Wr\.Hnd \? +.*[0-9]"; }
tui_start 80 24 'LANG=C TERM=vt100' --data survey --missing mean --model linear
tui_wait_for 'epoch [0-9]+' >/dev/null
check survey_sex_levels_under_its_name_ascii_80x24 tui_wait_until 5 sv_grouped
tui_keys q
tui_wait_exit

[ "$failures" -eq 0 ]
