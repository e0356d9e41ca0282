# hardening.test.sh — issue 9: never destroy an input, never print mojibake as success, bounded
# memory on every input, and the promises of README "Limits and errors" (one section per item).
. tests/lib.sh

# exits WHAT WANT CMD...: the command's exit status is WANT (stderr in $TMP/err)
exits() {
  what=$1 want=$2; shift 2
  "$@" >"$TMP/out" 2>"$TMP/err"; rc=$?
  if [ "$rc" -eq "$want" ]; then pass "$what (exit $want)"; else fail "$what: exit $rc, want $want: $(head -c 300 "$TMP/err")"; fi
}
# says WHAT REGEX: the last command's stderr matches REGEX
says() { if grep -Eq -- "$2" "$TMP/err"; then pass "$1"; else fail "$1: stderr: $(head -c 300 "$TMP/err")"; fi; }
ABS_FOLIO=$(cd "$(dirname "$FOLIO")" && pwd)/$(basename "$FOLIO")
same_bytes() { cmp -s "$2" "$3" && pass "$1" || fail "$1: $3 changed"; }

# ---- 1. an output that is an input is refused (device and inode, not names) ----
cp "$SEED" "$TMP/art.xml"; cp "$SEED" "$TMP/keep.txt"
exits "-o names the input itself" 2 "$FOLIO" "$TMP/art.xml" -o "$TMP/art.xml"
says "same file: the message names both" "output .*art\.xml is .*art\.xml"
same_bytes "same file: the input is untouched" "$SEED" "$TMP/art.xml"
cp "$SEED" "$TMP/art.txt"
exits "-t docbook -o the input" 2 "$FOLIO" "$TMP/art.txt" -t docbook -o "$TMP/art.txt"
same_bytes "-t docbook -o the input: untouched" "$SEED" "$TMP/art.txt"
ln -s art.txt "$TMP/link.xml"
exits "-o a symbolic link to the input" 2 "$FOLIO" "$TMP/art.txt" -o "$TMP/link.xml"
says "symbolic link: named with its target" "link\.xml is .*art\.txt"
ln "$TMP/art.txt" "$TMP/hard.xml"
exits "-o a hard link to the input" 2 "$FOLIO" "$TMP/art.txt" -o "$TMP/hard.xml"
same_bytes "links: the input is untouched" "$SEED" "$TMP/art.txt"
(cd "$TMP" && "$ABS_FOLIO" ./art.txt -t docbook -o ../"$(basename "$TMP")"/art.txt) 2>"$TMP/err"; rc=$?
[ $rc -eq 2 ] && pass "another spelling of the input's path: refused" || fail "another spelling of the path: exit $rc"
mkdir -p "$TMP/dir"; cp "$SEED" "$TMP/dir/a.xml"; cp "$SEED" "$TMP/dir/b.txt"
exits "batch: -d . with an input already there under the output's name" 2 "$FOLIO" -d "$TMP/dir" -t docbook "$TMP/dir/a.xml" "$TMP/dir/b.txt"
same_bytes "batch: the input is untouched" "$SEED" "$TMP/dir/a.xml"
[ ! -e "$TMP/dir/b.xml" ] && pass "batch: nothing is written when one output is an input" || fail "batch: b.xml written"
cp "$SEED" "$TMP/style.css"
exits "-o the --css file" 2 "$FOLIO" "$SEED" --css "$TMP/style.css" -t html -o "$TMP/style.css"
exits "a different file is still written" 0 "$FOLIO" "$TMP/art.txt" -o "$TMP/other.xml"

# ---- 5. output-name clashes: checked for any number of inputs, in linear time ----
python3 -c '
import sys
for i in range(200000): print("%s/in%d/a%d.txt" % (sys.argv[1], i % 7, i))
print(sys.argv[1] + "/other/a5.txt")' "$TMP" > "$TMP/many.list"
start=$(date +%s)
exits "200,001 inputs, two with one name: a usage error" 2 "$FOLIO" -d "$TMP/many-out" -t docbook --files-from "$TMP/many.list"
says "the clash names both inputs and the output" "in5/a5\.txt and .*other/a5\.txt would both write .*a5\.xml"
[ $(( $(date +%s) - start )) -le 10 ] && pass "200,001 names are checked in seconds" || fail "the clash check took $(( $(date +%s) - start )) s"

# ---- 3 and 12. damaged UTF-8 is an error at its first bad byte, never mojibake ----
printf '标题\n正文\351。\n' > "$TMP/stray.txt"
exits "a short UTF-8 article with a stray Latin-1 byte" 1 "$FOLIO" "$TMP/stray.txt" -t docbook -o "$TMP/stray.xml"
says "stray byte: line, column and offset of the bad byte" "stray\.txt:2:3: error: invalid byte 0xE9 at byte offset 13: damaged UTF-8"
[ ! -e "$TMP/stray.xml" ] && pass "stray byte: nothing written" || fail "stray byte: output written"
printf '标题\n正文。\n中\344\270' > "$TMP/cut.txt"
exits "a UTF-8 article cut in the middle of a character" 1 "$FOLIO" "$TMP/cut.txt" -t native -o "$TMP/cut.native"
says "cut: the offset of the cut character" "cut\.txt:3:2: error: invalid byte 0xE4 at byte offset 20"
printf '标题\n中文\355\240\200\355\260\200\n' > "$TMP/cesu.txt"
exits "CESU-8 surrogates" 1 "$FOLIO" "$TMP/cesu.txt" -t native -o "$TMP/cesu.native"
says "CESU-8: the first byte of the damage, not past it" "cesu\.txt:2:3: error: invalid byte 0xED at byte offset 13"
printf '\204\061\225\063' > "$TMP/gbbom.txt"; printf '标题\n正文。\n' | iconv -f UTF-8 -t GB18030 >> "$TMP/gbbom.txt"
exits "GB18030 with its byte order mark" 0 "$FOLIO" "$TMP/gbbom.txt" -t native -o "$TMP/gbbom.native"
grep -q 'title: "标题"' "$TMP/gbbom.native" && pass "GB18030 BOM: dropped, the title is clean" || fail "GB18030 BOM: $(head -3 "$TMP/gbbom.native")"

# ---- 2. memory bounded on every input shape; out of memory is a clean error ----
# Peak RSS from GNU time; the sanitizer build's memory means nothing, so it checks outcomes only.
case $FOLIO in *-san) SAN=yes ;; *) SAN=no ;; esac
peak_kb() { /usr/bin/time -f %M -o "$TMP/rss" "$@" >/dev/null 2>"$TMP/err"; rc=$?; RSS=$(tail -n 1 "$TMP/rss"); return $rc; }
python3 - "$TMP" <<'PY'
import sys
d = sys.argv[1]
open(d + "/lines-16m.txt", "w").write("中\n" * (16 << 20))
open(d + "/lines-1m.txt", "w").write("中\n" * (1 << 20))
open(d + "/blank-64m.txt", "w").write("\n" * (64 << 20))
open(d + "/titles.txt", "w").write("标题\n" + "《a》" * 9_000_000 + "\n")
open(d + "/pages.txt", "w").write("标题\n" + "中\n" * 33_000)
PY
peak_kb "$FOLIO" "$TMP/lines-16m.txt" -t docbook -o "$TMP/l16.xml"
[ $rc -eq 1 ] && grep -q "more than 1050000 lines" "$TMP/err" && [ ! -e "$TMP/l16.xml" ] \
  && pass "16 M one-character lines: refused (the line limit), nothing written" || fail "16 M lines: exit $rc: $(head -c 200 "$TMP/err")"
[ $SAN = yes ] || { [ "$RSS" -le 200000 ] && pass "16 M lines: refused within 200 MB (${RSS} KB)" || fail "16 M lines: ${RSS} KB"; }
peak_kb "$FOLIO" "$TMP/blank-64m.txt" -t docbook -o "$TMP/b64.xml"
[ $rc -eq 1 ] && grep -q "more than 1050000 lines" "$TMP/err" && pass "64 MB of blank lines: refused (the line limit)" || fail "64 MB of blank lines: exit $rc"
if [ $SAN = no ]; then
  peak_kb "$FOLIO" "$TMP/lines-1m.txt" -t docbook -o "$TMP/l1.xml"
  [ $rc -eq 0 ] && [ "$RSS" -le 460000 ] && pass "1 M one-character lines → DocBook within 460 MB (${RSS} KB; 548 MB before)" \
    || fail "1 M lines → DocBook: exit $rc, ${RSS} KB"
  head -n 300001 "$TMP/lines-1m.txt" > "$TMP/lines-300k.txt"
  peak_kb "$FOLIO" "$TMP/lines-300k.txt" -t pdf -o "$TMP/l300.pdf"
  [ $rc -eq 0 ] && [ "$RSS" -le 500000 ] && pass "300,000 one-character lines → PDF within 500 MB (${RSS} KB; 927 MB before)" \
    || fail "300,000 lines → PDF: exit $rc, ${RSS} KB"
  peak_kb "$FOLIO" "$TMP/titles.txt" -t docbook -o "$TMP/titles.xml"
  [ $rc -eq 1 ] && grep -q "titles.txt: error: out of memory: the document tree .* limit of 320 MB" "$TMP/err" && [ ! -e "$TMP/titles.xml" ] \
    && [ "$RSS" -le 900000 ] && pass "9 M 《a》 titles: out of memory at the tree's limit, exit 1, within 900 MB (${RSS} KB)" \
    || fail "9 M titles: exit $rc, ${RSS} KB: $(head -c 200 "$TMP/err")"
  cp "$SEED" "$TMP/keep.xml"
  ( ulimit -v 150000; exec "$FOLIO" "$TMP/lines-300k.txt" -t docbook -o "$TMP/keep.xml" ) 2>"$TMP/err"; rc=$?
  [ $rc -eq 1 ] && grep -q "lines-300k.txt: error: out of memory" "$TMP/err" && cmp -s "$SEED" "$TMP/keep.xml" && ! ls -a "$TMP" | grep -q '^\.keep\.xml\.' \
    && pass "malloc fails (ulimit -v): error: out of memory, exit 1, the old file kept" || fail "malloc fails: exit $rc: $(head -c 200 "$TMP/err")"
fi
# more than 32,767 pages: libharu's page tree (0x1001 before)
printf '[page]\nsize = 100mm 60mm\nmargin-top = 10mm\nmargin-bottom = 10mm\n[body]\nsize = 60pt\nline-height = 1\nspace-before = 0\nspace-after = 0\n' > "$TMP/big-type.ini"
exits "33,000 pages: a PDF with a page tree" 0 "$FOLIO" "$TMP/pages.txt" --style "$TMP/big-type.ini" -o "$TMP/pages.pdf"
[ "$(qpdf --show-npages "$TMP/pages.pdf" 2>/dev/null || echo 0)" -gt 32767 ] && qpdf --check "$TMP/pages.pdf" >/dev/null 2>&1 \
  && pass "33,000 pages: qpdf counts them and finds no error" || fail "33,000 pages: $(qpdf --show-npages "$TMP/pages.pdf" 2>&1 | head -c 200)"
rm -f "$TMP"/lines-* "$TMP"/blank-64m.txt "$TMP"/titles.txt "$TMP"/*.xml "$TMP"/*.pdf

# ---- 4. -M values are cleaned like the input: the XML stays well-formed ----
exits "-M title with control characters and U+FFFE" 0 "$FOLIO" "$SEED" -M "title=$(printf '标\001题\033[0m\357\277\276')" -t docbook -o "$TMP/m4.xml"
xmllint --noout "$TMP/m4.xml" 2>/dev/null && grep -q '<title>标题\[0m</title>' "$TMP/m4.xml" \
  && pass "-M title: controls and U+FFFE removed, the DocBook well-formed" || fail "-M title: $(grep -o '<title>[^<]*' "$TMP/m4.xml" | head -1)"
exits "-M title with control characters → EPUB" 0 "$FOLIO" "$SEED" -M "abstract=$(printf 'a\002b')" -M "source=$(printf 'x\177y')" -o "$TMP/m4.epub"
exits "-M title that is not UTF-8" 2 "$FOLIO" "$SEED" -M "title=$(printf 'a\377b')" -t docbook -o "$TMP/m4b.xml"
says "-M not UTF-8: the byte and its offset" "not UTF-8 \(byte 0xFF at byte offset 1\)"
[ ! -e "$TMP/m4b.xml" ] && pass "-M not UTF-8: nothing written" || fail "-M not UTF-8: written"

# ---- 9. dates: validated once, offsets kept; SOURCE_DATE_EPOCH checked ----
for bad in 2025-13-45 2025-02-30 2025-01-16T25:61 0000-01-01 2025-1-16 "2025-01-16 16:16" 2025-01-16T16:16+15:00; do
  exits "-M date=$bad: a usage error" 2 "$FOLIO" "$SEED" -M "date=$bad" -t docbook -o "$TMP/d.xml"
done
exits "-M date=2024-02-29 (a leap day)" 0 "$FOLIO" "$SEED" -M date=2024-02-29 -t docbook -o "$TMP/d.xml"
SOURCE_DATE_EPOCH= "$FOLIO" "$SEED" -M date=2025-01-16T08:00+00:00 -o "$TMP/utc.epub" 2>/dev/null
unzip -p "$TMP/utc.epub" OEBPS/content.opf | grep -q '<meta property="dcterms:modified">2025-01-16T08:00:00Z</meta>' \
  && pass "-M date=…+00:00 is read at +00:00 (dcterms:modified 08:00Z, not 00:00Z)" \
  || fail "-M date +00:00: $(unzip -p "$TMP/utc.epub" OEBPS/content.opf | grep -o 'dcterms:modified">[^<]*')"
"$FOLIO" "$SEED" -M date=2025-01-16T16:16 -t docbook -o "$TMP/d.xml" 2>/dev/null
grep -q '<pubdate>2025-01-16T16:16+08:00</pubdate>' "$TMP/d.xml" && pass "-M date without an offset: China time, written with +08:00" \
  || fail "-M date without an offset: $(grep -o '<pubdate>[^<]*' "$TMP/d.xml")"
for bad in abc -1 1e9 99999999999999999999 253402272000; do
  SOURCE_DATE_EPOCH=$bad "$FOLIO" "$SEED" -o "$TMP/e.pdf" 2>"$TMP/err"; rc=$?
  [ $rc -eq 1 ] && grep -q "SOURCE_DATE_EPOCH=$bad: expected whole seconds" "$TMP/err" && [ ! -e "$TMP/e.pdf" ] \
    && pass "SOURCE_DATE_EPOCH=$bad: an error, exit 1" || fail "SOURCE_DATE_EPOCH=$bad: exit $rc: $(head -c 200 "$TMP/err")"
done
SOURCE_DATE_EPOCH=253402271999 "$FOLIO" "$SEED" -o "$TMP/e.pdf" 2>"$TMP/err" && pdfinfo "$TMP/e.pdf" 2>/dev/null | grep -q 'CreationDate:.*9999' \
  && pass "SOURCE_DATE_EPOCH at its limit: the PDF's year is 9999" || fail "SOURCE_DATE_EPOCH at its limit: $(head -c 200 "$TMP/err")"

# ---- 17. -M language and identifier must be usable ----
exits "-M language= (empty)" 2 "$FOLIO" "$SEED" -M language= -o "$TMP/l.epub"
exits "-M language=zh_CN (not BCP 47)" 2 "$FOLIO" "$SEED" -M language=zh_CN -o "$TMP/l.epub"
exits "-M language=zh-Hant-TW" 0 "$FOLIO" "$SEED" -M language=zh-Hant-TW -t docbook -o "$TMP/l.xml"
exits "-M identifier= (empty)" 2 "$FOLIO" "$SEED" -M identifier= -o "$TMP/l.epub"
[ ! -e "$TMP/l.epub" ] && pass "bad -M language/identifier: nothing written" || fail "bad -M: an EPUB was written"

# ---- 18. an unknown -M key in a batch: one message, up front, exit 2 ----
mkdir -p "$TMP/b18"; for i in 1 2 3; do cp "$SEED" "$TMP/b18/a$i.txt"; done
exits "batch with an unknown -M key" 2 "$FOLIO" -d "$TMP/b18out" -t docbook -M nosuch=1 "$TMP"/b18/*.txt
[ "$(grep -c nosuch "$TMP/err")" -eq 1 ] && [ ! -e "$TMP/b18out/a1.xml" ] && pass "unknown -M key: reported once, before any article" \
  || fail "unknown -M key: $(grep -c nosuch "$TMP/err") messages"

# ---- 19. a 43,000-character title: the PDF is written, its info title cut with a warning ----
long=$(python3 -c 'print("长" * 43000)')
exits "-M title of 43,000 characters → PDF" 0 "$FOLIO" "$SEED" -M "title=$long" -o "$TMP/long.pdf"
says "43,000-character title: a warning says the document info's title is cut" "warning: .*Title is cut"

# ---- 6. files that steer a run: the input's size cap and text check, at most 20 errors a file ----
timeout 20 "$FOLIO" "$SEED" --style /dev/zero -o "$TMP/s6.pdf" 2>"$TMP/err"; rc=$?
[ $rc -eq 2 ] && grep -q "not a style file" "$TMP/err" && pass "--style /dev/zero: refused at once (a style is a regular file)" || fail "--style /dev/zero: exit $rc"
timeout 20 "$FOLIO" "$SEED" --style /dev/urandom -o "$TMP/s6.pdf" 2>"$TMP/err"; rc=$?
[ $rc -eq 2 ] && [ "$(wc -l < "$TMP/err")" -le 3 ] && pass "--style /dev/urandom: one error, not hundreds of MB of them" \
  || fail "--style /dev/urandom: exit $rc, $(wc -c < "$TMP/err") bytes of errors"
head -c 20000 /dev/urandom > "$TMP/random.ini"
exits "--style a file of random bytes" 1 "$FOLIO" "$SEED" --style "$TMP/random.ini" -o "$TMP/s6.pdf"
if [ "$(wc -l < "$TMP/err")" -le 3 ]; then says "random bytes: one error, not a text file" "random\.ini is not (a text file|UTF-8 text)"
else fail "random bytes: $(wc -l < "$TMP/err") lines of errors"; fi
python3 -c 'print("\n".join("key%d = value" % i for i in range(500)))' > "$TMP/many-errors.ini"
exits "--style with 500 bad lines" 1 "$FOLIO" "$SEED" --style "$TMP/many-errors.ini" -o "$TMP/s6.pdf"
[ "$(grep -c 'many-errors.ini:[0-9]*:' "$TMP/err")" -eq 20 ] && grep -q "many-errors.ini: error: 480 more errors not shown" "$TMP/err" \
  && pass "a bad style file: 20 error lines, then the count of the rest" || fail "500 bad lines: $(wc -l < "$TMP/err") lines of errors"
head -c 3000 /bin/true > "$TMP/binary.css"
exits "--css a binary" 1 "$FOLIO" "$SEED" --css "$TMP/binary.css" -o "$TMP/s6.epub"
says "--css a binary: not a text file" "binary\.css is not a text file"
timeout 20 "$FOLIO" "$SEED" --css /dev/zero -o "$TMP/s6.epub" 2>"$TMP/err"; rc=$?
[ $rc -eq 1 ] && pass "--css /dev/zero: the size cap (exit 1)" || fail "--css /dev/zero: exit $rc"
exits "--font /dev/zero" 1 "$FOLIO" "$SEED" --font /dev/zero -o "$TMP/s6.pdf"
says "--font /dev/zero: not a regular file" "not a regular file"
head -c 70000000 /dev/zero | timeout 20 "$FOLIO" -d "$TMP/s6out" -t native --files-from - 2>"$TMP/err"; rc=$?
[ $rc -eq 2 ] && grep -q "larger than 64 MB" "$TMP/err" && pass "--files-from - : standard input has the size cap" || fail "--files-from - past 64 MB: exit $rc: $(head -c 200 "$TMP/err")"
printf 'a.txt\0b.txt\n' | "$FOLIO" -d "$TMP/s6out" -t native --files-from - 2>"$TMP/err"; rc=$?
[ $rc -eq 2 ] && grep -q "not a text file" "$TMP/err" && pass "--files-from with a NUL byte: not a text file" || fail "--files-from NUL: exit $rc"

# ---- 16. --css and --style: only stylesheets and style files ----
exits "--css /etc/passwd" 1 "$FOLIO" "$SEED" --css /etc/passwd -o "$TMP/s16.epub"
says "--css /etc/passwd: not a stylesheet" "passwd does not look like a stylesheet"
printf 'p { color: red }\n/* </style><script>alert(1)</script> */\n' > "$TMP/evil.css"
exits "--css holding </style" 1 "$FOLIO" "$SEED" --css "$TMP/evil.css" -t html -o "$TMP/s16.html"
says "</style: refused with its line" "evil\.css:2: '</style'"
[ ! -e "$TMP/s16.html" ] && pass "</style: no HTML written" || fail "</style: HTML written"
printf 'p { color: red; }\n@media print { p { color: black } }\n/* a comment { */\na::after { content: "}"; }\n' > "$TMP/ok.css"
exits "a stylesheet with strings, comments and @media" 0 "$FOLIO" "$SEED" --css "$TMP/ok.css" -t html -o "$TMP/s16.html"
exits "--css an empty file" 0 "$FOLIO" "$SEED" --css /dev/null -o "$TMP/s16.epub"
exits "--style /etc/passwd" 1 "$FOLIO" "$SEED" --style /etc/passwd -o "$TMP/s16.pdf"
mkdir -p "$TMP/a-style.ini"
exits "--style naming a directory" 2 "$FOLIO" "$SEED" --style "$TMP/a-style.ini" -o "$TMP/s16.pdf"
exits "--style-dir that does not exist" 2 "$FOLIO" "$SEED" --style-dir "$TMP/no-such-dir" -o "$TMP/s16.pdf"
says "--style-dir missing: named" "no-such-dir: no such directory"

# ---- 20. --font FILE:INDEX parsed; '-' reads standard input; -t against the extension ----
for spec in "f.ttc:abc" "f.ttc:-1" "f.ttc:99999999999999999999" "f.ttc:"; do
  exits "--font $spec: a usage error" 2 "$FOLIO" "$SEED" --font "$spec" -o "$TMP/f.pdf"
  says "--font $spec: the expected form" "expected FILE or FILE:INDEX"
done
"$FOLIO" - -t native -o "$TMP/stdin.native" < "$SEED" 2>"$TMP/err" && diff -q "$TMP/stdin.native" tests/golden/seed.native >/dev/null \
  && pass "folio - reads standard input" || fail "folio -: $(head -c 200 "$TMP/err")"
exits "-t pdf -o x.xml" 0 "$FOLIO" "$SEED" -t pdf -o "$TMP/x.xml"
says "-t pdf -o x.xml: a warning that the extension says docbook" "warning: .*x\.xml: -t pdf writes pdf, though the extension says docbook"
head -c 5 "$TMP/x.xml" | grep -q '%PDF' && pass "-t pdf -o x.xml: -t wins, a PDF is written" || fail "-t pdf -o x.xml: not a PDF"

# ---- 7. a line that cannot be justified is set ragged; the PDF never fails over it ----
python3 -c 'print("标题\n\n中。" + "a" * 300 + "\n\n，，" + "—" * 300 + "\n\n。。" + "x" * 300)' > "$TMP/ragged.txt"
exits "marks before a word too long for the line → PDF" 0 "$FOLIO" "$TMP/ragged.txt" -o "$TMP/ragged.pdf"

# ---- 10. batch: an article's formats all or nothing; every article isolated, whatever -j ----
mkdir -p "$TMP/b10/in" "$TMP/b10/out/a2.pdf"; for i in 1 2 3; do cp "$SEED" "$TMP/b10/in/a$i.txt"; done
for j in 1 2; do
  rm -f "$TMP"/b10/out/*.xml "$TMP"/b10/out/a1.pdf "$TMP"/b10/out/a3.pdf
  exits "batch -j $j: one article's PDF cannot be written" 1 "$FOLIO" -d "$TMP/b10/out" -t docbook,pdf -j $j "$TMP"/b10/in/*.txt
  [ ! -e "$TMP/b10/out/a2.xml" ] && [ -e "$TMP/b10/out/a1.xml" ] && [ -e "$TMP/b10/out/a3.pdf" ] \
    && pass "batch -j $j: nothing of that article is written, the others are whole" || fail "batch -j $j: $(ls "$TMP/b10/out" | tr '\n' ' ')"
  ! ls -a "$TMP/b10/out" | grep -q '^\.a' && pass "batch -j $j: no temporary file left" || fail "batch -j $j: $(ls -a "$TMP/b10/out" | grep '^\.a')"
done
if [ $SAN = no ]; then
  mkdir -p "$TMP/b10m/in"; cp "$SEED" "$TMP/b10m/in/a1.txt"; cp "$SEED" "$TMP/b10m/in/a3.txt"
  python3 -c 'open("'"$TMP"'/b10m/in/a2.txt", "w").write("中\n" * (1 << 20))'
  ( ulimit -v 300000; exec "$FOLIO" -d "$TMP/b10m/out" -t docbook -j 1 "$TMP"/b10m/in/*.txt ) 2>"$TMP/err"; rc=$?
  [ $rc -eq 1 ] && grep -q "a2.txt: error: out of memory" "$TMP/err" && grep -q "2 of 3 articles converted" "$TMP/err" \
    && [ -e "$TMP/b10m/out/a3.xml" ] && pass "batch -j 1: an article out of memory fails alone, the next one converts" \
    || fail "batch -j 1 out of memory: exit $rc: $(head -c 300 "$TMP/err")"
  rm -rf "$TMP/b10m"
fi

# ---- 8. SIGINT/SIGTERM/SIGHUP while writing: no temporary file left ----
python3 -c 'import sys; raw = open(sys.argv[1]).read(); open(sys.argv[2], "w").write(raw * 60)' "$SEED" "$TMP/x60.txt"
for sig in INT TERM HUP; do
  rm -rf "$TMP/s8"; mkdir -p "$TMP/s8"
  "$FOLIO" -d "$TMP/s8" -t docbook,pdf -j 1 "$TMP/x60.txt" 2>/dev/null & pid=$!
  n=0; while [ $n -lt 200 ] && ! ls -a "$TMP/s8" | grep -q '^\.x60'; do sleep 0.02; n=$((n + 1)); done
  seen=$(ls -a "$TMP/s8" | grep -c '^\.x60')
  kill -$sig $pid; wait $pid 2>/dev/null; sleep 0.3
  left=$(ls -a "$TMP/s8" | grep -c '^\.x60')
  [ "$seen" -ge 1 ] && [ "$left" -eq 0 ] && [ ! -e "$TMP/s8/x60.xml" ] && pass "SIG$sig during a batch write: its temporary file removed, nothing half done" \
    || fail "SIG$sig: temporary files seen $seen, left $left, $(ls "$TMP/s8" | tr '\n' ' ')"
done
cp "$SEED" "$TMP/keep8.pdf"
"$FOLIO" "$TMP/x60.txt" -o "$TMP/keep8.pdf" 2>/dev/null & pid=$!
sleep 0.3; kill -TERM $pid; wait $pid 2>/dev/null
! ls -a "$TMP" | grep -q '^\.keep8' && { cmp -s "$SEED" "$TMP/keep8.pdf" || head -c 5 "$TMP/keep8.pdf" | grep -q '%PDF'; } \
  && pass "SIGTERM during a single conversion: the old file or the whole new one, no temporary file" || fail "SIGTERM single: $(ls -a "$TMP" | grep keep8)"

# ---- 13. a long output name: the temporary name stays within NAME_MAX ----
long248=$(python3 -c 'print("n" * 244)').xml
exits "an output name of 248 bytes" 0 "$FOLIO" "$SEED" -o "$TMP/$long248"
long255=$(python3 -c 'print("n" * 251)').xml
exits "an output name of 255 bytes" 0 "$FOLIO" "$SEED" -o "$TMP/$long255"
[ -s "$TMP/$long255" ] && ! ls -a "$TMP" | grep -q '^\.folio\.' && pass "255-byte name: written, no temporary file left" || fail "255-byte name"

# ---- 14. replacing a file keeps its mode ----
cp "$SEED" "$TMP/mode.xml"; chmod 600 "$TMP/mode.xml"
"$FOLIO" "$SEED" -o "$TMP/mode.xml" 2>/dev/null
[ "$(stat -c %a "$TMP/mode.xml")" = 600 ] && head -c 5 "$TMP/mode.xml" | grep -q '<?xml' && pass "a 0600 file stays 0600 when replaced" \
  || fail "mode after replacing: $(stat -c %a "$TMP/mode.xml")"
chmod 640 "$TMP/mode.xml"; "$FOLIO" "$SEED" -t epub -o "$TMP/mode.xml" 2>/dev/null
[ "$(stat -c %a "$TMP/mode.xml")" = 640 ] && pass "a 0640 file stays 0640" || fail "0640 became $(stat -c %a "$TMP/mode.xml")"
rm -f "$TMP/new.xml"; ( umask 027; "$FOLIO" "$SEED" -o "$TMP/new.xml" 2>/dev/null )
[ "$(stat -c %a "$TMP/new.xml")" = 640 ] && pass "a new file: 0666 less the umask" || fail "new file mode $(stat -c %a "$TMP/new.xml")"

# ---- 15. a dangling symbolic link is followed like a live one ----
mkdir -p "$TMP/s15"; ln -s target.xml "$TMP/s15/dangling.xml"
exits "-o a dangling symbolic link" 0 "$FOLIO" "$SEED" -o "$TMP/s15/dangling.xml"
[ -L "$TMP/s15/dangling.xml" ] && [ -s "$TMP/s15/target.xml" ] && pass "dangling link: the link stays, its target is written" \
  || fail "dangling link: $(ls -l "$TMP/s15" | tr '\n' ' ')"
ln -s sub/deeper.xml "$TMP/s15/chain.xml"; mkdir -p "$TMP/s15/sub"; ln -s ../final.xml "$TMP/s15/sub/deeper.xml"
exits "-o a chain of links, relative, ending nowhere" 0 "$FOLIO" "$SEED" -o "$TMP/s15/chain.xml"
[ -L "$TMP/s15/chain.xml" ] && [ -s "$TMP/s15/final.xml" ] && pass "chain of links: the last target is written" || fail "chain: $(ls -lR "$TMP/s15" | tr '\n' ' ')"

# ---- 11. an article of invisible characters only is no article ----
for cp in 2003 2028 200b 00ad 3164; do
  python3 -c 'import sys; c = chr(int(sys.argv[1], 16)); open(sys.argv[2], "w").write((c * 4 + "\n") * 3)' $cp "$TMP/inv.txt"
  exits "an article of U+$cp only" 1 "$FOLIO" "$TMP/inv.txt" -t docbook -o "$TMP/inv.xml"
  says "U+$cp only: no article text" "inv\.txt: error: no article text"
done
