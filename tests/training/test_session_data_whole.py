"""A session keeps its data set whole: every field of the Dataset comes back
as it was saved (the tester: a CSV read with --na drop reopened from its
session lost its note "… Dropped 47 of 50,000 rows", the notes were not saved)."""

from __future__ import annotations

import dataclasses

import numpy as np

from nnplay.data.columns import ImportOptions
from nnplay.data.csv_loader import load_csv
from nnplay.training import TrainConfig
from nnplay.training.session import Session, load_session, save_session


def _csv(tmp_path):
    rows = ["a,b,,label"] + [f"{i % 7},{'' if i % 9 == 0 else i % 5},{i},{i % 5}" for i in range(60)]
    path = tmp_path / "cls5.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_every_field_of_a_csv_data_set_comes_back_from_its_session(tmp_path):
    data = load_csv(_csv(tmp_path), options=ImportOptions(na="drop"))
    assert any("dropped" in note for note in data.notes) and len(data.notes) >= 2  # an unnamed column, rows dropped
    path = tmp_path / "run.nnplay"
    save_session(path, Session(TrainConfig(dataset="csv", features=("x1", "x2")), data, None, str(tmp_path / "cls5.csv")))
    (tmp_path / "cls5.csv").unlink()  # the CSV moved away: the session holds its data
    back = load_session(path).data
    for f in dataclasses.fields(data):
        saved, opened = getattr(data, f.name), getattr(back, f.name)
        if isinstance(saved, np.ndarray) or isinstance(opened, np.ndarray):
            np.testing.assert_array_equal(opened, saved, err_msg=f.name)
        else:
            assert opened == saved, f.name
