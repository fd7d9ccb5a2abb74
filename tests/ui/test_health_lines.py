"""The health findings in the Distributions tab are never cut mid-sentence
without a mark: each finding is one line, elided with "…" to the tab's width,
and the tooltip has every finding whole (at 1024 and 1280 px the first finding
was cut at the tab's edge, with no "…")."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextDocument

from nnplay.training import TrainConfig, Trainer
from nnplay.training.loop import Frame


@pytest.fixture(scope="module")
def sick_run():
    t = Trainer(TrainConfig(hidden=(8,) * 6, activation="sigmoid"))
    t.run(40)
    return t


def _lines(label, room) -> tuple[list[str], int]:
    """The label's lines, and how many lines they take when laid out in ``room`` pixels."""
    doc = QTextDocument()
    doc.setDefaultFont(label.font())
    doc.setDocumentMargin(0)
    doc.setHtml(label.text())
    doc.setTextWidth(room)
    doc.size()  # laid out
    laid = 0
    block = doc.begin()
    while block.isValid():
        laid += block.layout().lineCount()
        block = block.next()
    return doc.toPlainText().split("\n"), laid


@pytest.mark.parametrize("width", [330, 420, 900])
def test_every_finding_is_one_line_that_fits_or_ends_in_an_ellipsis(qtbot, sick_run, width):
    from nnplay.ui.distributions_view import DistributionsView

    t = sick_run
    view = DistributionsView()
    qtbot.addWidget(view)
    view.resize(width, 300)  # a short tab: the findings get one line, the rest scroll
    view.show()
    qtbot.waitExposed(view)
    view.set_run(t.run_info())
    view.set_frame(Frame(t.run_id, t.copy().snapshot(distributions=True), False, 0.0))
    findings = view._frame.snapshot.health
    assert findings, "a sigmoid run six layers deep has findings"
    lines, laid = _lines(view.health, view.health.width())
    assert len(lines) == len(findings)  # one line each...
    assert laid == len(lines), lines  # ...that fits the tab's width: none wraps onto a line the tab hides
    cut = [line for line in lines if line.endswith("…")]
    if width < 600:
        assert cut, lines  # these messages do not fit 330 or 420 px
    if cut:
        assert all(f.message in view.health.toolTip() for f in findings)  # every finding whole on hover
