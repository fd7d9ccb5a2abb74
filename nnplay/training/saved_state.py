"""A run's state as saved and restored: the Trainer's weights, optimizer state,
generator, history and position within an epoch (``Trainer.state_dict`` and
``load_state_dict``; training.session writes it to a file)."""

from __future__ import annotations

import numpy as np

from ..numbers import count
from .distributions import Distributions
from .envelope import PartError
from .history import saved_history
from .landscape import Trajectory

JSON_PARTS = ("names", "config", "n", "top_bucket", "top_end")  # a saved history's fields in session.json


def run_state(t) -> dict:
    """Everything needed to go on exactly where Trainer ``t``'s run is: arrays
    and JSON-able scalars (see training.session for the file format)."""
    return {
        "epoch": t.epoch,
        "diverged_at": t.diverged_at,
        "params": t.net.params_in_rows(),
        "history": t.history.state(),
        "grad_norms": t.grad_norm_history.state(),
        "distributions": t.distributions.state(),
        "optimizer_t": t.optimizer.t,
        "optimizer": {k: t.net.params_in_rows(v) for k, v in t.optimizer.state().items()},
        "rng": t.rng.bit_generator.state,
        "batch_order": None if t._batch_order is None else t._batch_order.copy(),
        "batch_at": t._batch_at,
        "masks": saved_masks(t.net),
        "trajectory": t.trajectory.state(t.net.params_in_rows),
    }


def saved_masks(net) -> dict:
    """The frozen and pruned parameters (engine.masks) as saved: ``frozen`` and
    ``pruned`` bool vectors in file order (like ``params``), ``neurons`` the
    pruned hidden neurons of every hidden layer one after the other."""
    m = net.masks.state()
    neurons = np.concatenate(m["neurons"]) if m["neurons"] else np.zeros(0, bool)
    return {"frozen": net.params_in_rows(m["frozen"]), "pruned": net.params_in_rows(m["pruned"]), "neurons": neurons}


def _loaded_masks(net, saved: dict) -> dict:
    """The inverse of ``saved_masks``; ValueError when the shapes do not fit."""
    neurons = np.asarray(saved["neurons"])
    hidden = net.sizes[1:-1]
    if neurons.shape != (sum(hidden),) or any(np.asarray(saved[k]).dtype != bool for k in saved):
        raise ValueError("masks_neurons.npy (the pruned neurons) does not fit the network of config in "
                         f"session.json ({sum(hidden):,} hidden neurons), or the masks are not true/false")
    return {"frozen": _rows(net, saved["frozen"], "masks_frozen.npy (the frozen weights)"),
            "pruned": _rows(net, saved["pruned"], "masks_pruned.npy (the pruned weights)"),
            "neurons": np.split(neurons, np.cumsum(hidden)[:-1]) if hidden else []}


def _rows(net, saved, what: str):
    """``net.params_from_rows(saved)``; its ValueError names the saved array ``what``."""
    try:
        return net.params_from_rows(np.asarray(saved))
    except ValueError as exc:
        raise ValueError(f"{what}: {exc}") from None


def restore_run_state(t, state: dict) -> None:
    """Put ``state`` (a ``run_state``) into Trainer ``t``: weights, optimizer,
    generator, history, epoch and position within it; ValueError (and nothing
    changed) if it does not fit t's network and data, or lacks a part (a session
    file with an array taken out: "history_exact.npy (the saved curves) is missing"). The
    network's gradients are left to the caller."""
    try:
        _restore(t, state)
    except KeyError as exc:
        raise ValueError(f"the saved run lacks its part {exc.args[0]!r}") from None


def _part(what: str, read, key: str):
    """``read()``, a missing key of it named as a missing part of the saved ``what``, and a part
    that does not fit the others (``PartError``) by its place in a session: the field
    ``run.KEY.PART`` of session.json, or the array ``KEY_PART.npy``."""
    try:
        return read()
    except KeyError as exc:  # named by its place ("the saved curves lack their part 'n'" named none: tester 22)
        part = exc.args[0]
        place = f"run.{key}.{part} in session.json" if part in JSON_PARTS else f"{key}_{part}.npy"
        raise ValueError(f"{place} (the saved {what}) is missing") from None
    except (TypeError, AttributeError):  # (a text where a table was: a traceback before)
        raise ValueError(f"run.{key} in session.json (the saved {what}): a part holds the wrong kind of value") from None
    except PartError as exc:
        place = f"run.{key}.{exc.part} in session.json" if exc.part in JSON_PARTS else f"{key}_{exc.part}.npy"
        raise ValueError(f"{place} (the saved {what}): {exc.what}") from None


def _restore(t, state: dict) -> None:
    params = np.asarray(state["params"])
    epoch = int(state["epoch"])
    if epoch < 0:
        raise ValueError(f"the saved epoch is {epoch}; it must be 0 or more")
    if params.shape != t.net.params.shape:
        raise ValueError(f"params.npy (the weights) holds {count(params.size, 'number')}; the network of "
                         f"config in session.json has {t.net.params.size:,} (layers {'-'.join(map(str, t.net.sizes))})")
    history = _part("curves", lambda: saved_history(state["history"], t.history.names, epoch), "history")
    norms = _part("gradient norms", lambda: saved_history(state["grad_norms"], t.grad_norm_history.names, epoch),
                  "grad_norms")
    trajectory = Trajectory(params.size, t.trajectory.max_points)
    try:
        trajectory.restore(state.get("trajectory"), t.net.params_from_rows)  # (in file order, like params)
    except ValueError as exc:
        raise ValueError(f"trajectory_points.npy and trajectory_epochs.npy (the weights' path): {exc}") from None
    distributions = Distributions(t.net.n_layers)  # none in sessions saved before they were recorded
    if state.get("distributions") is not None:
        _part("distributions", lambda: distributions.load_state(state["distributions"]), "distributions")
    if not np.all(np.isfinite(params)):
        bad = params.size - int(np.count_nonzero(np.isfinite(params)))
        raise ValueError(f"params.npy (the weights) holds {count(bad, 'value')} that "
                         f"{'is not a finite number' if bad == 1 else 'are not finite numbers'}")
    order, at = state.get("batch_order"), int(state.get("batch_at", 0))
    if order is not None:
        order = np.asarray(order)
        m = t.X_train.shape[0]
        if order.shape != (m,) or not np.array_equal(np.sort(order), np.arange(m)) or not 0 <= at < m:
            raise ValueError(f"batch_order.npy and run.batch_at in session.json (the position within an epoch): "
                             f"not an order of the {m:,} training examples and a place in it")
    rng = np.random.default_rng()
    rng.bit_generator.state = state["rng"]
    masks = None if state.get("masks") is None else _loaded_masks(t.net, state["masks"])
    opt_state = {k: _rows(t.net, v, f"optimizer_{k}.npy (the optimizer's {k})")
                 for k, v in state.get("optimizer", {}).items()}
    t.optimizer.reset()
    t.optimizer.restore(state.get("optimizer_t", 0), opt_state)
    if masks is not None:  # older states have none: the config's frozen layers stay as set
        t.net.masks.load_state(masks)
    t.net.params[...] = t.net.params_from_rows(params)
    t.history, t.grad_norm_history = history, norms
    t.trajectory = trajectory
    if not len(trajectory):  # a session from before trajectories were saved: the path starts here
        trajectory.record(epoch, t.net.params)
    t.distributions = distributions
    t.epoch = epoch
    t.diverged_at = None if state.get("diverged_at") is None else int(state["diverged_at"])
    t.rng = rng
    t._batch_order, t._batch_at = (None, 0) if order is None else (order.astype(np.intp), at)
    t._last_good[...] = t.net.params
