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
