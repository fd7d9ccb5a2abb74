"""The settings of issue 17 that go per layer or act on training: the per-layer
activation list, dropout, frozen layers, the learning-rate schedule and
gradient clipping, normalised and checked for ``TrainConfig`` (each bad value
is one ValueError line naming the setting)."""

from __future__ import annotations

import math

from ..engine.clipping import check_clip
from ..numbers import Written, count, is_whole
from ..engine.dropout import check_rates
from ..user_text import shown
from .schedules import canonical_schedule


def _numbers(value, kind=float) -> tuple:
    """A comma list ("0,0.2"), one number or a sequence, as a tuple of ``kind``."""
    if isinstance(value, str):
        value = [v for v in value.split(",") if v.strip()] if value.strip() else []
    elif not isinstance(value, (list, tuple)):
        value = [value]
    return tuple(v if isinstance(v, Written) else kind(v) for v in value)  # (a file's number: refused as written)


def normalize_layer_settings(config) -> None:
    """Put the fields in one form (called from ``TrainConfig.__post_init__``):
    activation a comma string; dropout, freeze tuples; schedule lower case."""
    def set_(name, value):
        object.__setattr__(config, name, value)

    act = config.activation
    set_("activation", ",".join(str(a).strip() for a in act) if isinstance(act, (list, tuple))
         else ",".join(a.strip() for a in str(act).split(",")))
    try:
        set_("dropout", _numbers(config.dropout))
    except (TypeError, ValueError):
        raise ValueError(f"dropout: {config.dropout!r} is not a list of numbers") from None
    try:
        freeze = _numbers(config.freeze, float)
    except (TypeError, ValueError):
        raise ValueError(f"freeze: {config.freeze!r} is not a list of layer numbers") from None
    if any(not (math.isfinite(f) and is_whole(f)) for f in freeze):
        raise ValueError(f"freeze: layer numbers must be whole numbers, got {list(freeze)}")
    set_("freeze", tuple(int(f) for f in freeze))
    set_("schedule", str(config.schedule).strip().lower())
    set_("clip", config.clip if isinstance(config.clip, Written) else float(config.clip))  # (refused as written)


def check_layer_settings(config) -> None:
    """ValueError naming the first bad one of these settings."""
    n_hidden = len(config.hidden)
    names = config.activation.split(",")
    if len(names) not in (1, n_hidden):
        raise ValueError(f"activation must be one name, or one per hidden layer ({count(n_hidden, 'hidden layer')}), "
                         f"got {shown(config.activation)}")
    check_rates(config.dropout, n_hidden)
    L = n_hidden + 1
    for layer in config.freeze:
        if not 1 <= layer <= L:
            raise ValueError(f"freeze: layer {layer} does not exist (this network has layers 1..{L})")
    if len(set(config.freeze)) != len(config.freeze):
        raise ValueError(f"freeze: a layer is named twice in {list(config.freeze)}")
    canonical_schedule(config.schedule)
    check_clip(config.clip)


def list_setting(values) -> str:
    """A list as the settings text writes it: "0,0.2"."""
    return ",".join(f"{v:g}" if isinstance(v, float) else str(v) for v in values)
