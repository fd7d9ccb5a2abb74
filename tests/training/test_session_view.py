"""A session keeps what the window's picture keeps beyond the run (its colour scale's bound, its loss and
norm plots' value axes): reopened, the window shows the picture it saved (tester, round 21). A kept
value of the wrong kind is left out, never a reason to refuse the file: the window then fits its own."""

import json
import zipfile

from nnplay.training import TrainConfig, Trainer
from nnplay.training.session import Session, load_session, save_session

KEPT = {"gradient_key": 5e-4, "loss_y": [0.25, 0.75, False], "norms_y": [-2.4, -0.6, True]}


def _saved(tmp_path, view):
    t = Trainer(TrainConfig(dataset="xor"))
    t.run(2)
    path = tmp_path / "s.nnplay"
    save_session(path, Session(t.config, t.data, t.state_dict(), view=view))
    return path


def test_the_kept_view_comes_back(tmp_path):
    assert load_session(_saved(tmp_path, KEPT)).view == KEPT
    assert load_session(_saved(tmp_path, None)).view is None


def test_a_kept_value_of_the_wrong_kind_is_left_out(tmp_path):
    path = _saved(tmp_path, KEPT)
    with zipfile.ZipFile(path) as z:
        files = {n: z.read(n) for n in z.namelist()}
    doc = json.loads(files["session.json"])
    doc["view"] = {"gradient_key": -1, "loss_y": [1.0, 0.5, False], "norms_y": [-2.4, -0.6, True], "other": 3}
    files["session.json"] = json.dumps(doc).encode()
    with zipfile.ZipFile(path, "w") as z:
        for n, b in files.items():
            z.writestr(n, b)
    assert load_session(path).view == {"norms_y": [-2.4, -0.6, True]}
