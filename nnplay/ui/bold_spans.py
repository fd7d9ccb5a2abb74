"""A read-out's rich text that is only plain words and ``<b>`` numbers, drawn without a document.

A ``QLabel`` showing rich text parses it into a ``QTextDocument`` and lays that
out at every new text: about 0.2 ms a read-out (the loss and the epoch on every
frame, the accuracy too on a large CSV's frames; issue 20), where a plain text
costs a twentieth of that. The read-outs' markup is nothing but bold numbers
("Loss: train <b>0.1234</b>  test <b>0.1300</b>"), which a painter draws as
runs of the plain and the bold font, one after another, as Qt's text layout
places them (the same pixels: ``tests/ui/test_bold_spans.py``). Any other
markup (an entity, ``<small>``, a line break) is left to Qt (``spans`` is None).
"""

from __future__ import annotations

import functools
import math
import re

from PySide6.QtCore import QPointF
from PySide6.QtGui import QFont, QFontMetricsF, QPainter

_TAG = re.compile(r"(</?b>)")
_OTHER_MARKUP = re.compile(r"[<>&]")
_SPACES = re.compile(r"\s+")


def spans(text: str) -> list[tuple[str, bool]] | None:
    """``text`` as (words, bold) runs with HTML's white space (a run of spaces is one), or None
    when it holds markup other than ``<b>``/``</b>`` (not nested), or starts or ends with a space."""
    out, bold = [], False
    for part in _TAG.split(text):
        if part in ("<b>", "</b>"):
            if bold == (part == "<b>"):
                return None  # nested or unbalanced: Qt's reading, not ours
            bold = part == "<b>"
        elif part:
            if _OTHER_MARKUP.search(part):
                return None
            out.append((_SPACES.sub(" ", part), bold))
    joined = "".join(words for words, _ in out)
    if bold or not joined or joined != joined.strip() or "  " in joined:
        return None  # (spaces across a tag would collapse in HTML too: left to Qt)
    return out


def plain(runs: list[tuple[str, bool]]) -> str:
    """The runs' words, without their markup (what a screen reader reads)."""
    return "".join(words for words, _ in runs)


@functools.lru_cache(maxsize=16)
def _fonts(described: str):
    """The plain and the bold font of the font ``described`` (``QFont.toString``), and their metrics."""
    normal = QFont()
    normal.fromString(described)
    heavy = QFont(normal)
    heavy.setBold(True)
    return {False: normal, True: heavy}, {False: QFontMetricsF(normal), True: QFontMetricsF(heavy)}


def paint(label, runs: list[tuple[str, bool]]) -> None:
    """Draw ``runs`` in ``label`` (a QLabel, left and vertically centred in its contents rect, no
    indent or margin) where its rich text would be: the line's height and ascent those of the fonts
    it uses, each run at the advance of the runs before it."""
    fonts, metrics = _fonts(label.font().toString())
    used = [metrics[b] for b in {b for _, b in runs}]
    height = max(m.height() for m in used)
    ascent = max(m.ascent() for m in used)
    rect = label.contentsRect()
    # (QLabel's layoutRect: the line centred, its top then aligned down to a whole pixel)
    x, y = float(rect.left()), math.floor(rect.top() + max((rect.height() - height) / 2, 0.0)) + ascent
    p = QPainter(label)
    p.setPen(label.palette().color(label.foregroundRole()))
    for words, bold in runs:
        p.setFont(fonts[bold])
        p.drawText(QPointF(x, y), words)
        x += metrics[bold].horizontalAdvance(words)
    p.end()
