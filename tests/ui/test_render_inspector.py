"""Tester's report item 3: `nnplay render --panel inspector` draws the inspector
as the window shows it, laid out so that nothing is scrolled away: no matrix
drawn below its scroll area's frame, no stray scroll bar, the chain rule's table
whole; and the export never draws a widget its scroll area hides."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from nnplay.training import TrainConfig, Trainer
from nnplay.ui.export import _seen_rect, export_view
from nnplay.ui.render import PanelViews, panel_frame


@pytest.fixture(scope="module")
def trainer():
    t = Trainer(TrainConfig.from_text("dataset=circle&hidden=8,8&batch_size=10&seed=2"))
    t.run(3)
    return t


@pytest.mark.parametrize("size", [(1600, 1200), (800, 600)])
def test_the_rendered_inspector_shows_all_it_holds_inside_its_frames(qapp, trainer, tmp_path, size):
    from PySide6.QtGui import QImage

    views = PanelViews("inspector")
    try:
        views.show_run(trainer.run_info(), panel_frame(trainer, "inspector"))
        _, scale = views.lay_out(size)
        insp = views.inspector
        assert insp.shows_everything()
        scroll = insp.scroll
        assert not scroll.verticalScrollBar().isVisible() and not scroll.horizontalScrollBar().isVisible()
        assert not insp.chain.table.verticalScrollBar().isVisible()
        for w in scroll.widget().findChildren(QWidget):  # every matrix and label inside the scroll area's frame
            if w.isVisibleTo(insp):
                assert _seen_rect(w, insp) == w.rect(), w.objectName() or type(w).__name__
        for suffix in (".png", ".svg"):
            out = tmp_path / f"inspector{suffix}"
            export_view(views, "inspector", out, scale)
            assert out.stat().st_size > 1000
        image = QImage(str(tmp_path / "inspector.png"))
        assert abs(image.width() - size[0]) <= 2 and abs(image.height() - size[1]) <= 2
    finally:
        views.close()


def test_a_widget_scrolled_away_is_not_drawn(qtbot):
    top = QWidget()
    qtbot.addWidget(top)
    scroll = QScrollArea(top)
    scroll.setGeometry(0, 0, 200, 100)
    body = QWidget()
    body.setFixedSize(180, 600)
    lay = QVBoxLayout(body)
    near, far = QLabel("near"), QLabel("far")
    near.setFixedHeight(80)
    far.setFixedHeight(40)
    lay.addWidget(near)
    lay.addStretch(1)
    lay.addWidget(far)
    scroll.setWidget(body)
    top.resize(200, 300)
    top.show()
    qtbot.waitExposed(top)
    assert _seen_rect(far, top).isEmpty()  # below the scroll area's viewport: nothing of it is drawn
    seen = _seen_rect(near, top)
    assert not seen.isEmpty() and seen.height() <= near.height()
    assert seen.bottom() + near.mapTo(top, near.rect().topLeft()).y() < scroll.height()
