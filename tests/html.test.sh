#!/bin/sh
# tests/html.test.sh — saved web pages (issue 14): tests/html/page.html with its own photos and a
# table through every writer (DocBook valid, EPUB clean under epubcheck with the photos in it, PDF
# with the table's text), the reader chosen by -f html and by .htm, and hostile pages: nesting past
# libxml2's depth, a 64 MB page, broken encodings, image references out of the page's folder
# (../, absolute paths, a symbolic link), truncated and oversized images, a PNG bomb, WebP (a saved
# page of WebP photos through every writer; truncated, damaged and bombs), --resource-path and
# --skip-bad-images.  run.sh runs it again with the ASan+UBSan binary.
. tests/lib.sh

PAGE=tests/html/page.html
RNG=/usr/share/xml/docbook/schema/rng/5.0/docbook.rng
entry() { python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))' "$1" "$2"; }
sanitizer_report() { grep -q 'ERROR: AddressSanitizer\|ERROR: LeakSanitizer\|runtime error:' "$1"; }

# run LABEL STATUS REGEX ARGS...: folio exits with STATUS, its messages match REGEX, no sanitizer report
run() {
  label=$1 want=$2 re=$3; shift 3
  "$FOLIO" "$@" >"$TMP/stdout" 2>"$TMP/err"; rc=$?
  if [ "$rc" -eq "$want" ] && { [ -z "$re" ] || grep -Eq -- "$re" "$TMP/err"; } && ! sanitizer_report "$TMP/err"; then pass "$label"
  else fail "$label: exit $rc, $(head -c 300 "$TMP/err")"; fi
}

# ---- the test page through every writer ----

run "page: DocBook" 0 "1 image is not available locally" "$PAGE" -o "$TMP/page.xml"
check "page: DocBook valid (jing)" jing "$RNG" "$TMP/page.xml"
grep -q '<imagedata fileref="page_files/photo.jpg" format="JPEG"/>' "$TMP/page.xml" &&
  grep -q '<imagedata fileref="https://img.example.com/remote/field.jpg"/>' "$TMP/page.xml" &&
  pass "page: DocBook names the local photos (with their format) and the remote one" ||
  fail "page: DocBook imagedata missing"
grep -q '<entry morerows="1">县区</entry>' "$TMP/page.xml" && grep -q '<title>各县节水灌溉面积</title>' "$TMP/page.xml" &&
  pass "page: the table as a CALS table with its caption" || fail "page: no CALS table"
for word in 首页 网友评论 版权所有 相关阅读 不是正文; do
  grep -q "$word" "$TMP/page.xml" && fail "page: '$word' (page furniture) in the DocBook"
done
pass "page: no navigation, comments, related list, footer or script text"

run "page: native" 0 "" "$PAGE" -t native -o "$TMP/page.native"
grep -q 'picture=image/jpeg:64x48:927' "$TMP/page.native" && grep -q 'picture=image/png:40x30:107' "$TMP/page.native" &&
  pass "page: both local photos loaded and checked (type, size)" || fail "page: local photos not loaded"

run "page: EPUB" 0 "" "$PAGE" -o "$TMP/page.epub"
epubcheck_later page "$TMP/page.epub"
entry "$TMP/page.epub" OEBPS/content.opf > "$TMP/opf.xml"
grep -q 'href="images/img-1.jpg" media-type="image/jpeg"' "$TMP/opf.xml" && grep -q 'href="images/img-2.png" media-type="image/png"' "$TMP/opf.xml" &&
  cmp -s tests/html/page_files/photo.jpg "$(entry "$TMP/page.epub" OEBPS/images/img-1.jpg > "$TMP/img1.jpg"; echo "$TMP/img1.jpg")" &&
  pass "page: the EPUB carries both photos, byte for byte, with their media types" || fail "page: photos missing from the EPUB"

entry "$TMP/page.epub" OEBPS/sec-1.xhtml > "$TMP/sec1.xhtml"
grep -q '<caption>各县节水灌溉面积</caption>' "$TMP/sec1.xhtml" && grep -q '<th rowspan="2">县区</th>' "$TMP/sec1.xhtml" &&
  grep -q '<th colspan="2">面积（万亩）</th>' "$TMP/sec1.xhtml" && grep -q '<td colspan="2">8.2（两年持平）</td>' "$TMP/sec1.xhtml" &&
  pass "page: the EPUB shows the table as a table (caption, header rows, spans)" || fail "page: no table in the EPUB"

run "page: PDF" 0 "" "$PAGE" -o "$TMP/page.pdf"
pdftotext "$TMP/page.pdf" "$TMP/page.txt" 2>/dev/null
grep -q 临泽县 "$TMP/page.txt" && grep -q 张掖市甘州区农民在田间铺设滴灌带 "$TMP/page.txt" &&
  pass "page: the PDF holds the table's text and the photo's caption" || fail "page: table or caption missing from the PDF"

pdfimages -list "$TMP/page.pdf" 2>/dev/null | awk 'NR > 2 { print $4 "x" $5, $9, $13 }' >"$TMP/page.images"
printf '64x48 jpeg 150\n40x30 image 150\n' | cmp -s - "$TMP/page.images" &&
  pass "page: the PDF places both local photos at 150 dpi (the JPEG as DCT, the PNG from its pixels)" ||
  fail "page: PDF images: $(cat "$TMP/page.images")"

# ---- a page of pictures of every kind and a table over two pages (tests/html/tables.html) ----

TABLES=tests/html/tables.html
run "tables: DocBook" 0 "" "$TABLES" -o "$TMP/tables.xml"
check "tables: DocBook valid (jing)" jing "$RNG" "$TMP/tables.xml"
[ "$(grep -c '<imagedata fileref="tables_files/' "$TMP/tables.xml")" -eq 4 ] && grep -q 'format="GIF"' "$TMP/tables.xml" &&
  grep -q '<entry namest="c4" nameend="c5">面积（亩）</entry>' "$TMP/tables.xml" &&
  pass "tables: DocBook names the four pictures and has the table" || fail "tables: DocBook pictures or table"

run "tables: EPUB" 0 "" "$TABLES" -o "$TMP/tables.epub"
grep -q warning "$TMP/err" && fail "tables: EPUB warnings: $(cat "$TMP/err")"
epubcheck_later tables "$TMP/tables.epub"
entry "$TMP/tables.epub" OEBPS/content.opf > "$TMP/tables.opf"
ok=1
for item in 'img-1.jpg" media-type="image/jpeg' 'img-2.png" media-type="image/png' 'img-3.gif" media-type="image/gif' 'img-4.png" media-type="image/png'; do
  grep -q "href=\"images/$item\"" "$TMP/tables.opf" || ok=0
done
n=1
for f in wide.jpg bars.png anim.gif tall.png; do
  entry "$TMP/tables.epub" "OEBPS/images/img-$n.${f#*.}" > "$TMP/img" && cmp -s "$TMP/img" "tests/html/tables_files/$f" || ok=0
  n=$((n + 1))
done
[ "$ok" = 1 ] && pass "tables: the EPUB carries the JPEG, both PNGs and the GIF byte for byte, in the manifest with their media types" ||
  fail "tables: EPUB pictures"
entry "$TMP/tables.epub" OEBPS/front.xhtml > "$TMP/front.xhtml"
grep -q '<img src="images/img-1.jpg" alt="河谷里新铺设的滴灌田。 县水务局 供图"/>' "$TMP/front.xhtml" &&
  pass "tables: <img> in a <figure>, its caption as the alt text" || fail "tables: no <img> with alt text"

run "tables: PDF" 0 "" "$TABLES" -o "$TMP/tables.pdf"
grep -q warning "$TMP/err" && fail "tables: PDF warnings: $(cat "$TMP/err")"
check "tables: qpdf --check" qpdf --check "$TMP/tables.pdf"
pdfimages -list "$TMP/tables.pdf" 2>/dev/null | awk 'NR > 2 { print $1, $3, $4 "x" $5, $9, $13 }' >"$TMP/tables.images"
cat >"$TMP/want.images" <<'LIST'
1 image 1000x500 jpeg 161
1 image 300x150 image 150
1 smask 300x150 image 150
3 image 160x100 image 150
3 smask 160x100 image 150
4 image 200x2400 image 263
LIST
cmp -s "$TMP/want.images" "$TMP/tables.images" &&
  pass "tables: pdfimages: the wide JPEG at the measure (161 ppi), PNG and GIF at 150 ppi with soft masks, the tall picture scaled to the page" ||
  fail "tables: PDF images: $(tr '\n' ';' < "$TMP/tables.images")"
pdftotext -f 3 -l 3 -layout "$TMP/tables.pdf" "$TMP/p3.txt" 2>/dev/null
grep -q '序号' "$TMP/p3.txt" && grep -q '进展说明' "$TMP/p3.txt" && grep -q '茶园喷灌' "$TMP/p3.txt" &&
  pass "tables: the header rows are repeated on the page the table runs onto" || fail "tables: no header on page 3"
pdftotext "$TMP/tables.pdf" - 2>/dev/null | tr -d ' \n' | grep -q '坡地施工难度大，采用小型机械和人工结合的办法推进。' &&
  pass "tables: a cell's wrapped text reads back whole" || fail "tables: wrapped cell text"

# ---- a saved page of WebP photos (tests/html/webp.html): local copies in src, remote data-src ----

WEBP=tests/html/webp.html
run "webp: native" 0 "1 image is not available locally" "$WEBP" -t native -o "$TMP/webp.native"
grep -q 'image="webp_files/640.webp" credit="周雨 摄" picture=image/webp:320x200:6732' "$TMP/webp.native" &&
  grep -q 'picture=image/webp:96x48:' "$TMP/webp.native" && grep -q 'picture=image/webp:120x80:' "$TMP/webp.native" &&
  grep -q 'image="https://img.example.com/later/640' "$TMP/webp.native" &&
  pass "webp: the local copies in src loaded (not the remote data-src); the unloaded one keeps its address" ||
  fail "webp: pictures: $(grep figure "$TMP/webp.native")"
run "webp: EPUB" 0 "" "$WEBP" -o "$TMP/webp.epub"
epubcheck_later webp "$TMP/webp.epub"
entry "$TMP/webp.epub" OEBPS/content.opf > "$TMP/webp.opf"
grep -q 'href="images/img-1.jpg" media-type="image/jpeg"' "$TMP/webp.opf" &&
  grep -q 'href="images/img-2.png" media-type="image/png"' "$TMP/webp.opf" &&
  grep -q 'href="images/img-3.png" media-type="image/png"' "$TMP/webp.opf" && ! grep -q webp "$TMP/webp.opf" &&
  pass "webp: the EPUB carries the lossy photo as a JPEG, the transparent and the animated one as PNGs, no WebP" ||
  fail "webp: EPUB manifest: $(grep image "$TMP/webp.opf")"
entry "$TMP/webp.epub" OEBPS/images/img-1.jpg | head -c 3 | od -An -tx1 | grep -q 'ff d8 ff' &&
  entry "$TMP/webp.epub" OEBPS/images/img-2.png | head -c 8 | grep -q PNG &&
  entry "$TMP/webp.epub" OEBPS/front.xhtml | grep -q '<img src="images/img-1.jpg" alt="村民在梯田里插秧。"/>' &&
  pass "webp: the converted files are a JPEG and a PNG, and the XHTML shows them" || fail "webp: converted files"
run "webp: EPUB again" 0 "" "$WEBP" -o "$TMP/webp2.epub"
cmp -s "$TMP/webp.epub" "$TMP/webp2.epub" && pass "webp: the converted EPUB is the same bytes each time" || fail "webp: EPUB not deterministic"
run "webp: PDF" 0 "" "$WEBP" -o "$TMP/webp.pdf"
grep -v "not available locally" "$TMP/err" | grep -q warning && fail "webp: PDF warnings: $(cat "$TMP/err")"
check "webp: qpdf --check" qpdf --check "$TMP/webp.pdf"
pdfimages -list "$TMP/webp.pdf" 2>/dev/null | awk 'NR > 2 { print $3, $4 "x" $5, $6, $9, $13 }' >"$TMP/webp.images"
cat >"$TMP/want.images" <<'LIST'
image 320x200 rgb image 150
image 96x48 rgb image 150
smask 96x48 gray image 150
image 120x80 rgb image 150
smask 120x80 gray image 150
LIST
cmp -s "$TMP/want.images" "$TMP/webp.images" &&
  pass "webp: pdfimages: the photo as RGB, the transparent and animated ones with soft masks, at 150 ppi" ||
  fail "webp: PDF images: $(tr '\n' ';' < "$TMP/webp.images")"
run "webp: DocBook" 0 "" "$WEBP" -o "$TMP/webp.xml"
check "webp: DocBook valid (jing)" jing "$RNG" "$TMP/webp.xml"
grep -q '<imagedata fileref="webp_files/640.webp" format="WEBP"/>' "$TMP/webp.xml" &&
  pass "webp: DocBook keeps the original file's name (the archive points at the page's files)" || fail "webp: DocBook imagedata"
run "webp: HTML" 0 "" "$WEBP" -t html -o "$TMP/webp.html"
grep -q '<img src="webp_files/640.webp"' "$TMP/webp.html" && pass "webp: the HTML output refers to the original file (browsers show WebP)" ||
  fail "webp: HTML img"

# ---- a meeting packet of saved pages and a text article: their pictures and tables everywhere ----

run "packet: PDF" 0 "" --collect -M title=会议材料 "$PAGE" "$TABLES" "$SEED" -o "$TMP/packet.pdf"
check "packet: qpdf --check" qpdf --check "$TMP/packet.pdf"
[ "$(pdfimages -list "$TMP/packet.pdf" 2>/dev/null | awk 'NR > 2 && $3 == "image"' | wc -l)" -eq 6 ] &&
  pass "packet: the PDF places the six local pictures of both pages" || fail "packet: PDF pictures: $(pdfimages -list "$TMP/packet.pdf" 2>&1 | head -c 300)"
run "packet: layout" 0 "" --collect -M title=会议材料 "$PAGE" "$TABLES" "$SEED" -t layout -o "$TMP/packet.layout"
grep -q 'rows 1-2 head repeated' "$TMP/packet.layout" && grep -q 'cell .* r1 c1 span 2×1 head' "$TMP/packet.layout" &&
  pass "packet: the tables drawn as tables, the long one's header repeated" || fail "packet: no tables in the packet's pages"
run "packet: EPUB" 0 "" --collect -M title=会议材料 "$PAGE" "$TABLES" "$SEED" -o "$TMP/packet.epub"
epubcheck_later packet "$TMP/packet.epub"
[ "$(entry "$TMP/packet.epub" OEBPS/content.opf | grep -c 'href="images/img-')" -eq 6 ] &&
  entry "$TMP/packet.epub" OEBPS/art-2.xhtml | grep -q '<caption>全县高效节水灌溉项目进展情况表</caption>' &&
  pass "packet: the EPUB carries the six pictures and the tables" || fail "packet: EPUB pictures or tables"
run "packet: DocBook" 0 "" --collect -M title=会议材料 "$PAGE" "$TABLES" "$SEED" -o "$TMP/packet.xml"
check "packet: DocBook valid (jing)" jing "$RNG" "$TMP/packet.xml"
[ "$(grep -c '<imagedata fileref="[a-z]*_files/' "$TMP/packet.xml")" -eq 6 ] && [ "$(grep -c '<tgroup' "$TMP/packet.xml")" -eq 2 ] &&
  pass "packet: the DocBook book names the pictures and has both tables" || fail "packet: DocBook pictures or tables"

cp "$PAGE" "$TMP/saved.htm"
run "page: .htm selects the HTML reader" 0 "" "$TMP/saved.htm" -t native -o "$TMP/htm.native"
grep -q 'title: "河西走廊春耕忙 滴灌节水见实效"' "$TMP/htm.native" && pass "page: .htm read as HTML" || fail "page: .htm not read as HTML"
cp "$PAGE" "$TMP/saved.txt"
run "page: -f html on a .txt name" 0 "" -f html "$TMP/saved.txt" -t native -o "$TMP/txt.native"
grep -q 'title: "河西走廊春耕忙 滴灌节水见实效"' "$TMP/txt.native" && pass "page: -f html wins over the extension" || fail "page: -f html ignored"
run "page: -f with an unknown reader" 2 "unknown input format 'odt' \(formats: text, docbook, html\)" -f odt "$PAGE" -t native -o "$TMP/x.native"

# ---- hostile pages ----

python3 - "$TMP" <<'PY'
import os, struct, sys, zlib
d = sys.argv[1]
def put(name, data):
    os.makedirs(os.path.dirname(os.path.join(d, name)) or d, exist_ok=True)
    open(os.path.join(d, name), "wb").write(data.encode() if isinstance(data, str) else data)
body = "<p>正文第一段，讲一件事情的经过，有逗号，有句号。</p><p>正文第二段，继续讲这件事情，也有逗号和句号。</p>"
page = lambda imgs: "<html><head><title>测试页面_测试网</title></head><body><h1>测试页面</h1><div class='content'>" + body + imgs + body + "</div></body></html>"
put("deep.html", "<html><body>" + "<div>" * 300 + body)
put("deep-ok.html", "<html><body>" + "<div>" * 200 + body)
# a charset folio passes to iconv by its own name, with two bytes it does not define (0x81, 0x8D)
put("broken-1252.html", b"<html><head><meta charset='windows-1252'></head><body><div class='content'><p>caf\xe9 \x81\x8d " + b"au lait, assez de texte pour faire un article entier ici.</p></div></body></html>")
put("broken-gb.html", b"<html><head><meta charset='gb2312'></head><body><div class='content'><p>" + bytes(range(0x80, 0x100)) * 8 + "正文，正文。".encode("gb18030") + b"</p></div></body></html>")
put("broken-utf8.html", ("<html><body><div class='content'><p>" + "正文，正文。" * 40).encode() + b"\xe4\xb8" )
put("nul.html", b"<html><body><p>\x00</p></body></html>")
# images beside the page, out of it, and broken
png = lambda w, h: b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(b"\x00" + b"\x00" * 3 * w)) + chunk(b"IEND", b"")
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
put("site/page_files/ok.png", png(1, 1))
put("site/page_files/bomb.png", png(100000, 100000)[:60])
jpg = open("tests/html/page_files/photo.jpg", "rb").read()
put("site/page_files/cut.jpg", jpg[: len(jpg) * 2 // 3])
put("site/page_files/bad.webp", b"RIFF\x10\x00\x00\x00WEBPVP8 " + b"\x00" * 8)
webp_header = lambda w, h: b"RIFF" + struct.pack("<I", 4 + 8 + 14) + b"WEBPVP8L" + struct.pack("<I", 13) + b"\x2f" + struct.pack("<I", (w - 1) | (h - 1) << 14 | 1 << 28) + b"\x00" * 9
put("site/page_files/bomb.webp", webp_header(16384, 16384))
webp = open("tests/html/webp_files/640.webp", "rb").read()
put("site/page_files/cut.webp", webp[: len(webp) // 2])
put("site/page_files/pic.bmp", b"BM6\x00\x00\x00" + b"\x00" * 48)
put("secret.png", png(1, 1))
put("elsewhere/res-only.png", png(1, 1))
os.symlink(os.path.join(d, "secret.png"), os.path.join(d, "site/page_files/link.png"))
with open(os.path.join(d, "site/page_files/huge.png"), "wb") as f:
    f.write(png(1, 1)); f.truncate(33 * 1024 * 1024)
put("site/outside.html", page("<p><img src='../secret.png'></p><p><img src='/etc/passwd'></p><p><img src='page_files/link.png'></p><p><img src='page_files/ok.png'></p>"))
put("site/cut.html", page("<p><img src='page_files/cut.jpg'></p>"))
put("site/bomb.html", page("<p><img src='page_files/bomb.png'></p>"))
put("site/huge.html", page("<p><img src='page_files/huge.png'></p>"))
put("site/bad-webp.html", page("<p><img src='page_files/bad.webp'></p>"))
put("site/bomb-webp.html", page("<p><img src='page_files/bomb.webp'></p>"))
put("site/cut-webp.html", page("<p><img src='page_files/cut.webp'></p>"))
put("site/bmp.html", page("<p><img src='page_files/pic.bmp'></p>"))
put("site/resource.html", page("<p><img src='res-only.png'></p>"))
# tables: 1000 columns (HTML's colspan limit), 3000 rows under one header row
put("wide-table.html", page("<table>" + ("<tr>" + "<td>数</td>" * 1000 + "</tr>") * 3 + "</table>"))
put("long-table.html", page("<table><thead><tr><th>序号</th><th>名称</th></tr></thead>" +
    "".join("<tr><td>%d</td><td>第%d行</td></tr>" % (i, i) for i in range(3000)) + "</table>"))
PY

run "deep nesting (300): refused, not cut short" 1 "deep\.html.*nests its elements more than 256 deep" "$TMP/deep.html" -t native -o "$TMP/deep.native"
[ ! -e "$TMP/deep.native" ] && pass "deep nesting: no output file" || fail "deep nesting: an output file was written"
run "nesting of 200: converts" 0 "" "$TMP/deep-ok.html" -t docbook -o "$TMP/deep-ok.xml"
run "broken GB2312 bytes: converts, the bad bytes counted" 0 "bytes are not valid GB18030" "$TMP/broken-gb.html" -t docbook -o "$TMP/broken.xml"
check "broken GB2312 bytes: the DocBook is valid" xmllint --noout --relaxng "$RNG" "$TMP/broken.xml"
run "broken windows-1252 bytes: converts, the message names the declared charset" 0 "2 bytes are not valid windows-1252" "$TMP/broken-1252.html" -t native -o "$TMP/broken-1252.native"
run "truncated UTF-8 at the end: converts" 0 "not valid UTF-8" "$TMP/broken-utf8.html" -t epub -o "$TMP/broken.epub"
run "a NUL byte: refused as binary" 1 "nul\.html.*binary file.*NUL byte" "$TMP/nul.html" -t native -o "$TMP/nul.native"

run "images out of the folder: refused, with a warning each" 0 "\.\./secret\.png not read: it lies outside" "$TMP/site/outside.html" -t native -o "$TMP/outside.native"
grep -c "lies outside" "$TMP/err" | grep -qx 2 && pass "images out of the folder: ../ and the symbolic link refused" || fail "images out of the folder: $(cat "$TMP/err")"
grep -q 'image="/etc/passwd" @' "$TMP/outside.native" && ! grep -q 'image="/etc/passwd" picture' "$TMP/outside.native" &&
  pass "images: /etc/passwd is looked up in the page's folder, never read from the root" || fail "images: /etc/passwd"
[ "$(grep -c picture= "$TMP/outside.native")" -eq 1 ] && pass "images: only the photo inside the folder is loaded" || fail "images: $(grep picture= "$TMP/outside.native")"
run "images out of the folder: the EPUB" 0 "" "$TMP/site/outside.html" -o "$TMP/outside.epub"
python3 -c 'import sys, zipfile; n = [i for i in zipfile.ZipFile(sys.argv[1]).namelist() if "images/" in i]; sys.exit(len(n) != 1)' "$TMP/outside.epub" &&
  pass "images out of the folder: the EPUB packages only the one inside" || fail "images out of the folder: EPUB images"

for fmt in native docbook epub pdf; do
  run "truncated JPEG ($fmt): an error naming the file" 1 "cut\.html:[0-9]+: error: image page_files/cut\.jpg .*damaged JPEG" "$TMP/site/cut.html" -t "$fmt" -o "$TMP/cut.$fmt"
  [ ! -e "$TMP/cut.$fmt" ] || fail "truncated JPEG ($fmt): an output file was written"
done
run "truncated JPEG with --skip-bad-images: a warning, the caption kept" 0 "warning: image page_files/cut\.jpg .*left out" --skip-bad-images "$TMP/site/cut.html" -t docbook -o "$TMP/cut.xml"
run "PNG bomb (100000×100000): refused from its header" 1 "bomb\.png .*100000×100000 pixels" "$TMP/site/bomb.html" -t docbook -o "$TMP/bomb.xml"
run "image file over 32 MB: refused unread" 1 "huge\.png .*folio takes image files of at most 32 MB" "$TMP/site/huge.html" -t docbook -o "$TMP/huge.xml"
run "BMP: reported and left out" 0 "pic\.bmp .*left out: it is a BMP image" "$TMP/site/bmp.html" -t epub -o "$TMP/bmp.epub"
for fmt in docbook epub pdf; do
  run "truncated WebP ($fmt): an error naming the file" 1 "cut-webp\.html:[0-9]+: error: image page_files/cut\.webp .*damaged WebP: .*truncated" "$TMP/site/cut-webp.html" -t "$fmt" -o "$TMP/cut-webp.$fmt"
  [ ! -e "$TMP/cut-webp.$fmt" ] || fail "truncated WebP ($fmt): an output file was written"
done
run "damaged WebP: an error naming the file" 1 "bad\.webp .*damaged WebP" "$TMP/site/bad-webp.html" -t epub -o "$TMP/bad-webp.epub"
run "damaged WebP with --skip-bad-images: a warning, the caption kept" 0 "warning: image page_files/bad\.webp .*left out" --skip-bad-images "$TMP/site/bad-webp.html" -t pdf -o "$TMP/bad-webp.pdf"
run "WebP bomb (16384×16384): refused from its header" 1 "bomb\.webp .*16384×16384 pixels" "$TMP/site/bomb-webp.html" -t pdf -o "$TMP/bomb-webp.pdf"
run "--resource-path: not found without it" 0 "1 image is not available locally" "$TMP/site/resource.html" -t native -o "$TMP/res1.native"
run "--resource-path: found with it" 0 "" --resource-path "$TMP/nowhere:$TMP/elsewhere" "$TMP/site/resource.html" -t native -o "$TMP/res2.native"
grep -q 'picture=image/png:1x1' "$TMP/res2.native" && pass "--resource-path: the image loaded from there" || fail "--resource-path: not loaded"

run "a table of 1000 columns: the PDF sets its cells as paragraphs" 0 "a table of 1000 columns does not fit the page's width" \
  "$TMP/wide-table.html" -t pdf -o "$TMP/wide-table.pdf"
run "a table of 1000 columns: the EPUB keeps it a table" 0 "" "$TMP/wide-table.html" -t epub -o "$TMP/wide-table.epub"
run "a table of 3000 rows: laid out" 0 "" "$TMP/long-table.html" -t layout -o "$TMP/long-table.layout"
pages=$(sed -n 's/^pages \([0-9]*\),.*/\1/p' "$TMP/long-table.layout")
[ "${pages:-0}" -gt 40 ] && [ "$(grep -c 'rows 1-1 head repeated' "$TMP/long-table.layout")" -eq $((pages - 1)) ] &&
  pass "a table of 3000 rows: $pages pages, the header on each" || fail "a table of 3000 rows: $pages pages, $(grep -c repeated "$TMP/long-table.layout") headers"
run "a table of 3000 rows: the PDF" 0 "" "$TMP/long-table.html" -t pdf -o "$TMP/long-table.pdf"

# 64 MB of page: the plain binary only (under the sanitizers it takes minutes)
if [ "$FOLIO" != "${FOLIO_SAN:-}" ]; then
  python3 - "$TMP/big.html" <<'PY'
import sys
para = "<p>" + "这是一段用来测试大页面的正文，里面有逗号、句号，还有引号。" * 5 + "</p>\n"
head = "<html><head><title>大页面_测试网</title></head><body><h1>大页面</h1><div class='content'>"
n = (64 * 1024 * 1024 - 1000) // len(para.encode())
with open(sys.argv[1], "w") as f:
    f.write(head + para * n + "</div></body></html>")
PY
  run "a 64 MB page converts" 0 "" "$TMP/big.html" -t docbook -o "$TMP/big.xml"
  printf 'x' >> "$TMP/big.html"; head -c 2000 /dev/zero | tr '\0' ' ' >> "$TMP/big.html"
  run "a page over 64 MB is refused" 1 "larger than 64 MB" "$TMP/big.html" -t docbook -o "$TMP/big2.xml"
fi
