#!/bin/sh
# The man page regscope.1 documents everything a user can type: every option
# of src/config/config.c's options[] table (with the same argument), every key label
# of ui/keys.c's bindings[] table, every lesson of src/config/lesson_builtin.c's lessons[]
# and every generator of src/data/data.c's data_generator_names; and it renders
# without a warning. The lists come from the source, so a new option, key or
# lesson fails this test until the page has it.
# One "ok NAME" or "not ok NAME" line per check; exit 0 when all are ok.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/tui_lib.sh
set -f # keys such as ? [ * must not be globbed
MAN=regscope.1

# The page's source in plain text: escapes for hyphens, fonts and quotes
# resolved, so "\-\-lambda" reads "--lambda".
plain=$(sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\%//g' -e 's/\\&//g' \
    -e 's/\\(em/ /g' -e 's/\\(dq/"/g' -e 's/\\(lq/"/g' -e 's/\\(rq/"/g' "$MAN")

# man_tags SECTION: the tag line of every .TP in .SH SECTION, without its
# macro (.B, .BI, .BR ...) and quotes: "--data NAME|FILE.csv", "l / L".
man_tags() {
    printf '%s\n' "$plain" | awk -v sec="$1" '
        /^\.SH/ { s = $0; sub(/^\.SH +/, "", s); gsub(/"/, "", s); in_sec = (s == sec); next }
        in_sec && /^\.TP/ { want = 1; next }
        in_sec && want { want = 0; t = $0; sub(/^\.[A-Z]+ */, "", t); gsub(/"/, "", t); print t }'
}
# words: one word a line, a trailing comma dropped, "/" and "or" skipped.
words() {
    awk '{ for (i = 1; i <= NF; i++) { w = $i; sub(/,$/, "", w);
           if (w != "" && w != "/" && w != "or") print w } }'
}
first_words() { awk 'NF { print $1 }'; }

# The source's tables.
src_options=$(awk -F'"' '/options\[\] = \{/ { t = 1; next } t && /^\};/ { t = 0 }
    t && /^[ \t]*\{"--/ { print $2, ($3 == ", " ? $4 : "-") }' src/config/config.c)
src_lessons=$(awk -F'"' '/lessons\[\] = \{/ { t = 1; next } t && /^\};/ { t = 0 }
    t && /^[ \t]*\{"/ { print $2 }' src/config/lesson_builtin.c)
src_key_labels=$(awk -F'"' '/bindings\[\] = \{/ { t = 1; next } t && /^\};/ { t = 0 }
    t && /^[ \t]*\{[^"]*"/ { print $2 }' ui/keys.c)
src_keys=$(printf '%s\n' "$src_key_labels" | words)
src_generators=$(awk -F'"' '/data_generator_names\[\] = \{/ { t = 1 } t {
    for (i = 2; i <= NF; i += 2) print $i } t && /\};/ { t = 0 }' src/data/data.c)

# The tables were found (a parser that finds nothing would pass everything).
n_opt=$(printf '%s\n' "$src_options" | grep -c .)
n_les=$(printf '%s\n' "$src_lessons" | grep -c .)
n_key=$(printf '%s\n' "$src_keys" | grep -c .)
n_gen=$(printf '%s\n' "$src_generators" | grep -c .)
if [ "$n_opt" -ge 30 ] && [ "$n_les" -ge 5 ] && [ "$n_key" -ge 30 ] && [ "$n_gen" -ge 5 ]; then
    ok manpage_source_tables_found
else
    not_ok manpage_source_tables_found "options $n_opt, lessons $n_les, keys $n_key, generators $n_gen"
fi

opt_tags=$(man_tags OPTIONS)
missing=
wrong_arg=
for name in $(printf '%s\n' "$src_options" | first_words); do
    tag=$(printf '%s\n' "$opt_tags" | awk -v n="$name" '$1 == n { print; exit }')
    if [ -z "$tag" ]; then
        missing="$missing $name"
        continue
    fi
    want=$(printf '%s\n' "$src_options" | awk -v n="$name" '$1 == n { print $2; exit }')
    have=$(printf '%s\n' "$tag" | awk '{ print (NF > 1 ? $2 : "-") }')
    [ "$want" = "$have" ] || wrong_arg="$wrong_arg
$name: src/config/config.c says '$want', the page '$have'"
done
if [ -z "$missing" ]; then ok manpage_documents_every_option; else
    not_ok manpage_documents_every_option "no .TP entry under OPTIONS for:$missing"; fi
if [ -z "$wrong_arg" ]; then ok manpage_option_arguments_match_source; else
    not_ok manpage_option_arguments_match_source "${wrong_arg#?}"; fi

stale=
for name in $(printf '%s\n' "$opt_tags" | first_words); do
    case $name in --*) ;; *) continue ;; esac
    printf '%s\n' "$src_options" | first_words | grep -Fqx -- "$name" || stale="$stale $name"
done
if [ -z "$stale" ]; then ok manpage_has_no_unknown_option; else
    not_ok manpage_has_no_unknown_option "not in src/config/config.c:$stale"; fi

# Keys: every word of every label in bindings[] ("l / L", "up / down, Tab",
# "click / n", "1-4, Tab", "?") is a word of a tag under KEYS. One-letter
# keys match exactly (l is not L); names (Tab, up) in any case.
key_words=$(man_tags KEYS | words)
missing=
for k in $src_keys; do
    if [ "${#k}" -eq 1 ]; then
        printf '%s\n' "$key_words" | grep -Fqx -- "$k" || missing="$missing $k"
    else
        printf '%s\n' "$key_words" | grep -Fqxi -- "$k" || missing="$missing $k"
    fi
done
if [ -z "$missing" ]; then ok manpage_documents_every_key; else
    not_ok manpage_documents_every_key "no .TP entry under KEYS for:$missing"; fi

lesson_tags=$(man_tags LESSONS | first_words)
missing=
for name in $src_lessons; do
    printf '%s\n' "$lesson_tags" | grep -Fqx -- "$name" || missing="$missing $name"
done
if [ -z "$missing" ]; then ok manpage_documents_every_lesson; else
    not_ok manpage_documents_every_lesson "no .TP entry under LESSONS for:$missing"; fi
stale=
for name in $lesson_tags; do
    printf '%s\n' "$src_lessons" | grep -Fqx -- "$name" || stale="$stale $name"
done
if [ -z "$stale" ]; then ok manpage_has_no_unknown_lesson; else
    not_ok manpage_has_no_unknown_lesson "not in src/config/lesson_builtin.c:$stale"; fi

# The generators are named in bold in the --data entry (from its tag to the
# next .TP): the arguments a .B, .BR/.BI (odd) or .RB/.IB (even) sets bold.
data_bold=$(printf '%s\n' "$plain" | awk '
    function split_args(line, a,    n, i, c, cur, q, started) {
        n = 0; cur = ""; q = 0; started = 0
        for (i = 1; i <= length(line); i++) {
            c = substr(line, i, 1)
            if (c == "\"") { q = !q; started = 1; continue }
            if (c == " " && !q) { if (started) { a[++n] = cur; cur = ""; started = 0 } continue }
            cur = cur c; started = 1
        }
        if (started) a[++n] = cur
        return n
    }
    /^\.TP/ { if (in_e) exit; tp = 1; next }
    tp { tp = 0; t = $0; sub(/^\.[A-Z]+ */, "", t); if (t ~ /^--data /) in_e = 1 }
    in_e && /^\.(B|BR|BI|RB|IB) / {
        m = $1; n = split_args(substr($0, length(m) + 2), a)
        for (i = 1; i <= n; i++)
            if (m == ".B" || ((m == ".BR" || m == ".BI") && i % 2 == 1) ||
                ((m == ".RB" || m == ".IB") && i % 2 == 0)) {
                w = a[i]; gsub(/[^A-Za-z0-9_-]+/, " ", w); print w
            }
    }' | words)
missing=
for g in $src_generators; do
    printf '%s\n' "$data_bold" | grep -Fqx -- "$g" || missing="$missing $g"
done
if [ -z "$missing" ]; then ok manpage_data_names_every_generator; else
    not_ok manpage_data_names_every_generator "not in bold in the --data entry:$missing"; fi

# Rendered: no warnings, and every option and lesson starts a line of the
# formatted page (as an entry's tag does).
if command -v groff >/dev/null 2>&1; then
    warn=$( { groff -man -ww -Tutf8 "$MAN" >/dev/null; LC_ALL=C groff -man -ww -Tascii "$MAN" >/dev/null; } 2>&1)
    if [ -z "$warn" ]; then ok manpage_renders_without_warnings; else
        not_ok manpage_renders_without_warnings "$warn"; fi
else
    ok "manpage_renders_without_warnings # SKIP no groff"
fi
# A renderer that prints nothing is a failure, not a skip.
render=
page=
if command -v man >/dev/null 2>&1; then
    render=man
    page=$(LC_ALL=C MANPAGER=cat PAGER=cat MANWIDTH=80 man -l "$MAN" 2>/dev/null)
elif command -v groff >/dev/null 2>&1; then
    render=groff
    page=$(LC_ALL=C groff -man -Tascii -P-cbou "$MAN" 2>/dev/null)
fi
if [ -z "$render" ]; then
    ok "manpage_rendered_lists_options_and_lessons # SKIP no man or groff"
elif [ -z "$page" ]; then
    not_ok manpage_rendered_lists_options_and_lessons "$render rendered nothing"
else
    missing=
    for name in $(printf '%s\n' "$src_options" | first_words) $src_lessons; do
        printf '%s\n' "$page" | grep -Eq -- "^ +$name( |\$)" || missing="$missing $name"
    done
    if [ -z "$missing" ]; then ok manpage_rendered_lists_options_and_lessons; else
        not_ok manpage_rendered_lists_options_and_lessons "no rendered line starts with:$missing"; fi
fi

[ "$failures" -eq 0 ]
