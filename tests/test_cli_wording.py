"""The CLI speaks one way: one error prefix, one wording for a missing folder,
--version alone, a description for every subcommand's --help."""

import pytest

from nnplay.cli import SUBCOMMANDS, build_parser
from tests.cli_run import nnplay

pytestmark = pytest.mark.timeout(60)


def test_version_with_anything_else_is_refused():
    r = nnplay("--version", "extra")
    assert r.returncode == 2 and r.stderr.strip() == (
        "nnplay: error: argument --version: takes no other arguments, got 'extra' (see nnplay --help)")
    assert nnplay("--version").returncode == 0


@pytest.mark.parametrize("args", [("train", "--epochs", "x"), ("train", "--bogus"), ("datasets", "extra"),
                                  ("export-data", "--dataset", "nope", "--out", "a.csv"),
                                  ("export-data", "--dataset", "xor", "--out", "{missing}/a.csv"),
                                  ("train", "--epochs", "1", "--save", "{missing}/run.nnplay")])
def test_every_error_has_one_prefix(args, tmp_path):
    r = nnplay(*(a.format(missing=tmp_path / "no-folder") for a in args))
    lines = r.stderr.strip().splitlines()
    assert r.returncode == 2 and len(lines) == 1 and lines[0].startswith("nnplay: error: "), r.stderr


def test_a_missing_folder_is_worded_the_same_everywhere(tmp_path):
    from nnplay.write_errors import cannot_write

    missing = tmp_path / "no-folder"
    expected = f"the folder {missing} does not exist"
    r = nnplay("export-data", "--dataset", "xor", "--out", str(missing / "a.csv"))
    assert expected in r.stderr  # was "cannot write: No such file or directory"
    assert nnplay("train", "--epochs", "1", "--save", str(missing / "r.nnplay")).stderr.count(expected) == 1
    assert cannot_write(missing / "a.png", FileNotFoundError(2, "No such file or directory")).endswith(expected)
    assert cannot_write(tmp_path / "a.png", PermissionError(13, "Permission denied")).endswith(
        f"cannot write: the folder {tmp_path} does not take new files (Permission denied)")


def test_every_subcommand_has_a_description():
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    assert len(sub.choices) >= len(SUBCOMMANDS)
    for name, parser in sub.choices.items():
        assert parser.description, f"nnplay {name} --help has no description"


def test_counts_and_large_numbers_in_messages_read_as_elsewhere(tmp_path):
    """Tester 13: --target's list said "and 9992 more" (elsewhere "9,992"); a too-large CSV value
    "up to 1e+100" (e-notation, where nnplay writes m·10ⁿ)."""
    from nnplay.data import load_csv
    from nnplay.user_text import listed

    assert listed([f"c{i}" for i in range(10_000)]).endswith(" and 9,992 more")
    f = tmp_path / "huge.csv"
    f.write_text("x1,label\n1,0\n2,1\n1e300,0\n")
    with pytest.raises(ValueError) as err:
        load_csv(f)
    assert "up to 1·10¹⁰⁰ in size" in str(err.value) and "e+" not in str(err.value)
