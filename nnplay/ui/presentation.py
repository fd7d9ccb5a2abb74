"""View > Presentation (F11), zoom and panels shown one by one: the window as a
teacher projects it.

- Presentation: full screen, text 25% larger and lines twice as thick; Esc or
  F11 leaves it, back to the window and zoom it had.
- Zoom (Ctrl+= / Ctrl+- / Ctrl+0): every font of the window, its widgets and its
  plots (tick labels, legends), and the width of every plotted line, scaled together.
- Panels (View menu, checkable; remembered in QSettings as "view/hidden"): each
  column, the curves below the output, the read-outs, the status bar, the lessons,
  as TensorFlow Playground hides parts by flags in its URL. When the columns
  shown need more width than the window has (a zoomed 1024×768 projector), the
  rightmost are hidden (``fit``) and the status bar says which, so nothing is cut;
  they come back when there is room again (``column_fit``).
"""

from __future__ import annotations

import re

import pyqtgraph as pg
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QFont, QKeySequence, QPen
from PySide6.QtWidgets import QApplication, QToolBar, QWidget

from .curve_bundle import CurveBundle
from .coalesced import batch
from .chosen_sizes import ChosenSizes
from .column_fit import ColumnFit, least_width, short_titles
from .column_least import parents_first
from .shortcut_text import keys_text
from . import axis_room, zoom_style, zoom_windows
from .window_settings import read_float

ZOOMS = (0.8, 0.9, 1.0, 1.1, 1.25, 1.4, 1.6, 1.8, 2.0)
PRESENTATION_ZOOM = 1.25  # at least this much in presentation mode
PRESENTATION_LINES = 2.0  # lines this much thicker in presentation mode
_PX = re.compile(r"font-size:\s*(\d+(?:\.\d+)?)px")
OWN_TEXT = "nnplay_sizes_own_text"  # a view with this property true fits its texts to the window's font itself
_BASE = "_nnplay_base"  # the unzoomed font, stylesheet or pen, kept on each widget or item
_FOLLOWS = "_nnplay_follows"  # a styled widget given the window's font by follow_font


def _panels(win) -> list[tuple[str, str, QWidget]]:
    """(key, label, widget) of every part the View menu shows and hides; the
    columns first, left to right (``fit`` hides them from the right)."""
    column = win.splitter.widget
    return [("data", "Data column", column(0)), ("network", "Network column", column(1)),
            ("output", "Output column", column(2)), ("gradients", "Gradients column", column(3)),
            ("curves", "Curves, metrics and hidden space", win.lower_tabs),
            ("readouts", "Read-outs bar", win.findChild(QToolBar, "readouts_toolbar")),
            ("status", "Status bar", win.statusBar())]


class Presentation(QObject):
    """The window's zoom, presentation mode and panel visibility (``win.presentation``)."""

    def __init__(self, win, menu):
        super().__init__(win)
        self.win = win
        self.zoom = 1.0
        self.lines = 1.0
        self._before: tuple | None = None  # (zoom, window state) to go back to on leaving
        self.base_font = QFont(win.font())
        self.restyled = 0  # style sheets, fonts, pens and heights set by the zoom: only those that change (tests)
        self.present_action = self._action(menu, "Presentation", "F11", "Full screen, larger text and thicker "
                                           "lines, for a projector (F11; Esc leaves).", checkable=True)
        self.present_action.setToolTip(f"Full screen, larger text and thicker lines, for a projector "
                                       f"({keys_text('F11')}; {keys_text('Esc')} leaves).")
        self.present_action.toggled.connect(self.set_presenting)
        self.leave_action = self._action(None, "Leave presentation", "Esc", "")
        self.leave_action.setEnabled(False)
        self.leave_action.triggered.connect(lambda: self.present_action.setChecked(False))
        menu.addSeparator()
        for text, keys, step in (("Zoom in", ("Ctrl+=", "Ctrl++"), 1), ("Zoom out", ("Ctrl+-",), -1),
                                 ("Actual size", ("Ctrl+0",), 0)):
            a = self._action(menu, text, keys[0], "")
            a.setShortcuts([QKeySequence(k) for k in keys])
            a.setToolTip(f"{text}: the text, plots and lines of the window ({keys_text(keys[0])}).")
            a.triggered.connect(lambda _=False, s=step: self.step_zoom(s))
        menu.addSeparator()
        self.panel_actions: dict[str, QAction] = {}
        for key, label, widget in _panels(win):
            a = menu.addAction(label)
            a.setCheckable(True)
            a.setChecked(True)
            a.setToolTip(f"Show or hide the {label[0].lower() + label[1:]}.")
            a.toggled.connect(lambda on, w=widget: (w.setVisible(on), self.remember()))
            self.panel_actions[key] = a
        self.columns = ColumnFit(self)  # those hidden to make room, shown again when there is room
        self.chosen = ChosenSizes(win)  # the splitters' sizes the user chose, given back at every zoom step
        self._restore()

    def _action(self, menu, text: str, key: str, tip: str, checkable: bool = False) -> QAction:
        a = QAction(text, self.win)
        a.setShortcut(QKeySequence(key))
        a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        a.setToolTip(tip)
        a.setCheckable(checkable)
        self.win.addAction(a)
        if menu is not None:
            menu.addAction(a)
        return a

    # --------------------------------------------------------------- panels
    def set_panel(self, key: str, shown: bool) -> None:
        self.panel_actions[key].setChecked(shown)

    def remember(self) -> None:
        s = self.win.settings
        if s is not None:
            s.setValue("view/hidden", ",".join(k for k, a in self.panel_actions.items()
                                          if not a.isChecked() and k not in self.columns.fitted))
            s.setValue("view/zoom", self.zoom if self._before is None else self._before[0])

    def _restore(self) -> None:
        s = self.win.settings
        if s is None:
            return
        hidden, zoom = s.value("view/hidden", "", type=str).split(","), read_float(s, "view/zoom", 1.0)
        if zoom in ZOOMS:
            self.zoom = zoom  # before the panels' toggles remember it
        for key in hidden:
            if key in self.panel_actions:
                self.panel_actions[key].setChecked(False)
        if zoom in ZOOMS and zoom != 1.0:
            self.set_zoom(zoom)

    def available_width(self) -> int:
        """The width the window has, in pixels: its own, also in full screen or maximised (a
        full screen without a window manager stays the window's size; one that the window
        manager widens arrives as a resize, and the columns are fitted again then)."""
        return self.win.width()

    def keeping_width(self, change) -> list[str]:
        """Call ``change`` (it may need more width: a zoom, a dock shown), then ``fit`` the width
        the window had; the labels of the panels it hid to make room."""
        width = self.available_width()
        change()
        return self.fit(width)

    def fit(self, width: int) -> list[str]:
        """Hide columns while those shown need more than ``width`` pixels, or bring back
        those hidden to fit that fit again (``column_fit``); the labels of those hidden."""
        return self.columns.fit(width)

    # ----------------------------------------------------------------- zoom
    def step_zoom(self, step: int) -> None:
        """One step up (1) or down (-1) the ZOOMS, or back to 1 (0)."""
        if step == 0:
            self.set_zoom(1.0)
            return
        i = min(range(len(ZOOMS)), key=lambda k: abs(ZOOMS[k] - self.zoom))
        self.set_zoom(ZOOMS[max(0, min(len(ZOOMS) - 1, i + step))])

    def set_zoom(self, zoom: float) -> None:
        self.chosen.leaving(self.zoom)
        rows = getattr(self.win, "first_rows", None)  # each scrolled column's first whole row kept (whole_rows)
        if rows is not None:
            rows.hold()
        self.zoom = float(zoom)
        one_paint = getattr(self.win, "one_paint", None)
        if one_paint is not None:  # the window painted once, after the step (not once per plot changed)
            one_paint.begin()
        with batch():  # each drawing laid out once, in the sizes the step settles on (coalesced.py)
            self.keeping_width(self.apply)
            if self.chosen.restore():  # not the sizes the last step forced (Qt raises each to its zoomed least)
                least_width(self.win)  # (laid out in them)
                self.chosen.raise_to_least()  # (not by Qt's rule, which hands a column raised more)
                short_titles(self.win.lower_tabs, self.win.output_split.width())  # (fit titled them in those)
            if rows is not None:
                rows.keep()
        if self._before is None:
            self.remember()
        # said with the zoom, not hidden by it; short names: the zoomed font leaves the bar few words
        fitted = [self.panel_actions[k].text().split(",")[0].removesuffix(" column") for k in self.columns.fitted]
        self.win.statusBar().showMessage(f"Zoom {self.zoom:.0%}" + (
            f"; hidden to make room: {', '.join(fitted)} (View menu)." if fitted else ""), 8000 if fitted else 2000)

    def apply(self) -> None:
        """Scale the window's fonts, its stylesheets' px font sizes, its plots'
        text and line widths to the current zoom (from the sizes they were made with)."""
        win, z = self.win, self.zoom
        font = QFont(self.base_font)
        font.setPointSizeF(self.base_font.pointSizeF() * z)
        win.setFont(font)  # (its menus, dialogs and side windows take it from their parents: zoom_windows)
        zoom_windows.zoom_tips(z)
        self.restyle(win)

    def restyle(self, root: QWidget) -> None:
        """The zoom on what the font alone does not zoom in ``root`` (the window, or a window of its own
        opened after a zoom): the styled widgets' fonts, the sheets' px sizes, the plots' texts and lines."""
        z = self.zoom
        self.restyled += follow_font(root)
        for w in [root, *root.findChildren(QWidget)]:
            sheet = w.property(_BASE)
            if sheet is None:
                sheet = w.styleSheet()
                if "font-size" not in sheet:
                    continue
                w.setProperty(_BASE, sheet)
            zoomed = _PX.sub(lambda m: f"font-size: {float(m.group(1)) * z:.0f}px", sheet)
            if w.styleSheet() != zoomed:  # (a sheet set again re-polishes its widget: a zoomed new run set them all)
                w.setStyleSheet(zoomed)
                self.restyled += 1
        for view in root.findChildren(pg.GraphicsView):
            self.scale_view(view)

    def apply_to_new_run(self) -> None:
        """The zoom on a new run's plots (a new network, data set, Reset): nothing to do unzoomed, where
        every font, sheet and pen is as made (``apply`` went over the whole window: 0.1 s a new run)."""
        if self.zoom != 1.0 or self.lines != 1.0:
            self.apply()

    def scale_view(self, view: pg.GraphicsView) -> None:
        """The text and lines of ``view``'s plots at the current zoom (a panel that
        builds its plots again calls it: the Distributions tab on a change of layer)."""
        z, own = self.zoom, bool(view.property(OWN_TEXT))
        for item in view.scene().items():
            if not (own and isinstance(item, (pg.TextItem, pg.LabelItem))):
                self.restyled += self._scale_item(item, z, self.lines * max(1.0, z))
            if getattr(item, "_epoch_stamp", None) is not None:  # (its font follows the window's: epoch_stamp)
                item._epoch_stamp.fit()

    @staticmethod
    def _scale_item(item, z: float, thick: float) -> int:
        """``item``'s text and lines at zoom ``z`` and lines ``thick``; 1 if it was changed, 0 if it
        already was so (nothing set: an axis given its font again drew its tick labels again)."""
        if isinstance(item, pg.AxisItem):
            before = QFont(item.style.get("tickFont") or item.font())
            f = _scaled(item, before, z)
            if item.style.get("tickFont") == f and item.label.font() == f:
                return 0
            item.setStyle(tickFont=f)
            item.label.setFont(f)
            axis_room.follow_font(item, before, f)  # (pyqtgraph narrows it only by 10 px or more)
        elif isinstance(item, (pg.PlotCurveItem, pg.PlotDataItem)) and not isinstance(
                item.parentItem(), pg.PlotDataItem):
            return _scale_pen(item, thick)
        elif isinstance(item, CurveBundle):  # (its curves are lanes of one item: the gradient norms)
            return int(sum(_scale_pen(lane, thick) for lane in item.lanes) > 0)
        elif isinstance(item, pg.TextItem):
            f = _scaled(item, item.textItem.font(), z)
            if item.textItem.font() == f:
                return 0
            item.setFont(f)
        elif isinstance(item, pg.ViewBox) and getattr(item, "least_height", None):  # (plot_room.least_height)
            if item.minimumHeight() == round(item.least_height * z):
                return 0
            item.setMinimumHeight(round(item.least_height * z))
        elif isinstance(item, pg.LabelItem) and item.text:  # a plot's title (the Distributions tab's "dW[1]"), a key's caption
            size = str(item.opts.get("size") or "")
            base = getattr(item, _BASE, None) or (float(size[:-2]) if size.endswith("pt") else
                                                  max(1.0, item.item.font().pointSizeF()))
            setattr(item, _BASE, base)
            if size == f"{base * z:.1f}pt":
                return 0
            item.setText(item.text, size=f"{base * z:.1f}pt")
        else:
            return 0
        return 1



    # --------------------------------------------------------- presentation
    @property
    def presenting(self) -> bool:
        return self._before is not None

    def set_presenting(self, on: bool, full_screen: bool = True) -> None:
        """Enter (full screen unless ``full_screen`` is False, zoom at least
        PRESENTATION_ZOOM, lines PRESENTATION_LINES thicker) or leave presentation mode."""
        if on == self.presenting:
            return
        win = self.win
        if on:
            self._before = (self.zoom, win.windowState())
            self.chosen.leaving(self.zoom)
            self.lines = PRESENTATION_LINES
            screen = win.screen()
            width = screen.availableGeometry().width() if full_screen and screen is not None else win.width()
            self.zoom = max(self.zoom, PRESENTATION_ZOOM)
            self.apply()
            self.fit(width)  # before going full screen: a window wider than the screen would lose that state
            if full_screen:
                win.showFullScreen()
        else:
            zoom, state = self._before
            self._before = None
            self.lines = 1.0
            if win.isFullScreen():
                win.setWindowState(state)
            self.set_zoom(zoom)
        self.leave_action.setEnabled(on)
        self.present_action.setChecked(on)


def follow_font(win) -> int:
    """Give the window's font (zoomed) to the widgets Qt's font propagation leaves
    out: a widget styled by a style sheet (its own or an ancestor's: the tabs under
    the output, the section headings, the banner), or whose parent is, keeps the
    application's font.
    Parents first. A sheet with its own font-size
    is zoomed by ``apply``; a widget given a size of its own keeps it. Returns how many widgets
    were given a font (one that has it already is not given it again)."""
    styled, given = Qt.WidgetAttribute.WA_StyleSheet, 0
    for w in parents_first(win)[1:]:
        parent = w.parentWidget()
        # (a widget given the font here goes on following, its sheet since removed: an inline editor, red while
        # its text was refused, kept that zoom's font through every zoom after it)
        if (parent is None or w.isWindow()
                or not (w.testAttribute(styled) or parent.testAttribute(styled) or w.property(_FOLLOWS))
                or "font-size" in (w.property(_BASE) or w.styleSheet())):
            continue
        follows = w.property(_FOLLOWS)
        if not follows and w.font().pointSizeF() != QApplication.font(w).pointSizeF():
            continue  # a size of its own
        font = QFont(w.font())  # its weight kept (a sheet's font-weight)
        font.setPointSizeF(parent.font().pointSizeF())
        if follows and font == w.font():
            continue  # given it already (the first time sets it, which makes the font the widget's own)
        w.setProperty(_FOLLOWS, True)
        w.setFont(font)
        given += 1
    return given


def _scaled(item, font: QFont, z: float) -> QFont:
    """``item``'s first font (kept on it) scaled by ``z``."""
    base = getattr(item, _BASE, None) or QFont(font)
    setattr(item, _BASE, base)
    f = QFont(base)
    f.setPointSizeF(max(1.0, base.pointSizeF()) * z)
    return f


def _scale_pen(item, thick: float) -> int:
    """``item``'s pen (a curve's, a bundle lane's) ``thick`` times its width as made (at least 1 px);
    1 if it was set, 0 if it was that pen already."""
    pen = item.opts.get("pen")
    if pen is None:
        return 0
    current, kept = QPen(pg.mkPen(pen)), getattr(item, _BASE, None)
    base = kept[0] if kept is not None and kept[1] == current else current  # else the view set a new pen
    p = QPen(base)
    p.setWidthF(base.widthF() if thick == 1 else max(1.0, base.widthF()) * thick)
    setattr(item, _BASE, (base, p))
    if p == current:
        return 0
    item.setPen(p)
    return 1


def install_presentation(win) -> Presentation:
    """The View menu (added before Options) with presentation, zoom and panels;
    the zoom is applied again to every new run's plots."""
    zoom_style.install(QApplication.instance())  # check boxes zoomed with the text (zoom_style)
    bar = win.menuBar()
    options = next((a for a in bar.actions() if a.text() == "&Options"), None)
    menu = bar.addMenu("&View")
    if options is not None:
        bar.insertMenu(options, menu)
    presentation = Presentation(win, menu)
    menu.addAction(win.lessons_action)
    win.controller.run.started.connect(lambda _: QTimer.singleShot(0, presentation.apply_to_new_run))
    from .lesson_views import LessonViews
    from .whole_rows import FirstRows

    win.presentation = presentation  # (what LessonViews reads)
    win.lesson_views = LessonViews(win)  # the open lesson's views kept in sight (columns, tab, scroll)
    win.first_rows = FirstRows(win)  # a scrolled column's first row kept whole through a zoom step
    return presentation
