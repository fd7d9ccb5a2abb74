"""The Trainer's hands on the network (issue 17): freezing and pruning
parameters, dropout, gradient clipping and the learning-rate schedule, as a
mixin of ``Trainer``. The engine does the work (``engine.masks``,
``engine.dropout``, ``engine.clipping``; ``training.schedules``); this keeps
the run's config in step and records what the history shows."""

from __future__ import annotations

import numpy as np

from ..engine.clipping import check_clip
from ..numbers import count, format_number
from .schedules import canonical_schedule, learning_rate


class NetworkEdits:
    """Mixed into ``Trainer`` (needs ``net``, ``config``, ``optimizer``, ``epoch``)."""

    def set_frozen(self, layer: int, row: int | None = None, col: int | None = None, frozen: bool = True) -> None:
        """Freeze (``frozen``) or unfreeze layer ``layer`` (0-based: W[layer+1],
        b[layer+1]): all of it (``row`` None), neuron ``row``'s incoming weights
        and bias (``col`` None) or the one weight W[row, col]. A frozen parameter
        keeps its value and its optimizer state bit for bit until unfrozen.
        ValueError (one line, nothing changed) for an index out of range."""
        self.net.masks.set_frozen(layer, row, col, bool(frozen))

    def set_frozen_layers(self, layers) -> None:
        """The layers frozen whole (1-based, as ``TrainConfig.freeze``), kept in the config so the settings
        text and a session say it: a layer named is frozen, one named before and not now unfrozen.
        ValueError (one line, nothing changed) for a layer that does not exist."""
        config = self.config.with_changes(freeze=tuple(layers))
        for layer in set(self.config.freeze) - set(config.freeze):
            self.net.masks.set_frozen(layer - 1, frozen=False)
        for layer in config.freeze:
            self.net.masks.set_frozen(layer - 1)
        self.config = config

    def set_pruned(self, layer: int, row: int, col: int | None = None, pruned: bool = True) -> None:
        """Prune (``pruned``) or restore hidden neuron ``row`` of layer ``layer``
        (``col`` None: it outputs exactly 0) or the weight W[layer][row, col]
        (it acts as 0). Restoring brings back the old value. ValueError (one
        line, nothing changed) for an index out of range or an output neuron."""
        self.net.masks.set_pruned(layer, row, col, bool(pruned))
        self._remeasure()  # the read-outs: of the network as pruned now, not of the epoch recorded

    def set_dropout(self, rates) -> None:
        """Dropout rate per hidden layer (one number: every layer), each in [0, 0.9]."""
        self.net.dropout.set_rates(rates)
        self.config = self.config.with_changes(dropout=tuple(self.net.dropout.rates))

    def set_clip(self, max_norm: float) -> None:
        """Clip the gradient at global norm ``max_norm`` (0: off); ValueError if negative or not finite."""
        self.net.clip.max_norm = check_clip(max_norm)
        self.config = self.config.with_changes(clip=self.net.clip.max_norm)

    def set_schedule(self, schedule: str) -> None:
        """The learning-rate schedule (``training.schedules``), from the next epoch on."""
        self.config = self.config.with_changes(schedule=canonical_schedule(schedule))

    def describe_edits(self) -> str:
        """One line on what is frozen, pruned, dropped, scheduled and clipped
        ("" when nothing is), e.g. "frozen 6 of 9 parameters; dropout 0, 0.2"."""
        m, c = self.net.masks, self.config
        parts = []
        if m.frozen.any():
            parts.append(f"frozen {int(m.frozen.sum())} of {count(m.frozen.size, 'parameter')}")
        if m.pruned.any():
            parts.append(f"pruned {count(int(m.pruned.sum()), 'weight')}")
        gone = sum(int(n.sum()) for n in m.neurons)
        if gone:
            parts.append(f"pruned {count(gone, 'neuron')}")
        if any(self.net.dropout.rates):
            parts.append("dropout " + ", ".join(format_number(r) for r in self.net.dropout.rates))
        if c.schedule != "constant":
            parts.append(f"schedule {c.schedule}")
        if c.clip:
            parts.append(f"gradient norm clipped at {format_number(c.clip)}")
        return "; ".join(parts)

    # ------------------------------------------------------------ internals
    def _begin_edits(self) -> None:
        """At the start of a run (and a reset): the settings' frozen layers (other
        frozen and pruned parameters stay as they are), dropout and clipping, the
        schedule's first rate, no clipped steps counted."""
        for layer in self.config.freeze:
            self.net.masks.set_frozen(layer - 1)
        self.net.dropout.set_rates(self.config.dropout)
        self.net.clip.max_norm = self.config.clip
        self._scheduled()
        self._take_clipped()

    def _scheduled(self):
        """The optimizer, its rate set to the schedule's for the epoch being trained."""
        self.optimizer.lr = learning_rate(self.config.schedule, self.config.lr, self.epoch)
        return self.optimizer

    def _take_clipped(self) -> int:
        """The steps clipped since last asked."""
        n, self.net.clip.clipped = self.net.clip.clipped, 0
        return n

    def mask_fields(self) -> dict:
        """The snapshot's masks (see ``Snapshot``): frozen_W, frozen_b (per layer,
        shaped like W[l], b[l]), pruned_W, pruned_neurons (per layer, (n[l],); the
        output layer's all False); each None when nothing is frozen / pruned. Read-only
        arrays, made again only when the masks have changed (``masks.version``): every
        frame asks, and they change only by an edit."""
        m = self.net.masks
        kept = getattr(self, "_mask_fields", None)
        if kept is not None and kept[0] is m and kept[1] == m.version:
            return kept[2]
        c = self.net.sizes[:-1]
        frozen = [b.copy() for b in m.frozen_blocks] if m.frozen.any() else None
        pruned = m.pruned.any() or any(n.any() for n in m.neurons)
        fields = {
            "frozen_W": None if frozen is None else tuple(b[:, : c[l]] for l, b in enumerate(frozen)),
            "frozen_b": None if frozen is None else tuple(b[:, c[l]:] for l, b in enumerate(frozen)),
            "pruned_W": tuple(b[:, : c[l]].copy() for l, b in enumerate(m.pruned_blocks)) if pruned else None,
            "pruned_neurons": (*(n.copy() for n in m.neurons), np.zeros(self.net.sizes[-1], bool)) if pruned else None,
        }
        for arrays in fields.values():
            for a in arrays or ():
                a.flags.writeable = False
        self._mask_fields = (m, m.version, fields)
        return fields
