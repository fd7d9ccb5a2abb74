"""Every export keeps its text off the file's edges (round 17, fault 1): the curves' key, the gradient
heatmaps' scale text, the diagram's key, the hidden space's key, the metrics, the landscape's caption and
the Distributions' findings sat at or past the file's left edge (0-2 px) in the PNG and in the SVG as
librsvg draws it. Each panel is exported as the window and ``nnplay render`` export it; nothing but the
background lies within ``export.MARGIN`` on-screen pixels of any edge."""

import numpy as np
import pytest

from tests.ui.test_export import pixels, rasterise

pytestmark = pytest.mark.timeout(180)
SIZE = (800, 600)  # output pixels: drawn at a scale of 0.75 to 2, so the margin is 3 to 8 output pixels
LEAST = 3  # output pixels of background at least between any ink and each edge (it was 0 to 2)


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    """A run with a hidden layer of 3 (the hidden space has a picture), saved."""
    from nnplay.training import TrainConfig, Trainer
    from nnplay.training.session import Session, save_session

    t = Trainer(TrainConfig(hidden=(6, 3), seed=0))
    t.run(30)
    path = tmp_path_factory.mktemp("margins") / "run.nnplay"
    save_session(path, Session(t.config, t.data, t.state_dict()))
    return path


def ink_gaps(image: np.ndarray) -> tuple[int, int, int, int]:
    """Pixels of background between the ink (any pixel 60 or more from the corner's colour in a channel)
    and the left, right, top and bottom edges."""
    ink = np.abs(image - image[0, 0]).max(axis=2) >= 60
    cols, rows = ink.any(axis=0), ink.any(axis=1)
    assert cols.any(), "nothing drawn"
    return (int(np.argmax(cols)), int(np.argmax(cols[::-1])), int(np.argmax(rows)), int(np.argmax(rows[::-1])))


@pytest.mark.parametrize("panel", ["output", "network", "loss", "accuracy", "gradients", "norms", "hidden",
                                   "metrics", "inspector", "landscape", "distributions"])
def test_every_export_keeps_its_ink_off_the_files_edges(qapp, session, tmp_path, panel):
    from nnplay.ui.export import PANELS
    from nnplay.ui.render import render_session

    assert panel in PANELS
    render_session(session, panel, tmp_path / "p.png", SIZE)
    render_session(session, panel, tmp_path / "p.svg", SIZE)
    rasterise(tmp_path / "p.svg", tmp_path / "librsvg.png")  # (as a browser or Inkscape draws it, not Qt)
    for name in ("p.png", "librsvg.png"):
        gaps = ink_gaps(pixels(tmp_path / name))
        assert min(gaps) >= LEAST, f"{name}: ink {gaps} px from the left, right, top and bottom edges"


def test_every_panel_is_checked():
    from nnplay.ui.export import PANELS

    checked = test_every_export_keeps_its_ink_off_the_files_edges.pytestmark[0].args[1]
    assert sorted(checked) == sorted(PANELS)
