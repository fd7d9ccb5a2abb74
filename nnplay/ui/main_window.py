"""The playground window: Data | Network | Output | Gradients, with the run
controls and live figures along the top."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox, QFileDialog, QLabel, QMainWindow, QMessageBox, QScrollArea, QSizePolicy, QSplitter, QStyle,
    QTabWidget, QToolBar, QVBoxLayout, QWidget,
)

from ..numbers import format_percent
from ..training import TrainConfig
from .autosave import Autosaver, restore_at_start
from .controller import PlaygroundController
from .data_panel import DataPanel
from .decision_boundary import DecisionBoundaryView
from .gradients import GradientView
from .loss_curves import LossCurvesView
from .loss_text import loss_text, loss_tooltip
from .hidden_space import HiddenSpaceView
from .compare import CompareWindow, ForkDialog
from .import_dialog import CsvDrop, import_csv, load_remembered
from .inspector import InspectorWindow
from .metrics_view import MetricsView
from .network_diagram import NetworkDiagram
from .network_panel import NetworkPanel
from .guide import SECTION_TIPS
from .widgets import Section, named
from .worker import MAX_SPEED

DEFAULT_SPEED = 1  # TensorFlow Playground's pace: one epoch per frame, so the boundary is seen forming
SPEEDS = [(1, "1 epoch/frame"), (2, "2 epochs/frame"), (5, "5 epochs/frame"), (10, "10 epochs/frame"),
          (20, "20 epochs/frame"), (50, "50 epochs/frame"), (100, "100 epochs/frame"), (MAX_SPEED, "Max speed")]


class PlaygroundWindow(QMainWindow):
    def __init__(self, config: TrainConfig | None = None, start: bool = True, settings=None,
                 autosave_path: str | None = None, unclean_exit: bool = False, autosave: bool = True):
        """``settings``: a QSettings to remember geometry, panels and options in
        (None: nothing is remembered, as in tests); ``autosave_path``: where the
        session is kept between runs when "Restore last session" is on (autosave.py:
        ``unclean_exit`` asks before restoring; ``autosave`` False saves only at close)."""
        super().__init__()
        self.setWindowTitle("nnplay")
        self.setObjectName("nnplay_main_window")
        self.resize(1280, 800)
        self.settings = settings
        self.autosave_path = autosave_path
        self._csv_drop = CsvDrop(self)  # a file dropped on the window opens (a CSV through the import dialog)
        self.guide = None  # Help > Guide, made when first asked for
        self._paced_speed = DEFAULT_SPEED  # the pace Max goes back to
        self._build_actions()
        self._build_toolbar()
        self._build_columns()
        self._build_menu()
        self.controller = PlaygroundController(self, config)
        self._connect()
        self._restore_settings()
        self._speed_chosen()
        self.autosaver = Autosaver(self.controller, autosave_path, self.restore_action.isChecked) if autosave_path else None
        if start:
            self.controller.start()
            restore_at_start(self, self.autosaver, unclean_exit, restore=config is None, periodic=autosave)

    # ------------------------------------------------------------ building
    def _build_actions(self) -> None:
        style = self.style()
        self.play_action = QAction(style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay), "Play", self)
        self.play_action.setShortcut(QKeySequence(Qt.Key.Key_Space))
        self.step_action = QAction(style.standardIcon(QStyle.StandardPixmap.SP_MediaSkipForward), "Step", self)
        self.step_action.setShortcut(QKeySequence(Qt.Key.Key_Right))
        self.reset_action = QAction(style.standardIcon(QStyle.StandardPixmap.SP_BrowserReload), "Reset", self)
        self.reset_action.setShortcut(QKeySequence(Qt.Key.Key_R))
        self.load_action = QAction("Load CSV…", self)
        self.load_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_session_action = QAction("Open session…", self)
        self.open_session_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.save_session_action = QAction("Save session…", self)
        self.save_session_action.setShortcut(QKeySequence.StandardKey.Save)
        self.inspect_action = QAction("Backprop inspector", self)
        self.inspect_action.setShortcut(QKeySequence("Ctrl+B"))
        self.inspect_action.setIconText("Inspect")
        self.inspect_action.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView))
        self.compare_action = QAction("Compare runs…", self)
        self.compare_action.setIconText("Compare")
        self.compare_action.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_TitleBarNormalButton))
        self.compare_action.setShortcut(QKeySequence("Ctrl+K"))
        self.step_batch_action = QAction("Step one mini-batch", self)
        self.step_batch_action.setShortcut(QKeySequence("Shift+Right"))
        self.quit_action = QAction("Quit", self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        for a, tip in ((self.play_action, "Start or pause training (Space)."),
                       (self.step_action, "Train exactly one epoch (Right arrow)."),
                       (self.reset_action, "Start again from fresh weights (R)."),
                       (self.load_action, "Load your own data from a CSV file (Ctrl+O)."),
                       (self.open_session_action, "Open a saved .nnplay session (Ctrl+Shift+O)."),
                       (self.save_session_action, "Save settings, data, weights and history to a .nnplay file (Ctrl+S)."),
                       (self.inspect_action, "Open the backprop inspector: every number of one mini-batch's "
                                             "step, layer by layer (Ctrl+B)."),
                       (self.step_batch_action, "Train exactly one mini-batch (Shift+Right)."),
                       (self.compare_action, "Fork this run with one setting changed and train both side by "
                                             "side (Ctrl+K)."),
                       (self.quit_action, "Close nnplay (Ctrl+Q).")):
            a.setToolTip(tip)
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(a)

    def _build_toolbar(self) -> None:
        bar = QToolBar("Run")
        bar.setObjectName("run_toolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        for action, name in ((self.play_action, "play"), (self.step_action, "step"), (self.reset_action, "reset"),
                             (self.inspect_action, "inspect"), (self.compare_action, "compare")):
            bar.addAction(action)
            button = bar.widgetForAction(action)
            named(button, name, action.toolTip())
        bar.addSeparator()
        self.speed = named(QComboBox(), "speed", "How many epochs to train between two redraws.")
        for value, text in SPEEDS:
            self.speed.addItem(text, value)
        self.speed.setCurrentIndex(self.speed.findData(DEFAULT_SPEED))
        bar.addWidget(self.speed)
        self.max_speed_action = QAction("Max", self, checkable=True)
        self.max_speed_action.setToolTip("Train as fast as the machine can (M); again to go back to the chosen pace.")
        self.max_speed_action.setShortcut(QKeySequence(Qt.Key.Key_M))
        bar.addAction(self.max_speed_action)
        named(bar.widgetForAction(self.max_speed_action), "max_speed", self.max_speed_action.toolTip())
        # the read-outs get a row of their own, so that neither row overflows at 1024 pixels
        self.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
        readouts = QToolBar("Read-outs")
        readouts.setObjectName("readouts_toolbar")
        readouts.setMovable(False)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, readouts)
        self.stats = {}
        for key, width in (("epoch", 150), ("rate", 110), ("loss", 260), ("accuracy", 230)):
            lab = QLabel("")
            lab.setObjectName(f"stat_{key}")
            lab.setMinimumWidth(width)
            lab.setContentsMargins(0, 0, 12, 0)  # a gap to the next read-out when the text outgrows the width
            lab.setTextFormat(Qt.TextFormat.RichText)
            readouts.addWidget(lab)
            self.stats[key] = lab
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        readouts.addWidget(spacer)

    def _build_columns(self) -> None:
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(4, 2, 4, 4)
        self.banner = QLabel("")
        self.banner.setObjectName("divergence_banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #b3261e; color: white; padding: 8px; font-weight: 600;"
                                  "border-radius: 4px;")
        self.banner.hide()
        outer.addWidget(self.banner)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("columns")
        self.splitter.setChildrenCollapsible(False)
        outer.addWidget(self.splitter, 1)

        self.data_panel = DataPanel()
        data = Section("Data", SECTION_TIPS["Data"])
        data.add(self.data_panel, 1)
        scroll = QScrollArea()
        scroll.setWidget(data)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(215)
        self.splitter.addWidget(scroll)

        self.network_panel = NetworkPanel()
        self.diagram = NetworkDiagram()
        net = Section("Network", SECTION_TIPS["Network"])
        net.add(self.network_panel)
        net.add(self.diagram, 1)
        net.setMinimumWidth(280)
        self.splitter.addWidget(net)

        self.boundary = DecisionBoundaryView()
        self.curves = LossCurvesView()
        out = Section("Output", SECTION_TIPS["Output"])
        inner = QSplitter(Qt.Orientation.Vertical)
        inner.setObjectName("output_split")
        self.output_split = inner
        inner.addWidget(self.boundary)
        self.metrics = MetricsView()
        self.lower_tabs = QTabWidget()
        self.lower_tabs.setObjectName("output_tabs")
        self.lower_tabs.addTab(self.curves, "Loss and accuracy")
        self.lower_tabs.addTab(self.metrics, "Metrics")
        self.hidden_space = HiddenSpaceView()
        self.lower_tabs.addTab(self.hidden_space, "Hidden space")
        self.lower_tabs.setTabToolTip(2, "The data as a hidden layer of 2 or 3 neurons sees it.")
        self.lower_tabs.setTabToolTip(1, "Precision, recall and the confusion matrix, or RMSE and R² for regression.")
        inner.addWidget(self.lower_tabs)
        inner.setStretchFactor(0, 3)
        inner.setStretchFactor(1, 2)
        out.add(inner, 1)
        out.setMinimumWidth(320)
        self.splitter.addWidget(out)

        self.gradients = GradientView()
        grads = Section("Gradients", SECTION_TIPS["Gradients"])
        grads.add(self.gradients, 1)
        grads.setMinimumWidth(260)
        self.splitter.addWidget(grads)
        for i, s in enumerate((2, 3, 4, 3)):
            self.splitter.setStretchFactor(i, s)
        self.splitter.setSizes([230, 320, 420, 310])
        self.setCentralWidget(central)
        self.inspector = InspectorWindow(self)
        self.compare_window: CompareWindow | None = None
        self.statusBar().showMessage("Press Space to train, Right to step one epoch, R to reset.")

    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(self.open_session_action)
        self.recent_menu = file_menu.addMenu("Open recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addAction(self.save_session_action)
        file_menu.addSeparator()
        file_menu.addAction(self.load_action)
        export = file_menu.addMenu("Export")
        for text, slot in (("Decision boundary as PNG or SVG…", lambda: self.export_panel("output")),
                           ("Loss curves as PNG or SVG…", lambda: self.export_panel("loss")),
                           ("Gradient heatmaps as PNG or SVG…", lambda: self.export_panel("gradients")),
                           ("Gradient norms as PNG or SVG…", lambda: self.export_panel("norms")),
                           ("Network diagram as PNG or SVG…", lambda: self.export_panel("network")),
                           (None, None),
                           ("Loss history as CSV…", self.export_history),
                           ("Weights as NPZ or JSON…", self.export_weights),
                           ("Data set as CSV…", self.export_data)):
            if text is None:
                export.addSeparator()
            else:
                export.addAction(text).triggered.connect(slot)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        run_menu = self.menuBar().addMenu("&Run")
        for a in (self.play_action, self.step_action, self.step_batch_action, self.reset_action):
            run_menu.addAction(a)
        run_menu.addSeparator()
        run_menu.addAction(self.inspect_action)
        run_menu.addAction(self.compare_action)
        options = self.menuBar().addMenu("&Options")
        self.restore_action = options.addAction("Restore last session at start")
        self.restore_action.setCheckable(True)
        self.restore_action.setChecked(True)
        self.restore_action.setToolTip("Save the session when nnplay closes and reopen it the next time.")
        self.colorblind_action = options.addAction("Colour-blind-safe colours")
        self.colorblind_action.setCheckable(True)
        self.colorblind_action.setToolTip("Light orange against dark blue: apart for every colour blindness.")
        self.colorblind_action.toggled.connect(self.set_colorblind)
        edit_menu = self.menuBar().addMenu("&Edit")
        copy = edit_menu.addAction("Copy settings")
        copy.setToolTip("Copy every setting as one line of text to share or to paste back later.")
        copy.triggered.connect(self.copy_settings)
        paste = edit_menu.addAction("Paste settings")
        paste.setToolTip("Apply settings copied from nnplay (a line like dataset=spiral&hidden=8,8).")
        paste.triggered.connect(self.paste_settings)
        help_menu = self.menuBar().addMenu("&Help")
        guide = help_menu.addAction("Guide")
        guide.setShortcut(QKeySequence.StandardKey.HelpContents)
        guide.setToolTip("What each panel shows, the equations with their shapes, and what to try (F1).")
        guide.triggered.connect(self.show_guide)
        about = help_menu.addAction("About nnplay")
        about.triggered.connect(self._about)

    def _connect(self) -> None:
        c = self.controller
        self.play_action.triggered.connect(c.toggle_play)
        self.step_action.triggered.connect(lambda: c.step(1))
        self.reset_action.triggered.connect(c.reset)
        self.step_batch_action.triggered.connect(lambda: c.step_batch(1))
        self.inspect_action.triggered.connect(self.show_inspector)
        self.compare_action.triggered.connect(self.ask_to_compare)
        c.compare_started.connect(self._compare_started)
        c.compare_stopped.connect(lambda: self.compare_window is not None and self.compare_window.close_quietly())
        self.inspector.step_batch_requested.connect(lambda: c.step_batch(1))
        self.inspector.visibility_changed.connect(lambda shown: c.set_view(trace=shown))
        self.load_action.triggered.connect(self.ask_for_csv)
        self.open_session_action.triggered.connect(self.ask_to_open_session)
        self.save_session_action.triggered.connect(self.ask_to_save_session)
        c.session_saved.connect(lambda path: self.statusBar().showMessage(f"Saved {path}", 5000))
        c.session_saved.connect(self.remember_file)
        c.file_opened.connect(self.remember_file)
        self.quit_action.triggered.connect(self.close)
        self.speed.activated.connect(lambda _: self._speed_chosen())
        self.max_speed_action.toggled.connect(self._max_speed_toggled)
        self.data_panel.changed.connect(lambda changes: c.change(**changes))
        self.data_panel.load_csv_requested.connect(self.ask_for_csv)
        self.network_panel.changed.connect(lambda changes: c.change(**changes))
        self.network_panel.learning_rate_changed.connect(self._learning_rate_changed)
        self.network_panel.regularization_changed.connect(c.set_regularization)
        self.diagram.neuron_hovered.connect(lambda focus: c.set_view(focus=focus))
        self.boundary.axes_changed.connect(lambda axes: c.set_view(axes=axes))
        self.boundary.edit_requested.connect(lambda op: c.edit_data(*op))
        c.edits_changed.connect(self.boundary.set_edits)
        self.gradients.check_requested.connect(c.check_gradients)
        self.lower_tabs.currentChanged.connect(lambda _: self._request_tab_views())
        self.hidden_space.layer_changed.connect(lambda _: self._request_tab_views())
        c.gradient_checked.connect(self.gradients.show_check)

    # --------------------------------------------------- the view protocol
    def show_settings(self, config, data) -> None:
        self.data_panel.show_settings(config, data)
        self.network_panel.show_settings(config, data)
        name = self.controller.csv_path if getattr(self, "controller", None) and self.controller.csv_path else None
        # Qt adds " — nnplay" (the application's display name) to a title that is not "nnplay" itself
        self.setWindowTitle(Path(name).name if name else "nnplay")

    def show_run(self, info) -> None:
        self.banner.hide()
        self.boundary.set_run(info)
        self.curves.set_run(info)
        self.metrics.set_run(info)
        self.hidden_space.set_run(info)
        self._request_tab_views()
        self.gradients.set_run(info)
        self.diagram.set_run(info)
        if self.controller.twin is not None and self.compare_window is not None:
            self.compare_window.set_run("A", info)

    def show_frame(self, frame) -> None:
        snap = frame.snapshot
        self.boundary.set_frame(frame)
        self.curves.add_frame(frame)
        self.metrics.set_frame(frame)
        self.hidden_space.set_frame(frame)
        self.gradients.set_frame(frame)
        self.diagram.set_frame(frame)
        if self.inspector.isVisible():
            self.inspector.set_trace(snap.trace)
        if self.controller.twin is not None and self.compare_window is not None:
            self.compare_window.set_frame("A", frame)
        self._show_stats(frame)
        if snap.diverged_at is not None:
            self.banner.setText(
                f"Training diverged at epoch {snap.diverged_at}: the loss stopped being a finite number. "
                f"Try a lower learning rate (now {self.controller.config.lr:g}), then press Reset (R). "
                f"The weights shown are the last finite ones, from epoch {snap.epoch}.")
            self.banner.show()
        elif self.banner.isVisible():
            self.banner.hide()

    def show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, 10000)

    def show_error(self, title: str, message: str) -> None:
        self.statusBar().showMessage(message, 10000)
        QMessageBox.warning(self, title, message)

    def set_playing(self, playing: bool) -> None:
        style = self.style()
        icon = QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay
        self.play_action.setIcon(style.standardIcon(icon))
        self.play_action.setText("Pause" if playing else "Play")

    # ------------------------------------------------------------- helpers
    def _show_stats(self, frame) -> None:
        s = frame.snapshot
        done, batches = s.batch_position
        part = f" + {done}/{batches} batches" if done else ""
        self.stats["epoch"].setText(f"Epoch <b>{s.epoch:,}</b>{part}")
        self.stats["rate"].setText(f"{frame.epochs_per_second:,.0f} epochs/s" if frame.playing else "paused")

        def pct(v):
            return format_percent(v)

        self.stats["loss"].setText(loss_text(s.train_loss, s.test_loss, s.penalty))
        self.stats["loss"].setToolTip(loss_tooltip(s.train_loss, s.test_loss, s.penalty))
        if s.train_accuracy is None:
            self.stats["accuracy"].setText("")
        else:
            self.stats["accuracy"].setText(
                f"Accuracy: train <b>{pct(s.train_accuracy)}</b>  test <b>{pct(s.test_accuracy)}</b>")

    def _learning_rate_changed(self, lr: float) -> None:
        self.controller.set_learning_rate(lr)
        self.statusBar().showMessage(f"Learning rate {lr:g}, applied from the next step.", 4000)

    def ask_for_csv(self) -> None:
        path = self._ask_open("Load a CSV file", "csv", "CSV files (*.csv *.tsv *.txt);;All files (*)")
        if path:
            import_csv(self, path)

    # -------------------------------------------------------------- file dialogs
    def _ask_open(self, title: str, kind: str, filters: str) -> str | None:
        """A file to open, the dialog starting in the folder last used for ``kind``."""
        path, _ = QFileDialog.getOpenFileName(self, title, self._folder(kind), filters)
        self._remember_folder(kind, path)
        return path or None

    def _ask_save(self, title: str, default: str, filters: str, kind: str = "export") -> str | None:
        """A file to write; ``default`` is a name in the folder last used for
        ``kind``, or a whole path."""
        path, _ = QFileDialog.getSaveFileName(self, title, str(Path(self._folder(kind)) / default), filters)
        self._remember_folder(kind, path)
        return path or None

    def _folder(self, kind: str) -> str:
        """The folder a file dialog of this kind last used (kept with QSettings)."""
        if self.settings is None:
            return ""
        return str(self.settings.value(f"last_folder_{kind}", "") or "")

    def _remember_folder(self, kind: str, path: str) -> None:
        if path and self.settings is not None:
            self.settings.setValue(f"last_folder_{kind}", str(Path(path).parent))

    def export_panel(self, which: str, path: str | None = None, scale: float | None = None) -> bool:
        """Write panel ``which`` (see nnplay.ui.export.PANELS) with its colour key: SVG by a .svg
        suffix, else PNG at ``scale`` output pixels per screen pixel (asked for, 2 by default)."""
        from PySide6.QtWidgets import QInputDialog

        from .export import DEFAULT_SCALE, ExportError, export_view

        asked = path is None
        path = path or self._ask_save("Export the panel", f"nnplay-{which}.png", "PNG image (*.png);;SVG image (*.svg)")
        if not path:
            return False
        if scale is None and asked and not path.lower().endswith(".svg"):
            scale, ok = QInputDialog.getDouble(self, "Export the panel", "Pixels per pixel on screen:",
                                               DEFAULT_SCALE, 0.5, 8.0, 1)
            if not ok:
                return False
        try:
            export_view(self, which, path, scale or DEFAULT_SCALE)
        except ExportError as exc:
            self.show_error("Cannot export", str(exc))
            return False
        self.statusBar().showMessage(f"Exported {path}", 5000)
        return True

    def export_history(self, path: str | None = None) -> bool:
        from ..training.export import write_history_csv

        path = path or self._ask_save("Export the loss history", "nnplay-history.csv", "CSV (*.csv)")
        return bool(path) and self._write(path, lambda: write_history_csv(path, self.curves.history))

    def export_weights(self, path: str | None = None) -> bool:
        from ..training.export import write_weights

        frame, info = self.controller.last_frame, self.controller.run_info
        if frame is None or info is None:
            return False
        path = path or self._ask_save("Export the weights", "nnplay-weights.npz", "NumPy (*.npz);;JSON (*.json)")
        snap = frame.snapshot
        return bool(path) and self._write(path, lambda: write_weights(path, info.sizes, info.activations, info.loss,
                                                                      snap.weights, snap.biases))

    def export_data(self, path: str | None = None) -> bool:
        from ..data import write_csv

        path = path or self._ask_save("Export the data set", f"{self.controller.data.name}.csv", "CSV (*.csv)")
        return bool(path) and self._write(path, lambda: write_csv(self.controller.data, path))

    def _write(self, path: str, write) -> bool:
        try:
            write()
        except OSError as exc:
            self.show_error("Cannot export", f"{path}: {exc.strerror or exc}")
            return False
        self.statusBar().showMessage(f"Exported {path}", 5000)
        return True

    def copy_settings(self) -> None:
        from PySide6.QtWidgets import QApplication

        QApplication.clipboard().setText(self.controller.config.to_text())
        self.statusBar().showMessage("Settings copied: paste them here, or run nnplay --settings '…'", 5000)

    def paste_settings(self) -> None:
        from PySide6.QtWidgets import QApplication

        self.controller.apply_settings_text(QApplication.clipboard().text())

    def ask_to_open_session(self) -> None:
        path = self._ask_open("Open a session", "session", "nnplay sessions (*.nnplay);;All files (*)")
        if path:
            self.controller.open_session(path)

    def ask_to_save_session(self) -> None:
        path = self._ask_save("Save the session", self.controller.session_path or "run.nnplay",
                              "nnplay sessions (*.nnplay)", kind="session")
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

    # ------------------------------------------------------------ recent files
    MAX_RECENT = 8

    def recent_files(self) -> list[str]:
        if self.settings is None:
            return list(getattr(self, "_recent", []))
        value = self.settings.value("recent_files", [])
        return [value] if isinstance(value, str) else list(value or [])

    def remember_file(self, path: str) -> None:
        if self.autosave_path and Path(path) == Path(self.autosave_path):
            return
        files = [path] + [p for p in self.recent_files() if p != path]
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
        for path in files:
            action = self.recent_menu.addAction(Path(path).name)
            action.setToolTip(path)
            action.triggered.connect(lambda _=False, p=path: self.open_file(p))

    def open_file(self, path: str) -> bool:
        """A session by its .nnplay suffix, anything else as CSV."""
        if path.lower().endswith(".nnplay"):
            return self.controller.open_session(path)
        return load_remembered(self, path)

    def _request_tab_views(self) -> None:
        """Ask for the metrics and the hidden-space picture only while their tab is
        open: each costs the worker a pass over the data on every frame."""
        tab = self.lower_tabs.currentWidget()
        self.controller.set_view(quality=tab is self.metrics,
                                 hidden_layer=self.hidden_space.current_layer() if tab is self.hidden_space else None)

    def set_colorblind(self, on: bool) -> None:
        from .colors import set_palette

        set_palette("colorblind" if on else "default")
        self.data_panel.refresh_icons()
        self.curves.refresh_colours()
        self.gradients.refresh_colours()
        if self.controller.run_info is not None:
            self.boundary._update_points()
        if self.controller.last_frame is not None:
            self.show_frame(self.controller.last_frame)

    # ------------------------------------------------------------ settings
    def _restore_settings(self) -> None:
        s = self.settings
        if s is None:
            return
        if s.value("geometry") is not None:
            self.restoreGeometry(s.value("geometry"))
        self._splitter_states = {key: s.value(key) for key in ("columns", "output_split")}
        self.restore_action.setChecked(str(s.value("restore_last_session", "true")).lower() == "true")
        self.colorblind_action.setChecked(str(s.value("colorblind", "false")).lower() == "true")
        speed = self.speed.findData(int(s.value("speed", DEFAULT_SPEED)))
        if speed >= 0:
            self.speed.setCurrentIndex(speed)
        self.boundary.show_test.setChecked(str(s.value("show_test_data", "false")).lower() == "true")
        self.curves.log_scale.setChecked(str(s.value("loss_log_scale", "false")).lower() == "true")

    def showEvent(self, event) -> None:
        super().showEvent(event)
        # panel sizes only mean something once the window has its size
        states = getattr(self, "_splitter_states", None)
        if states:
            self._splitter_states = None
            for key, splitter in (("columns", self.splitter), ("output_split", self.output_split)):
                if states.get(key) is not None:
                    splitter.restoreState(states[key])

    def _save_settings(self) -> None:
        s = self.settings
        if s is None:
            return
        s.setValue("geometry", self.saveGeometry())
        s.setValue("columns", self.splitter.saveState())
        s.setValue("output_split", self.output_split.saveState())
        s.setValue("restore_last_session", self.restore_action.isChecked())
        s.setValue("colorblind", self.colorblind_action.isChecked())
        s.setValue("speed", self.speed.currentData())
        s.setValue("show_test_data", self.boundary.show_test.isChecked())
        s.setValue("loss_log_scale", self.curves.log_scale.isChecked())
        s.sync()

    def ask_to_compare(self) -> None:
        dialog = ForkDialog(self.controller.config, self)
        if dialog.exec() == ForkDialog.DialogCode.Accepted:
            changes, restart = dialog.result_changes()
            self.controller.fork(restart, **changes)

    def _compare_started(self, twin, describe_a: str, describe_b: str, fork_epoch) -> None:
        if self.compare_window is None:
            self.compare_window = CompareWindow(self)
            self.compare_window.stop_requested.connect(self.controller.stop_comparing)
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
        self.inspector.close()
        if self.compare_window is not None:
            self.compare_window.close_quietly()
        self._save_settings()
        if self.autosaver is not None:
            self.autosaver.stop()  # waits for a background save, then saves the session one last time
        self.controller.shutdown()
        super().closeEvent(event)
