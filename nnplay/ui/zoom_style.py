"""Check boxes and radio buttons that grow with View › Zoom: ``ZoomedIndicators``, a
QProxyStyle over the application's style whose ``pixelMetric`` scales the indicators'
width and height (PM_IndicatorWidth/Height, PM_ExclusiveIndicatorWidth/Height) by the
widget's font against the application's. Unzoomed the two fonts are the same and so is
every metric: a window zoomed in and back is as new (a style sheet for the same, tried
before, stayed at 100% once set, and the window pool's windows were no longer as new).

Only the check boxes and radio buttons are given that style (``install``: each one as it is
polished, through the application's one event filter, ``app_events``). Set on the whole
application, its ``pixelMetric``, written in Python, answered every metric of every widget
at every layout; every other widget now asks the application's style, in C++. Four zoom and
resize test files (column fit, layer buttons, diagram room, zoomed texts), one process, old
and new alternately: 58.1 and 57.6 s of CPU before, 53.4 and 55.9 s after (load 1.5-2.4).
"""

from __future__ import annotations

from PySide6.QtCore import QChildEvent, QEvent
from PySide6.QtWidgets import QApplication, QCheckBox, QProxyStyle, QRadioButton, QStyle, QWidget

from . import app_events
from .zoom_windows import follow_parent, follows

SCALED = (QStyle.PixelMetric.PM_IndicatorWidth, QStyle.PixelMetric.PM_IndicatorHeight,
          QStyle.PixelMetric.PM_ExclusiveIndicatorWidth, QStyle.PixelMetric.PM_ExclusiveIndicatorHeight)


def font_zoom(widget) -> float:
    """``widget``'s font size over the application's (1.0 where either has no point size)."""
    ours, base = widget.font().pointSizeF(), QApplication.font().pointSizeF()
    return ours / base if ours > 0 and base > 0 else 1.0


class ZoomedIndicators(QProxyStyle):
    """The style named ``key`` (the application's), its check and radio indicators at the widget's zoom."""

    def pixelMetric(self, metric, option=None, widget=None) -> int:  # noqa: N802 (Qt's name)
        value = super().pixelMetric(metric, option, widget)
        if widget is not None and metric in SCALED:
            return round(value * font_zoom(widget))
        return value


ZOOMED = "nnplay_zoomed_indicators"  # a dynamic property: this widget has been given ``indicator_style``
_STYLES: dict[str, ZoomedIndicators] = {}  # the application style's name -> its zoomed twin (kept alive here)


def indicator_style(app) -> ZoomedIndicators:
    """The style a check box or radio button is given: the application's (the Fusion under
    ``SelectedLook``, whose own drawing is of buttons and tabs only), its indicators zoomed."""
    style = app.style()
    name = (style.baseStyle() if isinstance(style, QProxyStyle) else style).name()
    if name not in _STYLES:
        _STYLES[name] = ZoomedIndicators(name)
    return _STYLES[name]


def _zoom_indicators(obj, event) -> None:
    """A check box or radio button just polished, or given a parent (its parent's ChildPolished or
    ChildAdded: one polished before it had a parent is not polished again), takes ``indicator_style``;
    a window of its own given a parent or polished (a menu, a dialog) follows its parent's zoom (``zoom_windows``).
    Only a widget's child events are read: most come to text documents (a plot's text set again at
    each resize or zoom), and reading a child event's type and child cost 2-4% of a resize's CPU."""
    if isinstance(obj, QWidget) and event.type() in (QEvent.Type.ChildPolished, QEvent.Type.ChildAdded):
        child = event.child()
        if isinstance(child, (QCheckBox, QRadioButton)) and not child.property(ZOOMED):
            child.setProperty(ZOOMED, True)  # (under a style sheet its style() is Qt's wrapper of this one)
            child.setStyle(indicator_style(QApplication.instance()))
        elif isinstance(child, QWidget) and follows(child):  # a menu, a dialog, a side window, a dock: zoomed
            follow_parent(child, event.type() == QEvent.Type.ChildPolished)  # with the window it opens from


def install(app) -> None:
    """Every check box and radio button polished from now on gets ``indicator_style`` (once)."""
    app_events.watch(QChildEvent, _zoom_indicators, app)
