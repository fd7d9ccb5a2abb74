"""Options > Colour-blind-safe colours changes colours and nothing else (a tester's report: the loss
curves stopped and the gradient norms emptied for the rest of the run, the hidden space's key kept
the old colours): every view that keeps colours of its own takes the new palette, and a frame shown
again to redraw it adds nothing to the views' records."""

import pytest

from nnplay.ui import colors
from nnplay.ui.colors import class_rgb, hex_color, layer_rgb


def _train_to(window, qtbot, epoch):
    c = window.controller
    c.step(epoch - c.last_frame.snapshot.epoch)
    qtbot.waitUntil(lambda: c.last_frame.snapshot.epoch == epoch, timeout=20000)


def test_showing_the_last_frame_again_adds_nothing_to_the_records(window, qtbot):
    _train_to(window, qtbot, 30)
    before = (len(window.curves.history), window.gradients.epochs_recorded,
              list(window.gradients.clip_marks.x), len(window.curves.curves["train_loss"].given[0]))
    window.show_frame(window.controller.last_frame)
    window.show_frame(window.controller.last_frame)
    assert (len(window.curves.history), window.gradients.epochs_recorded, list(window.gradients.clip_marks.x),
            len(window.curves.curves["train_loss"].given[0])) == before == (31, 31, [], 31)


@pytest.mark.parametrize("switch_while", ["paused", "playing"])
def test_the_colour_blind_palette_changes_colours_and_the_curves_go_on(window, qtbot, switch_while):
    _train_to(window, qtbot, 20)
    window.lower_tabs.setCurrentWidget(window.hidden_space)
    c = window.controller
    if switch_while == "playing":
        c.play()
        qtbot.waitUntil(lambda: c.last_frame.playing and c.last_frame.snapshot.epoch > 20, timeout=10000)
    try:
        window.colorblind_action.setChecked(True)
        assert colors.palette_name() == "colorblind"
        if switch_while == "playing":
            c.pause()
        qtbot.waitUntil(lambda: not c.last_frame.playing, timeout=5000)  # (the training process stopped)
        _train_to(window, qtbot, c.last_frame.snapshot.epoch + 25)
        n = c.last_frame.snapshot.epoch + 1
        assert len(window.curves.history) == n and window.gradients.epochs_recorded == n
        assert all(len(curve.given[0]) == n for curve in window.gradients._norm_curves)
        # the keys in the new colours: the norms' legend, the hidden space's classes
        legend = window.gradients.legend.text()  # (a QLabel: rich text with each layer's swatch)
        assert hex_color(layer_rgb(0)) in legend and hex_color(colors.PALETTES["default"]["layers"][0]) not in legend
        assert hex_color(class_rgb(2)[0]) in window.hidden_space.key.text()
        assert hex_color(colors.CLASS_COLORS[0]) not in window.hidden_space.key.text()
    finally:
        window.colorblind_action.setChecked(False)
    assert hex_color(colors.CLASS_COLORS[0]) in window.hidden_space.key.text()
    window.lower_tabs.setCurrentWidget(window.curves)  # (drawn while seen: every epoch once shown)
    qtbot.waitUntil(lambda: len(window.curves.curves["train_loss"].given[0]) == n, timeout=5000)


def test_the_distributions_plots_take_the_new_layer_colours(window, qtbot):
    window.lower_tabs.setCurrentWidget(window.distributions)
    _train_to(window, qtbot, 20)
    view = window.distributions
    qtbot.waitUntil(lambda: bool(view._items), timeout=5000)

    def median_colours():
        return {l: median.opts["pen"].color().getRgb()[:3] for (l, q), (plot, bands, median) in view._items.items()}

    assert all(rgb == tuple(layer_rgb(l - 1)[:3]) for l, rgb in median_colours().items())
    window.colorblind_action.setChecked(True)
    try:
        qtbot.waitUntil(lambda: all(rgb == tuple(layer_rgb(l - 1)[:3]) for l, rgb in median_colours().items()),
                        timeout=5000)
        assert any(tuple(layer_rgb(l - 1)[:3]) != tuple(colors.LAYER_COLORS[l - 1][:3]) for l in median_colours())
    finally:
        window.colorblind_action.setChecked(False)
    qtbot.waitUntil(lambda: all(rgb == tuple(colors.LAYER_COLORS[l - 1][:3]) for l, rgb in median_colours().items()),
                    timeout=5000)


def test_the_draw_class_swatches_take_the_new_palette(window):
    picker = window.boundary.draw_class

    def swatch(k):
        return picker.itemIcon(k).pixmap(14, 14).toImage().pixelColor(7, 7).getRgb()[:3]

    picker.setCurrentIndex(1)
    window.colorblind_action.setChecked(True)
    try:
        assert [swatch(k) for k in range(2)] == [tuple(class_rgb(2)[k][:3]) for k in range(2)]
        assert swatch(0) != tuple(colors.CLASS_COLORS[0][:3]) and picker.currentIndex() == 1
    finally:
        window.colorblind_action.setChecked(False)
    assert swatch(0) == tuple(colors.CLASS_COLORS[0][:3])


def test_the_data_sets_thumbnails_take_the_new_palette(window):
    button = window.data_panel.dataset_buttons["circle"]

    def picture():
        return button.icon().pixmap(48, 48).toImage()

    before = picture()
    window.colorblind_action.setChecked(True)
    try:
        assert picture() != before  # (found by the window's walk over its views: refresh_colours)
    finally:
        window.colorblind_action.setChecked(False)
    assert picture() == before
