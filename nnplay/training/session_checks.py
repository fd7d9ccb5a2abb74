"""What is wrong with a damaged session file's parts, in words that name the part:
a JSON value of the wrong kind ("config in session.json (the run's settings): the text
'hello', not a table of names and values"; a text was read as its letters: "unknown
settings: e, h, l, o") and each saved data array's own fault, never one "the saved data set is damaged"
for all of them. ValueErrors, which training.session prefixes with the file's name."""

from __future__ import annotations

import re

import numpy as np

from ..data import CLASSIFICATION, REGRESSION
from ..numbers import Written, count, general, is_whole
from ..user_text import shown

TASKS = (CLASSIFICATION, REGRESSION)


def kind_of(value) -> str:
    """A JSON value's kind in words: "the text 'hello'", "the number 3", "a list", "null"..."""
    if isinstance(value, str):
        return f"the text {shown(value)}"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {general(value)}"
    if value is None:
        return "null"
    if isinstance(value, list):
        return f"a list of {count(len(value), 'item')}"
    return "a table" if isinstance(value, dict) else type(value).__name__


class Fields(dict):
    """A table of session.json read at ``path`` ("data", "run"; "" at the top): a field it lacks is refused
    naming its place ("data.task in session.json is missing"; "the field 'task' is missing" before, which
    named no table: tester 22)."""

    def __init__(self, value: dict, path: str = ""):
        super().__init__(value)
        self.path = path

    def at(self, key: str) -> str:
        """The place of field ``key`` in words: "data.task in session.json"."""
        return f"{self.path}.{key} in session.json" if self.path else f"{key} in session.json"

    def __missing__(self, key):
        raise ValueError(f"{self.at(key)} is missing")


def wrong_kind(exc: Exception) -> bool:
    """Whether ``exc`` is Python's own complaint about a value's kind, not a message of ours."""
    return isinstance(exc, (TypeError, AttributeError)) or bool(PYTHON_WORDS.match(str(exc)))


# the start of a ValueError Python raises converting a field ("invalid literal for int() with base 10: 'x'")
PYTHON_WORDS = re.compile(r"invalid literal|could not convert|not enough values|too many values|"
                          r"cannot convert|dictionary update sequence|.*\(\) (argument|takes)")


def table(value, what: str) -> dict:
    """``value`` when it is a JSON object; else ValueError naming ``what`` it should be."""
    if not isinstance(value, dict):
        raise ValueError(f"{what}: {kind_of(value)}, not a table of names and values")
    return value


def names(value, what: str) -> list[str]:
    """``value`` when it is a list of texts; else ValueError naming ``what`` it should be."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        bad = kind_of(value) if not isinstance(value, list) else \
            f"a list holding {kind_of(next(v for v in value if not isinstance(v, str)))}"
        raise ValueError(f"{what}: {bad}, not a list of names")
    return value


def choice(value, what: str, allowed) -> str:
    """``value`` when it is one of the texts ``allowed``; else ValueError naming ``what``."""
    if value not in allowed:
        raise ValueError(f"{what}: {kind_of(value)}, not one of {', '.join(map(repr, allowed))}")
    return value


def ranges(value, what: str) -> tuple:
    """((low, high), ...) of numbers from a JSON list of pairs; else ValueError naming ``what``."""
    if not isinstance(value, list) or not all(isinstance(p, list) and len(p) == 2 and all(
            isinstance(v, (int, float)) and not isinstance(v, bool) for v in p) for p in value):
        raise ValueError(f"{what}: {kind_of(value)}, not a list of (low, high) number pairs")
    return tuple((float(lo), float(hi)) for lo, hi in value)


def settings(value, read):
    """``read(value)`` (``TrainConfig.from_dict``) of session.json's ``config``; its ValueError
    names the setting at fault, ``config.KEY``: the first that is refused on its own (a rate
    of 5 words itself as "dropout rate", not as the field to mend), else ``config``."""
    saved = table(value, "config in session.json (the run's settings)")
    try:
        return read(saved)
    except (ValueError, TypeError, AttributeError) as exc:  # (a list of numbers for the features: AttributeError)
        at_fault, words = "config", str(exc)
        for key in saved:
            try:
                read({key: saved[key]})
            except (ValueError, TypeError, AttributeError):
                at_fault = f"config.{key}"
                if wrong_kind(exc):  # ("could not convert string to float: 'x'")
                    words = f"{kind_of(saved[key])} is not a value it takes"
                break
        if wrong_kind(exc) and at_fault == "config":
            words = "a setting holds the wrong kind of value"
        raise ValueError(f"{at_fault} in session.json: {words}") from None


def _values(dtype: np.dtype) -> str:
    return {"U": "text", "S": "byte strings", "O": "Python objects"}.get(dtype.kind, f"numbers of type {dtype.name}")


def data_problem(X: np.ndarray, y: np.ndarray, mask) -> str:
    """What is wrong with the saved data arrays, naming the array ("" if nothing)."""
    if X.ndim != 2:
        return f"X.npy (the inputs) has {count(X.ndim, 'dimension')}; it needs 2, a row per example"
    if X.dtype.kind not in "biuf":
        return f"X.npy (the inputs) holds {_values(X.dtype)}, not numbers"
    if (bad := int(np.size(X) - np.count_nonzero(np.isfinite(X)))) > 0:
        return f"X.npy (the inputs) holds {count(bad, 'value')} that {'is' if bad == 1 else 'are'} not a finite number"
    if y.shape[:1] != X.shape[:1] or y.ndim != 1:
        return (f"y.npy (the targets) holds {count(y.shape[0] if y.ndim else 1, 'value')} in "
                f"{count(y.ndim, 'dimension')} for the {count(X.shape[0], 'row')} of X.npy; it needs one per row")
    if mask is not None and (mask.dtype != bool or mask.shape != X.shape[:1]):
        return (f"test_mask.npy holds {_values(mask.dtype)} ({mask.size:,}); it needs one "
                f"true/false per row of X.npy ({X.shape[0]:,})")
    return ""


def whole(value, what: str, minimum: int = 0, optional: bool = False, below: int = 2**63) -> int | None:
    """``value`` when it is a whole JSON number >= ``minimum`` and < ``below`` (a count a run keeps in
    NumPy's int64 by default; or, ``optional``, null: None); else ValueError naming ``what`` (Python's
    "invalid literal for int()" named no field; 1e300 epochs were written out in 301 digits)."""
    if value is None and optional:
        return None
    limit = f"2**{below.bit_length() - 1} - 1"
    if not is_whole(value):  # (as written: a file's 1e-400 is read as 0.0)
        wanted = f"a whole number from {minimum} up to {limit}" + (" or null" if optional else "")
        raise ValueError(f"{what}: {kind_of(value)}, not {wanted}")
    if value >= below:  # in digits, so that it reads as over (9.22337e+18 read as 2**63 - 1 itself)
        raise ValueError(f"{what}: the number {_digits(value)} is over the limit {limit}")
    if value < minimum:
        raise ValueError(f"{what}: the number {_digits(value)} is below {minimum}, the least it can be")
    return int(value)


def _digits(value) -> str:
    """A whole number in all its digits up to 30 of them (9223372036854775808), else short (1e+300)."""
    if isinstance(value, Written):  # as the file wrote it (1e19, not 10000000000000000000)
        return value.text
    return str(int(value)) if abs(value) < 10**30 else general(value)


PCG64_FIELDS = ("state", "inc")


def rng_state(value, what: str) -> dict:
    """``value`` when it is the state of NumPy's PCG64 generator as ``Generator.bit_generator.state``
    gives it (a table: bit_generator "PCG64"; state {state, inc: whole numbers below 2**128};
    has_uint32 0 or 1; uinteger below 2**32); else ValueError naming ``what`` and the part that is
    wrong. Only PCG64's: a saved name of another generator is never looked up (NumPy's own words
    for a wrong one named no field)."""
    saved = table(value, what)
    choice(saved.get("bit_generator"), f"{what}: bit_generator", ("PCG64",))
    inner = table(saved.get("state"), f"{what}: state")
    for key in PCG64_FIELDS:
        whole(inner.get(key), f"{what}: state.{key}", below=2**128)
    if whole(saved.get("has_uint32"), f"{what}: has_uint32") > 1:
        raise ValueError(f"{what}: has_uint32: {kind_of(saved['has_uint32'])}, not 0 or 1")
    whole(saved.get("uinteger"), f"{what}: uinteger", below=2**32)
    return saved
