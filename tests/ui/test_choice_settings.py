"""Every list control set from a settings text (``--settings``, a pasted text,
a session, a lesson) selects the item of the value it is given, and never adds
a duplicate or an unlabelled item: ``nnplay --settings schedule=cosine`` added a
second "cosine" item beside "Cosine annealing over 500 epochs" (``cosine:500``,
the same schedule). Each combo-backed setting is tried with each of its values,
with equivalent spellings of them, and with values off its list."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtWidgets import QMenu

from nnplay.data import generate
from nnplay.training import TrainConfig
from nnplay.training.schedules import same_schedule
from nnplay.training.settings_text import CHOICE_LABELS
from nnplay.ui.choice_match import combo_values, same_value
from nnplay.ui.network_panel import LEARNING_RATES, REG_RATES, NetworkPanel
from nnplay.ui.schedule_controls import CLIP_CHOICES, SCHEDULE_CHOICES, ScheduleMenus, schedule_text

DATA = {"circle": generate("circle", 0.0, 0), "plane": generate("plane", 0.0, 0),
        "spiral-k": generate("spiral-k", 0.0, 0, 3)}
LOSS_DATA = {"auto": "circle", "bce": "circle", "ce": "spiral-k", "mse": "plane", "tanh_mse": "plane"}


def _texts():
    """(setting, settings text, whether the value is on the control's own list)."""
    out = [("loss", f"loss={k}", True) for k in CHOICE_LABELS["loss"]]
    out += [(s, f"{s}={k}", True) for s in ("optimizer", "init", "activation") for k in CHOICE_LABELS[s]]
    out += [("activation", "activation=Leaky ReLU", True), ("activation", "activation=tanh,relu", False)]
    out += [("lr", f"lr={v!r}", True) for v in LEARNING_RATES]
    out += [("lr", t, True) for t in ("lr=0.030", "lr=3e-2", "lr=0.030000000000000002", "lr=1E-5")]
    out += [("lr", t, False) for t in ("lr=0.05", "lr=0.0314159")]
    out += [("l2", f"l2={v!r}", True) for v in REG_RATES] + [("l1", "l1=0.0030000000000000001", True)]
    out += [("l2", "l2=0.005", False)]
    out += [("schedule", f"schedule={v}", True) for _, v in SCHEDULE_CHOICES]
    out += [("schedule", f"schedule={v}", True) for v in ("cosine", "cosine:500:0", "COSINE:2000", "Step:100:0.5",
                                                          "warmup", "warmup:5:0.3333333333333333", "warmup:50")]
    out += [("schedule", f"schedule={v}", False) for v in ("step", "cosine:300", "warmup:7:0.5", "step:10:0.5")]
    out += [("clip", f"clip={v!r}", True) for _, v in CLIP_CHOICES] + [("clip", "clip=1.0000000000001", True)]
    out += [("clip", "clip=2", False)]
    return out


TEXTS = _texts()


@pytest.fixture(scope="module")
def controls(qapp):
    panel, run_menu = NetworkPanel(), QMenu()
    menus = ScheduleMenus(run_menu)
    yield panel, menus
    run_menu.deleteLater()
    panel.deleteLater()


def _items(setting, panel, menus):
    """(values, labels, the value shown, how two values are the same) of the setting's control."""
    if setting in ("schedule", "clip"):
        choice = menus.schedule if setting == "schedule" else menus.clip
        actions = choice.group.actions()
        return ([a.data() for a in actions], [a.text() for a in actions], choice.checked(),
                same_schedule if setting == "schedule" else same_value)
    combo = {"lr": panel.learning_rate, "l1": panel.reg_rate, "l2": panel.reg_rate, "loss": panel.loss,
             "optimizer": panel.optimizer, "init": panel.init, "activation": panel.activation}[setting]
    return combo_values(combo), [combo.itemText(k) for k in range(combo.count())], combo.currentData(), same_value


def _show(text, panel, menus):
    config = TrainConfig.from_text(text)  # as --settings, a pasted text, a session and a lesson read it
    data = DATA[LOSS_DATA[config.loss]]
    panel.show_settings(config, data)
    menus.show(config)
    return config


@pytest.mark.parametrize("setting, text, listed", TEXTS, ids=[t for _, t, _ in TEXTS])
def test_a_setting_selects_its_one_item(controls, setting, text, listed):
    panel, menus = controls
    _show("seed=0", panel, menus)  # the defaults first: a value from an earlier case is gone from a rebuilt list
    before = len(_items(setting, panel, menus)[0])
    config = _show(text, panel, menus)
    values, labels, shown, same = _items(setting, panel, menus)
    wanted = {"l1": config.l1, "l2": config.l2}.get(setting, getattr(config, setting, None))
    if setting == "activation" and "," in text:
        assert shown == "per layer" and "Tanh, ReLU" in labels[-1]
    else:
        assert same(shown, wanted), (shown, wanted)
    assert not any(same(a, b) for a, b in itertools.combinations(values, 2)), values  # no item twice
    assert len(set(labels)) == len(labels) and all(labels), labels  # nor a label twice, nor an empty one
    if setting != "loss":  # (the loss list is the data's: rebuilt for each task)
        assert len(values) - before == (0 if listed else 1), labels  # an item only for a value off the list
    if setting == "schedule" and not listed:
        assert labels[-1] == schedule_text(config.schedule) and labels[-1][0].isupper()  # in words, not "step"
    _show(text, panel, menus)  # shown again: nothing more added
    assert len(_items(setting, panel, menus)[0]) == len(values)


def test_the_window_given_schedule_cosine_keeps_one_cosine_item(window, qtbot):
    menus = window.schedule_menus.schedule
    before = [a.text() for a in menus.group.actions()]
    assert window.controller.apply_settings_text("schedule=cosine")
    qtbot.waitUntil(lambda: window.controller.config.schedule == "cosine", timeout=5000)
    assert [a.text() for a in menus.group.actions()] == before
    assert menus.group.checkedAction().text() == "Cosine annealing over 500 epochs"
