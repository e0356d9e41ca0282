#!/bin/sh
# tests/gongwen.test.sh — official documents (公文, GB/T 9704-2012), three of them written as folio's
# DocBook: tests/gongwen/tongzhi.xml (a 通知 with two attachments and a 版记), qingshi.xml (a 请示
# with 份号, 密级, 紧急程度 and 签发人), jueding.xml (a 红头 决定 with one attachment and a 版记).
#   - every part reads into the model (-t native) without a warning;
#   - their DocBook reads back byte for byte and is valid (jing);
#   - the EPUB passes epubcheck and the HTML marks every part;
#   - the PDF in the gongwen style: folio's own boxes against the standard (gongwen/check-layout.py:
#     the grid, the 版头's places, signature and date, attachment list, attachments, 版记, page
#     numbers), the faces each kind of text is drawn in (gongwen/check-fonts.py), qpdf, poppler;
#   - the PDF in the default style, laid out as a handout.
# tests/gongwen/*.txt are the same documents as plain text: the text reader recognises every part
# (read_gongwen.c) and gives the same DocBook, and their gongwen PDFs pass the same layout and font
# checks.
. tests/lib.sh

RNG=/usr/share/xml/docbook/schema/rng/5.0/docbook.rng
DIR=tests/gongwen

expect_native() { # expect_native DOC PATTERN...: every pattern is a line of the document's tree
  doc=$1; shift
  missing=""
  for p in "$@"; do grep -q -- "$p" "$TMP/$doc.native" || missing="$missing [$p]"; done
  if [ -z "$missing" ]; then pass "$doc: the tree holds $*"; else fail "$doc: the tree lacks$missing"; fi
}

for doc in tongzhi qingshi jueding; do
  xml=$DIR/$doc.xml
  "$FOLIO" "$xml" -t native -o "$TMP/$doc.native" 2>"$TMP/$doc.err"
  [ -s "$TMP/$doc.native" ] && [ ! -s "$TMP/$doc.err" ] && pass "$doc: reads without a warning" ||
    fail "$doc: reading: $(head -c 300 "$TMP/$doc.err")"

  # DocBook: back byte for byte, valid
  "$FOLIO" "$xml" -o "$TMP/$doc.xml" 2>/dev/null
  check "$doc: its DocBook reads back byte for byte (the identity too: 发文字号, 发文机关, 成文日期)" cmp "$xml" "$TMP/$doc.xml"
  check "$doc: its DocBook is valid DocBook 5.0 (jing)" jing "$RNG" "$TMP/$doc.xml"

  # EPUB and HTML
  "$FOLIO" "$xml" -o "$TMP/$doc.out.epub" 2>/dev/null
  epubcheck_later "$doc" "$TMP/$doc.out.epub"
  unzip -l "$TMP/$doc.out.epub" | grep -q 'OEBPS/css/official.css' && pass "$doc: the EPUB carries official.css" ||
    fail "$doc: no official.css in the EPUB"
  "$FOLIO" "$xml" -t html -o "$TMP/$doc.html" 2>/dev/null
  missing=""
  for c in 'class="organ-mark"' 'class="doc-number' 'class="separator"' 'class="addressee"' 'class="enclosures' \
           'class="signing"' 'class="signature"' 'class="date"' 'class="annotation"'; do
    grep -q "$c" "$TMP/$doc.html" || missing="$missing $c"
  done
  [ -z "$missing" ] && pass "$doc: the HTML marks the 版头, addressee, attachment list, signature, date and notes" ||
    fail "$doc: the HTML lacks$missing"

  # PDF, gongwen
  "$FOLIO" --style gongwen "$xml" -o "$TMP/$doc.pdf" 2>"$TMP/$doc.pdf.err"
  check "$doc: the gongwen PDF passes qpdf --check" qpdf --check "$TMP/$doc.pdf"
  pdftotext -enc UTF-8 "$TMP/$doc.pdf" "$TMP/$doc.txt" 2>"$TMP/$doc.pdftotext"
  [ ! -s "$TMP/$doc.pdftotext" ] && pass "$doc: poppler reads the gongwen PDF without a warning" ||
    fail "$doc: pdftotext: $(head -c 200 "$TMP/$doc.pdftotext")"
  "$FOLIO" --style gongwen "$xml" -o "$TMP/$doc.again.pdf" 2>/dev/null
  check "$doc: two runs give the same gongwen PDF" cmp "$TMP/$doc.pdf" "$TMP/$doc.again.pdf"
  /usr/bin/python3 "$DIR/check-fonts.py" "$TMP/$doc.pdf"
  "$FOLIO" --style gongwen "$xml" -t layout -o "$TMP/$doc.layout" 2>/dev/null
  python3 "$DIR/check-layout.py" "$TMP/$doc.layout"

  # PDF, default style: a handout
  "$FOLIO" "$xml" -o "$TMP/$doc.handout.pdf" 2>/dev/null
  check "$doc: the handout PDF passes qpdf --check" qpdf --check "$TMP/$doc.handout.pdf"
  "$FOLIO" "$xml" -t layout -o "$TMP/$doc.handout.layout" 2>/dev/null
  python3 "$DIR/check-layout.py" "$TMP/$doc.handout.layout" --handout
done

expect_native tongzhi '^  organ-mark: "河西省司法厅文件"' '^  cc: "司法部普法与依法治理局，省委依法治省办。"' \
  '^  printer: "河西省司法厅办公室"' '^  print-date: "2025-02-18"' '^  part addressee' '^    part enclosures' \
  '^    part signature' '^    part date' '^    part annotation' '^  part attachment id=att-1 label="附件1"' \
  '^  part attachment id=att-2 label="附件2"'
[ "$(grep -c '^    part annotation' "$TMP/tongzhi.native")" -eq 2 ] && [ "$(grep -c '^      para' "$TMP/tongzhi.native")" -ge 2 ] &&
  pass "tongzhi: two notes; the attachment list names two" || fail "tongzhi: notes or list items missing"
expect_native qingshi '^  copy-number: "000026"' '^  secrecy: "秘密★1年"' '^  urgency: "特急"' '^  organ-mark: "河西省司法厅"' \
  '^  signer: "李卫东"'
expect_native jueding '^  part enclosures' '^  part signature' '^  part attachment id=att-1 label="附件"'
tr -d ' \n' <"$TMP/qingshi.txt" >"$TMP/qingshi.flat"
grep -q '签发人：李卫东' "$TMP/qingshi.flat" && grep -q '河司〔2025〕12号' "$TMP/qingshi.flat" &&
  pass "qingshi: the PDF shows the document number and the 签发人" || fail "qingshi: no number or 签发人 in the PDF's text"

# The text reader: each .txt gives its .xml, and a gongwen PDF that passes the same checks
for doc in tongzhi qingshi jueding; do
  "$FOLIO" "$DIR/$doc.txt" -o "$TMP/$doc.fromtxt.xml" 2>"$TMP/$doc.fromtxt.err"
  [ ! -s "$TMP/$doc.fromtxt.err" ] && cmp -s "$DIR/$doc.xml" "$TMP/$doc.fromtxt.xml" &&
    pass "$doc: the text reader gives its DocBook from $doc.txt" ||
    fail "$doc: $doc.txt read: $(diff "$DIR/$doc.xml" "$TMP/$doc.fromtxt.xml" | head -c 400) $(head -c 200 "$TMP/$doc.fromtxt.err")"
  "$FOLIO" --style gongwen "$DIR/$doc.txt" -o "$TMP/$doc.fromtxt.pdf" 2>/dev/null
  check "$doc: the gongwen PDF from $doc.txt passes qpdf --check" qpdf --check "$TMP/$doc.fromtxt.pdf"
  /usr/bin/python3 "$DIR/check-fonts.py" "$TMP/$doc.fromtxt.pdf" | sed "s/^\(PASS\|FAIL\) /\1 from $doc.txt: /"
  "$FOLIO" --style gongwen "$DIR/$doc.txt" -t layout -o "$TMP/$doc.fromtxt.layout" 2>/dev/null
  python3 "$DIR/check-layout.py" "$TMP/$doc.fromtxt.layout" | sed "s/^\(PASS\|FAIL\) /\1 from $doc.txt: /"
done

# The checks can fail: the default style's pages are no GB/T 9704 pages.
if python3 "$DIR/check-layout.py" "$TMP/tongzhi.handout.layout" >"$TMP/near.out"; then
  fail "check-layout.py passes the default style's pages as GB/T 9704"
else
  pass "check-layout.py fails the default style's pages ($(grep -c '^FAIL' "$TMP/near.out") of its checks)"
fi

# The faces: the standard's, else the stand-ins, said once in one line
n=$(grep -c 'standing in' "$TMP/tongzhi.pdf.err")
if fc-list | grep -qi 'fangsong\|仿宋'; then
  pass "a 仿宋 face is installed: nothing stands in for it"
elif [ "$n" -eq 1 ] && grep -q 'for FangSong (fangsong)' "$TMP/tongzhi.pdf.err" && [ "$(wc -l <"$TMP/tongzhi.pdf.err")" -eq 1 ]; then
  pass "the stand-ins said once, in one line: $(cut -c1-160 "$TMP/tongzhi.pdf.err")"
else
  fail "stand-ins: $(cat "$TMP/tongzhi.pdf.err")"
fi
"$FOLIO" --style gongwen --font /usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf "$DIR/jueding.xml" \
  -o "$TMP/font.pdf" 2>"$TMP/font.err"
[ -s "$TMP/font.pdf" ] && [ ! -s "$TMP/font.err" ] && pass "--font: one face for all, nothing stands in" ||
  fail "--font: $(cat "$TMP/font.err")"

# A news article in the gongwen style: on the grid, and nothing of an official document's
"$FOLIO" --style gongwen "$SEED" -t layout -o "$TMP/seed.layout" 2>/dev/null
if grep -q '^  \(organ\|separator\|signature\|date\|imprint\) ' "$TMP/seed.layout"; then
  fail "the seed in the gongwen style shows parts of an official document"
else
  pass "the seed in the gongwen style shows no part of an official document"
fi
awk '/^  (body|heading[123]|title|caption|byline|lead) / {
       n++; k = ($3 - 104.88) / ((841.89 - 104.88 - 99.21) / 22); d = k - int(k + 0.5); if (d > 0.001 || d < -0.001) bad++ }
     END { exit !(n > 100 && bad == 0) }' "$TMP/seed.layout" &&
  pass "the seed in the gongwen style: every line on the 22-line grid" || fail "the seed in the gongwen style: lines off the grid"
