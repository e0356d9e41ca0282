# input.test.sh — the command line and the text reader end to end: re-shaped copies of the seed,
# metadata overrides, --explain, and bad input (clear error naming the file, non-zero exit, nothing
# written, an existing file untouched).  The seed's tree is compared with its golden dump by
# tests/golden.test.sh.
. tests/lib.sh

check "folio writes the seed's tree" "$FOLIO" "$SEED" -t native -o "$TMP/seed.native"

# re-shaped copies give the same tree (positions aside)
strip_pos() { sed 's/ @[0-9]*:[0-9]*//' "$1"; }
strip_pos "$TMP/seed.native" > "$TMP/ref.tree"
python3 - "$SEED" "$TMP" <<'PY'
import sys
seed, d = sys.argv[1], sys.argv[2]
raw = open(seed, encoding="utf-8").read()
lines = raw.split("\n")
open(d + "/gb18030.txt", "wb").write(raw.encode("gb18030"))
open(d + "/crlf-bom.txt", "wb").write(b"\xef\xbb\xbf" + raw.replace("\n", "\r\n").encode())
open(d + "/cr-only.txt", "wb").write(raw.replace("\n", "\r").encode())
open(d + "/no-blank.txt", "w").write("\n".join(l for l in lines if l.strip()) + "\n")
def wrap(s, w): return [s[i:i + w] for i in range(0, len(s), w)] or [""]
out = []
for l in lines:
    s = l.strip()
    out += wrap(s, 33) if len(s) > 40 else [s]
open(d + "/wrapped.txt", "w").write("\n".join(out) + "\n")
ind = []
for l in lines:
    s = l.strip()
    if s:
        ind += wrap("\u3000\u3000" + s, 27) if len(s) > 40 else [("\u3000\u3000" + s) if l.startswith("  ") else s]
open(d + "/indented.txt", "w").write("\n".join(ind) + "\n")
open(d + "/nbsp-controls.txt", "w").write(raw.replace("  ", "\u00a0\u00a0").replace("加强宣传解读", "加强\x01宣传\x7f解读"))
PY
for v in gb18030 crlf-bom cr-only no-blank wrapped indented nbsp-controls; do
  if "$FOLIO" "$TMP/$v.txt" -t native -o "$TMP/$v.native" 2>"$TMP/$v.err"; then
    strip_pos "$TMP/$v.native" > "$TMP/$v.tree"
    check "$v: same tree as the seed" diff -u "$TMP/ref.tree" "$TMP/$v.tree"
  else
    fail "$v: converts: $(cat "$TMP/$v.err")"
  fi
done

# ASCII punctuation is normalised by default, kept with --keep-punctuation
grep -q '"2024年，省司法厅' "$TMP/seed.native" && pass "ASCII comma between Han becomes full width" || fail "ASCII comma between Han becomes full width"
"$FOLIO" --keep-punctuation "$SEED" -t native -o "$TMP/keep.native"
grep -q '"2024年,省司法厅' "$TMP/keep.native" && pass "--keep-punctuation keeps the ASCII comma" || fail "--keep-punctuation keeps the ASCII comma"

# -M overrides metadata and the identifier follows the title
"$FOLIO" -M title=另一个标题 -M keywords=法治 -M author=张三 "$SEED" -t native -o "$TMP/meta.native"
grep -q 'title: "另一个标题"' "$TMP/meta.native" && grep -q 'keyword: "法治"' "$TMP/meta.native" && grep -q 'author: "张三"' "$TMP/meta.native" \
  && pass "-M sets title, keywords, author" || fail "-M sets title, keywords, author"
[ "$(grep identifier "$TMP/meta.native")" != "$(grep identifier "$TMP/seed.native")" ] \
  && pass "identifier derives from the title" || fail "identifier derives from the title"
"$FOLIO" -M nosuchkey=1 "$SEED" -t native -o "$TMP/x.native" 2>"$TMP/err"; rc=$?
[ $rc -eq 2 ] && grep -q "nosuchkey" "$TMP/err" && pass "-M unknown key: usage error" || fail "-M unknown key: exit $rc"

# --explain: every input line, with its class and rule
"$FOLIO" --explain "$SEED" -t native -o /dev/null 2>"$TMP/explain"
lines=$(wc -l < "$SEED")
[ "$(grep -c "^$SEED:[0-9]*: " "$TMP/explain")" -ge "$lines" ] && pass "--explain prints every input line" || fail "--explain prints every input line"
grep -q ":3: header  title " "$TMP/explain" && grep -q ":27: body    para .*run-in head" "$TMP/explain" \
  && grep -q ":137: body    junk" "$TMP/explain" && grep -q ":5: header  meta " "$TMP/explain" \
  && pass "--explain names zones, roles and evidence" || fail "--explain names zones, roles and evidence"

# bad input: message names the file (and line), exit status, nothing written, old file untouched
bad() { # what expected-exit expected-regex args...
  what=$1 want=$2 re=$3; shift 3
  echo KEEP > "$TMP/keep.xml"
  "$FOLIO" "$@" -o "$TMP/keep.xml" 2>"$TMP/err"; rc=$?
  if [ $rc -eq "$want" ] && grep -Eq "$re" "$TMP/err" && [ "$(cat "$TMP/keep.xml")" = KEEP ] && ! ls -a "$TMP" | grep -q '^\.keep\.xml\.'; then
    pass "bad input: $what"
  else
    fail "bad input: $what (exit $rc: $(head -c 200 "$TMP/err"))"
  fi
}
bad "missing file" 1 "no-such\.txt.*No such file" "$TMP/no-such.txt"
head -c 3000 /bin/true > "$TMP/binary.txt"; bad "binary file" 1 "binary\.txt.*binary" "$TMP/binary.txt"
printf '\n  \n\343\200\200\n' > "$TMP/empty.txt"; bad "blank file" 1 "empty\.txt.*empty" "$TMP/empty.txt"
: > "$TMP/zero.txt"; bad "zero-byte file" 1 "zero\.txt" "$TMP/zero.txt"
printf '标题\n正文第一行\n\377\376 坏字节\n' > "$TMP/badbytes.txt"; bad "invalid bytes name the line" 1 "badbytes\.txt:3:1: error" "$TMP/badbytes.txt"
bad "unknown -f format" 2 "unknown input format" -f nosuch "$SEED"
bad "unknown option" 2 "help" --no-such-option "$SEED"
bad "two inputs" 2 "more than one input" "$SEED" "$SEED"
"$FOLIO" "$SEED" -t nosuch -o "$TMP/x" 2>"$TMP/err"; rc=$?
[ $rc -eq 2 ] && grep -q "unknown output format" "$TMP/err" && pass "unknown -t format: exit 2" || fail "unknown -t format: exit $rc"
"$FOLIO" "$SEED" -o "$TMP/x.unknown" 2>"$TMP/err"; rc=$?
[ $rc -eq 2 ] && [ ! -e "$TMP/x.unknown" ] && pass "unknown extension: exit 2, nothing written" || fail "unknown extension: exit $rc"
"$FOLIO" "$SEED" -o "$TMP/keep.xml/x.native" 2>"$TMP/err"; rc=$?
[ $rc -eq 1 ] && grep -q "keep.xml/x.native" "$TMP/err" && pass "destination under a regular file: error names it" || fail "destination under a regular file: exit $rc"
if [ "$(id -u)" != 0 ]; then # root writes into read-only directories, so only a user can test this
  mkdir "$TMP/ro"; chmod 555 "$TMP/ro"
  "$FOLIO" "$SEED" -o "$TMP/ro/x.native" 2>"$TMP/err"; rc=$?
  [ $rc -eq 1 ] && grep -q "ro/x.native" "$TMP/err" && pass "unwritable directory: error names the file" || fail "unwritable directory: exit $rc"
fi
"$FOLIO" "$SEED" -o "$TMP/no-dir/x.native" 2>"$TMP/err"; rc=$?
[ $rc -eq 1 ] && grep -q "no-dir/x.native" "$TMP/err" && pass "missing directory: error names the file" || fail "missing directory: exit $rc"
"$FOLIO" "$SEED" -t native -o - >/dev/full 2>"$TMP/err"; rc=$?
[ $rc -eq 1 ] && grep -q "standard output" "$TMP/err" && pass "stdout on a full disk: error, exit 1" || fail "stdout on a full disk: exit $rc"
"$FOLIO" --help | grep -q -- "-o, --output" && pass "--help" || fail "--help"
"$FOLIO" --version | grep -Eq '^folio [0-9]+\.[0-9]+' && pass "--version" || fail "--version"

# the written file gets the usual permissions (umask), not mkstemp's 0600
( umask 022; "$FOLIO" "$SEED" -o "$TMP/perm.native" )
[ "$(stat -c %a "$TMP/perm.native")" = 644 ] && pass "output file mode follows the umask" || fail "output file mode $(stat -c %a "$TMP/perm.native")"

# destinations that are not regular files are written in place, never renamed over
"$FOLIO" "$SEED" -t native -o /dev/null && [ -c /dev/null ] && pass "-o /dev/null keeps /dev/null a device" || fail "-o /dev/null replaced the device node"
echo old > "$TMP/target.native"; ln -s target.native "$TMP/link.native"
"$FOLIO" "$SEED" -o "$TMP/link.native" && [ -L "$TMP/link.native" ] && grep -q '^meta' "$TMP/target.native" \
  && pass "a symbolic link destination: the file it points to is replaced, the link stays" || fail "symbolic link destination"
mkfifo "$TMP/fifo"; (cat "$TMP/fifo" > "$TMP/fifo.out" &) ; "$FOLIO" "$SEED" -t native -o "$TMP/fifo"; sleep 0.2
[ -p "$TMP/fifo" ] && grep -q '^meta' "$TMP/fifo.out" && pass "a FIFO destination is written, not replaced" || fail "FIFO destination"
