#!/bin/sh
# tests/html.test.sh — saved web pages (issue 14): tests/html/page.html with its own photos and a
# table through every writer (DocBook valid, EPUB clean under epubcheck with the photos in it, PDF
# with the table's text), the reader chosen by -f html and by .htm, and hostile pages: nesting past
# libxml2's depth, a 64 MB page, broken encodings, image references out of the page's folder
# (../, absolute paths, a symbolic link), truncated and oversized images, a PNG bomb, WebP,
# --resource-path and --skip-bad-images.  run.sh runs it again with the ASan+UBSan binary.
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
grep -q '临泽县' "$TMP/sec1.xhtml" && grep -q '8.2（两年持平）' "$TMP/sec1.xhtml" &&
  pass "page: the EPUB shows the table's cells (as paragraphs, for now)" || fail "page: table cells missing from the EPUB"

run "page: PDF" 0 "" "$PAGE" -o "$TMP/page.pdf"
pdftotext "$TMP/page.pdf" "$TMP/page.txt" 2>/dev/null
grep -q 临泽县 "$TMP/page.txt" && grep -q 张掖市甘州区农民在田间铺设滴灌带 "$TMP/page.txt" &&
  pass "page: the PDF holds the table's text and the photo's caption" || fail "page: table or caption missing from the PDF"

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
put("site/page_files/anim.webp", b"RIFF\x10\x00\x00\x00WEBPVP8 " + b"\x00" * 8)
put("secret.png", png(1, 1))
put("elsewhere/res-only.png", png(1, 1))
os.symlink(os.path.join(d, "secret.png"), os.path.join(d, "site/page_files/link.png"))
with open(os.path.join(d, "site/page_files/huge.png"), "wb") as f:
    f.write(png(1, 1)); f.truncate(33 * 1024 * 1024)
put("site/outside.html", page("<p><img src='../secret.png'></p><p><img src='/etc/passwd'></p><p><img src='page_files/link.png'></p><p><img src='page_files/ok.png'></p>"))
put("site/cut.html", page("<p><img src='page_files/cut.jpg'></p>"))
put("site/bomb.html", page("<p><img src='page_files/bomb.png'></p>"))
put("site/huge.html", page("<p><img src='page_files/huge.png'></p>"))
put("site/webp.html", page("<p><img src='page_files/anim.webp'></p>"))
put("site/resource.html", page("<p><img src='res-only.png'></p>"))
PY

run "deep nesting (300): refused, not cut short" 1 "deep\.html.*nests its elements more than 256 deep" "$TMP/deep.html" -t native -o "$TMP/deep.native"
[ ! -e "$TMP/deep.native" ] && pass "deep nesting: no output file" || fail "deep nesting: an output file was written"
run "nesting of 200: converts" 0 "" "$TMP/deep-ok.html" -t docbook -o "$TMP/deep-ok.xml"
run "broken GB2312 bytes: converts, the bad bytes counted" 0 "bytes are not valid GB18030" "$TMP/broken-gb.html" -t docbook -o "$TMP/broken.xml"
check "broken GB2312 bytes: the DocBook is valid" xmllint --noout --relaxng "$RNG" "$TMP/broken.xml"
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
run "WebP: reported and left out" 0 "anim\.webp .*left out: it is a WebP image" "$TMP/site/webp.html" -t epub -o "$TMP/webp.epub"
run "--resource-path: not found without it" 0 "1 image is not available locally" "$TMP/site/resource.html" -t native -o "$TMP/res1.native"
run "--resource-path: found with it" 0 "" --resource-path "$TMP/nowhere:$TMP/elsewhere" "$TMP/site/resource.html" -t native -o "$TMP/res2.native"
grep -q 'picture=image/png:1x1' "$TMP/res2.native" && pass "--resource-path: the image loaded from there" || fail "--resource-path: not loaded"

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
