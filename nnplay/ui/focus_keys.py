"""The window's one-key shortcuts (Space plays, Right steps, ...) give way to
the control that has the keyboard focus, as Qt's own widgets expect.

Qt asks the focused widget first, with a *ShortcutOverride* event, whether it
wants a key that is also a shortcut (a line edit takes every printable key that
way). Buttons, combo boxes, sliders and tables do not, so without this a
window-wide Space starts training instead of pressing the button the user
tabbed to. ``keep_keys_for_focus`` installs one event filter on such a control
that claims, while it has the focus it was given by Tab, the keys it uses
itself (see ``OWN_KEYS``); and Enter/Return presses a push or tool button
tabbed to (Qt's *autoDefault*, which buttons outside a dialog do not have).
A control focused otherwise (Qt focuses the first control of a window when it
opens) leaves the keys to the window's shortcuts, so that Space plays in a
window the user has not tabbed through.

A click leaves the focus where it was (``widgets.leave_shortcuts_to_the_window``), so a
number field clicked into kept it while the user clicked a tab, a button or a plot, and
Space then typed into the field instead of playing (tester 13: Space did nothing after a
click on the Curves tab). ``_on_click``, on the application's one event filter (``app_events``), takes the
focus from a text field (line edit, spin box, editable combo box or text edit) when the user
clicks anywhere else in its window: the field confirms what it holds (as on Enter), and the
window's shortcuts work again. A click on a panel's background (a label, the panel itself: what takes no
focus and is no control) takes the focus from a button, box or list as a click on a plot does: a Clear
that kept the focus (after a dialog closed) was pressed by the next Space, and 2,000 loaded points
were gone (tester 20).

Qt moves the focus on by itself when the focused widget is hidden or disabled (an inline editor
closing on Enter or Esc, a panel folding away), and calls that a *Tab* (``focusNextPrevChild``):
the next control in the chain, a check box, then took Space as if tabbed to, and the run did not
play (tester 16: "Show test data" ticked after the diagram's weight editor closed). A focus that
arrives so, from a widget just hidden or disabled (``_on_focus_out`` notes its FocusOut), is not a
Tab of the user's: the window's shortcuts keep their keys. A text field takes Space whatever the
reason it got the focus, so one that the focus would land in so (a column hidden by presentation,
the column fit or a panel toggle while its control had the focus: tester 20, the layer-1 width box
blanked by Space) does not get it: the focus goes to the window, where Space plays.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFocusEvent, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QMenu,
    QMenuBar,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTabBar,
    QTextEdit,
    QToolButton,
    QWidget,
)

from .app_events import watch

K = Qt.Key
# the keys a focused control of each kind uses itself (Qt's own key handling of that class)
OWN_KEYS = (
    (QAbstractButton, {K.Key_Space}),
    (QComboBox, {K.Key_Space, K.Key_Up, K.Key_Down}),
    (QAbstractSlider, {K.Key_Left, K.Key_Right, K.Key_Up, K.Key_Down}),
    (QAbstractItemView, {K.Key_Space, K.Key_Left, K.Key_Right}),
)
ENTER = (K.Key_Return, K.Key_Enter)
TABBED = "nnplay_tabbed"  # the property: the control got the focus by Tab (its focus frame is shown)
R = Qt.FocusReason
TAB_REASONS = (R.TabFocusReason, R.BacktabFocusReason)
KEEPS_TABBED = (R.ActiveWindowFocusReason, R.PopupFocusReason, R.MenuBarFocusReason)


ARROWS = {K.Key_Left, K.Key_Right, K.Key_Up, K.Key_Down}


def own_keys(widget: QWidget) -> set:
    """The keys ``widget`` handles itself when it has the focus (none for other widgets): a button of
    an exclusive group (the data sets) also its arrows, which move to the group's next button as Qt
    has it (Tab reaches only the checked one of such a group)."""
    keys = next((keys for kind, keys in OWN_KEYS if isinstance(widget, kind)), set())
    if isinstance(widget, QAbstractButton) and (widget.autoExclusive() or widget.group() is not None):
        return keys | ARROWS
    return keys


class _FocusKeys(QObject):
    """The event filter shared by every control ``keep_keys_for_focus`` is given."""

    def eventFilter(self, obj, ev) -> bool:
        t = ev.type()
        if t in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            if ev.reason() not in KEEPS_TABBED:  # (a window losing and getting back the focus keeps it)
                obj.setProperty(TABBED, t == QEvent.Type.FocusIn and ev.reason() in TAB_REASONS
                                and not _moved_on_by_qt)
        elif not obj.property(TABBED):
            pass  # focused by a click or when its window opened: the window's shortcuts win, as before
        elif t == QEvent.Type.ShortcutOverride and obj.hasFocus():
            plain = (ev.modifiers() & ~Qt.KeyboardModifier.KeypadModifier) == Qt.KeyboardModifier.NoModifier
            if plain and ev.key() in own_keys(obj):
                ev.accept()  # the key goes to the widget, not to the window's shortcut
                return True
        elif t == QEvent.Type.KeyPress and ev.key() in ENTER and _pressable(obj) and obj.isEnabled():
            if obj.menu() is not None:
                obj.showMenu()
            else:
                obj.animateClick()
            return True
        return False


def _pressable(obj) -> bool:
    """A push or tool button (a check box or radio button is toggled by Space only, as in Qt)."""
    return isinstance(obj, (QPushButton, QToolButton)) and not isinstance(obj, (QCheckBox, QRadioButton))


def types_space(widget) -> bool:
    """Whether ``widget`` (the focused one) takes Space as text: a line edit, spin box, editable
    combo box, or a text edit that is not read-only."""
    if isinstance(widget, (QTextEdit, QPlainTextEdit)):
        return not widget.isReadOnly()
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    return isinstance(widget, (QLineEdit, QAbstractSpinBox))


CONTROLS = (QAbstractButton, QAbstractSlider, QComboBox, QAbstractItemView, QMenuBar, QMenu, QTabBar)
_moved_on_by_qt = False  # the last focus left a widget that was hidden or disabled (Qt moves it on as a Tab)


def _on_focus_out(obj, ev) -> None:
    """The application's focus events (``app_events.watch``): note whether the focus left a widget
    hidden or disabled (Qt then moves it on as a Tab, see the module)."""
    global _moved_on_by_qt
    if ev.type() == QEvent.Type.FocusOut and isinstance(obj, QWidget):
        _moved_on_by_qt = ev.reason() in TAB_REASONS and not (obj.isVisible() and obj.isEnabled())
    elif (ev.type() == QEvent.Type.FocusIn and _moved_on_by_qt and ev.reason() in TAB_REASONS
          and isinstance(obj, QWidget) and types_space(obj)):
        _moved_on_by_qt = False
        obj.window().setFocus(Qt.FocusReason.OtherFocusReason)  # not a text field: Space plays


def _on_click(obj, ev) -> None:
    """The application's mouse events (``app_events.watch``): a press outside the focused text field,
    in its window, takes the focus from it (see the module)."""
    if ev.type() == QEvent.Type.MouseButtonPress and isinstance(obj, QWidget):
        focused = QApplication.focusWidget()
        if (focused is None or obj is focused or focused.isAncestorOf(obj) or obj.window() is not focused.window()
                or types_space(obj)):
            return
        if types_space(focused):
            focused.clearFocus()  # (a spin box confirms its text on losing the focus, as on Enter)
        elif own_keys(focused) and _background(obj):
            obj.window().setFocus(Qt.FocusReason.MouseFocusReason)  # as a click on a plot: Space plays


def _background(widget: QWidget) -> bool:
    """Whether ``widget`` is a panel's background (a label, a frame, the panel itself): it takes no
    focus and is no control, nor part of one (a menu bar, a scroll bar, a list's viewport)."""
    w = widget
    while w is not None and not w.isWindow():
        if w.focusPolicy() != Qt.FocusPolicy.NoFocus or isinstance(w, CONTROLS):
            return False
        w = w.parentWidget()
    return True


_filter: _FocusKeys | None = None
_watching = False  # _on_focus_out and _on_click are on the application's event filter


def keep_keys_for_focus(widget: QWidget) -> None:
    """Let ``widget``, while it has the focus, have the keys it uses (``OWN_KEYS``)
    before the window's shortcuts, and be pressed by Enter/Return if it is a button."""
    global _filter, _watching
    if not _watching:
        _watching = watch(QFocusEvent, _on_focus_out) and watch(QMouseEvent, _on_click)
    if not own_keys(widget):
        return
    if _filter is None:
        _filter = _FocusKeys()
    widget.installEventFilter(_filter)
