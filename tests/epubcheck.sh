# tests/epubcheck.sh FILE... — epubcheck on every EPUB given, started once (epubcheck's start-up,
# some 10 s, is most of its time): one PASS or FAIL line per file, FAIL for any fatal error, error
# or warning.  tests/run.sh gives it every EPUB the shell tests handed over with epubcheck_later
# (tests/lib.sh); a test run on its own calls it for its own files.
EPUBCHECK=/usr/share/java/epubcheck.jar
log=$(mktemp)
trap 'rm -f "$log"' EXIT
[ $# -gt 0 ] || { echo "PASS no EPUB to check"; exit 0; }
for f in "$@"; do rm -f "$f.json"; done
# one JVM through the JDK's source launcher (tests/EpubCheckAll.java); with a bare JRE, one run a file
if java --list-modules 2>/dev/null | grep -q '^jdk.compiler@'; then
  java -XX:TieredStopAtLevel=1 -cp "$EPUBCHECK" tests/EpubCheckAll.java "$@" >"$log" 2>&1
else
  for f in "$@"; do java -jar "$EPUBCHECK" "$f" --json "$f.json" >"$log" 2>&1; done
fi
for f in "$@"; do
  bad=$(python3 - "$f.json" <<'PY'
import json, sys
try:
    msgs = json.load(open(sys.argv[1])).get("messages", [])
except (OSError, ValueError) as e:
    print("epubcheck gave no report:", e)
    sys.exit()
for m in msgs:
    if m.get("severity") in ("FATAL", "ERROR", "WARNING"):
        where = ",".join(str(l.get("path")) for l in m.get("locations", [])[:1])
        print(m.get("severity"), m.get("ID"), where, m.get("message"))
PY
)
  name=$(basename "$f" .epub)
  if [ -z "$bad" ]; then echo "PASS $name: epubcheck reports no fatal error, error or warning"
  else echo "FAIL $name: epubcheck: $(echo "$bad" | head -n 5)"; fi
done
