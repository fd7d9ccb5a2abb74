"""The controller: owns the settings, the data, the training thread, and talks
to a view. The view is any object with the methods of ``PlaygroundView``; the
window is one, and tests may pass another."""

from __future__ import annotations

import dataclasses
import itertools
from typing import Protocol

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from ..data import DataError, Dataset, load_csv
from ..data.drawing import DataEditor
from ..training import RunInfo, TrainConfig, make_dataset, resolve_loss
from ..training.session import Session, SessionError, load_session, save_session
from .compare import TwinRun, describe
from .worker import Frame, TrainingThread


class PlaygroundView(Protocol):
    def show_run(self, info: RunInfo) -> None: ...
    def show_frame(self, frame: Frame) -> None: ...
    def show_settings(self, config: TrainConfig, data: Dataset) -> None: ...
    def show_error(self, title: str, message: str) -> None: ...
    def set_playing(self, playing: bool) -> None: ...
    def show_status(self, message: str) -> None: ...


class PlaygroundController(QObject):
    """Every user action arrives here; structural changes rebuild the run,
    the learning and regularisation rates change it live."""

    frame_drawn = Signal(object)  # Frame, after the view has drawn it (tests and benchmarks listen)
    session_saved = Signal(str)  # path
    gradient_checked = Signal(object)  # Trainer.gradient_check() result
    file_opened = Signal(str)  # a session or CSV that was opened successfully
    edits_changed = Signal(bool, bool)  # (can undo, can redo) a drawing edit
    compare_started = Signal(object, str, str, object)  # TwinRun of run B, what A is, what B is, fork epoch
    compare_stopped = Signal()

    def __init__(self, view: PlaygroundView, config: TrainConfig | None = None, parent=None):
        super().__init__(parent)
        self.view = view
        self.config = config or TrainConfig()
        self.data: Dataset = make_dataset(self.config)
        self.csv_path: str | None = None
        self.generation = 0
        self.playing = False
        self.last_frame: Frame | None = None
        self.run_info: RunInfo | None = None
        self.frames_drawn = 0
        self.frames_dropped = 0
        self.worker = TrainingThread()
        self.worker.run_started.connect(self._on_run_started, Qt.ConnectionType.QueuedConnection)
        self.worker.frame_ready.connect(self._on_frame, Qt.ConnectionType.QueuedConnection)
        self.worker.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)
        self.worker.state_ready.connect(self._on_state, Qt.ConnectionType.QueuedConnection)
        self.worker.gradcheck_ready.connect(self._on_gradcheck, Qt.ConnectionType.QueuedConnection)
        self._pending_saves: dict[int, str] = {}
        self._save_tokens = itertools.count(1)
        self.session_path: str | None = None
        self.editor: DataEditor | None = None  # undo/redo of points drawn by hand, for the current data
        self.twin: TwinRun | None = None  # run B while comparing
        self._held = {"A": False, "B": False}  # a run paused to let the other catch up
        self._align_pending = False  # paused while comparing: bring the run behind to the other's epoch
        self._pending_forks: dict[int, tuple] = {}
        self.speed = 1

    # ------------------------------------------------------------- lifecycle
    def start(self) -> None:
        self.worker.start()
        self._rebuild()

    def shutdown(self) -> None:
        """Stop and join the training thread (idempotent)."""
        self.stop_comparing()
        self.worker.stop()  # also when the process has died: it closes the command queue

    # --------------------------------------------------------------- actions
    def play(self) -> None:
        if self.last_frame and self.last_frame.snapshot.diverged_at is not None:
            return
        self.playing = True
        self._align_pending = False
        self._held = {"A": False, "B": False}
        self.worker.play()
        if self.twin is not None:
            self.twin.play()
        self.view.set_playing(True)

    def pause(self) -> None:
        self.playing = False
        self.worker.pause()
        if self.twin is not None:
            self.twin.pause()
            self._align_pending = True  # once both have stopped, the one behind catches up
        self.view.set_playing(False)

    def toggle_play(self) -> None:
        self.pause() if self.playing else self.play()

    def step(self, epochs: int = 1) -> None:
        if self.playing:
            self.pause()
        self.worker.step(epochs)
        if self.twin is not None:
            self.twin.step(epochs)

    def step_batch(self, batches: int = 1) -> None:
        """One optimizer step on the next mini-batch (the backprop inspector's step)."""
        if self.playing:
            self.pause()
        self.worker.step_batch(batches)

    def reset(self) -> None:
        self.generation += 1
        self.playing = False
        self.view.set_playing(False)
        self.worker.reset(self.generation)
        if self.twin is not None:
            self.twin.reset()

    def set_speed(self, epochs_per_frame: int) -> None:
        self.speed = epochs_per_frame
        self.worker.set_speed(epochs_per_frame)
        if self.twin is not None:
            self.twin.set_speed(epochs_per_frame)

    # ------------------------------------------------------------ comparing
    FORKABLE = ("lr", "optimizer", "activation", "batch_size", "l1", "l2", "init", "seed", "hidden", "loss")

    def fork(self, restart: bool = False, **changes) -> bool:
        """Compare this run (A) with a copy (B) that has ``changes``. B goes on from
        A's weights, history and epoch, or with ``restart`` both start afresh from
        the same seed. Returns whether the comparison starts."""
        try:
            unknown = set(changes) - set(self.FORKABLE)
            if unknown:
                raise ValueError(f"cannot fork on {', '.join(sorted(unknown))}")
            config_b = self.config.with_changes(**changes)
            resolve_loss(config_b, self.data)
            changed = {k: v for k, v in changes.items() if getattr(self.config, k) != getattr(config_b, k)}
            if not changed:
                raise ValueError("choose a value different from this run's")
            if not restart and ("hidden" in changed or "init" in changed or "seed" in changed):
                raise ValueError("a different network shape, initialiser or seed needs both runs to start afresh")
            if self.data.n_examples == 0:
                raise ValueError("there is no data to train on")
        except ValueError as exc:
            self.view.show_error("Cannot compare", str(exc))
            return False
        self.stop_comparing()
        labels = (describe(self.config, changed), describe(config_b, changed))
        if restart:
            self.reset()
            self._start_twin(config_b, None, labels, None)
        else:
            token = next(self._save_tokens)
            self._pending_forks[token] = (config_b, labels)
            self.worker.request_state(token)
        return True

    def _pace(self) -> None:
        """Keep the two runs of a comparison at about the same epoch while playing:
        the one ahead waits (run B draws less, so it would run ahead)."""
        twin, frame = self.twin, self.last_frame
        if twin is None or frame is None or twin.last is None:
            return
        if not self.playing:
            self._align_paused(frame, twin)
            return
        a, b = frame.snapshot, twin.last.snapshot
        margin = 2 * self.speed if self.speed > 0 else 200
        want = {"A": a.epoch <= b.epoch + margin or b.diverged_at is not None,
                "B": b.epoch <= a.epoch + margin or a.diverged_at is not None}
        for name, run in (("A", self.worker), ("B", twin)):
            if want[name] == self._held[name]:  # held and may go on, or running and must wait
                self._held[name] = not want[name]
                run.play() if want[name] else run.pause()

    def _align_paused(self, frame, twin) -> None:
        """After a pause, step the run that is behind to the other's epoch, so that
        a paused comparison shows both runs at the same epoch."""
        if not self._align_pending or frame.playing or twin.last.playing:
            return  # not asked for, or a run has not stopped yet (its pausing frame is still to come)
        self._align_pending = False
        a, b = frame.snapshot, twin.last.snapshot
        if a.diverged_at is not None or b.diverged_at is not None:
            return
        if a.epoch < b.epoch:
            self.worker.step(b.epoch - a.epoch)
        elif b.epoch < a.epoch:
            twin.step(a.epoch - b.epoch)

    def _start_twin(self, config_b, state, labels, fork_epoch) -> None:
        self.twin = TwinRun(config_b, self.data, state, parent=self)
        self.twin.frame.connect(lambda _: self._pace())
        self.twin.set_speed(self.speed)
        self.twin.failed.connect(lambda message: self.view.show_status(f"Run B stopped: {message}"))
        self.compare_started.emit(self.twin, *labels, fork_epoch)
        if self.playing:
            self.twin.play()

    def stop_comparing(self) -> None:
        self._pending_forks.clear()
        if self.twin is not None:
            twin, self.twin = self.twin, None
            twin.stop()
            twin.deleteLater()
            self.compare_stopped.emit()

    def set_learning_rate(self, lr: float) -> None:
        self.config = self.config.with_changes(lr=lr)
        self.worker.set_learning_rate(lr)
        self.view.show_settings(self.config, self.data)

    def set_regularization(self, l1: float, l2: float) -> None:
        self.config = self.config.with_changes(l1=l1, l2=l2)
        self.worker.set_regularization(l1, l2)
        self.view.show_settings(self.config, self.data)

    def set_view(self, **changes) -> None:
        """Grid resolution, axes, focus neuron: what the frames show."""
        self.worker.set_view(**changes)

    def change(self, **changes) -> bool:
        """A structural change (data set, noise, layers, activation, ...): build a
        new run at once. Invalid combinations are refused with a message and
        leave everything as it was; returns whether the change was made."""
        try:
            config = self.config.with_changes(**changes)
            # a loaded CSV stays until another data set is picked; noise does not apply to it
            regenerate = config.dataset != "csv" and any(k in changes for k in ("dataset", "noise", "classes",
                                                                                 "data_seed"))
            data = make_dataset(config) if regenerate else self.data
            config = self._fit_loss(config, data)
            resolve_loss(config, data)
        except ValueError as exc:
            self.view.show_error("Cannot apply that setting", str(exc))
            self.view.show_settings(self.config, self.data)
            return False
        if "train_ratio" in changes and data.test_mask is not None:
            data = dataclasses.replace(data, test_mask=None)  # a new ratio splits drawn data afresh
        self.config, self.data = config, data
        if regenerate:
            self.csv_path = None
        if data is not self.editor_data:
            self._drop_edits()
        self._rebuild()
        return True

    # ---------------------------------------------------------- drawing data
    @property
    def editor_data(self):
        return None if self.editor is None else self.editor.data

    def _drop_edits(self) -> None:
        if self.editor is not None:
            self.editor = None
            self.edits_changed.emit(False, False)

    def edit_data(self, op: str, *args) -> bool:
        """A drawing edit: ("add", (x1, x2), label), ("erase", (x1, x2), radius),
        ("clear",), ("undo",) or ("redo",); ("begin_stroke",) and ("end_stroke",)
        make the edits between them one step for undo. The run goes on from its
        weights on the new data (and keeps playing if it was). Returns whether data changed."""
        if op not in ("add", "erase", "clear", "undo", "redo", "begin_stroke", "end_stroke"):
            raise ValueError(f"unknown drawing edit {op!r}")
        try:
            if self.editor is None or self.editor.data is not self.data:
                self.editor = DataEditor(self.data, self.config.train_ratio, self.config.data_seed)
                self.data = self.editor.data  # the same points, their train/test split now fixed
            data = getattr(self.editor, op)(*args)
        except ValueError as exc:
            self.view.show_status(f"Cannot draw here: {exc}")
            return False
        self.edits_changed.emit(self.editor.can_undo, self.editor.can_redo)
        if data is None:
            return False
        playing = self.playing
        self.data, self.csv_path = data, None
        self.config = self.config.with_changes(dataset="csv")
        self._rebuild(keep_weights=True)
        if playing and data.n_examples:
            self.play()
        return True

    def load_csv(self, path: str, options=None, data: Dataset | None = None, **settings) -> bool:
        """Load the user's CSV (read as data.columns.ImportOptions ``options`` say,
        or already read into ``data``), with run ``settings`` such as standardize
        and train_ratio from the import dialog; on any problem show it and keep
        everything as it was."""
        try:
            data = load_csv(path, options=options) if data is None else data
            config = self._fit_loss(self.config.with_changes(dataset="csv", **settings), data)
            resolve_loss(config, data)
        except (DataError, ValueError) as exc:
            self.view.show_error("Cannot load this file", str(exc))
            return False
        self.config, self.data, self.csv_path = config, data, str(path)
        self._drop_edits()
        self._rebuild()
        self.file_opened.emit(str(path))
        if data.notes:
            self.view.show_status("; ".join(data.notes))
        return True

    def apply_settings_text(self, text: str) -> bool:
        """Settings from ``TrainConfig.to_text``; a bad text is shown and changes nothing."""
        try:
            config = TrainConfig.from_text(text)
        except ValueError as exc:
            self.view.show_error("Cannot use these settings", str(exc))
            return False
        changes = {k: v for k, v in config.to_dict().items() if k != "extra"}
        if config.dataset == "csv" and self.config.dataset != "csv":
            changes.pop("dataset")  # there is no CSV to apply them to: keep the current data
        return self.change(**changes)

    def check_gradients(self) -> None:
        """Run a gradient check in the worker; the answer comes as gradient_checked."""
        self.worker.request_gradient_check(self.generation)

    def _on_gradcheck(self, token: int, result) -> None:
        if token != self.generation:
            return
        if result is None:
            self.view.show_status("There is no training data to check the gradients on.")
        else:
            self.gradient_checked.emit(result)

    def save_session(self, path: str) -> None:
        """Ask the worker for the run's full state; the file is written when it comes."""
        token = next(self._save_tokens)
        self._pending_saves[token] = str(path)
        self.worker.request_state(token)

    def save_session_now(self, path: str, timeout_ms: int = 3000) -> bool:
        """Save and wait for it (for closing time); False if the worker did not answer."""
        from PySide6.QtCore import QEventLoop

        if not self.worker.is_alive():
            return False
        loop = QEventLoop()
        done = []
        self.session_saved.connect(loop.quit)
        self.session_saved.connect(done.append)
        QTimer.singleShot(timeout_ms, loop.quit)
        self.save_session(path)
        loop.exec()
        self.session_saved.disconnect(loop.quit)
        return bool(done)

    def open_session(self, path: str, quiet: bool = False) -> bool:
        """Open a .nnplay file; on any problem show it (in the status bar when
        ``quiet``) and keep everything as it was."""
        try:
            session = load_session(path)
            resolve_loss(session.config, session.data)
        except (SessionError, ValueError) as exc:
            if quiet:
                self.view.show_status(f"The last session could not be restored: {exc}")
            else:
                self.view.show_error("Cannot open this session", str(exc))
            return False
        self.config, self.data = session.config, session.data
        self._drop_edits()
        self.csv_path = session.source[4:] if session.source.startswith("csv:") else None
        self.session_path = str(path)
        self._rebuild(session.state)
        self.file_opened.emit(str(path))
        return True

    def session(self, state: dict | None) -> Session:
        """The current settings and data with ``state`` (a Trainer.state_dict from the worker), to save."""
        source = f"csv:{self.csv_path}" if self.csv_path else ("drawn" if self.data.edited else "generated")
        return Session(self.config, self.data, state, source)

    def _on_state(self, token: int, state) -> None:
        fork = self._pending_forks.pop(token, None)
        if fork is not None and state is not None:
            config_b, labels = fork
            state = dict(state, batch_order=None, batch_at=0, diverged_at=None)
            if config_b.optimizer != self.config.optimizer:
                state.update(optimizer={}, optimizer_t=0)
            self._start_twin(config_b, state, labels, int(state["epoch"]))
            return
        path = self._pending_saves.pop(token, None)
        if path is None:
            return
        try:
            save_session(path, self.session(state))
        except (OSError, TypeError, ValueError) as exc:
            self.view.show_error("Cannot save the session", f"{path}: {exc}")
            return
        self.session_path = path
        self.session_saved.emit(path)

    # ---------------------------------------------------------------- helpers
    @staticmethod
    def _fit_loss(config: TrainConfig, data: Dataset) -> TrainConfig:
        """Keep the chosen loss where it suits the data, else fall back to auto."""
        try:
            resolve_loss(config, data)
            return config
        except ValueError:
            return config.with_changes(loss="auto")

    def _rebuild(self, state: dict | None = None, keep_weights: bool = False) -> None:
        """A new run of the current settings and data; ``state`` (a saved
        Trainer.state_dict) continues a saved run instead of starting afresh;
        ``keep_weights`` goes on from the current run's weights on new data."""
        self.generation += 1
        self.playing = False
        self.stop_comparing()
        self.view.set_playing(False)
        self.view.show_settings(self.config, self.data)
        if state is not None:
            self.worker.restore(self.generation, self.config, self.data, state)
        elif keep_weights:
            self.worker.replace_data(self.generation, self.config, self.data)
        else:
            self.worker.rebuild(self.generation, self.config, self.data)

    def _on_run_started(self, generation: int, info: RunInfo) -> None:
        if generation != self.generation:
            return
        self.run_info = info
        self.last_frame = None
        self.view.show_run(info)

    def _on_frame(self, frame: Frame) -> None:
        try:
            if frame.generation != self.generation or self.run_info is None:
                self.frames_dropped += 1  # from a run that has been reset or rebuilt since
                return
            self.last_frame = frame
            snap = frame.snapshot
            if self.playing and not frame.playing and (snap.diverged_at is not None or
                                                       len(self.run_info.train_index) == 0):
                self.playing = False  # the loop stopped by itself: divergence, or nothing to train on
                self.view.set_playing(False)
            self._pace()
            self.view.show_frame(frame)
            self.frames_drawn += 1
            self.frame_drawn.emit(frame)
        finally:
            # Acknowledge from a (1 ms) timer, not at once: timers run only after the
            # paint and input events now queued, so the next frame can never starve
            # them, however fast the thread trains.
            QTimer.singleShot(1, self.worker.frame_done)

    def _on_failed(self, generation: int, message: str) -> None:
        self.playing = False
        self.view.set_playing(False)
        self.view.show_error("Training stopped", message)
