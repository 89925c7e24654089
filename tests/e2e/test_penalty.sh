#!/bin/sh
# End-to-end tests of the penalty families (--penalty, --gamma, --groups):
# the group lasso's path keeps or drops the groups data's A, B, C columns
# whole; MCP's path and training shrink the large weights less than the
# lasso's; emitted scripts stop for a family their library lacks; bad
# values are refused. Prints "ok NAME" / "not ok NAME" lines.
BIN=${REGSCOPE:-./regscope}
PY=${PY:-python3}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/regscope-penalty.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
. tests/e2e/tap.sh
diag() { head -c 600 "$tmp/err"; }

run --headless --path --data groups --model linear --penalty group --path-len 30
cp "$tmp/out" "$tmp/group.jsonl"
check group_path_exit_0 test "$rc" -eq 0
check group_path_keeps_groups_whole "$PY" - "$tmp/group.jsonl" <<'PYEOF'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])][:-1]
assert len(recs) == 30
for r in recs:
    W = r["layers"][0]["W"][0]
    for g in range(3):
        nz = sum(w != 0 for w in W[4 * g:4 * g + 4])
        assert nz in (0, 4), (r["lambda"], g, W)
# somewhere on the path a group is out while another is in
assert any(any(w != 0 for w in r["layers"][0]["W"][0][:12]) and
           any(all(w == 0 for w in r["layers"][0]["W"][0][4 * g:4 * g + 4]) for g in range(3))
           for r in recs)
PYEOF

run --headless --path --data groups --model linear --path-len 30
cp "$tmp/out" "$tmp/lasso.jsonl"
check lasso_path_splits_a_group "$PY" - "$tmp/lasso.jsonl" <<'PYEOF'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])][:-1]
# the lasso keeps some columns of a group and drops the others somewhere
assert any(0 < sum(w != 0 for w in r["layers"][0]["W"][0][4 * g:4 * g + 4]) < 4
           for r in recs for g in range(3))
PYEOF

run --headless --data sparse --model linear --lambda 0.1 --epochs 300 --every 300 \
    --run lasso:penalty=enet --run mcp:penalty=mcp
check mcp_training_exit_0 test "$rc" -eq 0
check mcp_shrinks_large_weights_less "$PY" - "$tmp/out" <<'PYEOF'
import json, sys
final = {}
for l in open(sys.argv[1]):
    r = json.loads(l)
    if r.get("final"):
        final[r["run"]] = r["layers"][0]["W"][0]
big = [j for j, w in enumerate(final["mcp"]) if abs(w) > 0.5]
assert big, final["mcp"]
# every large weight is larger in magnitude under MCP than under the lasso
assert all(abs(final["mcp"][j]) > abs(final["lasso"][j]) for j in big)
PYEOF

for lib in sklearn keras pytorch; do
    run --emit "$lib" --data sparse --model linear --penalty scad --lambda 0.1
    check "emit_${lib}_says_scad_is_not_available" grep -q "penalty scad is not available in" "$tmp/out"
done

run --headless --data sparse --model linear --penalty mcp --gamma 1
check gamma_at_its_end_refused test "$rc" -eq 2
check gamma_message_names_it grep -q -- "--gamma must be > 1 for --penalty mcp" "$tmp/err"
run --headless --data groups --model linear --penalty group --groups "A1,zz"
check unknown_group_member_refused grep -q -- "--groups: no input named 'zz'" "$tmp/err"

[ "$failures" -eq 0 ]
