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

. tests/e2e/tap.sh


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

# ---- values and combinations refused up front ------------------------------
# refused NAME TEXT ARGS...: exit 2, nothing on stdout, TEXT on stderr.
refused() {
    name=$1 text=$2
    shift 2
    run "$@"
    if [ "$rc" -ne 2 ]; then
        not_ok "$name" "exit status $rc, want 2"
    elif [ -s "$tmp/out" ]; then
        not_ok "$name" "wrote to stdout"
    elif ! grep -qF -- "$text" "$tmp/err"; then
        not_ok "$name" "stderr lacks '$text': $(head -c 300 "$tmp/err")"
    else
        ok "$name"
    fi
}
refused empty_snapshot_is_refused "regscope: --snapshot: empty value" --snapshot ""
refused empty_save_is_refused "regscope: --save: empty value" --headless --epochs 1 --save ""
refused empty_data_is_refused "regscope: --data: empty value" --headless --epochs 1 --data ""
refused empty_load_is_refused "regscope: --load: empty value" --headless --epochs 1 --load ""
refused empty_lesson_is_refused "regscope: --lesson: empty value" --headless --epochs 1 --lesson=
refused run_key_error_names_the_run_key "--run a:lambda" --headless --epochs 1 --run a:lambda=-1 --run b
refused overflow_is_out_of_range "out of range" --headless --epochs 1 --lambda 1e999
run --headless --epochs 1 --lambda 1e-320
check subnormal_number_is_accepted [ "$rc" -eq 0 ]

# an output that cannot be written fails before training (here: at once,
# where training would take minutes), with status 2 and the path named
WRITE_LIMIT="timeout 20"
command -v timeout >/dev/null 2>&1 || WRITE_LIMIT=
write_refused() { # write_refused NAME PATH ARGS...
    name=$1 path=$2
    shift 2
    $WRITE_LIMIT "$BIN" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
    rc=$?
    if [ "$rc" -ne 2 ]; then
        not_ok "$name" "exit status $rc, want 2"
    elif ! grep -qF "regscope: $path: cannot write: " "$tmp/err"; then
        not_ok "$name" "stderr: $(head -c 300 "$tmp/err")"
    else
        ok "$name"
    fi
}
write_refused snapshot_into_missing_dir_fails_before_training /nodir/a.txt \
    --snapshot /nodir/a.txt --epochs 100000000
write_refused save_into_missing_dir_fails_before_training /nodir/x.scene \
    --headless --save /nodir/x.scene --epochs 100000000
write_refused save_onto_a_directory_fails_before_training "$tmp" \
    --headless --save "$tmp" --epochs 100000000

refused path_with_run_is_refused "--path cannot be combined with --run" \
    --headless --path --model linear --run a --run b
refused early_stop_without_validation_is_refused "needs a validation split" \
    --headless --epochs 1 --early-stop 5 --val-ratio 0
refused keep_prob_on_linear_model_is_refused "a linear model has none" \
    --headless --epochs 1 --model linear --keep-prob 0.5
refused run_key_given_twice_is_refused "key 'lambda' given twice" \
    --headless --epochs 1 --run a:lambda=1,lambda=2 --run b
refused emit_with_snapshot_is_refused "--emit cannot be combined with --snapshot" \
    --emit sklearn --snapshot "$tmp/s.txt"
run --headless --epochs 1 --model linear --input-keep-prob 0.5
check input_dropout_on_linear_model_is_accepted [ "$rc" -eq 0 ]
lessons_ok=1
for l in $("$BIN" --lesson list | awk '{print $1}'); do
    "$BIN" --headless --lesson "$l" --epochs 2 >/dev/null 2>"$tmp/err" || lessons_ok=0
done
"$BIN" --headless --lesson sparsity --path --path-len 5 >/dev/null 2>>"$tmp/err" || lessons_ok=0
check every_lesson_starts_headless [ "$lessons_ok" -eq 1 ]

# a binary file is not a table of one column
printf '\211PNG\r\n\032\n\000\000\000\rIHDR\000\000' >"$tmp/img.csv"
refused binary_file_is_refused_as_binary "img.csv:1:1: binary data" --headless --epochs 1 --data "$tmp/img.csv"

# --emit: a file name is a string in the script, never code
PY=/usr/bin/python3
[ -x "$PY" ] || PY=$(command -v python3 2>/dev/null)
if [ -n "$PY" ]; then
    evil="$tmp/x
__import__('os').system('touch PWNED') # \"'\\ \$(id).csv"
    printf 'a,b,y\n1,2,0\n2,3,1\n3,1,0\n4,4,1\n5,2,0\n6,1,1\n7,3,0\n8,2,1\n' >"$evil"
    run --emit sklearn --data "$evil" --model linear
    cp "$tmp/out" "$tmp/evil.py"
    check emitted_script_quotes_file_name_as_string sh -c '[ "$1" -eq 0 ] && "$4" -c "
import ast, os, sys
tree = ast.parse(open(sys.argv[1], encoding=\"utf-8\").read())
assert not any(isinstance(n, ast.Name) and n.id == \"__import__\" for n in ast.walk(tree)), \"code injected\"
data = [n.value for n in tree.body if isinstance(n, ast.Assign) and getattr(n.targets[0], \"id\", None) == \"DATA\"]
assert len(data) == 1 and os.fsencode(ast.literal_eval(data[0])) == os.fsencode(sys.argv[2]), data
" "$2" "$3"' sh "$rc" "$tmp/evil.py" "$evil" "$PY"
else
    ok "emitted_script_quotes_file_name_as_string # skip no python3"
fi

[ "$failures" -eq 0 ]
