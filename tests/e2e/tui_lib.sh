# Helpers for driving the regscope TUI inside tmux (sourced, POSIX sh).
#
# Every test gets its own tmux server (socket regscope-e2e-<pid>, no config
# file), so the user's tmux is never touched; the server is killed on exit.
# regscope runs as the pane command through a small wrapper script that
# writes its exit status to a file and then keeps the pane alive, so the
# screen left behind after it exits can be inspected too.
#
#   tui_start COLS ROWS 'VAR=VAL ...' [ARGS...]   start (replaces the previous run)
#   tui_screen / tui_screen_joined / tui_screen_escapes   capture the pane
#   tui_wait_for ERE [TIMEOUT]   poll every 0.1 s until the screen matches
#   tui_wait_gone ERE [TIMEOUT]  ... until it no longer matches
#   tui_wait_line N ERE [TIMEOUT]  ... until line N matches
#   tui_wait_until TIMEOUT CMD...  ... until CMD succeeds
#   tui_epoch                    the number after "epoch " (empty if none)
#   tui_wait_epoch_above N [TIMEOUT]
#   tui_keys KEY...              tmux send-keys (key names: Space, Left, Tab...)
#   tui_literal STRING           send STRING byte for byte
#   tui_resize COLS ROWS         tmux resize-window
#   tui_pid                      pid of the regscope process
#   tui_wait_exit [TIMEOUT]      sets tui_rc to the exit status (empty: still running)
#   tui_format FMT               tmux display -p FMT for the pane
#   ok NAME / not_ok NAME [DIAG] / check NAME CMD...   TAP-like result lines

TUI_BIN=${REGSCOPE:-./regscope}
TUI_SOCK=regscope-e2e-$$
TUI_TMP=$(mktemp -d "${TMPDIR:-/tmp}/regscope-e2e.XXXXXX") || exit 1
TUI_N=0
TUI_S=
TUI_STATUS=
TUI_TIMEOUT=${TUI_TIMEOUT:-5}
failures=0

tmx() { tmux -L "$TUI_SOCK" -f /dev/null "$@"; }

# The server's socket file stays behind after kill-server: remove it too.
tui_cleanup() {
    _sock=$(tmx display-message -p '#{socket_path}' 2>/dev/null)
    tmx kill-server >/dev/null 2>&1
    case $_sock in */$TUI_SOCK) rm -f "$_sock" ;; esac
    rm -rf "$TUI_TMP"
}
trap 'tui_cleanup' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

. tests/e2e/tap.sh
# check NAME CMD...: a failure shows the screen.
diag() { tui_diag; }
# The current screen for diagnostics.
tui_diag() {
    echo "screen ($TUI_S):"
    tui_screen 2>&1
}

# sq STRING: STRING quoted for sh.
sq() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }

# tui_start COLS ROWS 'VAR=VAL ...' [ARGS...]
# The environment words go to env(1) after LC_ALL, LC_CTYPE, LANG, NO_COLOR,
# COLUMNS and LINES are cleared, so only what the test asks for is in force.
tui_start() {
    _cols=$1 _rows=$2 _env=$3
    shift 3
    # a session that outlives every run: killing the last session would end
    # the server while the next new-session is connecting to it ("server
    # exited unexpectedly", seen on a loaded machine)
    tmx has-session -t keep 2>/dev/null || tmx new-session -d -s keep -x 20 -y 5 'exec sleep 86400'
    if [ -n "$TUI_S" ]; then tmx kill-session -t "$TUI_S" >/dev/null 2>&1; fi
    TUI_N=$((TUI_N + 1))
    TUI_S=run$TUI_N
    TUI_STATUS=$TUI_TMP/status.$TUI_N
    _args=
    for _a in "$@"; do _args="$_args $(sq "$_a")"; done
    _bin=$TUI_BIN
    case $_bin in /*) ;; *) _bin=$(pwd)/$_bin ;; esac
    cat >"$TUI_TMP/run.$TUI_N.sh" <<EOF
env -u LC_ALL -u LC_CTYPE -u LC_MESSAGES -u LANG -u LANGUAGE -u NO_COLOR -u COLUMNS -u LINES $_env $(sq "$_bin")$_args 2>$(sq "$TUI_TMP/stderr.$TUI_N")
echo \$? >$(sq "$TUI_STATUS.tmp")
mv $(sq "$TUI_STATUS.tmp") $(sq "$TUI_STATUS")
exec sleep 3600
EOF
    tmx new-session -d -s "$TUI_S" -x "$_cols" -y "$_rows" "sh $(sq "$TUI_TMP/run.$TUI_N.sh")"
}

tui_screen() { tmx capture-pane -p -t "$TUI_S"; }
tui_screen_joined() { tmx capture-pane -p -J -t "$TUI_S"; }
tui_screen_escapes() { tmx capture-pane -p -e -t "$TUI_S"; }
tui_format() { tmx display-message -p -t "$TUI_S" "$1"; }
tui_keys() { tmx send-keys -t "$TUI_S" "$@"; }
tui_literal() { tmx send-keys -t "$TUI_S" -l -- "$1"; }
tui_resize() { tmx resize-window -t "$TUI_S" -x "$1" -y "$2"; }
tui_stderr() { cat "$TUI_TMP/stderr.$TUI_N" 2>/dev/null; }

# _ticks SECONDS: the number of 0.1 s polls in SECONDS (integer or x.y).
_ticks() {
    case $1 in
    *.*) echo $((${1%%.*} * 10 + ${1#*.})) ;;
    *) echo $(($1 * 10)) ;;
    esac
}

tui_wait_for() {
    _n=$(_ticks "${2:-$TUI_TIMEOUT}")
    while :; do
        if tui_screen | grep -Eq -- "$1"; then return 0; fi
        [ "$_n" -le 0 ] && return 1
        _n=$((_n - 1))
        sleep 0.1
    done
}

tui_wait_gone() {
    _n=$(_ticks "${2:-$TUI_TIMEOUT}")
    while :; do
        if ! tui_screen | grep -Eq -- "$1"; then return 0; fi
        [ "$_n" -le 0 ] && return 1
        _n=$((_n - 1))
        sleep 0.1
    done
}

# tui_wait_until TIMEOUT CMD...: polls every 0.1 s until CMD succeeds.
tui_wait_until() {
    _n=$(_ticks "$1")
    shift
    while :; do
        if "$@"; then return 0; fi
        [ "$_n" -le 0 ] && return 1
        _n=$((_n - 1))
        sleep 0.1
    done
}

# tui_wait_line N ERE [TIMEOUT]: ... until line N of the screen matches.
tui_wait_line() {
    _n=$(_ticks "${3:-$TUI_TIMEOUT}")
    while :; do
        if tui_screen | sed -n "${1}p" | grep -Eq -- "$2"; then return 0; fi
        [ "$_n" -le 0 ] && return 1
        _n=$((_n - 1))
        sleep 0.1
    done
}

# epoch_of_screen: the epoch on the status line (read from stdin).
epoch_of_screen() { sed -n 's/.*epoch \([0-9][0-9]*\).*/\1/p' | tail -n 1; }
tui_epoch() { tui_screen | epoch_of_screen; }

# tui_wait_epoch_above N [TIMEOUT]: waits until the epoch shown is > N;
# leaves it in tui_e.
tui_wait_epoch_above() {
    _n=$(_ticks "${2:-$TUI_TIMEOUT}")
    while :; do
        tui_e=$(tui_epoch)
        if [ -n "$tui_e" ] && [ "$tui_e" -gt "$1" ]; then return 0; fi
        [ "$_n" -le 0 ] && return 1
        _n=$((_n - 1))
        sleep 0.1
    done
}

# tui_wait_epoch_settled [TIMEOUT]: waits until two reads 0.3 s apart agree
# (training paused and the last snapshot drawn); leaves it in tui_e.
tui_wait_epoch_settled() {
    _n=$(_ticks "${1:-$TUI_TIMEOUT}")
    _prev=$(tui_epoch)
    while :; do
        sleep 0.3
        tui_e=$(tui_epoch)
        if [ -n "$tui_e" ] && [ "$tui_e" = "$_prev" ]; then return 0; fi
        _prev=$tui_e
        [ "$_n" -le 3 ] && return 1
        _n=$((_n - 3))
    done
}

# The regscope process: the child of the pane's shell.
tui_pid() {
    _pp=$(tui_format '#{pane_pid}')
    pgrep -P "$_pp" 2>/dev/null | head -n 1
}

# tui_wait_exit [TIMEOUT]: tui_rc = exit status, or empty if still running.
tui_wait_exit() {
    _n=$(_ticks "${1:-$TUI_TIMEOUT}")
    tui_rc=
    while :; do
        if [ -f "$TUI_STATUS" ]; then
            tui_rc=$(cat "$TUI_STATUS")
            return 0
        fi
        [ "$_n" -le 0 ] && return 1
        _n=$((_n - 1))
        sleep 0.1
    done
}


# tui_labels_visible: every label followed by a value is on the screen.
tui_labels_visible() {
    tui_wait_for 'lambda [0-9]' &&
        tui_wait_for 'alpha [0-9]' 1 &&
        tui_wait_for 'keep [0-9]' 1 &&
        tui_wait_for 'lr [0-9]' 1 &&
        tui_wait_for 'epoch [0-9]' 1
}

# tui_terminal_restored: after regscope exits, the pane is back on the normal
# screen with the cursor shown, keypad transmit mode and mouse reporting off.
# Prints the flags when they are wrong.
tui_terminal_restored() {
    _f=$(tui_format '#{alternate_on} #{cursor_flag} #{keypad_flag} #{mouse_any_flag}')
    [ "$_f" = "0 1 0 0" ] && return 0
    echo "alternate_on cursor_flag keypad_flag mouse_any_flag = $_f (want 0 1 0 0)"
    return 1
}

# tui_only_ascii: the screen has only printable ASCII (and newlines).
tui_only_ascii() { ! tui_screen | LC_ALL=C grep -q '[^ -~]'; }
