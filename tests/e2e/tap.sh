# tap.sh: the result lines every end-to-end script prints, sourced from the
# top of the tree (tui_lib.sh sources it too).
#   ok NAME / not_ok NAME [DIAG]   "ok NAME", or "not ok NAME" then DIAG as "#" lines
#   check NAME CMD...              ok if CMD succeeds, else not ok with $(diag)
#   run ARGS...                    $BIN ARGS: stdout in $tmp/out, stderr in
#                                  $tmp/err, status in $rc, at most 60 s
# A script counts not_ok calls in $failures and redefines diag() to say
# what the reader of a failure needs (the screen, the status, stderr).
failures=${failures:-0}
ok() { echo "ok $1"; }
not_ok() {
    echo "not ok $1"
    if [ -n "${2:-}" ]; then printf '%s\n' "$2" | sed 's/^/#   /'; fi
    failures=$((failures + 1))
}
diag() { :; }
check() {
    _name=$1
    shift
    if "$@"; then ok "$_name"; else not_ok "$_name" "$(diag)"; fi
}
# A time limit keeps a parser that falls through to the TUI from hanging.
if command -v timeout >/dev/null 2>&1; then LIMIT="timeout 60"; else LIMIT=; fi
run() {
    $LIMIT "$BIN" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
    rc=$?
}
