#!/bin/sh
# tests/run.sh — run every test and print one closing line "N passed, N failed".
#   unit tests (build/tests/test_*), the same built with ASan+UBSan (build/tests-san/test_*),
#   and the shell tests (tests/*.test.sh: validators, golden files, bad input), then the shell tests
#   again with the ASan+UBSan binary.
# Each test prints PASS/FAIL lines; a test program that dies without printing a FAIL counts as one.
BUILD=${BUILD:-build}
export FOLIO=${FOLIO:-$BUILD/folio}
export FOLIO_SAN=${FOLIO_SAN:-$BUILD/folio-san}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
passed=0
failed=0
log=$(mktemp)
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
  [ -x "$t" ] && run_one "unit/$(basename "$t")" "$t"
done
for t in "$BUILD"/tests-san/test_*; do
  [ -x "$t" ] && run_one "unit+asan/$(basename "$t")" "$t"
done
for t in tests/*.test.sh; do
  [ -f "$t" ] && run_one "$(basename "$t" .test.sh)" sh "$t"
done
# The whole suite once more with the ASan+UBSan build as the binary under test.  Not leaks
# (valgrind cannot run a sanitized binary) nor hostile (it runs both builds itself).
if [ -x "$FOLIO_SAN" ]; then
  for t in tests/*.test.sh; do
    case "$t" in */leaks.test.sh|*/hostile.test.sh) continue ;; esac
    [ -f "$t" ] && run_one "$(basename "$t" .test.sh)+asan" env FOLIO="$FOLIO_SAN" sh "$t"
  done
fi
rm -f "$log"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
