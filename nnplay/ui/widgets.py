"""Small helpers shared by the panels."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractSlider, QAbstractSpinBox, QComboBox, QFrame, QGraphicsOpacityEffect, QLabel, QStyle,
    QStyleOptionComboBox, QVBoxLayout, QWidget,
)

from .coalesced import Coalesced
from .elide import ElidingComboBox, short_name
from .focus_keys import keep_keys_for_focus


def named(widget: QWidget, name: str, tip: str, accessible: str | None = None) -> QWidget:
    """Give a control its objectName, accessible name and one-sentence tooltip,
    and let it keep the window's shortcuts working (see ``leave_shortcuts_to_the_window``)."""
    widget.setObjectName(name)
    widget.setAccessibleName(accessible or name.replace("_", " "))
    widget.setToolTip(tip)
    widget.setAccessibleDescription(tip)
    leave_shortcuts_to_the_window(widget)
    return widget


def leave_shortcuts_to_the_window(widget: QWidget) -> None:
    """Space plays, Right steps, M goes to Max wherever the pointer last clicked:
    buttons, check boxes, lists and sliders take the keyboard focus only by Tab
    (a click leaves it where it was, so Space does not tick the box just clicked),
    and a number field gives the focus back once Enter confirms what was typed.
    A control tabbed to keeps its own keys (Space presses a focused button: see focus_keys)."""
    keep_keys_for_focus(widget)
    if isinstance(widget, (QAbstractButton, QComboBox, QAbstractSlider)):
        widget.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    elif isinstance(widget, QAbstractSpinBox):
        widget.editingFinished.connect(widget.clearFocus)


class _DimWhenDisabled(QObject):
    """Fades a disabled control and greys its labels: some styles draw a disabled
    slider exactly like an enabled one."""

    def __init__(self, widget: QWidget, buddies):
        super().__init__(widget)
        self.widget, self.buddies = widget, buddies
        self.effect = QGraphicsOpacityEffect(widget)
        self.effect.setOpacity(0.35)
        widget.setGraphicsEffect(self.effect)
        widget.installEventFilter(self)
        self.apply()

    def apply(self) -> None:
        on = self.widget.isEnabled()
        self.effect.setEnabled(not on)
        for b in self.buddies:
            b.setEnabled(on)

    def eventFilter(self, obj, ev) -> bool:
        if ev.type() == QEvent.Type.EnabledChange:
            self.apply()
        return False


def dim_when_disabled(widget: QWidget, *buddies: QWidget) -> None:
    """While ``widget`` is disabled it is drawn faded and ``buddies`` (its title
    and value labels) are disabled with it."""
    _DimWhenDisabled(widget, buddies)


def layer_name(l: int, n_layers: int) -> str:
    """What every panel calls layer ``l`` of a network with ``n_layers`` weight
    layers: "inputs" (l = 0), "layer 1" .. "layer L-1", "output" (l = L)."""
    return "inputs" if l == 0 else ("output" if l == n_layers else f"layer {l}")


def unit_name(l: int, i: int, n_layers: int, input_names=None) -> str:
    """Unit ``i`` (0-based) of layer ``l`` in words: an input's name (or "input
    i+1"), "neuron i+1 of layer l", or "output i+1"."""
    if l == 0:
        return short_name(input_names[i]) if input_names is not None else f"input {i + 1}"
    return f"output {i + 1}" if l == n_layers else f"neuron {i + 1} of layer {l}"


def heading(text: str) -> QLabel:
    label = QLabel(text.upper())
    label.setObjectName("heading")
    label.setStyleSheet("font-weight: 600; letter-spacing: 1px; color: palette(mid); padding-top: 4px;")
    return label


class Section(QFrame):
    """A titled column of the window."""

    def __init__(self, title: str, tip: str = "", parent=None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(6, 4, 6, 4)
        self.layout_.setSpacing(4)
        title_label = QLabel(title)
        title_label.setObjectName(f"section_{title.lower()}")
        title_label.setToolTip(tip)
        title_label.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.layout_.addWidget(title_label)
        self.title_label = title_label  # (pinned at the top of its scrolled column: pinned_heading)

    def add(self, widget: QWidget, stretch: int = 0) -> QWidget:
        self.layout_.addWidget(widget, stretch)
        return widget


class FittedComboBox(ElidingComboBox):
    """A combo box as wide as the item it shows, not as its widest item (its
    list still opens as wide as every item), so a narrow column can hold it;
    in a QFormLayout with WrapLongRows a long choice moves below its label
    instead of being cut. An item longer than ``elide.COMBO_EM`` is elided (a
    CSV column's name may be thousands of characters long)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(1)
        self.currentIndexChanged.connect(lambda _: self.updateGeometry())

    def sizeHint(self) -> QSize:
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        text = min(self.fontMetrics().horizontalAdvance(self.currentText() or "M"), self.cap_px())
        if not self.itemIcon(self.currentIndex()).isNull():
            text += self.iconSize().width() + 4
        contents = QSize(text, self.fontMetrics().height())
        return self.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, contents, self)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()


class _EventHook(QObject):
    """Calls ``slot()`` when the watched object receives an event of one of ``types``
    (it lets the event through); a child of that object, so it lives as long."""

    def __init__(self, watched: QObject, types, slot):
        super().__init__(watched)
        self._types, self._slot = tuple(types), slot
        watched.installEventFilter(self)

    def eventFilter(self, obj, ev) -> bool:
        if ev.type() in self._types:
            self._slot()
        return False


def on_event(watched: QObject, types, slot) -> None:
    """Call ``slot()`` whenever ``watched`` gets an event of one of ``types``
    (e.g. ``(QEvent.Type.Resize,)``)."""
    _EventHook(watched, types, slot)


def after_font_change(widget: QWidget, fit, types=(QEvent.Type.FontChange,)) -> None:
    """Call ``fit()`` once ``widget`` has taken in a new font (an event of ``types``
    reaches a filter before the widget does: its sizes are still the old font's), and
    before the window is painted: a call posted at normal priority (``coalesced``), not
    a timer, which ran after the paint, so that a zoom step was laid out and painted twice."""
    on_event(widget, types, Coalesced(fit, widget).request)


def keep_wrapped_height(widget: QWidget) -> None:
    """Keep ``widget`` at least as tall as its wrapped contents need at its present
    width (a QFormLayout whose rows wrap, a FlowLayout): box layouts and splitters
    ask a widget for one minimum height whatever its width, and would squeeze it.
    Measured again when its width or its contents change (a zoom, a layer added):
    a minimum kept from a larger font would keep the window from shrinking."""

    def fit() -> None:
        kept = widget.minimumHeight()
        if isinstance(widget, QLabel):  # its height-for-width is never under its minimum: it would only grow
            widget.setMinimumHeight(0)
        need = widget.heightForWidth(widget.width())
        need = need if need > 0 else kept
        if need != widget.minimumHeight():
            widget.setMinimumHeight(need)

    on_event(widget, (QEvent.Type.Resize, QEvent.Type.LayoutRequest), fit)
    # a font change reaches this filter before the widget has taken it in (a QLabel's
    # height-for-width is still the old font's): measure once the event is through, before the
    # window is painted (a timer ran after the paint: a zoom step was laid out and painted twice)
    after_font_change(widget, fit, (QEvent.Type.FontChange, QEvent.Type.StyleChange))


class NoHeightForWidth:
    """Mixed into a QWidget whose layout wraps (it has a height for every width)
    and that shares a column with others: Qt's box layout takes a wrapping
    widget's preferred height at that width as its minimum, and lets it overlap
    its neighbour when the column is short. Such a widget reports no
    height-for-width; keep_wrapped_height keeps its minimum height right.

    Its preferred height is its contents' height at its present width: Qt's
    ``QWidget.sizeHint`` gives the height at the hint's (narrowest) width, where
    the rows wrap most, and the column gave the panel that much; the spare
    pixels went between its rows, which moved under the pointer as a click
    wrapped or unwrapped them (the Network panel's "+" at 1100x680)."""

    def hasHeightForWidth(self) -> bool:
        return False

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth() and self.width() > 0:
            hint.setHeight(max(layout.totalHeightForWidth(self.width()), self.minimumHeight()))
        return hint


class ShowsRunState:
    """Mixed into a settings panel with ``show_settings(config, data)``: ``bind(state)``
    shows a ``RunState`` from then on (and the panel's controls write their changes to it)."""

    def bind(self, state) -> None:
        self._state = state
        state.subscribe(lambda _: self.show_settings(state.config, state.data), ("config", "data", "refused"))
        self.show_settings(state.config, state.data)


def nest(outer, inner, *args) -> None:
    """``outer.addLayout(inner, *args)``, without the Python wrappers PySide keeps of
    ``inner``'s items: adding a filled layout makes PySide wrap every item in it
    (QWidgetItem, QSpacerItem) and keep the wrappers with ``outer``. Qt deletes an
    item without PySide knowing (a widget removed, the window closed), and the
    wrapper, still taken for valid, then stood for the next object Qt put at that
    address ("'QSpacerItem' object has no attribute 'isVisible'"). Those wrappers
    are let go here; the items stay Qt's. Items of a Python layout (``FlowLayout``)
    are its own Python objects and are kept.

    (Nesting each sub-layout while it is still empty, then filling it, makes no
    wrappers either, but only if every level is built in that order: a layout
    filled and then added to one already nested is wrapped again, and nothing
    shows it. This works in any order; ``insertLayout`` wraps as ``addLayout``
    does, and tests/ui/test_nest.py checks that no module calls either itself.)"""
    outer.addLayout(inner, *args)
    _let_go_of_items(inner)


def _let_go_of_items(layout) -> None:
    if type(layout).__module__.startswith("nnplay"):  # a Python layout holds its items itself
        return
    for i in range(layout.count()):
        item = layout.itemAt(i)
        sub = item.layout()
        if sub is not None:
            _let_go_of_items(sub)
        else:
            shiboken6.invalidate(item)


def width_for_text(widget: QWidget, text: str, extra: int = 0, fixed: bool = False) -> None:
    """Keep ``widget`` at least (``fixed``: exactly) as wide as ``text`` in its
    font plus ``extra`` pixels, now and after every font change (View › Zoom): a
    width measured once, in the font it was made with, cut the zoomed text."""

    def fit() -> None:
        need = widget.fontMetrics().horizontalAdvance(text) + extra
        widget.setFixedWidth(need) if fixed else widget.setMinimumWidth(need)
        if isinstance(widget, QLabel):  # its cached size hint, grown to the zoomed minimum width, would stay so
            widget.setIndent(widget.indent())  # (after a zoom out) until its text changed: made again now

    fit()
    after_font_change(widget, fit)


def keep_lines(label: QLabel, lines: int) -> None:
    """Keep the word-wrapped ``label`` at least ``lines`` lines of its font high,
    now and after a font change: its height then does not follow its text (a
    dialog whose message went from one line to two grew, and jumped)."""

    def fit() -> None:
        margins = label.contentsMargins()
        label.setMinimumHeight(lines * label.fontMetrics().lineSpacing() + margins.top() + margins.bottom())

    fit()
    after_font_change(label, fit)
