# man.test.sh — folio.1 documents the command line as `folio --help` prints it: every option of
# the help is in the manual page and the page names no option the help lacks; every output format
# and every -M key is there; groff reads it without a warning.
. tests/lib.sh

"$FOLIO" --help >"$TMP/help" 2>&1 || fail "folio --help exits with an error"
# options as the help spells them (-o, --output) and as the page does (\-o, \-\-output)
grep -o -- '--\?[a-zA-Z][a-z-]*' "$TMP/help" | grep -v -- '^-[A-Z]*[a-z][a-z]' | sort -u >"$TMP/help.opts"
sed 's/\\-/-/g' folio.1 | grep -o -- '--\?[a-zA-Z][a-z-]*' | sort -u >"$TMP/man.all"
missing=$(comm -23 "$TMP/help.opts" "$TMP/man.all" | tr '\n' ' ')
[ -z "$missing" ] && pass "folio.1 documents every option of --help" || fail "folio.1 lacks: $missing"
sed -n '/^\.SH OPTIONS/,/^\.SH FORMATS/p' folio.1 | sed 's/\\-/-/g' | grep '^\.B' |
  grep -o -- '--[a-z][a-z-]*\|-[a-zA-Z]\b' | sort -u >"$TMP/man.opts"
extra=$(comm -13 "$TMP/help.opts" "$TMP/man.opts" | tr '\n' ' ')
[ -z "$extra" ] && pass "folio.1 documents no option that --help lacks" || fail "folio.1 has options --help lacks: $extra"

formats=$(sed -n 's/.*output format: \([a-z, ]*\);.*/\1/p' "$TMP/help" | tr -d ' ' | tr ',' ' ')
[ -n "$formats" ] || fail "no format list in --help"
bad=
for f in $formats; do grep -q "^\.BR $f " folio.1 || bad="$bad $f"; done
[ -z "$bad" ] && pass "folio.1 describes every output format ($formats)" || fail "folio.1 lacks formats:$bad"

keys=$(sed -n '/-M, --metadata/,/print-date)/p' "$TMP/help" | sed 's/.*set metadata://; s/(official documents://; s/[()]//g; s/^ *//' | tr -d ',' )
bad=
for k in $keys; do sed 's/\\-/-/g' folio.1 | grep -q "^\.BR* $k\b" || bad="$bad $k"; done
[ -z "$bad" ] && pass "folio.1 names every -M key" || fail "folio.1 lacks -M keys:$bad"

if command -v groff >/dev/null; then
  groff -man -ww -z folio.1 >"$TMP/groff" 2>&1 && [ ! -s "$TMP/groff" ] && pass "groff reads folio.1 without a warning" \
    || fail "groff: $(head -c 300 "$TMP/groff")"
fi
grep -q "^\.TH FOLIO 1 .*\"folio $("$FOLIO" --version | cut -d' ' -f2)\"" folio.1 && pass "folio.1 carries the version" \
  || fail "folio.1's .TH version differs from folio --version"
