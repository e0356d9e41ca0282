#!/usr/bin/env python3
"""Check a packet PDF (folio --collect … -o packet.pdf) against the DocBook book of the same inputs.

usage: check-pdf.py PACKET.pdf BOOK.xml [--toc-depth N] [--odd] [--no-header]
  Headings print their marker as the article does ("一、总体要求"); without one, their label and an ideographic space ("一　总体要求").

What a reader of the printed packet relies on, read back with poppler and qpdf only: fonts
embedded and subset; no line starting or ending with the wrong punctuation; the cover first, then
the contents, unnumbered; page numbers from 1, consecutive through the articles (blank pages count
but carry none); every contents entry's number is the page where that article's title (or that
section's heading) is drawn, the title first on its page; every article's pages after the first
carry its title as the running header (an attachment's first page opens with its label instead); an
official document's 版头 may stand above its title; bookmarks collection → contents and every article → its
sections, each pointing at the page the contents give.  Prints one PASS/FAIL line per check."""
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

DB = "{http://docbook.org/ns/docbook}"
XH = "{http://www.w3.org/1999/xhtml}"
NO_START = set("、。，．：；？！）］｝〕〉》」』】〗〙”’,.:;?!)]}%‰")
NO_END = set("（［｛〔〈《「『【〖〘“‘([{")
NUMBER = re.compile(r"^—\s*(\d+)\s*—$")


def run(*cmd):
    return subprocess.run(cmd, capture_output=True, text=True)


def squeeze(s):
    return re.sub(r"\s+", "", s)


def check(ok, what, detail=""):
    print(("PASS " if ok else "FAIL ") + what + ("" if ok or not detail else ": " + str(detail)[:300]))
    return ok


def marker_of(sec):
    """The marker a section's <?folio marker="…"?> gives, or None."""
    for pi in sec:
        m = re.match(r"folio marker=([\"'])(.*)\1$", pi.text or "") if pi.tag is ET.PI else None
        if m:
            return m.group(2)
    return None


def expected(book):
    """(collection title, [(article title, [section heading as the PDF prints it])])"""
    # folio's DocBook keeps a section's marker (一、 亮点一：) in a <?folio marker="…"?>, which the
    # PDF prints before the title; a label without one is followed by an ideographic space
    root = ET.parse(book, ET.XMLParser(target=ET.TreeBuilder(insert_pis=True))).getroot()
    title = root.find(DB + "info/" + DB + "title").text
    articles = []
    for art in root.findall(DB + "article"):
        heads = []
        for sec in art.findall(DB + "section"):
            label = sec.get("label")
            text = "".join(sec.find(DB + "title").itertext())
            marker = marker_of(sec)
            heads.append(marker + text if marker else (label + "　" if label else "") + text)
        name = "".join(art.find(DB + "info/" + DB + "title").itertext())
        articles.append((name, heads))
        # an official document: its 版头 is drawn above its title, its attachments are bookmarked
        # after its sections, each from a page of its own that opens with its label
        info = art.find(DB + "info")
        roles = ("copy-number", "secrecy", "urgency", "organ-mark")
        BANNER[name] = [t for e in info.findall(DB + "bibliomisc") if e.get("role") in roles for t in (e.text or "").split("\n")]
        BANNER[name] += [e.text for e in info.findall(DB + "biblioid") if e.get("otherclass") == "docnumber"]
        signers = ["".join(e.itertext()) for e in info.findall(DB + "othercredit") if e.get("otherclass") == "signer"]
        BANNER[name] += ["签发人："] + signers if signers else []
        ATTACHMENTS[name] = [("".join(a.find(DB + "title").itertext()) if a.find(DB + "title") is not None else "", a.get("label") or "")
                             for a in art.findall(DB + "appendix")]
    return title, articles


BANNER, ATTACHMENTS = {}, {}


def without_banner(art, page):
    """The page's text after the article's 版头 (none for an article that is no official document)."""
    items = [squeeze(b) for b in BANNER.get(art, []) if squeeze(b)]
    while True:
        item = next((b for b in items if page.startswith(b)), None)
        if item is None:
            return page
        page = page[len(item):]


def outline(pdf):
    data = json.loads(run("qpdf", "--json", "--json-key=outlines", pdf).stdout)["outlines"]
    return [(o["title"], o.get("destpageposfrom1"), [(k["title"], k.get("destpageposfrom1"),
             [(s["title"], s.get("destpageposfrom1")) for s in k.get("kids", [])]) for k in o.get("kids", [])])
            for o in data]


def bad_breaks(pdf):
    html = run("pdftotext", "-bbox-layout", pdf, "-").stdout
    root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", html))
    bad = []
    for line in root.iter(XH + "line"):
        text = "".join(w.text or "" for w in line.iter(XH + "word"))
        if text and (text[0] in NO_START or text[-1] in NO_END):
            bad.append(text)
    return bad


def main():
    pdf, book = sys.argv[1], sys.argv[2]
    depth = int(sys.argv[sys.argv.index("--toc-depth") + 1]) if "--toc-depth" in sys.argv else 1
    odd, header = "--odd" in sys.argv, "--no-header" not in sys.argv
    title, articles = expected(book)

    q = run("qpdf", "--check", pdf)
    check(q.returncode == 0, "qpdf --check finds no error", q.stdout + q.stderr)
    rows = [l.split() for l in run("pdffonts", pdf).stdout.splitlines()[2:] if l.strip()]
    check(rows and all(r[-5:-2] == ["yes", "yes", "yes"] for r in rows),
          "every font embedded, subset, with a ToUnicode map", rows)
    bad = bad_breaks(pdf)
    check(not bad, "no line starts with closing or ends with opening punctuation (clreq)", bad[:3])

    pages = run("pdftotext", "-layout", "-enc", "UTF-8", pdf, "-").stdout.split("\f")[:-1]
    lines = [[l.strip() for l in p.splitlines() if l.strip()] for p in pages]
    numbers = [int(NUMBER.match(l[-1]).group(1)) if l and NUMBER.match(l[-1]) else None for l in lines]
    check(squeeze(title) in squeeze("".join(lines[0])) and numbers[0] is None,
          "page 1 is the cover: the collection's title, no number")
    check(lines[1 + odd] and lines[1 + odd][0] == "目录", "the contents come next", lines[1 + odd][:1])
    front = numbers.index(1) if 1 in numbers else len(pages)
    check(all(n is None for n in numbers[:front]) and 1 < front < len(pages),
          "the cover and the contents are unnumbered, page 1 follows them", numbers[:front + 1])
    wrong = [(i + 1, n) for i, n in enumerate(numbers[front:], front)
             if (n != i - front + 1) if n is not None or lines[i]]
    check(not wrong, f"page numbers run 1 … {len(pages) - front} on every page after the contents", wrong[:5])
    if odd:
        check(front % 2 == 0, "odd breaks: page 1 is a right-hand page (an even number of pages before it)", front)

    # the contents' lines, white space removed; an entry may wrap, its number ends its last line
    contents = "\n".join(squeeze(l) for p in lines[1:front] for l in p)
    entry = lambda text: re.compile("\n?".join(re.escape(c) for c in squeeze(text)) + r"(\d+)$", re.M)
    at, refs, prev = 0, [], 0
    for art, heads in articles:
        m = entry(art).search(contents, at)
        if not check(m is not None, f"the contents list {art}"):
            continue
        at, n = m.end(), int(m.group(1))
        refs.append((art, n))
        page = squeeze("".join(lines[front + n - 1])) if front + n - 1 < len(lines) else ""
        check(without_banner(art, page).startswith(squeeze(art)),
              f"{art}: the contents' page {n} is where its title is drawn, first on the page (under its 版头)",
              page[:40])
        check(n > prev, f"{art}: after the article before it", (prev, n))
        if odd:
            check(n % 2 == 1, f"{art}: starts on a right-hand (odd) page", n)
        prev = n
        for head in heads if depth >= 2 else []:
            h = entry(head).search(contents, at)
            if not check(h is not None, f"the contents list the section {head[:20]}"):
                continue
            at, s = h.end(), int(h.group(1))
            check(squeeze(head) in squeeze("".join(lines[front + s - 1])),
                  f"{head[:20]}: drawn on the contents' page {s}")
    if depth < 2:
        check(not any(entry(h).search(contents) for _, hs in articles for h in hs),
              "no section entries in the contents at depth 1")

    starts = [front + n - 1 for _, n in refs] + [len(pages)]
    missing = []
    for (art, n), end in zip(refs, starts[1:]):
        # a long title is cut after a whole word, before an opening mark, at most 23 characters then "…"
        shows = lambda l: l == art or (len(art) > 24 and l.endswith("…") and 0 < len(l) - 1 <= 23
                                       and art.startswith(l[:-1]))
        for i in range(front + n, min(end, len(lines))):
            labels = [squeeze(label) for _, label in ATTACHMENTS.get(art, [])]
            if lines[i] and header != shows(lines[i][0]) and squeeze(lines[i][0]) not in labels:
                missing.append((i + 1, lines[i][0][:30]))
    check(not missing, "every page of an article after its first has its title as the running header"
          if header else "no running header (the style has none)", missing[:3])

    tree = outline(pdf)
    check(len(tree) == 1 and tree[0][0] == title and tree[0][1] == 1,
          "one top bookmark: the collection, at the cover", [t[:2] for t in tree])
    kids = tree[0][2] if tree else []
    check([k[0] for k in kids] == ["目录"] + [a for a, _ in articles],
          "under it the contents and every article, in order", [k[0] for k in kids])
    check([k[1] for k in kids[1:]] == [front + n for _, n in refs], "each article's bookmark opens its first page",
          ([k[1] for k in kids[1:]], [front + n for _, n in refs]))
    check(all([s[0] for s in k[2]] == heads + [t or label for t, label in ATTACHMENTS.get(art, [])]
              for k, (art, heads) in zip(kids[1:], articles)),
          "under each article its sections (then its attachments), in order")


if __name__ == "__main__":
    main()
