"""What a run hands its views: ``RunInfo`` (fixed for the run) and ``Snapshot``
(a read-only picture of the run now, with the probes a ``ViewRequest`` asks
for), taken from a Trainer by ``take_snapshot``. Every array is a copy."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..data import CLASSIFICATION, Dataset
from .config import TrainConfig
from .gradient_flow import zero_gradient_notes
from .packed_arrays import Packing, columns, copies, pickled_buffers, some_dW_all_zero, unpacked, whole, zero_weights
from .live_grid import SCREEN_GRID
from .live_pictures import grid_pictures, picture_job, shared_pictures
from .pictures import undefined_as_nan


# The diagram draws at most this many neurons of a layer (ui/diagram_bounds.py): a 3,000-column CSV's
# thumbnails are not computed into every frame (24x24x3000 float64 was 14 MB a frame).
THUMBNAILS_PER_LAYER = 24


@dataclass(frozen=True)
class Snapshot:
    """A read-only picture of a run for the views. Arrays are copies."""

    run_id: int
    epoch: int
    train_loss: float  # data losses J_data, without the penalty
    test_loss: float
    train_accuracy: float | None
    test_accuracy: float | None
    diverged_at: int | None
    history_start: int  # history arrays hold epochs history_start .. epoch (index 0 is epoch 0)
    history: dict  # History FIELDS -> exact values of the new epochs (an increment to add to a copy)
    weights: tuple
    biases: tuple
    dW: tuple
    db: tuple
    grad_norms: np.ndarray
    grad_norm_history: np.ndarray  # (epochs since history_start, layers): |dW[l]| at the end of each epoch
    grid: np.ndarray | None  # network output over the domain (see Probes.grid_output), or the focus neuron's; NaN: undefined
    grid_extent: tuple | None  # ((x1_min, x1_max), (x2_min, x2_max))
    focus: tuple | None = None  # (layer, index) whose output ``grid`` holds; None for the network's output
    # per layer 0..L, (res, res, min(n[l], THUMBNAILS_PER_LAYER)) activations over the domain (layer 0: inputs)
    neurons: tuple | None = None
    quality: dict | None = None  # Probes.quality(): confusion matrix, precision/recall, or RMSE and R^2
    hidden_space: dict | None = None  # Probes.hidden_space(layer), when asked for
    trace: object | None = None  # BackpropTrace of the next mini-batch, when asked for
    batch_position: tuple = (0, 1)  # (batches of the current epoch done, batches per epoch)
    penalty: float = 0.0  # l1 sum|W| + (l2/2) sum W^2; the objective J is a data loss plus this
    zero_weights: tuple = (0, 0)  # (weights exactly 0, all weights): what L1 has switched off
    grid_classes: np.ndarray | None = None  # (res, res) predicted class per grid cell, -1 undefined (classes only)
    # a class grid finer than the screen's (an export's, a cell per output pixel: Probes.class_cells): each cell's
    # confidence, (res, res) float32, in place of ``grid`` (None then): its k outputs a cell are not sent
    grid_confidence: np.ndarray | None = None
    gradient_notes: tuple = ()  # why each all-zero dW[l] is zero, in words (see training.gradient_flow)
    # History.state() of the whole run up to history_start, when the increments alone would not
    # do (the view asked for epochs no longer kept exactly): the receiver replaces its copy first
    history_base: dict | None = None
    grad_norm_base: dict | None = None
    # frozen and pruned parameters (issue 17; Trainer.mask_fields): per layer, boolean arrays shaped like
    # W[l], b[l] (pruned_neurons: (n[l],)); None when nothing is frozen / pruned
    frozen_W: tuple | None = None
    frozen_b: tuple | None = None
    pruned_W: tuple | None = None
    pruned_neurons: tuple | None = None
    health: tuple = ()  # health.Finding's of the run now, when asked for (ViewRequest.distributions)
    distributions: dict | None = None  # Distributions.state() when asked for and changed since the last frame
    # within an epoch while playing on a large part: the losses and accuracies are of a fixed sample of this
    # many training rows (current_weights.SAMPLE_ROWS); 0 when they are of the whole part
    sampled_rows: int = 0
    # with sampled_rows, the mini-batch of the epoch those losses, accuracies and dW, db were measured at (up to
    # current_weights.MEASURE_SECONDS before this frame's pictures, which are of its weights now)
    measured_batch: int = 0
    # a frame for the pipe while playing: what its grid, grid_classes and neurons are computed from by the
    # window's process (live_pictures.PictureJob; LivePictures.finish fills them and sets this to None)
    picture_job: object | None = None
    # the two inputs ``grid``, ``neurons`` and ``hidden_space`` span (indices into the data's inputs, the others
    # held at their training means): a view draws them only on its own plane (a view of another pair, e.g.
    # Compare's run B on c-d while its run drew a-b, showed a picture of another plane under its axes' titles)
    grid_axes: tuple | None = None

    def __reduce_ex__(self, protocol):
        """Pickled with the arrays ``take_snapshot`` made as views of a few buffers (the
        parameters, the gradients, the thumbnails, the history rows, the output grid) as
        those buffers and where each array lies in them (``packed_arrays``; from protocol 5
        each buffer's bytes written straight from it, and read back without a copy); any
        other Snapshot field by field."""
        fields = dict(vars(self))
        packing = fields.pop("_packing", None)
        if packing is None:
            return _snapshot_from, (fields, [], [])
        for name, _, _ in packing.entries:
            del fields[name]
        return _snapshot_from, (fields, pickled_buffers(packing.buffers, protocol), packing.entries)


def _snapshot_from(rest: dict, buffers, entries) -> Snapshot:
    """A pickled Snapshot again (``Snapshot.__reduce_ex__``), its fields set as pickle sets
    any object's (not through ``__init__``, which sets a frozen dataclass's one by one)."""
    snap = object.__new__(Snapshot)
    snap.__dict__.update(unpacked(rest, buffers, entries))
    return snap


@dataclass(frozen=True)
class RunInfo:
    """What stays fixed during a run: the data as split and the network's shape."""

    run_id: int
    data: Dataset
    train_index: np.ndarray
    test_index: np.ndarray
    sizes: tuple  # layer widths, inputs first
    input_names: tuple  # names of the network's inputs (features)
    activations: tuple
    loss: str
    extent: tuple  # ((x1_min, x1_max), (x2_min, x2_max)) of the default view
    config: TrainConfig
    notes: tuple = ()  # sentences for the user about the start of this run (training.carried_edits)


def frozen(a: np.ndarray) -> np.ndarray:
    """A read-only copy of ``a``."""
    a = np.array(a, copy=True)
    a.flags.writeable = False
    return a


def take_snapshot(t, request, history_from: int = 0, for_pipe: bool = False) -> Snapshot:
    """Copies of everything a view of Trainer ``t`` needs, with the probes
    ``request`` (a ``probes.ViewRequest``) asks for. ``history_from`` limits the
    history arrays to epochs from that index on (the increment since the view's
    last snapshot); epochs no longer kept exactly send the whole bounded record
    as ``history_base``. ``focus`` out of range falls back to the network's output, and ``axes``
    naming inputs the data does not have (another data set's plane) to inputs (0, 1).
    ``for_pipe``: a snapshot only to be pickled (the training process's frame): its
    packed arrays (weights, gradients, pictures, history rows) are None in it and made
    when it is unpickled, as they are in any case (``Packing``)."""
    r, net, probes = request, t.net, t.probes
    packing = Packing(views=not for_pipe)
    m, axes, focus = t.metrics(), tuple(r.axes), r.focus
    if any(a >= t.data.n_inputs for a in axes[: 2 if t.data.n_inputs > 1 else 1]):
        axes = (0, 1)  # the plane of another data set's inputs (asked before the view saw the new run): its default
    grid = extent = grid_classes = confidence = None
    if focus is not None and not (0 <= focus[0] <= net.n_layers and 0 <= focus[1] < net.sizes[focus[0]]):
        focus = None
    res, n = r.grid_resolution, r.neuron_resolution
    # a frame for the pipe: the live grid and the thumbnails made by the window's process (live_pictures)
    job = picture_job(t, res, n, axes, THUMBNAILS_PER_LAYER) if for_pipe and res and n and focus is None else None
    # the live grid and the thumbnails from one forward pass, where the thumbnails' points are the grid's
    shared = probes.output_and_neurons(res, n, axes) if res and n and focus is None and job is None else None
    classify, parts = t.data.task == CLASSIFICATION, None
    if shared:  # (made as the relay thread makes a playing frame's: live_pictures.shared_pictures)
        grid, grid_classes, parts = shared_pictures(*shared, res, t.loss_name, classify, THUMBNAILS_PER_LAYER)
    elif res and job is None:
        if focus is None and classify and res > SCREEN_GRID:  # an export's: its classes, not k outputs a cell
            grid_classes, confidence = probes.class_cells(res, axes)
            grid_classes.flags.writeable = False
        elif focus is None:
            grid, grid_classes = grid_pictures(probes.grid_output(res, axes), res, t.loss_name, classify)
        else:
            grid = undefined_as_nan(probes.neuron_output(focus[0], focus[1], res, axes))
    if res:
        extent = probes.grid_extent(axes)
    neurons = None
    if n and job is None:
        if parts is None:  # the layers' thumbnails in one buffer (float32, or the network's dtype: undefined_as_nan's)
            layers = [a[:, :, :THUMBNAILS_PER_LAYER] for a in probes.neuron_grids(n, axes)]
            parts = copies(layers, np.result_type(*layers, np.float32))
        neurons = packing.views("neurons", [whole(probes.input_thumbnails(n, axes, THUMBNAILS_PER_LAYER)), *parts])
    start = min(max(0, history_from), len(t.history))
    base = norm_base = None
    if start < t.history.exact_start:  # those epochs are summarised: send the whole (bounded) record
        start = len(t.history)
        base, norm_base = t.history.state(), t.grad_norm_history.state()
    hidden, sample = r.hidden_layer, sampled_rows(t)
    layers = packing.layers(net)
    snap = Snapshot(
        run_id=t.run_id, epoch=t.epoch,
        train_loss=math.nan if m["train_loss"] is None else m["train_loss"],
        test_loss=math.nan if m["test_loss"] is None else m["test_loss"],
        train_accuracy=m["train_accuracy"], test_accuracy=m["test_accuracy"], diverged_at=t.diverged_at,
        history_start=start, history=packing.views("history", columns(t.history.rows_since(start)), t.history.names),
        **layers,
        grad_norms=packing.array("grad_norms", net.grad_norms()),
        grad_norm_history=packing.array("grad_norm_history", t.grad_norm_history.rows_since(start)),
        grid=packing.array("grid", grid), grid_extent=extent, focus=focus, neurons=neurons,
        quality=probes.quality() if r.quality else None,
        hidden_space=probes.hidden_space(hidden, axes=axes) if hidden is not None and
        1 <= hidden < net.n_layers else None,
        trace=t.trace_next_batch() if r.trace and not t.diverged else None,
        batch_position=t.batch_position, penalty=math.nan if m["penalty"] is None else m["penalty"],
        zero_weights=zero_weights(net, packing.params), grid_classes=packing.array("grid_classes", grid_classes),
        grid_confidence=packing.array("grid_confidence", confidence),
        gradient_notes=zero_gradient_notes(net, t.X_train, t.Y_train, net.dW)
        if some_dW_all_zero(net, packing.grads) else (),
        history_base=base, grad_norm_base=norm_base, **t.mask_fields(),
        health=t.live_health.findings(t) if r.distributions else (),
        distributions=t.distributions.for_view(t.run_id) if r.distributions else t.distributions.resend(),
        sampled_rows=sample, measured_batch=t.measured_batch if sample else 0, picture_job=job,
        grid_axes=tuple(int(a) for a in axes),
    )
    object.__setattr__(snap, "_packing", packing)  # (how it is pickled: Snapshot.__reduce__)
    return snap


def sampled_rows(t) -> int:
    """The training rows Trainer ``t``'s current losses were measured on, when a sample (else 0)."""
    if not t.measure_sample or t.batch_position[0] == 0 or t.diverged:
        return 0
    return t.measured_rows if t.measured_rows < t.X_train.shape[0] else 0


def run_info(t) -> RunInfo:
    """What stays fixed during Trainer ``t``'s run."""
    return RunInfo(
        run_id=t.run_id, data=t.data, train_index=frozen(t.train_index), test_index=frozen(t.test_index),
        sizes=tuple(t.net.sizes), input_names=tuple(t.input_feature_names),
        activations=tuple(t.net.activation_names), loss=t.loss_name, extent=t.probes.grid_extent(), config=t.config,
        notes=tuple(getattr(t, "run_notes", ())),
    )
