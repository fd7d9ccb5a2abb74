"""A training-health diagnosis in words: why a run trains the way it does.

``diagnose(trainer)`` looks at a run's network on (a bounded sample of) its
training set, its full-batch gradient and its loss history, and returns
``Finding``s, each naming the kind, the layer (1-based, as W[l]), the units
(1-based within the layer), the number behind it and one thing to try:

- ``dead_relu``: ReLU units whose output is 0 for every example checked (their
  slope is 0 too, so no gradient reaches their weights again);
- ``saturated``: tanh/sigmoid units whose slope g'(Z) is below 0.01 for most
  examples (|A| near 1 for tanh, A near 0 or 1 for sigmoid);
- ``vanishing`` / ``exploding``: the ratio |dW[1]| / |dW[L]| of the gradient
  norms of the first and last layer below 1e-2 or above 1e2 (sigmoid's
  g' <= 1/4 multiplies in at every layer: Glorot & Bengio, 2010);
- ``update_ratio``: the size of one step relative to the weights,
  |ΔW[l]| / |W[l]|, far from about 1e-3 (Karpathy, CS231n "Neural Networks 3",
  babysitting the learning process): above 1e-1 the rate is too high, below
  1e-5 too low. The step is estimated from the gradient: lr |dW[l]| for SGD,
  lr |dW[l]| / (1 - 0.9) for momentum, lr sqrt(n_weights) for Adam, where
  lr is the schedule's rate now, from the settings and the epoch
  (``schedules.rate_now``: the same when the run is read back from a session);
- ``plateau``: the training loss has changed by less than 1% over the last
  window of epochs while still above a fifth of its highest value;
- ``oscillating``: the training loss goes up and down from epoch to epoch by
  more than it falls overall (learning rate too high);
- ``overfitting``: the test loss has risen by over 10% from its lowest while
  the training loss kept falling.

Findings have a ``severity``: "alarm" (something is wrong) or "note" (worth
knowing). The cost is one forward pass over at most ``layer_values.MAX_ROWS``
examples and a look at the history: no training, nothing changed.
"""

from __future__ import annotations

import math
import time
from dataclasses import asdict, dataclass, field

import numpy as np

from ..engine.norms import norm2
from ..numbers import agree, count, format_number
from .layer_values import layer_values
from .schedules import rate_epoch, rate_now, schedule_words

SATURATED_SLOPE = 0.01  # g'(Z) below this is "saturated" (the issue's threshold)
SATURATED_SHARE = 0.5  # ... for more than this share of the examples
VANISHING, EXPLODING = 1e-2, 1e2  # |dW[1]| / |dW[L]|
UPDATE_LOW, UPDATE_HIGH = 1e-5, 1e-1  # two decades either side of Karpathy's ~1e-3
PLATEAU_CHANGE = 0.01  # relative change of the training loss over the window
OVERFIT_RISE = 1.1  # test loss now / its lowest
# a rate whose steps are large enough to kill ReLUs (per optimizer; momentum's steps are ~10 times lr): with dead
# units, the small steps and the plateau they cause are answered with a lower rate, not a higher one
LARGE_RATE = {"sgd": 0.3, "momentum": 0.03, "adam": 0.01}
SATURATING = ("tanh", "sigmoid")


@dataclass(frozen=True)
class Finding:
    """One thing the diagnosis found. ``layer`` is 1-based (None for the run as a
    whole), ``units`` 1-based within it, ``value`` the number behind it."""

    kind: str
    layer: int | None
    units: list = field(default_factory=list)
    value: float = math.nan
    message: str = ""
    severity: str = "alarm"

    def to_dict(self) -> dict:
        """JSON-able: {"kind", "layer", "units", "value", "message", "severity"} (a NaN value is None)."""
        d = asdict(self)
        d["value"] = None if not math.isfinite(self.value) else float(self.value)
        return d

    @classmethod
    def from_dict(cls, d: dict) -> Finding:
        value = d.get("value")
        return cls(str(d["kind"]), None if d.get("layer") is None else int(d["layer"]),
                   [int(u) for u in d.get("units", [])], math.nan if value is None else float(value),
                   str(d.get("message", "")), str(d.get("severity", "alarm")))


def diagnose(trainer) -> list[Finding]:
    """The findings for a Trainer's run now (see the module); [] without training data."""
    net = trainer.net
    if trainer.X_train.shape[0] == 0:
        return []
    lv = layer_values(net, trainer.X_train)
    config = trainer.config  # the advice reads the run's own settings (standardise, the schedule's base rate)
    findings = _units(net, lv, config)
    findings += _gradient_flow(net)
    lr = rate_now(trainer)  # the schedule's rate from the settings and epoch: the same after a save and a read
    epoch = rate_epoch(trainer)  # (whose rate that is: the advice says what the schedule did by then)
    now = trainer.metrics()  # the losses of the weights now (edited or restored since the last epoch recorded)
    dead = [f.layer for f in findings if f.kind == "dead_relu"]
    small = _lower_rate(config, lr, dead) or _higher_rate(config, lr, epoch)  # the advice for small steps
    findings += _update_ratio(net, trainer.optimizer, lr, trainer.history, config, now["train_loss"], small)
    findings += _loss_history(trainer.history, config, small, now["test_loss"])
    return findings


def _unit_list(units) -> str:
    units = [int(u) for u in units]
    shown = ", ".join(map(str, units[:12]))
    return shown + (f" and {len(units) - 12:,} more" if len(units) > 12 else "")


def _layers(layers) -> str:
    return f"{agree(len(layers), 'layer')} {_unit_list(layers)}"


def _units(net, lv, config) -> list[Finding]:
    out = []
    for l, act in enumerate(net.activations, start=1):
        A, slope, n = lv.A[l - 1], lv.slope[l - 1], net.sizes[l]
        if act.name == "relu":
            dead = np.flatnonzero(~np.any(A != 0, axis=0)) + 1
            if dead.size:
                out.append(Finding(
                    "dead_relu", l, dead.tolist(), float(dead.size / n),
                    f"layer {l}: {dead.size} of {count(n, 'ReLU')} {agree(dead.size, 'is', 'are')} dead (output 0 for all "
                    f"{count(lv.rows, 'example')}): {agree(dead.size, 'unit')} {_unit_list(dead)}; try a lower learning rate, leaky ReLU, or He initialisation"))
        elif act.name in SATURATING:
            share = np.mean(slope < SATURATED_SLOPE, axis=0)
            sat = np.flatnonzero(share > SATURATED_SHARE) + 1
            if sat.size:
                out.append(Finding(
                    "saturated", l, sat.tolist(), float(np.max(share)),
                    f"layer {l}: {sat.size} of {count(n, act.name + ' unit')} {agree(sat.size, 'is', 'are')} saturated "
                    f"(g'(Z) < {SATURATED_SLOPE:g} for most examples): {agree(sat.size, 'unit')} {_unit_list(sat)}; try a lower learning rate, "
                    + ("" if config.standardize else "standardised inputs, ") + "or ReLU"))
    return out


def _gradient_flow(net) -> list[Finding]:
    norms = net.grad_norms()
    L = net.n_layers
    if L < 2 or not np.all(np.isfinite(norms)) or norms[-1] == 0:
        return []  # a zero output gradient is explained by training.gradient_flow
    ratio = float(norms[0] / norms[-1])
    if ratio < VANISHING:
        hidden = sorted(set(net.activation_names))
        advice = "try ReLU, fewer layers, or He/Xavier initialisation" if "sigmoid" in hidden or "tanh" in hidden \
            else "try fewer layers or a different initialisation"
        return [Finding("vanishing", 1, [], ratio,
                        f"vanishing gradient: |dW[1]| / |dW[{L}]|\u00a0=\u00a0{format_number(ratio)}, so the first layers "
                        f"barely learn; {advice}")]
    if ratio > EXPLODING:
        return [Finding("exploding", 1, [], ratio,
                        f"exploding gradient: |dW[1]| / |dW[{L}]|\u00a0=\u00a0{format_number(ratio)}; try a lower learning "
                        "rate, smaller initial weights, or gradient clipping")]
    return []


def step_sizes(net, optimizer, lr: float | None = None) -> np.ndarray:
    """|ΔW[l]| / |W[l]| per layer for a step at learning rate ``lr`` (default the
    optimizer's), estimated from the full-batch gradient (see the module), over the
    weights that train: frozen and pruned weights never step and are left out (a
    frozen layer is NaN, no step at all, not a "tiny step"); NaN where those weights
    are all 0."""
    lr = float(optimizer.lr if lr is None else lr)
    out = []
    for l, (W, dW) in enumerate(zip(net.weights, net.dW)):
        if net.masks.any:
            trains = net.masks.training_weights(l)
            W, dW = W[trains], dW[trains]
        w = norm2(W)
        if optimizer.name == "adam":
            step = lr * math.sqrt(W.size)
        else:
            step = lr * norm2(dW) / (0.1 if optimizer.name == "momentum" else 1.0)
        out.append(step / w if w > 0 else math.nan)
    return np.array(out)


def _update_ratio(net, optimizer, lr: float, history, config, loss_now, small: str) -> list[Finding]:
    with np.errstate(all="ignore"):
        ratios = step_sizes(net, optimizer, lr)
    moving = np.isfinite(ratios) & (ratios > 0)  # a layer with dW = 0 is explained by training.gradient_flow
    high = np.flatnonzero(moving & (ratios > UPDATE_HIGH)) + 1
    if high.size:
        worst = int(high[np.argmax(ratios[high - 1])])
        return [Finding("update_ratio", worst, [], float(ratios[worst - 1]),
                        f"one step changes the weights of {_layers(high)} by up to "
                        f"{format_number(float(ratios[worst - 1]))} of their size (about 0.001 is healthy); "
                        f"try a {_base(config)}learning rate ten times lower than {format_number(config.lr)}")]
    low = np.flatnonzero(moving & (ratios < UPDATE_LOW)) + 1
    still_high = len(history) > 0 and loss_now is not None and loss_now > 0.2 * history.extremes("train_loss")[1]
    if low.size and still_high:
        worst = int(low[np.argmin(ratios[low - 1])])
        return [Finding("update_ratio", worst, [], float(ratios[worst - 1]),
                        f"one step changes the weights of {_layers(low)} by as little as "
                        f"{format_number(float(ratios[worst - 1]))} of their size (about 0.001 is healthy) while "
                        f"the loss is still high: {small}", "note")]
    return []


def _base(config) -> str:
    return "base " if config.schedule != "constant" else ""


def _lower_rate(config, now: float, dead: list) -> str:
    """The advice for small steps where ReLUs are dead (layers ``dead``) at a large rate ``now``: their gradient
    is 0 at any rate, so a higher one cannot bring them back, and steps too large are what kill them; '' when
    no unit is dead or the rate is not large."""
    if not dead or now < LARGE_RATE.get(config.optimizer, math.inf):
        return ""
    return (f"try a {_base(config)}learning rate lower than {format_number(config.lr)} and Reset (the dead ReLUs of "
            f"{_layers(dead)} get no gradient at any rate; steps too large killed them)")


def _higher_rate(config, now: float, epoch: int) -> str:
    """The advice for small steps: a higher learning rate, or, where a schedule
    has the rate ``now`` below its base rate, what the schedule did (in
    ``schedules.schedule_words``: lowered, or still warming up)."""
    if config.schedule != "constant" and now < config.lr:
        what = schedule_words(config.schedule, config.lr, epoch)
        if config.schedule.startswith("warmup"):
            return f"{what}; wait for the warm-up to end, or shorten it"
        return f"{what}; for more progress try a higher base rate or a longer schedule"
    return f"try a higher learning rate than {format_number(config.lr)}"


def _window(epochs: int) -> int:
    return int(min(200, max(20, epochs // 4)))


def _loss_history(history, config, small: str, test_now) -> list[Finding]:
    """Plateau, oscillation, overfitting from the recorded losses; the test loss quoted
    is ``test_now``, the weights' now (None: the last recorded); ``small`` the advice for small steps."""
    n = len(history)
    w = _window(n - 1)
    if n < w + 1 or n - w - 1 < history.exact_start:
        return []
    train = history.column("train_loss", n - w - 1)
    test = history.column("test_loss", history.exact_start)
    if not np.all(np.isfinite(train)):
        return []
    out = []
    then, now = float(train[0]), float(train[-1])
    highest = history.extremes("train_loss")[1]
    spread = float(np.max(train) - np.min(train))
    steps = np.sign(np.diff(train))
    flips = float(np.mean(steps[1:] * steps[:-1] < 0)) if len(steps) > 1 else 0.0
    if flips > 0.4 and spread > 0.1 * abs(np.mean(train)) and spread > 2 * abs(then - now):
        out.append(Finding("oscillating", None, [], flips,
                           f"the training loss goes up and down ({format_number(100 * flips)}% of the last "
                           f"{count(w, 'epoch')} turn) without falling: try a {_base(config)}learning rate three times lower "
                           f"than {format_number(config.lr)}"))
    elif then > 0 and abs(then - now) < PLATEAU_CHANGE * then and now > 0.2 * highest:
        out.append(Finding("plateau", None, [], (then - now) / then,
                           f"the training loss has plateaued at {format_number(now)} (changed "
                           f"{format_number(100 * (then - now) / then)}% in the last {count(w, 'epoch')}): "
                           + small + "; or try "
                           + ("" if config.optimizer == "adam" else "Adam, or ") + "a wider or deeper network"))
    if test.size > w and np.any(np.isfinite(test)):
        best = int(np.nanargmin(test))
        low = float(test[best])
        t_train = history.column("train_loss", history.exact_start)
        last = float(test[-1]) if test_now is None else float(test_now)
        if (test.size - 1 - best >= w // 2 and low > 0 and last > OVERFIT_RISE * low
                and t_train[-1] < t_train[best]):
            epoch = history.exact_start + best
            out.append(Finding("overfitting", None, [], last / low,
                               f"overfitting: the test loss rose to {format_number(last)} from "
                               f"{format_number(low)} at epoch {epoch} while the training loss kept falling; try "
                               "stopping earlier, L2 regularisation, or more training data"))
    return out


def diverged_words(diverged_at: int, lr: float) -> str:
    """A diverged run said as the window's red banner says it, up to the way back (the caller's: press Reset
    in the window, train again on the command line): "Training diverged at epoch 12: ... (now 3)"."""
    return (f"Training diverged at epoch {diverged_at}: the loss stopped being a finite number. "
            f"Try a lower learning rate (now {format_number(lr)})")


def alarms(findings) -> list[Finding]:
    """The findings whose severity is "alarm"."""
    return [f for f in findings if f.severity == "alarm"]


PLAYING_SECONDS = 0.5  # while a run plays, diagnosed at most this often (the Distributions tab draws once a second)


class LiveDiagnosis:
    """``diagnose`` for live frames at a bounded cost: once per recorded epoch
    (``training.distributions.due``: every epoch up to 31, then 16 per doubling),
    not once per frame, and while the run plays (``playing``, set by the training
    loop) at most every PLAYING_SECONDS: the Distributions tab, which shows the
    findings, draws at most once a second, and a diagnosis per record cost the
    training process 0.6-1 ms up to 60 times a second early in a run of case B
    (issue 20). Between diagnoses the last findings are handed out again, unless
    the run stands still (the same epoch as the previous call) and its weights
    changed since the diagnosis: an edit while paused is diagnosed at once, as is
    a pause, a new run or a divergence."""

    def __init__(self, clock=time.perf_counter):
        self._key: tuple | None = None
        self._params: np.ndarray | None = None
        self._epoch: int | None = None
        self._findings: tuple = ()
        self._when = -math.inf  # (clock) of the last diagnosis
        self._clock = clock
        self.playing = False  # set by the training loop for each frame: the run plays
        self.diagnosed = 0  # how many times it diagnosed (tests read it)

    def findings(self, trainer) -> tuple:
        """The findings (a tuple of ``Finding``) for ``trainer``'s run now, diagnosed anew only when due."""
        key = (trainer.run_id, trainer.distributions.recorded, trainer.diverged_at)
        params = trainer.net.params
        standing = trainer.epoch == self._epoch
        self._epoch = trainer.epoch
        if key == self._key and not (standing and not np.array_equal(params, self._params)):
            return self._findings
        now = self._clock()
        if (self.playing and not standing and self._key is not None and key[::2] == self._key[::2]
                and now - self._when < PLAYING_SECONDS):  # only records since, playing: due within half a second
            return self._findings
        self._key, self._params, self._when = key, params.copy(), now
        self._findings = tuple(diagnose(trainer))
        self.diagnosed += 1
        return self._findings
