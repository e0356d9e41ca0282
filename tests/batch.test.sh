# batch.test.sh — `folio -d OUTDIR -t FORMATS FILE…`: many articles, several formats, worker
# processes; one bad article is reported and does not stop the others.
. tests/lib.sh
mkdir -p "$TMP/in" "$TMP/in2"
for i in 1 2 3 4 5 6; do cp "$SEED" "$TMP/in/article$i.txt"; done
printf '\000\001binary' > "$TMP/in/broken.txt"
printf '\n\n' > "$TMP/in/blank.txt"

"$FOLIO" -d "$TMP/out" -t docbook,native,epub -j 2 "$TMP"/in/*.txt 2>"$TMP/err"; rc=$?
[ $rc -eq 1 ] && pass "a batch with bad articles exits 1" || fail "a batch with bad articles exits $rc"
n=$(ls "$TMP/out" | wc -l)
[ "$n" -eq 18 ] && pass "every good article in every format (18 files)" || fail "expected 18 outputs, found $n"
grep -q "broken.txt: error: this is a binary file" "$TMP/err" && grep -q "blank.txt: error" "$TMP/err" \
  && pass "each bad article gets an error line naming it" || fail "error lines: $(cat "$TMP/err")"
grep -q "6 of 8 articles converted" "$TMP/err" && grep -q "2 failed" "$TMP/err" \
  && pass "summary line counts converted and failed" || fail "summary: $(tail -1 "$TMP/err")"
[ ! -e "$TMP/out/broken.xml" ] && [ ! -e "$TMP/out/blank.xml" ] && pass "nothing written for a bad article" || fail "output written for a bad article"
"$FOLIO" "$SEED" -o "$TMP/single.xml"
cmp -s "$TMP/single.xml" "$TMP/out/article3.xml" && pass "batch output equals the single conversion" || fail "batch output differs from the single conversion"

# PDFs from one worker's shared font context equal a fresh single conversion, article after article
"$FOLIO" -d "$TMP/outpdf" -t pdf -j 1 "$TMP"/in/article*.txt 2>/dev/null
"$FOLIO" "$SEED" -o "$TMP/single.pdf"
same=0; for i in 1 2 3 4 5 6; do cmp -s "$TMP/single.pdf" "$TMP/outpdf/article$i.pdf" && same=$((same + 1)); done
[ $same -eq 6 ] && pass "batch PDFs (one font context) equal the single conversion" || fail "only $same of 6 batch PDFs equal the single conversion"

# -j 1 (in process) and -j 2 (workers) give the same bytes; --files-from reads the list
ls "$TMP"/in/article*.txt > "$TMP/list"
"$FOLIO" -d "$TMP/out1" -t docbook,epub -j 1 --files-from "$TMP/list" 2>/dev/null; rc=$?
[ $rc -eq 0 ] && pass "--files-from with good articles exits 0" || fail "--files-from exits $rc"
"$FOLIO" -d "$TMP/out2" -t docbook,epub -j 2 "$TMP"/in/article*.txt 2>/dev/null
diff -r "$TMP/out1" "$TMP/out2" >/dev/null && pass "-j 1 and -j 2 write identical files" || fail "-j 1 and -j 2 differ"
cat "$TMP/list" | "$FOLIO" -d "$TMP/out3" -t native --files-from - 2>/dev/null && [ "$(ls "$TMP/out3" | wc -l)" -eq 6 ] \
  && pass "--files-from - reads standard input" || fail "--files-from - reads standard input"

# usage errors
cp "$SEED" "$TMP/in2/article1.txt"
"$FOLIO" -d "$TMP/out4" -t docbook "$TMP/in/article1.txt" "$TMP/in2/article1.txt" 2>"$TMP/err"; rc=$?
[ $rc -eq 2 ] && grep -q "would both write" "$TMP/err" && pass "two inputs with one name: usage error" || fail "name collision: exit $rc"
"$FOLIO" -d "$TMP/out4" "$SEED" 2>/dev/null; rc=$?
[ $rc -eq 2 ] && pass "-d without -t: usage error" || fail "-d without -t: exit $rc"
"$FOLIO" -d "$TMP/out4" -t docbook,nosuch "$SEED" 2>/dev/null; rc=$?
[ $rc -eq 2 ] && pass "-t with an unknown format: usage error" || fail "-t unknown in list: exit $rc"
"$FOLIO" -d "$TMP/out4" -t docbook -j 0 "$SEED" 2>/dev/null; rc=$?
[ $rc -eq 2 ] && pass "-j 0: usage error" || fail "-j 0: exit $rc"
"$FOLIO" -d "$TMP/out4" -t docbook --files-from "$TMP/no-such-list" 2>"$TMP/err"; rc=$?
[ $rc -eq 2 ] && grep -q "no-such-list" "$TMP/err" && pass "missing --files-from list: error names it" || fail "missing list: exit $rc"
"$FOLIO" -d "$SEED" -t docbook "$SEED" 2>"$TMP/err"; rc=$?
[ $rc -eq 1 ] && grep -q "not a directory" "$TMP/err" && pass "-d on a regular file: error" || fail "-d on a file: exit $rc"
