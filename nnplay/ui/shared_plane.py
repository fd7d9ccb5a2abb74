"""One plane for every picture of a run: the pair of inputs the window's output view spans
(its X/Y menus) is the pair run A's pictures, run B's pictures and both of Compare's panes
are drawn over, the other inputs held at their training means.

Compare's run B had a view request of its own that no axis menu reached: it drew the a-b
plane whatever pair its pane's menus (or the window's) named, so at the fork the two panes,
of the same weights, showed different pictures (tester, a 4-input CSV on c-d). Now a pair
picked in the window or in either pane goes to both runs and all three views, and a view
draws a frame's pictures only when they span its own pair (``other_plane``).
"""

from __future__ import annotations


def show_axes(view, axes) -> None:
    """Show ``view`` (a DecisionBoundaryView) over inputs ``axes``, as a pick in its menus
    does (it emits ``axes_changed`` when that is a change); nothing when its data has no such
    pair (two inputs or fewer, or fewer than ``axes`` name)."""
    axes = (int(axes[0]), int(axes[1]))
    data = None if view.info is None else view.info.data
    if data is None or data.n_inputs <= 2 or max(axes) >= data.n_inputs or axes == view.shown_axes:
        return
    view.axis_x.setCurrentIndex(axes[0])
    view.axis_y.setCurrentIndex(axes[1])
    view.axes_picked()


def other_plane(view, snap) -> bool:
    """Whether ``snap``'s pictures span another pair of inputs than ``view`` shows (a frame made
    before the view's pair reached its run): then the view's picture is cleared, not drawn
    under the titles of another pair's axes, until a frame of its own pair comes."""
    axes = getattr(snap, "grid_axes", None)
    if axes is None or tuple(axes) == tuple(view.shown_axes):
        return False
    view.image.clear()
    view.hatch.setVisible(False)
    return True


def follow_plane(win) -> None:
    """A pair picked in ``win``'s output view (a PlaygroundWindow's ``boundary``) goes to
    run A's and run B's view requests, and to Compare's panes once its window is made."""
    c = win.controller

    def picked(axes) -> None:
        c.set_view(axes=axes)
        c.comparison.set_axes(axes)
        cw = win.compare_window
        if cw is not None:
            cw.plane = tuple(axes)
            for view in cw.views.values():
                show_axes(view, axes)

    win.boundary.axes_changed.connect(picked)


def compare_plane(win, cw) -> None:
    """Compare's window ``cw`` shows ``win``'s pair in both panes, and a pair picked in
    either pane's menus is picked in ``win``'s output view (and so for both runs)."""
    cw.plane = win.boundary.shown_axes
    for view in cw.views.values():
        for menu in (view.axis_x, view.axis_y):  # (after the view's own handler: its pair is the new one)
            menu.activated.connect(lambda _=None, v=view: show_axes(win.boundary, v.shown_axes))
