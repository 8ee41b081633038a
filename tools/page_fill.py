"""How full each page of a PDF is, and whether a page before a picture is more than a third empty.

Usage: python3 tools/page_fill.py FILE.pdf...   (exit status 1 when such a page is found)

Empty space is measured from the lowest text, picture or shading in the text area (one-inch
margins, so the footer is left out) down to the bottom margin, as a share of the text height.
"""

import sys

import pdfplumber

MARGIN = 72  # points: the documents have one-inch margins
LIMIT = 1 / 3


def emptiness(page):
    top, bottom = MARGIN, page.height - MARGIN
    lows = [w["bottom"] for w in page.extract_words() if w["bottom"] <= bottom + 4]
    lows += [i["bottom"] for i in page.images]
    lows += [r["bottom"] for r in page.rects if r["bottom"] <= bottom + 4]
    lowest = max(lows, default=top)
    return max(0.0, (bottom - lowest) / (bottom - top))


def main(paths):
    bad = 0
    for path in paths:
        name = path.rsplit("/", 1)[-1]
        with pdfplumber.open(path) as pdf:
            pages = [(emptiness(page), len(page.images)) for page in pdf.pages]
        for number, (empty, pictures) in enumerate(pages, start=1):
            if pictures and number > 1:
                before = pages[number - 2][0]
                verdict = "ok" if before <= LIMIT + 0.03 else "TOO EMPTY"
                print(f"{name}: picture on page {number}; page {number - 1} is {before:.0%} empty: {verdict}")
                bad |= verdict != "ok"
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
