"""Everything done in the window that changes what the run computes is in the run state: Edit › Copy
settings, given to ``nnplay train --settings``, trains the window's run to the last digit (tester 21:
a layer frozen from its title's menu was only a mask beside the run, left out of the copied text and
of a saved session's config, and the command line trained another run)."""

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication

from nnplay.training import TrainConfig
from nnplay.training.commands import Freeze, Prune
from nnplay.training.history import History
from nnplay.training.run_state import RunState
from nnplay.training.trainer import Trainer
from nnplay.training.session import load_session
from nnplay.ui.diagram_menu import network_edit
from tests.cli_run import nnplay_process

pytestmark = pytest.mark.timeout(120)
EPOCHS = 20


def _freeze_layer_1(window):
    menu = window.diagram.context_menu.open_menu(("layer", 1), QPoint(0, 0))
    {a.text(): a for a in menu.actions()}["Freeze layer 1 (W[1] and b[1])"].trigger()
    menu.close()


def _layer_menu_choice(window, layer, submenu, text):
    labels = window.diagram.activation_labels
    labels.open_menu(layer, QPoint(0, 0))
    menu = labels.menu if submenu is None else labels.menu.findChild(type(labels.menu), submenu)
    {a.text().replace("&", ""): a for a in menu.actions()}[text].trigger()
    labels.menu.close()


BASE = "dataset=circle&hidden=4,2,2&activation="
ACTIONS = {  # (each action, on a network where it changes the run: see the last assertion)
    "freeze a layer": _freeze_layer_1,
    "freeze a layer, then dropout": lambda w: (_freeze_layer_1(w),
                                               _layer_menu_choice(w, 1, "dropout_menu_layer_1", "0.3")),
    "a layer's activation": lambda w: _layer_menu_choice(w, 2, None, "Sigmoid"),
    "schedule": lambda w: w.schedule_menus.schedule.action("warmup:5").trigger(),
    "clipping": lambda w: w.schedule_menus.clip.action(0.5).trigger(),
}


@pytest.mark.parametrize("action", list(ACTIONS))
def test_the_copied_settings_train_the_windows_run_on_the_command_line(window, qtbot, tmp_path, action):
    c = window.controller
    base = BASE + ("ReLU" if "dropout" in action else "tanh")  # (the tester's, and one where layer 1 learns)
    assert c.apply_settings_text(base)
    qtbot.waitUntil(lambda: c.last_frame is not None and c.last_frame.generation == c.generation, timeout=20000)
    ACTIONS[action](window)
    c.step(EPOCHS)
    qtbot.waitUntil(lambda: c.last_frame is not None and c.last_frame.generation == c.generation
                    and c.last_frame.snapshot.epoch == EPOCHS,
                    timeout=30000)
    window.copy_settings()
    text = QApplication.clipboard().text()
    path = tmp_path / "cli.nnplay"
    result = nnplay_process("train", "--settings", text, "--epochs", EPOCHS, "--save", path)
    assert result.returncode == 0, result.stderr
    saved = []
    c.session_saved.connect(saved.append)
    c.save_session(str(tmp_path / "window.nnplay"))
    qtbot.waitUntil(lambda: bool(saved), timeout=10000)
    cli, shown = load_session(path), load_session(tmp_path / "window.nnplay")
    assert shown.config.to_text() == text  # a saved session's config names it as well
    losses = [History.from_state(s.state["history"]).last_row() for s in (cli, shown)]
    assert losses[0] == losses[1], text  # bit for bit: the same run
    config = TrainConfig.from_text(base)
    without = Trainer(config, RunState(config).data)
    without.run(EPOCHS)
    assert without.history.last_row() != losses[1]  # (the action changed the run: the test can fail)


def test_copy_settings_says_what_the_text_leaves_out(window, qtbot):
    """Pruning and a neuron frozen by hand are tied to the weights: the text cannot hold them, and
    Copy settings says so rather than handing over a text that trains another run in silence."""
    c, d = window.controller, window.diagram
    d.run_command.emit(Prune(0, 1, None, True))  # neuron 2 of layer 1, as its menu does
    d.run_command.emit(Freeze(1, 0, None, True))  # neuron 1 of layer 2
    qtbot.waitUntil(lambda: c.last_frame.snapshot.pruned_W is not None and c.last_frame.snapshot.frozen_W is not None,
                    timeout=10000)
    window.copy_settings()
    assert window.statusBar().currentMessage() == (
        "Settings copied: paste them here, or run nnplay --settings '…'; not in them: the frozen neurons or "
        "weights of layer 2 and the pruning of layer 1 (tied to the weights: save a session to keep them)")
    network_edit(c, Freeze(0))  # a whole layer is a setting: in the text, not left out
    qtbot.waitUntil(lambda: c.last_frame.snapshot.frozen_W[0].all(), timeout=10000)
    window.copy_settings()
    assert "&freeze=1" in QApplication.clipboard().text()
    assert "frozen neurons or weights of layer 2 and" in window.statusBar().currentMessage()
