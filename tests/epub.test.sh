#!/bin/sh
# tests/epub.test.sh — the seed article as EPUB 3, both editions, and as one XHTML page (-t html):
# epubcheck reports nothing (no fatal error, error or warning), the package is laid out as OCF
# wants, reruns give the same bytes (whatever the TZ), the vertical edition runs right to left, the
# page is well-formed.  The first chapter's golden file is compared by tests/golden.test.sh.
. tests/lib.sh

out=$TMP/seed.epub
vert=$TMP/vertical.epub

# entry FILE NAME: the bytes of one entry of a zip file (python3 rather than unzip: one less package)
entry() { python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))' "$1" "$2"; }

check "folio converts the seed to EPUB" "$FOLIO" "$SEED" -o "$out"
[ -s "$out" ] || { fail "no EPUB output, nothing more to check"; exit 1; }

# OCF: "mimetype" is the first local header's name (offset 30), stored, no extra field, content right after
check "mimetype first, stored, no extra field, its content right after its name" python3 -c '
import sys, zipfile
data = open(sys.argv[1], "rb").read()
first = zipfile.ZipFile(sys.argv[1]).infolist()[0]
assert data[:4] == b"PK\x03\x04" and data[26:30] == b"\x08\x00\x00\x00", data[:40]
assert data[30:58] == b"mimetypeapplication/epub+zip", data[30:58]
assert first.compress_type == zipfile.ZIP_STORED and not first.extra
' "$out"
check "every entry is a regular file with mode 0644" python3 -c '
import sys, zipfile
bad = [i.filename for i in zipfile.ZipFile(sys.argv[1]).infolist() if i.external_attr >> 16 != 0o100644]
assert not bad, bad
' "$out"

"$FOLIO" "$SEED" -o "$TMP/again.epub" 2>/dev/null
check "two runs give byte-identical EPUB" cmp "$out" "$TMP/again.epub"
TZ=UTC "$FOLIO" "$SEED" -o "$TMP/utc.epub" 2>/dev/null
TZ=Asia/Shanghai "$FOLIO" "$SEED" -o "$TMP/shanghai.epub" 2>/dev/null
TZ=America/New_York "$FOLIO" "$SEED" -o "$TMP/newyork.epub" 2>/dev/null
check "TZ=UTC and TZ=Asia/Shanghai give the same bytes" cmp "$TMP/utc.epub" "$TMP/shanghai.epub"
check "TZ=UTC and TZ=America/New_York give the same bytes" cmp "$TMP/utc.epub" "$TMP/newyork.epub"
check "entry times are the article's 2025-01-16 16:16 +08:00, in UTC" python3 -c '
import sys, zipfile
times = {i.date_time for i in zipfile.ZipFile(sys.argv[1]).infolist()}
assert times == {(2025, 1, 16, 8, 16, 0)}, times
' "$out"
SOURCE_DATE_EPOCH=1700000000 TZ=Asia/Shanghai "$FOLIO" "$SEED" -o "$TMP/sde.epub" 2>/dev/null
check "SOURCE_DATE_EPOCH sets dcterms:modified" sh -c \
  "python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(\"OEBPS/content.opf\"))' '$TMP/sde.epub' |
   grep -q '<meta property=\"dcterms:modified\">2023-11-14T22:13:20Z</meta>'"

# the content, as a reader gets it
entry "$out" OEBPS/content.opf >"$TMP/content.opf"
check "the OPF names the reporter with a role" grep -q 'property="role" scheme="marc:relators">aut</meta>' "$TMP/content.opf"
check "the spine has no page-progression-direction when horizontal" sh -c "! grep -q page-progression-direction '$TMP/content.opf'"
runins=$(for i in 1 2 3 4 5 6 7 8 9 10; do entry "$out" "OEBPS/sec-$i.xhtml"; done | grep -c '^<p><strong class="runin">')
if [ "$runins" = 36 ]; then pass "36 run-in heads lead their paragraphs"; else fail "run-in heads: got $runins, want 36"; fi
figures=$(entry "$out" OEBPS/front.xhtml | grep -c '<span class="credit">省司法厅供图</span></figcaption>')
if [ "$figures" = 4 ]; then pass "4 figure captions with their credit on the front page"; else fail "figure captions: got $figures, want 4"; fi

# the vertical edition
check "folio --vertical converts the seed" "$FOLIO" --vertical "$SEED" -o "$vert"
if [ -s "$vert" ]; then
  check "vertical: the spine runs right to left" sh -c \
    "python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(\"OEBPS/content.opf\"))' '$vert' |
     grep -q '<spine toc=\"ncx\" page-progression-direction=\"rtl\">'"
  entry "$vert" OEBPS/css/vertical.css >"$TMP/vertical.css"
  check "vertical: the CSS sets writing-mode: vertical-rl" grep -q '^ *writing-mode: *vertical-rl' "$TMP/vertical.css"
  check "vertical: ... and -epub-writing-mode for older reading systems" grep -q -- '-epub-writing-mode: *vertical-rl' "$TMP/vertical.css"
  check "vertical: chapters link the vertical stylesheet" sh -c \
    "python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(\"OEBPS/sec-1.xhtml\"))' '$vert' |
     grep -q 'href=\"css/vertical.css\"'"
fi

# --css and --style
printf 'p { color: #222; }\n' >"$TMP/extra.css"
check "--css FILE is packaged and linked" sh -c \
  "'$FOLIO' --css '$TMP/extra.css' '$SEED' -o '$TMP/extra.epub' &&
   python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.read(\"OEBPS/css/extra-1.css\") == open(sys.argv[2], \"rb\").read(); assert b\"href=\\\"css/extra-1.css\\\"\" in z.read(\"OEBPS/sec-1.xhtml\")' '$TMP/extra.epub' '$TMP/extra.css'"
"$FOLIO" --style no-such-style "$SEED" -o "$TMP/nostyle.epub" 2>"$TMP/nostyle.err"
rc=$?
if [ "$rc" = 1 ] && grep -q "no-such-style" "$TMP/nostyle.err" && [ ! -e "$TMP/nostyle.epub" ]; then
  pass "an unknown --style fails with exit status 1, names the style, writes nothing"
else
  fail "an unknown --style: exit $rc, $(head -c 200 "$TMP/nostyle.err")"
fi

# -t html: one well-formed page
check "folio -t html converts the seed" "$FOLIO" -t html "$SEED" -o "$TMP/seed.html"
check "the page is well-formed XML (xmllint)" xmllint --noout "$TMP/seed.html"
"$FOLIO" "$SEED" -o "$TMP/seed.xhtml" 2>/dev/null
check "-o FILE.xhtml gives the same page as -t html" cmp "$TMP/seed.html" "$TMP/seed.xhtml"
runins=$(grep -c '^<p><strong class="runin">' "$TMP/seed.html")
if [ "$runins" = 36 ]; then pass "the page has the 36 run-in heads"; else fail "page run-in heads: got $runins, want 36"; fi
check "the page carries its stylesheet inline" grep -q '^<style>' "$TMP/seed.html"

# 縦中横 in the vertical edition: 1–2 digit numbers upright, longer ones and the horizontal edition untouched
"$FOLIO" --vertical "$SEED" -o "$TMP/tcy.epub" && "$FOLIO" "$SEED" -o "$TMP/notcy.epub"
python3 - "$TMP/tcy.epub" "$TMP/notcy.epub" <<'PY' && pass "vertical: short numbers upright (tcy), long ones not; horizontal: none" || fail "vertical: tcy spans"
import sys, zipfile
v = zipfile.ZipFile(sys.argv[1]).read("OEBPS/sec-1.xhtml").decode()
h = zipfile.ZipFile(sys.argv[2]).read("OEBPS/sec-1.xhtml").decode()
ok = ('<span class="tcy">14</span>个市州' in v and '<span class="tcy">2024' not in v and ">7.8</span>万" in v
      and '<span class="tcy">7' not in v and 'class="tcy"' not in h)
sys.exit(0 if ok else 1)
PY

# epubcheck for every edition made above: handed over to the one epubcheck run of the whole test
# run (epubcheck_later, tests/lib.sh).  The sanitized build's run (FOLIO_PLAIN set: tests/run.sh's
# second pass) checks instead that it writes the very bytes of the plain build's editions.
editions="horizontal:$out vertical:$vert extra-css:$TMP/extra.epub"
if [ -x "${FOLIO_PLAIN:-}" ]; then
  "$FOLIO_PLAIN" "$SEED" -o "$TMP/plain-horizontal.epub" && "$FOLIO_PLAIN" --vertical "$SEED" -o "$TMP/plain-vertical.epub" &&
    "$FOLIO_PLAIN" --css "$TMP/extra.css" "$SEED" -o "$TMP/plain-extra-css.epub"
  for e in $editions; do
    check "${e%%:*} edition: the same bytes as the plain build's" cmp "$TMP/plain-${e%%:*}.epub" "${e#*:}"
  done
else
  for e in $editions; do epubcheck_later "${e%%:*}" "${e#*:}"; done
fi
