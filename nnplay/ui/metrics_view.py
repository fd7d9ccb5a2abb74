"""Accuracy, precision/recall and the confusion matrix (classes), or RMSE and
R^2 (regression), for the training and test sets."""

from __future__ import annotations

import math
import os
import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from ..data import CLASSIFICATION
from ..numbers import count, format_alike, format_percent
from .colors import CLASS_NAME_CHARS, class_marks, class_rgb, hex_color
from .elide import elided_names
from .epoch_stamp import weights_text


def _pct(v):
    return format_percent(v)


class MetricsView(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.label = QLabel("")
        self.label.setObjectName("metrics_text")
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setWordWrap(True)  # the summary lines wrap to the column; the tables are kept narrow
        scroll = self.scroll = QScrollArea()
        scroll.setWidget(self.label)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout.addWidget(scroll)
        self.info = None

    def set_run(self, info) -> None:
        self.info = info
        self._frame = None
        self.label.setText("")

    def set_frame(self, frame) -> None:
        self._frame = frame
        if self.isVisible() or self.isWindow():  # hidden behind its tab: render when shown
            self._render()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._render()

    def _render(self) -> None:
        frame = getattr(self, "_frame", None)
        if frame is None:
            return
        q = frame.snapshot.quality
        if q is None or self.info is None:
            return
        data = self.info.data
        of = f"<p>Of the {weights_text(frame.snapshot)}.</p>"  # (the numbers are of one epoch's weights)
        if data.task == CLASSIFICATION:
            names, whole = elided_names(data.class_names, CLASS_NAME_CHARS)  # a CSV's class names may be long
            tags = short_tags([str(n) for n in data.class_names])  # (of the whole names: "0".."49", not 1..50)
            # the headings whole where the matrix fits the tab with them (fault 2 of round 19: "axo" for
            # "axolotl" at 1920 wide); short only where it does not, keyed below and in the tooltip
            shown = self._show_tables([of + self._classes_html(q, names, heads) for heads in (names, tags)])
            keys = [f"{t}: {n}" for t, n in zip(tags, data.class_names) if t != n] if shown else []
            self.label.setToolTip("\n".join(filter(None, ["\n".join(keys), whole])))
        else:
            self.label.setToolTip("")
            rmse = format_alike([r and r["rmse"] for r in (q["train"], q["test"])])  # (a column: one form)
            r2 = format_alike([r and r["r2"] for r in (q["train"], q["test"])])
            rows = "".join(f"<tr><td>{part}</td><td align=right>{e}</td><td align=right>{d}</td></tr>"
                           for part, e, d in zip(("train", "test"), rmse, r2))
            self._show_tables([of + f"<table cellpadding=4><tr><th></th><th>RMSE</th><th>R²</th></tr>{rows}</table>"
                              "RMSE in the target's own units."])

    def _show_tables(self, choices: list[str]) -> int:
        """Show the first of ``choices`` (the same tables, their headings whole, then short) whose tables
        fit the tab, every column whole: each in the label's font, else in a smaller one (down to SMALL_PT:
        12 classes at 1024x768 cut the last heading); where none fits, the last in the smaller font, the
        label keeping the tables' width and the tab scrolling sideways. Returns the index of the one shown."""
        room = self.scroll.viewport().width()
        smaller = f"<table cellpadding=1 style='font-size:{SMALL_PT}pt'>"
        fonts = (False, True) if self.label.font().pointSizeF() > SMALL_PT else (False,)
        tried = [(i, html.replace("<table cellpadding=2>", smaller) if small else html)
                 for i, html in enumerate(choices) for small in fonts]
        for i, html in tried:
            need = self._least_width(html)
            if need <= room or (i, html) == tried[-1]:
                break
        self.label.setMinimumWidth(need)
        self.label.setText(html)
        return i

    def _least_width(self, html: str) -> int:
        """The width (px) of the widest of ``html``'s tables in the label's font, each laid out unwrapped
        (the rest of the text wraps): a table given less was laid out narrower than it is drawn."""
        doc = QTextDocument()
        doc.setDefaultFont(self.label.font())
        doc.setDocumentMargin(0)
        widths = [0]
        for table in re.findall(r"<table.*?</table>", html, flags=re.S):
            doc.setHtml(table)
            widths.append(math.ceil(doc.size().width()))
        return max(widths)

    @staticmethod
    def _classes_html(q, names, tags) -> str:
        """The metrics of classes ``names`` (the set's, shortened to CLASS_NAME_CHARS) as HTML tables, the
        confusion matrix headed by ``tags`` (the names, or ``short_tags`` of them, keyed to the names below)."""
        parts = []
        k = len(names)
        colours = [hex_color(c) for c in class_rgb(max(2, k))]
        for part in ("train", "test"):
            r = q[part]
            if r is None:
                parts.append(f"<p><b>{part}</b>: no examples</p>")
                continue
            swatch = [f"<font color='{colours[j]}'>{mark}</font>" for j, mark in enumerate(class_marks(k))]  # (shapes)
            # the swatches a row above the headings: a swatch and a tag in one cell were drawn wider than Qt's
            # table laid them out, the headings ran into each other and the last was cut at 1024x768
            head = "".join(f"<th>{swatch[j]}</th>" for j in range(k)) + "</tr><tr><th></th>" + "".join(
                f"<th>{tags[j]}</th>" for j in range(k))
            body = ""
            for i in range(k):
                cells = "".join(
                    f"<td align=right>{'<b>' if i == j else ''}{r['confusion'][i][j]}{'</b>' if i == j else ''}</td>"
                    for j in range(k))
                body += f"<tr><td><nobr>{swatch[i]}{tags[i]}</nobr></td>{cells}</tr>"
            per_class = "".join(
                f"<tr><td>{swatch[i]} {names[i] if tags[i] == names[i] else f'{tags[i]}: {names[i]}'}</td>"
                f"<td align=right>{_pct(r['precision'][i])}</td>"
                f"<td align=right>{_pct(r['recall'][i])}</td></tr>" for i in range(k))
            parts.append(
                f"<p><b>{part}</b> ({count(r['n'], 'point')}): accuracy <b>{_pct(r['accuracy'])}</b>, "
                f"macro precision {_pct(r['macro_precision'])}{_never_predicted(r, names)}, "
                f"macro recall {_pct(r['macro_recall'])}</p>"
                f"<p>Confusion matrix: a row per true class, a column per predicted class</p>"
                f"<table cellpadding=2><tr><th></th>{head}</tr>{body}</table>"
                f"<table cellpadding=2><tr><th align=left>class</th><th>precision</th><th>recall</th></tr>"
                f"{per_class}</table>")
        return "".join(parts)


def _never_predicted(r, names) -> str:
    """How the macro precision counts a class never predicted (its precision "–": nothing to divide by), as
    scikit-learn's ``zero_division=0`` does: " (axolotl never predicted: counted as 0)"."""
    never = [names[i] for i in r.get("never_predicted", ())]
    if not never:
        return ""
    said = ", ".join(never[:3]) + (f" and {len(never) - 3} more" if len(never) > 3 else "")
    return f" ({said} never predicted: counted as 0)"


TAG_CHARS = 3  # a confusion matrix heading's most characters
SMALL_PT = 7.5  # the matrix's font where it is wider than the tab (then it scrolls sideways)


def short_tags(names: list[str]) -> list[str]:
    """The confusion matrix's headings for class ``names``, each at most TAG_CHARS long and
    all different, read from the names themselves so that they are the legend's naming:
    the names when short; else what tells them apart after a shared start or end
    ("class_0".."class_11" -> "0".."11"); else their first letters ("Adelie" -> "Ade");
    else, when those collide, letters A, B, ... (1, 2, ... past 26)."""
    if all(len(n) <= TAG_CHARS for n in names) and len(set(names)) == len(names):
        return list(names)
    start = len(os.path.commonprefix(names)) if len(names) > 1 else 0
    end = len(os.path.commonprefix([n[::-1] for n in names])) if len(names) > 1 else 0
    cores = [n[start:len(n) - end] if len(n) - end > start else n[start:] for n in names]
    for tags in (cores, [n[:TAG_CHARS] for n in names]):
        if all(0 < len(t) <= TAG_CHARS for t in tags) and len(set(tags)) == len(tags):
            return tags
    return [chr(ord("A") + j) if len(names) <= 26 else str(j + 1) for j in range(len(names))]
