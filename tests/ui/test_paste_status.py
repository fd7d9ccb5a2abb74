"""The status line after Edit › Paste settings names what the text changed and what became of the
run (tester 21: a paste that restarted the run at epoch 0 said only "Learning rate 0.0123, applied
from the next step")."""

import pytest
from PySide6.QtWidgets import QApplication

pytestmark = pytest.mark.timeout(120)


@pytest.mark.parametrize("text, line", [
    ("lr=0.0123&activation=ReLU&init=He&seed=42",
     "Settings pasted: learning rate, activation, initialiser, seed; a new run from epoch 0."),
    ("lr=0.0123&l2=0.001", "Settings pasted: learning rate, L2; applied from the next step."),
    ("lr=0.03&hidden=4,2", "Settings pasted: nothing changed."),  # (the defaults: as the run is)
    ("dataset=xor", "Settings pasted: data set; a new run from epoch 0."),
])
def test_the_status_line_says_what_a_paste_changed(window, qtbot, text, line):
    c = window.controller
    c.step(2)
    qtbot.waitUntil(lambda: c.last_frame.snapshot.epoch == 2, timeout=10000)
    generation = c.generation
    QApplication.clipboard().setText(text)
    window.paste_settings()
    assert window.statusBar().currentMessage() == line
    assert (c.generation != generation) == line.endswith("epoch 0.")
