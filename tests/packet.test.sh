#!/bin/sh
# tests/packet.test.sh — folio --collect: a meeting packet of six articles of different kinds (the
# seed, a notice, a news report, a regulation, an interview and a ~50-page work report made by
# tests/packet/make-long-report.py) as one DocBook book (valid), one EPUB (epubcheck clean, nav and
# NCX nested article → sections) and one PDF (tests/packet/check-pdf.py: fonts, line breaks, cover,
# contents whose numbers are the pages the titles are drawn on, page numbers, running headers,
# bookmarks) in the default style and in gongwen with odd article breaks; every article set as it
# is alone; a bad input stops the run (or --skip-bad leaves it out); the usage errors.
. tests/lib.sh

P=tests/packet
RNG=/usr/share/xml/docbook/schema/rng/5.0/docbook.rng
python3 "$P/make-long-report.py" >"$TMP/long-report.txt"
ARTICLES="$SEED $P/tongzhi.txt $P/news-xinhua.txt $P/tiaoli.txt $P/interview.txt $TMP/long-report.txt"
# collect ARGS…: folio --collect with the packet's own metadata
collect() {
  "$FOLIO" --collect -M title=2025年第一次全体会议材料 -M subtitle=（第一次全体会议） -M date=2025-03-20 \
    -M publisher=河西省司法厅办公室 "$@"
}
# entry FILE NAME: one entry of a zip file
entry() { python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))' "$1" "$2"; }

# ---- DocBook: one book ----
check "the packet as DocBook" collect $ARTICLES -o "$TMP/packet.xml"
check "the book is valid DocBook 5 (jing, ids unique)" jing "$RNG" "$TMP/packet.xml"
check "the book is valid DocBook 5 (libxml2)" xmllint --noout --relaxng "$RNG" "$TMP/packet.xml"
check "a book: the collection's info, then one article per input, each with its own full info" python3 - "$TMP/packet.xml" <<'EOF'
import sys, xml.etree.ElementTree as ET
D = "{http://docbook.org/ns/docbook}"
book = ET.parse(sys.argv[1]).getroot()
assert book.tag == D + "book" and book.get("version") == "5.0", book.tag
info = book.find(D + "info")
assert info.find(D + "title").text == "2025年第一次全体会议材料"
assert info.find(D + "subtitle").text == "（第一次全体会议）" and info.find(D + "pubdate").text == "2025-03-20"
assert info.find(D + "publisher/" + D + "publishername").text == "河西省司法厅办公室"
arts = book.findall(D + "article")
assert [a.get("{http://www.w3.org/XML/1998/namespace}id") for a in arts] == [f"art-{i}" for i in range(1, 7)]
titles = [a.find(D + "info/" + D + "title").text for a in arts]
assert titles[0] == "为奋力谱写中国式现代化甘肃篇章提供坚实法治保障" and titles[5] == "河西省司法厅2024年工作报告", titles
seed = arts[0].find(D + "info")
assert seed.find(D + "author/" + D + "personname").text == "龚利芳"
assert seed.find(D + "pubdate").text == "2025-01-16T16:16+08:00" and seed.find(D + "bibliosource").text == "甘肃法治报"
assert arts[2].find(D + "info/" + D + "editor/" + D + "personname").text == "马晓琳"
assert len(arts[5].findall(D + "section")) == 12, len(arts[5].findall(D + "section"))
EOF

# ---- EPUB: one book ----
check "the packet as EPUB" collect $ARTICLES -o "$TMP/packet.epub"
# epubcheck: in the one run of the whole test run (epubcheck_later, tests/lib.sh); the sanitized
# build's run checks instead that it writes the plain build's very bytes
if [ -x "${FOLIO_PLAIN:-}" ]; then
  FOLIO=$FOLIO_PLAIN collect $ARTICLES -o "$TMP/plain.epub" 2>/dev/null
  check "the same EPUB bytes as the plain build's" cmp "$TMP/plain.epub" "$TMP/packet.epub"
else
  epubcheck_later six-articles "$TMP/packet.epub"
fi
entry "$TMP/packet.epub" OEBPS/nav.xhtml >"$TMP/nav.xhtml"
check "nav: the title page, then every article with its sections nested under it" python3 - "$TMP/nav.xhtml" <<'EOF'
import sys, xml.etree.ElementTree as ET
H = "{http://www.w3.org/1999/xhtml}"
toc = next(n for n in ET.parse(sys.argv[1]).iter(H + "nav") if n.get("id") == "toc")
items = toc.find(H + "ol").findall(H + "li")
hrefs = [li.find(H + "a").get("href") for li in items]
assert hrefs == ["front.xhtml"] + [f"art-{i}.xhtml" for i in range(1, 7)], hrefs
seed = [li.find(H + "a").get("href") for li in items[1].find(H + "ol").findall(H + "li")]
assert seed == [f"art-1.xhtml#art-1-sec-{i}" for i in range(1, 11)], seed
law = items[4].find(H + "ol").find(H + "li")
assert law.find(H + "a").get("href") == "art-4.xhtml#art-4-sec-1" and law.find(H + "ol") is None  # 第N条 are paragraphs
report = items[6].find(H + "ol").find(H + "li").find(H + "ol")
assert report is not None and report.find(H + "li/" + H + "a").get("href") == "art-6.xhtml#art-6-sec-1-1"
assert items[3].find(H + "ol") is None  # the news report has no sections
EOF
entry "$TMP/packet.epub" OEBPS/toc.ncx >"$TMP/toc.ncx"
check "NCX: a navPoint per article, its sections inside it" python3 - "$TMP/toc.ncx" <<'EOF'
import sys, xml.etree.ElementTree as ET
N = "{http://www.daisy.org/z3986/2005/ncx/}"
points = ET.parse(sys.argv[1]).getroot().find(N + "navMap").findall(N + "navPoint")
assert [p.find(N + "content").get("src") for p in points] == ["front.xhtml"] + [f"art-{i}.xhtml" for i in range(1, 7)]
assert len(points[1].findall(N + "navPoint")) == 10 and len(points[6].findall(N + "navPoint")) == 12
EOF
check "the title page holds the collection's title, publisher and date" sh -c \
  "python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(\"OEBPS/front.xhtml\"))' '$TMP/packet.epub' |
   grep -q '<p class=\"publisher\">河西省司法厅办公室</p>'"
entry "$TMP/packet.epub" OEBPS/art-3.xhtml >"$TMP/art-3.xhtml"
check "each article is a document of its own with its own byline" \
  grep -q '<p class="byline"><time datetime="2025-03-12T09:30:15+08:00">2025<span class="gap-s">年</span><span class="gap-s gap-e">3</span>月<span class="gap-s gap-e">12</span>日 09:30</time> · <span class="source">河西日报</span>' "$TMP/art-3.xhtml"

# ---- PDF: the default style, sections in the contents ----
check "the packet as PDF, --toc-depth 2" collect --toc-depth 2 $ARTICLES -o "$TMP/packet.pdf"
python3 "$P/check-pdf.py" "$TMP/packet.pdf" "$TMP/packet.xml" --toc-depth 2
collect --toc-depth 2 $ARTICLES -o "$TMP/again.pdf" 2>/dev/null
check "two runs give the same PDF" cmp "$TMP/packet.pdf" "$TMP/again.pdf"
printf '%s\n' $ARTICLES >"$TMP/list"
collect --toc-depth 2 --files-from "$TMP/list" -o "$TMP/listed.pdf" 2>/dev/null
check "--files-from LIST gives the same packet" cmp "$TMP/packet.pdf" "$TMP/listed.pdf"
check "viewers label the cover and contents i, ii, iii and the rest by their printed numbers" sh -c \
  "pdfinfo -f 1 -l 4 '$TMP/packet.pdf' | grep -q 'Page    4 size' && qpdf --json --json-key=pagelabels '$TMP/packet.pdf' |
   python3 -c 'import json,sys; l=json.load(sys.stdin)[\"pagelabels\"]; assert [x[\"label\"].get(\"/S\") for x in l] == [\"/r\", \"/D\"] and l[1][\"index\"] == 3, l'"

# ---- PDF: gongwen, every article on a right-hand page ----
check "the packet as PDF, gongwen style, --article-break odd" \
  collect --style gongwen --article-break odd $ARTICLES -o "$TMP/gongwen.pdf"
python3 "$P/check-pdf.py" "$TMP/gongwen.pdf" "$TMP/packet.xml" --odd --no-header

# ---- every article as it is alone ----
collect --style gongwen --article-break odd $ARTICLES -o "$TMP/gongwen.layout" 2>/dev/null
collect --toc-depth 2 $ARTICLES -o "$TMP/packet.layout" 2>/dev/null
alone=""
gongwen=""
for a in $ARTICLES; do
  n=$(basename "$a" .txt)
  "$FOLIO" "$a" -o "$TMP/$n.layout" 2>/dev/null
  "$FOLIO" --style gongwen "$a" -o "$TMP/$n.gongwen.layout" 2>/dev/null
  alone="$alone $TMP/$n.layout"
  gongwen="$gongwen $TMP/$n.gongwen.layout"
done
python3 "$P/same-pages.py" "$TMP/packet.layout" $alone
python3 "$P/same-pages.py" "$TMP/gongwen.layout" $gongwen
for a in "$SEED" "$P/tiaoli.txt"; do
  "$FOLIO" "$a" -t native -o "$TMP/alone.native" 2>/dev/null
  "$FOLIO" --collect "$a" -t native -o - 2>/dev/null | sed -n '/^part art-1 /,$p' | tail -n +2 |
    sed 's/id=art-1-sec/id=sec/' >"$TMP/part.native"
  check "$(basename "$a"): one input through --collect is the same article (the model)" cmp "$TMP/alone.native" "$TMP/part.native"
  "$FOLIO" "$a" -o "$TMP/alone.xml" 2>/dev/null
  "$FOLIO" --collect -M title=一 "$a" -o "$TMP/one.xml" 2>/dev/null
  check "$(basename "$a"): one input through --collect is the same article (DocBook)" python3 - "$TMP/alone.xml" "$TMP/one.xml" <<'EOF'
import re, sys, xml.etree.ElementTree as ET
D = "{http://docbook.org/ns/docbook}"
def plain(e):
    attrs = {k: re.sub(r"^art-1-", "", v) for k, v in e.attrib.items() if k not in ("version",)}
    attrs.pop("{http://www.w3.org/XML/1998/namespace}lang", None)
    return (e.tag, sorted(attrs.items()), (e.text or "").strip(), [plain(c) for c in e], (e.tail or "").strip())
alone = ET.parse(sys.argv[1]).getroot()
part = ET.parse(sys.argv[2]).getroot().find(D + "article")
assert [plain(c) for c in alone] == [plain(c) for c in part]
EOF
done

# ---- every input read by its own reader: a saved web page, a DocBook archive, a text ----
"$FOLIO" "$SEED" -o "$TMP/seed.xml" 2>/dev/null
"$FOLIO" --collect -M title=混合 tests/html/page.html "$TMP/seed.xml" "$P/interview.txt" -t native -o "$TMP/mixed.native" 2>/dev/null
check "HTML, DocBook and text inputs, each by its own reader" sh -c \
  "grep -A2 '^part ' '$TMP/mixed.native' | grep '^  title' | tr '\n' ' ' |
   grep -q 'title: \"河西走廊春耕忙 滴灌节水见实效\" .*title: \"为奋力谱写中国式现代化甘肃篇章提供坚实法治保障\" .*title: \"对话基层调解员'"
"$FOLIO" --collect -M title=混合 tests/html/page.html "$TMP/seed.xml" "$P/interview.txt" -o "$TMP/mixed.epub" 2>/dev/null
check "the web page's pictures go into the packet's EPUB" sh -c \
  "python3 -c 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).namelist())' '$TMP/mixed.epub' | grep -q 'OEBPS/images/img-1.jpg'"
[ -x "${FOLIO_PLAIN:-}" ] || epubcheck_later three-readers "$TMP/mixed.epub"
printf '测试标题\n\n正文里有一个𠮷字，还有别的内容。\n' >"$TMP/astral.txt"
"$FOLIO" --collect -M title=混合 tests/html/page.html "$TMP/seed.xml" "$TMP/astral.txt" -o "$TMP/mixed.pdf" 2>"$TMP/err"
check "a message about an article names its own input and line" grep -q "^$TMP/astral.txt:3:7: warning: character U+20BB7" "$TMP/err"
check "the web page's pictures are placed in the packet's PDF" sh -c \
  "[ \$(pdfimages -list '$TMP/mixed.pdf' 2>/dev/null | awk 'NR > 2 && \$3 == \"image\"' | wc -l) -eq 2 ]"

# ---- a bad input stops the run, or is left out ----
: >"$TMP/empty.txt"
printf 'x\000y' >"$TMP/binary.txt"
echo "an old packet" >"$TMP/old.pdf"
"$FOLIO" --collect "$P/interview.txt" "$TMP/empty.txt" "$P/tiaoli.txt" -o "$TMP/old.pdf" 2>"$TMP/err"
rc=$?
check "an empty input stops the collection: exit 1" test "$rc" -eq 1
check "the error names the input and says why" grep -q "empty.txt: error: no article text" "$TMP/err"
check "and that nothing was written" grep -q "nothing written: .*empty.txt could not be read" "$TMP/err"
check "the old output is left as it was" grep -q "an old packet" "$TMP/old.pdf"
"$FOLIO" --collect "$P/interview.txt" "$TMP/binary.txt" -o "$TMP/bin.epub" 2>"$TMP/err"
check "a binary input stops it too, nothing written" sh -c "test $? -eq 1 && ! test -e '$TMP/bin.epub' &&
  grep -q 'binary.txt: error: this is a binary file' '$TMP/err'"
"$FOLIO" --collect "$P/interview.txt" "$TMP/missing.txt" -o "$TMP/missing.xml" 2>"$TMP/err"
check "so does a missing one" sh -c "test $? -eq 1 && ! test -e '$TMP/missing.xml' && grep -q 'missing.txt' '$TMP/err'"
"$FOLIO" --collect --skip-bad "$P/interview.txt" "$TMP/empty.txt" "$TMP/binary.txt" "$P/tiaoli.txt" \
  -t native -o "$TMP/skipped.native" 2>"$TMP/err"
rc=$?
check "--skip-bad: exit 1" test "$rc" -eq 1
check "--skip-bad: the others are written, in order" sh -c \
  "grep '^part ' '$TMP/skipped.native' | tr '\n' ' ' | grep -q 'part art-1 from \"$P/interview.txt\" part art-2 from \"$P/tiaoli.txt\" $'"
check "--skip-bad: says which were left out" sh -c \
  "grep -q 'empty.txt left out of the collection' '$TMP/err' && grep -q 'binary.txt left out' '$TMP/err'"
"$FOLIO" --collect --skip-bad "$TMP/empty.txt" -o "$TMP/none.pdf" 2>/dev/null
check "--skip-bad with nothing left: exit 1, nothing written" sh -c "test $? -eq 1 && ! test -e '$TMP/none.pdf'"

# ---- usage ----
usage() { what=$1; shift; "$@" >/dev/null 2>&1; rc=$?; if [ "$rc" -eq 2 ]; then pass "usage error (2): $what"; else fail "$what: exit $rc, want 2"; fi; }
usage "--toc-depth without --collect" "$FOLIO" --toc-depth 2 "$SEED" -o "$TMP/u.pdf"
usage "--skip-bad without --collect" "$FOLIO" --skip-bad "$SEED" -o "$TMP/u.pdf"
usage "--toc-depth 0" "$FOLIO" --collect --toc-depth 0 "$SEED" -o "$TMP/u.pdf"
usage "--article-break even" "$FOLIO" --collect --article-break even "$SEED" -o "$TMP/u.pdf"
usage "--collect with -d" "$FOLIO" --collect -d "$TMP/d" -t pdf "$SEED"
usage "an unknown -M key" "$FOLIO" --collect -M colour=red "$SEED" -o "$TMP/u.pdf"
cp "$P/interview.txt" "$TMP/interview.txt"
usage "the output is one of the inputs" "$FOLIO" --collect "$SEED" "$TMP/interview.txt" -t native -o "$TMP/interview.txt"
check "and that input is left alone" cmp "$P/interview.txt" "$TMP/interview.txt"
usage "two inputs without --collect or -d" "$FOLIO" "$SEED" "$P/interview.txt" -o "$TMP/u.pdf"
