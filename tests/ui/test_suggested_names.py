"""A CSV run's save dialogs suggest names by one rule (the session suggested
``run.nnplay`` while the predictions suggested ``cls5-predictions.csv``)."""

from __future__ import annotations

from nnplay.ui.predictions_action import export_predictions


def _cls5(tmp_path):
    path = tmp_path / "cls5.csv"
    path.write_text("x1,x2,label\n" + "".join(f"{i % 7},{i % 3},{i % 5}\n" for i in range(60)), encoding="utf-8")
    return path


def test_a_csv_run_suggests_its_stem_for_the_session_and_the_predictions(window, qtbot, tmp_path, monkeypatch):
    c = window.controller
    assert c.load_csv(str(_cls5(tmp_path)))
    qtbot.waitUntil(lambda: c.run_info is not None and c.run_info.data.name == "cls5", timeout=10000)
    monkeypatch.setattr(c, "session_path", None)  # (the shared test window may have saved one before)
    asked = []
    monkeypatch.setattr(window, "_ask_save", lambda title, name, *args, **kw: asked.append(name) or "")
    window.ask_to_save_session()
    export_predictions(window)
    assert asked == ["cls5.nnplay", "cls5-predictions.csv"]
