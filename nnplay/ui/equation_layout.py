"""A layout for the inspector's equations of matrices: the items of a ``FlowLayout``,
wrapped as an equation is typeset, not as words in a paragraph.

Each widget says what it is by its property ``eq_role``:

- ``"eq"``: the "=" that ends an equation's left side (or a label that is a whole left
  side and its "=", "A[2] = tanh(Z[2]) ="); everything before it in the equation is the
  left side;
- ``"op"``: an operator of the right-hand side (+, −, ∗, "1/m ·", a second "="): a line
  may break before it, and nowhere else (a product W A without an operator stays whole);
- ``"close"``: a closing ")" kept with what it closes;
- ``"sep"``: the gap between two equations of one row (the next starts a new line when
  it does not fit whole);
- anything else: a term, kept with the operator before it.

The left side and its "=" stay on one line. The right-hand side continues on that line
and wraps before an operator, each new line indented to where it began; when a part
of it is too wide to stand beside the left side (a matrix of numbers), it begins on the
next line at HANG pixels and wraps there, so nothing of it is ever placed under the
left side. (A flowed row put A[2] of Z[3] = W[3] A[2] + b[3] on a line of its own at
the left margin, under Z[3], reading as a left side.) A part wider than the whole room
is split between its terms, the last resort.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize

from .flow_layout import FlowLayout

SEP = 24  # pixels between two equations on one line (besides the spacing)
HANG = 40  # pixels: a right-hand side too wide to stand beside its left side is indented this much below it


def role(item) -> str:
    """The ``eq_role`` of a layout item's widget ("" for a term or a spacer)."""
    w = item.widget()
    return str(w.property("eq_role") or "") if w is not None else ""


def equations(items) -> list[tuple[list, list[list]]]:
    """The visible ``items`` as equations: (left side with its "=", the right-hand side's parts), each
    part an operator with its terms; a "sep" item ends an equation (and is dropped)."""
    out, lhs, parts, seen_eq = [], [], [], False
    for item in items:
        if item.isEmpty():
            continue
        kind = role(item)
        if kind == "sep":
            if lhs or parts:
                out.append((lhs, parts))
            lhs, parts, seen_eq = [], [], False
        elif not seen_eq:
            lhs.append(item)
            seen_eq = kind == "eq"
        elif kind == "op" or not parts:
            parts.append([item])
        else:
            parts[-1].append(item)
    if lhs or parts:
        out.append((lhs, parts))
    return [(l, p) if any(role(i) == "eq" for i in l) else ([], [[i] for i in l] + p) for l, p in out]


class EquationLayout(FlowLayout):
    """A FlowLayout that wraps as equations do (see the module's docstring)."""

    def _place(self, rect: QRect, move: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        gap, right = self.spacing(), area.right() + 1
        at = [area.x(), area.y(), 0]  # x, y of the line, the line's height so far

        def new_line(x: int) -> None:
            at[0], at[1], at[2] = x, at[1] + at[2] + gap, 0

        def put(items) -> None:
            for item in items:
                hint = item.sizeHint()
                if move:
                    item.setGeometry(QRect(QPoint(at[0], at[1]), hint))
                at[0] += hint.width() + gap
                at[2] = max(at[2], hint.height())

        def width(items) -> int:
            return sum(i.sizeHint().width() for i in items) + gap * max(0, len(items) - 1)

        if move:  # a gap between equations takes no room of its own (the equations' own spacing is the gap)
            for item in self._items:
                if role(item) == "sep":
                    item.setGeometry(QRect(area.topLeft(), QSize(0, 0)))
        for lhs, parts in equations(self._items):
            widest = max((width(p) for p in parts), default=0)
            if at[0] > area.x() and at[0] + SEP + width(lhs) + gap + widest > right:  # (a second equation of the
                new_line(area.x())  # row: on a line of its own unless its left side and every part fit beside it)
            elif at[0] > area.x():
                at[0] += SEP
            put(lhs)
            indent = at[0]
            if parts and widest > right - indent and lhs:
                indent = area.x() + HANG  # too wide beside its left side: below it, hung
                new_line(indent)
            for part in parts:
                if at[0] > indent and at[0] + width(part) > right:
                    new_line(indent)
                if width(part) <= right - at[0]:
                    put(part)
                    continue
                for item in part:  # wider than the room: split between its terms
                    if at[0] > indent and at[0] + item.sizeHint().width() > right:
                        new_line(indent)
                    put([item])
        return at[1] + at[2] - rect.y() + m.bottom()
