#!/bin/sh
# End-to-end tests of `regscope --headless --path` (the regularization path):
# JSON Lines, one record per lambda then a summary, sparsity growing down a
# lasso path, cross-validation fields, and the refusal of hidden layers.
# Prints "ok NAME" / "not ok NAME" lines.
REGSCOPE=${REGSCOPE:-./regscope}
PY=${PY:-python3}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/regscope-path.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

check() { # NAME CMD...: ok when CMD succeeds
    name=$1
    shift
    if "$@"; then echo "ok $name"; else echo "not ok $name"; fi
}

"$REGSCOPE" --headless --path --data sparse --model linear --path-len 20 >"$tmp/p.jsonl" 2>"$tmp/err"
rc=$?
check path_exit_0 test "$rc" -eq 0
check path_21_lines test "$(wc -l <"$tmp/p.jsonl")" -eq 21
check path_json "$PY" - "$tmp/p.jsonl" <<'PYEOF'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
path, last = recs[:-1], recs[-1]
assert len(path) == 20
for r in path:
    for k in ("lambda", "train_loss", "val_loss", "zero_frac", "nonzero", "layers"):
        assert k in r, k
    W = r["layers"][0]["W"]
    assert len(W) == 1 and len(W[0]) == 30
    assert r["nonzero"] == sum(1 for w in W[0] if w != 0)
lams = [r["lambda"] for r in path]
assert all(a > b for a, b in zip(lams, lams[1:])), "lambdas decrease"
assert path[0]["zero_frac"] == 1 and path[0]["nonzero"] == 0
assert path[1]["nonzero"] >= 1
nz = [r["nonzero"] for r in path]
assert nz[-1] > nz[0] and max(nz) == nz[-1], nz
assert all(path[i + 1]["train_loss"] <= path[i]["train_loss"] for i in range(19))
assert last["path"] is True and 0 <= last["best_index"] < 20
assert last["best_lambda"] == path[last["best_index"]]["lambda"]
assert last["best_by"] == "val"
assert "lambda_min" not in last and "cv_mean" not in path[0]
PYEOF

"$REGSCOPE" --headless --path --data sparse --model linear --path-len 20 --cv 5 >"$tmp/cv.jsonl" 2>"$tmp/err"
check cv_exit_0 test $? -eq 0
check cv_fields "$PY" - "$tmp/cv.jsonl" <<'PYEOF'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
path, last = recs[:-1], recs[-1]
assert len(path) == 20
for r in path:
    assert "cv_mean" in r and "cv_se" in r and r["cv_se"] >= 0
lams = [r["lambda"] for r in path]
assert last["lambda_min"] in lams and last["lambda_1se"] in lams
assert last["lambda_1se"] >= last["lambda_min"]
i = min(range(20), key=lambda i: path[i]["cv_mean"])
assert lams[i] == last["lambda_min"]
PYEOF

"$REGSCOPE" --headless --path --data sparse --model linear --path-len 10 --val-ratio 0 >"$tmp/nv.jsonl"
check no_val_split "$PY" -c '
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
assert all("val_loss" not in r for r in recs[:-1])
assert recs[-1]["best_index"] == 9 and recs[-1]["best_by"] == "last"' "$tmp/nv.jsonl"

"$REGSCOPE" --headless --path --data spiral --features poly:3 --model linear --path-len 8 \
    --alpha 0.5 >"$tmp/cls.jsonl"
check classify_path "$PY" -c '
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
assert len(recs) == 9 and recs[0]["nonzero"] == 0 and recs[-2]["nonzero"] > 0' "$tmp/cls.jsonl"

"$REGSCOPE" --headless --path --model 8,8 >"$tmp/out" 2>"$tmp/err"
rc=$?
check hidden_layers_exit_2 test "$rc" -eq 2
check hidden_layers_message grep -q "linear" "$tmp/err"
check hidden_layers_no_output test ! -s "$tmp/out"
