"""The allowed range of every numeric setting, and the one line that refuses a value outside it.

A refused value is named with the setting and the range it must be in, wherever
it came from (the window, a settings text, a command-line flag, a session
file): ``learning rate must be in (0, 100], got nan``. NaN, infinities, text
where a number belongs and booleans are refused like any value out of range.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

from ..data import CLASSES_MAX, CLASSES_MIN
from ..numbers import count
from ..user_text import shortened, shown

SEED_MAX = 2**31 - 1  # what the window's seed box (a 32-bit integer) can show
EPOCHS_MAX = 10**8  # nnplay train --epochs: at most this many (about a day of the smallest network)
HIDDEN_MAX = 256  # neurons in a hidden layer
# weights between one hidden layer and the next, summed over the network (5 layers of 256): what the
# window still draws and saves at once (its heatmaps are drawn downsampled, pictures.picture_cells)
HIDDEN_WEIGHTS_MAX = 4 * 256 * 256
RATE_MAX = 100.0  # learning rate, L1 and L2 rates
DROPOUT_MAX = 0.9


@dataclass(frozen=True)
class Range:
    """The values setting ``words`` can take: from ``low`` to ``high`` (``low_open``:
    ``low`` itself excluded; ``high`` None: no upper end), whole numbers only when ``integer``."""

    words: str
    low: float
    high: float | None
    low_open: bool = False
    integer: bool = False

    @property
    def allowed(self) -> str:
        """The range in words: "in (0, 100]", "between 0 and 0.5", "a whole number from 0 to 9"."""
        lo = _plain(self.low)
        if self.integer:
            return f"a whole number of at least {lo}" if self.high is None else \
                f"a whole number from {lo} to {_plain(self.high)}"
        if self.high is None:
            return f"a number above {lo}" if self.low_open else f"a number of at least {lo}"
        if self.low_open:
            return f"in ({lo}, {_plain(self.high)}]"
        return f"between {lo} and {_plain(self.high)}"

    def allows(self, value) -> bool:
        """Whether ``value`` is a number (a whole one for an integer setting) in the range."""
        kind = numbers.Integral if self.integer else numbers.Real
        if isinstance(value, bool) or not isinstance(value, kind):
            return False
        v = float(value) if not self.integer else value
        if not self.integer and not math.isfinite(v):
            return False
        above = v > self.low if self.low_open else v >= self.low
        return above and (self.high is None or v <= self.high)

    def refusal(self, value) -> str:
        """The one line refusing ``value``: name, range, value."""
        said = shown(value) if isinstance(value, str) else repr(value) if isinstance(value, float) else shortened(value)
        return f"{self.words} must be {self.allowed}, got {said}"

    def check(self, value):
        """``value``, or ValueError with ``refusal``."""
        if not self.allows(value):
            raise ValueError(self.refusal(value))
        return value


def _plain(x: float) -> str:
    """0.5, 100, 2147483647 (no trailing .0)."""
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


RANGES: dict[str, Range] = {
    "noise": Range("noise", 0.0, 0.5),
    "train_ratio": Range("train ratio (the share of the data used for training)", 0.0, 1.0, low_open=True),
    "lr": Range("learning rate", 0.0, RATE_MAX, low_open=True),
    "l1": Range("L1 rate", 0.0, RATE_MAX),
    "l2": Range("L2 rate", 0.0, RATE_MAX),
    "batch_size": Range("batch size", 1, None, integer=True),
    "seed": Range("seed", 0, SEED_MAX, integer=True),
    "data_seed": Range("data seed", 0, SEED_MAX, integer=True),
    "classes": Range("classes", CLASSES_MIN, CLASSES_MAX, integer=True),
    "clip": Range("clip (the gradient-norm limit; 0 = off)", 0.0, None),
    "dropout": Range("dropout rate", 0.0, DROPOUT_MAX),
    "hidden": Range("hidden layer size", 1, HIDDEN_MAX, integer=True),
    "epochs": Range("epochs", 0, EPOCHS_MAX, integer=True),
    # the numbers of the other commands (nnplay lr-find, render --animate, export-torch, bench)
    "steps": Range("the range test's mini-batches", 20, 100_000, integer=True),
    "start_lr": Range("the range test's first rate", 0.0, RATE_MAX, low_open=True),
    "end_lr": Range("the range test's last rate", 0.0, RATE_MAX, low_open=True),
    "script_epochs": Range("the script's epochs", 1, EPOCHS_MAX, integer=True),
    "animation_epochs": Range("epochs to animate", 1, EPOCHS_MAX, integer=True),
    "every": Range("epochs between two frames", 1, EPOCHS_MAX, integer=True),
    "fps": Range("frames a second", 0.0, 60.0, low_open=True),  # (a recording's: ui.frame_writer)
    "soak_start": Range("the soak's first epoch", 0, EPOCHS_MAX, integer=True),
}


def check_hidden_weights(hidden) -> None:
    """ValueError in one line when the hidden layers ``hidden`` (a sequence of whole sizes, each
    already in range) hold more than HIDDEN_WEIGHTS_MAX weights between them."""
    n = sum(a * b for a, b in zip(hidden, hidden[1:]))
    if n > HIDDEN_WEIGHTS_MAX:
        sizes = ",".join(map(str, hidden))
        raise ValueError(f"hidden layers {shortened(sizes)} hold {count(n, 'weight')} between them, at most "
                         f"{HIDDEN_WEIGHTS_MAX:,} (5 layers of {HIDDEN_MAX}, or more narrower ones)")


def check_setting(name: str, value):
    """``value`` of numeric setting ``name`` (a key of RANGES), or ValueError naming the setting, the
    allowed range and the value in one line."""
    return RANGES[name].check(value)
