#!/bin/sh
# tests/cff.test.sh — OpenType CFF faces in the PDF (font_cff.c, cff.c): Noto CJK by default,
# --font with .ttc/.otf CFF faces, exact text extraction where faces share glyphs between code
# points, the TrueType faces as a style and as the fallback when no CFF face is installed, and
# clean errors for fonts that have no usable outlines.
. tests/lib.sh

NOTO_SERIF=/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc
BOX=tests/fonts/folio-test-box.otf
fonts_of() { pdffonts "$1" 2>/dev/null | awk 'NR > 2'; }

if [ ! -r "$NOTO_SERIF" ]; then
  fail "fonts-noto-cjk is not installed (scripts/install-deps.sh installs it)"
  exit 0
fi

# Code points that Noto CJK draws with one glyph: each must come back as itself, which an
# Identity-H font keyed by glyph id could not do.
printf '字形共用\n\n一与⼀，～与〜，〈与〈，①与➀，l1I0O。\n' >"$TMP/pairs.txt"
if "$FOLIO" "$TMP/pairs.txt" -o "$TMP/pairs.pdf" 2>"$TMP/err"; then
  pass "folio writes the glyph-sharing article with the default fonts"
else
  fail "pairs.txt: $(head -c 300 "$TMP/err")"
fi
if fonts_of "$TMP/pairs.pdf" | grep -q 'NotoSerifCJKsc-Regular  *CID Type 0C  *Identity-H  *yes  *yes  *yes'; then
  pass "the body face is an embedded Noto Serif CJK SC subset (CID Type 0C) with ToUnicode"
else
  fail "no embedded CID Type 0C Noto Serif subset: $(pdffonts "$TMP/pairs.pdf" 2>&1)"
fi
pdftotext -enc UTF-8 "$TMP/pairs.pdf" "$TMP/pairs.out" 2>"$TMP/pt.err"
if tr -d ' \n' <"$TMP/pairs.out" | grep -q '一与⼀，～与〜，〈与〈，①与➀，l1I0O。' && [ ! -s "$TMP/pt.err" ]; then
  pass "pdftotext gives back 一/⼀ ～/〜 〈/〈 ①/➀ each as itself, without a warning"
else
  fail "round trip of glyph-sharing code points: $(tr -d '\n' <"$TMP/pairs.out") $(head -c 200 "$TMP/pt.err")"
fi

# --font with a .ttc CFF face (by index) and with a name-keyed .otf
"$FOLIO" "$SEED" -o "$TMP/noto.pdf" --font "$NOTO_SERIF:2" 2>"$TMP/err"
if [ "$(fonts_of "$TMP/noto.pdf" | wc -l)" -eq 1 ] && fonts_of "$TMP/noto.pdf" | grep -q 'NotoSerifCJKsc-Regular  *CID Type 0C'; then
  pass "--font NotoSerifCJK-Regular.ttc:2 serves every role with one CID Type 0C subset"
else
  fail "--font $NOTO_SERIF:2: $(head -c 300 "$TMP/err") $(pdffonts "$TMP/noto.pdf" 2>&1)"
fi
pdftotext -enc UTF-8 "$TMP/noto.pdf" - 2>/dev/null | tr -d ' \n' >"$TMP/noto.txt"
if grep -q '为奋力谱写中国式现代化甘肃篇章提供坚实法治保障' "$TMP/noto.txt" && grep -q '《甘肃日报》' "$TMP/noto.txt"; then
  pass "text set in a .ttc CFF face is extractable"
else
  fail "text set in $NOTO_SERIF:2 is not extractable"
fi
printf '中A\n\n中A中A中\n' >"$TMP/box.txt"
if "$FOLIO" "$TMP/box.txt" -o "$TMP/box.pdf" --font "$BOX" 2>"$TMP/err" &&
   fonts_of "$TMP/box.pdf" | grep -q '^[A-Z]\{6\}+FolioTestBox-Regular  *CID Type 0C  *Identity-H  *yes  *yes  *yes'; then
  pass "--font with a name-keyed .otf: embedded as a CID Type 0C subset with ToUnicode"
else
  fail "--font $BOX: $(head -c 300 "$TMP/err") $(pdffonts "$TMP/box.pdf" 2>&1)"
fi
if pdftotext -enc UTF-8 "$TMP/box.pdf" - 2>/dev/null | tr -d ' \n' | grep -q '中A中A中A中'; then
  pass "text set in the .otf face is extractable"
else
  fail "text set in $BOX: $(pdftotext -enc UTF-8 "$TMP/box.pdf" - 2>&1 | head -c 200)"
fi
# the boxes are drawn: poppler renders the page without a word about the font ("Embedded font
# file may be invalid", "Couldn't create a font") and the page has dark pixels
pdftoppm -r 20 -gray -f 1 -l 1 "$TMP/box.pdf" "$TMP/box" 2>"$TMP/ppm.err"
dark=$(python3 -c '
import sys
d = open(sys.argv[1], "rb").read()
fields = d.split(maxsplit=4)
w, h = int(fields[1]), int(fields[2])
print(sum(1 for b in fields[4][-w * h:] if b < 128))' "$TMP"/box*.pgm 2>/dev/null)
if [ "${dark:-0}" -gt 20 ] && [ ! -s "$TMP/ppm.err" ]; then
  pass "poppler renders the re-keyed name-keyed font without complaint ($dark dark pixels)"
else
  fail "the .otf face: dark pixels ${dark:-none}, poppler says: $(head -c 300 "$TMP/ppm.err")"
fi

# The TrueType faces: as a style, and as what the default falls back to without CFF faces
"$FOLIO" "$SEED" -o "$TMP/tt.pdf" --style truetype 2>"$TMP/err"
if [ "$(fonts_of "$TMP/tt.pdf" | grep -c 'CID TrueType')" -eq 3 ] && fonts_of "$TMP/tt.pdf" | grep -q 'UMingCN' &&
   fonts_of "$TMP/tt.pdf" | grep -q 'WenQuanYiMicroHei'; then
  pass "--style truetype: AR PL UMing, WenQuanYi Micro Hei and AR PL UKai (CID TrueType)"
else
  fail "--style truetype: $(head -c 300 "$TMP/err") $(pdffonts "$TMP/tt.pdf" 2>&1)"
fi
cat >"$TMP/no-cff.conf" <<'XML'
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <selectfont><rejectfont><pattern><patelt name="fontformat"><string>CFF</string></patelt></pattern></rejectfont></selectfont>
</fontconfig>
XML
FONTCONFIG_FILE="$TMP/no-cff.conf" "$FOLIO" "$SEED" -o "$TMP/fallback.pdf" 2>"$TMP/err"
if cmp -s "$TMP/fallback.pdf" "$TMP/tt.pdf"; then
  pass "without CFF faces the default style falls back to the TrueType faces (same bytes as --style truetype)"
else
  fail "fallback without CFF faces: $(head -c 300 "$TMP/err") $(pdffonts "$TMP/fallback.pdf" 2>&1)"
fi

# fonts folio cannot embed: a clear message, exit status 1, no output file
bad_font() {
  what=$1 font=$2 expect=$3
  rm -f "$TMP/bad.pdf"
  "$FOLIO" "$SEED" -o "$TMP/bad.pdf" --font "$font" >/dev/null 2>"$TMP/bad.err"
  rc=$?
  if [ "$rc" -eq 1 ] && [ ! -e "$TMP/bad.pdf" ] && grep -q "$expect" "$TMP/bad.err"; then
    pass "--font $what: error, exit 1, no file"
  else
    fail "--font $what: exit $rc, stderr: $(head -c 300 "$TMP/bad.err")"
  fi
}
python3 -c 'import sys; d = open(sys.argv[1], "rb").read(); open(sys.argv[2], "wb").write(d.replace(b"CFF ", b"XFF ", 1))' \
  "$BOX" "$TMP/no-outlines.otf"
bad_font "without outlines (no glyf, no CFF)" "$TMP/no-outlines.otf" "neither TrueType (glyf) nor CFF outlines"
head -c 500 "$BOX" >"$TMP/cut.otf"
bad_font "truncated .otf" "$TMP/cut.otf" "cut.otf"
