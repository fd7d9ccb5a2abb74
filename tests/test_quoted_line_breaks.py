"""A value with a line break, quoted in a message, showed it double-escaped ('1\\\\n2'): it was flattened
(\\n written as two characters) and then given to repr, which doubled the backslash. Every quoting of a
value (user_text.shown, the ranges' refusals, the CLI's last guard) writes it once, as repr does."""

import pytest

from nnplay.data import load_csv
from nnplay.training import TrainConfig
from nnplay.user_text import one_line, shown


def test_a_csv_cell_with_a_quoted_line_break_is_named_with_one_backslash(tmp_path):
    path = tmp_path / "qn.csv"
    path.write_text('x1,x2,label\n"1\n2",3,0\n4,5,1\n')
    with pytest.raises(Exception) as err:
        load_csv(path)
    said = str(err.value)
    assert "'1\\n2' is not a number" in said and "\\\\n" not in said and "\n" not in said


def test_a_setting_with_a_line_break_is_named_with_one_backslash():
    with pytest.raises(ValueError) as err:
        TrainConfig.from_text("lr=1%0A2")
    assert str(err.value).endswith("got '1\\n2'")
    assert shown("a\nb") == "'a\\nb'" and "\n" not in shown("a\nb")


def test_the_last_guard_keeps_a_long_quoted_value_as_it_was_quoted():
    text = "x '" + "a" * 80 + "\\nb' y"  # (a message already quoting a value with a line break)
    line = one_line(text)
    assert "\\\\n" not in line and "\\nb' y" in line and "…" in line
