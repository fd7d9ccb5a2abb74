"""Recordings: frames written by FrameWriter (GIF and MP4) and by `nnplay render
--animate` are read back with imageio: their count, their size, and that they
change as the run trains (the boundary forms)."""

from __future__ import annotations

import itertools

import imageio.v2 as iio2
import imageio.v3 as iio
import numpy as np
import pytest

from nnplay.training import TrainConfig
from nnplay.training.session import Session, save_session
from nnplay.training.trainer import Trainer
from nnplay.ui.frame_writer import FrameWriter, RecordingError, even_size


def read_frames(path) -> np.ndarray:
    if str(path).endswith(".gif"):
        return iio.imread(path, index=None)
    with iio2.get_reader(path, format="FFMPEG") as reader:
        return np.stack([frame for frame in reader])  # (list() asks its length: inf)


@pytest.mark.parametrize("suffix", [".gif", ".mp4"])
def test_the_writer_keeps_every_frame_in_order(tmp_path, suffix):
    frames = [np.full((48, 64, 3), 20 * i, np.uint8) for i in range(8)]
    for i, f in enumerate(frames):
        f[:, : 8 * i] = (255, 0, 0)  # a red bar growing frame by frame
    w = FrameWriter(tmp_path / f"r{suffix}", fps=12)
    for f in frames:
        assert w.put(f, block=True)
    assert w.close() == 8
    back = read_frames(tmp_path / f"r{suffix}")
    assert back.shape == (8, 48, 64, 3)
    # lossy for MP4, so compare loosely: each frame is nearest to the one it was made from
    dist = np.abs(back[:, None].astype(int) - np.stack(frames)[None].astype(int)).mean(axis=(2, 3, 4))
    assert (dist.argmin(axis=1) == np.arange(8)).all()
    if suffix == ".gif":
        assert iio.immeta(tmp_path / "r.gif")["duration"] == 80  # 1/12 s, to the hundredth GIF keeps


@pytest.mark.parametrize("name, says", [("r.avi", "must end in .gif or .mp4"), ("no/such/r.gif", "does not exist")])
def test_a_bad_file_name_is_refused_in_one_line(tmp_path, name, says):
    with pytest.raises(RecordingError, match=says) as err:
        FrameWriter(tmp_path / name, fps=10)
    assert "\n" not in str(err.value)


def test_even_sizes_for_h264():
    assert even_size((641, 481)) == (640, 480) and even_size((1, 3)) == (2, 2)


@pytest.fixture(scope="module")
def session_file(tmp_path_factory):
    t = Trainer(TrainConfig(dataset="circle", hidden=(6,), lr=0.1, seed=2))
    path = tmp_path_factory.mktemp("rec") / "run.nnplay"
    save_session(path, Session(t.config, t.data, t.state_dict()))
    return path


def test_render_animate_records_the_boundary_forming(qapp, session_file, tmp_path, capsys):
    from nnplay.cli import main

    out = tmp_path / "run.gif"
    assert main(["render", str(session_file), "--panel", "output", "--animate", "--epochs", "30", "--every", "10",
                 "--size", "401x340", "--out", str(out)]) == 0  # (the output panel's least size: 400x340)
    assert "wrote 4 frames" in capsys.readouterr().err
    frames = read_frames(out).astype(int)
    assert frames.shape == (4, 340, 400, 3)  # epochs 0, 10, 20, 30; the width made even
    # each frame's epoch is in the plot's own corner ("weights after epoch 10"), not stamped twice (round 19:
    # test_animation_stamp); the picture changes as the run trains
    frames = frames[:, 30:]
    changes = [np.abs(b - a).mean() for a, b in itertools.pairwise(frames)]
    assert all(c > 0.1 for c in changes), changes
    assert np.abs(frames[-1] - frames[0]).mean() > 1.0  # (deterministic: 1.27 with this seed)


@pytest.mark.parametrize("args, says", [(["--epochs", "5", "--out", "x.png"], "argument --out: the file must be a .gif or .mp4 file"),
                                        (["--out", "x.gif"], "needs --epochs"),
                                        (["--epochs", "5", "--every", "0", "--out", "x.gif"],
                                         "argument --every: epochs between two frames must be a whole number"),
                                        (["--epochs", "100000", "--every", "1", "--out", "x.gif"], "raise --every")])
def test_render_animate_refuses_bad_input_in_one_line(qapp, session_file, tmp_path, monkeypatch, capsys, args, says):
    from nnplay.cli import main

    monkeypatch.chdir(tmp_path)
    try:
        code = main(["render", str(session_file), "--animate", *args])
    except SystemExit as exc:  # refused by argparse (a number out of its range)
        code = exc.code
    assert code == 2
    err = capsys.readouterr().err
    assert says in err and err.count("\n") == 1
