"""Fault 5 of round 19: `nnplay render --animate` stamped "epoch 200" at the top right of every frame of the
output, which its plot's corner already said ("weights after epoch 200"): two stamps a frame. Every
panel's frames say their epoch once: the panel's own words where it has them, else the recording's stamp."""

from __future__ import annotations

import re

import pytest

import nnplay.ui.render_animation as animation
from nnplay.ui.export import PANELS

pytestmark = pytest.mark.timeout(300)


@pytest.fixture(scope="module")
def run_file(tmp_path_factory):
    from tests.cli_run import nnplay

    path = tmp_path_factory.mktemp("stamp") / "run.nnplay"
    assert nnplay("train", "--dataset", "spiral", "--layers", "4,2", "--epochs", "2", "--save", path).returncode == 0
    return path


def _own_statements(parts) -> list[str]:
    """The panel's own statements of its epoch, as painted: its plots' epoch stamps, its texts naming an epoch."""
    import pyqtgraph as pg
    from PySide6.QtWidgets import QLabel, QWidget

    said = []
    for part in parts:
        for w in [part, *part.findChildren(QWidget)]:
            if isinstance(w, pg.GraphicsView):
                said += [item._epoch_stamp.shown for item in w.scene().items()
                         if getattr(item, "_epoch_stamp", None) is not None and item._epoch_stamp.box.isVisible()
                         and item._epoch_stamp.shown]
            elif isinstance(w, QLabel) and w.isVisibleTo(part) and re.search(r"\b[Ee]poch \d", w.text()):
                said.append(w.text())
    return said


@pytest.mark.parametrize("panel", list(PANELS))
def test_every_frame_says_its_epoch_once(run_file, tmp_path, monkeypatch, panel):
    frames = []
    painted, stamp = animation.panel_image, animation.stamped

    def image(parts, scale):
        frames.append([_own_statements(parts), 0])
        return painted(parts, scale)

    def stamped(img, text):
        frames[-1][1] += 1
        return stamp(img, text)

    monkeypatch.setattr(animation, "panel_image", image)
    monkeypatch.setattr(animation, "stamped", stamped)
    assert animation.animate_session(run_file, panel, tmp_path / "a.gif", 1, 1, 10, (320, 240)) == 2
    assert len(frames) == 2
    for own, ours in frames:
        assert len(own) + ours == 1, f"{panel}: the panel's own {own}, and {ours} stamp(s) of the recording"
