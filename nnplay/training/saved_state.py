"""A run's state as saved and restored: the Trainer's weights, optimizer state,
generator, history and position within an epoch (``Trainer.state_dict`` and
``load_state_dict``; training.session writes it to a file)."""

from __future__ import annotations

import numpy as np

from ..numbers import count
from .distributions import Distributions
from .history import saved_history
from .landscape import Trajectory


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
        raise ValueError("the saved frozen/pruned masks do not fit this network")
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
    file with an array taken out: "the saved curves lack their part 'exact'"). The
    network's gradients are left to the caller."""
    try:
        _restore(t, state)
    except KeyError as exc:
        raise ValueError(f"the saved run lacks its part {exc.args[0]!r}") from None


def _part(what: str, read):
    """``read()``, a missing key of it named as a missing part of the saved ``what``."""
    try:
        return read()
    except KeyError as exc:
        raise ValueError(f"the saved {what} lack their part {exc.args[0]!r}") from None


def _restore(t, state: dict) -> None:
    params = np.asarray(state["params"])
    epoch = int(state["epoch"])
    if epoch < 0:
        raise ValueError(f"the saved epoch is {epoch}; it must be 0 or more")
    if params.shape != t.net.params.shape:
        raise ValueError(f"the saved weights ({count(params.size, 'number')}) do not fit this network "
                         f"({t.net.params.size})")
    history = _part("curves", lambda: saved_history(state["history"], t.history.names, epoch))
    norms = _part("gradient norms", lambda: saved_history(state["grad_norms"], t.grad_norm_history.names, epoch))
    trajectory = Trajectory(params.size, t.trajectory.max_points)
    trajectory.restore(state.get("trajectory"), t.net.params_from_rows)  # (in file order, like params)
    distributions = Distributions(t.net.n_layers)  # none in sessions saved before they were recorded
    if state.get("distributions") is not None:
        _part("distributions", lambda: distributions.load_state(state["distributions"]))
    if not np.all(np.isfinite(params)):
        raise ValueError("the saved weights hold non-finite numbers")
    order, at = state.get("batch_order"), int(state.get("batch_at", 0))
    if order is not None:
        order = np.asarray(order)
        m = t.X_train.shape[0]
        if order.shape != (m,) or not np.array_equal(np.sort(order), np.arange(m)) or not 0 <= at < m:
            raise ValueError("the saved position within an epoch does not fit the training data")
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
