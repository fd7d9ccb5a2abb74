"""`nnplay train --save` and `nnplay render`, through the command line."""

import numpy as np
import pytest

from tests.cli_run import nnplay
from tests.image_colours import hex_colours


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "run.nnplay"
    r = nnplay("train", "--dataset", "xor", "--layers", "4", "--epochs", "30", "--seed", "3", "--save", path)
    assert r.returncode == 0, r.stderr
    return path


def test_train_save_writes_the_run_as_a_session(saved):
    from nnplay.training.session import load_session, restore_trainer

    session = load_session(saved)
    assert session.config.dataset == "xor" and session.config.hidden == (4,) and session.state["epoch"] == 30
    trainer = restore_trainer(session)
    assert trainer.epoch == 30 and len(trainer.history) == 31
    again = restore_trainer(load_session(saved))
    np.testing.assert_array_equal(trainer.net.params, again.net.params)


def test_render_list_names_the_panels():
    r = nnplay("render", "--list")
    assert r.returncode == 0
    names = [line.split()[0] for line in r.stdout.splitlines()]
    assert {"output", "network", "loss", "gradients", "inspector"} <= set(names)


@pytest.mark.parametrize("panel", ["output", "inspector", "metrics"])
def test_render_draws_a_slide_sized_png(saved, tmp_path, panel):
    from PySide6.QtGui import QImage

    out = tmp_path / f"{panel}.png"
    r = nnplay("render", saved, "--panel", panel, "--out", out)
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr and r.stderr.count("\n") == 1  # one line: what was written
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1600, 1200)
    if panel == "metrics":  # a table: its class swatches are there
        from nnplay.ui.colors import class_rgb, hex_color

        colours = hex_colours(image, step=2)
        assert {hex_color(c) for c in class_rgb(2)} <= colours
        return
    colours = hex_colours(image, step=40)
    assert len(colours) > 10  # a picture, not an empty canvas


def test_render_svg_at_a_chosen_size(saved, tmp_path):
    out = tmp_path / "network.svg"
    r = nnplay("render", saved, "--panel", "network", "--out", out, "--size", "1000x700")
    assert r.returncode == 0, r.stderr
    head = out.read_text(encoding="utf-8")[:600]
    assert 'width="1000px"' in head and 'height="700px"' in head


def _bad(r, *words):
    assert r.returncode == 2, (r.returncode, r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("nnplay: error:") and "Traceback" not in r.stderr, r.stderr
    assert all(w in lines[0] for w in words), lines[0]


def test_render_refuses_bad_input_in_one_line(saved, tmp_path):
    not_a_session = tmp_path / "notes.nnplay"
    not_a_session.write_text("hello")
    _bad(nnplay("render", tmp_path / "missing.nnplay", "--out", tmp_path / "a.png"), "missing.nnplay", "no such file")
    _bad(nnplay("render", not_a_session, "--out", tmp_path / "a.png"), "notes.nnplay", "not a usable")
    _bad(nnplay("render", saved, "--panel", "boundry", "--out", tmp_path / "a.png"), "boundry", "output")
    _bad(nnplay("render", saved, "--out", tmp_path / "no-folder" / "a.png"), "no-folder", "cannot write")
    _bad(nnplay("render", saved, "--out", tmp_path / "a.jpg"), "a.jpg", ".png or .svg")
    _bad(nnplay("render", saved, "--out", tmp_path / "a.png", "--size", "big"), "--size", "'big'")
    _bad(nnplay("render", saved), "--out")


def test_train_save_refuses_a_missing_folder_before_training(tmp_path):
    _bad(nnplay("train", "--epochs", "100000", "--save", tmp_path / "no-folder" / "run.nnplay"), "no-folder")
    _bad(nnplay("train", "--epochs", "1", "--save", tmp_path / "run.txt"), "run.txt", ".nnplay")


def test_a_network_without_a_small_hidden_layer_has_no_hidden_space_panel(saved, tmp_path):
    r = nnplay("render", saved, "--panel", "hidden", "--out", tmp_path / "h.png")
    assert r.returncode != 0 and "Traceback" not in r.stderr and r.stderr.count("\n") == 1
    assert "2 or 3 neurons" in r.stderr


def test_a_regression_run_has_no_accuracy_panel(tmp_path):
    path = tmp_path / "plane.nnplay"
    assert nnplay("train", "--dataset", "plane", "--epochs", "3", "--save", path).returncode == 0
    r = nnplay("render", path, "--panel", "accuracy", "--out", tmp_path / "a.png")
    assert r.returncode == 2 and "regression run has no accuracy" in r.stderr and len(r.stderr.splitlines()) == 1
    assert not (tmp_path / "a.png").exists()


def test_a_rendered_panel_carries_the_words_the_window_shows_under_it(qtbot):
    """Dead layers said in words under the gradients, as in the window (nothing disappears without a word)."""
    from nnplay.training import TrainConfig, Trainer
    from nnplay.training.loop import Frame
    from nnplay.ui.export import panel_parts
    from nnplay.ui.render import PanelViews

    t = Trainer(TrainConfig(dataset="multigauss", hidden=(8, 8, 8), activation="relu", optimizer="adam", lr=10))
    t.run(3)
    snap = t.snapshot(grid_resolution=None)
    assert snap.gradient_notes  # every ReLU of a layer died
    views = PanelViews("gradients")
    try:
        views.show_run(t.run_info(), Frame(t.run_id, snap, False, 0.0))
        parts = panel_parts(views, "gradients")
        assert views.gradients.notes in parts and "dead" in views.gradients.notes.text()
    finally:
        views.close()


def test_the_options_of_a_recording_are_refused_without_animate(saved, tmp_path):
    for option in (["--epochs", "30"], ["--fps", "5"], ["--every", "5"]):
        r = nnplay("render", saved, "--panel", "output", "--out", tmp_path / "x.png", *option)
        assert r.returncode == 2 and f"argument {option[0]}: applies to a recording" in r.stderr, r.stderr
        assert len(r.stderr.strip().splitlines()) == 1 and not (tmp_path / "x.png").exists()


def test_a_render_builds_only_the_view_its_panel_is_drawn_from(qapp):
    """Every view of the window was built, given the run and its frame for any one panel
    (0.2-0.3 s of CPU): now only the view that panel is drawn from (export.panel_parts)."""
    from nnplay.ui.export import PANELS
    from nnplay.ui.render import VIEW_OF, PanelViews

    assert set(VIEW_OF) == set(PANELS)
    for panel in PANELS:
        views = PanelViews(panel)
        try:
            assert [n for n in sorted(set(VIEW_OF.values())) if getattr(views, n) is not None] == [VIEW_OF[panel]]
        finally:
            views.close()
