#!/bin/sh
# End-to-end tests of tables as R writes them (tests/data): row names are
# skipped with a notice, text columns one-hot encoded, missing values
# refused, dropped or filled, and the encoded columns' names in the final
# and path-summary records. One "ok NAME" or "not ok NAME" line per check.
BIN=${REGSCOPE:-./regscope}
D=tests/data
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

. tests/e2e/tap.sh
expect() { # expect NAME RC STDERR-PATTERN
    if [ "$rc" -eq "$2" ] && grep -q -- "$3" "$tmp/err"; then ok "$1"; else not_ok "$1" "rc=$rc $(head -c 300 "$tmp/err")"; fi
}

run --data $D/mtcars.csv --target mpg --headless --epochs 5
expect mtcars_row_names 0 "column 1 read as row names (32 distinct values) and skipped"
run --data $D/mtcars.csv --target mpg --categorical cyl --model linear --headless --epochs 5
expect mtcars_categorical_cyl 0 "row names"
run --data $D/toothgrowth.csv --target len --headless --epochs 5
expect toothgrowth_supp 0 "row names"
run --data $D/airquality.csv --target Ozone --headless --epochs 5
expect airquality_refused 2 "airquality.csv:6:2: missing target value \"NA\": --missing drop"
run --data $D/airquality.csv --target Temp --headless --epochs 5
expect airquality_feature_refused 2 "airquality.csv:6:2: missing value \"NA\": --missing drop drops such rows, --missing mean fills them"
run --data $D/airquality.csv --target Ozone --missing drop --headless --epochs 5
expect airquality_drop 0 "dropped 42 rows with a missing value"
run --data $D/airquality.csv --target Ozone --missing mean --headless --epochs 5
expect airquality_mean 0 "dropped 37 rows with a missing value"
run --data $D/toothgrowth.csv --target len --ignore supp,dose --headless --epochs 5
expect ignore_every_feature 2 "no feature columns left"

# features NAME EXPECTED-JSON-LIST: the last record's "features" (python3 parses
# the record, so a badly escaped name fails too).
features() {
    if got=$(${PY:-python3} -c 'import json, sys; print(json.dumps(json.loads(open(sys.argv[1]).readlines()[-1])["features"]))' "$tmp/out" 2>&1) &&
        [ "$got" = "$2" ]; then ok "$1"; else not_ok "$1" "rc=$rc got $got"; fi
}
CYL='["cyl=6", "cyl=4", "cyl=8", "disp", "hp", "drat", "wt", "qsec", "vs", "am", "gear", "carb"]'
run --data $D/mtcars.csv --target mpg --categorical cyl --model linear --headless --epochs 2
features final_features_mtcars_cyl "$CYL"
run --data $D/mtcars.csv --target mpg --categorical cyl --model linear --headless --path --path-len 3
features path_features_mtcars_cyl "$CYL"
AQ='["Solar.R", "Solar.R:missing", "Wind", "Temp", "Month", "Day"]'
run --data $D/airquality.csv --target Ozone --missing mean --model linear --headless --epochs 2
features final_features_airquality_mean "$AQ"
run --data $D/airquality.csv --target Temp --missing mean --model linear --headless --path --path-len 3
features path_features_airquality_mean '["Ozone", "Ozone:missing", "Solar.R", "Solar.R:missing", "Wind", "Month", "Day"]'
run --data $D/toothgrowth.csv --target len --model 4 --headless --epochs 2
features final_features_toothgrowth_hidden '["supp=VC", "supp=OJ", "dose"]'
run --data circle --features x1,x2^2,sin1 --model linear --headless --epochs 1
features final_features_expansion '["x1", "x2^2", "sin1"]'
run --data xor --model linear --headless --path --path-len 3
features path_features_generated '["x1", "x2"]'
printf '"q""uote",back\\slash,"new\nline",tab\tx,caf\303\251,y\n' >"$tmp/names.csv"
for i in 1 2 3 4 5 6 7 8; do echo "$i,$((i * 2)),$((i % 3)),$((i % 2)),$((9 - i)),$((i * 3 + 1))"; done >>"$tmp/names.csv"
run --data "$tmp/names.csv" --model linear --headless --epochs 1
features final_features_escaped '["q\"uote", "back\\slash", "new\nline", "tab\tx", "caf\u00e9"]'

[ "$failures" -eq 0 ]
