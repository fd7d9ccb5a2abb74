"""The Data column: which data set, how noisy, how split, which input features."""

from __future__ import annotations

import functools

import numpy as np
from PySide6.QtCore import QPointF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QImage, QKeySequence, QPainter, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QGridLayout, QHBoxLayout, QLabel, QPushButton, QSlider, QSpinBox, QToolButton,
    QVBoxLayout, QWidget,
)

from ..data import CLASSES_MAX, CLASSES_MIN, CLASSIFICATION, DATASETS, FEATURES, feature_label, generate
from ..numbers import count, format_number
from ..training.config import SEED_MAX
from .colors import WHITE, class_rgb, diverging_lut, lut_index, palette_name
from ..training.data_summary import summary
from ..user_text import sentence
from .elide import LABEL_EM, em_px, feature_labels, short_name, wrapped
from .shortcut_text import keys_text
from .disabled_reason import give_reason
from .widgets import ShowsRunState, dim_when_disabled, heading, named, nest

SHORT_NAMES = {"spiral-k": "spiral ×k", "blobs-k": "blobs ×k", "multigauss": "multi-gauss"}
THUMB = 44


CLASSES_TIP = "How many classes the spiral ×k and blobs ×k sets have."


def dataset_icon(name: str, classes: int = 3) -> QIcon:
    """A thumbnail of a built-in data set, drawn from the generator itself (once per
    palette: every window and every redraw after a change of palette reuses the drawing)."""
    return QIcon(QPixmap.fromImage(_thumbnail(name, classes, palette_name())))


@functools.lru_cache(maxsize=64)
def _thumbnail(name: str, classes: int, palette: str) -> QImage:  # (``palette``: the cache's key only)
    # a QImage, not a QPixmap: it needs no QGuiApplication, so the cache may outlive it at exit
    d = generate(name, noise=0.05, seed=0, classes=classes)
    image = QImage(THUMB, THUMB, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(*WHITE))
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    (x0, x1), (y0, y1) = d.domain
    if d.task == CLASSIFICATION:
        rgb = class_rgb(max(2, d.n_classes))[d.y]
    else:
        t = np.clip((d.y - d.y.min()) / max(1e-9, np.ptp(d.y)), 0, 1)
        rgb = diverging_lut()[lut_index(t)]
    step = max(1, d.n_examples // 300)
    for (x, y), c in zip(d.X[::step], rgb[::step]):
        p.setBrush(QColor(int(c[0]), int(c[1]), int(c[2])))
        p.drawEllipse(QPointF((x - x0) / (x1 - x0) * THUMB, (1 - (y - y0) / (y1 - y0)) * THUMB), 1.6, 1.6)
    p.end()
    return image


def _slider(name, tip, lo, hi, step):
    s = named(QSlider(Qt.Orientation.Horizontal), name, tip)
    s.setRange(lo, hi)
    s.setSingleStep(step)
    s.setPageStep(step)
    s.setTickInterval(step)
    return s


def _show_on_slider(slider: QSlider, value: float, lo: int, hi: int) -> None:
    """Put ``value`` on ``slider``, whose usual range is lo..hi: a value outside it
    (a pasted batch size of 1000) widens the range, so the slider never shows another value."""
    position = int(round(value))
    slider.setRange(min(lo, max(1, int(np.floor(value)))), max(hi, int(np.ceil(value))))
    slider.setValue(position)


class DataPanel(ShowsRunState, QWidget):
    """Shows the data settings of a ``RunState`` and writes the user's changes to it."""

    load_csv_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._updating = False
        self._state = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading("Data set"))
        grid = QGridLayout()
        grid.setSpacing(3)
        self.dataset_buttons: dict[str, QToolButton] = {}
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        for k, (name, (_, _, text)) in enumerate(DATASETS.items()):
            b = named(QToolButton(), f"dataset_{name}", f"Use the {name} data set: {sentence(text)}", f"{name} data set")
            b.setCheckable(True)
            b.setIcon(dataset_icon(name))
            b.setIconSize(QSize(THUMB, THUMB))
            b.setText(SHORT_NAMES.get(name, name))
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
            b.clicked.connect(lambda _=False, n=name: self._pick(n))
            self.group.addButton(b)
            self.dataset_buttons[name] = b
            grid.addWidget(b, k // 3, k % 3)
        nest(layout, grid)

        self.classes = named(QSpinBox(), "classes", CLASSES_TIP)
        self.classes.setRange(CLASSES_MIN, CLASSES_MAX)
        self.classes.valueChanged.connect(lambda v: self._emit(classes=v))
        give_reason(self.classes, self.classes.toolTip)  # (greyed, its tooltip says why: _show_classes)
        self.noise = _slider("noise", "How much noise the generated data has, from 0 to 50%.", 0, 50, 5)
        self.noise.valueChanged.connect(lambda v: self._emit(noise=v / 100))
        give_reason(self.noise, lambda: "A CSV's rows are its data as they are: there is no noise to set.")
        self.ratio = _slider("train_ratio", "The share of the data used for training; the rest is test data.",
                             10, 90, 10)
        self.ratio.valueChanged.connect(lambda v: self._emit(train_ratio=v / 100))
        self.batch = _slider("batch_size", "How many examples each gradient step averages over.", 1, 30, 1)
        self.batch.valueChanged.connect(lambda v: self._emit(batch_size=v))
        self.labels = {}
        for title, w in (("Classes", self.classes), ("Noise", self.noise), ("Training data", self.ratio),
                         ("Batch size", self.batch)):
            row = QHBoxLayout()
            lab = QLabel(title)
            lab.setMinimumWidth(80)
            row.addWidget(lab)
            row.addWidget(w, 1)
            buddies = [lab]
            if isinstance(w, QSlider):
                val = QLabel()
                val.setMinimumWidth(34)
                val.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.labels[w.objectName()] = val
                row.addWidget(val)
                buddies.append(val)
            dim_when_disabled(w, *buddies)
            nest(layout, row)

        self.standardize = named(QCheckBox("Standardize inputs"), "standardize",
                                 "Scale each input to zero mean and unit variance, with the training part's mean and "
                                 "standard deviation (as scikit-learn's StandardScaler); the plots keep the data's "
                                 "own units.")
        self.standardize.toggled.connect(lambda on: self._emit(standardize=bool(on)))
        layout.addWidget(self.standardize)

        buttons = QHBoxLayout()
        self.regenerate = named(QPushButton("Regenerate"), "regenerate",
                                "Draw a fresh sample of the same data set with a new seed.")
        self.regenerate.clicked.connect(self._regenerate)
        give_reason(self.regenerate, lambda: "A CSV is read, not drawn: there is no new sample of it to draw.")
        self.load = named(QPushButton("Load CSV…"), "load_csv",
                          f"Load your own data from a CSV file ({keys_text(QKeySequence.StandardKey.Open)}).")
        self.load.clicked.connect(self.load_csv_requested)
        buttons.addWidget(self.regenerate)
        buttons.addWidget(self.load)
        nest(layout, buttons)
        self.info = QLabel("")
        self.info.setObjectName("data_info")
        self.info.setWordWrap(True)
        layout.addWidget(self.info)

        layout.addWidget(heading("Input features"))
        feats = QGridLayout()
        self.features: dict[str, QCheckBox] = {}
        for k, name in enumerate(FEATURES):
            cb = named(QCheckBox(feature_label(name)), f"feature_{name}",
                       f"Feed {feature_label(name)} to the network as an input.", f"feature {name}")
            cb.toggled.connect(self._features_toggled)
            give_reason(cb, self._why_no_features)
            self.features[name] = cb
            feats.addWidget(cb, k // 2, k % 2)
        nest(layout, feats)
        layout.addStretch(1)
        self._data_seed = 0

    def refresh_colours(self) -> None:
        """Redraw the data sets' thumbnails in the palette's colours (after a change of palette)."""
        for name, b in self.dataset_buttons.items():
            b.setIcon(dataset_icon(name))

    # ----------------------------------------------------------- from model
    def show_settings(self, config, data) -> None:
        self._updating = True
        try:
            is_csv = config.dataset == "csv"
            self.group.setExclusive(False)  # so that a loaded CSV can leave every button up
            for name, b in self.dataset_buttons.items():
                b.setChecked(not is_csv and name == config.dataset)
            self.group.setExclusive(True)
            self._show_classes(config, data)
            self.noise.setValue(int(round(config.noise * 100)))
            self.noise.setEnabled(not is_csv)
            self.regenerate.setEnabled(not is_csv)
            _show_on_slider(self.ratio, config.train_ratio * 100, 10, 90)
            _show_on_slider(self.batch, config.batch_size, 1, 30)
            self._data_seed = config.data_seed
            self.standardize.setChecked(bool(config.standardize))
            two_d = data.n_inputs == 2
            raw = data.input_names if two_d else ("x1", "x2")
            font = next(iter(self.features.values())).font()  # fitted by their drawn width (16 "w"s are wider
            shown = feature_labels(self.features, raw, font, em_px(font, LABEL_EM))  # than 30 "i"s), their names
            for (name, cb), text in zip(self.features.items(), shown):  # apart; the tooltip has the label whole
                cb.setChecked(name in config.features if two_d else False)
                cb.setEnabled(two_d)
                label = feature_label(name, raw)
                cb.setText(text)
                cb.setToolTip(f"Feed {wrapped(label)} to the network as an input." if two_d else
                              f"Features apply to data with two inputs; this data has {data.n_inputs}.")
            # the value itself, also where the slider's steps cannot hold it (a pasted 12.5% noise)
            self.labels["noise"].setText(f"{format_number(config.noise * 100)}%")
            self.labels["train_ratio"].setText(f"{format_number(config.train_ratio * 100)}%")
            self.labels["batch_size"].setText(str(config.batch_size))
            name = short_name(data.name)
            self.info.setToolTip(wrapped(data.name) if name != data.name else "")
            whose = "these drawn points'" if data.edited else "this file's"  # drawn points come from no file
            own = (f" Standardize and Training data are {whose} own: the built-in sets keep theirs."
                   if is_csv else "")
            said = "".join(f" {sentence(note[:1].upper() + note[1:])}" for note in data.notes) if is_csv else ""
            self.info.setText(f"{sentence(summary(name, config, data))}{said}{own}")  # (data_summary: each clause true)
        finally:
            self._updating = False

    def _why_no_features(self) -> str:
        """Why the input features are greyed out: they are made from two inputs."""
        n = self._state.data.n_inputs if self._state is not None else 0
        return f"The input features are made from two inputs; this data has {count(n, 'input')}."

    def _show_classes(self, config, data) -> None:
        """The Classes box: the setting, for the ×k sets that take it; otherwise, disabled, the
        count the data itself has (a CSV's 5 classes, a built-in set's 2), "–" for regression."""
        box = self.classes
        if config.dataset.endswith("-k"):
            box.setSpecialValueText("")
            box.setRange(CLASSES_MIN, CLASSES_MAX)
            box.setValue(config.classes)
            box.setEnabled(True)
            box.setToolTip(CLASSES_TIP)
            return
        n = data.n_classes if data.task == CLASSIFICATION else 0
        box.setSpecialValueText("–")  # shown at the minimum, 0: a regression's targets have no classes
        box.setRange(0, max(n, CLASSES_MAX))
        box.setValue(n)
        box.setEnabled(False)
        box.setToolTip(f"This data has {count(n, 'class', 'classes')}, set by the data; only the spiral ×k and "
                       f"blobs ×k sets let you choose." if n else "This data is a regression: its targets have no "
                       "classes.")

    # -------------------------------------------------------------- to model
    def _emit(self, **changes) -> None:
        for key in ("noise", "train_ratio", "batch_size"):
            if key in changes:
                w = {"noise": self.noise, "train_ratio": self.ratio, "batch_size": self.batch}[key]
                self.labels[w.objectName()].setText(str(w.value()) + ("" if key == "batch_size" else "%"))
        if not self._updating and self._state is not None:
            self._state.apply(**changes)

    def _pick(self, name: str) -> None:
        self._emit(dataset=name)

    def _regenerate(self) -> None:
        self._data_seed = (self._data_seed + 1) % (SEED_MAX + 1)
        self._emit(data_seed=self._data_seed)

    def _features_toggled(self, _=None) -> None:
        if self._updating:
            return
        chosen = tuple(n for n, cb in self.features.items() if cb.isChecked())
        if not chosen:  # at least one input: undo the last untick
            self._updating = True
            sender = self.sender()
            if sender is not None:
                sender.setChecked(True)
            self._updating = False
            return
        self._emit(features=chosen)

