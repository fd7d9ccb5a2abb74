"""`nnplay render --size` too small for its panel is refused (tester, round 20): `--panel output --size
200x150` drew the plot squashed to a strip under overlapping labels with the key taking most of it, 320x240 a
~60 px plot with full-size markers, `--panel inspector --size 400x300` 3-px text. Each panel's least size
(``render.LEAST_SIZE``, found by trying) is said in one line naming the option, the panel and that size; at
that size the panel draws whole (``layout_check.picture_problems``)."""

from __future__ import annotations

import numpy as np
import pytest

from nnplay.training import TrainConfig, Trainer
from nnplay.training.session import Session, save_session
from nnplay.ui.export import PANELS
from nnplay.ui.render import LEAST_SIZE, LEAST_SIZE_REGRESSION
from tests.sweep import sweep

pytestmark = pytest.mark.timeout(300)


def _saved(folder, **settings):
    t = Trainer(TrainConfig(**settings))
    t.run(20)
    path = folder / "run.nnplay"
    save_session(path, Session(t.config, t.data, t.state_dict()))
    return path


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """A classification run as `nnplay train --epochs 20 --save` makes it (circle, 4,2), and a regression."""
    return {"classification": _saved(tmp_path_factory.mktemp("least")),
            "regression": _saved(tmp_path_factory.mktemp("least"), dataset="plane", hidden=(6, 2))}


ROWS = [(panel, "classification", LEAST_SIZE[panel]) for panel in PANELS] + \
       [(panel, "regression", size) for panel, size in LEAST_SIZE_REGRESSION.items()]


def test_every_panel_has_a_least_size():
    assert sorted(LEAST_SIZE) == sorted(PANELS) and set(LEAST_SIZE_REGRESSION) <= set(PANELS)


@sweep("panel, task, least", ROWS, ids=[f"{p}-{t}" for p, t, _ in ROWS], default=0)  # one refusal path, every panel's
def test_a_size_under_a_panels_least_is_refused_in_one_line_naming_it(qapp, runs, tmp_path, capsys, panel, task,
                                                                       least):
    from nnplay.cli import main

    w, h = least
    of = " of a regression run" if task == "regression" else ""
    for typed in (f"{w - 1}x{h}", f"{w}x{h - 1}", "200x150"):
        out = tmp_path / "p.png"
        assert main(["render", str(runs[task]), "--panel", panel, "--size", typed, "--out", str(out)]) == 2
        assert capsys.readouterr().err == (f"nnplay: error: argument --size: the {panel} panel{of} needs at least "
                                           f"{w}x{h}, got '{typed}' (see nnplay render --help)\n")
        assert not out.exists()


def test_a_recordings_default_size_too_small_for_its_panel_says_so(qapp, runs, tmp_path, capsys):
    from nnplay.cli import main

    out = tmp_path / "a.gif"
    assert main(["render", str(runs["classification"]), "--panel", "inspector", "--animate", "--epochs", "2",
                 "--out", str(out)]) == 2
    assert capsys.readouterr().err == ("nnplay: error: argument --size: the inspector panel needs at least 1480x1110, "
                                       "more than the default 640x480: give --size 1480x1110 or larger (see nnplay "
                                       "render --help)\n")
    assert main(["render", str(runs["classification"]), "--panel", "output", "--animate", "--epochs", "2", "--size",
                 "320x240", "--out", str(out)]) == 2
    assert "the output panel needs at least 400x340, got '320x240'" in capsys.readouterr().err


def _problems(path, panel, size):
    from nnplay.ui.render import PanelViews, panel_frame, session_trainer
    from tests.layout_check import picture_problems

    trainer = session_trainer(path, panel)
    views = PanelViews(panel)
    try:
        views.show_run(trainer.run_info(), panel_frame(trainer, panel))
        for view in (views.curves, views.gradients):
            if view is not None:
                view.fit_epochs()
        parts, scale = views.lay_out(size)
        return picture_problems(parts, scale, size)
    finally:
        views.close()


@pytest.mark.parametrize("panel, task, least", ROWS, ids=[f"{p}-{t}" for p, t, _ in ROWS])
@sweep("stretch", [(1, 1), (2, 1), (1, 2)], ids=["least", "twice-as-wide", "twice-as-high"], default=0)
def test_every_panel_draws_whole_at_its_least_size(qapp, runs, panel, task, least, stretch):
    size = (least[0] * stretch[0], least[1] * stretch[1])
    assert _problems(runs[task], panel, size) == []


def test_a_drawing_wider_than_the_room_is_drawn_smaller_to_the_size_asked(qapp, runs, tmp_path):
    """The network's drawing keeps a readable least width (it scrolls sideways in the window), which the panel's
    minimum size hint does not say: at 240x300 it was laid out 141 px wide on screen round a 185-px drawing and
    written 329x300 (the window narrowed to 68 px around it, its key wrapped in 140 px); 240x450, 386x450.
    Now drawn smaller until the drawing fits, the file as large as asked."""
    from PySide6.QtGui import QImage

    from nnplay.ui.render import render_session

    for size in ((240, 300), (240, 450)):
        out = tmp_path / f"n{size[1]}.png"
        assert render_session(runs["classification"], "network", out, size) == size
        image = QImage(str(out))
        assert (image.width(), image.height()) == size


def test_an_odd_size_is_written_exactly(qapp, runs, tmp_path):
    """At x2 a panel of whole on-screen pixels is an even number of output pixels: --size 800x603 was laid out
    301.5 -> 302 px high and written 800x604 with "does not fit" (the 20 classes' output at its least said,
    400x643, likewise). Within FIT_SLACK of the size asked, the file is that size."""
    from PySide6.QtGui import QImage

    from nnplay.ui.render import render_session

    for size, name in (((800, 603), "o.png"), ((801, 603), "o.svg")):
        out = tmp_path / name
        assert render_session(runs["classification"], "output", out, size) == size
        if name.endswith(".png"):
            image = QImage(str(out))
            assert (image.width(), image.height()) == size
        else:
            assert f'width="{size[0]}px" height="{size[1]}px"' in out.read_text()


def test_the_testers_sizes_were_unusable(qapp, runs):
    """The least sizes are not too strict: the tester's sizes fail the check the least sizes pass."""
    for panel, size in (("output", (200, 150)), ("output", (320, 240)), ("inspector", (400, 300))):
        assert _problems(runs["classification"], panel, size), (panel, size)


def _csv_of_classes(path, k: int):
    rng = np.random.default_rng(k)
    y = np.arange(12 * k) % k
    angle = 2 * np.pi * y / k
    x = np.column_stack([3 * np.cos(angle), 3 * np.sin(angle)]) + rng.normal(0, 0.3, (y.size, 2))
    path.write_text("x1,x2,label\n" + "".join(f"{a:.3f},{b:.3f},kind_{c:02d}\n" for (a, b), c in zip(x, y)))
    return path


@pytest.fixture(scope="module")
def big_runs(tmp_path_factory):
    """Round 21: the least sizes were found on runs of one or two narrow layers. Six hidden layers of 16, and a
    CSV of 50 classes (its last hidden layer of 3, for the hidden space)."""
    from nnplay.data import load_csv

    folder = tmp_path_factory.mktemp("big")
    deep = Trainer(TrainConfig(hidden=(16,) * 6))
    many = Trainer(TrainConfig(dataset="csv", hidden=(16,) * 5 + (3,)), load_csv(_csv_of_classes(folder / "k.csv", 50)))
    runs = {}
    for name, t in (("six-layers-of-16", deep), ("fifty-classes", many)):
        t.run(20)
        runs[name] = folder / f"{name}.nnplay"
        save_session(runs[name], Session(t.config, t.data, t.state_dict()))
    return runs


def _least_and_problems(path, panel):
    """The run's least size (as ``nnplay render`` finds it: ``render_room.run_least`` on the views it draws),
    and what is cut when the panel is laid out there, as ``nnplay render --size`` that size lays it out."""
    from nnplay.ui.render import PanelViews, panel_frame, session_trainer
    from nnplay.ui.render_room import run_least
    from tests.layout_check import picture_problems

    trainer = session_trainer(path, panel)
    views = PanelViews(panel)
    try:
        views.show_run(trainer.run_info(), panel_frame(trainer, panel))
        least = run_least(views, panel, trainer.data.task)
        parts, scale = views.lay_out(least)
        return least, picture_problems(parts, scale, least)
    finally:
        views.close()


SLOW = pytest.mark.slow  # the confusion matrix of 50 classes: 5 s a layout, measured three or four times
# one code path (render_room.run_least) over the panels of two big runs: two points in the default run, the
# deep network's diagram and the fifty classes' key, the others with -m slow (tests/sweep.py's rule)
DEFAULT_POINTS = {("six-layers-of-16", "network"), ("fifty-classes", "output")}
BIG = [pytest.param(run, panel, id=f"{run}-{panel}", marks=() if (run, panel) in DEFAULT_POINTS else SLOW)
       for run in ("six-layers-of-16", "fifty-classes") for panel in PANELS if (run, panel) != ("six-layers-of-16", "hidden")]


@pytest.mark.parametrize("run, panel", BIG)
def test_a_big_runs_panels_draw_whole_at_the_least_size_said(qapp, big_runs, run, panel):
    least, problems = _least_and_problems(big_runs[run], panel)
    assert problems == [], least
    assert least[0] >= LEAST_SIZE[panel][0] and least[1] >= LEAST_SIZE[panel][1]


@pytest.mark.parametrize("run, panel, table", [("six-layers-of-16", "network", (240, 150)),
                                              pytest.param("six-layers-of-16", "distributions", (600, 450), marks=SLOW),
                                              pytest.param("fifty-classes", "inspector", (1480, 1110), marks=SLOW),
                                              pytest.param("fifty-classes", "metrics", (440, 330), marks=SLOW)])
def test_a_big_run_is_refused_under_its_own_least_naming_it(qapp, big_runs, tmp_path, capsys, run, panel, table):
    """At the small runs' least (round 20's table) the six layers' network was drawn at 0.66 and written larger,
    their distributions' bands 68 px high, the 50 classes' inspector drawn at 0.46 and confusion matrix written
    675x2571 for 440x330."""
    from nnplay.cli import main

    least, _ = _least_and_problems(big_runs[run], panel)
    assert least[0] > table[0] or least[1] > table[1]
    typed = f"{least[0]}x{least[1] * 9 // 10}"
    out = tmp_path / "p.png"
    assert main(["render", str(big_runs[run]), "--panel", panel, "--size", typed, "--out", str(out)]) == 2
    assert capsys.readouterr().err == (f"nnplay: error: argument --size: the {panel} panel of this run needs at "
                                       f"least {least[0]}x{least[1]}, got '{typed}' (see nnplay render --help)\n")
    assert not out.exists()
