"""What the screen shows, cell by cell, from Textual's own screenshot: characters, colours, contrast."""

from __future__ import annotations

import html
import re
import unicodedata

import attrs
from rich.cells import cell_len

# Rich draws its SVG with 20px text, cells 0.61 of that wide and lines 1.22 of it high.
CELL_WIDTH = 20 * 0.61
LINE_HEIGHT = 20 * 1.22

_CLASS = re.compile(r"\.(terminal-\d+-r\d+) \{ ([^}]*)\}")
_RECT = re.compile(r'<rect fill="(#[0-9a-f]{6})" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="[\d.]+" shape')
_TEXT = re.compile(
    r'<text class="(terminal-\d+-r\d+)" x="([\d.]+)" y="[\d.]+" textLength="[\d.]+" '
    r'clip-path="url\(#terminal-\d+-line-(\d+)\)">(.*?)</text>',
    re.S,
)


@attrs.frozen
class Cell:
    line: int
    column: int
    char: str
    foreground: str
    background: str

    @property
    def contrast(self) -> float:
        return contrast(self.foreground, self.background)


def cells(svg: str) -> list[Cell]:
    """Every character drawn but spaces, with the colour it is drawn in and the colour behind it."""
    fills = {name: re.search(r"fill: (#[0-9a-f]{6})", rule)[1] for name, rule in _CLASS.findall(svg)}
    behind: dict[tuple[int, int], str] = {}
    for fill, x, y, width in _RECT.findall(svg):
        line, column = round((float(y) - 1.5) / LINE_HEIGHT), round(float(x) / CELL_WIDTH)
        for offset in range(round(float(width) / CELL_WIDTH)):
            behind[line, column + offset] = fill
    drawn = []
    for name, x, line, text in _TEXT.findall(svg):
        column = round(float(x) / CELL_WIDTH)
        for char in html.unescape(text):
            if not char.isspace():  # a line's end, and spaces, whose colour nobody reads
                drawn.append(Cell(int(line), column, char, fills[name], behind[int(line), column]))
            column += cell_len(char)
    return drawn


def is_text(char: str) -> bool:
    """A letter, digit, punctuation or symbol someone reads; not a line, block or shade drawing a box or bar."""
    if char.isspace() or 0x2500 <= ord(char) <= 0x259F or 0x2800 <= ord(char) <= 0x28FF:
        return False
    return unicodedata.category(char)[0] in "LNPS"


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG 2's contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def rows(app) -> list[str]:
    """The screen as lines of text, each as wide as the screen."""
    width, height = app.size
    grid = [[" "] * width for _ in range(height)]
    for cell in cells(app.export_screenshot()):
        if cell.line < height and cell.column < width:
            grid[cell.line][cell.column] = cell.char
    return ["".join(row) for row in grid]


def text_in(app, region) -> str:
    """The words shown in a region of the screen, line breaks read as spaces, scrollbars and borders left out."""
    lines = rows(app)[region.y : region.bottom]
    shown = " ".join(line[region.x : region.right] for line in lines)
    return " ".join("".join(c if is_text(c) else " " for c in shown).split())
