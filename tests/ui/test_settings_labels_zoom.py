"""The Network settings' labels, made as wide as the widest (ui/network_panel.py), come back to their
width after a zoom in and out: their size hints, which a QLabel keeps, held the zoomed minimum, and the
settings stayed as wide as at the larger zoom (the slow test_window_pool found it, round 20)."""

from PySide6.QtWidgets import QFormLayout


def test_a_zoom_in_and_out_gives_the_settings_labels_back_their_width(window, qtbot):
    form = window.network_panel.settings_box.layout()
    labels = [form.itemAt(i, QFormLayout.ItemRole.LabelRole).widget() for i in range(form.rowCount())]
    new = [(label.minimumWidth(), label.sizeHint().width(), label.minimumSizeHint().width()) for label in labels]
    window.presentation.set_zoom(1.6)
    qtbot.waitUntil(lambda: labels[0].minimumWidth() > new[0][0], timeout=3000)
    assert len({label.minimumWidth() for label in labels}) == 1  # (one width: the widest)
    window.presentation.set_zoom(1.0)
    qtbot.waitUntil(lambda: labels[0].minimumWidth() == new[0][0], timeout=3000)
    assert [(label.minimumWidth(), label.sizeHint().width(), label.minimumSizeHint().width())
            for label in labels] == new
