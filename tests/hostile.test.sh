# hostile.test.sh — hostile inputs (issue 5; hostile XML for the DocBook reader, issue 15), each with a defined outcome: a correct conversion, or
# a clear error that names the file (and the line and column, or the byte offset), exit status 1,
# and no output file — not even a temporary one.  Every case runs through every writer (native,
# docbook, html, epub, pdf), with $FOLIO and again with the ASan+UBSan build $FOLIO_SAN; a
# sanitizer report anywhere is a failure.  Inputs that once crashed a fuzz target
# (tests/fuzz/regressions) are replayed the same way.
. tests/lib.sh

FORMATS="native docbook html epub pdf"
BINS=$FOLIO
if [ -x "${FOLIO_SAN:-}" ]; then BINS="$BINS $FOLIO_SAN"; else echo "# no sanitizer build (\$FOLIO_SAN): plain binary only"; fi

ext_of() { case $1 in docbook) echo xml ;; *) echo "$1" ;; esac; }  # -o FILE and -d both use these
sanitizer_report() { grep -q 'ERROR: AddressSanitizer\|ERROR: LeakSanitizer\|runtime error:' "$1"; }
leftovers() { ls -a "$TMP" | grep -q '^\.out\.'; } # write_atomically's temporary files

# converts WHAT FILE [FORMATS [BINARIES]]: exit 0, a non-empty output, no sanitizer report.  The
# file is read once and written in every format (-d: the batch path, one article); the native
# output of the plain binary stays in $TMP/out.native for content checks.
converts() {
  what=$1 file=$2 formats=${3:-$FORMATS} bins=${4:-$BINS}
  name=$(basename "$file" | sed 's/\.[^.]*$//')
  for bin in $bins; do
    rm -rf "$TMP/conv"
    "$bin" -d "$TMP/conv" -t "$(echo $formats | tr ' ' ',')" -j 1 "$file" 2>"$TMP/err"; rc=$?
    bad=
    [ $rc -eq 0 ] && ! sanitizer_report "$TMP/err" || bad=" exit $rc: $(grep -m3 -v '^ *#\|^$' "$TMP/err" | tr '\n' ' ' | head -c 200)"
    for fmt in $formats; do
      [ -s "$TMP/conv/$name.$(ext_of "$fmt")" ] || bad="$bad; no $fmt"
    done
    if [ -z "$bad" ]; then pass "$what: converts to $formats ($(basename "$bin"))"
    else fail "$what ($(basename "$bin")):$bad"; fi
    [ "$bin" = "$FOLIO" ] && [ -f "$TMP/conv/$name.native" ] && cp "$TMP/conv/$name.native" "$TMP/out.native"
    [ "$bin" = "$FOLIO" ] && [ -f "$TMP/conv/$name.xml" ] && cp "$TMP/conv/$name.xml" "$TMP/out.xml"
  done
}

# refused WHAT FILE REGEX [EXTRA ARGS]: every format and binary gives exit 1, a message naming the
# file and matching REGEX, no output file and no temporary file left behind.
refused() {
  what=$1 file=$2 re=$3; shift 3
  name=$(basename "$file")
  for bin in $BINS; do
    bad=
    for fmt in $FORMATS; do
      out=$TMP/out.$(ext_of "$fmt")
      rm -f "$out"
      "$bin" "$file" -t "$fmt" -o "$out" "$@" 2>"$TMP/err"; rc=$?
      if [ $rc -ne 1 ] || [ -e "$out" ] || leftovers || ! grep -q -- "$name" "$TMP/err" ||
         ! grep -Eq -- "$re" "$TMP/err" || sanitizer_report "$TMP/err"; then
        bad="$bad $fmt (exit $rc: $(head -c 200 "$TMP/err"))"
      fi
    done
    if [ -z "$bad" ]; then pass "$what: refused with a clear error ($(basename "$bin"))"
    else fail "$what ($(basename "$bin")):$bad"; fi
  done
}

# Inputs, made once.
python3 - "$SEED" "$TMP" <<'PY'
import sys
seed, d = sys.argv[1], sys.argv[2]
raw = open(seed, "rb").read()
def put(name, data):
    open(d + "/" + name, "wb").write(data.encode() if isinstance(data, str) else data)
put("empty.txt", b"")
put("spaces.txt", " \n\t\n\u3000\u3000\n\r\n\n")
sentence = "全省法治建设和司法行政工作取得新成效，群众满意度持续提升。"
put("one-line-10mb.txt", "一条很长的行\n\n" + sentence * (10_000_000 // len(sentence.encode())) + "\n")
put("short-lines.txt", "".join("这是第%d行。\n" % i for i in range(200_000)))
put("nul-start.txt", b"\x00" + raw)
put("nul-deep.txt", raw[:12000] + b"\x00" + raw[12000:])
line27 = raw.index("加强宣传解读".encode())
put("bad-start.txt", b"\xff" + raw)
put("bad-middle.txt", raw[:line27] + b"\xff" + raw[line27:])
put("bad-end.txt", raw + b"\xe4\xb8")
put("overlong.txt", raw[:line27] + b"\xc0\xaf" + raw[line27:])
put("surrogate.txt", raw[:line27] + b"\xed\xa0\x80" + raw[line27:])
# a few C0 controls (escape sequences, bell, form feed, DEL) inside the text: removed
put("controls.txt", raw.replace("加强宣传解读".encode(), "\x1b加\x07强\x0c宣\x7f传\x01解\x1f读".encode()))
put("controls-many.txt", b"\x01\x02\x03\x04\x05\x06\x07\x08" * 300 + raw)
put("astral.txt", "标题𠀀\n2025-01-16 来源：某报\n正文里有𠀀𪚥和😀，还有𝄞。\n")
marks = ["一、", "（一）", "1.", "(1)", "亮点一：", "第一章 "]
put("headings.txt", "标题\n" + "".join("%s工作部署%d\n" % (marks[i % len(marks)], i) for i in range(10_000)))
put("same-han.txt", "标题\n" + "中" * 100_000 + "\n")
put("same-mark.txt", "标题\n" + "《" * 100_000 + "\n")
put("same-dash.txt", "标题\n" + "—" * 100_000 + "\n")
put("same-ascii.txt", "title\n" + "a" * 100_000 + "\n")
given = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂"
names = ["张" + given[i // len(given) % len(given)] + given[i % len(given)] for i in range(100_000)]
put("bylines.txt", "标题\n2025-01-16 来源：某报\n" + "".join("记者" + n + "\n" for n in names) + "正文。\n")
put("bylines.last", names[-1])
put("seed-x1000.txt", raw * 1000)
PY

# empty and white space only
refused "empty file" "$TMP/empty.txt" "no article text"
refused "white space only" "$TMP/spaces.txt" "no article text"

# size: a 10 MB line, 200,000 short lines, the seed 1,000 times (20 MB, what issue 6 converts)
converts "10 MB single line" "$TMP/one-line-10mb.txt" "$FORMATS" "$FOLIO"
converts "10 MB single line" "$TMP/one-line-10mb.txt" "native docbook html epub" "$BINS"
python3 - "$TMP/out.native" <<'PY' && pass "10 MB single line: one paragraph holding all of it" || fail "10 MB single line: not one paragraph of 10 MB"
import sys, re
t = open(sys.argv[1], encoding="utf-8").read()
paras = re.findall(r'^  para.*\n    text "(.*)"', t, re.M)
sys.exit(not (len(paras) == 1 and len(paras[0].encode()) > 9_900_000))
PY
# 200,000 paragraphs: the PDF of them needs ~670 MB without sanitizers and ~1.8 GB with them, so
# the sanitizer build skips the PDF for this one (the plain binary still writes it).
converts "200,000 short lines" "$TMP/short-lines.txt" "$FORMATS" "$FOLIO"
[ "$FOLIO_SAN" ] && [ -x "$FOLIO_SAN" ] && converts "200,000 short lines" "$TMP/short-lines.txt" "native docbook html epub" "$FOLIO_SAN"
[ "$(grep -c '^  para' "$TMP/out.native")" -eq 200000 ] && pass "200,000 short lines: 200,000 paragraphs" \
  || fail "200,000 short lines: $(grep -c '^  para' "$TMP/out.native") paragraphs"
converts "seed x1000 (20 MB)" "$TMP/seed-x1000.txt" "native docbook" "$FOLIO"
[ "$(grep -c '^ *section ' "$TMP/out.native")" -eq "$(( $(grep -c '^ *section ' tests/golden/seed.native) * 1000 ))" ] \
  && pass "seed x1000: 1,000 times the seed's sections" || fail "seed x1000: $(grep -c '^ *section ' "$TMP/out.native") sections"
# a page of metadata-looking lines (keys, dates, empty values, counters, widgets on every line): the
# reader stays linear — four times the page takes at most eight times as long (quadratic work would
# take sixteen times); the 10 MB page of README's table is the same shape
python3 - "$TMP" <<'PY'
import sys
keys = ["发布时间", "来源", "作者", "编辑", "责任编辑", "浏览次数", "索引号", "发文字号", "成文日期", "文号", "主题词"]
def page(size):
    lines, total, i = [], 0, 0
    while total < size:
        k = [keys[(i + j) % len(keys)] for j in range(4)]
        line = f"{k[0]}:2025-01-{i % 28 + 1:02d} 16:16 {k[1]}:某某网 {k[2]}: {k[3]}:张三 浏览次数:{i} 【字体:大 中 小】"
        lines.append(line)
        total += len(line.encode()) + 1
        i += 1
    return "\n".join(lines) + "\n"
for name, size in (("meta-1mb.txt", 1 << 20), ("meta-4mb.txt", 4 << 20)):
    open(f"{sys.argv[1]}/{name}", "w", encoding="utf-8").write(page(size))
PY
converts "4 MB of metadata-looking lines" "$TMP/meta-4mb.txt" "native docbook" "$FOLIO"
python3 - "$FOLIO" "$TMP" <<'PY' && pass "metadata-looking lines: linear time" || fail "metadata-looking lines: not linear"
import subprocess, sys, time
def seconds(name):
    best = None
    for _ in range(2):
        t = time.monotonic()
        subprocess.run([sys.argv[1], f"{sys.argv[2]}/{name}", "-t", "docbook", "-o", "/dev/null"], capture_output=True)
        t = time.monotonic() - t
        best = t if best is None else min(best, t)
    return best
small, large = seconds("meta-1mb.txt"), seconds("meta-4mb.txt")
print(f"# 1 MB {small:.2f} s, 4 MB {large:.2f} s", file=sys.stderr)
sys.exit(large > 8 * max(small, 0.05))
PY
head -c $((64 * 1024 * 1024 + 1)) /dev/zero | tr '\0' 'a' > "$TMP/over-64mb.txt"
refused "input over 64 MB" "$TMP/over-64mb.txt" "larger than 64 MB"
refused "an endless device (/dev/zero): stops at 64 MB" /dev/zero "larger than 64 MB"
mkdir -p "$TMP/a-directory.txt"
refused "a directory as input" "$TMP/a-directory.txt" "cannot read .*Is a directory"

# bytes that are not text
refused "NUL byte at the start" "$TMP/nul-start.txt" "binary file.*NUL byte at byte offset 0"
refused "NUL byte after 12 KB" "$TMP/nul-deep.txt" "binary file.*NUL byte at byte offset 12000"
refused "invalid UTF-8 at the start" "$TMP/bad-start.txt" "bad-start\.txt:1:1: error: .*byte offset 0"
refused "invalid UTF-8 in the middle" "$TMP/bad-middle.txt" "bad-middle\.txt:27:[0-9]+: error: .*byte 0xFF"
last=$(($(wc -l < "$SEED") + 1))
refused "invalid UTF-8 at the end (truncated sequence)" "$TMP/bad-end.txt" "bad-end\.txt:$last:[0-9]+: error: .*byte 0xE4"
refused "overlong encoding" "$TMP/overlong.txt" "overlong\.txt:27:[0-9]+: error: .*byte 0xC0"
refused "surrogate encoding" "$TMP/surrogate.txt" "surrogate\.txt:27:[0-9]+: error: .*byte 0xED"
converts "C0 controls in the text" "$TMP/controls.txt"
"$FOLIO" "$TMP/controls.txt" -t native -o "$TMP/controls.native" 2>/dev/null
strip_pos() { sed 's/ @[0-9]*:[0-9]*//' "$1"; }
strip_pos tests/golden/seed.native > "$TMP/seed.tree"; strip_pos "$TMP/controls.native" > "$TMP/controls.tree"
check "C0 controls are removed: the seed's tree" diff -u "$TMP/seed.tree" "$TMP/controls.tree"
refused "mostly control bytes" "$TMP/controls-many.txt" "binary file.*control bytes"

# characters outside the BMP go through every writer
converts "characters outside the BMP" "$TMP/astral.txt"
"$FOLIO" "$TMP/astral.txt" -t docbook -o "$TMP/astral.xml" && "$FOLIO" "$TMP/astral.txt" -t html -o "$TMP/astral.html" &&
  "$FOLIO" "$TMP/astral.txt" -t epub -o "$TMP/astral.epub"
epub_text() { python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); [sys.stdout.write(z.read(n).decode()) for n in z.namelist() if n.endswith(".xhtml")]' "$1"; }
epub_text "$TMP/astral.epub" > "$TMP/astral.epub.txt"
ok=1
for c in 𠀀 𪚥 😀 𝄞; do
  grep -q "$c" "$TMP/astral.xml" && grep -q "$c" "$TMP/astral.html" && grep -q "$c" "$TMP/astral.epub.txt" || ok=0
done
[ $ok = 1 ] && pass "characters outside the BMP: kept in DocBook, HTML and EPUB" || fail "characters outside the BMP: lost"

# structure in bulk, and long runs of one character
converts "10,000 heading-like lines in a row" "$TMP/headings.txt"
"$FOLIO" "$TMP/headings.txt" -t native -o "$TMP/headings.native"
[ "$(grep -c 'section level=' "$TMP/headings.native")" -eq 10000 ] && pass "10,000 heading lines: 10,000 sections" \
  || fail "10,000 heading lines: $(grep -c 'section level=' "$TMP/headings.native") sections"
xmllint --noout --huge "$TMP/out.xml" 2>"$TMP/xmllint.err" && pass "10,000 heading lines: the DocBook is well-formed" \
  || fail "10,000 heading lines: DocBook: $(head -c 200 "$TMP/xmllint.err")"
for v in han mark dash ascii; do
  converts "a line of 100,000 identical characters ($v)" "$TMP/same-$v.txt"
done
converts "100,000 bylines (authors)" "$TMP/bylines.txt" "native docbook html epub"
[ "$(grep -c 'author: .* role="记者"' "$TMP/out.native")" -eq 100000 ] &&
  grep 'author: ' "$TMP/out.native" | tail -n 1 | grep -q "\"$(cat "$TMP/bylines.last")\"" \
  && pass "100,000 bylines: every reporter kept, in order" || fail "100,000 bylines: reporters lost or out of order"

# fonts and styles (PDF): a clear error, exit 1, no output file
pdf_refused() { # WHAT REGEX ARGS...
  what=$1 re=$2; shift 2
  for bin in $BINS; do
    rm -f "$TMP/out.pdf"
    "$bin" "$SEED" -o "$TMP/out.pdf" "$@" 2>"$TMP/err"; rc=$?
    if [ $rc -eq 1 ] && [ ! -e "$TMP/out.pdf" ] && ! leftovers && grep -Eq -- "$re" "$TMP/err" && ! sanitizer_report "$TMP/err"; then
      pass "$what: clear error, exit 1, no file ($(basename "$bin"))"
    else
      fail "$what ($(basename "$bin")): exit $rc: $(head -c 200 "$TMP/err")"
    fi
  done
}
pdf_refused "--font missing" "no-such-font\.ttf" --font "$TMP/no-such-font.ttf"
printf 'this is not a font\n' > "$TMP/not-a-font.ttf"
pdf_refused "--font not a font" "not-a-font\.ttf" --font "$TMP/not-a-font.ttf"
head -c 5000 /bin/true > "$TMP/binary.ttf"
pdf_refused "--font a binary that is not a font" "binary\.ttf" --font "$TMP/binary.ttf"
font=$(find /usr/share/fonts -name '*.tt[fc]' 2>/dev/null | sort | head -n 1)
if [ -n "$font" ]; then
  head -c 20000 "$font" > "$TMP/truncated.ttf"
  pdf_refused "--font truncated" "truncated\.ttf" --font "$TMP/truncated.ttf"
  head -c 12 "$font" > "$TMP/header-only.ttf"
  pdf_refused "--font only a header" "header-only\.ttf" --font "$TMP/header-only.ttf"
else
  fail "no CJK TrueType font installed to truncate"
fi
printf '[page]\nsize = Z9\n' > "$TMP/bad-size.ini"
pdf_refused "style: bad page size" "bad-size\.ini:2" --style "$TMP/bad-size.ini"
printf '[body]\nsize = -12pt\n' > "$TMP/bad-number.ini"
pdf_refused "style: negative font size" "bad-number\.ini:2" --style "$TMP/bad-number.ini"
printf '[page]\nmargin-top = 200mm\nmargin-bottom = 200mm\n' > "$TMP/bad-margin.ini"
pdf_refused "style: margins wider than the page" "bad-margin\.ini" --style "$TMP/bad-margin.ini"
printf '[page\nsize = A4\n' > "$TMP/bad-syntax.ini"
pdf_refused "style: broken INI syntax" "bad-syntax\.ini:1" --style "$TMP/bad-syntax.ini"
head -c 3000 /bin/true > "$TMP/binary.ini"
pdf_refused "style: a binary file" "binary\.ini" --style "$TMP/binary.ini"

# destinations that cannot be written: an error naming the output, exit 1, nothing left behind
for bin in $BINS; do
  b=$(basename "$bin")
  "$bin" "$SEED" -t native -o /proc/folio-test.native 2>"$TMP/err"; rc=$?
  [ $rc -eq 1 ] && grep -q "/proc/folio-test.native" "$TMP/err" && ! sanitizer_report "$TMP/err" \
    && pass "unwritable destination (/proc): error names it ($b)" || fail "unwritable destination ($b): exit $rc: $(head -c 200 "$TMP/err")"
  mkdir -p "$TMP/a-dir.xml"
  "$bin" "$SEED" -o "$TMP/a-dir.xml" 2>"$TMP/err"; rc=$?
  [ $rc -eq 1 ] && grep -q "a-dir.xml" "$TMP/err" && [ -d "$TMP/a-dir.xml" ] && ! ls -a "$TMP" | grep -q '^\.a-dir\.xml\.' \
    && pass "destination is a directory: error, nothing left ($b)" || fail "destination is a directory ($b): exit $rc: $(head -c 200 "$TMP/err")"
  for fmt in $FORMATS; do
    # a full disk, as far as this process can tell: a file size limit of 4 KB (SIGXFSZ ignored, so
    # write() fails with EFBIG); the old file stays, no temporary file is left
    echo KEEP > "$TMP/full.$(ext_of "$fmt")"
    ( trap '' XFSZ; ulimit -f 8; exec "$bin" "$SEED" -t "$fmt" -o "$TMP/full.$(ext_of "$fmt")" ) 2>"$TMP/err"; rc=$?
    if [ $rc -eq 1 ] && grep -q "error: cannot write .*full\.$(ext_of "$fmt")" "$TMP/err" && [ "$(cat "$TMP/full.$(ext_of "$fmt")")" = KEEP ] &&
       ! ls -a "$TMP" | grep -q '^\.full\.' && ! sanitizer_report "$TMP/err"; then
      pass "full destination ($fmt): error, old file kept, nothing left ($b)"
    else
      fail "full destination ($fmt, $b): exit $rc: $(head -c 200 "$TMP/err")"
    fi
  done
done

# DocBook input (read_docbook.c): no entity from outside, no DTD, no network, bounded expansion
python3 - "$TMP" <<'PY'
import sys
d = sys.argv[1]
def put(name, data):
    open(d + "/" + name, "wb").write(data.encode() if isinstance(data, str) else data)
DB = '<article xmlns="http://docbook.org/ns/docbook" version="5.0"><info><title>标题</title></info>'
put("leak.ent", '<!ENTITY leak "LEAKED-FROM-A-FILE">')
put("xxe.xml", '<?xml version="1.0"?>\n<!DOCTYPE article [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    + DB + '<para>前&xxe;后</para></article>\n')
put("xxe-pe.xml", '<!DOCTYPE article [<!ENTITY %% pe SYSTEM "file://%s/leak.ent"> %%pe;]>\n' % d
    + DB + '<para>前&leak;后</para></article>\n')
# 192.0.2.1 (TEST-NET-1) is never routed: a fetch would hang on connect rather than fail fast
put("dtd-fetch.xml", '<!DOCTYPE article PUBLIC "-//OASIS//DTD DocBook XML V4.5//EN" "http://192.0.2.1/docbookx.dtd">\n'
    + DB + '<para>正文</para></article>\n')
put("pe-fetch.xml", '<!DOCTYPE article [<!ENTITY % remote SYSTEM "http://192.0.2.1/x.ent"> %remote;]>\n'
    + DB + '<para>正文</para></article>\n')
laughs = '<!ENTITY l0 "哈">' + "".join('<!ENTITY l%d "%s">' % (i, ("&l%d;" % (i - 1)) * 10) for i in range(1, 10))
put("laughs.xml", '<!DOCTYPE article [%s]>\n' % laughs + DB + '<para>&l9;</para></article>\n')
put("laughs-attr.xml", '<!DOCTYPE article [%s]>\n' % laughs + DB + '<para role="&l9;">x</para></article>\n')
put("quadratic.xml", '<!DOCTYPE article [<!ENTITY big "%s">]>\n' % ("字" * 100_000) + DB
    + '<para>%s</para></article>\n' % ("&big;" * 2_000))
put("deep.xml", DB + "<blockquote>" * 10_000 + "</blockquote>" * 10_000 + "</article>\n")
put("bad-utf8.xml", ('<?xml version="1.0"?>\n' + DB + '\n<para>好').encode() + b"\xff" + "坏</para></article>\n".encode())
put("broken.xml", DB + "\n\n<para>未闭合</section></article>\n")
put("not-docbook.xml", '<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>\n')
para = "<para>全省法治建设和司法行政工作取得新成效，群众满意度持续提升。<emphasis>重点</emphasis>工作。</para>\n"
n = (62 << 20) // len(para.encode())
put("near-64mb.xml", DB + para * n + "</article>\n")
open(d + "/near-64mb.count", "w").write(str(n))
put("over-64mb.xml", DB + para * (n + 60_000) + "</article>\n")
PY
converts "DocBook: an external entity (XXE, file:///etc/passwd)" "$TMP/xxe.xml"
# the parameter entity is not read, so the entity it would declare is undefined: a clear error
refused "DocBook: an external parameter entity (a local file) is never read" "$TMP/xxe-pe.xml" "Entity 'leak' not defined"
"$FOLIO" "$TMP/xxe.xml" -t docbook -o "$TMP/xxe.out.xml" 2>"$TMP/err"
! grep -q 'root:' "$TMP/xxe.out.xml" && grep -q '前后' "$TMP/xxe.out.xml" && grep -q 'external entity &xxe; not read' "$TMP/err" \
  && pass "DocBook XXE: the file is never read, the entity is reported" || fail "DocBook XXE: $(head -c 300 "$TMP/err")"
for f in dtd-fetch pe-fetch; do
  for bin in $BINS; do
    start=$(date +%s)
    timeout 60 "$bin" "$TMP/$f.xml" -t native -o "$TMP/$f.native" 2>"$TMP/err"; rc=$?
    secs=$(($(date +%s) - start))
    [ $rc -eq 0 ] && [ $secs -lt 10 ] && grep -q '"正文"' "$TMP/$f.native" && ! sanitizer_report "$TMP/err" \
      && pass "DocBook $f: nothing fetched from the network, converted in ${secs} s ($(basename "$bin"))" \
      || fail "DocBook $f ($(basename "$bin")): exit $rc after ${secs} s: $(head -c 200 "$TMP/err")"
  done
done
refused "DocBook: billion laughs" "$TMP/laughs.xml" "laughs\.xml:[0-9]+:[0-9]+: error: Detected an entity reference loop"
refused "DocBook: billion laughs in an attribute" "$TMP/laughs-attr.xml" "laughs-attr\.xml:[0-9]+(:[0-9]+)?: error: "
refused "DocBook: quadratic blow-up (100,000 characters 2,000 times)" "$TMP/quadratic.xml" \
  "quadratic\.xml:[0-9]+: error: entity &big; expands to more text than the file may"
refused "DocBook: 10,000 elements deep" "$TMP/deep.xml" "deep\.xml:1:[0-9]+: error: elements nested more than 256 deep"
refused "DocBook: invalid UTF-8" "$TMP/bad-utf8.xml" "bad-utf8\.xml:3:[0-9]+: error: invalid byte"
refused "DocBook: not well-formed" "$TMP/broken.xml" "broken\.xml:3:[0-9]+: error: Opening and ending tag mismatch"
refused "DocBook: an XML file that is not DocBook" "$TMP/not-docbook.xml" "not-docbook\.xml:2: error: not DocBook 5: the root element is <html>"
refused "DocBook: over 64 MB" "$TMP/over-64mb.xml" "larger than 64 MB"
# Near the limit: the plain binary only (the sanitizer build needs several times the memory), and
# the formats that keep every paragraph in view; ~5 s and ~0.9 GB on the 2-core test machine.
converts "DocBook: 62 MB, 530,000 paragraphs" "$TMP/near-64mb.xml" "native docbook" "$FOLIO"
[ "$(grep -c '^  para' "$TMP/out.native")" -eq "$(cat "$TMP/near-64mb.count")" ] \
  && pass "DocBook near 64 MB: every paragraph read" || fail "DocBook near 64 MB: $(grep -c '^  para' "$TMP/out.native") paragraphs"

# every input that once crashed a fuzz target: a defined outcome through every writer
for f in tests/fuzz/regressions/*; do
  [ -f "$f" ] || continue
  for bin in $BINS; do
    bad=
    for fmt in $FORMATS; do
      rm -f "$TMP/reg.out"
      "$bin" "$f" -t "$fmt" -o "$TMP/reg.out" 2>"$TMP/err"; rc=$?
      if sanitizer_report "$TMP/err" || [ $rc -gt 1 ] || { [ $rc -eq 1 ] && { [ -e "$TMP/reg.out" ] || ! grep -q error "$TMP/err"; }; }; then
        bad="$bad $fmt (exit $rc: $(grep -m3 'error' "$TMP/err" | head -c 200))"
      fi
    done
    [ -z "$bad" ] && pass "fuzz regression $(basename "$f"): defined outcome ($(basename "$bin"))" || fail "fuzz regression $(basename "$f") ($(basename "$bin")):$bad"
  done
done
