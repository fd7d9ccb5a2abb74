"""Which weights a one-off result is of, and whether they are still the run's.

A result computed once on the user's request (the gradient check, the
learning-rate range test) stays on screen while the run goes on; without its
epoch it read as current after further training. ``ResultAge`` keeps where the
run was when the result was computed (its epoch and mini-batch, from the
training process) and a digest of the weights then (from the window's frame at
that point, when it has one), and tells from each later frame whether the
weights have changed since: trained on (another epoch or mini-batch), edited
(a weight set, frozen or pruned: the same epoch, other weights) or a new run.
"""

from __future__ import annotations

import hashlib


def weights_digest(snapshot) -> bytes:
    """A digest of a snapshot's weights and biases (every layer's, in order)."""
    h = hashlib.blake2b(digest_size=16)
    for a in (*snapshot.weights, *snapshot.biases):
        h.update(a.tobytes())
    return h.digest()


def position_text(epoch: int, batch: int = 0, batches: int = 1) -> str:
    """'epoch 12', or 'epoch 10,568, mini-batch 3 of 8' part-way through an epoch: whole numbers as the
    window's epoch read-out writes them (format_number wrote 'epoch 1.057·10⁴' beside 'Epoch 10,568')."""
    text = f"epoch {int(epoch):,}"
    if 0 < batch < batches:
        text += f", mini-batch {int(batch):,} of {int(batches):,}"
    return text


class ResultAge:
    """The run's position when a result was computed, and whether it is stale."""

    def __init__(self):
        self.position: tuple | None = None  # (epoch, batch, batches) of the weights the result is of
        self.stale = False
        self._run_id = None
        self._digest: bytes | None = None

    def stamp(self, epoch: int, batch: int, batches: int, frame=None) -> None:
        """A new result, of the weights at ``epoch`` and ``batch`` (of ``batches``); ``frame``
        is the window's last frame (its weights are the result's when it is at that point)."""
        self.position, self.stale = (int(epoch), int(batch), int(batches)), False
        snap = None if frame is None else frame.snapshot
        here = snap is not None and (snap.epoch, snap.batch_position[0]) == (epoch, batch)
        self._run_id = snap.run_id if snap is not None else None
        self._digest = weights_digest(snap) if here else None

    def clear(self) -> None:
        self.position, self.stale, self._digest = None, False, None

    def follow(self, frame) -> bool:
        """Whether ``frame``'s weights are other than the result's (once stale, always);
        True when this frame made it stale."""
        if self.position is None or self.stale:
            return False
        snap = frame.snapshot
        moved = (snap.epoch, snap.batch_position[0]) != self.position[:2] or (
            self._run_id is not None and snap.run_id != self._run_id)
        if not moved and self._digest is None:  # (stamped while the window's frame was elsewhere)
            self._run_id, self._digest = snap.run_id, weights_digest(snap)
        elif not moved:
            moved = weights_digest(snap) != self._digest  # edited in place: the same epoch, other weights
        self.stale = moved
        return moved

    def text(self) -> str:
        """'At epoch 12.' or, once the weights changed, 'Of epoch 12: the weights have changed since.'"""
        if self.position is None:
            return ""
        where = position_text(*self.position)
        return f"Of the weights at {where}, which have changed since." if self.stale else f"At {where}."
