"""The commands a training process obeys: small frozen records, sent down the
command pipe (or a queue) and applied by ``TrainingLoop`` between epochs with
``match``. A command that starts a run carries the run's generation number;
the frames of that run carry it back, so the window can drop stale ones."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Build:
    """A new run of ``config`` on ``data``: fresh weights; or, with ``state`` (a
    ``Trainer.state_dict``), a saved run restored; or, with ``keep_weights``, the
    current run's weights, optimizer and history going on on new data."""

    generation: int
    config: object  # TrainConfig
    data: object  # Dataset
    state: dict | None = None
    keep_weights: bool = False


@dataclass(frozen=True)
class Reset:
    """The same run from its first weights, as run ``generation``."""

    generation: int


@dataclass(frozen=True)
class Play:
    pass


@dataclass(frozen=True)
class Pause:
    pass


@dataclass(frozen=True)
class Step:
    """Train ``epochs`` epochs (or, ``batches``, that many mini-batches), then stop."""

    epochs: int = 0
    batches: int = 0


@dataclass(frozen=True)
class SetLearningRate:
    lr: float


@dataclass(frozen=True)
class SetRegularization:
    l1: float
    l2: float


@dataclass(frozen=True)
class SetSpeed:
    """Epochs per frame; 0 (MAX_SPEED) trains as fast as it can."""

    epochs_per_frame: int


@dataclass(frozen=True)
class SetView:
    """What the frames carry: fields of ``loop.ViewRequest`` to change."""

    changes: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Request:
    """Send back (``what``, token, answer): ``what`` is "state" (the answer is
    ``Trainer.state_dict()``) or "gradcheck" (``Trainer.gradient_check()``);
    None when there is no run yet."""

    what: str
    token: int


@dataclass(frozen=True)
class Ack:
    """The window has drawn the last frame: the next may come."""


@dataclass(frozen=True)
class Quit:
    pass


@dataclass(frozen=True)
class SetLandscape:
    """Compute the loss landscape of ``request`` (a ``landscape_live.LandscapeRequest``)
    in slices between epochs, recomputed as training goes on; None cancels (the
    grid last finished stays in the frames)."""

    request: object = None


@dataclass(frozen=True)
class SetParameter:
    """Set one weight (kind "W": W[layer+1][row, col]) or bias (kind "b":
    b[layer+1][row], col ignored) to ``value``; ``layer`` is the 0-based index
    into the network's weights. See ``Trainer.set_parameter``."""

    layer: int
    kind: str
    row: int
    col: int = 0
    value: float = 0.0


QUIT = Quit()


@dataclass(frozen=True)
class Freeze:
    """Freeze (or unfreeze, ``frozen=False``) layer ``layer`` (0-based index into
    the weights): all of it (``row`` None), neuron ``row``'s incoming weights and
    bias (``col`` None), or one weight W[row, col] (``Trainer.set_frozen``)."""

    layer: int
    row: int | None = None
    col: int | None = None
    frozen: bool = True


@dataclass(frozen=True)
class Prune:
    """Prune (or restore, ``pruned=False``) hidden neuron ``row`` of layer
    ``layer`` (``col`` None) or the weight W[layer][row, col] (``Trainer.set_pruned``)."""

    layer: int
    row: int
    col: int | None = None
    pruned: bool = True


@dataclass(frozen=True)
class SetDropout:
    """Dropout rate per hidden layer (one number: every layer), 0..0.9."""

    rates: tuple


@dataclass(frozen=True)
class SetFrozenLayers:
    """The layers frozen whole by the settings (``TrainConfig.freeze``, 1-based as W[l]); a layer
    no longer named is unfrozen (``Trainer.set_frozen_layers``)."""

    layers: tuple


@dataclass(frozen=True)
class SetSchedule:
    """The learning-rate schedule, as the settings text writes it (training.schedules)."""

    schedule: str


@dataclass(frozen=True)
class SetClip:
    """Gradient-norm clipping at ``max_norm`` (0: off)."""

    max_norm: float


@dataclass(frozen=True)
class SetEpochLimit:
    """While playing, train up to epoch ``epoch`` and wait there, still playing (None: no
    limit): a comparison's run ahead waits for the other (``ui/comparison.py``), and its
    epochs/s is the rate it truly advances at. Steps are not limited."""

    epoch: int | None
