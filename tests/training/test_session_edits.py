"""Sessions keep issue 17's settings and masks exactly; a session written
before them (tests/training/fixtures/session_before_issue17.nnplay, saved by
`nnplay train` on main before the change) still opens and trains."""

import io
import json
import zipfile
from pathlib import Path

import numpy as np
import pytest

from nnplay.cli import main
from nnplay.training import TrainConfig, Trainer
from nnplay.training.session import (
    Session,
    SessionError,
    load_session,
    restore_trainer,
    save_session,
)

OLD = Path(__file__).parent / "fixtures" / "session_before_issue17.nnplay"


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    config = TrainConfig(dataset="xor", hidden=(3, 2), activation="relu,sigmoid", dropout=(0.1, 0.3),
                         schedule="step:4:0.5", clip=0.5, freeze=(3,), optimizer="adam", batch_size=50, seed=4)
    t = Trainer(config)
    t.set_frozen(0, 1, 0)
    t.set_pruned(0, 2)
    t.set_pruned(1, 1, 0)
    t.run(6)
    path = tmp_path_factory.mktemp("s") / "edited.nnplay"
    save_session(path, Session(t.config, t.data, t.state_dict()))
    return t, path


def test_a_session_restores_masks_per_layer_settings_schedule_and_clip_exactly(edited):
    t, path = edited
    u = restore_trainer(load_session(path))
    assert u.config == t.config and u.net.activation_names == ["relu", "sigmoid"]
    assert u.net.dropout.rates == (0.1, 0.3) and u.net.clip.max_norm == 0.5
    for name in ("frozen", "pruned"):
        np.testing.assert_array_equal(getattr(u.net.masks, name), getattr(t.net.masks, name))
    assert [n.tolist() for n in u.net.masks.neurons] == [[False, False, True], [False, False]]
    np.testing.assert_array_equal(u.net.params, t.net.params)
    np.testing.assert_array_equal(u.history.column("lr"), t.history.column("lr"))
    t2 = t.copy()
    for run in (t2, u):  # going on from the file is going on from the run: same generator, same masks
        run.run(3)
    np.testing.assert_array_equal(u.net.params, t2.net.params)


def test_a_session_from_before_issue_17_still_opens_and_trains():
    s = load_session(OLD)
    assert s.config.dropout == () and s.config.freeze == () and s.config.schedule == "constant"
    t = restore_trainer(s)
    assert t.epoch == 20 and not t.net.masks.any and np.isnan(t.history.column("lr")).all()
    t.run(2)
    assert t.history.last("lr") == pytest.approx(0.03) and t.epoch == 22


def test_damaged_masks_in_a_session_are_one_line_naming_the_file(edited, tmp_path):
    _, path = edited
    bad = tmp_path / "bad.nnplay"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(bad, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "masks_neurons.npy":
                buf = io.BytesIO()
                np.save(buf, np.zeros(7, bool))
                data = buf.getvalue()
            dst.writestr(item, data)
    with pytest.raises((SessionError, ValueError)) as e:
        restore_trainer(load_session(bad))
    assert "masks_neurons.npy (the pruned neurons) does not fit the network" in str(e.value) and "\n" not in str(e.value)
    with zipfile.ZipFile(bad) as z:
        assert json.loads(z.read("session.json"))["config"]["freeze"] == [3]


def test_freeze_1_keeps_the_first_layer_of_a_500_epoch_session_bit_for_bit(tmp_path, capsys):
    path = tmp_path / "xor.nnplay"
    code = main(["train", "--dataset", "xor", "--settings", "hidden=2&activation=tanh&freeze=1&lr=0.3",
                 "--epochs", "500", "--batch-size", "250", "--save", str(path)])
    assert code == 0
    t = restore_trainer(load_session(path))
    start = Trainer(t.config)  # epoch 0 of the same settings
    assert t.epoch == 500
    np.testing.assert_array_equal(t.net.weights[0], start.net.weights[0])
    np.testing.assert_array_equal(t.net.biases[0], start.net.biases[0])
    assert not np.array_equal(t.net.weights[1], start.net.weights[1])
