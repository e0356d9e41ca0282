#!/usr/bin/env python3
"""Write folio-test-box.otf: a tiny name-keyed OpenType CFF font (python3-fonttools) for the tests.

Three glyphs drawn as boxes with a hole (.notdef, A, 中), so a rendered page shows whether they
arrived.  Name-keyed (no ROS) on purpose: folio re-keys every CFF as CID-keyed, and Noto CJK,
the usual CFF face, is CID-keyed already.  usage: make-box-otf.py [OUTPUT]
"""
import sys

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen


def box(width, outer, hole):
    pen = T2CharStringPen(width, None)
    x0, y0, x1, y1 = outer
    pen.moveTo((x0, y0)); pen.lineTo((x1, y0)); pen.lineTo((x1, y1)); pen.lineTo((x0, y1)); pen.closePath()
    a, b, c, d = hole
    pen.moveTo((a, b)); pen.lineTo((a, d)); pen.lineTo((c, d)); pen.lineTo((c, b)); pen.closePath()
    return pen.getCharString()


fb = FontBuilder(1000, isTTF=False)
fb.setupGlyphOrder([".notdef", "A", "uni4E2D"])
fb.setupCharacterMap({0x41: "A", 0x4E2D: "uni4E2D"})
fb.setupCFF("FolioTestBox-Regular", {"FullName": "Folio Test Box"},
            {".notdef": box(500, (50, 0, 450, 700), (100, 50, 400, 650)),
             "A": box(600, (40, 0, 560, 700), (200, 100, 400, 500)),
             "uni4E2D": box(1000, (100, -80, 900, 820), (250, 200, 750, 600))}, {})
fb.setupHorizontalMetrics({".notdef": (500, 50), "A": (600, 40), "uni4E2D": (1000, 100)})
fb.setupHorizontalHeader(ascent=880, descent=-120)
fb.setupNameTable({"familyName": "Folio Test Box", "styleName": "Regular", "psName": "FolioTestBox-Regular"})
fb.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
fb.setupPost()
fb.save(sys.argv[1] if len(sys.argv) > 1 else "folio-test-box.otf")
