# examples.test.sh — examples/ shows what folio makes of each bundled article, and must be what this
# build writes (`make examples` rewrites it).  DocBook and HTML are compared byte for byte; the EPUB
# entry by entry (the documents inside, not the zip around them, whose bytes depend on zlib); the
# PDF by its pages as folio lays them out (NAME.layout, from -t layout), never by its bytes, which
# depend on the installed fonts and libharu.
. tests/lib.sh
for f in examples/*.txt; do
  base=${f%.txt}
  for ext in xml html layout; do
    if [ ! -f "$base.$ext" ]; then fail "$base.$ext is missing (make examples)"; continue; fi
    "$FOLIO" "$f" -o "$TMP/out.$ext" 2>/dev/null && cmp -s "$base.$ext" "$TMP/out.$ext" \
      && pass "$base.$ext is up to date" || fail "$base.$ext is out of date (make examples)"
  done
  if "$FOLIO" "$f" -o "$TMP/out.epub" 2>/dev/null && python3 - "$base.epub" "$TMP/out.epub" <<'PY'; then
import sys, zipfile
a, b = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2])
if a.namelist() != b.namelist():
    sys.exit("entries differ")
for n in a.namelist():
    if a.read(n) != b.read(n):
        sys.exit(n + " differs")
PY
    pass "$base.epub holds what this build writes"
  else
    fail "$base.epub is out of date (make examples)"
  fi
  pages=$(sed -n 's/^pages \([0-9]*\),.*/\1/p' "$base.layout" 2>/dev/null)
  [ -n "$pages" ] && [ "$(pdfinfo "$base.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')" = "$pages" ] \
    && pass "$base.pdf has the $pages pages of $base.layout" || fail "$base.pdf and $base.layout disagree (make examples)"
done
