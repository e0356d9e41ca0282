#!/bin/sh
# tests/pdf.test.sh — the printable PDF of the seed: valid, fonts embedded and subset with ToUnicode,
# text extractable without warnings, metadata, byte-identical reruns; bad fonts and bad styles fail
# cleanly (message, non-zero exit, no output file).
. tests/lib.sh

PDF=$TMP/seed.pdf
if ! "$FOLIO" "$SEED" -o "$PDF" 2>"$TMP/err"; then
  fail "folio SEED -o seed.pdf: $(head -c 400 "$TMP/err")"
  exit 1
fi
pass "folio writes the seed's PDF"

check "qpdf --check finds no error" qpdf --check "$PDF"

pdffonts "$PDF" >"$TMP/fonts" 2>&1
# every font row: emb, sub and uni all "yes" (columns 4–2 from the right: emb sub uni objID gen)
if awk 'NR > 2 { n++; if ($(NF-4) != "yes" || $(NF-3) != "yes" || $(NF-2) != "yes") bad++ }
        END { exit !(n > 0 && bad == 0) }' "$TMP/fonts"; then
  pass "pdffonts: every font embedded, subset, with ToUnicode"
else
  fail "pdffonts: $(cat "$TMP/fonts")"
fi
# Noto CJK (fonts-noto-cjk, OpenType CFF) for the body and the headings, AR PL UKai (TrueType) for 楷
if grep -q '^[A-Z]\{6\}+NotoSerifCJKsc-Regular  *CID Type 0C  *Identity-H' "$TMP/fonts" &&
   grep -q '^[A-Z]\{6\}+NotoSansCJKsc-Regular  *CID Type 0C  *Identity-H' "$TMP/fonts" &&
   grep -q '^[A-Z]\{6\}+UKai.*CID TrueType' "$TMP/fonts"; then
  pass "body and headings are Noto CJK subsets (CID Type 0C), kai a CID TrueType subset"
else
  fail "fonts are not Noto CJK (CID Type 0C) and UKai subsets: $(cat "$TMP/fonts")"
fi
fonts=$(awk 'NR > 2' "$TMP/fonts" | wc -l)
if [ "$fonts" -eq 3 ]; then pass "three faces: serif, sans, kai"; else fail "expected 3 fonts, got $fonts"; fi
size=$(wc -c <"$PDF")
if [ "$size" -le 358400 ]; then pass "the seed's PDF is at most 350 KB ($size bytes)"; else fail "the seed's PDF is $size bytes (> 350 KB)"; fi

pdftotext -enc UTF-8 "$PDF" "$TMP/seed.txt" 2>"$TMP/pdftotext.err"
if [ ! -s "$TMP/pdftotext.err" ]; then
  pass "pdftotext reads it without a warning"
else
  fail "pdftotext warns: $(head -c 300 "$TMP/pdftotext.err")"
fi
# text round trip: the title, a section title, a run-in head, a caption credit and the last paragraph
for want in 为奋力谱写中国式现代化甘肃篇章提供坚实法治保障 多维度推动学习宣传贯彻习近平法治思想走深走实 \
            加强宣传解读 省司法厅供图 《甘肃日报》; do
  if tr -d ' \n' <"$TMP/seed.txt" | grep -q "$want"; then
    pass "extracted text holds $want"
  else
    fail "extracted text lacks $want"
  fi
done
# every line of the seed's lead survives extraction (whitespace aside)
lead=$(grep -m1 '^  2024年,省司法厅坚持' "$SEED" | tr -d ' ' | sed 's/,/，/g' | cut -c1-60)
if tr -d ' \n' <"$TMP/seed.txt" | grep -q "$(printf '%s' "$lead" | cut -c1-30)"; then
  pass "the lead is extractable text"
else
  fail "the lead is not in the extracted text"
fi
# (Noto's space is narrow: pdftotext may read "—1—")
if tr -d ' ' <"$TMP/seed.txt" | grep -q '—1—' && tr -d ' ' <"$TMP/seed.txt" | grep -q '—2—'; then
  pass "page numbers — N —"
else
  fail "no — N — page numbers"
fi

pdfinfo -enc UTF-8 "$PDF" >"$TMP/info" 2>&1
if grep -q '^Title: *为奋力谱写中国式现代化甘肃篇章提供坚实法治保障$' "$TMP/info"; then
  pass "pdfinfo Title is the article title"
else
  fail "pdfinfo Title: $(grep '^Title' "$TMP/info")"
fi
if grep -q '^Author: *.*龚利芳' "$TMP/info"; then pass "pdfinfo Author names the reporter"; else fail "pdfinfo Author: $(grep '^Author' "$TMP/info")"; fi
if grep -q '^Creator: *folio ' "$TMP/info"; then pass "pdfinfo Creator is folio"; else fail "pdfinfo Creator: $(grep '^Creator' "$TMP/info")"; fi
if grep -q '^CreationDate: .*2025' "$TMP/info"; then pass "CreationDate is the article's date"; else fail "CreationDate: $(grep '^CreationDate' "$TMP/info")"; fi
if grep -q '^Page size: *595.* x 841.*A4' "$TMP/info"; then pass "A4 pages"; else fail "page size: $(grep '^Page size' "$TMP/info")"; fi
if qpdf --json --json-key=outlines "$PDF" 2>/dev/null | grep -q '亮点三'; then
  pass "bookmarks name the sections"
else
  fail "no section bookmarks"
fi

"$FOLIO" "$SEED" -o "$TMP/again.pdf" 2>/dev/null
check "two runs give byte-identical PDF" cmp "$PDF" "$TMP/again.pdf"
SOURCE_DATE_EPOCH=0 "$FOLIO" "$SEED" -o "$TMP/epoch.pdf" 2>/dev/null
if pdfinfo "$TMP/epoch.pdf" 2>/dev/null | grep -q '^CreationDate: .*1970'; then
  pass "SOURCE_DATE_EPOCH sets CreationDate"
else
  fail "SOURCE_DATE_EPOCH ignored: $(pdfinfo "$TMP/epoch.pdf" 2>&1 | grep CreationDate)"
fi

# bad fonts: a clear message, exit status 1, and no output file
bad_font() {
  what=$1 font=$2 expect=$3
  out=$TMP/badfont.pdf
  rm -f "$out"
  "$FOLIO" "$SEED" -o "$out" --font "$font" >"$TMP/bf.out" 2>"$TMP/bf.err"
  rc=$?
  if [ "$rc" -eq 1 ] && [ ! -e "$out" ] && grep -q "$expect" "$TMP/bf.err"; then
    pass "--font $what: error, exit 1, no file"
  else
    fail "--font $what: exit $rc, file $( [ -e "$out" ] && echo written || echo absent), stderr: $(head -c 300 "$TMP/bf.err")"
  fi
}
bad_font "missing file" "$TMP/no-such-font.ttf" "cannot read font file"
printf 'this is not a font\n' >"$TMP/notafont.ttf"
bad_font "not a font" "$TMP/notafont.ttf" "not a TrueType or OpenType font"
good=$(fc-list -f '%{file}\n' ':lang=zh' | grep -m1 'wqy-microhei\|uming\|ukai')
if [ -n "$good" ]; then
  head -c 60000 "$good" >"$TMP/truncated.ttc"
  bad_font "truncated file" "$TMP/truncated.ttc" "font"
  bad_font "face index out of range" "$good:99" "no face number 99"
  rm -f "$TMP/override.pdf"
  if "$FOLIO" "$SEED" -o "$TMP/override.pdf" --font "$good" 2>/dev/null &&
     [ "$(pdffonts "$TMP/override.pdf" | awk 'NR > 2' | wc -l)" -eq 1 ]; then
    pass "--font $good serves every role with one embedded subset"
  else
    fail "--font $good did not give a one-font PDF"
  fi
else
  fail "no CJK TrueType font installed (fonts-wqy-microhei, fonts-arphic-uming)"
fi

# a bad style file names the file, the line and the key, and writes nothing
printf '[page]\nsize = A4\n[body]\nsize = enormous\n' >"$TMP/bad.ini"
rm -f "$TMP/badstyle.pdf"
"$FOLIO" "$SEED" -o "$TMP/badstyle.pdf" --style "$TMP/bad.ini" 2>"$TMP/bs.err"
rc=$?
if [ "$rc" -eq 1 ] && [ ! -e "$TMP/badstyle.pdf" ] && grep -q "bad.ini:4:.*size" "$TMP/bs.err"; then
  pass "bad style value: file:line and key, exit 1, no file"
else
  fail "bad style value: exit $rc, stderr: $(head -c 300 "$TMP/bs.err")"
fi
printf '[body]\nfont-colour = red\n' >"$TMP/unknown.ini"
"$FOLIO" "$SEED" -o "$TMP/badstyle.pdf" --style "$TMP/unknown.ini" 2>"$TMP/bs.err"
if grep -q "unknown.ini:2:.*font-colour" "$TMP/bs.err" && [ ! -e "$TMP/badstyle.pdf" ]; then
  pass "unknown style key: file:line and key"
else
  fail "unknown style key: $(head -c 300 "$TMP/bs.err")"
fi

# a character outside the BMP is left out of the PDF with a warning naming its position
printf '标题\n\n　　第一段有一个字𠮷在这里。\n' >"$TMP/nonbmp.txt"
"$FOLIO" "$TMP/nonbmp.txt" -o "$TMP/nonbmp.pdf" 2>"$TMP/nb.err"
if [ -s "$TMP/nonbmp.pdf" ] && grep -q 'nonbmp.txt:[0-9]*:[0-9]*: warning: .*U+20BB7' "$TMP/nb.err"; then
  pass "non-BMP character: warning with position, PDF still written"
else
  fail "non-BMP character: $(head -c 300 "$TMP/nb.err")"
fi
"$FOLIO" "$TMP/nonbmp.txt" -M 'title=有𠮷字' -o "$TMP/nonbmp-title.pdf" 2>/dev/null
if pdfinfo -enc UTF-8 "$TMP/nonbmp-title.pdf" 2>/dev/null | grep -q '^Title: *有𠮷字$'; then
  pass "document info keeps a character outside the BMP"
else
  fail "document info Title: $(pdfinfo -enc UTF-8 "$TMP/nonbmp-title.pdf" 2>&1 | grep '^Title')"
fi

# The seed's pages as folio lays them out (`-t layout`; its golden file is compared by
# tests/golden.test.sh) agree with the PDF: as many pages, and every line in the PDF's text.
if "$FOLIO" "$SEED" -t layout -o "$TMP/seed.layout" 2>"$TMP/layout.err"; then
  pages=$(sed -n 's/^pages \([0-9]*\),.*/\1/p' "$TMP/seed.layout")
  [ "$pages" = "$(pdfinfo "$PDF" 2>/dev/null | sed -n 's/^Pages: *//p')" ] && pass "the layout has as many pages as the PDF ($pages)" \
    || fail "the layout says $pages pages, the PDF has $(pdfinfo "$PDF" 2>/dev/null | sed -n 's/^Pages: *//p')"
  # every line the layout sets is in the PDF's text, in order
  python3 - "$TMP/seed.layout" "$TMP/seed.txt" <<'PY' && pass "the PDF's text holds every line of the layout, in order" || fail "the PDF's text and the layout differ"
import re, sys
lines = [re.sub(r"\[[-+0-9. ]+\]|\s", "", l.split(":", 1)[1])
         for l in open(sys.argv[1], encoding="utf-8") if re.match(r"  \w+ +y ", l) and ":" in l]
text = re.sub(r"\s", "", open(sys.argv[2], encoding="utf-8").read())
at = 0
for l in lines:
    at = text.find(l, at)
    if at < 0:
        sys.exit("missing: " + l)
PY
else
  fail "folio -t layout: $(head -c 300 "$TMP/layout.err")"
fi

# libharu 2.3 cannot save a font whose rebuilt tables end exactly at a 4,096-byte boundary with an
# empty table (found by the fuzzer: this title's three fonts hit it); folio gives every subset a prep
printf '#鴠\356\212\213}S {page\n' >"$TMP/boundary.txt"
if "$FOLIO" "$TMP/boundary.txt" -o "$TMP/boundary.pdf" 2>"$TMP/boundary.err" && qpdf --check "$TMP/boundary.pdf" >/dev/null 2>&1; then
  pass "a font at libharu's 4 KB stream boundary still saves"
else
  fail "a font at libharu's 4 KB stream boundary: $(head -c 300 "$TMP/boundary.err")"
fi
