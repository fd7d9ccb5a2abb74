"""The confusion matrix's headings are the legend's class names (tester 17: with 12 classes
named class_0 .. class_11 the matrix's columns were A-L, a second naming beside the legend's)."""

from __future__ import annotations

from nnplay.ui.metrics_view import MetricsView, short_tags


def test_headings_read_as_the_class_names():
    assert short_tags([f"class_{i}" for i in range(12)]) == [str(i) for i in range(12)]
    assert short_tags(["Adelie", "Chinstrap", "Gentoo"]) == ["Ade", "Chi", "Gen"]
    assert short_tags(["0", "1", "2"]) == ["0", "1", "2"]
    assert short_tags(["low", "lower", "lowest"]) == ["A", "B", "C"]  # nothing shorter tells them apart
    assert short_tags([f"long name {i:02d} here" for i in range(30)])[:3] == ["00", "01", "02"]


def test_the_matrix_of_twelve_classes_is_headed_by_their_numbers():
    names = [f"class_{i}" for i in range(12)]
    html = MetricsView._classes_html({"train": perfect_report(12), "test": None}, names, short_tags(names))
    assert "<th>11</th>" in html and "<th>L</th>" not in html
    assert "11: class_11" in html  # keyed below to the whole name


def test_every_heading_of_a_twelve_class_matrix_is_whole_in_a_narrow_tab(qtbot):
    """Tester: at 1024x768 the Metrics tab (~280 px) cut the 12-class matrix's last heading ("■1" of
    "■11"), the others run into each other. Every column whole now (the swatches a row above the
    headings; a smaller font, then a sideways scroll, where the tab is narrower still): nothing is drawn
    at the label's right edge, and a label wider than the tab scrolls."""
    from PySide6.QtGui import QColor, QTextDocument
    from PySide6.QtWidgets import QScrollArea

    view = metrics_view_of(qtbot, [f"class_{i}" for i in range(12)])
    scroll = view.findChild(QScrollArea)
    for width in [600, *range(330, 190, -10)]:
        view.resize(width, 900)
        view._render()
        qtbot.wait(30)
        label = view.label
        image = label.grab().toImage()
        background = QColor(image.pixel(image.width() - 1, 0))
        doc = QTextDocument()  # where the tables are (the text around them wraps, up to the edge)
        doc.setDefaultFont(label.font())
        doc.setDocumentMargin(0)
        doc.setHtml(label.text())
        doc.setTextWidth(label.width())
        tables = [doc.documentLayout().frameBoundingRect(f) for f in doc.rootFrame().childFrames()]
        assert len(tables) == 2
        edge = [y for y in range(image.height()) for x in (image.width() - 2, image.width() - 1)
                if any(t.top() <= y <= t.bottom() for t in tables)
                and QColor(image.pixel(x, y)).lightness() < background.lightness() - 40]
        assert edge == [], f"{width} px: drawn at the label's right edge (cut) in rows {edge[:5]}"
        assert label.width() <= scroll.viewport().width() or scroll.horizontalScrollBar().maximum() > 0


def test_the_macro_precision_says_how_a_class_never_predicted_is_counted():
    """tester21: "macro precision 99.5%" beside axolotl's precision "–" (never predicted) and recall 0%:
    the macro average now counts it as 0 (scikit-learn's zero_division=0) and says so."""
    import numpy as np

    from nnplay.training.metrics import classification_report

    names = ["newt", "salamander", "axolotl"]
    part = classification_report(np.array([0] * 100 + [1] * 98 + [2] * 2), np.array([0] * 100 + [1] * 100), 3)
    html = MetricsView._classes_html({"train": part, "test": None}, names, names)
    assert "macro precision 66.0% (axolotl never predicted: counted as 0)" in html, html
    part = classification_report(np.array([0, 1, 2]), np.array([0, 1, 2]), 3)
    assert "never predicted" not in MetricsView._classes_html({"train": part, "test": None}, names, names)
def perfect_report(k: int, per_class: int = 2) -> dict:
    """A classification report of ``k`` classes, ``per_class`` examples each, every one right."""
    return {"n": k * per_class, "accuracy": 1.0, "macro_precision": 1.0, "macro_recall": 1.0,
            "confusion": [[per_class if i == j else 0 for j in range(k)] for i in range(k)],
            "precision": [1.0] * k, "recall": [1.0] * k}


def metrics_view_of(qtbot, names, per_class: int = 20):
    """A Metrics view, shown, of a frame whose training report has the classes ``names``, ``per_class``
    examples each (two digits in each diagonal cell by default), all right."""
    from types import SimpleNamespace

    from nnplay.data import CLASSIFICATION

    view = MetricsView()
    qtbot.addWidget(view)
    view.info = SimpleNamespace(data=SimpleNamespace(task=CLASSIFICATION, class_names=names))
    view._frame = SimpleNamespace(snapshot=SimpleNamespace(quality={"train": perfect_report(len(names), per_class),
                                                                    "test": None}, epoch=4, batch_position=(0, 1)))
    view.show()
    return view


def test_headings_are_whole_whenever_they_fit_and_keyed_in_the_tooltip_when_not(qtbot):
    """Fault 2 of round 19: rare3.csv's classes headed "axo", "cat", "dog" in a 1920-wide window, with
    room for "axolotl". The headings are the whole names wherever the matrix fits the tab with them (in
    the label's font or the smaller one); short only where it does not, the whole names then in the
    tooltip; the test's widths run from roomy to narrower than even the short headings need."""
    from PySide6.QtGui import QTextDocument

    from nnplay.ui.metrics_view import SMALL_PT

    for names in (["axolotl", "cat", "dog"], [f"species {c}" for c in "ABCDEFGH"]):
        view = metrics_view_of(qtbot, names)
        seen = set()
        for width in range(700, 80, -20):
            view.resize(width, 900)
            view._render()
            room = view.scroll.viewport().width()
            text, tip = view.label.text(), view.label.toolTip()
            whole = all(f"<th>{n}</th>" in text for n in names)
            doc = QTextDocument()  # the matrix with whole headings in the smaller font: does it fit?
            doc.setDefaultFont(view.label.font())
            doc.setDocumentMargin(0)
            tags = "".join(f"<th>{n}</th>" for n in names)
            doc.setHtml(f"<table cellpadding=1 style='font-size:{SMALL_PT}pt'><tr><th></th>{tags}</tr>"
                        + "".join(f"<tr><td>■{n}</td>" + "<td>20</td>" * len(names) + "</tr>" for n in names)
                        + "</table>")
            fits = doc.size().width() <= room
            where = f"{names[0]}.. at {width} px (room {room})"
            if fits:
                assert whole, f"{where}: short headings where the whole ones fit"
            if not whole:
                cut = [n for n in names if f"<th>{n}</th>" not in text]
                assert all(n in tip for n in cut), f"{where}: short headings, the names not in the tooltip: {tip!r}"
            seen.add(whole)
        assert seen == {True, False}, names  # (the widths reach both)
        view.close()
