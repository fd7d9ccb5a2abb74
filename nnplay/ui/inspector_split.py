"""The backprop inspector's splitter: the equations' heatmaps above, the chain rule to one weight below.

The chain rule's panel is as high as its texts and every row of its table need, up to CHAIN_SHARE of the
splitter's height (its table then scrolls; where even its texts and three rows need more, zoomed in a small
window, the panel scrolls); the heatmaps get the rest. (A fixed 3:2 split gave a table of 10 rows
at 1920×1080, or 4 at 1280×800, an empty area under them, with the heatmaps scrolling above it.) It is fitted
again when the window is resized or zoomed and when the chain's texts or rows change; a split the user drags
(or ``fit_whole_equations`` sets, for ``nnplay render``) is kept until the table's number of rows changes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QScrollArea, QSplitter

from .chain_rule import ChainRulePanel
from .coalesced import Coalesced
from .widgets import on_event

CHAIN_SHARE = 0.4  # the chain rule's panel takes at most this share of the splitter's height (the old fixed 2/5)


class ChainSplit:
    """Fits ``split`` (the equations' scroll area, then ``chain_scroll`` holding ``chain``)."""

    def __init__(self, split: QSplitter, chain: ChainRulePanel, chain_scroll: QScrollArea):
        self.split, self.chain, self.chain_scroll = split, chain, chain_scroll
        self.kept = False  # the user's split (a drag), or render's: not fitted again until the rows change
        self._rows = None  # the table's number of rows when last fitted
        split.setStretchFactor(0, 1)  # a resize the fit does not follow (a kept split): the heatmaps take it
        split.setStretchFactor(1, 0)
        split.splitterMoved.connect(self._dragged)
        self._later = Coalesced(self.fit, split)
        on_event(split, (QEvent.Type.Resize,), self._later.request)
        on_event(chain, (QEvent.Type.LayoutRequest, QEvent.Type.FontChange), self._later.request)

    def _dragged(self, *_) -> None:
        self.kept = True

    def request(self) -> None:
        """Fit the split once the events posted so far have run (a new trace: new rows, new texts)."""
        self._later.request()

    def chain_height(self) -> int:
        """The chain rule panel's height: its whole table's, at most CHAIN_SHARE of the split (where even its
        least is more, zoomed in a small window, it scrolls: ``chain_rule.scrolled``)."""
        width = self.chain_scroll.width()
        room = self.split.height() - self.split.handleWidth()
        whole, cap = self.chain.whole_height(width), round(CHAIN_SHARE * room)
        if whole - cap < self.chain.table.verticalHeader().defaultSectionSize():
            cap = whole  # (a table scrolled by less than a row: shown whole)
        return min(whole, cap)

    def fit(self) -> None:
        """The chain rule's panel its height (``chain_height``), the heatmaps the rest, unless the split is kept."""
        rows = self.chain.table.rowCount()
        if rows != self._rows:
            self._rows, self.kept = rows, False
        room = self.split.height() - self.split.handleWidth()
        if self.kept or room <= 0 or not self.split.isVisible():
            return
        chain = min(self.chain_height(), room)
        if self.split.sizes() != [room - chain, chain]:
            self.split.setSizes([room - chain, chain])

    def fit_whole_equations(self, scroll: QScrollArea) -> None:
        """Give the equations (in ``scroll``) the height they need at the window's width (their rows wrap)
        and the chain rule the rest, and keep that split (``nnplay render`` lays the inspector out so)."""
        body = scroll.widget()
        need = body.heightForWidth(scroll.viewport().width()) if body.hasHeightForWidth() else -1
        need = (need if need > 0 else body.sizeHint().height()) + 2 * scroll.frameWidth()
        rest = self.split.height() - self.split.handleWidth() - need
        self.kept, self._rows = True, self.chain.table.rowCount()
        self.split.setSizes([need, max(rest, self.chain.heightForWidth(self.chain_scroll.viewport().width()))])
