"""The settings text (``dataset=spiral&hidden=8,8&lr=0.03``, like TensorFlow
Playground's URL hash) read as a *patch*: the settings it names and nothing else.

The names of the choices are spelt here once, for the text and for the window:
``CHOICE_LABELS`` holds each choice's label as the window shows it, and the text
accepts the key (``relu``) or the label (``ReLU``, ``Leaky ReLU``, ``Adam``,
``He``) in any case. A bad text raises ValueError with one line naming the
setting and, for a choice, every valid value.
"""

from __future__ import annotations

import math
import re
from urllib.parse import unquote_plus

from ..data import DATASETS
from ..engine import ACTIVATIONS, INITIALIZERS, LOSSES, OPTIMIZERS
from ..numbers import read_number
from ..user_text import shown
from .layer_sizes import item_place, layer_sizes
from .schedules import canonical_schedule
from .setting_ranges import RANGES

INTEGER_SETTINGS = ("classes", "data_seed", "batch_size", "seed")
FLOAT_SETTINGS = ("noise", "train_ratio", "lr", "l1", "l2", "clip")
NOT_A_NUMBER = {"standardize": "standardize must be 1 or 0 (true or false, yes or no)",  # (the numbers: their range)
                "freeze": "freeze must be comma-separated layer numbers like 1,2"}
LIST_SETTINGS = {"dropout": read_number, "freeze": int}  # comma lists of numbers

# each setting's name in words, as the window says it (the comparison's header, a paste's status line)
SETTING_NAMES = {"lr": "learning rate", "optimizer": "optimizer", "activation": "activation",
                 "batch_size": "batch size", "l1": "L1", "l2": "L2", "init": "initialiser", "hidden": "hidden layers",
                 "seed": "seed", "loss": "loss", "dataset": "data set", "noise": "noise", "classes": "classes",
                 "data_seed": "data seed", "train_ratio": "training share", "features": "input features",
                 "dtype": "precision", "standardize": "standardised inputs", "dropout": "dropout",
                 "freeze": "frozen layers", "schedule": "schedule", "clip": "gradient clipping"}

# the label each choice has in the window (the Network panel's lists read these)
CHOICE_LABELS: dict[str, dict[str, str]] = {
    "dataset": {**{name: name for name in DATASETS}, "csv": "csv"},
    "activation": {a: a.replace("_", " ").capitalize().replace("relu", "ReLU").replace("Relu", "ReLU")
                   for a in ACTIVATIONS},
    "loss": {"auto": "Auto", "bce": "Sigmoid + cross-entropy", "ce": "Softmax + cross-entropy",
             "mse": "Linear + squared error", "tanh_mse": "Tanh + squared error (Playground)"},
    "optimizer": {o: "Gradient descent" if o == "sgd" else o.capitalize() for o in OPTIMIZERS},
    "init": {"auto": "Auto", "xavier": "Xavier (Glorot)", "he": "He", "small": "Small 0.01·N(0,1)",
             "uniform": "Uniform ±0.5 (Playground)"},
    "dtype": {"float32": "float32", "float64": "float64"},
}
assert set(CHOICE_LABELS["loss"]) == {"auto", *LOSSES} and set(CHOICE_LABELS["init"]) == {"auto", *INITIALIZERS}
CHOICE_NAMES = {"dataset": "data set", "init": "initialiser"}


def _norm(text: str) -> str:
    return re.sub(r"[\s_\-+]+", "_", text.strip().lower())


def canonical_choice(setting: str, value: str) -> str:
    """The key of choice ``value`` of ``setting``, spelt as the text or the window
    spells it (any case); ValueError naming the setting and its choices."""
    choices = CHOICE_LABELS[setting]
    wanted = _norm(value)
    for key, label in choices.items():
        if wanted in (_norm(key), _norm(label), _norm(label.split(" (")[0])):
            return key
    raise ValueError(unknown_choice(setting, value))


def unknown_choice(setting: str, value) -> str:
    """'unknown activation 'x': choose one of tanh, relu, ...'"""
    return f"unknown {CHOICE_NAMES.get(setting, setting)} {shown(value)}: choose one of {', '.join(CHOICE_LABELS[setting])}"


def parse_settings_text(text: str, known: tuple[str, ...]) -> dict:
    """The settings ``text`` names, as {name: value} of the right types (``known``:
    the valid names). A leading ``#`` or ``?`` and stray ``&`` are ignored; line
    breaks separate settings as ``&`` does.
    Raises ValueError naming the first bad setting; ranges are checked by TrainConfig."""
    text = text.strip().lstrip("#?").strip()
    pieces = [p for p in re.split(r"[&\r\n]", text) if p.strip()]  # a line break separates settings as & does
    if not pieces:
        raise ValueError("the settings text is empty")
    values: dict = {}
    for piece in pieces:
        if "=" not in piece:
            raise ValueError(f"settings text must look like 'dataset=spiral&hidden=8,8'; "
                             f"{shown(piece.strip())} has no '='")
        key, raw = (unquote_plus(s).strip() for s in piece.split("=", 1))
        key = key.lower()
        if not key:  # ("=3", "&&&===": no name before its '=')
            raise ValueError(f"settings text must look like 'dataset=spiral&hidden=8,8'; "
                             f"{shown(piece.strip())} has no setting's name before its '='")
        if key not in known:
            raise ValueError(f"unknown setting {shown(key)} in the settings text; the settings are {', '.join(known)}")
        if key in values:
            raise ValueError(f"setting {key!r} is given twice in the settings text")
        values[key] = _value(key, raw)
        _check_range(key, values[key], raw)
    return values


def _check_range(key: str, value, raw: str) -> None:
    """A number outside its range is refused naming the setting as the text spells it and the
    text given, as a command-line option's is ("setting 'lr': learning rate must be in (0, 100], got '0'")."""
    if key not in RANGES or key in ("freeze", "clip", "hidden"):  # (checked with the layers, named; the sizes
        return  # as they were read)
    several = key in LIST_SETTINGS
    texts = raw.split(",") if several else [raw]
    for k, (number, text) in enumerate(zip(value if several else (value,), texts), start=1):
        if not RANGES[key].allows(number):
            raise ValueError(f"setting {key!r}: {item_place(key, k, raw)}{RANGES[key].refusal(text.strip())}")


def _value(key: str, raw: str):
    if key == "activation":  # one name, or one per hidden layer: "tanh,sigmoid"
        return ",".join(canonical_choice(key, a) for a in raw.split(","))
    if key in CHOICE_LABELS:
        return canonical_choice(key, raw)
    if key == "schedule":
        return canonical_schedule(raw)
    if key == "hidden":  # (read as the config and nnplay train --layers read it: layer_sizes)
        try:
            return layer_sizes(raw)
        except ValueError as refused:
            raise ValueError(f"setting 'hidden': {refused}") from None
    if key in LIST_SETTINGS:  # (empty: none of the list)
        return _items(key, raw, LIST_SETTINGS[key])
    try:
        if key == "features":
            return raw
        if key == "standardize":
            if raw.lower() not in ("0", "1", "true", "false", "yes", "no"):
                raise ValueError
            return raw.lower() in ("1", "true", "yes")
        if key in INTEGER_SETTINGS:
            return int(raw)
        if key in FLOAT_SETTINGS:
            value = read_number(raw)  # 0.003, 3e-3 or 3·10⁻³
            if not math.isfinite(value):
                raise ValueError
            return value
    except ValueError:
        raise ValueError(f"setting {key!r}: {_not_a_number(key)}, got {shown(raw)}") from None
    return raw


def _not_a_number(key: str) -> str:
    allowed = RANGES.get(key)  # a number's refusal says what it may be
    return NOT_A_NUMBER.get(key) or (f"{allowed.words} must be {allowed.allowed}" if allowed is not None
                                     else f"{key} must be a number")


def _items(key: str, raw: str, read) -> tuple:
    """A comma list of numbers ("4,2"); one that is not a number (or is left out: "4,,4") refused by
    itself and, among several, where it is ("layer 2 of '4,zz': ..., got 'zz'", not "got '4,zz'")."""
    items = raw.split(",") if raw.strip() else []
    values = []
    for k, item in enumerate(items, start=1):
        try:
            value = read(item) if item.strip() else None
        except ValueError:
            value = None
        if value is None or not math.isfinite(value):
            raise ValueError(f"setting {key!r}: {item_place(key, k, raw)}{_not_a_number(key)}, "
                             f"got {shown(item.strip())}")
        values.append(value)
    return tuple(values)
