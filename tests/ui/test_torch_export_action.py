"""File > Export > PyTorch script…: the window's run as it stands (asked of the
training process) is written as the script training.torch_export makes."""

from __future__ import annotations

import ast

import numpy as np


def test_the_window_exports_its_run(window, qtbot, tmp_path):
    window.step_action.trigger()
    window.step_action.trigger()
    qtbot.waitUntil(lambda: window.controller.last_frame.snapshot.epoch == 2, timeout=10000)
    done = []
    path = tmp_path / "model"
    assert [a.text() for a in window.menuBar().findChildren(type(window.step_action))
            if a.text() == "PyTorch script…"]  # the menu offers it
    from nnplay.ui.torch_export_action import export_torch_script

    assert export_torch_script(window, str(path), done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=10000)
    assert done == [True] and not window.errors
    source = (tmp_path / "model.py").read_text(encoding="utf-8")
    tree = ast.parse(source)  # a valid Python file
    assert "from a run at epoch 2" in ast.get_docstring(tree)
    # the first layer's weights, written as literals, are the window's
    snap = window.controller.last_frame.snapshot
    line = next(line for line in source.splitlines() if line.startswith("    LINEAR[0].weight.copy_("))
    W1 = ast.literal_eval(line.split("torch.tensor(")[1].split(", dtype=")[0])
    np.testing.assert_array_equal(W1, snap.weights[0])


def test_an_unwritable_file_is_one_line(window, qtbot, tmp_path):
    from nnplay.ui.torch_export_action import export_torch_script

    done = []
    export_torch_script(window, str(tmp_path / "no" / "such" / "folder" / "m.py"), done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=10000)
    assert done == [False]
    [(_title, text)] = window.errors
    assert "m.py" in text and "\n" not in text
