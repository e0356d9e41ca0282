#!/bin/sh
# tests/typography.test.sh — what a reader of the PDF sees and what a text extractor reads, in the
# default (Noto CJK) and the TrueType (--style truetype) faces and in the official style (gongwen,
# on its grid): `——` is one continuous dash and extracts as `——`, `……` as `……`; adjacent
# punctuation pairs are set in 1.5 em and extract without a line break or a gap (ActualText); a
# URL extracts whole and breaks after a slash.  tests/articles/ holds three articles of the usual
# kinds, converted here in the three styles.
. tests/lib.sh

cat >"$TMP/marks.txt" <<'EOF'
标点

2025-01-16 来源：测试报

他说（见附件）、我们同意，《人民日报》“法治”报道。她说：“好的’”然后走了。“法治建设”。又见“一”、“二”、“三”和（甲）、（乙）等。他们——那些人……走了。
EOF

# The line of the layout that holds `——`, as the rows of the page it covers: (page, top, bottom) in
# pt from the top, from pdftotext's line boxes.
dash_line_box() {
  pdftotext -bbox-layout "$1" "$TMP/bbox.html" 2>/dev/null
  python3 - "$TMP/bbox.html" <<'PY'
import re, sys
raw = open(sys.argv[1], encoding="utf-8").read()
for page, body in enumerate(re.split(r"<page ", raw)[1:], 1):
    for m in re.finditer(r'<line xMin="[^"]*" yMin="([^"]*)" xMax="[^"]*" yMax="([^"]*)">(.*?)</line>', body, re.S):
        text = "".join(re.findall(r">([^<]*)</word>", m.group(3)))
        if "——" in text:
            print(page, m.group(1), m.group(2))
            sys.exit(0)
sys.exit(1)
PY
}

# The longest horizontal run of dark pixels between two heights of a page rendered at 150 dpi, in pt.
longest_run() {
  pdf=$1 page=$2 top=$3 bottom=$4
  pdftoppm -r 150 -gray -f "$page" -l "$page" "$pdf" "$TMP/page" 2>/dev/null
  python3 - "$TMP"/page*.pgm "$top" "$bottom" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
magic, w, h, maxval, pixels = data.split(maxsplit=4)
w, h = int(w), int(h)
pixels = pixels[-w * h:]
scale = 150 / 72
best = 0
for y in range(int(float(sys.argv[2]) * scale), min(h, int(float(sys.argv[3]) * scale) + 1)):
    run = 0
    for x in range(w):
        run = run + 1 if pixels[y * w + x] < 128 else 0
        best = max(best, run)
print("%.1f" % (best / scale))
PY
  rm -f "$TMP"/page*.pgm
}

for style in default truetype gongwen; do
  size=12; [ "$style" = gongwen ] && size=16   # the body's type size: 小四, or 三号 on the official grid
  pdf=$TMP/marks-$style.pdf
  if ! "$FOLIO" "$TMP/marks.txt" --style "$style" -o "$pdf" 2>"$TMP/err"; then
    fail "$style: folio marks.txt: $(head -c 300 "$TMP/err")"
    continue
  fi
  pdftotext -enc UTF-8 "$pdf" "$TMP/marks.out" 2>"$TMP/pt.err"
  if tr -d ' \n' <"$TMP/marks.out" | grep -q '他们——那些人……走了。' && [ ! -s "$TMP/pt.err" ]; then
    pass "$style: —— and …… extract as themselves, without a warning"
  else
    fail "$style: —— and ……: $(tr -d '\n' <"$TMP/marks.out" | head -c 300) $(head -c 200 "$TMP/pt.err")"
  fi
  # one continuous dash: the line that holds —— has a dark stroke at least 1.6 em long (two glyph
  # dashes side by side leave a gap in the middle; no Han stroke is longer than an em)
  set -- $(dash_line_box "$pdf")
  run=$( [ $# -eq 3 ] && longest_run "$pdf" "$1" "$2" "$3")
  if [ -n "$run" ] && python3 -c "import sys; sys.exit(not float('$run') >= 1.6 * $size)"; then
    pass "$style: —— is drawn as one continuous dash ($run pt long)"
  else
    fail "$style: —— is not one continuous dash (longest dark run ${run:-?} pt, line box: $*)"
  fi

  # punctuation pairs: every line of the paragraph comes out of pdftotext as one line, as layout
  # set it (a mark drawn back into the blank half of the one before would start a new line)
  "$FOLIO" "$TMP/marks.txt" --style "$style" -t layout -o "$TMP/marks.layout" 2>/dev/null
  python3 - "$TMP/marks.layout" "$TMP/marks.out" <<'PY' && pass "$style: every line with compressed pairs extracts as one line" || fail "$style: pdftotext splits lines with compressed pairs"
import re, sys
lines = [re.sub(r"\[[-+0-9. ]+\]|\s", "", l.split(":", 1)[1])
         for l in open(sys.argv[1], encoding="utf-8") if re.match(r"  lead +y ", l)]
text = [re.sub(r"\s", "", l) for l in open(sys.argv[2], encoding="utf-8")]
missing = [l for l in lines if l not in text]
if missing or len(lines) < 2:
    sys.exit("not a line of pdftotext: %r" % missing)
PY
  # ）、 is set in 1.5 em: drawn with Tc of about −0.5 em inside an ActualText span that names it
  qpdf --qdf --object-streams=disable "$pdf" "$TMP/qdf.pdf" 2>/dev/null
  tc=$(python3 - "$TMP/qdf.pdf" <<'PY'
import re, sys
raw = open(sys.argv[1], "rb").read().decode("latin-1")
m = re.search(r"/ActualText <feffff093001>>> BDC\s+(-?[0-9.]+) Tc", raw, re.I)
print(m.group(1) if m else "")
PY
)
  if [ -n "$tc" ] && python3 -c "import sys; sys.exit(not -0.55 * $size < float('$tc') < -0.4 * $size)"; then
    pass "$style: ）、 set in 1.5 em (Tc $tc at $size pt) inside an ActualText span"
  else
    fail "$style: ）、 is not squeezed to 1.5 em in an ActualText span (Tc '${tc}')"
  fi
done

# near miss: a single dash stays a glyph, and no stroke on its line is longer than an em
printf '破折号\n\n一个—单独的破折号和“一二三”。\n' >"$TMP/single.txt"
"$FOLIO" "$TMP/single.txt" -o "$TMP/single.pdf" 2>/dev/null
pdftotext -bbox-layout "$TMP/single.pdf" "$TMP/single.html" 2>/dev/null
box=$(python3 - "$TMP/single.html" <<'PY'
import re, sys
raw = open(sys.argv[1], encoding="utf-8").read()
for m in re.finditer(r'<line xMin="[^"]*" yMin="([^"]*)" xMax="[^"]*" yMax="([^"]*)">(.*?)</line>', raw, re.S):
    if "单独" in "".join(re.findall(r">([^<]*)</word>", m.group(3))):
        print(1, m.group(1), m.group(2))
PY
)
set -- $box
run=$( [ $# -eq 3 ] && longest_run "$TMP/single.pdf" "$1" "$2" "$3")
if [ -n "$run" ] && python3 -c "import sys; sys.exit(not float('$run') < 1.2 * 12)"; then
  pass "near miss: a single — draws no two-em rule (longest dark run $run pt)"
else
  fail "near miss: a single —: longest dark run ${run:-?} pt"
fi

# The three articles of tests/articles/ in both styles: converted without a warning, checked by
# qpdf, read by poppler without a warning, and their text in order.
# (the official style says which faces stand in for its 仿宋 and 小标宋: that warning only)
for article in tests/articles/*.txt; do
  name=$(basename "$article" .txt)
  for style in default truetype gongwen; do
    pdf=$TMP/$name-$style.pdf
    if "$FOLIO" "$article" --style "$style" -o "$pdf" 2>"$TMP/err" && ! grep -qv "faces are not installed; standing in" "$TMP/err" &&
       qpdf --check "$pdf" >/dev/null 2>&1 && pdftotext -enc UTF-8 "$pdf" "$TMP/$name-$style.txt" 2>"$TMP/pt.err" &&
       [ ! -s "$TMP/pt.err" ]; then
      pass "$name ($style): converted and read without a warning"
    else
      fail "$name ($style): $(head -c 300 "$TMP/err") $(head -c 300 "$TMP/pt.err")"
    fi
  done
done
# The URL extracts whole in every style; in the TrueType faces it breaks after a slash (in Noto's
# narrower Latin the line before would then be spaced wider than 0.12 em, so it is cut inside).
for style in default truetype gongwen; do
  if tr -d ' \n' <"$TMP/xinhua-$style.txt" | grep -q 'https://sft.hexi.example.gov.cn/sqjz/index.html查询'; then
    pass "xinhua ($style): the URL extracts whole"
  else
    fail "xinhua ($style): the URL: $(grep -n 'sqjz' "$TMP/xinhua-$style.txt" | head -3)"
  fi
done
if grep -q '/sqjz/$' "$TMP/xinhua-truetype.txt"; then
  pass "xinhua (truetype): the URL breaks after a slash"
else
  fail "xinhua (truetype): the URL does not break after a slash: $(grep -n 'sqjz' "$TMP/xinhua-truetype.txt" | head -3)"
fi
