"""The window's file dialogs (``file_dialog``: their icons never read a file;
each starting in the folder last used for its kind, remembered only once a
file there was written or read: ``file_folders``), its exports and its list of
recent files (absolute paths), kept with QSettings."""

from __future__ import annotations

import math

from pathlib import Path

import numpy as np

from ..write_errors import cannot_write, unwritable
from . import file_dialog
from .file_folders import absolute, folder_to_remember, start_folder
from .recent_labels import recent_labels, same_file
from .save_names import may_replace, not_a_source, sources
from .suggested_names import suggested_name


def documents_folder() -> str:
    """The user's documents folder (QStandardPaths), the home folder when it does not exist: where a
    dialog of a kind never used yet starts (not the folder nnplay was started from)."""
    from PySide6.QtCore import QStandardPaths

    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return docs if docs and Path(docs).is_dir() else str(Path.home())


def fresh_name(folder: str, name: str) -> str:
    """``name`` if no file in ``folder`` has it, else its stem with -2, -3... ('circle-2.nnplay')."""
    stem, suffix = Path(name).stem, Path(name).suffix
    candidate, n = name, 1
    while (Path(folder) / candidate).exists():
        n += 1
        candidate = f"{stem}-{n}{suffix}"
    return candidate


class FileActions:
    """Mixed into PlaygroundWindow (a QMainWindow with ``settings``, ``controller``,
    ``curves``, ``autosave_path``, ``recent_menu`` and ``show_error``)."""

    def _ask_open(self, title: str, kind: str, filters: str) -> str | None:
        """A file to open, the dialog starting in the folder last used for ``kind``."""
        path, _ = file_dialog.get_open_file_name(self, title, self._folder(kind), filters)
        return self._asked(kind, path)

    def _ask_save(self, title: str, default: str, filters: str, kind: str = "export",
                  suffix: str | None = None) -> str | None:
        """A file to write (ending in ``suffix``, added when the name typed lacks
        it, before it is checked); ``default`` is a name in the folder last used for
        ``kind``, or a whole path, never a file the window reads from (``save_names``).
        A place no file can be written is refused here, in one line naming its
        cause, before any other question or work (``unwritable``); a file the
        window reads from is replaced only if the user says so. None then, as
        for a cancelled dialog."""
        read_from = sources(self)
        start = not_a_source(Path(self._folder(kind)) / default, read_from)
        path, _ = file_dialog.get_save_file_name(self, title, str(start), filters)
        if path and suffix and not path.lower().endswith(suffix):
            path += suffix
        refusal = {"session": "Cannot save the session", "recording": "Cannot record"}.get(
            kind, title.replace("Export", "Cannot export", 1))  # ("Cannot export the output view")
        if path and (self.refused(path, refusal) or not may_replace(self, path, read_from, title)):
            return None
        return self._asked(kind, path)

    def _session_default(self) -> str:
        """The session the user opened or saved (its whole path), else a fresh name in the session folder:
        never the autosave, which the window rewrites (restored at start, it was offered for overwriting)."""
        current = self.controller.session_path
        if current and not (self.autosave_path and same_file(current, self.autosave_path)):
            return current
        return fresh_name(self._folder("session"), suggested_name(self))

    def refused(self, path: str, title: str = "Cannot export") -> bool:
        """True, the cause shown in one line, when no file can be written at
        ``path`` (``write_errors.unwritable``): checked before any work."""
        problem = unwritable(path)
        if problem:
            self.show_error(title, problem)
        return bool(problem)

    def _asked(self, kind: str, path: str) -> str | None:
        """``path`` chosen in a dialog of ``kind``: its folder is remembered for
        ``kind`` only when a file there is written or read (``file_done``)."""
        if not path:
            return None
        if not hasattr(self, "_pending_folders"):
            self._pending_folders = {}
        self._pending_folders[kind] = str(Path(absolute(path)).parent)
        return path

    def file_done(self, path: str) -> None:
        """``path`` was written or read: its folder becomes the last folder of the
        dialogs that chose a file there."""
        folder = str(Path(absolute(path)).parent)
        pending = getattr(self, "_pending_folders", {})
        for kind in [k for k, f in pending.items() if f == folder]:
            del pending[kind]
            self._remember_folder(kind, path)

    def _folder(self, kind: str) -> str:
        """The folder a file dialog of this kind last used (kept with QSettings),
        the home folder when it is gone (``file_folders.start_folder``)."""
        stored = "" if self.settings is None else self.settings.value(f"last_folder_{kind}", "", type=str)
        return start_folder(stored) or documents_folder()

    def _remember_folder(self, kind: str, path: str) -> None:
        """Keep the folder of ``path`` (written or read) as the last of ``kind``;
        a system folder (/proc...) is never kept."""
        folder = folder_to_remember(path) if path else None
        if folder is not None and self.settings is not None:
            self.settings.setValue(f"last_folder_{kind}", folder)

    def export_panel(self, which: str, path: str | None = None, scale: float | None = None) -> bool:
        """Write panel ``which`` (see nnplay.ui.export.PANELS) with its key: SVG by a .svg suffix,
        else PNG at ``scale`` output pixels per screen pixel (asked for; by default at least
        export.SLIDE_WIDTH pixels wide)."""
        from .export import PANEL_NAMES, format_problem

        tab = {"metrics": self.metrics, "hidden": self.hidden_space, "distributions": self.distributions}.get(which)
        shown = self.lower_tabs.currentWidget()
        if tab is not None:  # (computed only while its tab is open, from now: while the file is chosen)
            self.lower_tabs.setCurrentWidget(tab)
        try:
            asked, what = path is None, PANEL_NAMES.get(which, "the panel")
            path = path or self._ask_save(f"Export {what}", f"nnplay-{which}.png", "PNG image (*.png);;SVG image (*.svg)")
            if not path or self.refused(path, f"Cannot export {what}"):  # the destination, the scale, then the work
                return False
            if problem := format_problem(path):
                self.show_error(f"Cannot export {what}", problem)
                return False
            return self._export_panel(which, path, scale, asked, what)
        finally:  # the user's tab again, exported or not (tester 23: a cancelled export left the Metrics open)
            self.lower_tabs.setCurrentWidget(shown)

    def _export_panel(self, which: str, path: str, scale: float | None, asked: bool, what: str) -> bool:
        """``export_panel`` once the file's name is known good and the panel's tab is open."""
        from .export import ExportError, export_view, panel_parts, panel_size, slide_scale
        from .export_grid import ExportCancelled, fine_output
        from .export_layout import settle_layouts
        from .export_scale import ask_scale

        try:
            if scale is None and asked and not path.lower().endswith(".svg"):
                parts = panel_parts(self, which)
                suggested = math.ceil(slide_scale(parts) * 10) / 10  # (one decimal shown: up, so the slide width
                scale = ask_scale(self, panel_size(parts), suggested, f"Export {what}")  # is reached, not 11 px short)
                if scale is None:
                    return False
            self.gates.flush()  # a hidden panel draws its last frame first
            settle_layouts()  # (what is exported is what the window shows once laid out)
            if which == "output":  # coloured at the export's resolution (export_grid)
                with fine_output(self, scale if scale is not None else slide_scale(panel_parts(self, which))):
                    export_view(self, which, path, scale, laid_out=True)
            else:
                export_view(self, which, path, scale, laid_out=True)  # (its text at its size: export_layout)
        except ExportError as exc:
            self.show_error(f"Cannot export {what}", str(exc))
            return False
        except ExportCancelled:
            self.statusBar().showMessage(f"Export cancelled: {Path(path).name} was not written", 5000)
            return False
        self.file_done(path)
        self.statusBar().showMessage(f"Exported {path}", 5000)
        return True

    def export_history(self, path: str | None = None) -> bool:
        from ..training.export import write_history_csv

        path = path or self._ask_save("Export the loss history", "nnplay-history.csv", "CSV (*.csv)")
        return bool(path) and self._write(path, lambda: write_history_csv(path, self.curves.history), "the loss history")

    def export_weights(self, path: str | None = None) -> bool:
        from ..training.export import write_weights

        frame, info = self.controller.last_frame, self.controller.run_info
        if frame is None or info is None:
            return False
        path = path or self._ask_save("Export the weights", "nnplay-weights.npz", "NumPy (*.npz);;JSON (*.json)")
        snap = frame.snapshot
        return bool(path) and self._write(path, lambda: write_weights(path, info.sizes, info.activations, info.loss,
                                                                      snap.weights, snap.biases), "the weights")

    def export_data(self, path: str | None = None) -> bool:
        from ..data import write_csv

        info = self.controller.run_info
        data = self.controller.state.data if info is None else info.data
        test = None
        if info is not None:  # each row marked train or test, as the run splits them
            test = np.zeros(data.n_examples, bool)
            test[info.test_index] = True
        name = f"{data.name}-export.csv" if self.controller.csv_path else f"{data.name}.csv"  # never the CSV opened
        path = path or self._ask_save("Export the data set", name, "CSV (*.csv)")
        return bool(path) and self._write(path, lambda: write_csv(data, path, test), "the data set")

    def _write(self, path: str, write, what: str) -> bool:
        try:
            write()
        except OSError as exc:
            self.show_error(f"Cannot export {what}", cannot_write(path, exc))
            return False
        self.file_done(path)
        self.statusBar().showMessage(f"Exported {path}", 5000)
        return True

    MAX_RECENT = 8

    def recent_files(self) -> list[str]:
        if self.settings is None:
            return list(getattr(self, "_recent", []))
        return self.settings.value("recent_files", [], type=list)

    def remember_file(self, path: str) -> None:
        """A session or CSV opened or saved: first in the recent files (its absolute
        path, so that it opens from any working directory), its folder the last one."""
        self.file_done(path)
        path = absolute(path)
        if self.autosave_path and Path(path) == Path(absolute(self.autosave_path)):
            return
        files = [path] + [p for p in self.recent_files() if not same_file(p, path)]  # one entry per file
        files = files[: self.MAX_RECENT]
        if self.settings is None:
            self._recent = files
        else:
            self.settings.setValue("recent_files", files)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.recent_files()
        if not files:
            self.recent_menu.addAction("No recent files").setEnabled(False)
        self.recent_menu.setToolTipsVisible(True)
        for path, label in zip(files, recent_labels(files)):  # a clashing name shows its folder
            action = self.recent_menu.addAction(label)
            action.setToolTip(path)
            action.setStatusTip(path)
            action.triggered.connect(lambda _=False, p=path: self.open_file(p))
