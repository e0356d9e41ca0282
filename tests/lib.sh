# tests/lib.sh — helpers for the shell tests: each check prints one PASS or FAIL line.
# Sourced by tests/*.test.sh; FOLIO is the binary under test, TMP a scratch directory.
FOLIO=${FOLIO:-build/folio}
SEED=${SEED:-examples/gansu-fazhi-2024.txt}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/folio-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
pass() { echo "PASS $*"; }
fail() { echo "FAIL $*"; }
# check "what" command...: PASS when the command succeeds
check() { what=$1; shift; if "$@" >"$TMP/check.out" 2>&1; then pass "$what"; else fail "$what: $(head -c 400 "$TMP/check.out")"; fi; }
# epubcheck_later NAME FILE: have epubcheck check an EPUB.  Under tests/run.sh (FOLIO_EPUBCHECK_DIR
# set) the file is kept and one epubcheck run checks every EPUB of the whole run at the end; a test
# run on its own checks it at once (tests/epubcheck.sh prints the PASS or FAIL line either way).
epubcheck_later() {
  if [ -n "${FOLIO_EPUBCHECK_DIR:-}" ]; then
    cp "$2" "$FOLIO_EPUBCHECK_DIR/$(basename "$0" .test.sh)${FOLIO_PLAIN:++asan}-$1.epub"
  else
    cp "$2" "$TMP/$1.epub" && sh tests/epubcheck.sh "$TMP/$1.epub"
  fi
}
