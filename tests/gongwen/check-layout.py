#!/usr/bin/env python3
"""tests/gongwen/check-layout.py — an official document's pages in the gongwen style, from folio's own
boxes (`-t layout`), against GB/T 9704-2012: the grid (22 lines of 28 characters on a 156 x 225 mm type
area), the 版头's places, the signature and the date, the attachment list, the attachments, the 版记
and the page numbers.  Prints one PASS or FAIL line per check.

usage: check-layout.py FILE.layout [--handout]
  --handout: the default style's pages (no grid): only what holds in every style is checked.
"""
import re
import sys

MM = 72 / 25.4
EPS = 0.02
CJK = re.compile(r"^[\u3400-\u9fff\u3001\u3002\uff0c\uff1a\uff1b\uff01\uff1f\u3010\u3011\u300a\u300b]+$")
failures = 0


def check(ok, what, detail=""):
    global failures
    if ok:
        print(f"PASS {what}")
    else:
        failures += 1
        print(f"FAIL {what}" + (f": {detail}" if detail else ""))
    return ok


def near(a, b, eps=EPS):
    return abs(a - b) <= eps


class Line:
    def __init__(self, page, kind, y, h, x, w, k, n, keep, color, segs):
        self.page, self.kind, self.y, self.h, self.x, self.w = page, kind, y, h, x, w
        self.k, self.n, self.keep, self.color, self.segs = k, n, keep, color, segs

    @property
    def text(self):
        return "".join(t for _, _, t in self.segs)

    def seg_x(self, i=0):
        return self.x + self.segs[i][0]


def parse(path):
    head = None
    pages = []  # each: {"lines": [...], "seps": [...], "footer": (x, w, baseline, text) or None, "blank": bool}
    box = re.compile(r"^  (\S+)\s+y\s+([\d.]+) h\s+([\d.]+) x\s+([\d.]+) w\s+([\d.]+) (\d+)/(\d+)( keep)?( color #\w+)?:(.*)$")
    sep = re.compile(r"^  separator y\s+([\d.]+) h\s+([\d.]+) x\s+([\d.]+) w\s+([\d.]+) rule at y\s+([\d.]+) "
                     r"thick ([\d.]+) color #(\w+)$")
    foot = re.compile(r"^  footer\s+x\s+([\d.]+) w\s+([\d.]+) baseline\s+([\d.]+) (.*)$")
    seg = re.compile(r" \[(-?[\d.]+) ([+-][\d.]+)\]")
    for raw in open(path, encoding="utf-8"):
        raw = raw.rstrip("\n")
        if raw.startswith("pages "):
            m = re.search(r"([\d.]+) x ([\d.]+) pt, margins ([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)", raw)
            head = [float(v) for v in m.groups()]
        elif raw.startswith("page "):
            pages.append({"lines": [], "seps": [], "spaces": [], "footer": None, "blank": "(blank)" in raw})
        elif (m := sep.match(raw)):
            pages[-1]["seps"].append((float(m[1]), float(m[5]), float(m[6]), m[7], float(m[3]), float(m[4])))
        elif (m := foot.match(raw)):
            pages[-1]["footer"] = (float(m[1]), float(m[2]), float(m[3]), m[4])
        elif (m := box.match(raw)):
            parts = seg.split(m[10])[1:]
            segs = [(float(parts[i]), float(parts[i + 1]), parts[i + 2]) for i in range(0, len(parts), 3)]
            pages[-1]["lines"].append(Line(len(pages), m[1], float(m[2]), float(m[3]), float(m[4]), float(m[5]),
                                           int(m[6]), int(m[7]), bool(m[8]), m[9][8:] if m[9] else None, segs))
        elif raw.startswith("  space"):
            pages[-1]["spaces"].append(raw)
    return head, pages


def main():
    path = sys.argv[1]
    handout = "--handout" in sys.argv
    name = path.rsplit("/", 1)[-1]
    (pw, ph, top, right, bottom, left), pages = parse(path)
    lines = [ln for p in pages for ln in p["lines"]]
    area_w, area_h = pw - left - right, ph - top - bottom
    left_edge, right_edge, bottom_edge = left, pw - right, ph - bottom
    kinds = {ln.kind for ln in lines}

    # what every style shows: the date's right edge four characters in, the signature over it
    dates = [ln for ln in lines if ln.kind == "date"]
    sigs = [ln for ln in lines if ln.kind == "signature"]
    if handout:
        em = 12.0
        check(dates and all(near(d.x + d.w, right_edge - 4 * em) for d in dates),
              f"{name}: the date's right edge is four characters (4 x {em} pt) in from the type area's")
        check(sigs and dates and near(sigs[-1].x + sigs[-1].w / 2, dates[-1].x + dates[-1].w / 2),
              f"{name}: the signature is centred over the date")
        check(all(p["lines"] and p["lines"][0].kind in ("attachment-label", "attachment-title")
                  for p in pages if any(ln.kind == "attachment-label" for ln in p["lines"])),
              f"{name}: every attachment starts a page")
        return

    # the page (§5.2): A4, margins 37 mm top and 28 mm left, type area 156 x 225 mm
    check(near(pw, 210 * MM, 0.05) and near(ph, 297 * MM, 0.05), f"{name}: A4 pages")
    check(near(top, 37 * MM) and near(left, 28 * MM) and near(area_w, 156 * MM, 0.05) and near(area_h, 225 * MM, 0.05),
          f"{name}: margins 37 mm (top) and 28 mm (left), type area 156 x 225 mm")
    pitch, adv = area_h / 22, area_w / 28
    tracking = adv - 16

    # every line of the text on the 22-line grid: all but the 版头's mark and number, which have
    # places of their own (§7.2.4, §7.2.5: 35 mm down, two lines under the mark)
    grid = [ln for ln in lines if ln.kind not in ("organ", "doc-number", "signer")]
    off = [ln for ln in grid if not (near(ln.h, pitch) or (ln.h == 0 and ln.keep)) or
           not near(((ln.y - top) / pitch) % 1 if ((ln.y - top) / pitch) % 1 < 0.5 else ((ln.y - top) / pitch) % 1 - 1, 0, 0.001)]
    check(not off and len(grid) > 10, f"{name}: every one of {len(grid)} lines sits on the 22-line grid ({pitch:.2f} pt apart)",
          "; ".join(f"p{ln.page} {ln.kind} y {ln.y}" for ln in off[:3]))
    check(all(near(ln.y + ln.h, bottom_edge) or ln.y + ln.h < bottom_edge for ln in grid),
          f"{name}: no line below the type area")

    # 28 characters fill a full line: a body line set at the grid's advance spans 156 mm
    full = [ln for ln in lines if ln.kind in ("body", "addressee", "annotation") and ln.k < ln.n and
            len(ln.segs) == 1 and near(ln.segs[0][1], tracking, 0.002) and CJK.match(ln.text)]
    bad = [ln for ln in full if not near(ln.segs[0][0] / adv + len(ln.text), 28, 0.01)]
    check(full and not bad, f"{name}: {len(full)} full lines of plain text hold 28 characters each "
          f"(advance {adv:.3f} pt = 156 mm / 28), less a paragraph's two-character indent",
          "; ".join(f"{ln.text} at {ln.segs[0][0]}" for ln in bad[:2]))
    indents = [ln for ln in lines if ln.kind == "body" and ln.k == 1 and ln.segs]
    # (an opening bracket first on a squeezed line may give up some of its blank half)
    check(indents and all(near(ln.segs[0][0], 2 * adv) or (ln.text[0] in "（“《" and 1.5 * adv <= ln.segs[0][0] < 2 * adv)
                          for ln in indents), f"{name}: paragraphs open two characters in")

    # headings: their kind by their numbering (一、 黑体, （一） 楷体, 1. （1） 仿宋)
    want = [(re.compile(r"^[一二三四五六七八九十]+、"), "heading1"), (re.compile(r"^（[一二三四五六七八九十]+）"), "heading2"),
            (re.compile(r"^(\d+\.|（\d+）)"), "heading3")]
    heads = [ln for ln in lines if ln.kind.startswith("heading")]
    wrong = [ln for ln in heads if not any(rx.match(ln.text) and ln.kind == k for rx, k in want)]
    check(not wrong, f"{name}: {len(heads)} headings of the kind their numbering says",
          "; ".join(f"{ln.kind} {ln.text}" for ln in wrong[:3]))

    # page numbers (§7.5): 四号, 7 mm below the type area, odd pages right and even pages left, one character in
    feet = [(i + 1, p["footer"]) for i, p in enumerate(pages) if p["footer"]]
    badf = [n for n, (x, w, base, _) in feet
            if not near(base - 0.88 * 14 - bottom_edge, 7 * MM, 0.05) or
            not (near(x + w, right_edge - 14) if n % 2 else near(x, left_edge + 14))]
    check(feet and not badf, f"{name}: page numbers 7 mm below the type area, odd pages one character in from the right, "
          f"even pages from the left ({len(feet)} pages)", f"pages {badf}")
    check(all(re.fullmatch(rf"— {n} —", t) for n, (_, _, _, t) in feet), f"{name}: page numbers read — N —")

    # 版头 (§7.2)
    organ = [ln for ln in lines if ln.kind == "organ"]
    if organ:
        o = organ[0]
        check(o.page == 1 and near(o.y - top, 35 * MM, 0.01) and o.color == "E60000",
              f"{name}: the organ's mark is red (#E60000) on page 1, its top 35 mm below the type area's")
        check(near(o.x + o.segs[0][0] - left_edge, right_edge - (o.x + o.w - o.segs[0][0]) + 0 * o.w, 200),
              f"{name}: the organ's mark is centred")
        seps = [s for s in pages[0]["seps"] if s[3] == "E60000"]
        number = [ln for ln in pages[0]["lines"] if ln.kind == "doc-number"]
        check(len(seps) == 1 and near(seps[0][4], left_edge) and near(seps[0][5], area_w),
              f"{name}: one red separator as wide as the type area")
        if number and seps:
            em_bottom = number[0].y + (pitch - 16) / 2 + 16
            check(near(seps[0][1] - em_bottom, 4 * MM, 0.01), f"{name}: the red separator 4 mm under the document number")
            mark_bottom = o.y + (o.h - 36) / 2 + 36
            check(near(number[0].y + (pitch - 16) / 2 - mark_bottom, 2 * pitch, 0.01),
                  f"{name}: the document number two lines under the organ's mark")
            title = [ln for ln in pages[0]["lines"] if ln.kind == "title"]
            check(title and title[0].y + (pitch - 22) / 2 - seps[0][1] >= 2 * pitch - EPS and
                  title[0].y + (pitch - 22) / 2 - seps[0][1] < 3 * pitch,
                  f"{name}: the title on the grid, two lines under the separator")
    marks = [ln for ln in lines if ln.kind == "marking"]
    check(all(ln.page == 1 and near(ln.y, top + i * pitch) and near(ln.x + ln.segs[0][0], left_edge)
              for i, ln in enumerate(marks)),
          f"{name}: 份号, 密级, 紧急程度 ({len(marks)}) top left, a line each")
    signer = [ln for ln in lines if ln.kind == "signer"]
    if signer:
        number = [ln for ln in lines if ln.kind == "doc-number"][0]
        check(signer[0].h == 0 and near(signer[0].y, number.y) and near(signer[0].x + signer[0].w, right_edge - adv) and
              near(number.x, left_edge + adv),
              f"{name}: 签发人 one character in from the right, on the document number's line, which is one character in")
    addressee = [ln for ln in lines if ln.kind == "addressee"]
    check(addressee and near(addressee[0].seg_x(), left_edge) and
          any(ln.kind == "title" and near(addressee[0].y - ln.y, 2 * pitch) for ln in lines),
          f"{name}: the addressee flush left, one line under the title")

    # the attachment list (§7.3.4): "附件：" two characters in, the numbers under one another, the names too
    encl = [ln for ln in lines if ln.kind == "enclosures" and ln.k == 1]
    if encl:
        first = encl[0]
        check(first.text.startswith("附件：") and near(first.seg_x(), left_edge + 2 * adv),
              f"{name}: the attachment list opens 附件： two characters in")
        names = {round(ln.x, 2) for ln in encl}
        nums = [ln.seg_x() for ln in encl[1:]]
        check(len(names) == 1 and all(near(x, left_edge + 5 * adv) for x in nums),
              f"{name}: the attachments' numbers stand under the first, their names under its name")

    # signature and date (§7.3.5.1)
    check(dates and all(near(d.x + d.w, right_edge - 4 * adv) for d in dates),
          f"{name}: the date's right edge four characters ({4 * adv:.2f} pt) in from the type area's")
    check(sigs and dates and near(sigs[-1].x + sigs[-1].w / 2, dates[-1].x + dates[-1].w / 2) and
          near(dates[-1].y - sigs[-1].y, pitch),
          f"{name}: the signature centred over the date, on the line above it")
    notes = [ln for ln in lines if ln.kind == "annotation"]
    check(not notes or (all(near(ln.seg_x(), left_edge + 2 * adv) for ln in notes) and
                        near(notes[0].y - dates[-1].y, pitch) and notes[0].page == dates[-1].page),
          f"{name}: notes ({len(notes)}) two characters in, from the line under the date, on its page")

    # attachments (§7.3.7): from a new page, the label on its first line, the title on its third
    labels = [ln for ln in lines if ln.kind == "attachment-label"]
    for ln in labels:
        page = pages[ln.page - 1]["lines"]
        title = [t for t in page if t.kind == "attachment-title"]
        check(page[0] is ln and near(ln.y, top) and near(ln.seg_x(), left_edge) and title and
              near(title[0].y, top + 2 * pitch),
              f"{name}: {ln.text} on a page of its own: its label top left, its title on the third line")

    # 版记 (§7.4): on the last page, an even one, its last rule on the type area's bottom edge
    imprint = [ln for ln in lines if ln.kind == "imprint"]
    if imprint:
        last = pages[-1]
        seps = last["seps"]
        check(len(pages) % 2 == 0 and all(ln.page == len(pages) for ln in imprint),
              f"{name}: the 版记 on the last page, page {len(pages)}, an even one")
        check(seps and near(seps[-1][1], bottom_edge) and near(seps[-1][2], 0.35 * MM, 0.01) and
              near(seps[0][2], 0.35 * MM, 0.01) and all(near(s[2], 0.25 * MM, 0.01) for s in seps[1:-1]),
              f"{name}: the 版记 between thick rules, its last on the type area's bottom edge, thin ones between")
        cc = [ln for ln in imprint if ln.text.startswith("抄送：")]
        check(not cc or near(cc[0].seg_x(), left_edge + 14), f"{name}: 抄送 one character in")
        dated = [ln for ln in imprint if ln.text.endswith("印发")]
        check(dated and near(dated[0].x + dated[0].w, right_edge - 14), f"{name}: the date of printing one character in from the right")
    else:
        check("imprint" not in kinds, f"{name}: no 版记")


if __name__ == "__main__":
    main()
    sys.exit(1 if failures else 0)
