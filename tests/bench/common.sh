# Helpers sourced by tests/bench/bench_*.sh (POSIX sh). Not a benchmark
# itself (run_all.sh only runs bench_*.sh). Run from the top of the tree.

PY=${PY:-/usr/bin/python3}
REGSCOPE=${REGSCOPE:-./regscope}
BUILD=${BUILD:-build}
# shellcheck disable=SC2034 # used by the scripts that source this
RUNS=${BENCH_RUNS:-3}

die() { echo "$BENCH_NAME: $*" >&2; exit 1; }

# A private temp dir, removed on exit; a script may set BENCH_CLEANUP to a
# command to run first (e.g. killing its tmux server).
BENCH_CLEANUP=:
tmp=$(mktemp -d "${TMPDIR:-/tmp}/regscope-bench.XXXXXX") || exit 1
trap 'eval "$BENCH_CLEANUP"; rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Nanoseconds since the epoch (GNU date).
now_ns() { date +%s%N; }

# Median of the numbers on stdin, one per line (mean of the middle two
# when the count is even).
median() {
    sort -g | awk '{ v[NR] = $1 } END {
        if (NR == 0) exit 1
        if (NR % 2) printf "%.6g\n", v[(NR + 1) / 2]
        else printf "%.6g\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# calc EXPR [awk -v assignments...]: prints awk's value of EXPR.
calc() { e=$1; shift; awk "$@" "BEGIN { printf \"%.6g\n\", $e }"; }

# row NAME REGSCOPE PEER RATIO BAR: one row of run_all.sh's table.
row() { printf '%-34s %14s %14s %9s  %s\n' "$1" "$2" "$3" "$4" "$5"; }

# bar_ok VALUE OP LIMIT: exit status 0 when "VALUE OP LIMIT" holds (awk).
bar_ok() { awk -v v="$1" -v l="$3" "BEGIN { exit !(v $2 l) }"; }

# verdict VALUE OP LIMIT TEXT: TEXT, or "TEXT MISSED" when the bar fails.
verdict() { if bar_ok "$1" "$2" "$3"; then echo "$4"; else echo "$4 MISSED"; fi; }

# time_cmd CMD...: runs CMD (stdout to /dev/null) and prints its wall
# seconds and its CPU seconds (user + sys, from the shell's `times`; call it
# in a command substitution, so that only CMD's children are counted);
# fails when CMD fails.
time_cmd() {
    t0=$(now_ns)
    "$@" >/dev/null || return 1
    t1=$(now_ns)
    # `times` must run in this shell (a pipe would fork a fresh process)
    tf=${tmp:-${TMPDIR:-/tmp}}/regscope-bench-times.$$
    times >"$tf"
    cpu=$(awk 'NR == 2 { gsub(/[ms]/, " "); print $1 * 60 + $2 + $3 * 60 + $4 }' "$tf")
    rm -f "$tf"
    calc "($t1 - $t0) / 1e9" -v dummy=0 | tr '\n' ' '
    echo "$cpu"
}

# is_sanitized FILE: FILE (a binary or an archive) has ASan/TSan/UBSan code.
is_sanitized() { grep -a -q -E '__(asan|tsan)_init|__ubsan_handle_' "$1"; }

# Makes sure $REGSCOPE is there. `make asan` / `make tsan` overwrite
# ./regscope with a sanitizer build (and a plain `make` then leaves it, as it
# is newer than its objects): timing that would be meaningless, so in that
# case a plain copy is linked from $BUILD/main.o and $BUILD/libregscope.a
# (the Makefile's -O2 objects) into the temp dir and used instead.
need_regscope() {
    [ -x "$REGSCOPE" ] || make -s regscope >&2 || die "cannot build $REGSCOPE"
    is_sanitized "$REGSCOPE" || return 0
    echo "$BENCH_NAME: $REGSCOPE is a sanitizer build (make asan/tsan wrote it);" \
        "timing a plain link of $BUILD/main.o + $BUILD/libregscope.a instead" >&2
    make -s "$BUILD/main.o" "$BUILD/libregscope.a" >&2 || die "cannot build $BUILD objects"
    ! is_sanitized "$BUILD/libregscope.a" || die "$BUILD/libregscope.a is a sanitizer build too"
    # shellcheck disable=SC2046
    cc -o "$tmp/regscope" "$BUILD/main.o" "$BUILD/libregscope.a" \
        $(pkg-config --libs ncursesw openblas) -lcsv -lpthread -lm || die "cannot link regscope"
    REGSCOPE=$tmp/regscope
}

# need_lib: $BUILD/libregscope.a, built, and not a sanitizer build.
need_lib() {
    [ -f "$BUILD/libregscope.a" ] || make -s "$BUILD/libregscope.a" >&2 ||
        die "cannot build $BUILD/libregscope.a"
    ! is_sanitized "$BUILD/libregscope.a" || die "$BUILD/libregscope.a is a sanitizer build"
}

need_python() {
    [ -x "$PY" ] || die "$PY not found"
    for m in "$@"; do
        "$PY" -c "import $m" 2>/dev/null ||
            die "$PY cannot import $m (apt-get install python3-$m)"
    done
}
