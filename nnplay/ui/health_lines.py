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


def health_lines(findings, font: QFont, width_px: float) -> tuple[str, str]:
    """(rich text, tooltip) for ``findings`` shown in ``width_px`` pixels of
    ``font``: the heading "Health (n):" and the first finding on one line, each
    further finding on a line of its own, a message too long for its line
    elided at its end ("…"); the tooltip has every finding whole ('' when none was cut)."""
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
    return text, ("\n".join(whole) if cut else "")
