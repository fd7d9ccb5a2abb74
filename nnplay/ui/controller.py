"""The controller: listens to the run's state (``RunState``, which the controls
write to) and tells the training process (a ``RunHandle``); hands the frames to
a view. The view is any object with the methods of ``PlaygroundView``; the
window is one, and tests may pass another."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, Signal

from ..data import DataError, load_csv
from ..data.drawing import DataEditor
from ..training import LIVE_SETTINGS, RunInfo, TrainConfig
from ..training.commands import Build, SetLearningRate, SetRegularization
from ..training.run_state import FIELDS, RunState
from .comparison import FORKABLE, Comparison
from .diverged import diverged_epoch, reset_first
from .drawing_tools import cleared_note
from .file_folders import absolute
from .loss_text import NOTHING_TO_TRAIN
from .run_handle import RunHandle
from .paste_note import apply_pasted
from .schedule_controls import LIVE as LIVE_17
from .schedule_controls import live_commands
from .session_files import SessionFiles
from .worker import Frame


class PlaygroundView(Protocol):
    def show_run(self, info: RunInfo) -> None: ...
    def show_frame(self, frame: Frame) -> None: ...
    def show_error(self, title: str, message: str) -> None: ...
    def show_status(self, message: str) -> None: ...


class PlaygroundController(SessionFiles, QObject):
    """Every run action arrives here; a change of settings arrives through the
    run state: the learning and regularisation rates change the run live, any
    other setting builds a new run."""

    frame_drawn = Signal(object)  # Frame, after the view has drawn it (tests and benchmarks listen)
    session_saved = Signal(str)  # path
    gradient_checked = Signal(object)  # Trainer.gradient_check() result, or a one-line refusal (str)
    file_opened = Signal(str)  # a session or CSV that was opened successfully
    edits_changed = Signal(bool, bool)  # (can undo, can redo) a drawing edit
    compare_started = Signal(object, str, str, object)  # RunHandle of run B, what A is, what B is, fork epoch
    compare_stopped = Signal()
    FORKABLE = FORKABLE

    def __init__(self, view: PlaygroundView, config: TrainConfig | None = None, parent=None):
        super().__init__(parent)
        self.view = view
        self.state = RunState(config)
        self.run = RunHandle(parent=self)
        self.run.started.connect(self._on_run_started)
        self.run.frame.connect(self._on_frame)
        self.run.failed.connect(self._on_failed)
        self.run.state_ready.connect(self._on_state)
        self.run.gradcheck_ready.connect(self._on_gradcheck)
        self.run.rebuild = lambda generation: Build(generation, self.config, self.data)  # after the process died
        self.comparison = Comparison(self.run, parent=self, is_playing=lambda: self.state.playing, state=self.state)
        self.comparison.started.connect(self.compare_started)
        self.comparison.stopped.connect(self.compare_stopped)
        self.comparison.failed.connect(lambda message: self.view.show_status(f"Run B stopped: {message}"))
        self._tokens = iter(range(1, 2**62))
        self._init_sessions()
        self._next_build: dict = {}  # how the next rebuild goes on from the current run
        self._built = False  # the state now set describes a run already built
        self.editor: DataEditor | None = None  # undo/redo of points drawn by hand, for the current data
        self._origin = None  # (the data the editor began with, its dataset setting, its file): what undo goes back to
        self.state.subscribe(self._settings_changed, ("config", "data"))
        self.state.subscribe(lambda _: self.view.show_error("Cannot apply that setting", self.state.refusal),
                             ("refused",))

    # the run's state, read where it lives
    config = property(lambda self: self.state.config)
    data = property(lambda self: self.state.data)
    csv_path = property(lambda self: self.state.source)
    playing = property(lambda self: self.state.playing)
    generation = property(lambda self: self.run.generation)
    last_frame = property(lambda self: self.run.last_frame)
    run_info = property(lambda self: self.run.run_info)
    worker = property(lambda self: self.run.worker)
    frames_drawn = property(lambda self: self.run.frames_drawn)
    frames_dropped = property(lambda self: self.run.frames_dropped)
    twin = property(lambda self: self.comparison.twin)
    speed = property(lambda self: self.comparison.speed)

    # ------------------------------------------------------------- lifecycle
    def start(self) -> None:
        self.run.start()
        self._rebuild()

    def shutdown(self) -> None:
        """Stop the training processes and their relays (idempotent)."""
        self.stop_comparing()
        self.run.stop()  # also when the process has died: it closes the command queue

    # ------------------------------------------------------------------ run
    def play(self) -> None:
        if diverged_epoch(self) is not None:  # said, with the way out (an opened diverged session: nothing said)
            return self.view.show_status(reset_first(diverged_epoch(self), "play"))
        if self._nothing_to_train():
            return
        self.state.set(playing=True)
        self.run.play()
        self.comparison.play()

    def pause(self) -> None:
        self.state.set(playing=False)
        self.run.pause()
        self.comparison.pause()

    def toggle_play(self) -> None:
        self.pause() if self.playing else self.play()

    def step(self, epochs: int = 1) -> None:
        self._step("step", epochs)

    def step_batch(self, batches: int = 1) -> None:
        """One optimizer step on the next mini-batch (the backprop inspector's step)."""
        self._step("step_batch", batches)

    def _step(self, how: str, n: int) -> None:
        """Pause, then ``how`` ("step": epochs, "step_batch": mini-batches) ``n`` on both runs."""
        if self._nothing_to_train():
            return
        if self.playing:
            self.pause()
        getattr(self.run, how)(n)
        getattr(self.comparison, how)(n)

    def _nothing_to_train(self) -> bool:
        """No training points (all cleared or erased): say so in the status bar, instead of doing nothing."""
        if self.run_info is None or len(self.run_info.train_index):
            return False
        self.view.show_status(f"Cannot train. {NOTHING_TO_TRAIN}")
        return True

    def reset(self) -> None:
        self.state.set(playing=False)
        self.run.reset()
        self.comparison.reset()

    def set_speed(self, epochs_per_frame: int) -> None:
        self.run.set_speed(epochs_per_frame)
        self.comparison.set_speed(epochs_per_frame)

    def set_view(self, **changes) -> None:
        """Grid resolution, axes, focus neuron: what the frames show."""
        self.run.set_view(**changes)

    # ------------------------------------------------------------ comparing
    def fork(self, restart: bool = False, **changes) -> bool:
        """Compare this run (A) with a copy (B) that has ``changes``. B goes on from
        A's weights, history and epoch, or with ``restart`` both start afresh from
        the same seed. Returns whether the comparison starts."""
        try:
            config_b, labels = Comparison.check(self.config, self.data, changes, restart)
        except ValueError as exc:
            self.view.show_error("Cannot compare", str(exc))
            return False
        self.stop_comparing()
        if restart:
            self.reset()
            self.comparison.start(config_b, self.data, None, labels, None)
        else:
            self.comparison.fork_from_state(next(self._tokens), config_b, labels)
        return True

    def stop_comparing(self) -> None:
        self.comparison.stop()

    # ------------------------------------------------------------- settings
    def change(self, **changes) -> bool:
        """Change the settings named (see ``RunState.apply``); a refused change is
        shown and leaves everything as it was. Returns whether it was made."""
        return self.state.apply(**changes)

    def set_learning_rate(self, lr: float) -> bool:
        return self.state.apply(lr=lr)

    def set_regularization(self, l1: float, l2: float) -> bool:
        return self.state.apply(l1=l1, l2=l2)

    def apply_settings_text(self, text: str) -> bool:
        """Settings from ``TrainConfig.to_text``, applied as a patch: the settings
        the text names change, nothing else; a bad text is shown and changes nothing."""
        try:
            changes = TrainConfig.text_patch(text)
        except ValueError as exc:
            self.view.show_error("Cannot use these settings", str(exc))
            return False
        return apply_pasted(self, changes)

    def _settings_changed(self, changed: frozenset) -> None:
        """The run state's settings or data changed: tell the training process."""
        if self._built:
            return
        settings = changed - set(FIELDS)
        if "data" not in changed and settings <= set(LIVE_SETTINGS) | set(LIVE_17):
            c = self.config
            if "lr" in settings:
                self.run.send(SetLearningRate(c.lr))
            if settings & {"l1", "l2"}:
                self.run.send(SetRegularization(c.l1, c.l2))
            for command in live_commands(c, settings):  # dropout, schedule, clipping (issue 17)
                self.run.send(command)
            return
        if self.editor is not None and self.editor.data is not self.data:
            self._drop_edits()
        build, self._next_build = self._next_build, {}
        self._rebuild(**build)

    def _set_built(self, **values) -> None:
        """Set the run state to a run that is already built."""
        self._built = True
        try:
            self.state.set(**values)
        finally:
            self._built = False

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
                self._set_built(data=self.editor.data)  # the same points, their train/test split now fixed
                self._origin = (self.editor.data, self.config.dataset, self.state.source)
            before, data = self.editor.data.n_examples, getattr(self.editor, op)(*args)
        except ValueError as exc:
            self.view.show_status(f"Cannot draw here: {exc}")
            return False
        self.edits_changed.emit(self.editor.can_undo, self.editor.can_redo)
        if data is None:
            return False
        playing = self.playing
        self._next_build = {"keep_weights": True}
        # the data's true origin (fault 1, round 15): undone back to the first data, its built-in set
        # (with its generator's settings, kept in the config) or its file; any other step, drawn points
        _, dataset, source = self._origin if data is self._origin[0] else (data, "csv", None)
        self.state.set(data=data, source=source, config=self.config.with_changes(dataset=dataset))
        if op == "clear":  # never gone unnoticed (a stray Space: tester 20)
            self.view.show_status(cleared_note(before))
        if playing and data.n_examples:
            self.play()
        return True

    # ------------------------------------------------------------ files
    def load_csv(self, path: str, options=None, data=None, **settings) -> bool:
        """Load the user's CSV (read as data.columns.ImportOptions ``options`` say,
        or already read into ``data``), with run ``settings`` such as standardize
        and train_ratio from the import dialog; on any problem show it and keep
        everything as it was."""
        try:
            data = load_csv(path, options=options) if data is None else data
            config, data = self.state.patched({"dataset": "csv", **settings}, data=data)
        except (DataError, ValueError) as exc:
            self.view.show_error("Cannot load this file", str(exc))
            return False
        self._drop_edits()
        path = absolute(path)  # the session and recent files keep it: it must open from any folder
        self.state.set(config=config, data=data, source=path)
        self.file_opened.emit(path)
        if data.notes:
            self.view.show_status("; ".join(data.notes))
        return True

    def check_gradients(self) -> None:
        """Run a gradient check in the training process; the answer comes as gradient_checked
        (a one-line refusal, a str, for a run that has diverged)."""
        diverged = diverged_epoch(self)
        if diverged is not None:
            self.gradient_checked.emit(reset_first(diverged, "check the gradients"))
            return
        self.run.request_gradient_check(self.generation)

    def _on_gradcheck(self, token: int, result) -> None:
        if token != self.generation:
            return
        if result is None:
            self.view.show_status("There is no training data to check the gradients on.")
        else:
            self.gradient_checked.emit(result)

    # ------------------------------------------------------------ the run
    def _rebuild(self, state: dict | None = None, keep_weights: bool = False) -> None:
        """A new run of the current settings and data; ``state`` (a saved
        Trainer.state_dict) continues a saved run instead of starting afresh;
        ``keep_weights`` goes on from the current run's weights on new data."""
        self.stop_comparing()
        self.state.set(playing=False)
        self.run.build(self.config, self.data, state, keep_weights)

    def _on_run_started(self, info: RunInfo) -> None:
        if (opening := self._opening.pop(self.generation, None)) is not None:
            return self._opened(info, *opening[:2])  # (it shows the run, then the picture the file kept)
        self.view.show_run(info)

    def _on_frame(self, frame: Frame) -> None:
        snap = frame.snapshot
        if self.playing and not frame.playing and (snap.diverged_at is not None or
                                                   len(self.run_info.train_index) == 0):
            self.state.set(playing=False)  # the loop stopped by itself: divergence, or nothing to train on
        self.state.set(epoch=snap.epoch)
        self.comparison.pace()
        self.view.show_frame(frame)
        self.frame_drawn.emit(frame)

    def _on_failed(self, generation: int, message: str) -> None:
        opening = self._opening.pop(generation, None)
        if opening is not None:  # the file's weights do not fit its settings: nothing changes
            _, path, quiet = opening
            self._refuse_session(f"{path}: {message}", quiet)
            return
        if not self.run.failure_current:  # a run no longer asked for (a newer one was, since): its refusal stops
            return  # nothing (it stopped a reset's new run, as a dialog: the flaky test fixture's "Training stopped")
        self.state.set(playing=False)
        self.view.show_error("Training stopped", message)
