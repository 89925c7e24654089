#!/bin/sh
# End-to-end tests of a headless run that diverges: it stops at the first
# epoch whose loss or weights are not finite, says on stderr at which epoch
# and what to lower, prints no final record, saves nothing and exits 3 (the
# README's exit status for divergence). "ok NAME" / "not ok NAME" lines.
cd "$(dirname "$0")/../.." || exit 1
BIN=${REGSCOPE:-./regscope}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

. tests/e2e/tap.sh
diag() { echo "rc=$rc $(head -c 300 "$tmp/err")"; }
# last_epoch: the epoch of the last per-epoch record on stdout
last_epoch() { python3 -c '
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
print([r["epoch"] for r in recs if "epoch" in r][-1])' "$tmp/out"; }
no_final() { ! grep -q '"final":true' "$tmp/out"; }

DIVERGE="--headless --data sparse --model linear --lr 30 --epochs 200"

run $DIVERGE
check exits_3 test "$rc" = 3
check names_epoch grep -q 'regscope: training diverged at epoch 92 ' "$tmp/err"
check names_lr grep -q 'lower --lr (now 30)' "$tmp/err"
check stops_at_divergence test "$(last_epoch)" = 92
check no_final_record no_final
check every_record_json python3 -c '
import json, sys
def bad(c): raise ValueError(c)
[json.loads(l, parse_constant=bad) for l in open(sys.argv[1])]' "$tmp/out"

# Epochs that are not reported are checked by their weights (evaluating the
# loss would cost a forward pass each): the stop comes by the time the
# weights overflow, long before --epochs, and still names its epoch.
run $DIVERGE --every 50
check unreported_exits_3 test "$rc" = 3
e=$(sed -n 's/.*diverged at epoch \([0-9]*\) .*/\1/p' "$tmp/err")
check unreported_stops_early test "${e:-0}" -ge 92 -a "${e:-999}" -le 120
check unreported_reports_until_stop test "$(last_epoch)" -le "${e:-0}"

run $DIVERGE --format csv
check csv_exits_3 test "$rc" = 3

# --save: a diverged model is not saved.
run $DIVERGE --save "$tmp/d.scene"
check save_exits_3 test "$rc" = 3
check save_says_nothing_saved grep -q 'nothing saved' "$tmp/err"
check save_no_file test ! -e "$tmp/d.scene"

# Compare mode: the message names the run and its key.
run --headless --data sparse --model linear --epochs 200 --run calm:lr=0.1 --run wild:lr=30
check compare_exits_3 test "$rc" = 3
check compare_names_run grep -q "run 'wild' diverged at epoch 92 .*--run wild:lr=" "$tmp/err"

# A run that converges is untouched.
run --headless --data sparse --model linear --lr 0.1 --epochs 200
check converging_exits_0 test "$rc" = 0
check converging_final grep -q '"final":true' "$tmp/out"
check converging_quiet test ! -s "$tmp/err"

[ "$failures" -eq 0 ]
