#!/bin/sh
# tests/run.sh — run the tests and print one closing line "N passed, N failed".
#   sh tests/run.sh        (make check) everything: the unit tests (build/tests/test_*), the same
#                          built with ASan+UBSan (build/tests-san/test_*), the shell tests
#                          (tests/*.test.sh: validators, golden files, bad input), then the shell
#                          tests again with the ASan+UBSan binary, which must also write the plain
#                          binary's very bytes (FOLIO_PLAIN); last, one epubcheck run over every
#                          EPUB the shell tests handed over (epubcheck_later, tests/lib.sh)
#   sh tests/run.sh quick  (make test) the unit tests and the golden files, in seconds
# Each test prints PASS/FAIL lines; a test program that dies without printing a FAIL counts as one.
BUILD=${BUILD:-build}
QUICK_TESTS="tests/golden.test.sh tests/man.test.sh"
export FOLIO=${FOLIO:-$BUILD/folio}
export FOLIO_SAN=${FOLIO_SAN:-$BUILD/folio-san}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
passed=0
failed=0
log=$(mktemp)
epubs=$(mktemp -d)
run_one() {
  name=$1; shift
  "$@" >"$log" 2>&1
  rc=$?
  p=$(grep -c '^PASS' "$log")
  f=$(grep -c '^FAIL' "$log")
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    f=1
    echo "FAIL $name exited with status $rc"
    tail -n 20 "$log" | sed 's/^/    /'
  fi
  grep '^FAIL' "$log" | sed "s|^|$name: |"
  if grep -q 'ERROR: \(AddressSanitizer\|LeakSanitizer\)\|runtime error:' "$log"; then
    grep -A12 'ERROR: \(AddressSanitizer\|LeakSanitizer\)\|runtime error:' "$log" | head -n 30 | sed 's/^/    /'
    [ "$f" -eq 0 ] && f=1
  fi
  printf '%-40s %4d passed, %d failed\n' "$name" "$p" "$f"
  passed=$((passed + p))
  failed=$((failed + f))
}
for t in "$BUILD"/tests/test_*; do
  case $t in *.d) continue ;; esac
  [ -x "$t" ] && run_one "unit/$(basename "$t")" "$t"
done
if [ "${1:-}" = quick ]; then
  for t in $QUICK_TESTS; do
    run_one "$(basename "$t" .test.sh)" env FOLIO_SAN= sh "$t"
  done
else
  for t in "$BUILD"/tests-san/test_*; do
    case $t in *.d) continue ;; esac
    [ -x "$t" ] && run_one "unit+asan/$(basename "$t")" "$t"
  done
  export FOLIO_EPUBCHECK_DIR="$epubs"
  for t in tests/*.test.sh; do
    [ -f "$t" ] && run_one "$(basename "$t" .test.sh)" sh "$t"
  done
  # The shell tests once more with the ASan+UBSan build as the binary under test (docbook and epub
  # also check that it writes the plain build's very bytes).  Not leaks (valgrind cannot run a
  # sanitized binary), hostile (it runs both builds itself), man and examples (the same comparisons
  # as golden).
  if [ -x "$FOLIO_SAN" ]; then
    for t in tests/*.test.sh; do
      case "$t" in */leaks.test.sh|*/hostile.test.sh|*/man.test.sh|*/examples.test.sh) continue ;; esac
      [ -f "$t" ] && run_one "$(basename "$t" .test.sh)+asan" env FOLIO="$FOLIO_SAN" FOLIO_PLAIN="$FOLIO" FOLIO_SAN= sh "$t"
    done
  fi
  # shellcheck disable=SC2046 # the EPUBs' names have no spaces
  run_one epubcheck sh tests/epubcheck.sh $(ls "$epubs"/*.epub 2>/dev/null)
fi
rm -rf "$log" "$epubs"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
