"""The diagram's activation labels name an activation as the activation menu
does ("Tanh", "ReLU"), in their short form too (it said "tanh▾" beside the
menu's "Tanh")."""

from __future__ import annotations

from nnplay.engine import ACTIVATIONS
from nnplay.ui.layer_activation import LABELS, SHORT


def test_every_short_label_has_the_case_of_the_menus_name():
    for a in ACTIVATIONS:
        full, short = LABELS[a], SHORT.get(a, a)
        assert short[0] == full[0], (a, short, full)  # same first letter, same case
        assert short.lower() == full.lower()[:len(short)] or short in ("LReLU",), (a, short, full)


def test_the_diagrams_short_labels_read_as_the_menu(window, qtbot):
    c = window.controller
    c.change(hidden=(6, 6, 6, 6, 6))  # narrow gaps: the short form
    qtbot.waitUntil(lambda: c.run_info.sizes == (2, 6, 6, 6, 6, 6, 1), timeout=10000)
    qtbot.wait(100)
    labels = window.diagram.activation_labels
    texts = [item.toPlainText() for item, _ in labels.items]
    assert labels._short and texts == ["Tanh▾"] * 5
