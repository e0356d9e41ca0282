# leaks.test.sh — the seed through every writer, and DocBook through its reader, under valgrind
# memcheck: no invalid access, no leak.
# (The unit tests run under ASan+UBSan+LeakSanitizer separately; this covers the real binary and
# the libraries it calls, with nothing instrumented.)
. tests/lib.sh
if ! command -v valgrind >/dev/null; then fail "valgrind is not installed (scripts/install-deps.sh installs it)"; exit 0; fi
for fmt in ${LEAK_FORMATS:-native docbook epub html pdf}; do
  if valgrind -q --leak-check=full --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible \
       --error-exitcode=99 "$FOLIO" "$SEED" -t "$fmt" -o "$TMP/out.$fmt" 2>"$TMP/vg.$fmt"; then
    pass "valgrind: $fmt writer, no error and no leak"
  else
    fail "valgrind: $fmt writer: $(grep -m5 '==' "$TMP/vg.$fmt" | tr '\n' ' ' | head -c 400)"
  fi
done
# a collection (folio --collect): two articles into a PDF packet with a contents page, and an EPUB
for fmt in pdf epub docbook; do
  if valgrind -q --leak-check=full --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible \
       --error-exitcode=99 "$FOLIO" --collect --toc-depth 2 -M title=材料 "$SEED" tests/packet/interview.txt \
       -t "$fmt" -o "$TMP/packet.$fmt" 2>"$TMP/vg.packet.$fmt"; then
    pass "valgrind: --collect to $fmt, no error and no leak"
  else
    fail "valgrind: --collect to $fmt: $(grep -m5 '==' "$TMP/vg.packet.$fmt" | tr '\n' ' ' | head -c 400)"
  fi
done
# the DocBook reader: folio's own DocBook of the seed, and pandoc's (footnote, table, figure, entities)
"$FOLIO" "$SEED" -o "$TMP/seed.xml" 2>/dev/null
for xml in "$TMP/seed.xml" tests/docbook/report.xml tests/fuzz/corpus/db-entities.xml; do
  if valgrind -q --leak-check=full --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible \
       --error-exitcode=99 "$FOLIO" "$xml" -t docbook -o "$TMP/read.xml" 2>"$TMP/vg.read"; then
    pass "valgrind: DocBook reader on $(basename "$xml"), no error and no leak"
  else
    fail "valgrind: DocBook reader on $(basename "$xml"): $(grep -m5 '==' "$TMP/vg.read" | tr '\n' ' ' | head -c 400)"
  fi
done
# the HTML reader (libxml2's parser, libpng, libjpeg) on the test page, with its photos
if valgrind -q --leak-check=full --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible \
     --error-exitcode=99 "$FOLIO" tests/html/page.html -t docbook -o "$TMP/page.xml" 2>"$TMP/vg.html"; then
  pass "valgrind: HTML reader, no error and no leak"
else
  fail "valgrind: HTML reader: $(grep -m5 '==' "$TMP/vg.html" | tr '\n' ' ' | head -c 400)"
fi
