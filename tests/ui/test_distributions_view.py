"""The Distributions tab: bands per layer drawn from the run's records, the
health findings in words, live; its render, PNG and CSV exports."""

import csv

import numpy as np
import pytest

from nnplay.training import TrainConfig, Trainer
from nnplay.training.distributions import PERCENTILES, QUANTITIES
from nnplay.training.loop import Frame
from tests.settle import settle
from tests.sweep import sweep


@pytest.fixture(scope="module")
def sigmoid_run():
    t = Trainer(TrainConfig(hidden=(8,) * 6, activation="sigmoid"))
    t.run(40)
    return t


def frame_of(t, **request):
    return Frame(t.run_id, t.snapshot(distributions=True, **request), False, 0.0)


def test_the_view_draws_every_layers_bands_on_one_scale_and_names_the_vanishing_gradient(qtbot, sigmoid_run):
    from nnplay.ui.distributions_view import DistributionsView

    t = sigmoid_run
    view = DistributionsView()
    qtbot.addWidget(view)
    view.resize(500, 700)
    view.show()
    view.set_run(t.run_info())
    view.set_frame(frame_of(t.copy()))
    assert "vanishing gradient" in view.health.text() and "dW[1]" in view.health.text()
    assert len(view._items) == t.net.n_layers  # dW of every layer (the default)
    x, p, _ = t.distributions.bands(7, "dW")
    _, bands, median = view._items[(7, "dW")]
    mx, my = median.getData()
    assert np.array_equal(mx, x) and np.allclose(my, p[:, 3])
    _, lo_y = bands.edge(0)
    assert np.allclose(lo_y, p[:, 0])  # the outer band's lower edge is the minimum
    ranges = {tuple(view._items[(l, "dW")][0].viewRange()[1]) for l in range(1, 8)}
    assert len(ranges) == 1  # one vertical scale: the first layers' flat bands show the vanishing


def test_all_four_quantities_side_by_side(qtbot):
    from nnplay.ui.distributions_view import DistributionsView

    t = Trainer(TrainConfig(hidden=(3,), activation="tanh"))
    t.run(10)
    view = DistributionsView()
    qtbot.addWidget(view)
    view.show()
    view.set_run(t.run_info())
    view.set_frame(frame_of(t))
    view.quantity.setCurrentIndex(view.quantity.findData("all"))
    view.quantity.activated.emit(view.quantity.currentIndex())
    assert set(view._items) == {(l, q) for l in (1, 2) for q in QUANTITIES}
    assert "sat." in view._items[(1, "A")][0].titleLabel.text
    lo, hi = view._items[(1, "A")][0].viewRange()[1]
    assert lo <= -1 and hi >= 1  # tanh's saturation marks at ±1 stay in view


def behind_a_tab(qtbot, t):
    """A DistributionsView given ``t``'s run and a frame of it behind an open Curves tab: (tabs, view)."""
    from PySide6.QtWidgets import QLabel, QTabWidget

    from nnplay.ui.distributions_view import DistributionsView

    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    view = DistributionsView()
    tabs.addTab(QLabel("curves"), "Curves")
    tabs.addTab(view, "Distributions")
    tabs.show()
    view.set_run(t.run_info())
    view.set_frame(frame_of(t.copy()))
    return tabs, view


def test_a_view_behind_another_tab_draws_when_shown(qtbot, sigmoid_run):
    t = sigmoid_run
    tabs, view = behind_a_tab(qtbot, t)  # behind the Curves tab: nothing drawn
    assert view._items == {} and view.health.text() == ""  # not even the plots are made
    tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: (1, "dW") in view._items, timeout=5000)  # drawn just after it is shown
    assert len(view._items[(1, "dW")][2].getData()[0]) == len(t.distributions)
    assert "vanishing" in view.health.text()


def test_a_zoom_behind_another_tab_builds_nothing_until_the_tab_is_shown_zoomed(qtbot, sigmoid_run):
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    tabs, view = behind_a_tab(qtbot, sigmoid_run)
    font = QFont(tabs.font())
    font.setPointSizeF(font.pointSizeF() * 2)
    tabs.setFont(font)  # a zoom (View › Zoom sets the window's font) while the Curves tab is open
    assert view._items == {}  # no plot is made for an unseen tab
    tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: (1, "dW") in view._items, timeout=5000)
    size = view._items[(1, "dW")][0].titleLabel.opts.get("size")
    assert size == f"{8 * font.pointSizeF() / QApplication.font().pointSizeF():.1f}pt"  # in the zoomed font


def test_the_window_tab_is_live_and_asks_only_while_open(window, qtbot, tmp_path):
    from nnplay.ui.distributions_view import export_csv

    c = window.controller
    window.lower_tabs.setCurrentWidget(window.distributions)
    c.step(3)
    qtbot.waitUntil(lambda: window.distributions.has_records and len(window.distributions.records) >= 4,
                    timeout=10000)
    assert "Health:" in window.distributions.health.text()
    path = tmp_path / "dist.csv"
    assert export_csv(window, str(path))
    with open(path, newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:4] == ["layer", "quantity", "first_epoch", "last_epoch"]
    n = len(window.distributions.records)
    layers = len(c.run_info.sizes) - 1
    assert len(rows) == 1 + layers * len(QUANTITIES) * n
    assert {r[1] for r in rows[1:]} == set(QUANTITIES) and len(rows[1]) == 4 + len(PERCENTILES) + 1
    assert window.export_panel("distributions", str(tmp_path / "dist.svg"))
    from nnplay.ui.colors import hex_color, layer_rgb

    svg = (tmp_path / "dist.svg").read_text()
    assert all(hex_color(layer_rgb(l)) in svg for l in range(layers))  # every layer's bands, in its colour
    window.lower_tabs.setCurrentWidget(window.curves)
    qtbot.wait(50)
    records = len(window.distributions.records)
    c.step(5)
    qtbot.waitUntil(lambda: c.last_frame.snapshot.epoch >= 8, timeout=10000)
    assert c.last_frame.snapshot.distributions is None and c.last_frame.snapshot.health == ()  # not asked for
    assert len(window.distributions.records) == records


def test_render_draws_the_distributions_of_a_session(tmp_path):
    from PySide6.QtGui import QImage

    from nnplay.training.session import Session, save_session
    from nnplay.ui.render import render_session

    path = tmp_path / "run.nnplay"
    t = Trainer(TrainConfig(hidden=(3,), activation="relu"))
    t.run(10)
    save_session(path, Session(t.config, t.data, t.state_dict()))
    render_session(path, "distributions", tmp_path / "d.png", (800, 1000))
    image = QImage(str(tmp_path / "d.png"))
    assert image.width() == 800 and image.height() >= 1000
    old = t.state_dict()
    del old["distributions"]
    save_session(tmp_path / "old.nnplay", Session(t.config, t.data, old))
    with pytest.raises(ValueError, match="holds no distributions"):
        render_session(tmp_path / "old.nnplay", "distributions", tmp_path / "e.png")


def test_nothing_is_cut_with_the_distributions_tab_open(window, qtbot):
    from tests.layout_check import text_problems

    c = window.controller
    c.change(activation="relu", lr=3.0)  # ReLUs die: findings with long lines
    qtbot.waitUntil(lambda: c.run_info.activations[0] == "relu", timeout=10000)
    window.lower_tabs.setCurrentWidget(window.distributions)
    c.step(30)
    qtbot.waitUntil(lambda: window.distributions.has_records and "ReLUs are dead" in window.distributions.health.text(),
                    timeout=20000)
    found = []
    for w, h in [(1024, 740), (1024, 768), (1100, 680), (1280, 800), (1920, 1080)]:
        window.resize(w, h)
        assert settle(qtbot)  # laid out
        found += [f"at {w}×{h}: {p}" for p in text_problems(window)]
    assert found == [], "\n".join(found)


def all_quantities_view(qtbot, t, height: int = 500):
    """A Distributions tab wide enough for four plots side by side, showing ``t``'s
    run with every quantity (the choice a user makes)."""
    from nnplay.ui.distributions_view import MIN_COLUMN, DistributionsView

    view = DistributionsView()
    qtbot.addWidget(view)
    view.resize(4 * MIN_COLUMN + 80, height)
    view.show()
    view.set_run(t.run_info())
    view.set_frame(frame_of(t))
    view.quantity.setCurrentIndex(view.quantity.findData("all"))
    view.quantity.activated.emit(view.quantity.currentIndex())
    return view


def test_narrow_tabs_wrap_the_four_quantities_and_a_layer_can_be_shown_alone(qtbot):
    from nnplay.ui.distributions_view import MIN_COLUMN, ROW_HEIGHT

    t = Trainer(TrainConfig(hidden=(3, 3), activation="tanh"))
    t.run(5)
    view = all_quantities_view(qtbot, t)

    assert view._columns == 4
    view.resize(2 * MIN_COLUMN + 60, 500)  # too narrow for four plots side by side: two columns, twice the rows
    qtbot.waitUntil(lambda: view._columns == 2, timeout=3000)
    assert set(view._items) == {(l, q) for l in (1, 2, 3) for q in QUANTITIES}
    widths = [view._items[(1, q)][0].width() for q in QUANTITIES]
    assert min(widths) >= MIN_COLUMN - 60  # every plot keeps a readable width
    assert view.plots.minimumHeight() >= ROW_HEIGHT * 3 * 2  # and its height: they scroll
    view.layer.setCurrentIndex(view.layer.findData(2))
    view.layer.activated.emit(view.layer.currentIndex())
    assert set(view._items) == {(2, q) for q in QUANTITIES}  # one layer alone
    _, p, _ = t.distributions.bands(2, "A")
    assert np.allclose(view._items[(2, "A")][2].getData()[1], p[:, 3])
    view.set_run(t.run_info())  # a new run of the same depth keeps the choice
    assert view.layer.currentData() == 2


def test_a_change_of_columns_or_quantity_keeps_the_plots_still_shown(qtbot):
    """A resize to another number of columns, or another choice of quantity, made every plot anew
    (pyqtgraph's PlotItem: 20-40 ms each, 12 here); the plots of the layers and quantities still shown
    are kept and placed again, the others deleted, and a new run's plots are all new."""
    import shiboken6

    from nnplay.ui.distributions_view import MIN_COLUMN

    t = Trainer(TrainConfig(hidden=(3, 3), activation="tanh"))
    t.run(5)
    view = all_quantities_view(qtbot, t)
    before = {key: items[0] for key, items in view._items.items()}
    assert len(before) == 12
    view.resize(2 * MIN_COLUMN + 60, 500)  # two columns: the same plots, two rows of them per layer
    qtbot.waitUntil(lambda: view._columns == 2, timeout=3000)
    assert all(view._items[key][0] is plot for key, plot in before.items()) and len(view._items) == 12
    placed = {key: view.plots.ci.items[plot] for key, plot in before.items()}
    assert placed == {(l, q): [((l - 1) * 2 + k // 2, k % 2)] for l in (1, 2, 3) for k, q in enumerate(QUANTITIES)}
    view.quantity.setCurrentIndex(view.quantity.findData("dW"))
    view.quantity.activated.emit(view.quantity.currentIndex())
    assert set(view._items) == {(l, "dW") for l in (1, 2, 3)}
    assert all(view._items[key][0] is before[key] for key in view._items)
    assert not any(shiboken6.isValid(plot) for key, plot in before.items() if key[1] != "dW")
    for l in (1, 2, 3):  # the kept plots draw this choice's bands
        _, p, _ = t.distributions.bands(l, "dW")
        assert np.allclose(view._items[(l, "dW")][2].getData()[1], p[:, 3])
    t2 = Trainer(TrainConfig(hidden=(3, 3), activation="relu"))
    t2.run(5)
    view.set_run(t2.run_info())  # a new run (its marks differ: ReLU's zero line): every plot made anew
    view.set_frame(frame_of(t2))
    view._draw()
    assert set(view._items) == {(l, "dW") for l in (1, 2, 3)}
    assert not any(view._items[key][0] is before[key] for key in view._items)


@sweep("hidden, epochs, size", [((4, 2), 200, (1600, 1200)), ((4, 2), 3, (800, 600)),
                                ((8, 8, 8), 30, (1024, 768)), ((3,), 1, (640, 480))], default=0)
def test_every_small_plot_of_a_render_labels_the_same_epochs_from_0(qtbot, hidden, epochs, size):
    """Fault 5: ``nnplay render --panel distributions`` dropped the "0" epoch label of dW[2] and
    dW[3]: the plots' X link lined them up by pixel offsets. Every plot: one range, one set of labels."""
    from nnplay.ui.render import PanelViews, panel_frame
    from tests.ui.test_axis_labels import drawn_labels

    t = Trainer(TrainConfig(hidden=hidden))
    t.run(epochs)
    views = PanelViews("distributions")
    try:
        views.show_run(t.run_info(), panel_frame(t, "distributions"))
        views.lay_out(size)
        for quantity in ("dW", "all"):
            d = views.distributions
            d.quantity.setCurrentIndex(d.quantity.findData(quantity))
            d.quantity.activated.emit(d.quantity.currentIndex())
            d._draw()
            axes = {key: plot.getAxis("bottom") for key, (plot, _, _) in d._items.items()}
            ranges = {key: tuple(round(v, 9) for v in axis.range) for key, axis in axes.items()}
            assert len(set(ranges.values())) == 1, ranges
            labels = {key: drawn_labels(axis) for key, axis in axes.items()}
            assert all(ls and ls[0] == "0" for ls in labels.values()), labels
    finally:
        views.close()


def test_the_caption_follows_the_runs_epoch_when_no_new_record_comes(qtbot):
    """Tester 16 (df.png): paused at 601, the caption said "the run is at 590" (the last record's
    frame) until the tab was laid out again: a frame without a new record did not update it."""
    from nnplay.ui.distributions_view import DistributionsView

    t = Trainer(TrainConfig(hidden=(3,), activation="tanh"))
    t.run(40)  # (recorded every 2nd epoch from 32: 40 is, 41 is not)
    view = DistributionsView()
    qtbot.addWidget(view)
    view.resize(500, 700)
    view.show()
    view.set_run(t.run_info())
    view.set_frame(frame_of(t))
    qtbot.waitUntil(lambda: "Epochs 0–40" in view.caption.text(), timeout=5000)
    qtbot.wait(800)  # (laid out and drawn: nothing due; a settle() here gave up after 3 s at a load of 13)
    assert not view.paced.pending
    t.run(1)
    assert t.distributions.epoch_range()[1] == 40
    frame = Frame(t.run_id, t.snapshot(), False, 0.0)
    assert frame.snapshot.distributions is None  # (nothing new to carry)
    view.set_frame(frame)
    qtbot.waitUntil(lambda: "the run is at 41" in view.caption.text(), timeout=5000)


def test_the_view_follows_records_sent_alone_and_resent_whole(qtbot):
    """Frames carry a new record alone (Distributions.for_view); the view's copy, added to frame
    by frame (hidden behind its tab too), is the run's; a new run sends all of it."""
    from nnplay.ui.distributions_view import DistributionsView

    t = Trainer(TrainConfig(hidden=(4, 4), activation="tanh"))
    t.run(3)
    view = DistributionsView()
    qtbot.addWidget(view)
    view.set_run(t.run_info())
    first = frame_of(t)
    assert first.snapshot.distributions["base"] is not None
    view.set_frame(first)
    alone = 0
    for _ in range(60):
        t.run(1)
        frame = frame_of(t)
        sent = frame.snapshot.distributions
        alone += sent is not None and sent["base"] is None
        view.set_frame(frame)
    assert alone >= 10
    np.testing.assert_array_equal(view.records.table()[1], t.distributions.table()[1])
    other = Trainer(TrainConfig(hidden=(3,), activation="relu"))
    other.run(2)
    view.set_run(other.run_info())
    view.set_frame(frame_of(other))
    np.testing.assert_array_equal(view.records.table()[1], other.distributions.table()[1])
