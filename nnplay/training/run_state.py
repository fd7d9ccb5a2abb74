"""The one record of a run's settings and state, observable and Qt-free.

In the spirit of napari's ``EventedModel`` (one event per field, fired after a
change, several fields changed as one update): controls write to a ``RunState``,
each panel subscribes to the fields it shows, and the window's controller
subscribes too and tells the training process. A setting lives here and only
here: the panels, the settings text (``config.to_text()``), a saved session and
the training process all take it from this record.

Fields: ``config`` (a ``TrainConfig``: every setting), ``data`` (the
``Dataset`` trained on), ``source`` (the CSV file the data came from, or None),
``playing`` (bool) and ``epoch`` (the epoch of the last frame shown). A
listener is called with the set of names that changed: the fields, and for
``config`` also the names of the settings that changed (``"lr"``...), so a
listener may subscribe to one setting. A change that is refused changes nothing
and notifies ``"refused"`` (with ``refusal``, one line saying why).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable

from ..numbers import agree
from .config import TrainConfig
from .trainer import make_dataset, resolve_loss

Listener = Callable[[frozenset], None]
FIELDS = ("config", "data", "source", "playing", "epoch")
REGENERATING = ("dataset", "noise", "classes", "data_seed")  # settings that draw a new sample
# settings chosen for the data they apply to (a CSV's in its import dialog): leaving a CSV for a
# generated data set brings back the generated sets' own, never the file's
PER_DATA = ("standardize", "train_ratio")


class RunState:
    def __init__(self, config: TrainConfig | None = None, data=None):
        config = config or TrainConfig()
        self._values = {"config": config, "data": make_dataset(config) if data is None else data,
                        "source": None, "playing": False, "epoch": 0}
        self._listeners: list[tuple[frozenset | None, Listener]] = []
        self.refusal = ""
        self._generated_choices = {k: getattr(config, k) for k in PER_DATA}  # theirs while a CSV is loaded

    config: TrainConfig = property(lambda self: self._values["config"])  # type: ignore[assignment]
    data = property(lambda self: self._values["data"])
    source: str | None = property(lambda self: self._values["source"])  # type: ignore[assignment]
    playing: bool = property(lambda self: self._values["playing"])  # type: ignore[assignment]
    epoch: int = property(lambda self: self._values["epoch"])  # type: ignore[assignment]

    # ------------------------------------------------------------ listening
    def subscribe(self, listener: Listener, names: Iterable[str] | None = None) -> None:
        """Call ``listener(changed)`` after a change of any of ``names`` (fields,
        setting names or "refused"; None: every change)."""
        self._listeners.append((None if names is None else frozenset(names), listener))

    def unsubscribe(self, listener: Listener) -> None:
        self._listeners = [(n, f) for n, f in self._listeners if f is not listener]

    def _notify(self, changed: frozenset) -> None:
        for names, listener in list(self._listeners):
            if names is None or names & changed:
                listener(changed)

    # -------------------------------------------------------------- writing
    def set(self, **values) -> frozenset:
        """Set fields as they are (already checked: the data of a loaded file, the
        settings of an opened session, playing, epoch) and notify once; returns
        what changed."""
        unknown = set(values) - set(FIELDS)
        if unknown:
            raise ValueError(f"unknown run state {agree(len(unknown), 'field')}: {', '.join(sorted(unknown))}")
        old = self._values
        if "config" in values and old["config"].dataset != "csv" and values["config"].dataset == "csv":
            self._generated_choices = {k: getattr(old["config"], k) for k in PER_DATA}
        # a data set is the same only as itself (its arrays do not compare as one value)
        changed = {k for k, v in values.items() if old[k] is not v and (k == "data" or old[k] != v)}
        if "config" in changed:
            changed |= {f.name for f in dataclasses.fields(TrainConfig)
                        if getattr(old["config"], f.name) != getattr(values["config"], f.name)}
        self._values = {**old, **values}
        changed = frozenset(changed)
        if changed:
            self._notify(changed)
        return changed

    def apply(self, **changes) -> bool:
        """Change the settings named and nothing else (a control, a pasted settings
        text): checked together with the data they make, and applied at once, or
        refused whole (``refusal`` says why, listeners of "refused" are told).
        Picking a generated data set, its noise, classes or seed draws a new
        sample; a loaded CSV stays until another data set is picked, which
        brings back the generated sets' own PER_DATA settings. Returns
        whether the change was made."""
        try:
            config, data = self.patched(changes)
        except ValueError as exc:
            self.refusal = str(exc)
            self._notify(frozenset({"refused"}))
            return False
        source = self.source if data is self.data else None
        self.set(config=config, data=data, source=source)
        return True

    def patched(self, changes: dict, data=None) -> tuple[TrainConfig, object]:
        """The settings and data ``changes`` would make (on ``data``, a data set just
        loaded, if given); ValueError if they do not go together."""
        changes = dict(changes)
        if data is None and changes.get("dataset") == "csv" and self.config.dataset != "csv":
            changes.pop("dataset")  # there is no CSV here to apply them to: keep the current data
        if data is None and self.config.dataset == "csv" and changes.get("dataset", "csv") != "csv":
            changes = {**self._generated_choices, **changes}  # the file's own choices stay with the file
        config = self.config.with_changes(**changes)
        regenerate = data is None and config.dataset != "csv" and any(k in changes for k in REGENERATING)
        data = make_dataset(config) if regenerate else (self.data if data is None else data)
        if "loss" not in changes:  # a loss chosen before stays where it suits the data, else auto
            try:
                resolve_loss(config, data)
            except ValueError:
                config = config.with_changes(loss="auto")
        resolve_loss(config, data)
        if "train_ratio" in changes and data.test_mask is not None:
            data = dataclasses.replace(data, test_mask=None)  # a new ratio splits drawn data afresh
        return config, data

