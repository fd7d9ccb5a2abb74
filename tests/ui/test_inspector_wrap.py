"""The inspector's equations wrap as equations: the left side and its "=" on one line, the right-hand
side wrapped only before its operators, every line of it indented under its start. With Numbers ticked,
a flowed row put A[2] of "Z[3] = W[3] A[2] + b[3]" at the left margin, under Z[3], on the left of "="
(tester 20, s42c.png). Every equation the inspector shows (forward, backward, update; the output error's
parentheses, dropout's mask), Numbers on and off, narrow to wide, and zoomed in."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from nnplay.training import TrainConfig, Trainer
from nnplay.ui.inspector import InspectorWindow
from tests.sweep import sweep

pytestmark = pytest.mark.timeout(300)

TRACES = ({"hidden": (8, 8, 8)}, {"hidden": (6,), "optimizer": "adam", "l2": 0.01},
          {"hidden": (5, 4), "loss": "tanh_mse", "dropout": 0.2})


def _trace(**config):
    t = Trainer(TrainConfig(**{"dataset": "xor", "batch_size": 10, "seed": 1, **config}))
    t.run(2)
    return t.trace_next_batch()


def _role(w, seen_eq: bool) -> str:
    """What a widget of an equation's row is, read from what it shows: "sep", "eq", "op", "close" or a term ""."""
    if not isinstance(w, QLabel) or type(w).__name__ == "MatrixView":
        return ""
    text = w.text()
    if not text.strip():
        return "sep"
    if not seen_eq and text.rstrip().endswith(("=", ":")):
        return "eq"
    return "close" if text.startswith(")") else "op"


def _equations(eq):
    """(left side, right side) of each equation of ``eq``'s row, each a list of (widget, role) as laid out."""
    out, lhs, rhs, seen = [], [], [], False
    for i in range(eq.row.count()):
        w = eq.row.itemAt(i).widget()
        if w is None or w.isHidden():
            continue
        kind = _role(w, seen)
        if kind == "sep":
            out.append((lhs, rhs))
            lhs, rhs, seen = [], [], False
        elif not seen:
            lhs.append((w, kind))
            seen = kind == "eq"
        else:
            rhs.append((w, kind))
    out.append((lhs, rhs))
    return [(l, r) for l, r in out if any(k == "eq" for _, k in l)]


def wrap_problems(win) -> list[str]:
    found = []
    for eq in win.equations:
        if eq.isHidden():
            continue
        room = eq.row.geometry().right() + 1
        for lhs, rhs in _equations(eq):
            where = f"{eq.formula.text()[:40]!r} at {win.width()} px, Numbers {win.numbers.isChecked()}"
            top = lhs[0][0].y()
            if any(w.y() != top for w, _ in lhs):
                found.append(f"{where}: its left side is split over lines")
            if not rhs:
                continue
            start = rhs[0][0]
            if start.y() == top and start.x() < lhs[-1][0].geometry().right():
                found.append(f"{where}: its right side begins left of '='")
            if start.y() != top and start.x() <= lhs[0][0].x():
                found.append(f"{where}: its right side begins under the left side, not indented")
            lines, parts, part_of = {}, [], {}
            for w, kind in rhs:
                lines.setdefault(w.y(), []).append((w, kind))
                if kind == "op" or not parts:
                    parts.append([])
                parts[-1].append(w)
                part_of[id(w)] = parts[-1]
            gap = eq.row.spacing()
            for y, items in lines.items():
                w, kind = min(items, key=lambda p: p[0].x())
                if w.x() < start.x():
                    found.append(f"{where}: {w.objectName() or getattr(w, 'title', '') or w.text()!r} is left of "
                                 f"the right side's start ({w.x()} < {start.x()}), under the left side")
                elif y != start.y() and w.x() != start.x():
                    found.append(f"{where}: a line of its right side is not indented under its start")
                elif y != start.y() and kind != "op" and \
                        sum(o.width() + gap for o in part_of[id(w)]) - gap <= room - start.x():  # (split: too wide)
                    found.append(f"{where}: a line breaks before {getattr(w, 'title', '')!r}, not at an operator")
    return found


@sweep("width", [700, 1000, 1280, 1900], default=0)
@pytest.mark.parametrize("config", TRACES, ids=["sgd", "adam-l2", "tanh-mse-dropout"])
def test_every_equation_wraps_at_its_operators_under_its_right_side(qtbot, config, width):
    trace = _trace(**config)
    win = InspectorWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.set_trace(trace)
    found = []
    win.resize(width, 700)
    for numbers in (False, True):
        win.numbers.setChecked(numbers)
        for layer in range(len(trace.layers), 0, -1):
            win.show_layer(layer)
            QApplication.processEvents()
            found += wrap_problems(win)
    assert found == []
