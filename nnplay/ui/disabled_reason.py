"""A click on a greyed-out control says why, where it was clicked (round 17, fault 3): a key for a
disabled inspector button showed its reason in a refusal note (``refusal_note``), a click showed
nothing (its reason was in the tooltip alone, which a user who clicks does not wait for).

``give_reason(widget, why)`` registers ``why()`` (one line, or None) as the reason ``widget`` is
disabled. The application's one event filter (``app_events``) then answers a mouse press on it, or on
a part of it (a spin box's text field), while it is disabled, with ``refuse_near`` at the pointer, and
a hover with the same line as its tooltip. Enabled, the widget works and shows its tooltip as before.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent
from PySide6.QtGui import QHelpEvent, QMouseEvent
from PySide6.QtWidgets import QToolTip, QWidget

from .app_events import watch
from .refusal_note import refuse_near

REASON = "_why_disabled"  # the attribute that holds a widget's reason function


def give_reason(widget: QWidget, why: Callable[[], str | None]) -> QWidget:
    """``why()``: why ``widget`` is disabled now, in one line (None: no reason to give). Returned."""
    setattr(widget, REASON, why)
    watch(QMouseEvent, _pressed)
    watch(QHelpEvent, _hovered)
    return widget


def reason_at(obj) -> tuple[QWidget, str] | tuple[None, None]:
    """(the disabled widget with a reason that ``obj`` is or lies in, its reason), or (None, None)."""
    w = obj if isinstance(obj, QWidget) else None
    while w is not None and not w.isEnabled():
        why = getattr(w, REASON, None)
        if why is not None:
            text = why()
            return (w, text) if text else (None, None)
        w = w.parentWidget()
    return None, None


def _pressed(obj, event) -> bool:
    owner, text = reason_at(obj) if event.type() == QEvent.Type.MouseButtonPress else (None, None)
    if owner is not None:
        refuse_near(owner, text, obj.mapTo(owner, event.position().toPoint()))
    return owner is not None


def _hovered(obj, event) -> bool:
    owner, text = reason_at(obj) if event.type() == QEvent.Type.ToolTip else (None, None)
    if owner is not None:
        QToolTip.showText(event.globalPos(), text, owner)
    return owner is not None
