"""What the window remembers between runs with QSettings: its geometry, the
splitters' positions, the Options menu, the pace, and the panels' toggles
(saved on close and, by ``settings_watch``, whenever one changes).

Every value is read with ``type=`` so that QSettings converts it (INI files keep
booleans as the text "true"/"false"); a value of the wrong type falls back to
the default. A fraction is read by ``read_float``, not ``type=float``."""

from __future__ import annotations

import math

from .run_controls import DEFAULT_SPEED
from .screen_fit import fit_onto_screen
from .smoothed_curves import SETTINGS_KEY as SMOOTHING_KEY

SPLITTERS = ("columns", "output_split")


def read_float(settings, key: str, default: float) -> float:
    """The number remembered under ``key``, as it was written; ``default`` when there is none or it is
    not a finite number. (PySide's ``type=float`` reads the file's text through a 32-bit float: "1.1"
    came back 1.100000023841858, which is no zoom, and every window started after the one that
    saved zoom 110% opened at 100%: tester 21. In the writing process QSettings' cache hid it.)"""
    try:
        value = float(settings.value(key, default))
    except (TypeError, ValueError):
        return default
    return value if math.isfinite(value) else default


def remembered_toggles(win):
    """The remembered check boxes and checkable actions, by key, with their defaults: the
    Options menu's and every view option of the window's panels (the comparison's log
    scale is remembered by ``remember_toggle`` when its window is made)."""
    return (("restore_last_session", win.restore_action, True), ("colorblind", win.colorblind_action, False),
            ("show_test_data", win.boundary.show_test, False), ("loss_log_scale", win.curves.log_scale, False),
            ("discretize_output", Wish(win.boundary, "discretize_wanted", lambda on: set_discretize(win.boundary, on),
                                       win.boundary.discretize.toggled), False),
            ("gradient_per_layer_scale", win.gradients.per_layer, False))


def set_discretize(view, on: bool) -> None:
    """The Output ``view``'s Discretize wanted (remembered between starts): ticked now, or
    once its data are classes (the box is off and unticked for regression)."""
    view.discretize_wanted = bool(on)
    if view.discretize.isEnabled():
        view.discretize.setChecked(view.discretize_wanted)


class Wish:
    """A remembered option kept apart from its check box, which shows it only where it
    applies (Discretize: unticked and greyed on regression, still wanted for classes):
    ``isChecked``, ``setChecked`` and ``toggled`` as a check box's."""

    def __init__(self, owner, attribute: str, set_checked, toggled):
        self._owner, self._attribute = owner, attribute
        self.setChecked, self.toggled = set_checked, toggled

    def isChecked(self) -> bool:
        return bool(getattr(self._owner, self._attribute))


def remember_toggle(settings, key: str, control, default: bool = False) -> None:
    """A check box of a window made later (the comparison's): set from ``settings`` (None:
    nothing remembered) and saved there whenever it is toggled."""
    if settings is None:
        return
    control.setChecked(settings.value(key, default, type=bool))
    control.toggled.connect(lambda on: settings.setValue(key, bool(on)))


def restore_settings(win) -> dict:
    """Apply ``win.settings`` to the window and keep them saved as they change
    (``settings_watch``); returns the splitter states, which the window applies
    once it is shown (a splitter's sizes only mean something then)."""
    s = win.settings
    if s is None:
        return {}
    from .settings_watch import SettingsWatch

    win.settings_watch = SettingsWatch(win)  # from now on saved whenever one changes, not only on a clean close
    if s.value("geometry") is not None:
        win.restoreGeometry(s.value("geometry"))
        fit_onto_screen(win)  # saved on a bigger screen: brought onto this one
    for key, control, default in remembered_toggles(win):
        control.setChecked(s.value(key, default, type=bool))
    win.curves.smoothing.set_weight(read_float(s, SMOOTHING_KEY, 0.0))
    speed = win.speed.findData(s.value("speed", DEFAULT_SPEED, type=int))
    if speed >= 0:
        win.speed.setCurrentIndex(speed)
    return {key: s.value(key) for key in SPLITTERS}


def save_settings(win) -> None:
    """Write what restore_settings reads back into ``win.settings`` (nothing when it is None)."""
    s = win.settings
    if s is None:
        return
    s.setValue("geometry", win.saveGeometry())
    p = win.presentation  # the sizes the user chose, not those a zoom forces (chosen_sizes)
    for key in SPLITTERS:
        s.setValue(key, p.chosen.state(key, p.zoom))
    for key, control, _ in remembered_toggles(win):
        s.setValue(key, control.isChecked())
    s.setValue("speed", win.speed.currentData())
    s.setValue(SMOOTHING_KEY, win.curves.smoothing.weight)
    s.sync()
