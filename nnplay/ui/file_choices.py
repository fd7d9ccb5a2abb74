"""A CSV's choices stay with its file.

The import dialog remembers, per file, how it was read and its two run
settings (Standardize, the training share: ``import_dialog.remember``). When
the user changes either in the Data column while that file is loaded, the
remembered choice follows, so the file brings back what it was last trained
with (File > Recent files, dropped again, the dialog). A generated data set
keeps its own (``RunState`` brings them back when the CSV is left:
``run_state.PER_DATA``). Install with ``FileChoices(window)``.
"""

from __future__ import annotations

from ..data.columns import ImportOptions
from ..training.run_state import PER_DATA
from .import_dialog import DEFAULT_RUN, ImportChoices, recall, remember


class FileChoices:
    """Keeps the remembered choices of the loaded CSV in step with the run's
    Standardize and training share."""

    def __init__(self, window):
        self.window = window
        window.controller.state.subscribe(self._changed, PER_DATA)

    def _changed(self, _changed=None) -> None:
        state = self.window.controller.state
        if state.config.dataset != "csv" or not state.source:
            return
        saved = recall(self.window.settings, state.source) or ImportChoices(
            ImportOptions(), DEFAULT_RUN.standardize, DEFAULT_RUN.train_ratio)
        now = (bool(state.config.standardize), float(state.config.train_ratio))
        if (saved.standardize, saved.train_ratio) != now:
            remember(self.window.settings, state.source, ImportChoices(saved.options, *now))
