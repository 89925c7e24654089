#!/bin/sh
# Round trip of scenes, for every generator, every data set in datasets/, a
# linear and a hidden-layer model, compare runs, every lesson and the
# options a scene carries: `--save a.scene`, then `--load a.scene --epochs 0
# --save b.scene` gives the same bytes, and training on from a.scene and from
# b.scene gives the same final record, twice (a continuation is
# deterministic). Also: names from CSV headers (blanks, quotes, UTF-8, many
# columns and classes) survive; what the reader must refuse (a device, a
# FIFO, a NUL byte, inf, a weights block of the wrong size) is refused at
# FILE[:LINE] with exit status 2, at once.
# One "ok NAME" or "not ok NAME" line per check; exit 0 when all are ok.
cd "$(dirname "$0")/../.." || exit 1
BIN=${REGSCOPE:-./regscope}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/regscope-roundtrip.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
failures=0

. tests/e2e/tap.sh

# roundtrip NAME ARGS...: the checks above for the scene of ARGS.
roundtrip() {
    name=$1
    shift
    a=$tmp/$name.a.scene b=$tmp/$name.b.scene
    if ! "$BIN" --headless --epochs 2 "$@" --save "$a" >/dev/null 2>"$tmp/err"; then
        not_ok "${name}_saves" "$(cat "$tmp/err")"
        return
    fi
    if ! "$BIN" --headless --load "$a" --epochs 0 --save "$b" >/dev/null 2>"$tmp/err"; then
        not_ok "${name}_loads" "$(cat "$tmp/err")"
        return
    fi
    if ! cmp -s "$a" "$b"; then
        not_ok "${name}_resaves_the_same_bytes" "$(diff "$a" "$b" | head -n 5 | cut -c1-160)"
        return
    fi
    for f in a b a2; do
        s=$a
        [ $f = b ] && s=$b
        "$BIN" --headless --load "$s" --epochs 3 --every 3 2>"$tmp/err" | grep '"final"' >"$tmp/$f.final"
    done
    if [ -s "$tmp/a.final" ] && cmp -s "$tmp/a.final" "$tmp/b.final" &&
        cmp -s "$tmp/a.final" "$tmp/a2.final"; then
        ok "${name}_round_trips"
    else
        not_ok "${name}_trains_on_the_same" "$(cat "$tmp/err")"
    fi
}

S='--samples 120'
for g in $("$BIN" --help | sed -n 's/^ *--data NAME|FILE.csv *//p' | sed 's/, a name.*//'); do
    roundtrip "${g}_linear" --data "$g" $S --model linear
    roundtrip "${g}_hidden" --data "$g" $S --model 4,3
done
for f in datasets/*.csv; do
    d=$(basename "$f" .csv)
    case $d in # the tables with text columns and missing values (datasets/README.md)
    survey) set -- --missing mean ;;
    cars93) set -- --categorical Cylinders --missing mean ;;
    *) set -- ;;
    esac
    roundtrip "${d}_linear" --data "$d" --model linear "$@"
    roundtrip "${d}_hidden" --data "$d" --model 5 "$@"
done
roundtrip compare_runs --data circle $S --run a:lambda=0.1 --run b:lambda=0.01,alpha=0
for l in $("$BIN" --lesson list | awk '{print $1}'); do
    roundtrip "lesson_$l" --lesson "$l" $S
done
roundtrip options --data moons $S --features poly:3 --standardize off --augment-noise 0.05 \
    --input-keep-prob 0.9 --keep-prob 0.8 --optimizer adam --l1-method subgradient \
    --lambda 0.01 --alpha 0.5 --val-ratio 0 --seed 7 --activation relu --batch 16
roundtrip corr_settings --data corr $S --corr -0.7 --direction 33 --model linear
roundtrip line_powers --data line $S --features poly:9 --model linear
roundtrip target_and_task --data diabetes --target age --task classify --model linear

# ---- names from CSV headers, wide data and many classes --------------------------
printf '%s\n' '"sepal length",wïdth,"a ""q""",x\y,"",label' >"$tmp/names.csv"
i=0
while [ $i -lt 40 ]; do
    printf '%d,%d,%d,%d,%d,%s\n' $i $((i * 7 % 13)) $((i % 5)) $((i * i % 11)) $((i % 3)) \
        "$([ $((i % 2)) = 0 ] && echo 'class one' || echo 'zwei ß')" >>"$tmp/names.csv"
    i=$((i + 1))
done
roundtrip csv_names --data "$tmp/names.csv" --model linear
if grep -q '^input-names "sepal length" wïdth "a \\"q\\"" "x\\\\y" ' "$tmp/csv_names.a.scene" &&
    grep -q '^class-names "class one" "zwei ß"$' "$tmp/csv_names.a.scene"; then
    ok csv_names_kept_quoted
else
    not_ok csv_names_kept_quoted "$(grep names "$tmp/csv_names.a.scene")"
fi
# 70 inputs, 70 classes (more than 64)
awk 'BEGIN { for (j = 0; j < 70; j++) printf "c%d,", j; print "label";
             for (i = 0; i < 280; i++) { for (j = 0; j < 70; j++) printf "%d,", (i * (j + 3)) % 17;
                                          print "k" (i % 70) } }' >"$tmp/wide.csv"
roundtrip wide_many_classes --data "$tmp/wide.csv" --model linear --val-ratio 0

# ---- --save: through a symlink, keeping the mode, with a name of 254 bytes ----------
printf 'old\n' >"$tmp/real.scene"
chmod 600 "$tmp/real.scene"
ln -s real.scene "$tmp/link.scene"
"$BIN" --headless --data circle $S --epochs 1 --save "$tmp/link.scene" >/dev/null 2>"$tmp/err"
if [ -L "$tmp/link.scene" ] && [ "$(head -n 1 "$tmp/real.scene")" = 'regscope-scene 1' ] &&
    [ "$(stat -c %a "$tmp/real.scene")" = 600 ]; then
    ok save_through_a_symlink_keeps_link_and_mode
else
    not_ok save_through_a_symlink_keeps_link_and_mode "$(ls -l "$tmp"/*.scene | head; cat "$tmp/err")"
fi
long=$tmp/$(printf '%0248d' 0).scene
if "$BIN" --headless --data circle $S --epochs 1 --save "$long" >/dev/null 2>"$tmp/err" &&
    [ -f "$long" ] && [ "$(ls -a "$tmp" | grep -c '^\.')" -eq 2 ]; then
    ok save_to_a_254_byte_name
else
    not_ok save_to_a_254_byte_name "$(cat "$tmp/err")"
fi

# ---- refused at once, exit status 2 ----------------------------------------------
# refused FILE NAME WHERE: --load FILE exits 2 within 5 s, message at WHERE.
refused() {
    timeout 5 "$BIN" --headless --load "$1" --epochs 0 >/dev/null 2>"$tmp/err"
    rc=$?
    if [ $rc -eq 2 ] && grep -q "^regscope: $3" "$tmp/err"; then ok "$2"; else
        not_ok "$2" "rc $rc: $(cat "$tmp/err")"; fi
}
refused /dev/zero load_refuses_a_device "/dev/zero: not a regular file"
mkfifo "$tmp/fifo"
refused "$tmp/fifo" load_refuses_a_fifo "$tmp/fifo: not a regular file"
truncate -s 5G "$tmp/big.scene" # sparse: no disk used
refused "$tmp/big.scene" load_refuses_a_file_larger_than_a_scene "$tmp/big.scene: 5368709120 bytes"
rm -f "$tmp/big.scene"
good=$tmp/circle_linear.a.scene
{ head -n 30 "$good"; printf '1 2\0003 0 0\n'; } >"$tmp/nul.scene"
refused "$tmp/nul.scene" load_refuses_a_nul_byte "$tmp/nul.scene:31: a NUL byte"
at=$(grep -n '^points ' "$good" | cut -d: -f1)
sed "$((at + 1))s/^[^ ]*/inf/" "$good" >"$tmp/inf.scene"
refused "$tmp/inf.scene" load_refuses_inf "$tmp/inf.scene:$((at + 1)): expected a finite number"
at=$(grep -n '^weights ' "$good" | cut -d: -f1)
sed "${at}s/.*/weights 2/; $((at + 3)),\$d" "$good" >"$tmp/short.scene"
refused "$tmp/short.scene" load_refuses_weights_of_the_wrong_size "$tmp/short.scene:$at: weights:"

[ "$failures" -eq 0 ]
