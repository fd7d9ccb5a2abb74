"""The training-health findings (training.health) as the Distributions tab
shows them: one line per finding, the alarms first, each elided at its end
with "…" to the room it has (a wrapped finding was cut mid-sentence by the
tab's few lines), and every finding whole in the tooltip."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF

ALARM_MARK = "<b style='color:#c0392b'>!</b>"
NOTE_MARK = "<b>·</b>"
NOTHING = "<b>Health:</b> nothing looks wrong."
SLACK_PX = 6  # a line a few pixels short of its room never wraps on a rounding


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def health_height(font: QFont, lines: int) -> int:
    """The height, in pixels, of ``lines`` lines of the findings in ``font`` as their label lays
    them out (a rich-text document: its margin and its bold heading's line included; the font's
    line spacing alone cut the foot of the line at 1280x800: fault 7 of round 15)."""
    from PySide6.QtWidgets import QLabel

    ruler = QLabel()
    ruler.setFont(font)
    ruler.setTextFormat(Qt.TextFormat.RichText)
    ruler.setText(f"<b>Health (9):</b> {ALARM_MARK} Wg" + "<br>Wg" * (max(1, lines) - 1))
    return ruler.sizeHint().height() + 1


def health_lines(findings, font: QFont, width_px: float, lines_shown: int | None = None) -> tuple[str, str]:
    """(rich text, tooltip) for ``findings`` shown in ``width_px`` pixels of
    ``font``: the heading "Health (n):" and the first finding on one line, each
    further finding on a line of its own, a message too long for its line
    elided at its end ("…"); the tooltip has every finding whole ('' when none was cut,
    and no more than ``lines_shown`` lines, the lines the tab shows without scrolling, are)."""
    if not findings:
        return NOTHING, ""
    bold = QFont(font)
    bold.setBold(True)
    plain, strong = QFontMetricsF(font), QFontMetricsF(bold)
    lines, whole, cut = [], [], False
    ordered = sorted(findings, key=lambda f: f.severity != "alarm")
    heading = f"Health ({len(findings)}):"
    for i, f in enumerate(ordered):
        mark = ALARM_MARK if f.severity == "alarm" else NOTE_MARK
        used = strong.horizontalAdvance(("! " if f.severity == "alarm" else "· ") + (heading + " " if i == 0 else ""))
        room = max(0.0, width_px - used - SLACK_PX)
        shown = plain.elidedText(f.message, Qt.TextElideMode.ElideRight, room)
        cut |= shown != f.message
        lines.append(f"{mark} {_escape(shown)}")
        whole.append(("! " if f.severity == "alarm" else "· ") + f.message)
    text = f"<b>{heading}</b> " + "<br>".join(lines)
    cut |= lines_shown is not None and len(findings) > lines_shown  # (some scrolled out of sight)
    return text, ("\n".join(whole) if cut else "")
