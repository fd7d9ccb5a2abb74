"""Very wide layers are refused wherever a network comes from, in one line naming the limit (widths of
4096,4096,4096 froze the window for minutes, came back at every start from a 512 MB autosave, and trained
in a 3.6 GB process); and a wide matrix is drawn as a bounded picture."""

import json
import zipfile

import numpy as np
import pytest

from nnplay.training import TrainConfig
from nnplay.training.pictures import picture_cells
from nnplay.training.setting_ranges import HIDDEN_MAX, HIDDEN_WEIGHTS_MAX
from tests.cli_run import nnplay


@pytest.mark.parametrize("hidden, words", [
    ("4096,4096,4096", f"hidden layer size must be a whole number from 1 to {HIDDEN_MAX}, got '?4096"),
    (",".join([str(HIDDEN_MAX)] * 6), f"hold 327,680 weights between them, at most {HIDDEN_WEIGHTS_MAX:,}"),
])
def test_a_network_too_wide_is_refused_in_one_line_naming_the_limit(hidden, words):
    with pytest.raises(ValueError, match=words) as err:
        TrainConfig(hidden=hidden)
    assert "\n" not in str(err.value)
    with pytest.raises(ValueError, match=words):  # Edit > Paste settings
        TrainConfig.from_text(f"hidden={hidden}")


def test_the_widest_network_allowed_is_built():
    assert TrainConfig(hidden=(HIDDEN_MAX,) * 5).hidden == (HIDDEN_MAX,) * 5
    assert sum(a * b for a, b in zip((HIDDEN_MAX,) * 5, (HIDDEN_MAX,) * 4)) == HIDDEN_WEIGHTS_MAX


def test_the_command_line_refuses_a_network_too_wide():
    r = nnplay("train", "--layers", "4096,4096,4096", "--epochs", "1")
    assert r.returncode == 2 and f"from 1 to {HIDDEN_MAX}" in r.stderr and "Traceback" not in r.stderr
    r = nnplay("train", "--settings", "hidden=" + ",".join(["200"] * 8), "--epochs", "1")
    assert r.returncode == 2 and "weights between them" in r.stderr and "Traceback" not in r.stderr


def test_a_session_file_of_a_network_too_wide_is_refused(tmp_path):
    from nnplay.training import Trainer
    from nnplay.training.session import Session, load_session, save_session

    path = tmp_path / "wide.nnplay"
    t = Trainer(TrainConfig(hidden=(3,)))
    save_session(path, Session(t.config, t.data, t.state_dict()))
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    name = next(n for n in parts if n.endswith(".json") and b'"hidden"' in parts[n])
    doc = json.loads(parts[name])
    cfg = doc.get("config", doc)
    cfg["hidden"] = [4096, 4096, 4096]
    parts[name] = json.dumps(doc).encode()
    with zipfile.ZipFile(path, "w") as z:
        for n, b in parts.items():
            z.writestr(n, b)
    with pytest.raises(Exception, match=f"from 1 to {HIDDEN_MAX}, got 4096"):
        load_session(path)


def test_a_wide_matrix_is_pictured_by_blocks_keeping_the_largest_value_and_its_sign():
    m = np.zeros((600, 3))
    m[5, 1], m[6, 1], m[599, 2] = 0.5, -2.0, np.nan
    p = picture_cells(m, 256)
    assert p.shape == (200, 3)  # blocks of 3 rows
    assert p[2, 1] == -2.0 and p[1, 1] == 0.5  # rows 3-5 and 6-8: the largest |value| with its sign
    assert np.isnan(p[199, 2]) and not np.isnan(p[199, 1])  # an undefined cell's block stays undefined
    small = np.ones((4, 4))
    assert picture_cells(small, 256) is small
