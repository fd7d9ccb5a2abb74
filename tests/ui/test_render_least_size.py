"""`nnplay render --size` too small for its panel is refused (tester, round 20): `--panel output --size
200x150` drew the plot squashed to a strip under overlapping labels with the key taking most of it, 320x240 a
~60 px plot with full-size markers, `--panel inspector --size 400x300` 3-px text. Each panel's least size
(``render.LEAST_SIZE``, found by trying) is said in one line naming the option, the panel and that size; at
that size the panel draws whole (``layout_check.picture_problems``)."""

from __future__ import annotations

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


@pytest.mark.parametrize("panel, task, least", ROWS, ids=[f"{p}-{t}" for p, t, _ in ROWS])
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


def test_the_testers_sizes_were_unusable(qapp, runs):
    """The least sizes are not too strict: the tester's sizes fail the check the least sizes pass."""
    for panel, size in (("output", (200, 150)), ("output", (320, 240)), ("inspector", (400, 300))):
        assert _problems(runs["classification"], panel, size), (panel, size)
