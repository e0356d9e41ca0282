# examples.test.sh — examples/ shows what folio makes of each bundled article: the files there
# must be exactly what this build writes (outputs are deterministic).  `make examples` rewrites them.
. tests/lib.sh
for f in examples/*.txt; do
  for ext in xml epub pdf html; do
    want="${f%.txt}.$ext"
    if [ ! -f "$want" ]; then fail "$want is missing (make examples)"; continue; fi
    "$FOLIO" "$f" -o "$TMP/out.$ext" 2>/dev/null && cmp -s "$want" "$TMP/out.$ext" \
      && pass "$want is up to date" || fail "$want is out of date (make examples)"
  done
done
