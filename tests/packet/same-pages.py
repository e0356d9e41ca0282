#!/usr/bin/env python3
"""usage: same-pages.py PACKET.layout ARTICLE.layout…  (the -t layout of a packet and of each of its
articles converted alone, in the packet's order)

Every article of a packet is set exactly as it is alone: after the cover and the contents, the
packet's pages are each article's own pages, line for line and point for point (running header
included), apart from the page numbers, which run on, and the blank pages --article-break odd adds.
Prints one PASS/FAIL line per article."""
import re
import sys


def pages(path):
    """The pages of a layout dump, each a list of its lines without the footer; and the number of
    pages before page 1."""
    text = open(path, encoding="utf-8").read()
    m = re.match(r"pages \d+, .*?(?:, (\d+) before page 1)?\n", text)
    out = []
    for line in text[m.end():].splitlines():
        if line.startswith("page "):
            out.append([line.split()[-1]] if line.endswith("(blank)") else [])
        elif not line.startswith("  footer "):
            out[-1].append(line)
    return out, int(m.group(1) or 0)


def main():
    packet, front = pages(sys.argv[1])
    at = front
    for path in sys.argv[2:]:
        alone, _ = pages(path)
        while at < len(packet) and packet[at] == ["(blank)"]:
            at += 1
        mine = packet[at:at + len(alone)]
        diff = next((k for k, (a, b) in enumerate(zip(mine, alone)) if a != b), None)
        ok = len(mine) == len(alone) and diff is None
        detail = "" if ok else f": page {diff + 1 if diff is not None else len(mine)} of {len(alone)} differs"
        print(("PASS" if ok else "FAIL") + f" {path}: its {len(alone)} pages in the packet are its pages alone{detail}")
        at += len(alone)
    print(("PASS" if at == len(packet) else "FAIL") + " the packet holds nothing after its last article")


if __name__ == "__main__":
    main()
