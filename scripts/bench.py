#!/usr/bin/env python3
"""make bench — folio's speed and memory, side by side with pandoc and a PDF engine, in one run.

Figures, not a test: wall time is the median of RUNS runs after a warm-up (whole process, start
to exit), peak RSS is the child's ru_maxrss, size is the output's.  Also: long documents (the seed
repeated 100 and 1,000 times) to show time and memory grow linearly, a meeting packet of 50
articles in one PDF against 50 single conversions, and a batch of 1,000 articles.

usage: scripts/bench.py [--runs N] [--quick]
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FOLIO = os.environ.get("FOLIO", os.path.join(ROOT, "build", "folio"))
SEED = os.path.join(ROOT, "examples", "gansu-fazhi-2024.txt")
# the packet's articles: the seed and tests/packet's notice, news report, regulation and interview
PACKET_KINDS = [SEED] + [os.path.join(ROOT, "tests", "packet", n)
                         for n in ("tongzhi.txt", "news-xinhua.txt", "tiaoli.txt", "interview.txt")]


GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def run_once(cmd, stdin=None, rss_from_time=False):
    """(wall seconds, peak RSS in KB, exit status) of one whole process.

    A child forked from this Python process reports Python's own resident size as its high-water
    mark until it execs, so peak RSS is taken from GNU time (rss_from_time) in a run of its own;
    the timed runs go without it, so its fork and exec do not count in the wall time."""
    argv = [GNU_TIME, "-f", "%M", *cmd] if rss_from_time and GNU_TIME else cmd
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.stderr.close()
    rss = usage.ru_maxrss
    if argv is not cmd:
        try:
            rss = int(err.decode("utf-8", "replace").strip().splitlines()[-1])
        except (ValueError, IndexError):
            pass
    return wall, rss, os.waitstatus_to_exitcode(status)


def measure(cmd, runs, output=None):
    """Median wall time (ms), peak RSS (MB), output size (KB); None when the command fails."""
    wall, rss, status = run_once(cmd, rss_from_time=True)  # also the warm-up: page cache, font cache
    if status != 0:
        return None
    walls = []
    for _ in range(runs):
        w, _, status = run_once(cmd)
        if status != 0:
            return None
        walls.append(w)
    size = os.path.getsize(output) / 1024 if output and os.path.exists(output) else float("nan")
    return statistics.median(walls) * 1000, rss / 1024, size


def row(label, m, ref=None):
    if m is None:
        print(f"  {label:<46} {'failed':>10}")
        return
    ratio = f"{ref[0] / m[0]:7.1f}x" if ref else ""
    print(f"  {label:<46} {m[0]:9.1f} ms {m[1]:8.1f} MB {m[2]:9.1f} KB {ratio}")


def header(title):
    print(f"\n{title}")
    print(f"  {'':<46} {'wall':>12} {'peak RSS':>11} {'output':>12} {'folio is':>8}")


def shapes(out):
    """Peak memory per input shape (issue 9): files of tiny lines cost per line, not per byte, and
    are what the line limit (FO_MAX_LINES) bounds; an exit status of 1 is folio refusing the input."""
    print("\nInput shapes: peak memory against the input's size (one run each; exit 1 = refused with an error)")
    print(f"  {'':<40} {'format':<8} {'wall':>9} {'peak RSS':>11} {'× input':>8}  exit")
    cases = [
        ("1 M one-character lines", "lines-1m.txt", lambda f: f.write("中\n" * (1 << 20))),
        ("16 M one-character lines", "lines-16m.txt", lambda f: f.write("中\n" * (16 << 20))),
        ("one 10 MB line", "line-10mb.txt",
         lambda f: f.write("标题\n\n" + "全省法治建设取得新成效，群众满意度持续提升。" * 160_000 + "\n")),
        ("64 MB of 《a》 titles on one line", "titles.txt", lambda f: f.write("标题\n" + "《a》" * 9_000_000 + "\n")),
    ]
    for label, name, make in cases:
        path = out(name)
        with open(path, "w", encoding="utf-8") as f:
            make(f)
        size = os.path.getsize(path)
        for fmt, ext in (("docbook", "xml"), ("pdf", "pdf")):
            wall, rss, status = run_once([FOLIO, path, "-o", out(f"shape.{ext}")], rss_from_time=True)
            print(f"  {label + f' ({size / 2**20:.0f} MB)':<40} {fmt:<8} {wall:8.2f}s {rss / 1024:8.1f} MB "
                  f"{rss * 1024 / size:7.1f}x  {status}")
        os.remove(path)


def packet(out, runs):
    """50 articles (ten of each kind) into one PDF with --collect, against converting each alone:
    fonts are found, opened and subset once instead of 50 times."""
    header("A meeting packet: 50 articles → one PDF (--collect) against 50 single conversions")
    src = out("packet-in")
    os.makedirs(src, exist_ok=True)
    inputs = []
    for i in range(50):
        path = os.path.join(src, f"article{i:02d}.txt")
        shutil.copy(PACKET_KINDS[i % len(PACKET_KINDS)], path)
        inputs.append(path)
    chars = sum(len(open(p, encoding="utf-8").read()) for p in inputs)
    m = measure([FOLIO, "--collect", "-M", "title=bench", "--toc-depth", "2", *inputs, "-o", out("packet.pdf")],
                max(3, runs // 3), out("packet.pdf"))
    row(f"folio --collect, 50 articles ({chars} chars)", m)
    walls, peaks, size = [], [], 0
    for i, path in enumerate(inputs):
        one = measure([FOLIO, path, "-o", out(f"single{i}.pdf")], 1, out(f"single{i}.pdf"))
        if one is None:
            print("  single conversions failed")
            return
        walls.append(one[0])
        peaks.append(one[1])
        size += one[2]
    print(f"  {'50 × folio ARTICLE -o ARTICLE.pdf':<46} {sum(walls):9.1f} ms {max(peaks):8.1f} MB {size:9.1f} KB"
          f"   (sum of the 50 walls; the largest peak; {sum(peaks):.0f} MB summed)")
    if m:
        print(f"  {'':<46} the packet takes {m[0] / sum(walls):.2f}x the time of the 50 single conversions, "
              f"{m[1] / max(peaks):.1f}x the largest single peak")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--quick", action="store_true", help="fewer runs, no 1,000-article batch")
    args = ap.parse_args()
    runs = 3 if args.quick else args.runs
    if not os.access(FOLIO, os.X_OK):
        sys.exit(f"bench: no {FOLIO}: run make first")
    d = tempfile.mkdtemp(prefix="folio-bench-")
    chars = len(open(SEED, encoding="utf-8").read())
    print(f"folio bench — {FOLIO}; input {os.path.relpath(SEED, ROOT)} ({chars} characters); "
          f"median of {runs} runs after a warm-up; {os.cpu_count()} cores; peak RSS from "
          f"{'GNU time' if GNU_TIME else 'wait4 (install time for exact figures)'}")

    out = lambda name: os.path.join(d, name)
    folio = {
        "docbook": measure([FOLIO, SEED, "-o", out("a.xml")], runs, out("a.xml")),
        "epub": measure([FOLIO, SEED, "-o", out("a.epub")], runs, out("a.epub")),
        "pdf": measure([FOLIO, SEED, "-o", out("a.pdf")], runs, out("a.pdf")),
    }
    all3 = measure([FOLIO, "-d", out("all"), "-t", "pdf,epub,docbook", "-j", "1", SEED], runs,
                   out("all/gansu-fazhi-2024.pdf"))

    pandoc = shutil.which("pandoc")
    others = {}
    if pandoc:
        others["docbook"] = ("pandoc -f markdown -t docbook5",
                             measure([pandoc, "-f", "markdown", "-t", "docbook5", "-s", SEED, "-o", out("p.xml")],
                                     runs, out("p.xml")))
        others["epub"] = ("pandoc -f markdown -t epub3",
                          measure([pandoc, "-f", "markdown", "-t", "epub3", SEED, "-o", out("p.epub"),
                                   "--metadata", "title=bench"], runs, out("p.epub")))
    weasy = shutil.which("weasyprint")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if weasy and pandoc:
        subprocess.run([pandoc, "-f", "markdown", "-t", "html5", "-s", "--metadata", "title=bench", SEED,
                        "-o", out("p.html")], check=True)
        others["pdf"] = ("WeasyPrint (HTML from pandoc → PDF)",
                         measure([weasy, out("p.html"), out("p.pdf")], max(3, runs // 3), out("p.pdf")))
    elif soffice:
        others["pdf"] = ("LibreOffice --convert-to pdf",
                         measure([soffice, "--headless", "--convert-to", "pdf", "--outdir", d, SEED], 3,
                                 out("gansu-fazhi-2024.pdf")))

    header("The seed, one format per process")
    for fmt in ("docbook", "epub", "pdf"):
        row(f"folio → {fmt}", folio[fmt])
        if fmt in others:
            label, m = others[fmt]
            row(f"  {label}", m)
            if m and folio[fmt]:
                print(f"  {'':<46} folio is {m[0] / folio[fmt][0]:.1f}x faster, "
                      f"{m[1] / folio[fmt][1]:.1f}x less memory")
    header("The seed, all three formats in one process")
    row("folio -d DIR -t pdf,epub,docbook -j 1", all3)

    header("Long documents (the seed repeated): time per 1,000 characters should stay flat")
    base = open(SEED, encoding="utf-8").read()
    for times in (1, 10, 100, 1000):
        path = out(f"long{times}.txt")
        with open(path, "w", encoding="utf-8") as f:
            for _ in range(times):
                f.write(base + "\n")
        n = len(base) * times
        for fmt, ext in (("pdf", "pdf"), ("epub", "epub"), ("docbook", "xml")):
            m = measure([FOLIO, path, "-o", out(f"long{times}.{ext}")], 1 if times >= 100 else 3,
                        out(f"long{times}.{ext}"))
            if m is None:
                print(f"  ×{times:<5} {fmt:<8} failed")
                continue
            print(f"  ×{times:<5} {fmt:<8} {n:>9} chars {m[0]:10.1f} ms {m[1]:8.1f} MB "
                  f"{m[0] / (n / 1000):8.3f} ms per 1,000 chars")

    shapes(out)
    packet(out, runs)

    if not args.quick:
        header("Batch: 1,000 articles → pdf, epub, docbook")
        src = out("batch-in")
        os.makedirs(src)
        for i in range(1000):
            shutil.copy(SEED, os.path.join(src, f"article{i:04d}.txt"))
        inputs = sorted(os.path.join(src, f) for f in os.listdir(src))
        with open(out("list"), "w") as f:
            f.write("\n".join(inputs) + "\n")
        for jobs in (1, 2):
            start = time.perf_counter()
            w, rss, status = run_once([FOLIO, "-d", out(f"batch-out{jobs}"), "-t", "pdf,epub,docbook", "-j",
                                       str(jobs), "--files-from", out("list")], rss_from_time=True)
            print(f"  -j {jobs}: {w:7.2f} s, {1000 / w:7.1f} articles/s, peak RSS {rss / 1024:.1f} MB per process,"
                  f" exit {status}")
    shutil.rmtree(d, ignore_errors=True)


if __name__ == "__main__":
    main()
