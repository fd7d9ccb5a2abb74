"""Fault 6 of round 19: loading a 50-class CSV, the window drew the new points at once but kept the last run's
loss and accuracy in its read-outs until the new run's first frame, seconds later. The read-outs are blanked
as the new run starts (its points drawn), before any frame of it."""

from __future__ import annotations

CSV = "x1,x2,label\n" + "".join(f"{i % 7 * 0.3:.2f},{i % 5 * 0.4:.2f},{'abc'[i % 3]}\n" for i in range(60))


def test_a_new_run_shows_no_numbers_of_the_last_before_its_first_frame(window, qtbot, tmp_path, monkeypatch):
    c = window.controller
    qtbot.waitUntil(lambda: c.last_frame is not None and "Loss" in window.stats["loss"].text(), timeout=20000)
    assert window.stats["accuracy"].text()  # the default run's numbers
    monkeypatch.setattr(window, "show_frame", lambda frame: None)  # the new run's first frame still to come
    path = tmp_path / "three.csv"
    path.write_text(CSV)
    assert c.load_csv(str(path))
    qtbot.waitUntil(lambda: window.boundary.info is not None and window.boundary.info.data.n_classes == 3,
                    timeout=20000)  # its points drawn
    assert window.stats["loss"].text() == "" and window.stats["accuracy"].text() == ""
    assert "…" in window.stats["epoch"].text()
