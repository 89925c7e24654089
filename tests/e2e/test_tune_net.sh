#!/bin/sh
# --tune for a hidden-layer model, headless: a lambda x keep grid prints one
# record a cell (the knobs as keys, val_loss, val_se) then the pick; every
# cell's val_loss equals the final val_loss of a plain --headless run with
# that cell's settings and --threads 1 (printed to 15 digits), and with
# --early-stop that of the run's best epoch (the weights it restores); best
# is the lowest val_loss and one_se the largest lambda, then smallest keep,
# within best's val_loss + val_se, worked again here from the records; the
# output does not depend on --threads; progress goes to stderr when it is a
# terminal; a diverged cell is null and left out of the pick; unknown knobs,
# values out of a knob's range, a grid without a validation split and --cv
# are refused with exit 2.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/tui_lib.sh
BIN=$TUI_BIN
PY=${PY:-python3}
tmp=$TUI_TMP

BASE="--headless --data moons --samples 300 --model 8 --epochs 25 --batch 32 --seed 4"
LAMBDAS=0,1e-3,3e-2
KEEPS=0.5,1

# same_as_plain NAME [OPTIONS...]: the grid, then each cell as a plain run
same_as_plain() {
    name=$1
    shift
    # shellcheck disable=SC2086
    if ! $LIMIT "$BIN" $BASE "$@" --tune lambda=$LAMBDAS --tune keep=$KEEPS >"$tmp/g.jsonl" \
        2>"$tmp/err"; then
        not_ok "$name" "grid failed: $(head -c 300 "$tmp/err")"
        return
    fi
    for l in $(echo $LAMBDAS | tr , ' '); do
        for k in $(echo $KEEPS | tr , ' '); do
            # shellcheck disable=SC2086
            $LIMIT "$BIN" $BASE "$@" --lambda "$l" --keep-prob "$k" --threads 1 \
                >"$tmp/plain.$l.$k.jsonl" 2>>"$tmp/err" ||
                { not_ok "$name" "plain run failed: $(head -c 300 "$tmp/err")"; return; }
        done
    done
    if diag=$("$PY" - "$tmp" "$LAMBDAS" "$KEEPS" <<'PYEOF' 2>&1
import json, sys
t, lambdas, keeps = sys.argv[1], sys.argv[2].split(","), sys.argv[3].split(",")
rec = [json.loads(l) for l in open(t + "/g.jsonl")]
cells, pick = rec[:-1], rec[-1]
assert len(cells) == len(lambdas) * len(keeps), len(cells)
i = 0
for l in lambdas:
    for k in keeps:
        c = cells[i]
        i += 1
        assert set(c) == {"lambda", "keep", "val_loss", "val_se"}, c
        assert c["lambda"] == float(l) and c["keep"] == float(k), c
        run = [json.loads(x) for x in open("%s/plain.%s.%s.jsonl" % (t, l, k))]
        final = run[-1]
        assert final.get("final"), final
        ep = [r for r in run if r.get("epoch") == final["best_epoch"]] if final["best_epoch"] else []
        want = (ep[0] if ep else run[-2])["val_loss"]
        assert "%.15g" % c["val_loss"] == "%.15g" % want, (l, k, c["val_loss"], want)
        assert 0 < c["val_se"] < c["val_loss"], c
assert pick["tune"] is True, pick
best = min(cells, key=lambda c: c["val_loss"])
assert pick["best"] == best, (pick["best"], best)
bar = best["val_loss"] + best["val_se"]
within = [c for c in cells if c["val_loss"] <= bar]
one = max(within, key=lambda c: (c["lambda"], -c["keep"], -c["val_loss"]))
assert pick["one_se"] == one, (pick["one_se"], one)
PYEOF
    ); then
        ok "$name"
    else
        not_ok "$name" "$diag"
    fi
}
same_as_plain tune_net_cells_are_plain_runs
same_as_plain tune_net_early_stop_best_epoch --early-stop 2 --epochs 60

# the same output on one thread and on three
# shellcheck disable=SC2086
if $LIMIT "$BIN" $BASE --tune lambda=$LAMBDAS --tune keep=$KEEPS --threads 1 >"$tmp/t1" 2>"$tmp/err" &&
    $LIMIT "$BIN" $BASE --tune lambda=$LAMBDAS --tune keep=$KEEPS --threads 3 >"$tmp/t3" 2>>"$tmp/err" &&
    cmp -s "$tmp/t1" "$tmp/t3" && [ "$(wc -l <"$tmp/t1")" -eq 7 ]; then
    ok tune_net_threads_same_output
else
    not_ok tune_net_threads_same_output "$(head -c 300 "$tmp/err")"
fi

# one knob; the other knobs' keys
# shellcheck disable=SC2086
if $LIMIT "$BIN" $BASE --tune input-keep=0.8,1 --tune augment-noise=0,0.1 >"$tmp/o" 2>"$tmp/err" &&
    $LIMIT "$BIN" $BASE --tune lr=0.03,0.1,0.3 >"$tmp/lr" 2>>"$tmp/err" &&
    head -n 1 "$tmp/o" | grep -q '^{"input-keep":0.8,"augment-noise":0,"val_loss":' &&
    head -n 1 "$tmp/lr" | grep -q '^{"lr":0.03,"val_loss":' && [ "$(wc -l <"$tmp/lr")" -eq 4 ]; then
    ok tune_net_other_knobs
else
    not_ok tune_net_other_knobs "$(head -c 300 "$tmp/err") $(head -n 1 "$tmp/o")"
fi

# a cell whose training diverged: null values, left out of the pick, exit 0
if $LIMIT "$BIN" --headless --data line --model 8 --epochs 10 --optimizer sgd --tune lr=0.1,1e6 \
    >"$tmp/d" 2>"$tmp/err" &&
    sed -n 2p "$tmp/d" | grep -qx '{"lr":1000000,"val_loss":null,"val_se":null}' &&
    tail -n 1 "$tmp/d" | grep -q '"best":{"lr":0.1,.*"one_se":{"lr":0.1,'; then
    ok tune_net_diverged_cell
else
    not_ok tune_net_diverged_cell "$(head -c 300 "$tmp/err") $(cat "$tmp/d")"
fi

# progress on stderr when it is a terminal (script(1) gives it one)
if ! command -v script >/dev/null 2>&1; then
    ok "tune_net_progress_on_terminal # skip script(1) not installed"
else
    script -qc "$(sq "$BIN") $BASE --tune lambda=$LAMBDAS >/dev/null 2>$(sq "$tmp/file_err")" \
        /dev/null </dev/null >/dev/null 2>&1
    script -qc "$(sq "$BIN") $BASE --tune lambda=$LAMBDAS >/dev/null" "$tmp/tty.txt" \
        </dev/null >/dev/null 2>&1
    if grep -q 'tune: 3/3 cells' "$tmp/tty.txt" && [ ! -s "$tmp/file_err" ]; then
        ok tune_net_progress_on_terminal
    else
        not_ok tune_net_progress_on_terminal "terminal saw: $(tail -c 200 "$tmp/tty.txt")"
    fi
fi

refused() { # refused NAME MESSAGE ARGS...: exit 2 and MESSAGE on stderr
    name=$1 msg=$2
    shift 2
    # shellcheck disable=SC2086
    $LIMIT "$BIN" $BASE "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ "$rc" -eq 2 ] && grep -qF -- "$msg" "$tmp/err" && [ ! -s "$tmp/out" ]; then
        ok "$name"
    else
        not_ok "$name" "exit $rc: $(head -c 300 "$tmp/err")"
    fi
}
refused tune_net_unknown_knob \
    "--tune gamma: a hidden-layer model's grid knobs are lambda, alpha, keep, input-keep, lr and augment-noise" \
    --tune gamma=2,3
refused tune_net_keep_range "--tune keep=0,0.5: keep values are numbers in (0, 1]" --tune keep=0,0.5
refused tune_net_lr_range "--tune lr=0: lr values are numbers > 0" --tune lr=0
refused tune_net_lambda_range "lambda values are numbers >= 0" --tune lambda=1e-3,-1
refused tune_net_not_a_number "augment-noise values are numbers >= 0" --tune augment-noise=0.1,x
refused tune_net_no_val_split "tuned on the validation split, and it has 0 rows" \
    --tune lambda=0,1 --val-ratio 0
refused tune_net_no_cv "--cv: a hidden-layer model's grid is measured on the validation split" \
    --tune lambda=0,1 --cv 5
refused tune_net_csv "--tune prints JSON Lines only" --tune lambda=0,1 --format csv

[ "$failures" -eq 0 ]
