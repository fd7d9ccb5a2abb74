"""A TidyAxis writes a negative tick label with the minus sign "−" that the read-outs use (it wrote
"-0.5" beside "(−1.149)"). (The output view's own pyqtgraph axes still write "-": their labels'
wider minus moved the plot's data area, which its layout tests caught; not done yet.)"""

from nnplay.numbers import MINUS
from nnplay.ui.plots import plot_widget


def test_negative_tick_labels_of_a_tidy_axis_have_the_minus_sign(qtbot):
    widget = plot_widget()
    qtbot.addWidget(widget)
    widget.resize(400, 300)
    widget.setXRange(-8, 8, padding=0)
    widget.setYRange(-0.5, 0.5, padding=0)
    widget.show()
    qtbot.waitExposed(widget)
    for side in ("bottom", "left"):
        axis = widget.getPlotItem().getAxis(side)
        levels = axis.tickValues(*axis.range, axis.geometry().width() if side == "bottom" else axis.geometry().height())
        values = [v for _, vs in levels for v in vs if v < 0]
        assert values, side
        texts = axis.tickStrings(values, 1.0, levels[0][0])
        assert all(t.startswith(MINUS) and "-" not in t for t in texts), (side, texts)
