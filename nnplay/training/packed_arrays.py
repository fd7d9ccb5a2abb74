"""A frame's many small arrays as views of a few buffers, and pickled as such (issue 20).

A playing frame of case B held some fifty arrays: the weights, biases and both
gradients of seven layers (28 copies of parts of the network's one parameter
vector and one gradient vector, where the engine keeps them as contiguous
ranges), eight thumbnails, seven history columns. Each array cost the training
process a copy and, pickled, numpy's reduce (its dtype, shape, a bytes object)
whatever its size (a few hundred bytes here). A ``Packing`` makes such arrays
read-only views of a few 1-D buffers (one copy of the parameter vector, one of
the gradient vector, one buffer of the layers' thumbnails, one of the history's
new rows) and records where each lies as it makes them, so that the snapshot is
pickled as those buffers and, per array, its range, shape and order
(``Snapshot.__reduce__``); ``unpacked`` gives the same arrays (dtype, shape,
values, read-only) on the other side, each one slice and one reshape.
"""

from __future__ import annotations

import weakref
from pickle import PickleBuffer  # (only the buffer wrapper: frames are read by the window's Connection.recv)

import numpy as np

ONE = "one array"  # ``Packing.views``' keys for a field that is one array (not a tuple or dict of them)


class Packing:
    """The buffers of a snapshot's packed fields and where their arrays lie in them:
    ``buffers`` (read-only 1-D arrays) and ``entries``, per field (name, dict keys, None for a
    tuple or ONE for one array, [(buffer index, start, stop, shape, order)]): each array is
    ``buffers[i][start:stop].reshape(shape, order=order)``."""

    def __init__(self, views: bool = True):
        """``views`` False: ``views`` records where each array lies and returns None (for a
        snapshot only sent down a pipe: its arrays are made on the receiving side alone,
        ``unpacked``, not first on the sending side too: some fifty views a frame of case B)."""
        self.buffers: list = []
        self.entries: list = []
        self._index: dict = {}  # id(buffer) -> its index in buffers (which keeps it alive)
        self._views = views

    def views(self, name: str, parts, keys=None):
        """The tuple (or, with ``keys``, dict) of read-only views at ``parts`` ((1-D buffer,
        start, stop, shape, order) each: ``buffer[start:stop].reshape(shape, order=order)``),
        recorded as field ``name``; None when made without views."""
        places, index = [], self._index
        for buffer, start, stop, shape, order in parts:
            i = index.get(id(buffer))
            if i is None:
                i = index[id(buffer)] = len(self.buffers)
                buffer.flags.writeable = False
                self.buffers.append(buffer)
            places.append((i, start, stop, shape, order))
        self.entries.append((name, keys, places))
        return _arrays(self.buffers, keys, places) if self._views else None

    def array(self, name: str, a: np.ndarray | None) -> np.ndarray | None:
        """``a`` (None: None) as a read-only view of itself, recorded as field ``name``."""
        return None if a is None else self.views(name, [whole(a)], ONE)

    def layers(self, net) -> dict:
        """weights, biases, dW and db of engine MLP ``net``: read-only views of one copy of
        its parameter vector and one of its gradient vector, as its own arrays are of them."""
        params, grads = self.params, self.grads = net.params.copy(), net.grads.copy()
        w, b, dw, db = layer_places(net)
        return {name: self.views(name, [(vector, *p) for p in places])
                for name, vector, places in (("weights", params, w), ("biases", params, b),
                                             ("dW", grads, dw), ("db", grads, db))}


def _view(buffer: np.ndarray, start: int, stop: int, shape: tuple, order: str) -> np.ndarray:
    """``buffer[start:stop].reshape(shape, order=order)``, without reshape's keyword (it costs more)."""
    return buffer[start:stop].reshape(shape) if order == "C" else buffer[start:stop].reshape(shape[::-1]).T


def zero_weights(net, params: np.ndarray) -> tuple[int, int]:
    """(weights exactly 0, all weights) of engine MLP ``net`` whose parameter vector is
    ``params`` (a copy of it): ``engine.regularization.zero_weights(net.weights)``, in one pass."""
    return int(np.count_nonzero((params == 0) & _weight_flags(net))), int(net.n_weights)


def some_dW_all_zero(net, grads: np.ndarray) -> bool:
    """Whether some layer's dW is all zero in ``grads`` (a copy of ``net.grads``): the check
    ``gradient_flow.zero_gradient_notes`` starts with, in one pass (every dW its own range)."""
    starts = weight_bounds(net)  # (dW lies in grads where W lies in params)
    return bool((np.add.reduceat(grads != 0, starts)[::2] == 0).any()) if starts.size else False


def weight_bounds(net) -> np.ndarray:
    """[start, stop] of each layer's W in engine MLP ``net``'s ``params`` (and of its dW in
    ``grads``), one after another: ``np.ufunc.reduceat``'s indices for a reduction per
    layer's weights (its results ``[::2]``; every W is followed by its layer's biases, so
    no index is the vector's end)."""
    bounds = _BOUNDS.get(net)
    if bounds is None:
        bounds = _BOUNDS[net] = np.array([p for start, stop, _, _ in layer_places(net)[0] for p in (start, stop)],
                                         np.intp)
    return bounds


def _weight_flags(net) -> np.ndarray:
    """True where ``net.params`` holds a weight (not a bias), found once per network."""
    flags = _FLAGS.get(net)
    if flags is None:
        flags = np.zeros(net.params.size, bool)
        for start, stop, _, _ in layer_places(net)[0]:
            flags[start:stop] = True
        _FLAGS[net] = flags
    return flags


def whole(a: np.ndarray) -> tuple:
    """The part (for ``Packing.views``) that is all of ``a``, a new C-ordered array."""
    return a.reshape(-1), 0, a.size, a.shape, "C"


def copies(arrays, dtype, whole_of: np.ndarray | None = None) -> list:
    """Copies of ``arrays`` in ``dtype`` in one new buffer, as parts for ``Packing.views``;
    every number that is not finite becomes NaN (``pictures.undefined_as_nan``'s numbers).
    ``whole_of``: a new 1-D buffer of the caller's, used nowhere else, that ``arrays`` are
    (the caller's word: C-ordered views of it, one after another), taken as it is when
    they are all of it in ``dtype`` (no array of them a part of its own)."""
    buffer = whole_of
    if buffer is None or buffer.dtype != dtype or buffer.ndim != 1 or sum(a.size for a in arrays) != buffer.size \
            or any(a.base is not buffer or not a.flags.c_contiguous for a in arrays):
        buffer = np.empty(sum(a.size for a in arrays), dtype)
        for a, part in zip(arrays, _places(buffer, arrays)):
            buffer[part[1]:part[2]].reshape(a.shape)[...] = a
    if not np.isfinite(buffer).all():
        buffer[~np.isfinite(buffer)] = np.nan
    return _places(buffer, arrays)


def _places(buffer: np.ndarray, arrays) -> list:
    """Parts for ``Packing.views``: ``arrays``' shapes, C-ordered, one after another in ``buffer``."""
    parts, at = [], 0
    for a in arrays:
        parts.append((buffer, at, at + a.size, a.shape, "C"))
        at += a.size
    return parts


def columns(rows: np.ndarray) -> list:
    """The columns of ``rows`` ((n, k)) copied into one buffer, as parts for ``Packing.views``."""
    n = rows.shape[0]
    buffer = np.ascontiguousarray(rows.T).reshape(-1)
    return [(buffer, k * n, (k + 1) * n, (n,), "C") for k in range(rows.shape[1])]


_LAYOUTS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
_FLAGS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
_BOUNDS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _ranges(vector: np.ndarray, arrays) -> list:
    """(start, stop, shape, order) of each of ``arrays``, contiguous views of the 1-D ``vector``."""
    at, size = vector.__array_interface__["data"][0], vector.itemsize
    out = []
    for a in arrays:
        if not (a.flags.c_contiguous or a.flags.f_contiguous):
            raise ValueError("a parameter array is not a contiguous part of the parameter vector")
        start = (a.__array_interface__["data"][0] - at) // size
        out.append((start, start + a.size, a.shape, "C" if a.flags.c_contiguous else "F"))
    return out


def layer_places(net) -> tuple:
    """Where engine MLP ``net``'s weights, biases, dW and db lie in its ``params`` and
    ``grads`` vectors (``engine.workspace.ParameterVector``: each a contiguous range,
    W column by column): four lists of (start, stop, shape, order), found once per network."""
    found = _LAYOUTS.get(net)
    if found is None:
        found = _LAYOUTS[net] = (_ranges(net.params, net.weights), _ranges(net.params, net.biases),
                                 _ranges(net.grads, net.dW), _ranges(net.grads, net.db))
    return found


def pickled_buffers(buffers, protocol: int) -> list:
    """``Packing.buffers`` as they are pickled: from protocol 5 (the frame pipe's) each as
    (``pickle.PickleBuffer``, dtype): its bytes written into the pickle straight from the
    array and read back as one bytes object that ``unpacked`` views without a copy
    (numpy's own reduce copies an array into a bytes object first, and its reader copies
    again: 35 -> 10 us to pickle a frame of case B, 17 -> 9 to read it, hot); before
    protocol 5, the arrays themselves."""
    if protocol < 5:
        return list(buffers)
    return [(PickleBuffer(b), b.dtype.str) for b in buffers]


def unpacked(rest: dict, buffers, entries) -> dict:
    """The fields a ``Packing`` recorded, whole again (``rest`` and their arrays as
    read-only views of ``buffers``, arrays or ``pickled_buffers``' pairs): the keyword
    arguments of the Snapshot."""
    buffers = [np.frombuffer(b[0], b[1]) if type(b) is tuple else b for b in buffers]
    for b in buffers:
        b.flags.writeable = False
    fields = dict(rest)
    for name, keys, places in entries:
        fields[name] = _arrays(buffers, keys, places)
    return fields


def _arrays(buffers, keys, places):
    """A packed field's value: the tuple, dict (``keys``) or ONE array at ``places`` in ``buffers``."""
    arrays = tuple(_view(buffers[i], start, stop, shape, order) for i, start, stop, shape, order in places)
    return arrays if keys is None else arrays[0] if keys == ONE else dict(zip(keys, arrays))
