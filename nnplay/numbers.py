"""One formatter for every number nnplay shows: the window, the inspector and the CLI.

A loss after a divergence can be 1e300 and a gradient 1e-12; printed with a fixed
number of decimals the first is a 300-digit integer and the second is 0.0000.
Every number shown therefore goes through ``format_number``: a few significant
digits, scientific notation beyond 1e5 or below 1e-4, ``inf`` spelled out, and NaN (a value that
is not there: not measured, or not a number) as every read-out shows a missing value, ``MISSING``.
Scientific notation is written as the plots' axes write it, mantissa·10ⁿ
(``3.331·10⁻⁵``: ``ui.tick_labels``), so a read-out, a hover text, a list's item, the
status bar or the command line's summary reads a value as the axis beside it does;
``plain=True`` gives ``3.331e-05`` for text a user types into an edit field (its
starting text) or a program reads (JSON, CSV). What a user types is read by
``read_number``, which takes both forms.
"""

from __future__ import annotations

import math
from decimal import Decimal, localcontext

SCIENTIFIC_ABOVE = 1e5
SCIENTIFIC_BELOW = 1e-4
_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
_FROM_SUPERSCRIPT = str.maketrans("⁻⁺⁰¹²³⁴⁵⁶⁷⁸⁹−", "-+0123456789-")
_TIMES_TEN = ("·10^", "×10^", "*10^", "x10^", "·10", "×10", "*10", "x10")


class Written(float):
    """A number read from a file (a session's JSON, a lesson's TOML: their ``parse_float``) that keeps the
    text it was written as, so that a refusal names what the file holds: ``1e400`` is read as inf and
    ``1e-400`` as 0.0, which the file does not say. ``repr``, ``str`` and ``general`` give the text; any
    arithmetic, and a file written from it (``json.dumps``), has the float."""

    text: str

    def __new__(cls, text):
        value = super().__new__(cls, text)
        value.text = str(text)
        return value

    def __repr__(self) -> str:
        return self.text

    __str__ = __repr__


def is_whole(value) -> bool:
    """Whether ``value`` (an int, or a float from a file) is a whole number as written: a ``Written`` by its
    text (1e-400 is read as 0.0 but is no whole number; 1e2 is one), any other float by its value."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    if isinstance(value, Written):
        try:
            exact = Decimal(value.text)
        except ArithmeticError:
            return False
        return exact.is_finite() and exact == exact.to_integral_value()
    return isinstance(value, int) or (math.isfinite(value) and value.is_integer())


def read_number(text: str) -> float:
    """A number typed by a user, as a float: Python's own forms (``0.003``, ``3e-05``,
    ``nan``) and the form nnplay shows, mantissa·10ⁿ (``3.331·10⁻⁵``; also ``×``,
    ``*`` and ``10^-5``), so a value copied from a read-out or a summary reads back.
    ValueError (Python's) for anything else."""
    t = str(text).strip().replace("−", "-")  # (the minus sign nnplay writes: a read-out copied reads back)
    try:
        return float(t)
    except ValueError:
        pass
    for times in _TIMES_TEN:
        mantissa, sep, exponent = t.partition(times)
        if sep and exponent:
            exponent = exponent.translate(_FROM_SUPERSCRIPT)
            if exponent.lstrip("+-").isdigit():
                return float(f"{mantissa.strip() or 1}e{int(exponent)}")  # (exact: 3.331·10⁻⁵ is 3.331e-05)
    raise ValueError(f"could not convert string to float: {t!r}")


def power_of_ten(exponent: int) -> str:
    """10 to the integer ``exponent`` as text: ``-6 -> "10⁻⁶"``, ``0 -> "10⁰"``."""
    return "10" + str(int(exponent)).translate(_SUPERSCRIPT)


MISSING = "–"  # a value that does not exist (no test set, no accuracy for regression): an en dash, never "nan"


def is_missing(value) -> bool:
    """Whether a measured ``value`` does not exist: None, or NaN (a history's or a snapshot's mark for
    "not measured": the test loss without a test set). Infinity is a value (a run diverged)."""
    if value is None:
        return True
    try:
        return math.isnan(float(value))
    except (TypeError, ValueError):
        return False


def format_number(value, digits: int = 4, plain: bool = False, zeros: bool = False) -> str:
    """``value`` (a Python or NumPy real number) as text with ``digits``
    significant digits: ``0.1235``, ``12.35``, ``1.235·10⁶``, ``1.2·10⁻⁷``,
    ``0``, ``inf``, ``−inf``, a negative number with the minus sign the
    plots' axes write (U+2212: ``−1.149``); NaN as ``MISSING`` (an en dash, as ``None``: a window's
    text never reads "nan"). Trailing zeros are dropped, unless ``zeros``:
    then every number has ``digits`` significant digits, so that read-outs side by side
    read alike ("0.2000 / 0.1960", not "0.2 / 0.196").
    ``plain``: ASCII, scientific notation as ``1.235e+06``, ``-1.2e-07`` (typed back, or
    read by a program; NaN then stays ``nan``, which ``read_number`` and ``float`` read back). ``None``
    gives an en dash (nothing to show). The text is
    at most ``digits + 9`` characters, whatever the magnitude."""
    if value is None or (not plain and is_missing(value)):
        return MISSING
    text = _formatted(float(value), digits, plain, zeros)
    return text if plain else with_minus(text)


def format_alike(values, digits: int = 4) -> list[str]:
    """``format_number(v, digits, zeros=True)`` of each of ``values`` (inf allowed; None and NaN, a value
    missing, as ``MISSING``: a comparison read "test loss nan" without a test set) in one form: every finite non-zero number in scientific notation when one of them needs it (a read-out of
    "train 9.379·10⁻⁵ test 2.390·10⁻⁴", not "... test 0.0002390"), else every one in decimals."""
    values = [None if is_missing(v) else v for v in values]
    finite = [abs(float(v)) for v in values if v is not None and math.isfinite(float(v)) and v != 0]
    scientific = any(not SCIENTIFIC_BELOW <= v < SCIENTIFIC_ABOVE for v in finite)
    out = []
    for v in values:
        if scientific and v is not None and math.isfinite(float(v)) and v != 0:
            mantissa, exponent = f"{float(v):.{max(digits - 1, 0)}e}".split("e")
            out.append(with_minus(f"{mantissa}·{power_of_ten(int(exponent))}"))
        else:
            out.append(format_number(v, digits, zeros=True))
    return out


MINUS = "−"  # the minus sign (U+2212) of every number a user reads, as the axes write it (ui.tick_labels)


def with_minus(text: str) -> str:
    """``text`` (a number Python formatted) with the minus sign a user reads, MINUS, for each "-"."""
    return text.replace("-", MINUS)


def _formatted(v: float, digits: int, plain: bool, zeros: bool = False) -> str:
    """``format_number`` with ASCII hyphens for minus signs."""
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    if v == 0:
        return "0"
    if SCIENTIFIC_BELOW <= abs(v) < SCIENTIFIC_ABOVE:
        text = f"{v:#.{digits}g}" if zeros else f"{v:.{digits}g}"  # ('#': the trailing zeros kept)
        if "e" not in text:  # rounding can carry 99999.5 to 1e+05 with 'g'
            return text.rstrip(".")
    mantissa, exponent = f"{v:.{max(digits - 1, 0)}e}".split("e")
    if "." in mantissa and not zeros:
        mantissa = mantissa.rstrip("0").rstrip(".")
    if plain:
        return f"{mantissa}e{int(exponent):+03d}"
    return f"{mantissa}·{power_of_ten(int(exponent))}"


def rate_text(value, digits: int = 4) -> str:
    """A rate in a list of choices, every item in one form (a learning-rate list read "1·10⁻⁵"
    above "0.0001"): a plain decimal of ``digits`` significant digits from 10⁻⁶ up to 10⁵
    (``0.00001``, ``0.003``, ``10``), ``format_number`` beyond, where decimals are too long to read."""
    v = float(value)
    if v != 0 and not 1e-6 <= abs(v) < SCIENTIFIC_ABOVE:
        return format_number(v, digits)
    return with_minus(f"{float(f'{v:.{digits}g}'):.12f}".rstrip("0").rstrip("."))


def format_percent(fraction, digits: int = 1) -> str:
    """A fraction in [0, 1] as a percentage, ``0.9876 -> '98.8%'``; ``None``
    or NaN gives an en dash (accuracy does not apply, e.g. for regression)."""
    if is_missing(fraction):
        return MISSING
    return f"{100 * float(fraction):.{digits}f}%"


def agree(n, noun: str, plural: str | None = None) -> str:
    """``noun`` (or a verb: ``agree(n, "is", "are")``) in the number of ``n``:
    singular for exactly 1, else ``plural`` (default ``noun + "s"``). The one rule
    of every count shown to a user (``count`` puts the number before it)."""
    return noun if n == 1 else (plural or noun + "s")


# A whole number this large is written as '1e+300', not in its hundreds of digits (a hand-edited file's count)
HUGE_COUNT = 10**15


def count(n, noun: str, plural: str | None = None) -> str:
    """``n`` and ``noun`` agreeing in number, for every message that counts:
    ``count(1, "input column") -> '1 input column'``, ``count(3, "class",
    "classes") -> '3 classes'``, ``count(12000, "row") -> '12,000 rows'``;
    from ``HUGE_COUNT`` up in short: ``count(10**300, "epoch") -> '1e+300 epochs'``.
    ``plural`` defaults to ``noun + "s"``; only exactly 1 is singular (as in
    English: "0 rows", "1.5 epochs")."""
    return f"{counted(n)} {agree(n, noun, plural)}"


def counted(n) -> str:
    """The number of ``count``: a whole number with thousands separators ('12,000') below
    ``HUGE_COUNT``, any other as ``general`` writes it ('1.5', '1e+300')."""
    whole = isinstance(n, int) or (hasattr(n, "dtype") and n.dtype.kind in "iu")
    return f"{n:,}" if whole and abs(n) < HUGE_COUNT else general(n)


def general(x) -> str:
    """``x`` as Python's ``:g`` writes it (six significant digits: '2.5', '1e+300'), a whole number of
    any size too: ``:g`` raises OverflowError for an int past 1e308, which a JSON file may hold."""
    if isinstance(x, Written):  # (as the file wrote it: 1e400, not inf)
        return x.text
    if isinstance(x, int) and abs(x) >= 10**300:
        with localcontext() as context:
            context.prec = 6
            return format((+Decimal(x)).normalize(), "g")
    return f"{x:g}"


def epoch_rate(v: float) -> str:
    """An epochs/s figure with three significant digits however small ('0.0192', not '0'),
    one decimal from 100 up ('1721.0'): as `nnplay bench` and `nnplay train` print it."""
    return f"{v:.1f}" if v >= 100 else f"{v:.{max(1, 2 - math.floor(math.log10(v)))}f}" if v > 0 else "0"
