#!/usr/bin/env python3
"""Makes the CJK font shipped in this folder, and its coverage table.

Input: Noto Sans CJK (Debian package `fonts-noto-cjk`, the Simplified Chinese face,
index 2 of NotoSansCJK-Regular.ttc and NotoSansCJK-Bold.ttc). Output: subsets covering
every character of GBK plus ASCII, Latin-1 and the punctuation, arrow, mathematical,
enclosed and full-width blocks documents use, and `coverage.txt`, the ranges of
characters they cover (yijian reads it to report characters no shipped font covers, E1301).

    apt-get install fonts-noto-cjk && pip install fonttools
    python3 fonts/subset.py
"""

import pathlib
import subprocess
import sys

from fontTools.ttLib import TTFont

HERE = pathlib.Path(__file__).resolve().parent
FACE = 2  # Noto Sans CJK SC in the collections
WEIGHTS = ["Regular", "Bold"]
SOURCE = "/usr/share/fonts/opentype/noto/NotoSansCJK-%s.ttc"
OUTPUT = "NotoSansCJKsc-%s-GBK.otf"

# Blocks added to GBK: Latin-1, general punctuation, letterlike symbols, number
# forms, arrows, mathematical operators, enclosed alphanumerics, box drawing,
# geometric shapes, miscellaneous symbols, dingbats, CJK symbols, enclosed CJK,
# CJK compatibility (㎡), vertical forms, half- and full-width forms.
EXTRA = [
    (0x00A0, 0x00FF), (0x2000, 0x206F), (0x2100, 0x214F), (0x2150, 0x218F),
    (0x2190, 0x21FF), (0x2200, 0x22FF), (0x2460, 0x24FF), (0x2500, 0x257F),
    (0x25A0, 0x25FF), (0x2600, 0x26FF), (0x2700, 0x27BF), (0x3000, 0x303F),
    (0x3200, 0x32FF), (0x3300, 0x33FF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF),
]


# OpenType features left out of the subset (see above).
DROPPED_FEATURES = [
    "locl", "vert", "vrt2", "vkna", "vhal", "vpal", "vkrn", "valt", "ruby", "hwid", "fwid",
    "pwid", "twid", "qwid", "trad", "smpl", "jp78", "jp83", "jp90", "jp04", "hojo", "nlck", "expt",
]


def wanted():
    chars = set(range(0x20, 0x7F))
    for first in range(0x81, 0xFF):
        for second in range(0x40, 0xFF):
            if second == 0x7F:
                continue
            try:
                text = bytes([first, second]).decode("gbk")
            except UnicodeDecodeError:
                continue
            if len(text) == 1:
                chars.add(ord(text))
    for low, high in EXTRA:
        chars.update(range(low, high + 1))
    return chars


def subset(weight, unicodes):
    """Writes one weight's subset; returns the characters it covers."""
    output = HERE / (OUTPUT % weight)
    subprocess.run(
        [
            "pyftsubset", SOURCE % weight, "--font-number=%d" % FACE,
            "--unicodes-file=%s" % unicodes, "--output-file=%s" % output,
            "--no-hinting", "--notdef-outline", "--name-IDs=*",
            # The collection's faces share one glyph set: the language
            # (locl) and vertical features would pull in the Japanese,
            # Korean and Traditional forms, twice the glyphs.
            "--layout-features-=" + ",".join(DROPPED_FEATURES),
        ],
        check=True,
    )
    font = TTFont(output)
    cmap = font.getBestCmap()
    # ttf-parser (under typst) reads a format 4 cmap entry whose glyph id is
    # 32768 or more as no glyph: every character must map below that.
    highest = max(font.getGlyphID(name) for name in cmap.values())
    if highest >= 32768:
        sys.exit("%s: a character maps to glyph %d (>= 32768); typst would not find it" % (output.name, highest))
    print("%s: %d bytes, %d characters" % (output.name, output.stat().st_size, len(cmap)), file=sys.stderr)
    return set(cmap)


def main():
    unicodes = HERE / "unicodes.tmp"
    unicodes.write_text(",".join("U+%04X" % c for c in sorted(wanted())))
    try:
        covered = [subset(weight, unicodes) for weight in WEIGHTS]
    finally:
        unicodes.unlink()
    if any(c != covered[0] for c in covered):
        sys.exit("the weights cover different characters")
    ranges = []
    for c in sorted(covered[0]):
        if ranges and ranges[-1][1] + 1 == c:
            ranges[-1][1] = c
        else:
            ranges.append([c, c])
    lines = ["# Characters covered by the fonts in this folder, one range a line (hex, inclusive)."]
    lines += ["%04X-%04X" % (low, high) for low, high in ranges]
    (HERE / "coverage.txt").write_text("\n".join(lines) + "\n")
    print("coverage.txt: %d ranges" % len(ranges), file=sys.stderr)


if __name__ == "__main__":
    main()
