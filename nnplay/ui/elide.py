"""Names of any length, shown in a bounded room: a CSV's column may be called
by a 5,000-character name, and no widget's minimum width may grow with it.

Text is elided in its middle with "…" (both ends of a column name tell
columns apart: ``sepal_len…_cm``), the way Qt elides (``QFontMetrics.elidedText``),
and the whole name goes in the tooltip. A list of names (a CSV's 50 classes) is cut on one side
chosen for the list so that different names stay different (``user_text.distinct_cuts``): cut in
the middle, "class_3_with_a_rather_long_name" and its 49 fellows all read "class_…_name"."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox, QStylePainter

from ..user_text import cut, distinct_cuts, middle_cut

NAME_CHARS = 40  # the most characters of a name a read-out or a title shows
COMBO_EM = 16  # the widest a combo box asks to be for its shown item, in widths of "M"
LABEL_EM = 9  # the widest a check box's or a short label's name is drawn, in widths of "M"


def short_name(text: str, limit: int = NAME_CHARS) -> str:
    """``text`` with its middle replaced by "…" when it is longer than ``limit``
    characters (``limit`` >= 3); shorter text is returned as it is."""
    return middle_cut(str(text), limit)


def wrapped(text: str, width: int = 80) -> str:
    """``text`` broken into lines of at most ``width`` characters (a tooltip wraps
    only at spaces, and a name may have none)."""
    text = str(text)
    return "\n".join(text[k:k + width] for k in range(0, len(text), width)) or text


def elided(text: str, font: QFont, width_px: float) -> str:
    """``text`` elided in its middle to fit ``width_px`` pixels in ``font`` (whole
    glyphs only: never clipped mid-glyph); as it is when it fits."""
    return QFontMetricsF(font).elidedText(str(text), Qt.TextElideMode.ElideMiddle, max(0.0, width_px))


def em_px(font: QFont, ems: float) -> float:
    """``ems`` widths of "M" in ``font``, in pixels."""
    return ems * QFontMetricsF(font).horizontalAdvance("M")


_QT_SIDE = {"middle": Qt.TextElideMode.ElideMiddle, "end": Qt.TextElideMode.ElideRight,
            "start": Qt.TextElideMode.ElideLeft}


def elided_list(names, font: QFont, width_px: float) -> list[str]:
    """``names`` each elided to ``width_px`` pixels in ``font``, on one side for the list, chosen so
    that different names stay different (``user_text.distinct_cuts``)."""
    metrics, room = QFontMetricsF(font), max(0.0, width_px)
    return distinct_cuts(names, lambda text, side: metrics.elidedText(text, _QT_SIDE[side], room))


def feature_labels(features, raw_names, font: QFont, width_px: float) -> list[str]:
    """The labels of ``features`` (``data.features.feature_label`` of the two ``raw_names``), each fitted to
    ``width_px`` pixels in ``font``: a label too wide has its names cut, as a list (``elided_list``), to the
    room its form leaves them (half each for a product), so that X₁² keeps its ² and "sepal_length…²"
    stays apart from "sepal_width_…²" (tester 22: cut whole in the middle, two inputs read alike)."""
    from ..data.features import feature_label

    metrics, out = QFontMetricsF(font), []
    for feature in features:
        label = feature_label(feature, raw_names)
        if metrics.horizontalAdvance(label) > width_px:
            form = feature_label(feature, ("\0", "\1"))  # which names it shows, and its own marks
            shown = [n for n in ("\0", "\1") if n in form]
            if not shown:
                label = elided(label, font, width_px)
            else:
                marks = metrics.horizontalAdvance(form.replace("\0", "").replace("\1", ""))
                short = elided_list([str(n) for n in raw_names[:2]], font, (width_px - marks) / len(shown))
                label = form.replace("\0", short[0]).replace("\1", short[1])
        out.append(label)
    return out


def distinct_mode(names, font: QFont, width_px: float) -> Qt.TextElideMode:
    """The elide mode, of Qt's middle, end and start, that keeps ``names`` apart at ``width_px`` pixels
    in ``font``: for a view that elides every row one way (middle where none does)."""
    metrics, want = QFontMetricsF(font), len({str(n) for n in names})
    for side in ("middle", "end", "start"):
        if len({metrics.elidedText(str(n), _QT_SIDE[side], max(0.0, width_px)) for n in names}) == want:
            return _QT_SIDE[side]
    return _QT_SIDE["middle"]


def elided_names(names, limit: int = NAME_CHARS) -> tuple[list[str], str]:
    """The user's ``names`` (column names, class names) each shortened to ``limit``
    characters, on one side for the list so that different names stay different
    (``user_text.distinct_cuts``), and a tooltip listing the whole names of those
    that were shortened ('' when none was)."""
    names = [str(n) for n in names]
    short = distinct_cuts(names, lambda text, side: cut(text, limit, side))
    whole = [wrapped(n) for n, s in zip(names, short) if s != n]
    return short, "\n".join(whole)


class ElidingComboBox(QComboBox):
    """A combo box that asks for at most COMBO_EM widths of "M" for its shown
    item, paints an item too long for its room elided with "…", and then puts
    the whole item first in its tooltip (its list still shows every item)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._tip = None  # the tooltip given by the program, under the whole item when elided
        self.view().setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.currentIndexChanged.connect(lambda _: self._update_tip())
        # items set while the box's signals are blocked: its size and tooltip follow once the program is done
        for signal in (self.model().rowsInserted, self.model().rowsRemoved, self.model().modelReset):
            signal.connect(self._changed_later)

    def _changed_later(self, *_) -> None:
        QTimer.singleShot(0, self, lambda: (self.updateGeometry(), self._update_tip()))

    def shown_text(self, width: int) -> str:
        """The current item as the closed box paints it in ``width`` pixels: elided on the side that
        keeps every item of the list apart (``elided_list``), so two items never read the same."""
        items = tuple(self.itemText(i) for i in range(self.count()))
        if self.currentIndex() < 0 or self.fontMetrics().horizontalAdvance(self.currentText()) <= width:
            return self.currentText()
        key = (items, width, self.font().key())
        if getattr(self, "_shown_key", None) != key:  # (the list's elided items, again only when it changes)
            self._shown_key, self._shown = key, elided_list(items, self.font(), width)
        return self._shown[self.currentIndex()]

    def showPopup(self) -> None:
        """The list as wide as its widest item (at most the screen's width): nothing in it elided."""
        view = self.view()
        widest = view.sizeHintForColumn(0)  # (its icon and margins with it)
        scroll = view.verticalScrollBar().sizeHint().width() if self.count() > self.maxVisibleItems() else 0
        screen = self.screen().availableGeometry().width() if self.screen() is not None else widest
        view.setMinimumWidth(min(widest + scroll + 2 * view.frameWidth() + 4, screen))
        super().showPopup()

    def cap_px(self) -> int:
        return COMBO_EM * self.fontMetrics().horizontalAdvance("M")

    def setToolTip(self, tip: str) -> None:
        self._tip = tip
        self._update_tip()

    def _text_rect_width(self) -> int:
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        return self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                           QStyle.SubControl.SC_ComboBoxEditField, self).width()

    def _text_room(self) -> int:
        """Pixels the shown item's text has: the edit field's, less its icon's where it has one."""
        icon = not self.itemIcon(self.currentIndex()).isNull() if self.currentIndex() >= 0 else False
        return self._text_rect_width() - (self.iconSize().width() + 4 if icon else 0)

    def is_elided(self) -> bool:
        """Whether the shown item is too long for the box (and painted elided)."""
        return self.fontMetrics().horizontalAdvance(self.currentText()) > self._text_room()

    def _update_tip(self) -> None:
        tip = self._tip or ""
        if self.is_elided():
            tip = f"{self.currentText()}\n{tip}" if tip else self.currentText()
        super().setToolTip(tip)

    def resizeEvent(self, ev) -> None:
        super().resizeEvent(ev)
        self._update_tip()

    def paintEvent(self, ev) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        option.currentText = self.shown_text(self._text_room())  # (the label draws the icon, then the text)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)
