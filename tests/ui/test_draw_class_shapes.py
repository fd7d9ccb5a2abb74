"""The draw-class picker shows each class as its points are drawn (fault 10 of round 16): in the
colour-blind palette, past its eight colours, each class has a shape too, and the picker's swatches
were squares; the Metrics tab's swatches were squares too. Now the picker's icons are the points'
markers (a circle, or the class's shape) and the Metrics tab's swatches the class key's glyphs."""

import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage

pytestmark = pytest.mark.timeout(120)


def _mask(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    return np.array([[QColor.fromRgba(image.pixel(x, y)).alpha() > 128 for x in range(image.width())]
                     for y in range(image.height())])


def _symbol_mask(symbol: str, size: int) -> np.ndarray:
    """The mask of pyqtgraph's own drawing of ``symbol`` (as a ScatterPlotItem draws points)."""
    import pyqtgraph as pg
    from pyqtgraph.graphicsItems.ScatterPlotItem import renderSymbol

    image = renderSymbol(symbol, size - 2, pg.mkPen(None), pg.mkBrush(0, 0, 0))
    out = np.zeros((size, size), bool)
    m = _mask(image)
    top, left = (size - m.shape[0]) // 2, (size - m.shape[1]) // 2
    out[max(0, top):top + m.shape[0], max(0, left):left + m.shape[1]] = m[:size, :size]
    return out


def test_the_draw_class_picker_shows_each_class_in_its_points_shape(window, qtbot, tmp_path):
    from nnplay.ui.colors import CLASS_SHAPES, class_symbols

    rng = np.random.default_rng(0)
    rows = "\n".join(f"{x:.3f},{y:.3f},c{k}" for k in range(12) for x, y in rng.normal(size=(20, 2)) + k)
    (tmp_path / "c12.csv").write_text("x1,x2,label\n" + rows + "\n", encoding="utf-8")
    c = window.controller
    assert c.load_csv(str(tmp_path / "c12.csv"))
    qtbot.waitUntil(lambda: c.run_info is not None and c.run_info.data.n_classes == 12, timeout=10000)
    window.colorblind_action.trigger()
    try:
        shapes = class_symbols(12)
        assert shapes == list(CLASS_SHAPES)
        picker = window.boundary.draw_class
        assert picker.count() == 12
        wrong = []
        for k in (0, 1, 2, 3, 7):  # circle, square, triangle, diamond, a downward triangle
            icon = _mask(picker.itemIcon(k).pixmap(14, 14).toImage())
            want = _symbol_mask(shapes[k], 14)
            overlap = (icon & want).sum() / max(1, (icon | want).sum())
            if overlap < 0.6:
                wrong.append(f"class {k} ({shapes[k]}): overlap {overlap:.2f}")
        assert wrong == []
        window.lower_tabs.setCurrentWidget(window.metrics)
        qtbot.waitUntil(lambda: "▲" in window.metrics.label.text(), timeout=10000)  # class 2's shape, not ■
    finally:
        window.colorblind_action.trigger()
