"""`nnplay train --data` says first which column it trains for and the task,
and how to pick another; the guess is the import dialog's."""

from __future__ import annotations

import pytest

from nnplay.cli import main

FILES = {
    "xyz": "x,y,z,comment,Species\n" + "".join(f"{i * 0.1:.1f},{i * 0.31:.2f},{i % 3 * 0.5},ok,{'abc'[i % 3]}\n"
                                                for i in range(30)),
    "plain": "a,b,out\n" + "".join(f"{i},{i % 5},{i * 0.37:.2f}\n" for i in range(30)),
    "label_first": "Label,p,q\n" + "".join(f"{'ab'[i % 2]},{i},{i % 7}\n" for i in range(30)),
}


def _write(tmp_path, key):
    path = tmp_path / f"{key}.csv"
    path.write_text(FILES[key])
    return path


def _first_line(path, capsys, *flags) -> str:
    ignore = ["--ignore", "comment"] if "comment" in FILES[path.stem] else []
    assert main(["train", "--data", str(path), "--epochs", "1", *ignore, *flags]) == 0
    return capsys.readouterr().err.splitlines()[0]


def test_the_first_line_names_the_target_the_task_and_how_to_pick_another(tmp_path, capsys):
    line = _first_line(_write(tmp_path, "xyz"), capsys)
    assert line == ("nnplay: target 'y' (regression): the column named y; --target NAME picks another "
                    "(the columns: 'x', 'y', 'z', 'comment', 'Species')")
    line = _first_line(_write(tmp_path, "xyz"), capsys, "--target", "Species")
    assert line == "nnplay: target 'Species' (classification, 3 classes)"
    assert "the last column" in _first_line(_write(tmp_path, "plain"), capsys)


@pytest.mark.parametrize("key", sorted(FILES))
def test_the_cli_and_the_import_dialog_guess_the_same_target(key, tmp_path, capsys, qtbot):
    from nnplay.ui.import_dialog import ImportDialog

    path = _write(tmp_path, key)
    dialog = ImportDialog(path)
    qtbot.addWidget(dialog)
    guessed = [g.name for g, box in zip(dialog._guesses, dialog.role_boxes) if box.currentText() == "target"]
    assert len(guessed) == 1
    assert _first_line(path, capsys).startswith(f"nnplay: target {guessed[0]!r}")
