"""What a user reads is in the one format, m·10ⁿ (the learning-rate list showed "1e-05",
``nnplay train`` printed ``SGD(lr=3.331e-05)`` beside plots writing 3.331·10⁻⁵); what a
user types takes both forms."""

import re

import pytest

from nnplay.numbers import format_number, read_number
from tests.cli_run import nnplay

E_NOTATION = re.compile(r"\d[eE][-+]?\d")


@pytest.mark.parametrize("value", [3.331e-5, 1e-5, 2.5e7, -4e-9, 123.0, 0.03, 1e-300])
def test_a_number_shown_reads_back_exactly(value):
    assert read_number(format_number(value)) == value
    assert read_number(format_number(value, plain=True)) == value


@pytest.mark.parametrize("text, value", [("3e-05", 3e-5), ("3·10⁻⁵", 3e-5), ("3×10^-5", 3e-5), ("2*10^3", 2e3),
                                         (" 1.5·10⁶ ", 1.5e6), ("nan", None)])
def test_both_forms_are_read(text, value):
    got = read_number(text)
    assert (got != got) if value is None else got == value


@pytest.mark.parametrize("text", ["", "abc", "3·10", "3·10⁻", "10^x", "1e"])
def test_what_is_no_number_is_refused(text):
    with pytest.raises(ValueError):
        read_number(text)


def test_the_rate_lists_show_the_one_format(qtbot):
    from nnplay.training import TrainConfig
    from nnplay.ui.compare import ForkDialog
    from nnplay.ui.network_panel import NetworkPanel

    panel = NetworkPanel()
    qtbot.addWidget(panel)
    combos = (panel.learning_rate, panel.reg_rate)
    texts = [c.itemText(i) for c in combos for i in range(c.count())]
    assert "0.00001" in texts and "0.0001" in texts and not [t for t in texts if E_NOTATION.search(t) or "·" in t], texts
    from nnplay.ui.network_panel import _select

    _select(panel.learning_rate, 3.331e-5)  # a rate of one's own joins the list in its place
    assert panel.learning_rate.currentText() == "0.00003331"  # (in the list's one form: tester 13)
    dialog = ForkDialog(TrainConfig(lr=3.331e-5))
    qtbot.addWidget(dialog)
    shown = [dialog.value.itemText(i) for i in range(dialog.value.count())]
    assert "0.00003331  (this run)" in shown and not [t for t in shown if E_NOTATION.search(t)], shown


def test_the_cli_summary_reads_in_the_one_format_and_takes_either_form():
    for rate in ("3.331e-05", "3.331·10⁻⁵"):
        r = nnplay("train", "--lr", rate, "--l2", "1e-5", "--epochs", "2")
        assert r.returncode == 0, r.stderr
        assert "SGD(lr=3.331·10⁻⁵)" in r.stdout and "l2=1·10⁻⁵" in r.stdout, r.stdout
        assert not E_NOTATION.search(r.stdout), r.stdout
    r = nnplay("train", "--epochs", "1", "--settings", "lr=1·10⁻⁴&dropout=1·10⁻¹")
    assert r.returncode == 0 and "SGD(lr=0.0001)" in r.stdout and "dropout 0.1" in r.stdout, r.stdout + r.stderr


def test_a_lessons_goal_reads_in_the_one_format():
    from nnplay.lessons.goals import parse_goal

    goal = parse_goal("train_loss < 0.00001")
    assert [c.words() for c in goal.conditions] == ["training loss < 1·10⁻⁵"]  # (was "1e-05")
