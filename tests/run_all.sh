#!/bin/sh
# Runs every cmocka unit test binary in BUILD/tests, then (unless "unit" is
# given) every end-to-end script in tests/e2e, and ends with one line
# "N passed, N failed" (CI greps it). An e2e line "ok NAME # skip REASON" is
# a skip, not a pass: the skips are counted and named on an "N skipped" line
# before the last. Exit status 1 if anything failed.
BUILD=${1:-build}
ONLY=${2:-all}
passed=0
failed=0
skipped=0
log=$(mktemp)
skips=$(mktemp)
trap 'rm -f "$log" "$skips"' EXIT

for t in "$BUILD"/tests/test_*; do
    [ -x "$t" ] || continue
    CMOCKA_MESSAGE_OUTPUT=stdout "$t" >"$log" 2>&1
    rc=$?
    p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
    f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
    p=${p:-0}
    f=${f:-0}
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi  # crashed before its summary
    if [ "$f" -ne 0 ]; then
        echo "FAIL $(basename "$t")"
        cat "$log"
    else
        echo "ok   $(basename "$t"): $p passed"
    fi
    passed=$((passed + p))
    failed=$((failed + f))
done

if [ "$ONLY" != unit ]; then
    for t in tests/e2e/test_*.sh; do
        [ -f "$t" ] || continue
        # Each e2e script prints "ok NAME" / "not ok NAME" lines.
        sh "$t" >"$log" 2>&1
        rc=$?
        s=$(grep -ci '^ok .*# *skip' "$log")
        p=$(($(grep -c '^ok ' "$log") - s))
        f=$(grep -c '^not ok ' "$log")
        if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
        if [ "$f" -ne 0 ]; then
            echo "FAIL $(basename "$t")"
            cat "$log"
        else
            note=
            if [ "$s" -ne 0 ]; then note=", $s skipped"; fi
            echo "ok   $(basename "$t"): $p passed$note"
        fi
        grep -i '^ok .*# *skip' "$log" | sed "s|^ok |  $(basename "$t"): |" >>"$skips"
        passed=$((passed + p))
        failed=$((failed + f))
        skipped=$((skipped + s))
    done
fi

if [ "$skipped" -ne 0 ]; then
    echo "$skipped skipped"
    cat "$skips"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
