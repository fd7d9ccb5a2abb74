"""The playground window: Data | Network | Output | Gradients, with the run
controls and live figures along the top."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from ..numbers import format_number, format_percent
from ..training import TrainConfig
from ..training.health import diverged_words
from .autosave import Autosaver, restore_at_start
from .compare import CompareWindow, ForkDialog
from .shared_plane import compare_plane, follow_plane
from .controller import PlaygroundController
from .diagram_menu import network_edit
from .elide import short_name
from .epoch_readout import epoch_text, new_run_readouts, rate_text
from .file_choices import FileChoices
from .import_dialog import CsvDrop, import_csv, load_remembered
from .landscape_view import connect_landscape, landscape_window
from .lessons_panel import install_lessons
from .loss_text import NOTHING_TO_TRAIN, loss_text, loss_tooltip
from .one_paint import OnePaintPerFrame
from .paste_note import copy_settings
from .presentation import install_presentation
from .run_controls import (  # noqa: F401 (SPEEDS: the paces)
    DEFAULT_SPEED,
    SPEEDS,
    build_actions,
    build_toolbar,
    show_playing,
)
from .side_windows import inspector_made, inspector_window
from .status_bar import StatusBar
from .window_columns import build_columns
from .window_files import FileActions
from .window_gates import WindowGates
from .window_menus import build_menus
from .window_settings import remember_toggle, restore_settings, save_settings
from .worker import MAX_SPEED
from .screen_fit import resize_within_screen


class PlaygroundWindow(FileActions, QMainWindow):
    landscape_window = property(landscape_window)  # Run › Loss landscape, made when first asked for
    landscape = property(lambda self: self.landscape_window.view)
    inspector = property(inspector_window)  # Run › Backprop inspector, made when first asked for

    def __init__(self, config: TrainConfig | None = None, start: bool = True, settings=None,
                 autosave_path: str | None = None, unclean_exit: bool = False, autosave: bool = True):
        """``settings``: a QSettings to remember geometry, panels and options in
        (None: nothing is remembered, as in tests); ``autosave_path``: where the
        session is kept between runs when "Restore last session" is on (autosave.py:
        ``unclean_exit`` asks before restoring; ``autosave`` False saves only at close)."""
        super().__init__()
        self.setWindowTitle("nnplay")
        self.setObjectName("nnplay_main_window")
        resize_within_screen(self, 1280, 800)
        self.setStatusBar(StatusBar(self))  # a long message elided, whole in its tooltip (status_bar.py)
        self.settings = settings
        self.autosave_path = autosave_path
        self._last_error = ""  # the last refusal shown in the status bar
        self._csv_drop = CsvDrop(self)  # a file dropped on the window opens (a CSV through the import dialog)
        self.guide = None  # Help > Guide, made when first asked for
        self._paced_speed = DEFAULT_SPEED  # the pace Max goes back to
        build_actions(self)
        build_toolbar(self)
        build_columns(self)
        build_menus(self)
        self.controller = PlaygroundController(self, config)
        self.gates = WindowGates(self)  # a panel that is not visible costs nothing (visibility.py)
        self.one_paint = OnePaintPerFrame(self)  # a frame is painted in one pass (one_paint.py)
        self.controller.run.ack_at = self.one_paint.at_paint  # the next frame made while this one paints
        self._connect()
        connect_landscape(self)
        self._file_choices = FileChoices(self)  # Standardize and the share changed for a CSV stay with its file
        self.curves.smoothing.changed.connect(self.gradients.set_smoothing)  # one smoothing for every curve
        self.lessons_dock = install_lessons(self)  # Help > Lessons
        self.presentation = install_presentation(self)  # View: presentation, zoom, panels
        self._splitter_states = restore_settings(self)
        self._speed_chosen()
        self.autosaver = Autosaver(self.controller, autosave_path, self.restore_action.isChecked) if autosave_path else None
        if start:
            self.controller.start()
            restore_at_start(self, self.autosaver, unclean_exit, restore=config is None, periodic=autosave)

    def _connect(self) -> None:
        c = self.controller
        self.play_action.triggered.connect(c.toggle_play)
        self.step_action.triggered.connect(lambda: c.step(1))
        self.reset_action.triggered.connect(c.reset)
        self.step_batch_action.triggered.connect(lambda: c.step_batch(1))
        self.inspect_action.triggered.connect(self.show_inspector)
        self.compare_action.triggered.connect(self.ask_to_compare)
        c.compare_started.connect(self._compare_started)
        c.run.started.connect(lambda _info: self.menu_states.refresh())  # after show_run: actions follow the run
        c.run.started.connect(lambda info: info.notes and self.show_status(" ".join(info.notes)))  # what was dropped
        c.compare_stopped.connect(lambda: self.compare_window is not None and self.compare_window.close_quietly())
        self.load_action.triggered.connect(self.ask_for_csv)
        self.open_session_action.triggered.connect(self.ask_to_open_session)
        self.save_session_action.triggered.connect(self.ask_to_save_session)
        c.session_saved.connect(lambda path: self.statusBar().showMessage(f"Saved {path}", 5000))
        c.session_saved.connect(self.remember_file)
        c.file_opened.connect(self.remember_file)
        self.quit_action.triggered.connect(self.close)
        self.speed.activated.connect(lambda _: self._speed_chosen())
        self.max_speed_action.toggled.connect(self._max_speed_toggled)
        self.data_panel.bind(c.state)  # the panels show the run's state and write to it
        self.network_panel.bind(c.state)
        self.schedule_menus.bind(c.state)
        c.state.subscribe(lambda _: self.set_playing(c.state.playing), ("playing",))
        c.state.subscribe(lambda _: self._show_source(c.state.source), ("source",))
        c.state.subscribe(lambda changed: "data" in changed or self.statusBar().showMessage(  # (not a session's)
            f"Learning rate {format_number(c.state.config.lr)}, applied from the next step.", 4000), ("lr",))
        self.data_panel.load_csv_requested.connect(self.ask_for_csv)
        self.diagram.neuron_hovered.connect(lambda focus: c.set_view(focus=focus))
        self.diagram.run_command.connect(lambda command: network_edit(c, command))  # a weight or bias typed or scrubbed, a freeze, a prune
        self.diagram.setting_chosen.connect(lambda changes: c.change(**changes))
        c.state.subscribe(lambda _: self.diagram.activation_labels.show_dropout(c.state.config.dropout), ("dropout",))
        self.gradients.editing.edited.connect(lambda command: network_edit(c, command))  # a weight typed in its heatmap cell
        follow_plane(self)  # a pair of inputs picked: both runs' pictures and Compare's panes over it
        self.boundary.edit_requested.connect(lambda op: c.edit_data(*op))
        c.edits_changed.connect(self.boundary.set_edits)
        self.gradients.check_requested.connect(c.check_gradients)
        self.lower_tabs.currentChanged.connect(lambda _: self._request_tab_views())
        self.hidden_space.layer_changed.connect(lambda _: self._request_tab_views())
        c.gradient_checked.connect(self.gradients.show_check)

    # --------------------------------------------------- the view protocol
    def _show_source(self, path: str | None) -> None:
        # Qt adds " — nnplay" (the application's display name) to a title that is not "nnplay" itself
        self.setWindowTitle(short_name(Path(path).name, 80) if path else "nnplay")  # (a file name may be long)

    def show_run(self, info) -> None:
        if self.statusBar().currentMessage() and self.statusBar().currentMessage() == self._last_error:
            self.statusBar().clearMessage()  # a refusal is not news once a run is built
        new_run_readouts(self)  # (no banner, and no numbers of the last run beside the new run's points)
        self.boundary.set_run(info)
        self.curves.set_run(info)
        self.metrics.set_run(info)
        self.hidden_space.set_run(info)
        self.distributions.set_run(info)
        self._request_tab_views()
        self.gradients.set_run(info)
        self.diagram.set_run(info)
        self.network_panel.fold.fit()  # a taller layer may need the settings folded (diagram_room)
        self.presentation.columns.content_changed()  # (the curves may fit now, or no more: column_fit)
        if self.controller.twin is not None and self.compare_window is not None:
            self.compare_window.set_run("A", info)

    def show_frame(self, frame) -> None:
        snap = frame.snapshot
        self.one_paint.begin()
        self.gates.offer(frame)  # the output view and the diagram, drawn only while seen (window_gates)
        self.curves.add_frame(frame)
        self.metrics.set_frame(frame)
        self.hidden_space.set_frame(frame)
        self.distributions.set_frame(frame)
        self.gradients.set_frame(frame)
        if inspector_made(self) is not None and self.inspector.isVisible():
            self.inspector.set_trace(snap.trace, snap.diverged_at)
        if self.controller.twin is not None and self.compare_window is not None:
            self.compare_window.set_frame("A", frame)
        self._show_stats(frame)
        if snap.diverged_at is not None:
            self.banner.setText(
                diverged_words(snap.diverged_at, self.controller.state.config.lr) + ", then press Reset (R). "
                f"The weights shown are the last finite ones, from epoch {snap.epoch}.")
            self.banner.show()
        elif self.banner.isVisible():
            self.banner.hide()

    def show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, 10000)

    def show_error(self, title: str, message: str) -> None:
        self._last_error = message
        self.statusBar().showMessage(message, 10000)  # until the next run starts (show_run clears it)
        QMessageBox.warning(self, title, message)

    def set_playing(self, playing: bool) -> None:
        show_playing(self, playing)  # (run_controls: the toolbar's Play / Pause, and the rate read-out with it)

    # ------------------------------------------------------------- helpers
    def _show_stats(self, frame) -> None:
        s = frame.snapshot
        self.stats["epoch"].setText(epoch_text(s))  # within a long epoch too (epoch_readout)
        self.stats["rate"].setText(rate_text(frame, self.controller.state.playing))  # as the Play button says

        def pct(v):
            return format_percent(v)

        if len(self.controller.run_info.train_index) == 0:  # nothing measured: no numbers of an earlier run
            self.stats["loss"].setText(NOTHING_TO_TRAIN)
            self.loss_tip.set(NOTHING_TO_TRAIN)
            self.stats["accuracy"].setText("")
            return
        self.stats["loss"].setText(loss_text(s.train_loss, s.test_loss, s.penalty))
        self.loss_tip.set(lambda: loss_tooltip(s.train_loss, s.test_loss, s.penalty))  # (made on a hover: tip.py)
        if s.train_accuracy is None:
            self.stats["accuracy"].setText("")
        else:
            self.stats["accuracy"].setText(
                f"Accuracy: train <b>{pct(s.train_accuracy)}</b>  test <b>{pct(s.test_accuracy)}</b>")

    def ask_for_csv(self) -> None:
        path = self._ask_open("Load a CSV file", "csv", "CSV files (*.csv *.tsv *.txt);;All files (*)")
        if path:
            import_csv(self, path)

    def copy_settings(self) -> None:
        copy_settings(self)

    def paste_settings(self) -> None:
        from PySide6.QtWidgets import QApplication

        self.controller.apply_settings_text(QApplication.clipboard().text())

    def ask_to_open_session(self) -> None:
        path = self._ask_open("Open a session", "session", "nnplay sessions (*.nnplay);;All files (*)")
        if path:
            self.controller.open_session(path)

    def ask_to_save_session(self) -> None:
        path = self._ask_save("Save the session", self._session_default(), "nnplay sessions (*.nnplay)",
                              kind="session", suffix=".nnplay")
        if path:
            if not path.endswith(".nnplay"):
                path += ".nnplay"
            self.controller.save_session(path)

    def show_guide(self) -> None:
        from .guide import GuideWindow

        if self.guide is None:
            self.guide = GuideWindow(self)
        self.guide.show()
        self.guide.raise_()

    def _speed_chosen(self) -> None:
        speed = self.speed.currentData()
        if speed != MAX_SPEED:
            self._paced_speed = speed
        self.max_speed_action.setChecked(speed == MAX_SPEED)
        self.controller.set_speed(speed)

    def _max_speed_toggled(self, on: bool) -> None:
        current = self.speed.currentData()
        if on == (current == MAX_SPEED):
            return
        if on:
            self._paced_speed = current
        self.speed.setCurrentIndex(self.speed.findData(MAX_SPEED if on else self._paced_speed))
        self._speed_chosen()

    def _about(self) -> None:
        from .guide import about_text

        QMessageBox.about(self, "About nnplay", about_text())

    def open_file(self, path: str) -> bool:
        """A session by its .nnplay suffix, anything else as CSV."""
        if path.lower().endswith(".nnplay"):
            return self.controller.open_session(path)
        return load_remembered(self, path)

    def _request_tab_views(self) -> None:
        """Ask for the metrics and the hidden-space picture only while their tab is
        open: each costs the worker a pass over the data on every frame."""
        tab = self.lower_tabs.currentWidget()
        self.controller.set_view(quality=tab is self.metrics, distributions=tab is self.distributions,
                                 hidden_layer=self.hidden_space.current_layer() if tab is self.hidden_space else None)

    def set_colorblind(self, on: bool) -> None:
        from .colors import set_palette

        set_palette("colorblind" if on else "default")
        # every view that keeps colours of its own (pens, keys, thumbnails, plots made once): side windows too
        for view in dict.fromkeys([*self.findChildren(QWidget), *filter(None, [inspector_made(self)])]):
            if callable(getattr(view, "refresh_colours", None)):
                view.refresh_colours()
        if self.controller.run_info is not None:
            self.boundary._update_points()
        if self.controller.last_frame is not None:
            self.show_frame(self.controller.last_frame)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        # panel sizes only mean something once the window has its size
        states, self._splitter_states = self._splitter_states, None
        if states:
            self.presentation.chosen.restore(states)  # the user's, at the zoom the window opens at

    def ask_to_compare(self) -> None:
        dialog = ForkDialog(self.controller.state.config, self)
        if dialog.exec() == ForkDialog.DialogCode.Accepted:
            changes, restart = dialog.result_changes()
            self.controller.fork(restart, **changes)

    def _compare_started(self, twin, describe_a: str, describe_b: str, fork_epoch) -> None:
        if self.compare_window is None:
            self.compare_window = CompareWindow(self)
            remember_toggle(self.settings, "compare_log_scale", self.compare_window.log_scale)
            self.compare_window.stop_requested.connect(self.controller.stop_comparing)
            compare_plane(self, self.compare_window)  # its panes over the window's pair of inputs
            self.controller.comparison.relabelled.connect(self.compare_window.set_labels)  # (run A's settings, live)
            # the run's keys (Space, Right, R, M...) drive both runs from the comparison's window too
            self.compare_window.addActions([self.play_action, self.step_action, self.reset_action,
                                            self.max_speed_action])
        cw = self.compare_window
        cw.begin(describe_a, describe_b, fork_epoch)
        c = self.controller
        if c.run_info is not None:
            cw.set_run("A", c.run_info)
            cw.curves["A"].load(self.curves.history)
            if c.last_frame is not None:
                cw.views["A"].set_frame(c.last_frame)
                cw.show_stats("A", c.last_frame.snapshot)
        twin.started.connect(lambda info: cw.set_run("B", info))
        twin.frame.connect(lambda frame: cw.set_frame("B", frame))
        cw.show()
        cw.raise_()

    def show_inspector(self) -> None:
        self.inspector.show()
        self.inspector.raise_()
        self.inspector.activateWindow()
        if self.controller.last_frame is not None and self.controller.last_frame.snapshot.trace is not None:
            self.inspector.set_trace(self.controller.last_frame.snapshot.trace)

    def closeEvent(self, event) -> None:
        if inspector_made(self) is not None:
            self.inspector.close()
        if self.compare_window is not None:
            self.compare_window.close_quietly()
        save_settings(self)
        if self.autosaver is not None:
            self.autosaver.stop()  # waits for a background save, then saves the session one last time
        self.controller.shutdown()
        super().closeEvent(event)
