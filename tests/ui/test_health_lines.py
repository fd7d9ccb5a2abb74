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


def _svg_text(path) -> str:
    """The text an SVG draws, its pieces joined by spaces, whitespace collapsed (entities read)."""
    import html
    import re

    pieces = re.findall(r"<text[^>]*>([^<]*)</text>", path.read_text(encoding="utf-8"))
    return " ".join(" ".join(html.unescape(p) for p in pieces).split())


@pytest.mark.parametrize("suffix", [".svg", ".png"])
def test_an_export_of_the_tab_shows_every_finding_whole_and_the_tab_keeps_its_lines(qtbot, sick_run, tmp_path,
                                                                                     suffix):
    """File › Export of the Distributions tab cut the findings with "…" as the tab shows them; `nnplay render
    --panel distributions` wrapped them whole. An export (export.export_view) wraps them whole too, with
    render's code (DistributionsView.findings_whole), and the tab has its one elided line each again after."""
    from types import SimpleNamespace

    from nnplay.ui.distributions_view import DistributionsView
    from nnplay.ui.export import export_view, panel_parts, panel_size

    t = sick_run
    view = DistributionsView()
    qtbot.addWidget(view)
    view.resize(420, 300)
    view.show()
    qtbot.waitExposed(view)
    view.set_run(t.run_info())
    view.set_frame(Frame(t.run_id, t.copy().snapshot(distributions=True), False, 0.0))
    findings = view._frame.snapshot.health
    before, caption = view.health.text(), view.caption.text()
    assert "…" in before and "hover for more" in caption  # (the short tab elides them at 420 px)
    elided = panel_size(panel_parts(SimpleNamespace(distributions=view), "distributions")).height()
    out = tmp_path / f"dist{suffix}"
    export_view(SimpleNamespace(distributions=view), "distributions", out, 1.0)
    if suffix == ".svg":
        text = _svg_text(out)
        assert "…" not in text and "hover for more" not in text  # (the short tab's caption says it)
        assert all(" ".join(f.message.split()) in text for f in findings), text[:400]
    else:
        from PySide6.QtGui import QImage

        line = view.health.fontMetrics().lineSpacing()
        assert QImage(str(out)).height() >= elided + 2 * line  # the findings wrapped whole: lines more than elided
    qtbot.wait(50)
    assert view.health.text() == before and view.caption.text() == caption and not view.whole_findings
    assert view.health_scroll.maximumHeight() < 1000  # its few lines again, not fixed to the whole findings'


def test_the_health_lines_tooltip_says_how_often_it_is_made_while_playing():
    from nnplay.training.health import PLAYING_SECONDS
    from nnplay.ui.distributions_view import HEALTH_TIP

    assert PLAYING_SECONDS == 0.5 and "at most twice a second" in HEALTH_TIP and "paused" in HEALTH_TIP
