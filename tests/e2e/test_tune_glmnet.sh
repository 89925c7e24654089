#!/bin/sh
# --tune alpha=... with --foldid against cv.glmnet with the same foldid:
# tune_glmnet_data.py writes a gaussian and a binomial table with a fold
# column of 5 unequal folds; regscope tunes alpha 0.5 and 1 (binomial 0.3
# and 1) along its shared lambda grid, tune_glmnet.R runs cv.glmnet at each
# alpha on those lambdas (mapped for gaussian alpha < 1, see there). Every
# cv_mean equals glmnet's cvm / 2 (regscope's losses are half of glmnet's
# mean squared error and deviance) to 1e-5 relative, every cv_se its
# cvsd / 2, and each alpha's lambda_min and lambda_1se are glmnet's
# lambda.min and lambda.1se; the best and one_se cells are those the rule
# picks from glmnet's numbers. Also: the output does not depend on
# --threads, --cv K must agree with the fold column, --path --cv uses it,
# and a knob other than alpha or a lambda knob are refused (a hidden-layer
# model's grid is test_tune_net.sh's). The glmnet checks are
# skipped only when Rscript or the glmnet package is missing.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/tui_lib.sh
BIN=$TUI_BIN
PY=${PY:-python3}
T=$TUI_TMP
have_glmnet=
if command -v Rscript >/dev/null 2>&1 && Rscript -e 'suppressMessages(library(glmnet))' >/dev/null 2>&1; then
    have_glmnet=yes
fi
"$PY" tests/e2e/tune_glmnet_data.py gaussian "$T/gauss.csv" &&
    "$PY" tests/e2e/tune_glmnet_data.py binomial "$T/binom.csv" || exit 1

tune() { # tune CSV ALPHAS [OPTIONS...]: regscope's grid on CSV
    csv=$1 alphas=$2
    shift 2
    "$BIN" --headless --tune "alpha=$alphas" --data "$csv" --target y --foldid fold \
        --model linear --val-ratio 0 --standardize off --path-len 100 "$@"
}

# same NAME CSV FAMILY ALPHAS: the grid against cv.glmnet at each alpha.
same() {
    name=$1 csv=$2 family=$3 alphas=$4
    if [ -z "$have_glmnet" ]; then
        ok "$name # skip Rscript with r-cran-glmnet not installed"
        return
    fi
    if ! tune "$csv" "$alphas" >"$T/rs.jsonl" 2>"$T/err"; then
        not_ok "$name" "regscope failed: $(head -c 300 "$T/err")"
        return
    fi
    for a in $(echo "$alphas" | tr , ' '); do
        "$PY" - "$T/rs.jsonl" "$a" >"$T/lambda.$a.txt" <<'PYEOF' || { not_ok "$name" "cannot read regscope's output"; return; }
import json, sys
for l in open(sys.argv[1]):
    r = json.loads(l)
    if "tune" not in r and r["alpha"] == float(sys.argv[2]):
        print("%.17g" % r["lambda"])
PYEOF
        if ! Rscript tests/e2e/tune_glmnet.R "$csv" y fold "$family" "$a" "$T/lambda.$a.txt" \
            "$T/gl.$a.txt" >"$T/r.out" 2>&1; then
            not_ok "$name" "tune_glmnet.R failed at alpha $a: $(tail -c 300 "$T/r.out")"
            return
        fi
    done
    if diag=$("$PY" - "$T" "$alphas" <<'PYEOF' 2>&1
import json, sys
sys.excepthook = lambda kind, e, tb: print("%s: %s" % (kind.__name__, e))
t, alphas = sys.argv[1], [float(a) for a in sys.argv[2].split(",")]
recs = [json.loads(l) for l in open(t + "/rs.jsonl")]
cells, last = recs[:-1], recs[-1]
assert last["tune"] is True and last["folds"] == 5, last
assert len(cells) == 100 * len(alphas), len(cells)
ref, worst = [], (0, 0)
for k, a in enumerate(alphas):
    mine = cells[100 * k:100 * (k + 1)]
    assert all(c["alpha"] == a for c in mine)
    lines = [l.split() for l in open("%s/gl.%s.txt" % (t, sys.argv[2].split(",")[k]))]
    imin, i1se = int(lines[-1][0]) - 1, int(lines[-1][1]) - 1
    gl = [(float(m) / 2, float(s) / 2) for m, s in lines[:-1]]
    assert len(gl) == 100, len(gl)
    for l, (c, (m, s)) in enumerate(zip(mine, gl)):
        dm, ds = abs(c["cv_mean"] - m) / m, abs(c["cv_se"] - s) / s
        assert dm <= 1e-5, "alpha %g lambda %d: cv_mean %.12g, cvm/2 %.12g" % (a, l, c["cv_mean"], m)
        assert ds <= 1e-5, "alpha %g lambda %d: cv_se %.12g, cvsd/2 %.12g" % (a, l, c["cv_se"], s)
        worst = max(worst, (dm, ds))
        ref.append({"alpha": a, "lambda": c["lambda"], "cv_mean": m, "cv_se": s})
    pa = last["alphas"][k]
    assert pa["alpha"] == a
    assert pa["lambda_min"] == mine[imin]["lambda"], "alpha %g: lambda_min %g, glmnet's %g" % (a, pa["lambda_min"], mine[imin]["lambda"])
    assert pa["lambda_1se"] == mine[i1se]["lambda"], "alpha %g: lambda_1se %g, glmnet's %g" % (a, pa["lambda_1se"], mine[i1se]["lambda"])
# the grid's best and one-standard-error cells, picked from glmnet's numbers
best = min(ref, key=lambda r: (r["cv_mean"], -r["lambda"]))
bar = best["cv_mean"] + best["cv_se"]
one = min((r for r in ref if r["cv_mean"] <= bar), key=lambda r: (-r["lambda"], r["cv_mean"]))
for key, want in (("best", best), ("one_se", one)):
    got = last[key]
    assert (got["alpha"], got["lambda"]) == (want["alpha"], want["lambda"]), (key, got, want)
print("largest relative differences: cv_mean %.3g, cv_se %.3g; best alpha %g lambda %.4g, one_se alpha %g lambda %.4g"
      % (worst[0], worst[1], best["alpha"], best["lambda"], one["alpha"], one["lambda"]))
PYEOF
    ); then
        ok "$name"
        echo "# $name: $diag"
    else
        not_ok "$name" "$diag"
    fi
}

same tune_gaussian_vs_cv_glmnet "$T/gauss.csv" gaussian 0.5,1
same tune_binomial_vs_cv_glmnet "$T/binom.csv" binomial 0.3,1

# the grid is the same on one thread and on four
if tune "$T/binom.csv" 0.3,1 --path-len 30 --threads 1 >"$T/t1.jsonl" 2>"$T/err" &&
    tune "$T/binom.csv" 0.3,1 --path-len 30 --threads 4 >"$T/t4.jsonl" 2>>"$T/err" &&
    cmp -s "$T/t1.jsonl" "$T/t4.jsonl" && [ "$(wc -l <"$T/t1.jsonl")" -eq 61 ]; then
    ok tune_threads_same_output
else
    not_ok tune_threads_same_output "$(head -c 300 "$T/err")"
fi

# progress on stderr when it is a terminal (script(1) gives it one), none when not
if ! command -v script >/dev/null 2>&1; then
    ok "tune_progress_on_terminal # skip script(1) not installed"
elif script -qc "$(sq "$BIN") --headless --tune alpha=0.5,1 --data $(sq "$T/binom.csv") --target y \
    --foldid fold --model linear --path-len 10 2>$(sq "$T/tty_err") >/dev/null" /dev/null \
    </dev/null >/dev/null 2>&1; then
    # that run's stderr was a file (no progress); now on the terminal, in script(1)'s log
    script -qc "$(sq "$BIN") --headless --tune alpha=0.5,1 --data $(sq "$T/binom.csv") --target y \
        --foldid fold --model linear --path-len 10 >/dev/null" "$T/tty.txt" </dev/null >/dev/null 2>&1
    if grep -q 'tune: 10/10 fits' "$T/tty.txt" && [ ! -s "$T/tty_err" ]; then
        ok tune_progress_on_terminal
    else
        not_ok tune_progress_on_terminal "terminal saw: $(tail -c 200 "$T/tty.txt"); file got: $(head -c 100 "$T/tty_err")"
    fi
else
    not_ok tune_progress_on_terminal "script(1) run failed"
fi

# --path --cv K with the fold column: the same folds as --tune's
if "$BIN" --headless --path --data "$T/gauss.csv" --target y --foldid fold --model linear \
    --alpha 1 --val-ratio 0 --standardize off --path-len 30 --cv 5 >"$T/p.jsonl" 2>"$T/err" &&
    tune "$T/gauss.csv" 1 --path-len 30 >"$T/t.jsonl" 2>>"$T/err" &&
    "$PY" - "$T" <<'PYEOF'
import json, sys
t = sys.argv[1]
p = [json.loads(l) for l in open(t + "/p.jsonl")][:-1]
g = [json.loads(l) for l in open(t + "/t.jsonl")][:-1]
assert len(p) == len(g) == 30
for a, b in zip(p, g):
    assert a["lambda"] == b["lambda"]
    assert abs(a["cv_mean"] - b["cv_mean"]) <= 1e-6 * b["cv_mean"], (a["cv_mean"], b["cv_mean"])
    assert "fold" not in json.dumps(a["layers"])
PYEOF
then
    ok path_cv_uses_foldid
else
    not_ok path_cv_uses_foldid "$(head -c 300 "$T/err")"
fi

# refused: --cv K against the fold column, a knob other than alpha, a lambda knob
refused() { # refused NAME MESSAGE ARGS...: exit 2 and MESSAGE on stderr
    name=$1 msg=$2
    shift 2
    "$BIN" "$@" >/dev/null 2>"$T/err"
    rc=$?
    if [ "$rc" -eq 2 ] && grep -qF -- "$msg" "$T/err"; then
        ok "$name"
    else
        not_ok "$name" "exit $rc: $(head -c 300 "$T/err")"
    fi
}
refused tune_cv_disagrees "--cv 4 disagrees with --foldid fold, whose training rows hold 5" \
    --headless --tune alpha=1 --data "$T/gauss.csv" --target y --foldid fold --model linear --cv 4
refused tune_linear_knob "--tune keep=0.5: a linear model's grid is alpha x the path's lambdas" \
    --headless --tune keep=0.5 --data "$T/gauss.csv" --target y --model linear
refused tune_lambda_knob "--tune lambda: for a linear model the lambda axis is the path's grid" \
    --headless --tune lambda=1,2 --data "$T/gauss.csv" --target y --model linear
refused tune_alpha_range "alpha values are numbers in [0, 1]" \
    --headless --tune alpha=0.5,2 --data "$T/gauss.csv" --target y --model linear
refused foldid_not_integer "--foldid: expected an integer fold number" \
    --headless --path --data "$T/gauss.csv" --target y --foldid x1 --model linear

[ "$failures" -eq 0 ]
