#!/bin/sh
# End-to-end tests of the command line (SPEC §4), run from the repository
# root against ./regscope: usage errors exit 2 with "regscope: ..." on stderr
# and nothing on stdout; headless training prints one valid JSON object per
# reported epoch and a final record, reproducibly. One "ok NAME" or
# "not ok NAME" line per check.
BIN=${REGSCOPE:-./regscope}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

ok() { echo "ok $1"; }
not_ok() {
    echo "not ok $1${2:+ # $2}"
    failures=$((failures + 1))
}
check() { # check NAME CONDITION-COMMAND...
    name=$1
    shift
    if "$@"; then ok "$name"; else not_ok "$name"; fi
}

# run ARGS...: stdout to $tmp/out, stderr to $tmp/err, status in $rc.
# A time limit keeps a parser that falls through to the TUI from hanging.
if command -v timeout >/dev/null 2>&1; then LIMIT="timeout 60"; else LIMIT=; fi
run() {
    $LIMIT "$BIN" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
    rc=$?
}

# A JSON checker: every stdin line must be a JSON object (NaN/Infinity are
# not JSON). Extra python code in $1 runs with `recs` (the parsed lines).
json_check() {
    python3 -c '
import json, sys
def bad(c): raise ValueError("not JSON: " + c)
recs = [json.loads(l, parse_constant=bad) for l in sys.stdin]
assert recs, "no output"
assert all(isinstance(r, dict) for r in recs)
'"${1:-}"
}

if [ ! -x "$BIN" ]; then
    not_ok binary_exists "$BIN not built"
    exit 1
fi

# ---- help and version ----------------------------------------------------
run --help
check help_exits_0_and_mentions_lambda sh -c "[ $rc -eq 0 ] && grep -q -- '--lambda' '$tmp/out'"
run --version
check version_exits_0_and_prints_something sh -c "[ $rc -eq 0 ] && [ -s '$tmp/out' ]"

# ---- usage errors: exit 2, "regscope: " on stderr, nothing on stdout ------
usage_error() { # usage_error NAME ARGS...
    name=$1
    shift
    run --headless --epochs 1 "$@"
    if [ "$rc" -ne 2 ]; then
        not_ok "$name" "exit status $rc, want 2"
    elif [ -s "$tmp/out" ]; then
        not_ok "$name" "wrote to stdout"
    elif ! head -n 1 "$tmp/err" | grep -q '^regscope: '; then
        not_ok "$name" "stderr does not start with 'regscope: ': $(head -c 200 "$tmp/err")"
    else
        ok "$name"
    fi
}
usage_error rejects_negative_lambda --lambda -0.1
usage_error rejects_alpha_above_1 --alpha 1.5
usage_error rejects_keep_0 --keep-prob 0
usage_error rejects_keep_above_1 --keep-prob 1.5
usage_error rejects_input_keep_0 --input-keep-prob 0
usage_error rejects_lr_0 --lr 0
usage_error rejects_non_numeric_lambda --lambda abc
usage_error rejects_unknown_option --bogus
usage_error rejects_unknown_dataset --data no_such_dataset
usage_error rejects_unknown_activation --activation softplus
usage_error rejects_unknown_optimizer --optimizer rmsprop
usage_error rejects_unknown_l1_method --l1-method lasso
usage_error rejects_bad_model_width --model 8,x
usage_error rejects_negative_epochs --epochs -1
usage_error rejects_missing_value_at_end --lambda
usage_error rejects_poly_0 --data xor --features poly:0
usage_error rejects_unknown_feature --data xor --features x1,x3
usage_error rejects_unknown_format --format xml
usage_error rejects_val_ratio_1 --val-ratio 1

# ---- headless JSON Lines ----------------------------------------------------
XOR="--headless --data xor --model 8,8 --epochs 300 --seed 1"
# shellcheck disable=SC2086
run $XOR
cp "$tmp/out" "$tmp/xor1"
check headless_xor_exits_0 [ "$rc" -eq 0 ]
check headless_xor_prints_301_lines [ "$(wc -l <"$tmp/xor1")" -eq 301 ]
check headless_every_line_is_json_object json_check <"$tmp/xor1"
check headless_epochs_are_1_to_300_then_final json_check '
eps = [r["epoch"] for r in recs[:-1]]
assert eps == list(range(1, 301)), eps[:5]
f = recs[-1]
assert f.get("final") is True and "layers" in f and f.get("epochs") == 300
' <"$tmp/xor1"
check headless_records_have_spec_fields json_check '
for r in recs[:-1]:
    for k in ("epoch","train_loss","val_loss","data_loss","penalty","train_acc","val_acc",
              "zero_frac","w_l1","w_l2"):
        assert k in r, k
    assert abs(r["train_loss"] - (r["data_loss"] + r["penalty"])) <= 1e-9 * max(1, abs(r["train_loss"]))
' <"$tmp/xor1"
check headless_final_layers_are_out_by_in json_check '
L = recs[-1]["layers"]
assert len(L) == 3
shapes = [(len(l["W"]), len(l["W"][0]), len(l["b"])) for l in L]
assert shapes == [(8, 2, 8), (8, 8, 8), (1, 8, 1)], shapes
' <"$tmp/xor1"
check headless_training_lowers_train_loss json_check '
assert recs[-2]["train_loss"] < recs[0]["train_loss"], (recs[0]["train_loss"], recs[-2]["train_loss"])
' <"$tmp/xor1"
# shellcheck disable=SC2086
run $XOR
check headless_same_command_gives_identical_bytes sh -c "[ -s '$tmp/xor1' ] && cmp -s '$tmp/out' '$tmp/xor1'"
# shellcheck disable=SC2086
run $XOR --seed 2
check headless_other_seed_gives_other_output sh -c "! cmp -s '$tmp/out' '$tmp/xor1'"

# shellcheck disable=SC2086
run $XOR --every 10
check every_10_gives_30_records_and_final sh -c "[ $rc -eq 0 ] && [ \$(wc -l <'$tmp/out') -eq 31 ]"
check every_10_reports_epochs_10_to_300 json_check '
assert [r["epoch"] for r in recs[:-1]] == list(range(10, 301, 10))
assert recs[-1].get("final") is True
' <"$tmp/out"

# ---- CSV ----------------------------------------------------------------------
# shellcheck disable=SC2086
run $XOR --format csv
cp "$tmp/out" "$tmp/csv"
check csv_has_header_and_300_rows sh -c "[ $rc -eq 0 ] && [ \$(wc -l <'$tmp/csv') -eq 301 ]"
check csv_rows_match_header python3 -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
head = rows[0]
assert "epoch" in head and "train_loss" in head and "zero_frac" in head, head
assert all(len(r) == len(head) for r in rows[1:])
e = head.index("epoch")
assert [int(r[e]) for r in rows[1:]] == list(range(1, 301))
for r in rows[1:]:
    [float(v) for v in r]
' "$tmp/csv"

# ---- sparsity: prox gives exact zeros, subgradient none ---------------------------
SPARSE="--headless --data sparse --model linear --lambda 0.05 --alpha 1"
# shellcheck disable=SC2086
run $SPARSE
check sparse_lasso_prox_ends_mostly_exact_zeros json_check '
z = recs[-2]["zero_frac"]
assert z > 0.5, z
' <"$tmp/out"
# shellcheck disable=SC2086
run $SPARSE --l1-method subgradient
check sparse_lasso_subgradient_ends_without_exact_zeros json_check '
z = recs[-2]["zero_frac"]
assert z == 0, z
' <"$tmp/out"

# ---- which keys appear ------------------------------------------------------------
run --headless --data xor --model linear --epochs 5 --val-ratio 0
check val_ratio_0_records_have_no_val_keys json_check '
assert len(recs) == 6
for r in recs[:-1]:
    assert "val_loss" not in r and "val_acc" not in r, r
    assert "train_acc" in r
' <"$tmp/out"
run --headless --data line --model linear --epochs 5
check regression_records_have_no_acc_keys json_check '
assert len(recs) == 6
for r in recs[:-1]:
    assert "train_acc" not in r and "val_acc" not in r, r
    assert "val_loss" in r and "train_loss" in r
' <"$tmp/out"

[ "$failures" -eq 0 ]
