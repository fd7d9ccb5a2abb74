"""A recording, like every export, is seen whole or not at all: its frames go
to a temporary file beside it, renamed into place when it is finished."""

from __future__ import annotations

import numpy as np
import pytest

from nnplay.file_write import write_probe, written_in_place
from nnplay.ui.frame_writer import FrameWriter, RecordingError


def test_a_recording_appears_only_when_finished(tmp_path):
    out = tmp_path / "run.gif"
    writer = FrameWriter(out, 10)
    for shade in (0, 255):
        writer.put(np.full((8, 8, 3), shade, np.uint8), block=True)
    assert not out.exists()  # being written under another name
    assert writer.close() == 2
    assert sorted(tmp_path.iterdir()) == [out] and out.stat().st_size > 0


def test_a_failed_recording_leaves_nothing(tmp_path):
    out = tmp_path / "run.gif"
    writer = FrameWriter(out, 10)
    writer.put(np.zeros((8, 8, 3), np.uint8), block=True)
    writer.error = "run.gif: writing frame 2 failed: the disk is full"  # as the encoder's thread reports it
    with pytest.raises(RecordingError):
        writer.close()
    assert list(tmp_path.iterdir()) == []


def test_written_in_place_keeps_the_old_file_on_error_and_the_usual_permissions(tmp_path):
    reference = tmp_path.parent / f"{tmp_path.name}-reference"
    reference.write_text("made as any file is", encoding="utf-8")
    out = tmp_path / "a.csv"
    out.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), written_in_place(out) as part:
        part.write_text("half", encoding="utf-8")
        raise RuntimeError("stopped half-way")
    assert out.read_text(encoding="utf-8") == "old" and list(tmp_path.iterdir()) == [out]
    with written_in_place(out) as part:
        assert part.parent == tmp_path and part.suffix == ".csv" and part.name.startswith(".")
        part.write_text("new", encoding="utf-8")
    assert out.read_text(encoding="utf-8") == "new" and list(tmp_path.iterdir()) == [out]
    assert out.stat().st_mode == reference.stat().st_mode  # 0666 less the umask, as any file; not mkstemp's 0600


def test_the_probe_refuses_a_folder_no_file_can_be_made_in(tmp_path):
    write_probe(tmp_path / "x.csv")
    assert list(tmp_path.iterdir()) == []
    for folder in ("/proc", "/sys"):
        with pytest.raises(OSError):
            write_probe(f"{folder}/x.csv")


def test_a_session_is_written_like_every_file_and_its_leftovers_are_found(tmp_path):
    from nnplay.file_write import leftovers
    from nnplay.training import TrainConfig, Trainer
    from nnplay.training.session import Session, save_session

    out = tmp_path / "run.nnplay"
    t = Trainer(TrainConfig(dataset="xor"))
    save_session(out, Session(t.config, t.data, t.state_dict()))
    reference = tmp_path / "reference"
    reference.write_text("made as any file is", encoding="utf-8")
    assert out.stat().st_mode == reference.stat().st_mode  # not mkstemp's 0600
    with pytest.raises(KeyboardInterrupt), written_in_place(out) as part:
        killed = part.with_name(part.name.replace(".part", "-killed.part"))
        killed.write_bytes(b"half")  # what a killed writer leaves
        raise KeyboardInterrupt
    assert leftovers(out) == [killed]
