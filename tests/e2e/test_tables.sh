#!/bin/sh
# End-to-end tests of tables as R writes them (tests/data): row names are
# skipped with a notice, text columns one-hot encoded, missing values
# refused, dropped or filled. One "ok NAME" or "not ok NAME" line per check.
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

[ "$failures" -eq 0 ]
