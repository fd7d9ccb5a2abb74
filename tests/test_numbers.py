import math

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from nnplay.numbers import format_number, format_percent


def test_ordinary_numbers_keep_four_significant_digits():
    assert format_number(0.123456) == "0.1235"
    assert format_number(12.3456) == "12.35"
    assert format_number(-3.5) == "−3.5"
    assert format_number(np.float32(0.5)) == "0.5"


def test_huge_and_tiny_numbers_are_scientific_as_the_plots_axes_write_them():
    """Fault 4: a read-out wrote "3.331e-05" where the plot's axis beside it wrote "3.331·10⁻⁵"."""
    assert format_number(9.300922e39) == "9.301·10³⁹"
    assert format_number(1.2e-7) == "1.2·10⁻⁷"
    assert format_number(3.331e-5) == "3.331·10⁻⁵"
    assert format_number(123456.0) == "1.235·10⁵"
    assert format_number(-2e-5) == "−2·10⁻⁵"
    assert format_number(99999.6) == "1·10⁵"  # rounding up past the threshold still reads as scientific


def test_plain_scientific_numbers_for_text_typed_back_or_read_by_a_program():
    assert format_number(1.2e-7, plain=True) == "1.2e-07"
    assert format_number(123456.0, plain=True) == "1.235e+05"
    assert format_number(0.5, plain=True) == "0.5"


def test_a_read_out_writes_a_number_as_the_log_axis_labels_it():
    from nnplay.ui.tick_labels import log_tick_strings

    for v in (3e-5, 2e-7, 5e12, -4e-9):
        assert format_number(v) == ("−" if v < 0 else "") + log_tick_strings([math.log10(abs(v))])[0]


def test_special_values_are_spelled_out():
    assert [format_number(v) for v in (0.0, math.nan, math.inf, -math.inf, None)] == ["0", "–", "inf", "−inf", "–"]
    assert format_percent(0.9876) == "98.8%" and format_percent(None) == "–" and format_percent(math.nan) == "–"


def read_back(text: str) -> str:
    """``text`` as Python reads a number: m·10ⁿ -> "me+n"."""
    text = text.replace("−", "-")  # (the minus sign of the axes: read_number takes it too)
    if "·10" not in text:
        return text
    mantissa, exponent = text.split("·10")
    return f"{mantissa}e{exponent.translate(str.maketrans('⁻⁰¹²³⁴⁵⁶⁷⁸⁹', '-0123456789'))}"


@given(st.floats(min_value=-1e307, max_value=1e307))
def test_every_finite_number_is_short_and_reads_back_close(v):
    text = format_number(v)
    assert len(text) <= 13, text
    back = float(read_back(text))
    assert back == 0 if v == 0 else abs(back - v) <= 5e-4 * abs(v) + 1e-300


def test_count_agrees_in_number():
    """Issue 15: "has 1 input columns"; every message that counts uses count()."""
    import numpy as np

    from nnplay.numbers import count

    assert count(1, "input column") == "1 input column"
    assert count(2, "input column") == "2 input columns"
    assert count(0, "row") == "0 rows"
    assert count(1, "class", "classes") == "1 class" and count(5, "class", "classes") == "5 classes"
    assert count(1, "category", "categories") == "1 category"
    assert count(12000, "row") == "12,000 rows" and count(np.int64(1), "row") == "1 row"
    assert count(1.5, "epoch") == "1.5 epochs"


def test_a_count_of_hundreds_of_digits_is_written_short():
    """Tester 20: a session's 1e300 epochs came out in 301 digits, a line wider than the screen."""
    import numpy as np

    from nnplay.numbers import count, general

    assert count(10**300, "epoch") == "1e+300 epochs" and count(10**400, "row") == "1e+400 rows"
    assert count(2**130, "step") == "1.36113e+39 steps" and count(np.int64(2**62), "row") == "4.61169e+18 rows"
    assert count(10**15 - 1, "row") == "999,999,999,999,999 rows"  # (below HUGE_COUNT: every digit)
    assert general(10**400) == "1e+400" and general(2.5) == "2.5" and general(12000) == "12000"


def test_messages_that_count_one_thing_say_it_in_the_singular(tmp_path, capsys):
    from nnplay.cli import main
    from nnplay.data import DataError, load_csv
    from nnplay.data.dataset import Dataset

    one = tmp_path / "one.csv"
    one.write_text("a,label\n" + "".join(f"{i},{i % 2}\n" for i in range(10)))
    assert main(["train", "--data", str(one), "--features", "x1,x2", "--epochs", "0"]) == 2
    err = capsys.readouterr().err
    assert "has 1 input column," in err and "1 input columns" not in err
    ragged = tmp_path / "ragged.csv"
    ragged.write_text("a,b,label\n1,2,0\n5\n")
    try:
        load_csv(ragged)
        raise AssertionError("a ragged row was read")
    except DataError as exc:
        assert "this row has 1 value but the file has 3 columns" in str(exc)
    import numpy as np

    d = Dataset(np.zeros((1, 1)), np.zeros(1, dtype=int), task="classification", class_names=["a"])
    assert "1 example, 1 input, 1 class)" in repr(d)


def test_a_negative_number_a_user_reads_has_the_axes_minus_sign_and_reads_back():
    """Tester 13: "(-1.149)" beside axes that write "−1"; the hyphen stays in ``plain`` text."""
    from nnplay.numbers import MINUS, format_number, read_number
    from nnplay.ui.heatmap import short_number
    from nnplay.ui.tick_labels import scientific

    assert format_number(-1.149) == "−1.149" and format_number(-2e-7) == "−2·10⁻⁷" == scientific(-2e-7).replace("-", MINUS)
    assert format_number(-float("inf")) == "−inf" and format_number(-1.149, plain=True) == "-1.149"
    assert short_number(-0.25) == "−0.25" and short_number(-12.5) == "−12.5"
    assert read_number(format_number(-1.149)) == -1.149 and read_number("−3.331·10⁻⁵") == -3.331e-5


def test_a_list_of_rates_is_written_in_one_form():
    """Tester 13: the learning-rate list read "1·10⁻⁵" above "0.0001"."""
    from nnplay.numbers import rate_text
    from nnplay.ui.network_panel import LEARNING_RATES, REG_RATES

    texts = [rate_text(v) for v in LEARNING_RATES + REG_RATES]
    assert "·" not in "".join(texts) and "e" not in "".join(texts)
    assert [rate_text(v) for v in (0.00001, 0.0001, 0.003, 1.0, 10.0)] == ["0.00001", "0.0001", "0.003", "1", "10"]
    assert all(float(t) == v for t, v in zip(texts, LEARNING_RATES + REG_RATES))


def test_read_outs_side_by_side_have_the_same_significant_digits():
    """Tester 13: "train 0.2 test 0.196", "14.6 / 13.54", "0.773 / 0.7365" (trailing zeros dropped)."""
    from nnplay.ui.loss_text import loss_text, readout_parts

    assert [format_number(v, zeros=True) for v in (0.2, 0.196, 14.6, 13.54, 0.773, 1.0)] == \
        ["0.2000", "0.1960", "14.60", "13.54", "0.7730", "1.000"]
    assert format_number(2e-5, zeros=True) == "2.000·10⁻⁵" and format_number(0.2) == "0.2"  # (alone: as before)
    assert "train <b>0.2000</b>  test <b>0.1960</b>" in loss_text(0.2, 0.196, 0.0)
    assert readout_parts(0.773, 0.7365, 13.54 - 0.773)[-1] == "total train 13.54 / test 13.50"  # (not 13.5)


def test_numbers_of_one_readout_share_one_form():
    """Tester 16 (s57_vg_relu.png): "Loss: train 9.379·10⁻⁵ test 0.0002390" mixed two forms in one read-out."""
    from nnplay.numbers import format_alike
    from nnplay.ui.loss_text import loss_text, readout_parts

    assert format_alike([9.379e-5, 0.000239]) == ["9.379·10⁻⁵", "2.390·10⁻⁴"]
    assert format_alike([0.5, 0.25]) == ["0.5000", "0.2500"]
    assert format_alike([None, 0, -1e6, 2.0]) == ["–", "0", "−1.000·10⁶", "2.000·10⁰"]
    assert "train <b>9.379·10⁻⁵</b>  test <b>2.390·10⁻⁴</b>" in loss_text(9.379e-5, 0.000239, 0.0)
    assert readout_parts(9.379e-5, 0.000239, 0.0) == ["train loss 9.379·10⁻⁵", "test loss 2.390·10⁻⁴"]


def test_a_missing_value_reads_as_the_missing_form_never_nan():
    """Tester 21: Compare without a test set (Training data 100%) read "test loss nan" where the main
    window reads "–". A NaN in a read-out is a value that does not exist; infinity is a value."""
    from nnplay.numbers import MISSING, format_alike, format_percent, is_missing

    assert format_alike([0.5, math.nan]) == ["0.5000", MISSING] and MISSING == "–"
    assert format_alike([np.float64("nan"), 2e-5]) == [MISSING, "2.000·10⁻⁵"]
    assert format_alike([math.inf, 0.5]) == ["inf", "0.5000"]  # (a diverged loss is a value)
    assert format_percent(np.float32("nan")) == MISSING
    assert [is_missing(v) for v in (None, math.nan, np.nan, math.inf, 0.0, "nan text")] == \
        [True, True, True, False, False, False]


def test_the_exported_torch_script_prints_no_nan_for_a_missing_test_set():
    from nnplay.training import TrainConfig
    from nnplay.training.run_state import RunState
    from nnplay.training.torch_export import torch_script
    from nnplay.training.trainer import Trainer

    config = TrainConfig(train_ratio=1.0)
    script = torch_script(Trainer(config, RunState(config).data))
    line = next(line for line in script.splitlines() if "test loss" in line and "print" in line)
    assert "test loss {test}" in line and "test loss {test_loss" not in script  # (never nan printed)
    assert 'test = "–" if test_loss != test_loss else f"{test_loss:.6f}"' in script
