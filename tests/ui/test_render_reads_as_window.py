"""A rendered curve panel reads as the window's: the key of its curves above it,
and its epoch axis fitted to the run's epochs (a 20-epoch run ran to 52)."""

import pytest

from nnplay.training import TrainConfig, Trainer
from nnplay.training.session import Session, save_session


@pytest.fixture
def session_20(tmp_path):
    t = Trainer(TrainConfig(dataset="xor", hidden=(4,), seed=3))
    t.run(20)
    path = tmp_path / "run20.nnplay"
    save_session(path, Session(t.config, t.data, t.state_dict()))
    return path


@pytest.mark.parametrize("panel, plot, key", [("loss", "curves.loss_plot", "curves.key"),
                                             ("accuracy", "curves.acc_plot", "curves.key"),
                                             ("norms", "gradients.norm_plot", "gradients.legend")])
def test_a_rendered_curve_panel_has_its_key_and_the_runs_epochs(qtbot, session_20, tmp_path, monkeypatch, panel, plot, key):
    import nnplay.ui.render as render
    from nnplay.ui.export import panel_parts

    seen = {}

    def capture(views, name, out, scale):
        part = lambda dotted: getattr(getattr(views, dotted.split(".")[0]), dotted.split(".")[1])  # noqa: E731
        seen["parts"] = panel_parts(views, name)
        seen["key"], seen["plot"] = part(key), part(plot)
        seen["key_text"] = part(key).text()
        seen["x"] = part(plot).getViewBox().viewRange()[0]

    monkeypatch.setattr(render, "export_view", capture)
    render.render_session(session_20, panel, tmp_path / "p.png", (1200, 800))
    assert seen["key"] in seen["parts"] and seen["parts"].index(seen["key"]) < seen["parts"].index(seen["plot"])
    assert "train" in seen["key_text"] or "layer" in seen["key_text"] or "output" in seen["key_text"]
    lo, hi = seen["x"]
    assert lo <= 0 and 20 <= hi <= 21  # epochs 0…20, not 0…52 (the window's room to grow)


def test_a_rendered_distributions_panel_says_every_finding_whole_and_the_runs_epoch(qtbot, tmp_path, monkeypatch):
    """Its health advice was cut with "…" (a picture has no tooltip) and its caption said
    "Epochs 0–288" for a run at epoch 300 (the last record), as if the run ended there."""
    import nnplay.ui.render as render

    t = Trainer(TrainConfig(dataset="spiral", lr=3.0))
    t.run(300)
    path = tmp_path / "run300.nnplay"
    save_session(path, Session(t.config, t.data, t.state_dict()))
    seen = {}

    def capture(views, name, out, scale):
        seen["health"] = views.distributions.health.text()
        seen["caption"] = views.distributions.caption.text()

    monkeypatch.setattr(render, "export_view", capture)
    render.render_session(path, "distributions", tmp_path / "d.png", (1024, 768))
    assert "Health (" in seen["health"] and "…" not in seen["health"], seen["health"]
    assert "Epochs 0–288 (the run is at 300" in seen["caption"], seen["caption"]


def test_the_distributions_caption_names_the_runs_epoch_past_the_last_record():
    from nnplay.training.distributions import Distributions
    from nnplay.ui.distributions_caption import distributions_caption

    t = Trainer(TrainConfig(dataset="xor", hidden=(3,)))
    t.run(40)  # recorded every 2nd epoch from 32: the last record is epoch 40
    records = t.distributions
    assert isinstance(records, Distributions) and records.epoch_range() == (0, 40)
    assert distributions_caption(records, {}, short=False, epoch=40).count("the run is at") == 0
    assert "Epochs 0–40 (the run is at 41: every 2nd epoch is recorded)" in distributions_caption(records, {}, False, 41)
    assert "Epochs 0–40 (the run is at 41)," in distributions_caption(records, {}, True, 41)
