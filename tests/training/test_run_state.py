"""One source of truth: the run state, what the controls show, and what the run uses."""

import json
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nnplay.data import load_csv
from nnplay.training import TrainConfig
from nnplay.training.run_state import RunState

CORPUS = Path(__file__).parents[1] / "csv_corpus"


# ------------------------------------------------------------------ Qt-free model
def test_listeners_hear_the_fields_and_settings_they_subscribed_to():
    state = RunState(TrainConfig())
    heard = {"lr": [], "data": [], "playing": [], "refused": []}
    for name, got in heard.items():
        state.subscribe(got.append, (name,))
    assert state.apply(lr=0.1)
    assert heard["lr"] == [frozenset({"config", "lr"})] and heard["data"] == []
    data = state.data
    assert state.apply(dataset="xor")
    assert state.data is not data and heard["data"] and len(heard["lr"]) == 1
    state.set(playing=True)
    state.set(playing=True)  # no change, no call
    assert len(heard["playing"]) == 1
    before = (state.config, state.data)
    assert not state.apply(classes=9)
    assert (state.config, state.data) == before
    assert "classes must be a whole number from 2 to 8" in state.refusal and len(heard["refused"]) == 1


def test_a_patch_keeps_the_loaded_csv_and_every_setting_it_does_not_name():
    state = RunState(TrainConfig(optimizer="adam", hidden=(6,)))
    config, data = state.patched({"dataset": "csv"}, data=load_csv(CORPUS / "two_rows.csv"))
    state.set(config=config, data=data, source="two_rows.csv")
    for patch in ({"lr": 0.01}, {"standardize": True}, TrainConfig.text_patch("train_ratio=0.7&dataset=csv")):
        assert state.apply(**patch)
        assert state.data.name == data.name and state.source == "two_rows.csv"
        assert state.config.optimizer == "adam" and state.config.hidden == (6,) and state.config.dataset == "csv"
    assert state.apply(dataset="moons") and state.source is None and state.data.name == "moons"


def test_a_loss_the_text_names_must_suit_the_data_but_an_old_one_falls_back():
    state = RunState(TrainConfig(dataset="xor", loss="bce"))
    assert state.apply(dataset="spiral-k", classes=4) and state.config.loss == "auto"
    assert not state.apply(loss="bce") and "two classes" in state.refusal


# ------------------------------------------------------------------ the window
def shown(window) -> dict:
    """Every setting as the window's controls show it."""
    d, n = window.data_panel, window.network_panel
    checked = [name for name, b in d.dataset_buttons.items() if b.isChecked()]
    l1, l2 = n.shown_regularization()
    two_d = d.features["x1"].isEnabled()
    return {"dataset": checked[0] if checked else "csv", "classes": d.classes.value(),
            "noise": d.labels["noise"].text(), "noise_slider": d.noise.value(),
            "train_ratio": d.labels["train_ratio"].text(), "train_ratio_slider": d.ratio.value(),
            "batch_size": d.batch.value(), "batch_label": d.labels["batch_size"].text(),
            "features": tuple(f for f, cb in d.features.items() if cb.isChecked()) if two_d else None,
            "hidden": tuple(b.value() for b in n.neuron_boxes), "layers": n.layer_count.text(),
            "activation": n.activation.currentData(), "loss": n.loss.currentData(),
            "optimizer": n.optimizer.currentData(), "init": n.init.currentData(), "seed": n.seed.value(),
            "lr": n.learning_rate.currentData(), "l1": float(l1), "l2": float(l2)}


def expected(config, data) -> dict:
    layers = len(config.hidden)
    fixed = data.n_classes if data.task == "classification" else 0  # the data's own count (test_classes_box)
    return {"dataset": config.dataset, "classes": config.classes if config.dataset.endswith("-k") else fixed,
            "noise": f"{config.noise * 100:.4g}%", "noise_slider": round(config.noise * 100),
            "train_ratio": f"{config.train_ratio * 100:.4g}%", "train_ratio_slider": round(config.train_ratio * 100),
            "batch_size": config.batch_size, "batch_label": str(config.batch_size),
            "features": config.features if data.n_inputs == 2 else None,
            "hidden": config.hidden, "layers": f"{layers} hidden layer{'s' if layers != 1 else ''}",
            "activation": config.activation, "loss": config.loss, "optimizer": config.optimizer,
            "init": config.init, "seed": config.seed, "lr": config.lr, "l1": config.l1, "l2": config.l2}


VALUES = {
    "dataset": st.sampled_from(["circle", "XOR", "spiral-k", "Blobs-K", "plane", "moons", "csv", "spirals"]),
    "classes": st.integers(0, 10),
    "noise": st.sampled_from(["0", "0.125", "0.5", "0.7", "-0.1"]),
    "train_ratio": st.sampled_from(["0.05", "0.5", "0.95", "1", "0", "1.5", "0.333"]),
    "batch_size": st.sampled_from(["1", "30", "31", "1000", "0", "ten"]),
    "hidden": st.lists(st.integers(0, 40), max_size=10).map(lambda h: ",".join(map(str, h))),
    "activation": st.sampled_from(["ReLU", "tanh", "Leaky ReLU", "linear", "relux"]),
    "loss": st.sampled_from(["auto", "bce", "Softmax + cross-entropy", "mse", "hinge"]),
    "optimizer": st.sampled_from(["Adam", "sgd", "Momentum", "Gradient descent", "rmsprop"]),
    "init": st.sampled_from(["He", "auto", "Xavier (Glorot)", "uniform", "lecun"]),
    "lr": st.sampled_from(["0.03", "0.05", "3e-5", "10", "0", "200"]),
    "l1": st.sampled_from(["0", "0.001", "0.02", "-1"]),
    "l2": st.sampled_from(["0", "0.003", "0.5"]),
    "seed": st.sampled_from(["0", "7", "2147483647", "2147483648"]),
    "features": st.sampled_from(["x1,x2", "x1,x2,x1x2", "sin_x1", "colour"]),
    "activaton": st.just("relu"),  # misspelt name
}
texts = st.dictionaries(st.sampled_from(sorted(VALUES)), st.just(None), min_size=1, max_size=5).flatmap(
    lambda keys: st.tuples(*[st.tuples(st.just(k), VALUES[k]) for k in keys])).map(
    lambda pairs: "&".join(f"{k}={v}" for k, v in pairs))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sequence=st.lists(texts, min_size=1, max_size=4))
def test_after_any_settings_text_every_control_shows_what_the_run_uses(window, qtbot, sequence):
    c = window.controller
    for text in sequence:
        before, errors = c.config, len(window.errors)
        applied = c.apply_settings_text(text)
        assert applied == (len(window.errors) == errors), (text, window.errors[-1:])
        if not applied:
            assert c.config == before  # refused whole, with one line
            assert "\n" not in window.errors[-1][1] and window.errors[-1][1]
        else:  # a patch: what the text does not name is as it was
            named = TrainConfig.text_patch(text)
            for key in ("activation", "optimizer", "init", "lr", "seed", "hidden", "batch_size"):
                if key not in named:
                    assert getattr(c.config, key) == getattr(before, key), (text, key)
        assert shown(window) == expected(c.config, c.data), text
    generation = c.generation
    qtbot.waitUntil(lambda: c.run_info is not None and c.run_info.run_id == generation, timeout=20000)
    assert c.run_info.sizes[1:-1] == c.config.hidden  # the run is built from those settings


def test_clicking_a_layer_after_a_large_pasted_one_keeps_it(window, qtbot):
    c = window.controller
    assert c.apply_settings_text("hidden=32,3")
    window.network_panel.neuron_boxes[1].stepUp()
    assert c.config.hidden == (32, 4) and shown(window)["hidden"] == (32, 4)
    assert c.apply_settings_text("l1=0.01&l2=0.02")
    assert window.network_panel.regularization.currentText() == "L1 + L2"
    assert shown(window)["l1"] == 0.01 and shown(window)["l2"] == 0.02


def refused_session(tmp_path, window, qtbot) -> Path:
    """A session whose session.json says hidden [5, 2] while its weights are for [3, 2]."""
    c = window.controller
    c.change(hidden=(3, 2))
    qtbot.waitUntil(lambda: c.run_info is not None and c.run_info.sizes == (2, 3, 2, 1), timeout=10000)
    good = tmp_path / "good.nnplay"
    with qtbot.waitSignal(c.session_saved, timeout=10000):
        c.save_session(str(good))
    bad = tmp_path / "bad.nnplay"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "session.json":
                doc = json.loads(data)
                doc["config"]["hidden"] = [5, 2]
                doc["config"]["dataset"] = "xor"
                data = json.dumps(doc).encode()
            dst.writestr(item, data)
    return bad


def test_a_session_whose_weights_do_not_fit_changes_nothing(window, qtbot, tmp_path):
    c = window.controller
    bad = refused_session(tmp_path, window, qtbot)
    c.change(hidden=(4, 2), activation="relu")
    qtbot.waitUntil(lambda: c.run_info is not None and c.run_info.sizes == (2, 4, 2, 1), timeout=10000)
    c.play()
    qtbot.waitUntil(lambda: c.last_frame is not None and c.last_frame.snapshot.epoch > 2, timeout=10000)
    config, data, info, generation = c.config, c.data, c.run_info, c.generation
    panels, recent = shown(window), window.recent_files()
    errors = len(window.errors)
    assert window.open_file(str(bad))  # read; its run is built before anything changes
    qtbot.waitUntil(lambda: len(window.errors) > errors, timeout=10000)
    assert window.errors[-1][0] == "Cannot open this session" and "params.npy (the weights) holds" in window.errors[-1][1]
    assert "\n" not in window.errors[-1][1]
    assert c.config == config and c.data is data and c.run_info is info and c.generation == generation
    assert shown(window) == panels and window.recent_files() == recent
    assert c.playing and window.play_action.text() == "Pause"
    epoch = c.last_frame.snapshot.epoch
    qtbot.waitUntil(lambda: c.last_frame.snapshot.epoch > epoch + 2, timeout=10000)  # the same run trains on
    assert c.last_frame.generation == generation  # and its frames are the ones drawn
    c.pause()
    c.reset()
    qtbot.waitUntil(lambda: c.run_info.run_id == c.generation and c.last_frame is not None, timeout=10000)
    assert c.run_info.sizes == (2, 4, 2, 1) and c.config.activation == "relu"  # Reset rebuilds the shown run


def test_a_partial_line_pasted_after_a_csv_keeps_the_csv_and_the_optimizer(window, qtbot, qapp):
    c = window.controller
    assert c.change(optimizer="adam") and c.load_csv(str(CORPUS / "two_rows.csv"))
    data = c.data
    for line in ("lr=0.01", "standardize=1", "activation=ReLU&"):
        qapp.clipboard().setText(line)
        window.paste_settings()
        assert c.data.name == data.name and c.csv_path == str(CORPUS / "two_rows.csv"), line
        assert c.config.optimizer == "adam" and c.config.dataset == "csv", line
        assert window.windowTitle().startswith("two_rows.csv") and shown(window) == expected(c.config, c.data)
    assert c.config.lr == 0.01 and c.config.standardize and c.config.activation == "relu"


def test_a_csv_choice_stays_with_the_csv_when_a_generated_set_is_picked():
    """Issue 15: Standardize ticked for a CSV stayed ticked for the spiral (which then trained on
    inputs the user never asked to standardise); the training share followed the same way."""
    state = RunState(TrainConfig(train_ratio=0.6))
    config, data = state.patched({"dataset": "csv", "standardize": True, "train_ratio": 0.8},
                                 data=load_csv(CORPUS / "two_rows.csv"))
    state.set(config=config, data=data, source="two_rows.csv")
    assert state.config.standardize and state.config.train_ratio == 0.8
    assert state.apply(dataset="spiral")
    assert not state.config.standardize and state.config.train_ratio == 0.6  # the generated sets' own
    assert state.source is None
    assert state.apply(standardize=True)  # chosen for the generated sets: kept among them
    assert state.apply(dataset="circle") and state.config.standardize
    config, data = state.patched({"dataset": "csv", "standardize": False, "train_ratio": 0.7},
                                 data=load_csv(CORPUS / "two_rows.csv"))
    state.set(config=config, data=data, source="two_rows.csv")
    assert state.apply(dataset="xor", train_ratio=0.9)  # named with the pick: that is what the user asked
    assert state.config.standardize and state.config.train_ratio == 0.9
