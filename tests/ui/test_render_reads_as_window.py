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

    def capture(views, name, out, scale, **_):
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

    def capture(views, name, out, scale, **_):
        seen["health"] = views.distributions.health.text()
        seen["caption"] = views.distributions.caption.text()

    monkeypatch.setattr(render, "export_view", capture)
    render.render_session(path, "distributions", tmp_path / "d.png", (1024, 768))
    assert "Health (" in seen["health"] and "…" not in seen["health"], seen["health"]
    assert "Epochs 0–288 (the run is at 300" in seen["caption"], seen["caption"]
    # tester 13: "(hover for more)" in a picture, and "every 16th epoch is recorded" beside 83 records over 0–288
    assert "hover" not in seen["caption"] and "83 records; every epoch to 31, then every 2nd to 63, 4th to 127, " \
        "8th to 255, 16th from 256." in seen["caption"], seen["caption"]


def test_the_recorded_epochs_said_are_those_recorded():
    from nnplay.training.distributions import due
    from nnplay.ui.distributions_caption import recorded_epochs

    for epoch in (31, 32, 100, 300, 5000):
        said = recorded_epochs(epoch)
        strides = [1] + [int(s.split()[0][:-2]) for s in said.split("then every ")[-1].split(", ")] if "then" in said else [1]
        starts = [0] + [32 << k for k in range(len(strides) - 1)]
        expected = [e for e in range(epoch + 1) if due(e)]
        got = sorted({e for i, (s, a) in enumerate(zip(strides, starts))
                      for e in range(a, (starts[i + 1] if i + 1 < len(starts) else epoch + 1), s)})
        assert got == expected, (epoch, said)


def test_a_tall_panel_is_rendered_at_the_size_asked(tmp_path):
    """Tester 13: a 7-layer run's distributions at --size 1024x768 wrote a 1024x3780 PNG."""
    from PySide6.QtGui import QImage

    import nnplay.ui.render as render

    t = Trainer(TrainConfig(dataset="xor", hidden=(3,) * 6))
    t.run(40)
    path = tmp_path / "deep.nnplay"
    save_session(path, Session(t.config, t.data, t.state_dict()))
    written = render.render_session(path, "distributions", tmp_path / "d.png", (1024, 768))
    image = QImage(str(tmp_path / "d.png"))
    assert written == (1024, 768) and (image.width(), image.height()) == (1024, 768)


def test_the_distributions_caption_names_the_runs_epoch_past_the_last_record():
    from nnplay.training.distributions import Distributions
    from nnplay.ui.distributions_caption import distributions_caption

    t = Trainer(TrainConfig(dataset="xor", hidden=(3,)))
    t.run(40)  # recorded every 2nd epoch from 32: the last record is epoch 40
    records = t.distributions
    assert isinstance(records, Distributions) and records.epoch_range() == (0, 40)
    assert distributions_caption(records, {}, short=False, epoch=40).count("the run is at") == 0
    assert "Epochs 0–40 (the run is at 41), 37 records; every epoch to 31, then every 2nd from 32." \
        in distributions_caption(records, {}, False, 41)
    assert "Epochs 0–40 (the run is at 41)," in distributions_caption(records, {}, True, 41)
