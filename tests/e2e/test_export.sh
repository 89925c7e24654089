#!/bin/sh
# End-to-end tests of the exports: --snapshot FILE.svg|html|txt (valid XML /
# HTML, the same text as the .txt of the same settings, a bad extension is
# exit 2), --emit sklearn (the script runs and reaches regscope's objective),
# and the TUI keys w (screen files) and y (script file) in tmux.
# One "ok NAME" or "not ok NAME" line per check; exit 0 when all are ok.
cd "$(dirname "$0")/../.." || exit 1
REGSCOPE=${REGSCOPE:-./regscope}
case $REGSCOPE in /*) ;; *) REGSCOPE=$(pwd)/$REGSCOPE ;; esac
export REGSCOPE
. tests/e2e/tui_lib.sh

if [ ! -x "$REGSCOPE" ]; then
    not_ok binary_exists "$REGSCOPE not built"
    exit 1
fi
W=$TUI_TMP/work
mkdir -p "$W"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=$(command -v python3 2>/dev/null)

# ---- --snapshot -----------------------------------------------------------
SNAP="--size 100x30 --epochs 20 --seed 3"
for ext in svg html txt; do
    # shellcheck disable=SC2086
    if LC_ALL=C.UTF-8 "$REGSCOPE" --snapshot "$W/out.$ext" $SNAP >"$W/out.$ext.stdout" 2>"$W/out.$ext.stderr" &&
        [ -s "$W/out.$ext" ] && [ ! -s "$W/out.$ext.stdout" ]; then
        ok "snapshot_writes_$ext"
    else
        not_ok "snapshot_writes_$ext" "$(cat "$W/out.$ext.stderr")"
    fi
done
if ls "$W" | grep -q '\.tmp\.'; then not_ok snapshot_leaves_no_temp "$(ls "$W")"; else ok snapshot_leaves_no_temp; fi

if command -v xmllint >/dev/null 2>&1; then
    if msg=$(xmllint --noout "$W/out.svg" 2>&1); then ok snapshot_svg_is_xml; else not_ok snapshot_svg_is_xml "$msg"; fi
    if msg=$(xmllint --html --noout "$W/out.html" 2>&1); then ok snapshot_html_parses; else not_ok snapshot_html_parses "$msg"; fi
else
    ok "snapshot_svg_is_xml # skip xmllint not installed"
    ok "snapshot_html_parses # skip xmllint not installed"
fi

if grep -q 'epoch 20' "$W/out.txt" && grep -q 'lambda 0' "$W/out.txt"; then
    ok snapshot_txt_shows_epoch
else
    not_ok snapshot_txt_shows_epoch "$(cat "$W/out.txt")"
fi

# The text of the SVG (each <text> placed on the 8.4 x 17 px cell grid) and
# of the HTML (tags stripped, entities unescaped) is the .txt export.
if [ -n "$PY" ]; then
    cat >"$W/text_of.py" <<'PYEOF'
import html.parser
import sys
import xml.etree.ElementTree as ET

path = sys.argv[1]
if path.endswith(".svg"):
    rows = {}
    for t in ET.parse(path).getroot().iter("{http://www.w3.org/2000/svg}text"):
        col = round(float(t.get("x")) / 8.4)
        row = round((float(t.get("y")) - 13.6) / 17)
        line = rows.setdefault(row, [])
        text = t.text or ""
        if len(line) < col + len(text):
            line.extend(" " * (col + len(text) - len(line)))
        line[col:col + len(text)] = list(text)
    n = max(rows) + 1 if rows else 0
    lines = ["".join(rows.get(r, [])) for r in range(n)]
else:
    class P(html.parser.HTMLParser):
        inside, out = False, []

        def handle_starttag(self, tag, attrs):
            self.inside |= tag == "pre"

        def handle_endtag(self, tag):
            if tag == "pre":
                self.inside = False

        def handle_data(self, data):
            if self.inside:
                self.out.append(data)

    p = P(convert_charrefs=True)
    p.feed(open(path, encoding="utf-8").read())
    lines = "".join(p.out).split("\n")
lines = [l.rstrip() for l in lines]
while lines and not lines[-1]:
    lines.pop()
sys.stdout.write("\n".join(lines) + "\n")
PYEOF
    sed 's/[[:space:]]*$//' "$W/out.txt" | awk '{ l[NR] = $0 } $0 != "" { last = NR } END { for (i = 1; i <= last; i++) print l[i] }' >"$W/want.txt"
    for ext in svg html; do
        if "$PY" "$W/text_of.py" "$W/out.$ext" >"$W/got.$ext.txt" 2>"$W/err.$ext" &&
            cmp -s "$W/got.$ext.txt" "$W/want.txt"; then
            ok "snapshot_${ext}_text_equals_txt"
        else
            not_ok "snapshot_${ext}_text_equals_txt" "$(cat "$W/err.$ext"; diff "$W/want.txt" "$W/got.$ext.txt" | head -20)"
        fi
    done
else
    ok "snapshot_svg_text_equals_txt # skip no python3"
    ok "snapshot_html_text_equals_txt # skip no python3"
fi

"$REGSCOPE" --snapshot "$W/out.png" --epochs 1 >/dev/null 2>"$W/bad.err"
rc=$?
if [ "$rc" = 2 ] && grep -q 'regscope: .*svg' "$W/bad.err" && [ ! -e "$W/out.png" ]; then
    ok snapshot_bad_extension_exit_2
else
    not_ok snapshot_bad_extension_exit_2 "exit $rc: $(cat "$W/bad.err")"
fi
"$REGSCOPE" --snapshot "$W/no/such/dir/out.svg" --epochs 1 >/dev/null 2>"$W/nodir.err"
rc=$?
if [ "$rc" = 2 ] && grep -q 'No such file' "$W/nodir.err"; then
    ok snapshot_missing_dir_reports
else
    not_ok snapshot_missing_dir_reports "exit $rc: $(cat "$W/nodir.err")"
fi

# ---- --emit sklearn: the script reaches regscope's optimum --------------------
# rel_close A B TOL: |A - B| <= TOL * max(|A|, |B|)
rel_close() { awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; m = a < 0 ? -a : a; n = b < 0 ? -b : b; if (n > m) m = n; exit !(a != "" && b != "" && d <= t * m) }'; }

# A small regression CSV (5 features, 3 informative) and a binary one.
awk 'BEGIN { srand(7); print "f1,f2,f3,f4,f5,y";
    for (i = 0; i < 120; i++) { s = 0; line = "";
        for (j = 1; j <= 5; j++) { x[j] = 4 * rand() - 2; line = line sprintf("%.6f,", x[j]) }
        y = 1.5 * x[1] - 2 * x[2] + 0.7 * x[4] + (rand() - 0.5);
        print line sprintf("%.6f", y) } }' >"$W/reg.csv"
awk 'BEGIN { srand(11); print "a,b,c,label";
    for (i = 0; i < 150; i++) { a = 4 * rand() - 2; b = 4 * rand() - 2; c = 4 * rand() - 2;
        z = 1.2 * a - b + 0.3 * c + 1.5 * (rand() - 0.5);
        printf "%.6f,%.6f,%.6f,%s\n", a, b, c, (z > 0 ? "yes" : "no") } }' >"$W/cls.csv"

# emit_matches NAME SETTINGS...: the emitted script's objective equals the
# one regscope reaches with full-batch proximal gradient descent.
emit_matches() {
    _n=$1
    shift
    if ! "$REGSCOPE" --emit sklearn "$@" >"$W/$_n.py" 2>"$W/$_n.err"; then
        not_ok "$_n" "emit failed: $(cat "$W/$_n.err")"
        return
    fi
    if [ -z "$PY" ] || ! "$PY" -c 'import sklearn' 2>/dev/null; then
        ok "$_n # skip python3 with scikit-learn not installed"
        return
    fi
    _got=$("$PY" "$W/$_n.py" 2>"$W/$_n.pyerr" | tail -n 1 | sed -n 's/^objective //p')
    _want=$("$REGSCOPE" --headless "$@" --optimizer sgd --batch 0 --epochs 5000 --every 5000 --format csv |
        awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "train_loss") c = i } NR == 2 { print $c }')
    if rel_close "$_got" "$_want" 1e-4; then
        ok "$_n"
    else
        not_ok "$_n" "script: '$_got', regscope: '$_want'
$(tail -n 5 "$W/$_n.pyerr")"
    fi
}
emit_matches emit_sklearn_lasso_objective --data "$W/reg.csv" --model linear --lambda 0.05 --alpha 1 \
    --val-ratio 0 --standardize off
emit_matches emit_sklearn_elasticnet_objective --data "$W/reg.csv" --model linear --lambda 0.1 --alpha 0.4 \
    --val-ratio 0 --standardize on
emit_matches emit_sklearn_logistic_objective --data "$W/cls.csv" --model linear --lambda 0.02 --alpha 0.5 \
    --val-ratio 0 --standardize on

# Tables the loader encodes: the script must read, encode and split them as
# regscope does for the objectives to meet. mix.csv has row names (an empty
# first header), a text column with NA, '?' and empty fields, a column to
# --ignore, and a row whose target is missing (its 'violet' no level: no kept row has it).
# The numbers come from a 32-bit LCG, exact in any awk's doubles (awks'
# rand() differ), so the table is the same everywhere.
awk 'function u() { r = (r * 69069 + 1) % 4294967296; return r / 4294967296 }
    BEGIN { r = 5; print "\"\",colour,size,weight,notes,y"; split("red blue green", col, " ");
    for (i = 1; i <= 60; i++) {
        c = col[1 + int(3 * u())]; if (u() < 0.1) c = "NA";
        s = sprintf("%.3f", 3 * u()); if (u() < 0.15) s = "?";
        w = sprintf("%.2f", 10 + 5 * u()); if (u() < 0.1) w = "";
        y = sprintf("%.4f", (c == "red") * 2 + s * 1.5 - w * 0.1 + u());
        if (i == 7) { c = "violet"; y = "NA" }
        printf "\"r%d\",%s,%s,%s,note %d,%s\n", i, c, s, w, i % 4, y } }' >"$W/mix.csv"
# the validation split matters here: the means come from the training rows
emit_matches emit_sklearn_table_missing_mean_objective --data "$W/mix.csv" --missing mean --ignore notes \
    --model linear --lambda 0.03 --alpha 0.5 --val-ratio 0.25 --seed 9 --standardize on
emit_matches emit_sklearn_table_missing_drop_objective --data "$W/mix.csv" --missing drop --ignore 5 \
    --model linear --lambda 0.03 --alpha 1 --val-ratio 0.25 --seed 9 --standardize on
emit_matches emit_sklearn_table_own_na_values_objective --data "$W/mix.csv" --missing drop \
    --categorical notes --na-values '?' --model linear --lambda 0.03 --alpha 0.5 --val-ratio 0.2 --seed 2
# header names as libcsv gives them: unquoted ones trimmed, quoted ones kept
# (quotes doubled inside, a separator inside); quoted values after a space
printf '\n"x ""q"", 1",  " b ", kind ,y\n1, "2",a,3\n2, 5 , "b",4\n3,1,a ,2\n4,4,"a",5\n5,3,b,3\n6,1,b,1\n7,2,a,4\n8,6, b,2\n' \
    >"$W/quoted.csv"
emit_matches emit_sklearn_quoted_header_objective --data "$W/quoted.csv" --model linear --lambda 0.01 \
    --alpha 0.5 --val-ratio 0
# a number as the missing-value token, anywhere in a numeric column
awk -F, 'NR > 1 && NR % 9 == 0 { $2 = "-999" } NR > 1 && NR % 13 == 0 { $4 = "-999" } 1' OFS=, \
    "$W/reg.csv" >"$W/reg999.csv"
emit_matches emit_sklearn_numeric_na_token_objective --data "$W/reg999.csv" --na-values=-999 \
    --missing mean --model linear --lambda 0.05 --alpha 1 --val-ratio 0.2 --standardize on
emit_matches emit_sklearn_airquality_month_mean_objective --data tests/data/airquality.csv --target Ozone \
    --categorical Month --missing mean --model linear --lambda 0.1 --alpha 1 --val-ratio 0.3 --seed 7
emit_matches emit_sklearn_toothgrowth_supp_objective --data tests/data/toothgrowth.csv --target len \
    --model linear --lambda 0.05 --alpha 0 --val-ratio 0.2 --seed 4
emit_matches emit_sklearn_mtcars_logistic_categorical_objective --data tests/data/mtcars.csv --target am \
    --categorical cyl,gear --model linear --lambda 0.02 --alpha 0 --val-ratio 0.25 --seed 3
emit_matches emit_sklearn_mtcars_softmax_stratified_objective --data tests/data/mtcars.csv --target cyl \
    --ignore disp,4 --model linear --lambda 0.02 --alpha 0 --val-ratio 0.2 --seed 5

# The script's columns are regscope's, in its order (COLUMNS, checked as it
# runs): a file changed after --emit is refused, not silently misread.
TABLE="--data $W/mix.csv --missing mean --ignore notes --model linear --lambda 0.03 --val-ratio 0.25"
# shellcheck disable=SC2086
if "$REGSCOPE" --emit sklearn $TABLE >"$W/mix.py" 2>"$W/mix.err"; then
    want='COLUMNS = [  # regscope'"'"'s inputs after the encoding, in its order
    "colour=red", "colour=green", "colour=blue", "colour=NA", "size", "size:missing",
    "weight", "weight:missing",
]'
    if [ "$(grep -A3 '^COLUMNS = ' "$W/mix.py")" = "$want" ]; then
        ok emit_table_columns_in_regscope_order
    else
        not_ok emit_table_columns_in_regscope_order "$(grep -A4 '^COLUMNS' "$W/mix.py")"
    fi
    if [ -n "$PY" ] && "$PY" -c 'import sklearn' 2>/dev/null; then
        sed 's/,red,/,purple,/' "$W/mix.csv" >"$W/mix.tmp" && cp "$W/mix.tmp" "$W/mix.csv"
        "$PY" "$W/mix.py" >"$W/mix.out" 2>&1
        rc=$?
        if [ "$rc" != 0 ] && grep -q "input column 1 is \['colour=purple'\] here but \['colour=red'\] in regscope" "$W/mix.out"; then
            ok emit_script_refuses_changed_table
        else
            not_ok emit_script_refuses_changed_table "exit $rc: $(tail -n 3 "$W/mix.out")"
        fi
    else
        ok "emit_script_refuses_changed_table # skip python3 with scikit-learn not installed"
    fi
else
    not_ok emit_table_columns_in_regscope_order "emit failed: $(cat "$W/mix.err")"
fi

# Keras and PyTorch are not installed here: their scripts with the table
# encoding are at least valid Python.
for lib in keras pytorch; do
    for model in linear 8,8; do
        n=emit_${lib}_$([ "$model" = linear ] && echo linear || echo mlp)_table_script_compiles
        # shellcheck disable=SC2086
        if ! "$REGSCOPE" --emit $lib $TABLE --model $model >"$W/$n.py" 2>"$W/$n.err"; then
            not_ok "$n" "emit failed: $(cat "$W/$n.err")"
        elif [ -z "$PY" ]; then
            ok "$n # skip no python3"
        elif msg=$("$PY" -m py_compile "$W/$n.py" 2>&1) && grep -q '^def read_values' "$W/$n.py"; then
            ok "$n"
        else
            not_ok "$n" "$msg"
        fi
    done
done

out=$("$REGSCOPE" --emit keras --data circle --model linear --lambda 0.02 --alpha 0 2>&1)
if printf '%s\n' "$out" | grep -q 'regularizers\.l2(0\.01)'; then ok emit_keras_l2; else not_ok emit_keras_l2 "$out"; fi
"$REGSCOPE" --emit jax >/dev/null 2>&1
rc=$?
if [ "$rc" = 2 ]; then ok emit_unknown_library_exit_2; else not_ok emit_unknown_library_exit_2 "exit $rc"; fi

# ---- the TUI: w and y ----------------------------------------------------------
if ! command -v tmux >/dev/null 2>&1; then
    not_ok tmux_available "tmux is not installed"
    exit 1
fi
mkdir -p "$W/tui"
here=$(pwd)
cd "$W/tui" || exit 1
tui_start 150 40 'LANG=C.UTF-8 TERM=xterm-256color'
cd "$here" || exit 1
if tui_wait_for 'epoch [0-9]'; then
    tui_keys Space
    tui_keys w
    if tui_wait_for 'wrote regscope-[0-9]{8}-[0-9]{6}\.\{txt,html,svg\}'; then ok tui_w_says_wrote; else not_ok tui_w_says_wrote "$(tui_diag)"; fi
    n=$(ls "$W/tui" | grep -c '^regscope-[0-9]\{8\}-[0-9]\{6\}\.\(txt\|html\|svg\)$')
    if [ "$n" = 3 ] && ! ls "$W/tui" | grep -q '\.tmp\.'; then
        ok tui_w_writes_three_files
    else
        not_ok tui_w_writes_three_files "files: $(ls "$W/tui")"
    fi
    txt=$(ls "$W/tui"/regscope-*.txt 2>/dev/null | head -n 1)
    if [ -n "$txt" ] && grep -q 'lambda 0' "$txt" && grep -q 'epoch [0-9]' "$txt"; then
        ok tui_w_txt_is_the_screen
    else
        not_ok tui_w_txt_is_the_screen "$(cat "$txt" 2>/dev/null)"
    fi
    tui_keys y
    if tui_wait_for 'wrote regscope-[0-9]{8}-[0-9]{6}-sklearn\.py'; then ok tui_y_says_wrote; else not_ok tui_y_says_wrote "$(tui_diag)"; fi
    if ls "$W/tui" | grep -q '^regscope-[0-9]\{8\}-[0-9]\{6\}-sklearn\.py$'; then
        ok tui_y_writes_script
    else
        not_ok tui_y_writes_script "files: $(ls "$W/tui")"
    fi
    tui_keys q
    tui_wait_exit
    if [ "$tui_rc" = 0 ]; then ok tui_quits_after_export; else not_ok tui_quits_after_export "exit '$tui_rc' $(tui_stderr)"; fi
else
    not_ok tui_starts "$(tui_diag)"
fi

# a snapshot of a scene with runs draws the compare view, as the TUI does:
# every run's panel under its name, one loss plot of every run
for lesson in sparsity dropout augment; do
    for size in 80x24 120x40; do
        f=$W/lesson_${lesson}_$size.txt
        "$TUI_BIN" --lesson $lesson --size $size --epochs 30 --snapshot "$f" 2>"$W/snap.err"
        case $lesson in
        sparsity) names="L1 L2" ;; dropout) names="keep1 keep0.5" ;; augment) names="none L2 noise" ;;
        esac
        missing=
        for r in $names; do grep -q -- "─ \(> \)\?$r  " "$f" || missing="$missing $r"; done
        if [ -z "$missing" ] && grep -q 'validation loss per run' "$f"; then
            ok "snapshot_of_lesson_${lesson}_draws_every_run_$size"
        else
            not_ok "snapshot_of_lesson_${lesson}_draws_every_run_$size" "missing:$missing $(cat "$W/snap.err" "$f")"
        fi
    done
done

[ "$failures" -eq 0 ]
