"""A menu action that cannot work in the current state is disabled, its tooltip
saying why (it used to ask for a file name, then refuse)."""

import pytest

from nnplay.ui.loss_text import NOTHING_TO_TRAIN
from nnplay.ui.menu_states import NO_ACCURACY, NO_HIDDEN_SPACE, NO_LANDSCAPE, NO_POINTS

pytestmark = pytest.mark.timeout(120)


def _rebuilt(c, qtbot, before):
    qtbot.waitUntil(lambda: c.generation != before and c.last_frame is not None
                    and c.last_frame.generation == c.generation, timeout=10000)


def _open_menus(window):
    for menu in window.menuBar().findChildren(type(window.recent_menu)):
        menu.aboutToShow.emit()


def test_actions_that_cannot_work_are_disabled_with_the_reason(window, qtbot):
    c, acts = window.controller, window.menu_states.actions
    before = c.generation
    c.change(hidden=(4,))  # no hidden layer of 2 or 3 neurons
    _rebuilt(c, qtbot, before)
    _open_menus(window)
    hidden = acts["export_hidden"]
    assert not hidden.isEnabled() and hidden.toolTip() == NO_HIDDEN_SPACE
    assert not acts["export_landscape"].isEnabled() and acts["export_landscape_csv"].toolTip() == NO_LANDSCAPE
    assert acts["export_accuracy"].isEnabled() and acts["compare"].isEnabled()  # a classification run with data
    before = c.generation
    c.change(hidden=(2,))
    _rebuilt(c, qtbot, before)  # a new run updates the states (and the shortcuts) without a menu opened
    assert hidden.isEnabled() and hidden.toolTip() != NO_HIDDEN_SPACE
    before = c.generation
    c.edit_data("clear")
    _rebuilt(c, qtbot, before)
    assert not acts["compare"].isEnabled() and acts["compare"].toolTip() == NOTHING_TO_TRAIN
    assert not acts["find_lr"].isEnabled() and acts["export_data"].toolTip() == NO_POINTS
    window.compare_action.trigger()  # a disabled action's shortcut does nothing: no dialog
    assert c.twin is None


def test_accuracy_export_is_disabled_for_regression(window, qtbot):
    c = window.controller
    before = c.generation
    c.change(dataset="plane")  # a regression data set
    _rebuilt(c, qtbot, before)
    _open_menus(window)
    a = window.menu_states.actions["export_accuracy"]
    assert not a.isEnabled() and a.toolTip() == NO_ACCURACY

