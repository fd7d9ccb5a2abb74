"""The Data column's thumbnails are drawn once per data set and palette and reused
by every window after it (a window build drew all nine again: 0.1-0.2 s each time)."""

from __future__ import annotations

import pytest

from nnplay.ui import colors
from nnplay.ui.data_panel import _thumbnail, dataset_icon


@pytest.fixture
def default_palette():
    yield
    colors.set_palette("default")


def _pixels(icon):
    return icon.pixmap(44, 44).toImage()


def test_a_thumbnail_is_drawn_once_per_palette_and_follows_a_change_of_palette(qapp, default_palette):
    colors.set_palette("default")
    first = _pixels(dataset_icon("xor"))
    hits = _thumbnail.cache_info().hits
    assert _pixels(dataset_icon("xor")) == first  # (a second window's)
    assert _thumbnail.cache_info().hits == hits + 1  # drawn once
    colors.set_palette(next(name for name in colors.PALETTES if name != "default"))
    assert _pixels(dataset_icon("xor")) != first  # the other palette's colours
    colors.set_palette("default")
    assert _pixels(dataset_icon("xor")) == first
