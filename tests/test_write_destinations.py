"""Every output path is checked by one helper (``write_errors.unwritable``)
that names the real cause: `train --predictions afile/p.csv`, with ``afile`` a
plain file, said "the folder afile does not exist". Each of the CLI's output
options is tried with each cause, before any work is done."""

from __future__ import annotations

import pytest

from nnplay.write_errors import cannot_write, unreadable, unwritable
from tests.cli_run import nnplay

# each output option of the CLI, the file name's suffix it takes; the session
# given to render/export-torch need not exist: the output is checked first
OUTPUTS = {
    "train --save": (["train", "--epochs", "1", "--save"], ".nnplay"),
    "train --predictions": (["train", "--epochs", "1", "--predictions"], ".csv"),
    "export-data": (["export-data", "--dataset", "xor", "--out"], ".csv"),
    "render": (["render", "no-such-run.nnplay", "--panel", "output", "--out"], ".png"),
    "render --animate": (["render", "no-such-run.nnplay", "--animate", "--epochs", "2", "--out"], ".gif"),
    "export-torch": (["export-torch", "no-such-run.nnplay", "--out"], ".py"),
}


CAUSES = ["a part is a file", "a part of a part is a file", "a missing folder", "proc", "a folder as the name"]


def destination(root, cause: str, suffix: str):
    """(the path to give for ``cause``, the words its refusal must end with)."""
    (root / "afile").write_text("a plain file\n")
    if cause == "a part is a file":
        return f"{root}/afile/x{suffix}", f"{root / 'afile'} is a file, not a folder"
    if cause == "a part of a part is a file":
        return f"{root}/afile/sub/x{suffix}", f"{root / 'afile'} is a file, not a folder"
    if cause == "a missing folder":
        return f"{root}/gone/x{suffix}", f"the folder {root / 'gone'} does not exist"
    if cause == "proc":  # exists, but no file can be made in it, even by root
        return f"/proc/x{suffix}", "the folder /proc does not take new files"
    folder = root / f"d{suffix}"  # a folder as the name
    folder.mkdir()
    return str(folder), "it is a folder; give a file name"


@pytest.mark.parametrize("cause", CAUSES)
@pytest.mark.parametrize("option", sorted(OUTPUTS))
def test_every_output_option_names_the_real_cause(tmp_path, option, cause):
    args, suffix = OUTPUTS[option]
    path, words = destination(tmp_path, cause, suffix)
    r = nnplay(*args, path)
    lines = r.stderr.strip().splitlines()
    assert r.returncode == 2 and len(lines) == 1 and lines[0].startswith("nnplay: error:"), r.stderr
    command = " ".join(("nnplay", args[0]))
    flag = next(a for a in reversed(args) if a.startswith("--"))
    assert lines[0].startswith(f"nnplay: error: argument {flag}: ")  # the one pattern, blamed on the option
    assert lines[0].endswith(f"cannot write: {words} (see {command} --help)"), lines[0]  # nothing else said


def test_a_file_in_the_path_is_named_when_reading_too(tmp_path):
    (tmp_path / "afile").write_text("x\n")
    assert unreadable(tmp_path / "afile" / "d.csv", "CSV file").endswith(f"{tmp_path / 'afile'} is a file, not a folder")
    r = nnplay("train", "--epochs", "1", "--data", tmp_path / "afile" / "d.csv")
    assert r.returncode == 2 and "afile is a file, not a folder" in r.stderr, r.stderr


def test_a_failed_write_is_worded_by_the_same_walk(tmp_path):
    (tmp_path / "afile").write_text("x\n")
    message = cannot_write(tmp_path / "afile" / "p.csv", NotADirectoryError(20, "Not a directory"))
    assert message.endswith(f"{tmp_path / 'afile'} is a file, not a folder")
    assert unwritable(tmp_path / "ok.csv") is None and list(tmp_path.iterdir()) == [tmp_path / "afile"]  # probe removed
    assert unwritable("/sys/x.csv").endswith("the folder /sys does not take new files (Permission denied)")
