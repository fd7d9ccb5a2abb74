"""Check boxes and radio buttons that grow with View › Zoom: ``ZoomedIndicators``, a
QProxyStyle over the application's style whose ``pixelMetric`` scales the indicators'
width and height (PM_IndicatorWidth/Height, PM_ExclusiveIndicatorWidth/Height) by the
widget's font against the application's. Unzoomed the two fonts are the same and so is
every metric: a window zoomed in and back is as new (a style sheet for the same, tried
before, stayed at 100% once set, and the window pool's windows were no longer as new)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle

SCALED = (QStyle.PixelMetric.PM_IndicatorWidth, QStyle.PixelMetric.PM_IndicatorHeight,
          QStyle.PixelMetric.PM_ExclusiveIndicatorWidth, QStyle.PixelMetric.PM_ExclusiveIndicatorHeight)


def font_zoom(widget) -> float:
    """``widget``'s font size over the application's (1.0 where either has no point size)."""
    ours, base = widget.font().pointSizeF(), QApplication.font().pointSizeF()
    return ours / base if ours > 0 and base > 0 else 1.0


class ZoomedIndicators(QProxyStyle):
    """The style named ``key`` (the application's), its check and radio indicators at the widget's zoom."""

    def pixelMetric(self, metric, option=None, widget=None) -> int:  # noqa: N802 (Qt's name)
        value = super().pixelMetric(metric, option, widget)
        if widget is not None and metric in SCALED:
            return round(value * font_zoom(widget))
        return value


def install(app) -> None:
    """The application's style with zoomed indicators (once; ``SelectedLook`` has them already)."""
    if not isinstance(app.style(), ZoomedIndicators):
        app.setStyle(ZoomedIndicators(app.style().name()))
