"""The Network column's controls: layers, neurons, activation, loss,
optimizer, initialiser, regularisation and learning rate."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..data import CLASSIFICATION
from ..engine import ACTIVATIONS, INITIALIZERS, OPTIMIZERS
from ..numbers import count, rate_text
from ..training.config import SEED_MAX
from ..training.setting_ranges import HIDDEN_MAX
from ..training.settings_text import CHOICE_LABELS
from .choice_match import combo_values, index_of
from .settings_fold import SettingsFold
from .disabled_reason import give_reason
from .flow_layout import FlowLayout
from .layer_activation import PER_LAYER, show_in_combo
from .tab_order import follow_layout
from .widgets import (
    FittedComboBox,
    NoHeightForWidth,
    ShowsRunState,
    after_font_change,
    heading,
    named,
    nest,
)

MAX_LAYERS = 8
MAX_NEURONS = HIDDEN_MAX  # one limit with the settings text and nnplay train --layers (setting_ranges)
LEARNING_RATES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0]
REG_RATES = [0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0]
LOSS_TEXT = CHOICE_LABELS["loss"]
INIT_TEXT = CHOICE_LABELS["init"]


def _combo(name, tip, items):
    c = named(FittedComboBox(), name, tip)
    for text, data in items:
        c.addItem(text, data)
    return c


def _select(combo: QComboBox, value) -> None:
    """Show ``value``; a rate that is not in the list (pasted, or from a session)
    joins it in its place, so the control never shows another rate than the run uses
    (its item found as ``choice_match`` finds it: 0.030000000000000002 is 0.03)."""
    i = index_of(combo_values(combo), value)
    if i < 0 and isinstance(value, float):
        i = sum(1 for k in range(combo.count()) if float(combo.itemData(k)) < value)
        combo.insertItem(i, rate_text(value), value)
    combo.setCurrentIndex(max(i, 0))


def _same_label_width(form: QFormLayout) -> None:
    """Every label of ``form`` as wide as its widest, the gap before its field in the label (its right
    margin; the form's own spacing 0). QFormLayout's WrapLongRows wraps a row by its own label's width
    and its field's least, without the spacing between them, but places every field after the widest
    label and the spacing, so a field was cut by up to that spacing ("Gradient descent" 130 px of its
    133 at 1024x768, the settings unfolded for the momentum lesson: round 20)."""
    if form.horizontalSpacing() > 0:  # (once: the style's spacing, moved into the labels)
        gap = form.horizontalSpacing()
        form.setHorizontalSpacing(0)
        for i in range(form.rowCount()):
            form.itemAt(i, QFormLayout.ItemRole.LabelRole).widget().setContentsMargins(0, 0, gap, 0)
    labels = [form.itemAt(i, QFormLayout.ItemRole.LabelRole).widget() for i in range(form.rowCount())]
    widest = max(_text_width(label) for label in labels)  # (not sizeHint: a QLabel keeps it, the minimum
    # width set at the last zoom in it, and the labels stayed as wide as the widest there: round 20)
    for label in labels:
        label.setMinimumWidth(widest)
        QApplication.sendEvent(label, QEvent(QEvent.Type.ContentsRectChange))  # its size hints measured anew


def _text_width(label: QLabel) -> int:
    """The width ``label`` needs for its text in its font, with its margins (one line)."""
    m = label.contentsMargins()
    return label.fontMetrics().horizontalAdvance(label.text()) + m.left() + m.right() + 2 * label.margin()


class NetworkPanel(ShowsRunState, NoHeightForWidth, QWidget):
    """Shows the network settings of a ``RunState`` and writes the user's changes to it."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._updating = False
        self._state = None
        self._both = (0.0, 0.0)  # the rates "L1 + L2" shows
        self._hidden: tuple = ()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading("Hidden layers"))
        row = QHBoxLayout()
        self.remove_layer = named(QToolButton(), "remove_layer", "Remove the last hidden layer.")
        self.remove_layer.setText("−")
        self.add_layer = named(QToolButton(), "add_layer", "Add a hidden layer at the end.")
        self.add_layer.setText("+")
        self.layer_count = QLabel()
        self.layer_count.setObjectName("layer_count")
        give_reason(self.remove_layer, lambda: "No hidden layer to remove: the inputs feed the output directly.")
        give_reason(self.add_layer, lambda: f"At most {MAX_LAYERS} hidden layers: remove one with − first.")
        self.remove_layer.clicked.connect(lambda: self._set_hidden(self._hidden[:-1]))
        self.add_layer.clicked.connect(
            lambda: self._set_hidden(self._hidden + ((self._hidden[-1] if self._hidden else 4),)))
        row.addWidget(self.remove_layer)
        row.addWidget(self.add_layer)
        row.addWidget(self.layer_count, 1)
        nest(layout, row)
        self.neuron_row = FlowLayout(spacing=2)  # six layers' boxes wrap in a narrow column rather than widen it
        nest(layout, self.neuron_row)
        self.neuron_boxes: list[QSpinBox] = []

        form = QFormLayout()
        form.setContentsMargins(0, 6, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # a long choice goes below its label
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.activation = _combo("activation", "The function each hidden neuron applies to its weighted sum.",
                                 [(CHOICE_LABELS["activation"][a], a) for a in ACTIVATIONS])
        self.loss = _combo("loss", "The output layer and the loss it is trained on.", [])
        self.optimizer = _combo("optimizer", "How each step turns the gradient into a weight update.",
                                [(CHOICE_LABELS["optimizer"][o], o) for o in OPTIMIZERS])
        self.init = _combo("initializer", "How the starting weights are drawn.",
                           [(INIT_TEXT[k], k) for k in ("auto", *INITIALIZERS)])
        self.learning_rate = _combo("learning_rate", "The step size alpha; it changes live without a reset.",
                                    [(rate_text(v), v) for v in LEARNING_RATES])
        self.regularization = _combo("regularization", "Penalise large weights with L1 or L2; changes live.",
                                     [("None", "none"), ("L1", "l1"), ("L2", "l2")])
        self.reg_rate = _combo("regularization_rate", "How strongly weights are penalised; changes live.",
                               [(rate_text(v), v) for v in REG_RATES])
        give_reason(self.activation, lambda: "No hidden layer: the activation is the hidden neurons' (add one with +).")
        give_reason(self.reg_rate, lambda: "Choose L1 or L2 under Regularisation first: None has no rate.")
        seed_row = QHBoxLayout()
        self.seed = named(QSpinBox(), "seed", "The seed of the starting weights and of the mini-batch order: "
                                              "Reset replays the same run; another seed starts another one.")
        self.seed.setRange(0, SEED_MAX)
        self.seed.setKeyboardTracking(False)  # a seed typed digit by digit starts one run, on Enter
        self.seed.valueChanged.connect(lambda v: self._emit(seed=v))
        self.new_seed = named(QToolButton(), "new_seed", "Start again from other random weights (a new seed).")
        self.new_seed.setText("New")
        self.new_seed.clicked.connect(lambda: self.seed.setValue(int(self._rng.integers(0, SEED_MAX))))
        self._rng = np.random.default_rng()
        seed_row.addWidget(self.seed, 1)
        seed_row.addWidget(self.new_seed)
        for label, w in (("Activation", self.activation), ("Output / loss", self.loss),
                         ("Optimizer", self.optimizer), ("Initialiser", self.init), ("Seed", seed_row),
                         ("Learning rate", self.learning_rate), ("Regularisation", self.regularization),
                         ("Reg. rate", self.reg_rate)):
            form.addRow(label, w)
        self.settings_toggle = named(QToolButton(), "settings_toggle", "Show or hide the settings below the "
                                     "hidden layers (they fold away where the diagram would have no room: a zoomed "
                                     "window on a small screen).")
        self.settings_box = QWidget()
        self.settings_box.setObjectName("network_settings")
        self.settings_box.setLayout(form)
        _same_label_width(form)  # (in the box: the form's spacing is its style's)
        after_font_change(self, lambda: _same_label_width(form))
        layout.addWidget(self.settings_toggle)
        layout.addWidget(self.settings_box)
        self.fold = SettingsFold(self, self.settings_box, self.settings_toggle)
        self.activation.activated.connect(lambda _: self.activation.currentData() != PER_LAYER and
                                          self._emit(activation=self.activation.currentData()))
        self.loss.activated.connect(lambda _: self._emit(loss=self.loss.currentData()))
        self.optimizer.activated.connect(lambda _: self._emit(optimizer=self.optimizer.currentData()))
        self.init.activated.connect(lambda _: self._emit(init=self.init.currentData()))
        self.learning_rate.activated.connect(lambda _: self._emit(lr=self.learning_rate.currentData()))
        self.regularization.activated.connect(self._reg_changed)
        self.reg_rate.activated.connect(self._reg_changed)

    # ----------------------------------------------------------- from model
    def show_settings(self, config, data) -> None:
        self._updating = True
        try:
            self._show_hidden(config.hidden)
            show_in_combo(self.activation, config.activation)  # one name, or one per hidden layer
            self.loss.clear()
            if data.task == CLASSIFICATION:
                losses = ["auto", "bce", "ce", "tanh_mse"] if data.n_classes == 2 else ["auto", "ce"]
            else:
                losses = ["auto", "mse", "tanh_mse"]
            for k in losses:
                self.loss.addItem(LOSS_TEXT[k], k)
            _select(self.loss, config.loss)
            _select(self.optimizer, config.optimizer)
            _select(self.init, config.init)
            self.seed.setValue(config.seed)
            _select(self.learning_rate, float(config.lr))
            self._show_regularization(config.l1, config.l2)
        finally:
            self._updating = False

    def _show_hidden(self, hidden) -> None:
        self._hidden = tuple(hidden)
        n = len(hidden)
        self.layer_count.setText(count(n, "hidden layer"))
        self.remove_layer.setEnabled(n > 0)
        self.add_layer.setEnabled(n < MAX_LAYERS)
        self.activation.setEnabled(n > 0)  # the activation of hidden neurons: nothing to apply it to without them
        while len(self.neuron_boxes) > n:
            box = self.neuron_boxes.pop()
            self.neuron_row.removeWidget(box)
            box.hide()  # at once: deleteLater waits for the event loop (a screenshot script's never came)
            box.deleteLater()
        added = len(self.neuron_boxes) < n
        while len(self.neuron_boxes) < n:
            k = len(self.neuron_boxes)
            box = named(QSpinBox(), f"neurons_layer_{k + 1}", f"How many neurons hidden layer {k + 1} has.",
                        f"neurons in layer {k + 1}")
            box.setRange(1, MAX_NEURONS)
            box.valueChanged.connect(self._neurons_changed)
            self.neuron_row.addWidget(box)
            self.neuron_boxes.append(box)
        if added:
            follow_layout(self)  # the new boxes right after "+", not at the end of the window's chain
        for box, size in zip(self.neuron_boxes, hidden):
            box.blockSignals(True)
            box.setValue(size)
            box.blockSignals(False)

    def _show_regularization(self, l1: float, l2: float) -> None:
        """None, L1 or L2 and its rate; both at once (from a session or the settings
        text) as "L1 + L2" with both rates, so the controls never show less than runs."""
        for combo, data in ((self.regularization, "l1+l2"), (self.reg_rate, "both")):
            if combo.findData(data) >= 0:
                combo.removeItem(combo.findData(data))
        self._both = (l1, l2)
        if l1 > 0 and l2 > 0:
            self.regularization.addItem("L1 + L2", "l1+l2")
            self.reg_rate.addItem(f"{rate_text(l1)} / {rate_text(l2)}", "both")
            _select(self.regularization, "l1+l2")
            _select(self.reg_rate, "both")
        else:
            kind = "l1" if l1 > 0 else ("l2" if l2 > 0 else "none")
            _select(self.regularization, kind)
            _select(self.reg_rate, float(l1 or l2))
        self.reg_rate.setEnabled(self.regularization.currentData() != "none")

    def shown_regularization(self) -> tuple[float, float]:
        """(l1, l2) as the controls show them."""
        kind, rate = self.regularization.currentData(), self.reg_rate.currentData()
        l1, l2 = self._both if rate == "both" else (float(rate), float(rate))
        if kind == "none":
            return 0.0, 0.0
        if kind == "l1":
            return l1 or 0.001, 0.0
        if kind == "l2":
            return 0.0, l2 or 0.001
        return l1, l2

    # -------------------------------------------------------------- to model
    def _emit(self, **changes) -> None:
        if not self._updating and self._state is not None:
            self._state.apply(**changes)

    def _set_hidden(self, hidden) -> None:
        self._emit(hidden=tuple(hidden))

    def _neurons_changed(self, _=None) -> None:
        self._emit(hidden=tuple(b.value() for b in self.neuron_boxes))

    def _reg_changed(self, _=None) -> None:
        l1, l2 = self.shown_regularization()
        self._emit(l1=l1, l2=l2)
