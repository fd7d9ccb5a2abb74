"""Every setting of a run, in one plain record."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, fields, replace

from ..data import DATASETS, DEFAULT_FEATURES, parse_features
from ..engine import ACTIVATIONS, INITIALIZERS, LOSSES, OPTIMIZERS
from .layer_settings import check_layer_settings, list_setting, normalize_layer_settings
from ..numbers import Written, is_whole
from .setting_ranges import RANGES, SEED_MAX, check_hidden_weights, check_setting  # noqa: F401 (SEED_MAX: imported from here by others)
from .session_checks import table
from .settings_text import item_place, parse_settings_text, unknown_choice

# settings that change a running network in place; everything else rebuilds it
LIVE_SETTINGS = ("lr", "l1", "l2")
NUMERIC_SETTINGS = ("noise", "train_ratio", "lr", "l1", "l2", "batch_size", "seed", "data_seed", "classes")


def _layer_size(h) -> int:
    """A hidden layer's size as an int (4 or 4.0), or the range's one-line refusal (nan, 2.5, "four")."""
    try:
        if float(h).is_integer() and (is_whole(h) or not isinstance(h, Written)):  # (a file's 1e-400 is no size 0)
            return int(h)
    except (TypeError, ValueError, OverflowError):
        pass
    raise ValueError(RANGES["hidden"].refusal(h))


def _layer_sizes(hidden) -> tuple[int, ...]:
    """The hidden layers' sizes from a list of sizes, one size or a text ("4,2"); where it is none, or a
    text not of sizes, the range's one-line refusal naming the bad size and, among several, which layer it
    is ("layer 2 of '4,zz': ..., got 'zz'": the whole '4,zz' was quoted; a text "hello" was refused by
    its first letter, "got 'h'", and a table by its first key)."""
    if isinstance(hidden, str):
        parts = [p.strip() for p in hidden.split(",")] if hidden.strip() else []
    elif isinstance(hidden, (int, float)) and not isinstance(hidden, bool):
        parts = [hidden]  # one layer
    elif isinstance(hidden, Mapping) or not isinstance(hidden, Iterable):
        raise ValueError(RANGES["hidden"].refusal(hidden))
    else:
        parts = list(hidden)
    sizes = []
    for k, h in enumerate(parts, start=1):
        try:
            sizes.append(_layer_size(h))
        except ValueError:
            if len(parts) == 1:
                raise ValueError(RANGES["hidden"].refusal(hidden if isinstance(hidden, str) else h)) from None
            raise ValueError(f"{item_place('hidden', k, hidden)}{RANGES['hidden'].refusal(h)}") from None
    return tuple(sizes)


@dataclass(frozen=True)
class TrainConfig:
    dataset: str = "circle"
    noise: float = 0.0
    classes: int = 3
    data_seed: int = 0
    train_ratio: float = 0.5
    features: tuple[str, ...] = DEFAULT_FEATURES
    hidden: tuple[int, ...] = (4, 2)
    activation: str = "tanh"
    loss: str = "auto"  # bce for two classes, ce for more, mse for regression
    optimizer: str = "sgd"
    lr: float = 0.03
    l1: float = 0.0
    l2: float = 0.0
    init: str = "auto"
    batch_size: int = 10
    seed: int = 0
    dtype: str = "float64"
    standardize: bool = False
    # issue 17: per-layer settings (see training.layer_settings); activation above may be a comma list
    dropout: tuple[float, ...] = ()  # rate per hidden layer (one number: all), 0..0.9
    freeze: tuple[int, ...] = ()  # layers l (1-based, as W[l] of docs/equations.md) frozen from the start
    schedule: str = "constant"  # learning-rate schedule (training.schedules)
    clip: float = 0.0  # gradient-norm clipping (engine.clipping); 0 = off
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self):
        object.__setattr__(self, "features", parse_features(self.features))
        object.__setattr__(self, "hidden", _layer_sizes(self.hidden))
        normalize_layer_settings(self)
        self.validate()

    def validate(self) -> None:
        """Raise ValueError naming the first setting that is out of range."""
        checks = [
            (self.dataset in DATASETS or self.dataset == "csv", unknown_choice("dataset", self.dataset)),
            (len(self.hidden) <= 64, f"at most 64 hidden layers, got {len(self.hidden)}"),
            *((a in ACTIVATIONS, unknown_choice("activation", a)) for a in self.activation.split(",")),
            (self.loss == "auto" or self.loss in LOSSES, unknown_choice("loss", self.loss)),
            (self.optimizer in OPTIMIZERS, unknown_choice("optimizer", self.optimizer)),
            (self.init == "auto" or self.init in INITIALIZERS, unknown_choice("init", self.init)),
            (self.dtype in ("float32", "float64"), f"dtype must be float32 or float64, got {self.dtype!r}"),
        ]
        for ok, message in checks:
            if not ok:
                raise ValueError(message)
        for name in NUMERIC_SETTINGS:  # each in its range: one line naming it, the range and the value
            check_setting(name, getattr(self, name))
        for size in self.hidden:
            check_setting("hidden", size)
        check_hidden_weights(self.hidden)
        check_layer_settings(self)

    @property
    def activations(self) -> list[str]:
        """The activation of each hidden layer (one name given: the same for all)."""
        names = self.activation.split(",")
        return names * len(self.hidden) if len(names) == 1 else names

    def with_changes(self, **changes) -> "TrainConfig":
        return replace(self, **changes)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["features"] = list(self.features)
        d["hidden"] = list(self.hidden)
        d["dropout"], d["freeze"] = list(self.dropout), list(self.freeze)
        return d

    def to_text(self) -> str:
        """The settings as one line to share (like TensorFlow Playground's URL
        hash): ``dataset=spiral&noise=0.1&hidden=8,8&...``."""
        from urllib.parse import urlencode

        d = self.to_dict()
        d.pop("extra")
        d["features"] = ",".join(d["features"])
        d["hidden"] = ",".join(map(str, d["hidden"]))
        d["standardize"] = int(d["standardize"])
        for key, default in (("dropout", ()), ("freeze", ()), ("schedule", "constant"), ("clip", 0.0)):
            if getattr(self, key) == default:  # left out at their defaults: older texts stay as they were
                del d[key]
            elif isinstance(d[key], list):
                d[key] = list_setting(d[key])
        return urlencode({k: (f"{v:g}" if isinstance(v, float) else v) for k, v in d.items()}, safe=",^:")

    @classmethod
    def text_patch(cls, text: str) -> dict:
        """The settings a settings text names, {name: value}, and nothing else
        (applied as a patch: see ``settings_text.parse_settings_text``).
        ValueError names the first bad setting."""
        return parse_settings_text(text, tuple(f.name for f in fields(cls) if f.name != "extra"))

    @classmethod
    def from_text(cls, text: str) -> "TrainConfig":
        """Parse ``to_text`` output (a leading ``#`` or ``?`` is ignored); settings
        left out keep their defaults; ValueError names the first bad one."""
        return cls(**cls.text_patch(text))

    @classmethod
    def from_dict(cls, d: dict) -> "TrainConfig":
        table(d, "the settings")  # (a text's letters were read as names: "unknown settings: e, h, l, o")
        known = {f.name for f in fields(cls)}
        unknown = set(d) - known
        if unknown:
            raise ValueError(f"unknown settings: {', '.join(sorted(unknown))}")
        return cls(**d)
