# golden.test.sh — every golden file, compared in one place and rewritten the same way:
#   UPDATE_GOLDEN=1 FOLIO=build/folio sh tests/golden.test.sh
# rewrites each one that differs (look at `git diff` before committing it).  The goldens:
#   tests/golden/seed.native       the seed's tree (-t native)
#   tests/golden/seed.xml          its DocBook
#   tests/golden/seed-sec-1.xhtml  its EPUB's first chapter
#   tests/golden/seed.layout       its PDF pages as folio lays them out (-t layout), never PDF bytes
#   tests/golden/tables.layout     a saved page's pictures and table as folio lays them out
#                                  (tests/html/tables.html: scaled pictures, cells, repeated header)
#   tests/golden/tables-sec-1.xhtml  its table in the EPUB
#   tests/golden/pandoc-report.native  the tree of a DocBook file pandoc wrote (tests/docbook/)
#   tests/reader/*.test            reader transcripts: input lines and the tree they give (see
#                                  tests/reader/README)
. tests/lib.sh

# golden NAME FILE GOT: GOT (a file) equals the golden FILE, or is written there
golden() {
  if [ -n "$UPDATE_GOLDEN" ] && ! cmp -s "$2" "$3"; then
    cp "$3" "$2" && pass "$1: rewritten ($2)"
  elif cmp -s "$2" "$3"; then
    pass "$1 equals $2"
  else
    fail "$1 differs from $2 (after a deliberate change: UPDATE_GOLDEN=1 sh tests/golden.test.sh)"
    diff -u "$2" "$3" | head -n 30
  fi
}

# made WHAT COMMAND...: run a command that writes $TMP/got; FAIL (and no comparison) when it fails
made() { what=$1; shift; "$@" 2>"$TMP/err" || { fail "$what: $(head -c 300 "$TMP/err")"; return 1; }; }

made "native" "$FOLIO" "$SEED" -t native -o "$TMP/got" && golden "the seed's tree" tests/golden/seed.native "$TMP/got"
made "docbook" "$FOLIO" "$SEED" -t docbook -o "$TMP/got" && golden "the seed's DocBook" tests/golden/seed.xml "$TMP/got"
made "epub" "$FOLIO" "$SEED" -t epub -o "$TMP/seed.epub" &&
  made "epub chapter" python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read("OEBPS/sec-1.xhtml"))' \
    "$TMP/seed.epub" >"$TMP/got" && golden "the seed's first EPUB chapter" tests/golden/seed-sec-1.xhtml "$TMP/got"
made "layout" "$FOLIO" "$SEED" -t layout -o "$TMP/got" && golden "the seed's page layout" tests/golden/seed.layout "$TMP/got"
made "tables layout" "$FOLIO" tests/html/tables.html -t layout -o "$TMP/got" &&
  golden "a saved page's pictures and table, laid out" tests/golden/tables.layout "$TMP/got"
made "tables epub" "$FOLIO" tests/html/tables.html -t epub -o "$TMP/tables.epub" &&
  made "tables epub chapter" python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read("OEBPS/sec-1.xhtml"))' \
    "$TMP/tables.epub" >"$TMP/got" && golden "a saved page's table in the EPUB" tests/golden/tables-sec-1.xhtml "$TMP/got"
made "pandoc's DocBook" "$FOLIO" tests/docbook/report.xml -t native -o "$TMP/got" &&
  golden "the tree of pandoc's DocBook" tests/golden/pandoc-report.native "$TMP/got"

# Reader transcripts: the text between "<<< input" and ">>> native" is the input (the rest of the
# "<<<" line is extra options), what follows ">>> native" the tree it must give.
for t in tests/reader/*.test; do
  [ -f "$t" ] || continue
  name=$(basename "$t" .test)
  awk '/^<<< input/ { on = 1; next } /^>>> native$/ { exit } on' "$t" >"$TMP/in.txt"
  awk '/^>>> native$/ { on = 1; next } on' "$t" >"$TMP/want"
  opts=$(sed -n 's/^<<< input *//p' "$t")
  if ! grep -q '^<<< input' "$t" || ! grep -q '^>>> native$' "$t"; then
    fail "reader/$name: no '<<< input' and '>>> native' lines"
    continue
  fi
  # shellcheck disable=SC2086 # the options are words
  if ! "$FOLIO" $opts "$TMP/in.txt" -t native -o "$TMP/got" 2>"$TMP/err"; then
    fail "reader/$name: $(head -c 300 "$TMP/err")"
    continue
  fi
  if [ -n "$UPDATE_GOLDEN" ] && ! cmp -s "$TMP/want" "$TMP/got"; then
    sed '/^>>> native$/q' "$t" >"$TMP/new" && cat "$TMP/got" >>"$TMP/new" && cp "$TMP/new" "$t" && pass "reader/$name: rewritten"
  elif cmp -s "$TMP/want" "$TMP/got"; then
    pass "reader/$name: $(head -n 1 "$t")"
  else
    fail "reader/$name: the tree differs (after a deliberate change: UPDATE_GOLDEN=1 sh tests/golden.test.sh)"
    diff -u "$TMP/want" "$TMP/got" | head -n 30
  fi
done
