"""The diagram's activation labels name an activation as the activation menu
does ("Tanh", "ReLU"), in their short form too (it said "tanh▾" beside the
menu's "Tanh"), and sit on one row where they fit on one (at ×1.4 on 1280×800
every second one sat a row lower: their widths were measured with the text
box's margins)."""

from __future__ import annotations

from nnplay.engine import ACTIVATIONS
from nnplay.ui.layer_activation import FULL, LABELS, SHORT, SHORT_FORM, TINY, TINY_FORM
from tests.settle import settle


def test_every_short_label_has_the_case_of_the_menus_name():
    for a in ACTIVATIONS:
        full, short = LABELS[a], SHORT.get(a, a)
        assert short[0] == full[0], (a, short, full)  # same first letter, same case
        assert short.lower() == full.lower()[:len(short)] or short in ("LReLU",), (a, short, full)
        assert TINY[a][0] == full[0], (a, TINY[a], full)


def test_the_diagrams_short_labels_read_as_the_menu(window, qtbot):
    c = window.controller
    window.resize(1024, 740)  # (four columns: none can spare the Network column its drawing's width, drawing_width)
    c.change(hidden=(6, 6, 6, 6, 6))  # narrow gaps: the short form
    qtbot.waitUntil(lambda: c.run_info.sizes == (2, 6, 6, 6, 6, 6, 1), timeout=10000)
    labels = window.diagram.activation_labels
    qtbot.waitUntil(lambda: len(labels.items) == 5 and labels._form != FULL, timeout=5000)  # laid out in the narrow gaps
    texts = [item.toPlainText() for item, _ in labels.items]
    assert texts == [{SHORT_FORM: "Tanh▾", TINY_FORM: "T▾"}[labels._form]] * 5  # (the tiny form where it fits only)


def test_the_labels_sit_on_one_row_where_their_texts_fit(window, qtbot):
    from tests.layout_check import _glyphs

    window.resize(1280, 800)
    qtbot.wait(50)
    window.presentation.set_zoom(1.4)
    window.resize(1280, 800)
    settle(qtbot)
    items = [item for item, _ in window.diagram.activation_labels.items]
    assert len(items) == 2 and all(i.isVisible() for i in items)
    rects = [_glyphs(i) for i in items]
    assert len({round(r.top(), 1) for r in rects}) == 1  # one row
    assert not rects[0].intersects(rects[1])
