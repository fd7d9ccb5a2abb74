"""Tester 18: a session without one of its histories' arrays (history_exact.npy taken out) opened
as empty plots, no network diagram and no message, and Play left "starting…": the training process
stopped on a KeyError. It is now refused in one line naming the part, and the run shown goes on."""

from __future__ import annotations

import zipfile

from tests.training.test_session import _damaged


def test_a_session_missing_an_array_of_its_run_is_refused_and_the_run_goes_on(window, qtbot, tmp_path):
    c = window.controller
    qtbot.waitUntil(lambda: c.last_frame is not None, timeout=10000)
    path = _damaged(tmp_path, "missing.nnplay", lambda name, data: None if name == "history_exact.npy" else data)
    with zipfile.ZipFile(path) as z:
        assert "history_exact.npy" not in z.namelist()
    sizes, errors = c.run_info.sizes, len(window.errors)
    c.open_session(str(path))  # (read here; its run is built by the training process, which refuses it)
    qtbot.waitUntil(lambda: len(window.errors) > errors, timeout=10000)
    assert window.errors[-1][1] == f"{path}: history_exact.npy (the saved curves) is missing"
    assert c.run_info.sizes == sizes
    epoch = c.last_frame.snapshot.epoch
    c.step(2)  # the run shown still trains
    qtbot.waitUntil(lambda: c.last_frame.snapshot.epoch == epoch + 2, timeout=10000)
