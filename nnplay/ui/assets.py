"""Runtime assets, loaded through importlib.resources (works from a wheel, an
editable install and a frozen app alike)."""

from __future__ import annotations

from importlib import resources

from PySide6.QtGui import QIcon, QPixmap


def asset_bytes(name: str) -> bytes:
    return resources.files("nnplay.resources").joinpath(name).read_bytes()


def app_icon() -> QIcon:
    pm = QPixmap()
    pm.loadFromData(asset_bytes("icons/nnplay.svg"), "SVG")
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        icon.addPixmap(pm.scaled(size, size))
    return icon
