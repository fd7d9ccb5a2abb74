import math

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from nnplay.numbers import format_number, format_percent


def test_ordinary_numbers_keep_four_significant_digits():
    assert format_number(0.123456) == "0.1235"
    assert format_number(12.3456) == "12.35"
    assert format_number(-3.5) == "-3.5"
    assert format_number(np.float32(0.5)) == "0.5"


def test_huge_and_tiny_numbers_are_scientific():
    assert format_number(9.300922e39) == "9.301e+39"
    assert format_number(1.2e-7) == "1.2e-07"
    assert format_number(123456.0) == "1.235e+05"
    assert format_number(99999.6) == "1e+05"  # rounding up past the threshold still reads as scientific


def test_special_values_are_spelled_out():
    assert [format_number(v) for v in (0.0, math.nan, math.inf, -math.inf, None)] == ["0", "nan", "inf", "-inf", "–"]
    assert format_percent(0.9876) == "98.8%" and format_percent(None) == "–" and format_percent(math.nan) == "–"


@given(st.floats(min_value=-1e307, max_value=1e307))
def test_every_finite_number_is_short_and_reads_back_close(v):
    text = format_number(v)
    assert len(text) <= 11, text
    back = float(text)
    assert back == 0 if v == 0 else abs(back - v) <= 5e-4 * abs(v) + 1e-300
