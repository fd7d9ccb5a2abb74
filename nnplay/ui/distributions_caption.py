"""What the Distributions tab's caption says, and its plots' one epoch range.

The bands are recorded at some epochs only (every epoch to 31, then ever fewer:
training.distributions.due), so the caption gives the epochs they span and
the number of records, not "70 epochs" at epoch 174; one record (just after a
Reset) is said as one epoch, and its axis runs one epoch on from it (not
−0.4…0.4 around it, with nothing drawn)."""

from __future__ import annotations

from ..numbers import count, format_number


def distributions_caption(records, cut: dict, short: bool, epoch: int | None = None) -> str:
    """The caption for ``records`` (training.distributions.Distributions or None);
    ``cut``: quantity -> the largest magnitude beyond its scale; ``short``: a short
    tab's one-line version (the key is in the tooltip); ``epoch``: the run's epoch,
    said when the last record is older ("Epochs 0–288 (the run is at 300: every
    16th epoch is recorded)", not the run's epochs seemingly ending at 288)."""
    n = len(records) if records is not None else 0
    if n == 0:
        return "No epochs recorded yet: the bands appear as the run trains."
    first, last = records.epoch_range()
    if n == 1:
        return f"Epoch {first:,} only: the bands are drawn from the second recorded epoch on."
    span = f"Epochs {first:,}–{last:,}, {count(n, 'record')}."
    if epoch is not None and epoch > last:
        every = "" if short else f"; {recorded_epochs(epoch)}"
        span = f"Epochs {first:,}–{last:,} (the run is at {epoch:,}), {count(n, 'record')}{every}."
    if short:
        spikes = "".join(f" {q} spikes (to ±{format_number(v)}) cut." for q, v in cut.items())
        return f"{span}{spikes} Median; 68/86/100% bands (hover for more)."
    spikes = "".join(f" {q}: spikes of a few epochs (up to ±{format_number(v)}) are cut; the scale holds the rest."
                     for q, v in cut.items())
    return f"Median; bands: 68%, 86%, all values. {span}{spikes} Shaded: flat ends of tanh/sigmoid; dashed: ReLU's 0."


def recorded_epochs(epoch: int) -> str:
    """Which epochs are recorded up to ``epoch`` (training.distributions.due: the stride doubles at
    32, 64, 128 …), in words: "every epoch to 31, then every 2nd to 63, 4th to 127, 8th to 255,
    16th from 256" (one stride alone, "every 16th epoch", said 83 records over 0–288 was wrong)."""
    top = max(0, int(epoch).bit_length() - 5)  # the stride at ``epoch`` is 2**top
    if top == 0:
        return "every epoch recorded"
    steps = [f"{_ordinal(1 << k)} to {(32 << k) - 1:,}" for k in range(1, top)] + [f"{_ordinal(1 << top)} from {16 << top:,}"]
    return "every epoch to 31, then every " + ", ".join(steps)


def _ordinal(n: int) -> str:
    """2nd, 16th, 32nd, 1,024th."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n:,}{suffix}"


PINNED_OFF = {"xMin": -1e307, "xMax": 1e307, "minXRange": None, "maxXRange": None}  # pyqtgraph's defaults


EPOCH_PAD = 0.02  # of the epochs' span, each side of every plot's epoch axis


def set_epoch_ranges(items: dict, records) -> None:
    """Every plot of ``items`` ((layer, quantity) -> (plot, bounds, median)) shown over the
    same epochs, set here rather than each plot's own auto-range or pyqtgraph's X link
    (which lines linked views up by their pixel offsets: ``nnplay render`` drew dW[2] and
    dW[3] without the "0" the other plots had, and a range merely set moved to
    0.06 … 1). With one record or none, from that epoch one epoch on, held there by the
    view's limits; from the second record, the records' first to last epoch, padded
    by EPOCH_PAD of their span (each plot's finite rows do not matter: the same labels)."""
    n = len(records) if records is not None else 0
    epochs = None if n > 1 else records.epoch_range() if n == 1 else (0, 0)  # none yet: 0 … 1
    span = records.epoch_range() if n > 1 else None
    for plot, _, _ in items.values():
        view = plot.getViewBox()
        if epochs is not None:
            view.setLimits(xMin=epochs[0], xMax=epochs[0] + 1, minXRange=1, maxXRange=1)
            plot.setXRange(epochs[0], epochs[0] + 1, padding=0)
        else:
            if getattr(plot, "_pinned", False):
                view.setLimits(**PINNED_OFF)
            if getattr(plot, "_epochs", None) != span:  # (an unchanged range is not set again: no axis redrawn)
                plot.setXRange(*span, padding=EPOCH_PAD)
        plot._pinned = epochs is not None
        plot._epochs = span
