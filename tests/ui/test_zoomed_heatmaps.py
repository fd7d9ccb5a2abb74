"""At 160% zoom the gradient heatmaps were 48 px high (the unzoomed least) beside text 1.6
times larger: each heatmap's least height, and a curve plot's, follows the zoom."""


from nnplay.ui.plot_room import MIN_HEATMAP_PX, MIN_PLOT_PX
from tests.sweep import sweep


@sweep("zoom", [1.6, 2.0], default=1)
def test_every_heatmap_keeps_its_height_times_the_zoom(window, qtbot, zoom):
    window.resize(1280, 800)
    c = window.controller
    c.step(1)
    qtbot.waitUntil(lambda: c.last_frame.snapshot.epoch == 1, timeout=20000)
    maps = window.gradients._maps
    assert maps
    try:
        window.presentation.set_zoom(zoom)
        qtbot.wait(300)
        least = round(MIN_HEATMAP_PX * zoom)
        for m in window.gradients._maps:
            box = m.getViewBox()
            assert box.minimumHeight() == least and box.height() >= least - 1, (box.minimumHeight(), box.height())
        assert window.curves.loss_plot.getViewBox().minimumHeight() == round(MIN_PLOT_PX * zoom)
    finally:
        window.presentation.set_zoom(1.0)
        qtbot.wait(100)
    assert all(m.getViewBox().minimumHeight() == MIN_HEATMAP_PX for m in window.gradients._maps)
