#!/bin/sh
# End-to-end tests of the TUI (SPEC §5) in tmux, run from the repository root
# against ./regscope (or $REGSCOPE): the control labels and the status line,
# every knob key, pause / one epoch / resume, the help overlay, dataset and
# model keys, the mouse wheel, resizing (and "terminal too small", down to
# tiny sizes), SIGTERM / SIGINT / SIGHUP and q, no terminal or an unknown
# TERM, other terminal sizes, and the ASCII / monochrome fallbacks.
# One "ok NAME" or "not ok NAME" line per check; exit 0 when all are ok.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/tui_lib.sh

if ! command -v tmux >/dev/null 2>&1; then
    not_ok tmux_available "tmux is not installed"
    exit 1
fi
if [ ! -x "$TUI_BIN" ]; then
    not_ok binary_exists "$TUI_BIN not built"
    exit 1
fi

UTF8_ENV='LANG=C.UTF-8 TERM=xterm-256color'

# key_check NAME PATTERN KEY...: send the keys, wait for PATTERN.
key_check() {
    _kname=$1 _pat=$2
    shift 2
    tui_keys "$@"
    if tui_wait_for "$_pat"; then ok "$_kname"; else not_ok "$_kname" "sent: $* ; want /$_pat/
$(tui_diag)"; fi
}

# epoch_advances NAME: the epoch number grows.
epoch_advances() {
    _e0=$(tui_epoch)
    if [ -n "$_e0" ] && tui_wait_epoch_above "$_e0"; then
        ok "$1"
    else
        not_ok "$1" "epoch stayed at '${_e0}'
$(tui_diag)"
    fi
}

# help_opens_and_closes PREFIX: ? shows the overlay, any key (x) closes it.
help_opens_and_closes() {
    tui_keys '?'
    check "${1}help_overlay_opens" tui_wait_for 'pause / resume'
    tui_keys x
    check "${1}help_overlay_closes_on_any_key" tui_wait_gone 'pause / resume'
}

# quit_exits_0 PREFIX: q exits 0 and prints the command line.
quit_exits_0() {
    tui_keys q
    tui_wait_exit
    if [ "$tui_rc" = 0 ]; then ok "${1}q_exits_0"; else not_ok "${1}q_exits_0" "exit status '${tui_rc}' (empty: still running)
$(tui_stderr)
$(tui_diag)"; fi
    if flags=$(tui_terminal_restored); then ok "${1}q_restores_terminal"; else not_ok "${1}q_restores_terminal" "$flags
$(tui_diag)"; fi
    if tui_screen_joined | grep -q '^regscope --data '; then
        ok "${1}q_prints_command_line"
    else
        not_ok "${1}q_prints_command_line" "$(tui_diag)"
    fi
}

# ---------------------------------------------------------------------------
# 120x40, UTF-8, 256 colours: the full tour.
tui_start 120 40 "$UTF8_ENV"
check labels_visible_120x40 tui_labels_visible
# all_on_screen ERE...: every pattern is on the screen (1 s each).
all_on_screen() {
    for _p in "$@"; do
        tui_wait_for "$_p" 1 || { echo "missing /$_p/"; return 1; }
    done
}
check initial_values all_on_screen 'lambda 0( |$)' 'alpha 1( |$)' 'keep 1( |$)' 'lr 0\.03( |$)' 'epoch [0-9]+'
epoch_advances epochs_advance

# Knob keys and the values of SPEC §5's ladders.
key_check lambda_up_L 'lambda 1e-04' L
key_check lambda_up_L_again 'lambda 3e-04' L
key_check lambda_down_l 'lambda 1e-04' l
key_check lambda_down_l_to_0 'lambda 0( |$)' l
# at an end of its range a knob stays put: one step back is the next rung
key_check lambda_floor_at_0 'lambda 1e-04' l L
key_check lambda_down_l_back_to_0 'lambda 0( |$)' l
key_check alpha_down_a 'alpha 0\.9( |$)' a
key_check alpha_down_a_again 'alpha 0\.8( |$)' a
key_check alpha_up_A 'alpha 0\.9( |$)' A
key_check alpha_up_A_to_1 'alpha 1( |$)' A
key_check alpha_ceiling_at_1 'alpha 0\.9( |$)' A a
key_check alpha_up_A_back_to_1 'alpha 1( |$)' A
key_check keep_down_k 'keep 0\.95' k
key_check keep_up_K 'keep 1( |$)' K
key_check keep_ceiling_at_1 'keep 0\.95' K k
key_check keep_up_K_back_to_1 'keep 1( |$)' K
key_check lr_down_e 'lr 0\.01( |$)' e
key_check lr_up_E 'lr 0\.03( |$)' E
key_check lr_up_E_again 'lr 0\.1( |$)' E
key_check lr_down_e_back 'lr 0\.03( |$)' e

# Mouse: the wheel over a control turns it (SGR mouse report, as xterm sends;
# one send-keys call, so the sequence is not split past ncurses' ESCDELAY).
ESC=$(printf '\033')
row=$(tui_screen | grep -n 'alpha [0-9]' | head -n 1 | cut -d: -f1)
col=$(tui_screen | grep 'alpha [0-9]' | head -n 1 | sed 's/alpha [0-9].*//' | LC_ALL=C.UTF-8 wc -m)
if [ -n "$row" ]; then
    tui_literal "${ESC}[<65;$((col + 1));${row}M"
    if tui_wait_for 'alpha 0\.9( |$)'; then
        ok mouse_wheel_down_on_alpha
    else
        not_ok mouse_wheel_down_on_alpha "wheel down at column $((col + 1)) row $row
$(tui_diag)"
    fi
    tui_literal "${ESC}[<64;$((col + 1));${row}M"
    check mouse_wheel_up_on_alpha tui_wait_for 'alpha 1( |$)'
else
    not_ok mouse_wheel_down_on_alpha "no alpha row"
fi

# Pause, one epoch, resume.
tui_keys Space
check pause_shows_paused tui_wait_for 'epoch [0-9]+ +paused'
if tui_wait_epoch_settled; then
    e1=$tui_e
    sleep 1
    e2=$(tui_epoch)
    if [ "$e1" = "$e2" ]; then ok pause_holds_epoch_1s; else not_ok pause_holds_epoch_1s "epoch $e1 -> $e2 while paused"; fi
else
    not_ok pause_holds_epoch_1s "epoch never settled
$(tui_diag)"
fi
for n in 1 2; do
    e1=$(tui_epoch)
    tui_keys s
    if tui_wait_epoch_above "$e1"; then
        sleep 0.5
        e2=$(tui_epoch)
        if [ "$e2" -eq $((e1 + 1)) ] && tui_screen | grep -Eq 'epoch [0-9]+ +paused'; then
            ok "step_s_one_epoch_$n"
        else
            not_ok "step_s_one_epoch_$n" "epoch $e1 -> $e2 after s (want $((e1 + 1)), still paused)
$(tui_diag)"
        fi
    else
        not_ok "step_s_one_epoch_$n" "epoch stayed at $e1 after s
$(tui_diag)"
    fi
done
tui_keys Space
check resume_shows_running tui_wait_for 'epoch [0-9]+ +running'
epoch_advances resume_epochs_advance
# s while running pauses (keys.c: "one epoch (pauses)")
key_check step_s_while_running_pauses 'epoch [0-9]+ +paused' s
tui_keys Space
check resume_again tui_wait_for 'epoch [0-9]+ +running'

help_opens_and_closes ""

# At 80x24 the help does not fit: down scrolls it, and the last keys come into view.
tui_resize 80 24
tui_keys '?'
check help_small_says_more tui_wait_for 'more \(down\)'
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 \
    31 32 33 34 35 36 37 38 39 40 41 42 43 44 45; do
    tui_keys Down
done
check help_scrolls_to_the_end tui_wait_for 'quit \(prints the command line'
check help_scrolled_says_above tui_wait_for 'above \(up\)'
tui_keys x
check help_scrolled_closes tui_wait_gone 'above \(up\)'
tui_resize 120 40

# Dataset and model keys.
key_check dataset_d_next 'data xor' d
check dataset_title_shows_xor tui_wait_line 1 'data xor'
model0=$(tui_screen | sed -n 's/.*  model \([^ ]*\) .*/\1/p' | head -n 1)
tui_keys m
if tui_wait_for "model [^ ]" && tui_wait_gone "model $model0( |$)"; then
    ok model_m_changes_model
else
    not_ok model_m_changes_model "model stayed '$model0'
$(tui_diag)"
fi
key_check dataset_D_previous 'data circle' D
epoch_advances epochs_advance_after_rebuild

# Resizing.
tui_resize 200 60
# the status line (right-aligned "q quit") spans the new width
wide() { tui_screen | grep 'epoch [0-9]' | LC_ALL=C.UTF-8 awk 'length >= 190 { f = 1 } END { exit !f }'; }
check resize_200x60_redraws_full_width tui_wait_until "$TUI_TIMEOUT" wide
check resize_200x60_labels_visible tui_labels_visible
tui_resize 40 10
check resize_40x10_terminal_too_small tui_wait_for 'terminal too small'
tui_resize 120 40
check resize_back_120x40_recovers tui_wait_gone 'terminal too small'
check resize_back_labels_visible tui_labels_visible
check resize_back_panels_drawn all_on_screen 'decision boundary' '─ loss' '─ controls' '─ weights'
epoch_advances resize_back_epochs_advance

# A signal ends the session with 128 + its number (SPEC §4), the terminal
# restored and the command line printed, as q leaves them.
# signal_ends_session SIG NUMBER: sends SIG to the running TUI.
signal_ends_session() {
    _sig=$1 _want=$((128 + $2))
    _lc=$(echo "$_sig" | tr "A-Z" "a-z")
    pid=$(tui_pid)
    if [ -z "$pid" ] || ! kill "-$_sig" "$pid"; then
        not_ok "sig${_lc}_exits_$_want" "no regscope process found"
        return
    fi
    tui_wait_exit
    if [ "$tui_rc" = "$_want" ]; then ok "sig${_lc}_exits_$_want"; else not_ok "sig${_lc}_exits_$_want" "exit status '${tui_rc}' (empty: still running)
$(tui_stderr)
$(tui_diag)"; fi
    if flags=$(tui_terminal_restored) && ! tui_screen | grep -Eq 'epoch [0-9]|decision boundary'; then
        ok "sig${_lc}_restores_terminal"
    else
        not_ok "sig${_lc}_restores_terminal" "$flags
$(tui_diag)"
    fi
    if tui_screen_joined | grep -q '^regscope --data '; then
        ok "sig${_lc}_prints_command_line"
    else
        not_ok "sig${_lc}_prints_command_line" "$(tui_diag)"
    fi
    if [ "$(tui_stderr)" = "regscope: stopped by SIG$_sig" ]; then
        ok "sig${_lc}_says_why_on_stderr"
    else
        not_ok "sig${_lc}_says_why_on_stderr" "stderr: $(tui_stderr)"
    fi
}
signal_ends_session TERM 15
for sig in INT:2 HUP:1; do
    tui_start 80 24 "$UTF8_ENV"
    tui_wait_for 'epoch [0-9]'
    signal_ends_session "${sig%:*}" "${sig#*:}"
done

# ---------------------------------------------------------------------------
# Tiny terminals: the screen holds the message alone (no cell the larger
# frame left behind), worded to fit; enlarged, the frame comes back.
# screen_words: the screen's non-blank text, one space between words.
screen_words() { tui_screen | tr -s ' \n' '  ' | sed 's/^ //; s/ $//'; }
# tiny_shows COLS ROWS WORDS: resized to COLSxROWS, the screen reads WORDS.
tiny_want=
tiny_matches() { [ "$(screen_words)" = "$tiny_want" ]; }
tiny_shows() {
    tui_resize "$1" "$2"
    tiny_want=$3
    if tui_wait_until "$TUI_TIMEOUT" tiny_matches; then
        ok "tiny_${1}x${2}_message_alone_and_whole"
    else
        not_ok "tiny_${1}x${2}_message_alone_and_whole" "want: $tiny_want
got:  $(screen_words)
$(tui_diag)"
    fi
}
tui_start 80 24 "$UTF8_ENV"
tui_wait_for 'epoch [0-9]'
tiny_shows 20 5 'terminal too small: 20x5 regscope needs 60x18'
tiny_shows 30 8 'terminal too small: 30x8 regscope needs 60x18'
tui_resize 80 24
check tiny_back_to_80x24_labels_visible tui_labels_visible
tiny_shows 10 3 'too small: 10x3 needs 60x18'
tiny_shows 5 2 'needs 60x18'
tui_resize 120 40
check tiny_back_to_120x40_panels_drawn all_on_screen 'decision boundary' '─ loss' '─ controls'
epoch_advances tiny_back_epochs_advance
quit_exits_0 tiny_

# ---------------------------------------------------------------------------
# No terminal: the TUI refuses at once, naming --headless (exit 2), and
# writes nothing to a redirected stdout.
no_tty_out=$TUI_TMP/no_tty.out
no_tty_err=$TUI_TMP/no_tty.err
timeout 10 "$TUI_BIN" </dev/null >"$no_tty_out" 2>"$no_tty_err"
rc=$?
if [ "$rc" = 2 ] && [ ! -s "$no_tty_out" ] && [ "$(wc -l <"$no_tty_err")" -eq 1 ] &&
    grep -q '^regscope: .*terminal.*--headless' "$no_tty_err"; then
    ok no_tty_refuses_naming_headless
else
    not_ok no_tty_refuses_naming_headless "exit $rc (124: still running after 10 s), stdout $(wc -c <"$no_tty_out") bytes, stderr: $(cat "$no_tty_err")"
fi
# Only stdout redirected, from inside a terminal: refused the same way.
real_bin=$TUI_BIN
case $real_bin in /*) ;; *) real_bin=$(pwd)/$real_bin ;; esac
printf '#!/bin/sh\nexec %s "$@" >%s\n' "$(sq "$real_bin")" "$(sq "$no_tty_out")" >"$TUI_TMP/to_file.sh"
chmod +x "$TUI_TMP/to_file.sh"
TUI_BIN=$TUI_TMP/to_file.sh
tui_start 80 24 "$UTF8_ENV"
TUI_BIN=$real_bin
tui_wait_exit 10
if [ "$tui_rc" = 2 ] && [ ! -s "$no_tty_out" ] && tui_stderr | grep -q '^regscope: .*--headless'; then
    ok stdout_to_file_refuses_naming_headless
else
    [ -z "$tui_rc" ] && tui_keys q
    not_ok stdout_to_file_refuses_naming_headless "exit '$tui_rc' (empty: still running), stdout $(wc -c <"$no_tty_out") bytes, stderr: $(tui_stderr)"
fi

# TERM unknown or unset: one regscope: line on stderr, exit 2.
# term_refused NAME ENV EXPECTED_STDERR
term_refused() {
    tui_start 80 24 "$2"
    tui_wait_exit
    if [ "$tui_rc" = 2 ] && [ "$(tui_stderr)" = "$3" ]; then
        ok "$1"
    else
        [ -z "$tui_rc" ] && tui_keys q
        not_ok "$1" "exit '$tui_rc' (empty: still running), stderr: $(tui_stderr)"
    fi
}
term_refused term_unknown_refused 'LANG=C.UTF-8 TERM=foo' \
    "regscope: unknown terminal type 'foo' (set TERM, or use --headless)"
term_refused term_unset_refused '-u TERM LANG=C.UTF-8' 'regscope: TERM is not set (set TERM, or use --headless)'

# ---------------------------------------------------------------------------
# Started too small (SPEC §5: says so, recovers when enlarged); 60x18 is the
# smallest layout.
tui_start 40 10 "$UTF8_ENV"
check start_40x10_terminal_too_small tui_wait_for 'terminal too small'
tui_resize 59 18
check resize_59x18_still_too_small tui_wait_for 'terminal too small: 59x18'
tui_resize 60 18
check resize_60x18_draws tui_wait_gone 'terminal too small'
check labels_visible_60x18 tui_labels_visible
epoch_advances epochs_advance_60x18

# ---------------------------------------------------------------------------
# Divergence (SPEC §5): a non-finite loss pauses with a message; lower lr and
# r recovers; space resumes. Linear regression with lr 10 diverges at once.
tui_start 120 40 "$UTF8_ENV" --data line --model linear --lr 10
check diverge_pauses_with_message tui_wait_for 'epoch [0-9]+ +DIVERGED.*diverged'
tui_keys e e e e e
check diverge_lower_lr tui_wait_for 'lr 0\.03( |$)'
tui_keys r
check diverge_r_recovers tui_wait_gone 'DIVERGED|diverged'
# r leaves it paused (today): space resumes; if r ever resumes, leave it be.
tui_wait_for 'epoch [0-9]+ +(paused|running)'
if tui_screen | grep -Eq 'epoch [0-9]+ +paused'; then tui_keys Space; fi
check diverge_resume_after_r tui_wait_for 'epoch [0-9]+ +running'
epoch_advances diverge_epochs_advance_after_r
quit_exits_0 diverge_

# ---------------------------------------------------------------------------
# Other sizes: everything visible, q exits 0 with the command line.
for size in 80x24 200x60; do
    tui_start "${size%x*}" "${size#*x}" "$UTF8_ENV"
    check "labels_visible_$size" tui_labels_visible
    epoch_advances "epochs_advance_$size"
    quit_exits_0 "${size}_"
done

# ---------------------------------------------------------------------------
# Core checks with LANG=C TERM=vt100 (ASCII only) and with NO_COLOR=1.
core() { # core PREFIX
    check "${1}labels_visible" tui_labels_visible
    epoch_advances "${1}epochs_advance"
    key_check "${1}lambda_up_L" 'lambda 1e-04' L
    help_opens_and_closes "$1"
}
# no_colour: no SGR colour on screen: 30-38, 40-48, 90-97, 100-107
# (39 and 49, the default colours, are what tmux writes for plain text).
no_colour() {
    ! tui_screen_escapes | grep -Eq "$(printf '\033')\\[([0-9;]*;)?(3[0-8]|4[0-8]|9[0-7]|10[0-7])(;|m)"
}

tui_start 120 40 'LANG=C TERM=vt100'
core vt100_
check vt100_screen_is_ascii_only tui_only_ascii
tui_keys '?'
tui_wait_for 'pause / resume'
check vt100_help_overlay_is_ascii_only tui_only_ascii
tui_keys Escape
tui_wait_gone 'pause / resume'
check vt100_monochrome no_colour
quit_exits_0 vt100_

tui_start 120 40 "$UTF8_ENV NO_COLOR=1"
core no_color_
check no_color_monochrome no_colour
quit_exits_0 no_color_

# A colour terminal does get colour (so the check above means something).
tui_start 120 40 "$UTF8_ENV"
tui_wait_for 'epoch [0-9]'
has_colour() { ! no_colour; }
check colour_terminal_has_colour has_colour
tui_keys q
tui_wait_exit

[ "$failures" -eq 0 ]
