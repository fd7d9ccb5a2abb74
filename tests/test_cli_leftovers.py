"""Small CLI consistencies: every subcommand refuses a left-over argument
(`render --list extra` exited 0), render's refusals about a session name the
file, and a file that cannot be written is said in the project's words
(write_errors), not the system's "No such file or directory"."""

from __future__ import annotations

import errno

import pytest

from nnplay.cli import build_parser
from nnplay.write_errors import cannot_write
from tests.cli_run import nnplay

# a valid start of each subcommand (no work is done before the stray argument is refused)
STARTS = {
    "train": ["train"],
    "render": ["render", "--list"],
    "datasets": ["datasets"],
    "export-data": ["export-data", "--dataset", "moons", "--out", "m.csv"],
    "bench": ["bench"],
    "diagnose": ["diagnose", "run.nnplay"],
    "lr-find": ["lr-find"],
    "export-torch": ["export-torch", "run.nnplay", "--out", "m.py"],
    "lessons": ["lessons", "xor-by-hand"],
}


def test_every_subcommand_is_checked():
    choices = build_parser()._subparsers._group_actions[0].choices
    assert set(choices) == set(STARTS), "add the new subcommand to STARTS"


@pytest.mark.parametrize("name", sorted(STARTS))
def test_a_left_over_argument_is_refused(name):
    r = nnplay(*STARTS[name], "stray-extra")
    assert r.returncode == 2 and "stray-extra" in r.stderr and r.stderr.count("\n") == 1, r.stderr


def test_render_list_takes_no_other_option():
    r = nnplay("render", "--list", "--out", "x.png")
    assert r.returncode == 2 and "--out" in r.stderr


def test_render_names_the_session_it_cannot_draw(tmp_path):
    path = tmp_path / "reg.nnplay"
    assert nnplay("train", "--dataset", "plane", "--layers", "5", "--epochs", "2", "--save", path).returncode == 0
    r = nnplay("render", path, "--panel", "hidden", "--out", tmp_path / "h.png")
    assert r.returncode == 2 and "reg.nnplay" in r.stderr and "2 or 3 neurons" in r.stderr and "5" in r.stderr


def test_a_folder_that_takes_no_file_is_said_in_words(tmp_path):
    message = cannot_write(tmp_path / "m.csv", FileNotFoundError(errno.ENOENT, "No such file or directory"))
    assert "No such file" not in message and "does not take new files" in message
