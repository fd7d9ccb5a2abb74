"""A playing frame's pictures made by the window's process, not the training process (issue 20).

While a run plays, a frame's output grid (``live_grid.LIVE_GRID`` cells a side) and the
neurons' thumbnails come from one forward pass over the grid (``probes.output_and_neurons``):
on case B (six tanh layers of 8) 0.55-0.59 ms of CPU, about half of what a frame cost the
training process, which trains on one core while the window's process used under half of
the other. So the training process sends, in place of those pictures, what they are
computed from that the frame does not already carry: a ``PictureJob`` (the network's shape,
its pruned neurons and weights, the grid's points, the inputs' own thumbnails; made once,
sent whole once, then named by the frames after it until one of them changes: ``SentJob``);
the frame's own weights are the parameters.
The window's relay thread (``ui.worker``, off the GUI thread) computes them with
``LivePictures.finish`` before the frame reaches any view, by the same code
(``picture_net.PictureNetwork``: the float32 twin, its margin recheck in the run's own
dtype), so every picture is the one the training process would have sent, to the last
bit, and is of the weights that frame's curves and diagram show. Paused, stepped, a focus
neuron, an export's grid, and a loop in a thread (no pipe) compute them where they did.
"""

from __future__ import annotations

import itertools
import os
from dataclasses import dataclass

import numpy as np

from ..engine.mlp import MLP
from .packed_arrays import copies
from .picture_net import PictureNetwork
from .pictures import predicted_classes, undefined_as_nan


@dataclass(frozen=True, eq=False)
class PictureJob:
    """What a frame's output grid and thumbnails are computed from, besides its weights and
    biases: ``sizes``, ``activations``, ``loss`` and ``dtype`` of the run's network;
    ``pruned`` (``ParameterMasks.state()``'s "pruned" vector and "neurons", or None when
    nothing is pruned: a pruned neuron or weight changes the function); ``points``, the
    grid's inputs (res^2, n[0]) in the run's dtype, row-major; ``resolution`` (res) and
    ``step`` (the thumbnails are every step-th point of each row and column); ``inputs``,
    layer 0's thumbnails (k, k, min(n[0], THUMBNAILS_PER_LAYER)); ``classify``: the grid
    has classes (a classification run); ``thumbnails``: neurons kept per layer; ``serial``:
    (process id, number), which job this is (``SentJob``)."""

    sizes: tuple
    activations: tuple
    loss: str
    dtype: str
    pruned: tuple | None
    points: np.ndarray
    resolution: int
    step: int
    inputs: np.ndarray
    classify: bool
    thumbnails: int
    serial: tuple = ()

    def __reduce__(self):
        """Pickled as its fields, its two arrays (``points``, ``inputs``) as bytes made once (a job
        is sent unchanged frame after frame: its 45 kB then cost the frame one copy, not numpy's
        reduce of each array), read back as read-only views of them."""
        reduced = self.__dict__.get("_reduced")
        if reduced is None:
            values = tuple(getattr(self, name) for name in self.__dataclass_fields__)
            arrays = tuple((a.tobytes(), a.dtype.str, a.shape) for a in (self.points, self.inputs))
            reduced = (tuple(v for v in values if not isinstance(v, np.ndarray)), arrays)
            object.__setattr__(self, "_reduced", reduced)
        return _job_from, reduced


def _job_from(values: tuple, arrays: tuple) -> PictureJob:
    """A PictureJob again from ``PictureJob.__reduce__``'s fields and arrays' bytes."""
    points, inputs = (np.frombuffer(data, dtype).reshape(shape) for data, dtype, shape in arrays)
    sizes, activations, loss, dtype, pruned, resolution, step, classify, thumbnails, serial = values
    return PictureJob(sizes, activations, loss, dtype, pruned, points, resolution, step, inputs, classify, thumbnails,
                      serial)


_SERIALS = itertools.count(1)


@dataclass(frozen=True)
class SentJob:
    """In a frame's ``picture_job`` in place of a ``PictureJob`` the frames before it on the same pipe
    carried already (``serial``: that job's). A job is the same frame after frame until the network,
    its pruning or the grid changes; sent whole each time, its grid's points and the inputs'
    thumbnails were 45-66 kB of a 2 kB frame, pickled, written and read 60 times a second (issue 20).
    The training loop sends each job whole once (``TrainingLoop._emit_frame``); the relay thread's
    ``LivePictures``, which receives every frame of its pipe in order, keeps the last."""

    serial: tuple


def picture_job(t, resolution: int, neurons: int, axes: tuple, thumbnails: int) -> PictureJob | None:
    """The ``PictureJob`` of Trainer ``t``'s live grid and thumbnails (``neurons`` a side)
    on inputs ``axes``; None when the thumbnails' points are not the grid's (see
    ``probes.output_and_neurons``). Made again only when the network, its masks, the
    grid's points or its task change (every frame asks)."""
    step, rest = divmod(resolution - 1, max(1, neurons - 1))
    if neurons < 2 or step < 1 or rest:
        return None
    net, probes = t.net, t.probes
    points = probes.grid_points(resolution, axes)
    inputs = probes.input_thumbnails(neurons, axes, thumbnails)
    same, alike = (net, points, inputs), (net.masks.version, step, t.loss_name, t.data.task, thumbnails)
    kept = getattr(probes, "_picture_job", None)
    if kept is not None and all(a is b for a, b in zip(kept[0], same)) and kept[1] == alike:
        return kept[2]
    from ..data import CLASSIFICATION

    m = net.masks
    pruned = (m.pruned.copy(), tuple(n.copy() for n in m.neurons)) if m.dead.any() else None
    job = PictureJob(tuple(net.sizes), tuple(net.activation_names), t.loss_name, net.dtype.name, pruned, points,
                     resolution, step, inputs, t.data.task == CLASSIFICATION, thumbnails, (os.getpid(), next(_SERIALS)))
    probes._picture_job = (same, alike, job)
    return job


class LivePictures:
    """The receiving side: ``finish`` fills a frame's pictures from its ``PictureJob``.
    One per stream of frames (the relay thread's): it keeps the network the last job
    described, with its float32 twin, and the last grid's points."""

    def __init__(self):
        self._net = None
        self._described = None  # the job self._net was built from
        self._points = None
        self._job = None  # the last PictureJob received whole (a SentJob names it)
        self._pictures = PictureNetwork()

    def _network(self, job: PictureJob) -> MLP:
        """An engine MLP as ``job`` describes it (weights not yet set); built again only when
        the description changes."""
        if self._described is not None and _same_network(self._described, job):
            return self._net
        net = MLP(list(job.sizes), list(job.activations), job.loss, dtype=job.dtype)
        if job.pruned is not None:
            pruned, neurons = job.pruned
            net.masks.load_state({"frozen": np.zeros_like(pruned), "pruned": pruned, "neurons": list(neurons)})
        self._net, self._described = net, job
        return net

    def _grid_points(self, points: np.ndarray) -> np.ndarray:
        """``points``, or the equal array of the last frame (so the twin's float32 copy of them,
        checked once, is kept: ``PictureNetwork._float32``)."""
        kept = self._points
        if kept is not None and kept.shape == points.shape and kept.dtype == points.dtype \
                and np.array_equal(kept, points, equal_nan=True):
            return kept
        self._points = points
        return points

    def received(self, job):
        """The PictureJob a frame's ``picture_job`` stands for: itself, kept for the frames after it,
        or for a ``SentJob`` the one kept; ValueError naming the job when it was never received."""
        if not isinstance(job, SentJob):
            self._job = job
            return job
        if self._job is None or self._job.serial != job.serial:
            raise ValueError(f"a frame named picture job {job.serial} of the training process, never received")
        return self._job

    def finish(self, snap) -> None:
        """Fill Snapshot ``snap``'s grid, grid_classes and neurons from its ``picture_job``
        (a ``SentJob``: the last job received) and its weights and biases, as
        ``snapshot.take_snapshot`` would have (the same numbers, dtypes and shapes;
        read-only), and clear the job. A snapshot without a job is left as it is."""
        if snap.picture_job is None:
            return
        job = self.received(snap.picture_job)
        net = self._network(job)
        for W, b, W_now, b_now in zip(net.weights, net.biases, snap.weights, snap.biases):
            W[...] = W_now
            b[...] = b_now
        res = job.resolution
        with np.errstate(all="ignore"):
            out, hidden = self._pictures.forward_and_subgrid(net, self._grid_points(job.points), job.loss, res,
                                                             job.step)
        for name, value in picture_fields(out, hidden, job).items():
            object.__setattr__(snap, name, value)
        object.__setattr__(snap, "picture_job", None)


def picture_fields(out: np.ndarray, hidden: list, job: PictureJob) -> dict:
    """The Snapshot's grid, grid_classes and neurons from the shared pass's outputs ``out``
    (res^2, n[L]) and hidden layers' subgrids ``hidden`` (``PictureNetwork.forward_and_subgrid``)."""
    grid, classes, parts = shared_pictures(out, hidden, job.resolution, job.loss, job.classify, job.thumbnails)
    neurons = [job.inputs]
    for buffer, start, stop, shape, _ in parts:
        buffer.flags.writeable = False
        neurons.append(buffer[start:stop].reshape(shape))
    return {"grid": grid, "grid_classes": classes, "neurons": tuple(neurons)}


def grid_pictures(out: np.ndarray, res: int, loss: str, classify: bool) -> tuple:
    """(grid, grid_classes) of a Snapshot from the network's outputs ``out`` over a res x res grid
    ((res^2, n[L]) or (res, res[, n[L]])): the outputs (res, res) or (res, res, n[L]), NaN where
    undefined, and for a classification (``classify``) each cell's class, read-only (else None)."""
    flat = out.reshape(res * res, -1)
    grid = flat.reshape(res, res, flat.shape[1]) if flat.shape[1] > 1 else flat.reshape(res, res)
    classes = None
    if classify:
        classes = predicted_classes(flat, loss).reshape(res, res)
        classes.flags.writeable = False
    return undefined_as_nan(grid), classes


def shared_pictures(out: np.ndarray, hidden: list, res: int, loss: str, classify: bool, thumbnails: int) -> tuple:
    """(grid, grid_classes, neuron parts) from one shared forward pass (``output_and_neurons``,
    ``PictureNetwork.forward_and_subgrid``): ``grid_pictures`` of ``out`` and the hidden layers'
    subgrids ``hidden``, ``thumbnails`` neurons of each, as ``packed_arrays.copies`` parts (the pass's
    own buffer where it is one, one layer after another). The one place both the training process's
    snapshot (``take_snapshot``) and the relay thread's (``picture_fields``) make these pictures."""
    grid, classes = grid_pictures(out, res, loss, classify)
    layers = [a[:, :, :thumbnails] for a in hidden]
    return grid, classes, copies(layers, np.result_type(*layers, np.float32), hidden[0].base)


def _same_network(a: PictureJob, b: PictureJob) -> bool:
    """Whether jobs ``a`` and ``b`` describe the same network (shape, activations, loss, dtype, pruning)."""
    if (a.sizes, a.activations, a.loss, a.dtype) != (b.sizes, b.activations, b.loss, b.dtype):
        return False
    if a.pruned is None or b.pruned is None:
        return a.pruned is b.pruned
    return np.array_equal(a.pruned[0], b.pruned[0]) and all(np.array_equal(x, y) for x, y in zip(a.pruned[1],
                                                                                                 b.pruned[1]))
