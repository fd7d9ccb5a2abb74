"""The window's epoch and speed read-outs, also within a long epoch.

A 1,000,000-row CSV at mini-batches of 10 is a 50,000-step epoch: many
seconds. The training process sends frames within it (``training.partial_epochs``)
with the epoch's progress (``Snapshot.batch_position``), and the read-out
shows it ("Epoch 0 · 12,000 / 50,000 mini-batches"), as the speed shows a
fraction of an epoch a second rather than "0 epochs/s".
"""

from __future__ import annotations

import math

from ..numbers import MISSING, agree, count


def epoch_text(snapshot) -> str:
    """'Epoch <b>3</b>', and within an epoch under way ' · 12,000 / 50,000 mini-batches' (rich text),
    with ' · loss on a 1,024-row sample' while its numbers are a sample's (``Snapshot.sampled_rows``), and
    ' at mini-batch 4,200', the mini-batch they were measured at (``Snapshot.measured_batch``)."""
    done, batches = snapshot.batch_position
    part = f" · {done:,} / {count(batches, 'mini-batch', 'mini-batches')}" if done else ""
    sampled = getattr(snapshot, "sampled_rows", 0)
    if done and sampled:
        part += f" · loss on a {sampled:,}-row sample"
        at = getattr(snapshot, "measured_batch", 0)  # (measured 4 times a second: current_weights)
        part += f" at mini-batch {at:,}" if at else ""  # (said every frame: a text that comes and goes moves the rest)
    return f"Epoch <b>{snapshot.epoch:,}</b>{part}"


def rate_text(frame, playing: bool | None = None) -> str:
    """'1,250 epochs/s' while playing (two significant digits below 10: '0.35 epochs/s'
    during a long epoch), else 'paused'. ``playing``: the window's own state (its Play
    button), which the read-out follows: 'paused' at once after Pause though a frame
    trained on is still on its way, 'starting…' after Play until a frame trained."""
    if playing is None:
        playing = frame.playing
    if not playing:
        return "paused"
    if frame is None or not frame.playing:
        return "starting…"
    eps = frame.epochs_per_second
    if not math.isfinite(eps):  # (no time measured yet: never "nan epochs/s" or "inf epochs/s")
        return f"{MISSING} epochs/s"
    number = f"{eps:,.0f}" if eps >= 10 or eps == 0 else f"{eps:.2g}"
    return f"{number} {agree(float(number.replace(',', '')), 'epoch/s', 'epochs/s')}"  # as shown: "1 epoch/s"


def new_run_readouts(window) -> None:
    """``window``'s read-outs as a new run starts, before its first frame: the divergence banner hidden, the
    loss and accuracy blank and the epoch "Epoch …" (a 50-class CSV's first frame took seconds, and the
    window showed the new points beside the last run's numbers meanwhile: fault 6 of round 19)."""
    window.banner.hide()
    window.stats["epoch"].setText("Epoch …")
    window.stats["loss"].setText("")
    window.stats["accuracy"].setText("")
    window.loss_tip.set("")
