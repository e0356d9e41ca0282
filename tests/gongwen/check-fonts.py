#!/usr/bin/python3
"""tests/gongwen/check-fonts.py — which face draws which text in an official document's gongwen PDF
(GB/T 9704-2012 §7): the organ's mark and the title in one face (小标宋), the text in another (仿宋),
一、 headings in 黑体, （一） headings and run-in heads and the 签发人's name in 楷体, 1. and （1） in
the text's 仿宋, page numbers in 宋体.  Faces are told apart by the PDF's own fonts (pypdf), so the
check holds whichever faces are installed.  Prints one PASS or FAIL line per check.

usage: check-fonts.py FILE.pdf
"""
import re
import sys

import pypdf

failures = 0


def check(ok, what, detail=""):
    global failures
    print(("PASS " if ok else "FAIL ") + what + (f": {detail}" if detail and not ok else ""))
    failures += not ok


def runs(path):
    """(font, size, text) for every piece of text drawn, in order."""
    out = []
    for page in pypdf.PdfReader(path).pages:
        def visit(text, cm, tm, font, size):
            if text.strip():
                out.append(((font or {}).get("/BaseFont", "?").split("+")[-1], size, text.strip()))
        page.extract_text(visitor_text=visit)
    return out


def font_of(rs, pattern):
    """The fonts of the runs whose text matches `pattern` (a regular expression, from the start)."""
    return {f for f, _, t in rs if re.match(pattern, t)}


def main():
    path = sys.argv[1]
    name = path.rsplit("/", 1)[-1]
    rs = runs(path)
    # the text: the face of most lines of 三号
    counts = {}
    for f, s, t in rs:
        if s == 16.0 and len(t) >= 12:
            counts[f] = counts.get(f, 0) + 1
    body = max(counts, key=counts.get) if counts else None
    plain = {f for f, s, t in rs if s == 16.0 and re.match(r"^[^—（一二三四五六七八九十\d附]{12,}", t)}
    check(plain == {body}, f"{name}: the text is set in one face, 三号 ({body})", repr(plain))

    pages = font_of(rs, r"^— \d+ —$")
    check(len(pages) == 1 and body not in pages, f"{name}: page numbers in a face of their own (宋体: {pages})")
    check({s for f, s, t in rs if re.match(r"^— \d+ —$", t)} == {14.0}, f"{name}: page numbers 四号 (14 pt)")

    # headings and run-in heads: a numbering and a few words, not a sentence going on
    h1 = font_of(rs, r"^[一二三四五六七八九十]+、[^，。：]{1,20}$")
    h2 = font_of(rs, r"^（[一二三四五六七八九十]+）[^，。：]{1,20}。?$")
    h3 = font_of(rs, r"^(\d+\.|（\d+）)[^，：]{1,20}。")
    if h1:
        check(len(h1) == 1 and body not in h1, f"{name}: 一、 headings in 黑体 ({h1})")
    if h2:
        check(len(h2) == 1 and body not in h2 and not (h2 & h1), f"{name}: （一） headings and run-in heads in 楷体 ({h2})")
    if h3:
        check(h3 == {body}, f"{name}: 1. and （1） in the text's face", repr(h3))

    organ = [(f, s) for f, s, t in rs if t.endswith("文件") or t == "河西省司法厅" and s > 20]
    title = [(f, s) for f, s, t in rs if t.startswith("河西省") and "关于" in t]
    check(organ and title and organ[0][0] == title[0][0] and organ[0][0] != body,
          f"{name}: the organ's mark and the title in one face (小标宋: {organ[0][0] if organ else None})",
          repr((organ, title)))
    check(title and title[0][1] == 22.0, f"{name}: the title 二号 (22 pt)", repr(title))
    marks = font_of(rs, r"^(\d{6}|秘密|机密|绝密|特急|加急)")
    if marks:
        check(marks == h1 or (not h1 and body not in marks), f"{name}: 份号, 密级, 紧急程度 in 黑体 ({marks})")
    signer = [(f, t) for f, s, t in rs if t == "李卫东"]
    if signer:
        check(signer[0][0] not in (body,) and (not h2 or signer[0][0] in h2), f"{name}: the 签发人's name in 楷体")


if __name__ == "__main__":
    main()
    sys.exit(1 if failures else 0)
