"""Taking pyqtgraph plots out of a layout for good: the C++ objects first.

A ``pg.PlotItem`` carries a context menu built from a Qt Designer form: each
group of options (``plot.ctrl.transformGroup``, ...) is the default widget of a
``QWidgetAction`` that is a child of the plot, and the form object that holds
the groups' Python wrappers is an attribute of the plot. When the last Python
reference to a plot taken out of its layout is dropped, CPython clears the
plot's attributes *before* PySide runs the C++ destructor: the form's wrappers
(a group's ``QGridLayout``) are freed while their C++ objects live on, and the
destructor that then deletes those objects through the ``QWidgetAction`` looks
up the freed wrappers (a segfault in ``BindingManager::releaseWrapper``, or
freed memory written to, which crashed later somewhere unrelated).

``clear_layout`` therefore deletes each item's C++ object while its Python
wrappers are all alive (the order a closing window uses), so PySide sees every
object go. A plot that never needs its context menu is made with
``enableMenu=False`` (no ViewBox menu, the same form pattern, is built at all),
and a colour key is a ``MenulessColorBar`` (``pg.ColorBarItem`` builds a menu
and drops it at once).
"""

from __future__ import annotations

import pyqtgraph as pg
import shiboken6

from .bar_labels import bar_ticks
from .item_cache import cache_axes, remember_pictures


def clear_layout(layout, keep=()) -> None:
    """Remove every item of ``layout`` (a ``pg.GraphicsLayout`` or
    ``pg.GraphicsLayoutWidget``) and delete its C++ object now; the items'
    Python wrappers stay valid Python objects whose Qt side is gone. The items
    in ``keep`` are only taken out (whole, to be added again: making a plot
    costs 20-40 ms, mostly pyqtgraph's PlotItem)."""
    layout = getattr(layout, "ci", layout)
    items = list(layout.items)
    layout.clear()
    for item in items:
        if shiboken6.isValid(item) and item not in keep:
            shiboken6.delete(item)


class _MenulessPlotItem(pg.PlotItem):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("enableMenu", False)
        super().__init__(*args, **kwargs)


class MenulessColorBar(pg.ColorBarItem, _MenulessPlotItem):
    """``pg.ColorBarItem`` (the same arguments) whose plot builds no context menu:
    the colour bar's own ``super().__init__()`` reaches ``_MenulessPlotItem`` first.
    Its axis prints values as they are (no SI-prefix scaling, as ``plots.managed``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for side in ("left", "bottom", "top", "right"):  # (a colour bar has all four: the main one, and edges)
            self.getAxis(side).enableAutoSIPrefix(False)
        cache_axes(self)  # blitted until they change: a heatmap's new picture repainted its key's edges (item_cache)
        remember_pictures(self.axis)  # a scale that steps back replays its earlier drawing (item_cache)
        self.setLevels(self.levels())  # labelled readably from the start (bar_labels)

    def setLevels(self, *args, **kwargs) -> None:
        """pyqtgraph's ``setLevels``, then the bar labelled at three to six compact values
        (``bar_labels.bar_ticks``), unless it is labelled in words (``heatmap.set_bar``'s ticks)."""
        super().setLevels(*args, **kwargs)
        if getattr(self, "_nnplay_ticks", None) is None and getattr(self, "axis", None) is not None:
            self.axis.setTicks([bar_ticks(*self.levels()), []])
