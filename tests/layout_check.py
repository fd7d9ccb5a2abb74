"""What a user would call clipped, cut, hidden or overlapping text in a window,
found by walking its widgets: used by test_layout_fits.py.

``text_problems(window)`` returns one line per fault (empty: all is well):

- a QLabel, button, combo box, line edit, spin box or tab narrower or lower
  than its text needs (Qt cuts or elides it when painting: "…se", "c", "0'");
- a widget that lies (partly) outside its window or its parent (which cuts
  it), two widgets of one layout drawn over each other, or a toolbar whose
  widgets went into its overflow menu;
- a pyqtgraph plot whose contents (axes, title, legend) are larger than the
  view showing them, so that they are cut, or a plot area (a ViewBox: a curve's,
  a heatmap's) squeezed under MIN_PLOT_PX high or wide, a strip no one can read;
- two tick labels of one pyqtgraph axis that overlap ("5001000 1500"), or two
  texts drawn in a plot (the diagram's layer titles) that overlap or are cut;
- a legend laid out above a plot's data that takes more than LEGEND_SHARE of
  the data's height (it wrapped onto rows and squeezed the curves);
- a status bar message wider than the bar (cut or elided at its right edge).
"""

from __future__ import annotations

import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractScrollArea, QAbstractSpinBox, QComboBox, QLabel, QLineEdit, QStyle,
    QScrollArea, QSplitter, QStackedLayout, QStatusBar, QStyleOptionComboBox, QTableView, QTabBar, QWidget,
)

SLACK = 1  # pixels of rounding forgiven
LEGEND_SHARE = 0.5  # a legend above a plot's data may take at most this share of the data's height
MIN_PLOT_PX = 40  # a plot's data area (a curve's, a heatmap's) under this many pixels high or wide is a strip
SIDEWAYS = ("network_diagram_scroll",)  # scroll areas made to scroll sideways: the diagram of a deep network in a
# narrow column, kept readable (nnplay.ui.diagram_room.keep_readable_width)


def describe(w: QWidget) -> str:
    text = ""
    for getter in ("text", "currentText"):
        if hasattr(w, getter):
            text = getattr(w, getter)()
            break
    return f"{type(w).__name__} {w.objectName() or '(unnamed)'} {text[:40]!r}"


def _shown(w: QWidget, top: QWidget) -> bool:
    return w.isVisible() and w.isVisibleTo(top) and w.width() > 0 and w.height() > 0


def _scrolls(w: QWidget, top: QWidget) -> bool:
    """Whether ``w`` lies in a scroll area inside ``top`` (it may be scrolled out of view, and reached)."""
    from nnplay.ui.render_room import in_scroll_area

    return in_scroll_area(w, top)


def _short(w: QWidget, need_w: int, need_h: int, what: str) -> list[str]:
    out = []
    if w.width() + SLACK < need_w:
        out.append(f"{describe(w)}: {w.width()} px wide, its {what} needs {need_w}")
    if w.height() + SLACK < need_h:
        out.append(f"{describe(w)}: {w.height()} px high, its {what} needs {need_h}")
    return out


def _label(w: QLabel) -> list[str]:
    if not w.text() or w.pixmap() is not None and not w.pixmap().isNull():
        return []
    hint = w.minimumSizeHint()
    if w.wordWrap():
        return _short(w, hint.width(), w.heightForWidth(w.width()), "wrapped text")
    return _short(w, hint.width(), hint.height(), "text")


def _combo(w: QComboBox) -> list[str]:
    option = QStyleOptionComboBox()
    w.initStyleOption(option)
    field = w.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                     QStyle.SubControl.SC_ComboBoxEditField, w)
    need = w.fontMetrics().horizontalAdvance(w.currentText())
    if not w.itemIcon(w.currentIndex()).isNull():
        need += w.iconSize().width() + 4
    if field.width() + SLACK < need:
        return [f"{describe(w)}: shows {field.width()} px of a text {need} px wide"]
    return []


def _tabs(w: QTabBar) -> list[str]:
    out = []
    for i in range(w.count()):
        if not w.isTabVisible(i):
            continue
        rect, hint = w.tabRect(i), w.tabSizeHint(i)
        if not w.rect().contains(rect):
            out.append(f"tab {w.tabText(i)!r} of {w.objectName() or 'a tab bar'} is scrolled out of its bar")
        elif rect.width() + SLACK < hint.width():
            out.append(f"tab {w.tabText(i)!r}: {rect.width()} px wide, its text needs {hint.width()}")
    return out


def _plot(view: pg.GraphicsView) -> list[str]:
    """The plot's items fit the view (else pyqtgraph cuts them), and no axis's tick labels overlap."""
    out = []
    item = getattr(view, "centralWidget", None)
    if item is not None:
        least = item.effectiveSizeHint(pg.QtCore.Qt.SizeHint.MinimumSize)
        vp = view.viewport().size()
        if least.width() > vp.width() + SLACK or least.height() > vp.height() + SLACK:
            out.append(f"plot {view.objectName() or type(view).__name__}: its items need "
                       f"{least.width():.0f}×{least.height():.0f} px, the view has {vp.width()}×{vp.height()}")
    out += _strips(view)
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    texts = [i for i in view.scene().items() if isinstance(i, pg.TextItem) and i.isVisible() and i.toPlainText()]
    rects = [_glyphs(i) for i in texts]
    for k, (a, ra) in enumerate(zip(texts, rects)):
        if not shown.adjusted(-SLACK, -SLACK, SLACK, SLACK).contains(ra):
            out.append(f"plot {view.objectName() or type(view).__name__}: text {a.toPlainText()!r} is cut by the view")
        out += [f"plot {view.objectName() or type(view).__name__}: texts {a.toPlainText()!r} and "
                f"{b.toPlainText()!r} overlap" for b, rb in zip(texts[k + 1:], rects[k + 1:]) if ra.intersects(rb)]
    for plot in [i for i in view.scene().items() if isinstance(i, pg.PlotItem) and i.isVisible()]:
        legend, data = getattr(plot, "legend", None), plot.getViewBox()
        # a pg.LegendItem in the plot's own layout (a key above the plot, a widget of its own, takes no room from it)
        if isinstance(legend, pg.LegendItem) and legend.isVisible() and legend.parentLayoutItem() is plot.layout and \
                legend.height() > LEGEND_SHARE * data.height():
            out.append(f"plot {view.objectName() or type(view).__name__}: its legend ({legend.height():.0f} px high) "
                       f"squeezes the data ({data.height():.0f} px)")
    for axis in [i for i in view.scene().items() if isinstance(i, pg.AxisItem) and i.isVisible()]:
        out += [f"plot {view.objectName() or type(view).__name__}, {axis.orientation} axis: {m}"
                for m in tick_label_overlaps(axis)]
    return out


def _strips(view: pg.GraphicsView) -> list[str]:
    """The plot areas of ``view`` squeezed under MIN_PLOT_PX (a colour bar's own thin box, and a
    view of a fixed size, made to its content's cells on purpose, aside)."""
    out = []
    if view.minimumHeight() == view.maximumHeight():
        return out
    for box in [i for i in view.scene().items() if isinstance(i, pg.ViewBox) and i.isVisible()]:
        if isinstance(box.parentItem(), pg.ColorBarItem) or not box.addedItems:
            continue  # a colour key is a bar by design; an empty box shows nothing to read
        size = box.sceneBoundingRect()
        if size.height() + SLACK < MIN_PLOT_PX or size.width() + SLACK < MIN_PLOT_PX:
            out.append(f"plot {view.objectName() or type(view).__name__}: a plot area is squeezed to "
                       f"{size.width():.0f}×{size.height():.0f} px (under {MIN_PLOT_PX})")
    return out


def _glyphs(item: pg.TextItem):
    """Where a TextItem's text is drawn, in scene pixels, less its document's margin."""
    m = item.textItem.document().documentMargin()
    return item.sceneBoundingRect().adjusted(m, m, -m, -m)


def tick_labels(axis: pg.AxisItem) -> list:
    """The tick labels ``axis`` draws, as pyqtgraph's (rect, flags, text) specs."""
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        painter.setFont(axis.style.get("tickFont") or axis.font())
        specs = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [] if specs is None else specs[2]


def tick_label_overlaps(axis: pg.AxisItem) -> list[str]:
    """The pairs of tick labels of ``axis`` that would be drawn on top of each other."""
    texts = tick_labels(axis)
    return [f"tick labels {a!r} and {b!r} overlap" for k, (ra, _, a) in enumerate(texts)
            for rb, _, b in texts[k + 1:] if ra.intersects(rb)]


def _laid_out(layout) -> list[QWidget]:
    """The widgets a layout (and its sub-layouts) places."""
    out = []
    for i in range(layout.count()):
        item = layout.itemAt(i)
        widget, sub = item.widget(), item.layout()
        if widget is not None:
            out.append(widget)
        elif sub is not None:
            out += _laid_out(sub)
        if sub is None and not type(layout).__module__.startswith("nnplay"):
            # PySide keeps the wrapper ``itemAt`` made of a Qt layout's item (a QWidgetItem, a
            # QSpacerItem) with the layout; Qt deletes the item without PySide knowing, and the
            # wrapper then stood for the next object at its address (a menu taken for a
            # QSpacerItem, on the shared test window). Let go of it, as widgets.nest does.
            shiboken6.invalidate(item)
    return out


def _overlaps(w: QWidget, top: QWidget) -> list[str]:
    """Two widgets of one layout, or of one splitter, drawn over each other (a squeezed column:
    a splitter narrower than its columns' least lays the last over the one before it)."""
    layout = w.layout()
    if isinstance(w, QSplitter):
        shown = [c for c in map(w.widget, range(w.count())) if _shown(c, top)]
    elif layout is None or isinstance(layout, QStackedLayout):
        return []
    else:
        shown = [c for c in _laid_out(layout) if _shown(c, top)]
    across = isinstance(w, QSplitter) and w.orientation() == Qt.Orientation.Horizontal  # side by side

    def by(a, b) -> int:
        both = a.geometry() & b.geometry()
        return both.width() if across else both.height()
    return [f"{describe(a)} and {describe(b)} overlap by {by(a, b)} px"
            for k, a in enumerate(shown) for b in shown[k + 1:] if a.geometry().intersects(b.geometry())]


def text_problems(top: QWidget) -> list[str]:
    """Every clipped, cut, hidden or overlapping text in the window ``top`` (see the module's docstring)."""
    problems = []
    frame = top.rect()
    for w in top.findChildren(QWidget):
        if not _shown(w, top):
            continue
        where = QRect(w.mapTo(top, QPoint(0, 0)), w.size())
        if not _scrolls(w, top) and not frame.contains(where):
            problems.append(f"{describe(w)} at {where.getRect()} is not wholly inside the window {frame.getRect()}")
        problems += _overlaps(w, top)
        parent = w.parentWidget()
        if (parent is not None and parent is not top and not isinstance(parent.parentWidget(), QAbstractScrollArea)
                and not parent.rect().contains(w.geometry())):
            problems.append(f"{describe(w)} at {w.geometry().getRect()} sticks out of its parent "
                            f"{describe(parent)} {parent.rect().getRect()}: it is cut")
        if isinstance(w, QLabel):
            problems += _label(w)
        elif isinstance(w, QComboBox):
            problems += _combo(w) + _short(w, w.minimumSizeHint().width(), w.minimumSizeHint().height(), "text")
        elif isinstance(w, (QAbstractButton, QAbstractSpinBox, QLineEdit)):
            if w.objectName() == "qt_toolbar_ext_button":
                problems.append(f"toolbar {w.parentWidget().objectName()} overflows into a menu")
            elif not isinstance(w.parentWidget(), (QAbstractSpinBox, QComboBox)):  # their own line edit
                problems += _short(w, w.minimumSizeHint().width(), w.minimumSizeHint().height(), "text")
        elif isinstance(w, QTabBar):
            problems += _tabs(w)
        elif isinstance(w, QScrollArea) and w.horizontalScrollBar().maximum() > 0 and \
                w.objectName() not in SIDEWAYS:
            problems.append(f"{describe(w)} scrolls sideways: its content is "
                            f"{w.horizontalScrollBar().maximum()} px wider than its view")
        elif isinstance(w, pg.GraphicsView):
            problems += _plot(w)
        elif isinstance(w, QStatusBar) and w.currentMessage():
            room = w.message_room() if hasattr(w, "message_room") else w.width() - 12
            need = w.fontMetrics().horizontalAdvance(w.currentMessage())
            if need > room + SLACK:
                problems.append(f"status bar message {w.currentMessage()[:40]!r}: {need} px wide, the bar has {room}")
    return problems


def header_problems(top: QWidget) -> list[str]:
    """The column headers of the tables shown in ``top`` narrower than their text (a QHeaderView
    elides it: "dZ[3]₁ = (A − Y)(1 − …"); one line per header cut."""
    out = []
    for table in [t for t in [top, *top.findChildren(QTableView)] if isinstance(t, QTableView) and _shown(t, top)]:
        header, model = table.horizontalHeader(), table.model()
        for c in range(model.columnCount()):
            if header.isSectionHidden(c):
                continue
            text = str(model.headerData(c, Qt.Orientation.Horizontal) or "")
            need = header.sectionSizeHint(c)
            if text and header.sectionSize(c) + SLACK < need:
                out.append(f"{describe(table)}: column {text!r} is {header.sectionSize(c)} px wide, "
                           f"its header needs {need}")
    return out


MIN_PICTURE_PX = 80  # a rendered panel's plot under this many on-screen pixels high or wide is too small a picture
# (the tester's "plot of ~60 px with full-size markers" at 320x240): stricter than MIN_PLOT_PX, a window's strip


def picture_problems(parts: list, scale: float, size: tuple[int, int]) -> list[str]:
    """What makes a panel rendered by ``nnplay render`` (``render.PanelViews.lay_out``'s ``parts`` and
    ``scale``, asked for at ``size`` output pixels) unusable: ``text_problems`` of its window, a file larger
    than asked (the panel did not fit), text drawn under ``render.MIN_SCALE``, or a plot (not a heatmap's or a
    colour bar's cells, nor a view made to its content's size) under MIN_PICTURE_PX on screen."""
    from nnplay.ui.export import panel_size
    from nnplay.ui.render import MIN_SCALE
    from nnplay.ui.render_room import plots

    top = parts[0].window()
    problems = text_problems(top)
    got = panel_size(parts)
    written = (round(got.width() * scale), round(got.height() * scale))
    if written[0] > size[0] + 2 or written[1] > size[1] + 2:
        problems.append(f"written at {written[0]}x{written[1]}, larger than {size[0]}x{size[1]}")
    if scale < MIN_SCALE - 0.005:
        problems.append(f"drawn at {scale:.2f} output pixels per on-screen pixel, under {MIN_SCALE}")
    for view in top.findChildren(pg.GraphicsView):
        if view.isVisible():
            problems += axis_label_cuts(view)
    for view, box in plots(top):  # (the plots render_room measures)
        r = box.sceneBoundingRect()
        if min(r.width(), r.height()) + SLACK < MIN_PICTURE_PX:
            problems.append(f"plot {view.objectName() or type(view).__name__}: {r.width():.0f}×{r.height():.0f} "
                            f"px on screen (under {MIN_PICTURE_PX})")
    return problems


def axis_label_cuts(view: pg.GraphicsView) -> list[str]:
    """The axis titles of ``view`` longer than their axis, or reaching past the view's edge ("PC2 of the path
    (weight un" up the landscape's side)."""
    out = []
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    for axis in [i for i in view.scene().items() if isinstance(i, pg.AxisItem) and i.isVisible()]:
        if not axis.label.isVisible() or not axis.label.toPlainText().strip():
            continue
        m = axis.label.document().documentMargin()
        need = axis.label.boundingRect().width() - 2 * m
        room = axis.boundingRect().height() if axis.orientation in ("left", "right") else axis.boundingRect().width()
        glyphs = axis.label.sceneBoundingRect().adjusted(m, m, -m, -m)
        if need > room + SLACK or not shown.adjusted(-SLACK, -SLACK, SLACK, SLACK).contains(glyphs):
            out.append(f"plot {view.objectName() or type(view).__name__}, {axis.orientation} axis: its title "
                       f"{axis.label.toPlainText()!r} ({need:.0f} px) is cut: the axis is {room:.0f} px")
    return out


def split_pairs(top: QWidget, narrowest: float = 1.0) -> list[str]:
    """The word-wrapped labels shown in ``top`` that break a line next to an "=" ("…; SGD, α" / "= 0.03":
    a symbol cut from its value), laid out as the label lays its text out at its width and, with
    ``narrowest`` under 1, at every fourth pixel down to that share of it (the window made narrower)."""
    from PySide6.QtGui import QTextDocument, Qt as QtGui_Qt  # (mightBeRichText is QtGui's)

    found = []
    for w in [top, *top.findChildren(QLabel)]:
        if not isinstance(w, QLabel) or not w.wordWrap() or "=" not in w.text() or not _shown(w, top):
            continue
        doc = QTextDocument()
        doc.setDefaultFont(w.font())
        doc.setDocumentMargin(0)
        rich = w.textFormat() == Qt.TextFormat.RichText or (
            w.textFormat() == Qt.TextFormat.AutoText and QtGui_Qt.mightBeRichText(w.text()))
        doc.setHtml(w.text()) if rich else doc.setPlainText(w.text())
        width = w.contentsRect().width() - 2 * w.margin()
        for room in range(width, max(1, round(width * narrowest)) - 1, -4):
            doc.setTextWidth(room)
            doc.size()  # (laid out when asked)
            broken = [f"{a.rstrip()[-16:]!r} / {b.lstrip()[:16]!r}" for a, b in _line_pairs(doc)
                      if a.rstrip().endswith("=") or b.lstrip().startswith("=")]
            if broken:
                found.append(f"{describe(w)} at {room} px: a line broken by '=': {broken[0]}")
                break
    return found


def _line_pairs(doc):
    """Each two lines one after the other in a paragraph of the laid-out ``doc``, as text."""
    block = doc.begin()
    while block.isValid():
        layout, text = block.layout(), block.text()
        lines = [text[ln.textStart():ln.textStart() + ln.textLength()]
                 for ln in (layout.lineAt(i) for i in range(layout.lineCount()))]
        yield from zip(lines, lines[1:])
        block = block.next()
