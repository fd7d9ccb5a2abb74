"""Every setting of a run, in one plain record."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace

from ..data import CLASSES_MAX, CLASSES_MIN, DATASETS, DEFAULT_FEATURES, parse_features
from ..engine import ACTIVATIONS, INITIALIZERS, LOSSES, OPTIMIZERS
from .layer_settings import check_layer_settings, list_setting, normalize_layer_settings
from .settings_text import parse_settings_text, unknown_choice

# settings that change a running network in place; everything else rebuilds it
LIVE_SETTINGS = ("lr", "l1", "l2")
SEED_MAX = 2**31 - 1  # what the window's seed box (a 32-bit integer) can show


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
        object.__setattr__(self, "hidden", tuple(int(h) for h in self.hidden))
        normalize_layer_settings(self)
        self.validate()

    def validate(self) -> None:
        """Raise ValueError naming the first setting that is out of range."""
        checks = [
            (self.dataset in DATASETS or self.dataset == "csv", unknown_choice("dataset", self.dataset)),
            (0.0 <= self.noise <= 0.5, f"noise must be between 0 and 0.5, got {self.noise!r}"),
            (0.0 < self.train_ratio <= 1.0, f"train ratio must be in (0, 1], got {self.train_ratio!r}"),
            (all(1 <= h <= 4096 for h in self.hidden), f"hidden layer sizes must be 1..4096, got {list(self.hidden)}"),
            (len(self.hidden) <= 64, f"at most 64 hidden layers, got {len(self.hidden)}"),
            *((a in ACTIVATIONS, unknown_choice("activation", a)) for a in self.activation.split(",")),
            (self.loss == "auto" or self.loss in LOSSES, unknown_choice("loss", self.loss)),
            (self.optimizer in OPTIMIZERS, unknown_choice("optimizer", self.optimizer)),
            (self.init == "auto" or self.init in INITIALIZERS, unknown_choice("init", self.init)),
            (0.0 < self.lr <= 100.0, f"learning rate must be in (0, 100], got {self.lr!r}"),
            (0.0 <= self.l1 <= 100.0, f"L1 rate must be in [0, 100], got {self.l1!r}"),
            (0.0 <= self.l2 <= 100.0, f"L2 rate must be in [0, 100], got {self.l2!r}"),
            (self.batch_size >= 1, f"batch size must be at least 1, got {self.batch_size}"),
            (0 <= self.seed <= SEED_MAX, f"seed must be a whole number from 0 to {SEED_MAX}, got {self.seed}"),
            (0 <= self.data_seed <= SEED_MAX,
             f"data seed must be a whole number from 0 to {SEED_MAX}, got {self.data_seed}"),
            (self.dtype in ("float32", "float64"), f"dtype must be float32 or float64, got {self.dtype!r}"),
            (CLASSES_MIN <= self.classes <= CLASSES_MAX,
             f"classes must be between {CLASSES_MIN} and {CLASSES_MAX}, got {self.classes}"),
        ]
        for ok, message in checks:
            if not ok:
                raise ValueError(message)
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
        known = {f.name for f in fields(cls)}
        unknown = set(d) - known
        if unknown:
            raise ValueError(f"unknown settings: {', '.join(sorted(unknown))}")
        return cls(**d)
