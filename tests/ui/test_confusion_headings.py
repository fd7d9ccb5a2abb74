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
    k = 12
    names = [f"class_{i}" for i in range(k)]
    part = {"n": 24, "accuracy": 1.0, "macro_precision": 1.0, "macro_recall": 1.0,
            "confusion": [[2 if i == j else 0 for j in range(k)] for i in range(k)],
            "precision": [1.0] * k, "recall": [1.0] * k}
    html = MetricsView._classes_html({"train": part, "test": None}, names)
    assert "■</font>11</th>" in html and "■</font>L</th>" not in html
    assert "11: class_11" in html  # keyed below to the whole name
