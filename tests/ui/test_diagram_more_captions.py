"""The network diagram's "+N more" captions of the hidden and output layers sit clear of every neuron and
link (nnplay.ui.diagram_bounds.fit_captions): left of its node, among the links converging on it, the "+35
more outputs" of a 50-class CSV was drawn, on its grey fill, over the links into the output column, and a wide
hidden layer's "+49" over the links between the layers. They now go on a row of their own under the drawing,
in the diagram's font."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QLineF, QRectF, Qt

from nnplay.data import load_csv
from nnplay.training import TrainConfig, Trainer
from nnplay.training.loop import Frame
from nnplay.ui.network_diagram import NetworkDiagram
from tests.layout_check import text_problems
from tests.settle import settle
from tests.sweep import sweep

pytestmark = pytest.mark.timeout(120)

SIZES = [(300, 290), (280, 420), (220, 390), (420, 520)]  # the Network column's diagram at 1280×800, 1100×680 (folded)


def _fifty_classes(path) -> Trainer:
    rng = np.random.default_rng(0)
    y = np.concatenate([np.arange(50), rng.integers(0, 50, 250)])
    X = rng.normal(size=(300, 2)) + np.stack([np.cos(y / 8) * 3, np.sin(y / 8) * 3], 1)
    path.write_text("x1,x2,label\n" + "".join(f"{a:.3f},{b:.3f},class{t}\n" for (a, b), t in zip(X, y)))
    return Trainer(TrainConfig(dataset="csv", hidden=(4, 2)), load_csv(str(path)))


def _drawn(qtbot, trainer, size) -> NetworkDiagram:
    d = NetworkDiagram()
    qtbot.addWidget(d)
    d.resize(*size)
    d.show()
    qtbot.waitExposed(d)
    d.set_run(trainer.run_info())
    d.set_frame(Frame(0, trainer.snapshot(), False, 0.0))
    settle(qtbot)
    d.refit()
    return d


def _crosses(line: QLineF, rect: QRectF) -> bool:
    """Whether the segment ``line`` passes through ``rect`` (Liang-Barsky clipping)."""
    x0, y0, dx, dy = line.x1(), line.y1(), line.dx(), line.dy()
    lo, hi = 0.0, 1.0
    for p, q in ((-dx, x0 - rect.left()), (dx, rect.right() - x0), (-dy, y0 - rect.top()), (dy, rect.bottom() - y0)):
        if p == 0:
            if q < 0:
                return False
        elif p < 0:
            lo = max(lo, q / p)
        else:
            hi = min(hi, q / p)
    return lo <= hi


def hidden_things(d: NetworkDiagram) -> list[str]:
    """Each "+N more" caption of a hidden or output layer drawn over a neuron, a "more" node or a link
    (drawn or summary), and each one hidden or in a font smaller than the diagram's."""
    scene = d.view.mapViewToScene
    nodes = [(f"neuron {i + 1} of layer {l}", scene(rect).boundingRect())
             for l, col in enumerate(d.nodes) for i, (_, rect) in enumerate(col)]
    nodes += [(f"layer {l}'s more node", scene(more[0]).boundingRect()) for l, more in enumerate(d.bounds.more) if more]
    links = [(f"a link into layer {l}", QLineF(scene(QLineF(a.right(), a.center().y(), b.left(), b.center().y()).p1()),
                                               scene(QLineF(a.right(), a.center().y(), b.left(), b.center().y()).p2())))
             for l in range(1, len(d.nodes)) for _, b in d.nodes[l] for _, a in d.nodes[l - 1]]
    links += [(f"a summary link into layer {l + 1}", QLineF(line.mapToScene(line.line().p1()),
                                                           line.mapToScene(line.line().p2())))
              for l, group in enumerate(d.bounds.links) for line, _, _ in group]
    found = []
    for l, _, caption in d.bounds.under_captions():
        name = f"layer {l}'s {caption.toPlainText()!r}"
        if not caption.isVisible():
            found.append(f"{name} is hidden")
            continue
        if caption.textItem.font().pointSizeF() < d.font().pointSizeF():
            found.append(f"{name} is in {caption.textItem.font().pointSizeF():.1f} pt, the diagram's "
                         f"{d.font().pointSizeF():.1f}")
        # what it hides: its glyphs, or the whole box its fill paints (a caption over links had one, to be read)
        m = 0 if caption.fill.style() != Qt.BrushStyle.NoBrush else caption.textItem.document().documentMargin()
        rect = caption.textItem.mapRectToScene(caption.textItem.boundingRect()).adjusted(m, m, -m, -m)
        found += [f"{name} is over {what}" for what, r in nodes if rect.intersects(r)]
        found += [f"{name} is over {what}" for what, line in links if _crosses(line, rect)]
    return found


@sweep("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES], default=0)
def test_a_50_class_csv_output_caption_hides_no_neuron_and_no_link(qtbot, tmp_path, size):
    d = _drawn(qtbot, _fifty_classes(tmp_path / "fifty.csv"), size)
    assert d.bounds.more[-1] is not None and d.sizes[-1] == 50
    assert hidden_things(d) == []
    assert d.bounds.more[-1][2].toPlainText().startswith(f"+{d.bounds.hidden(len(d.sizes) - 1)}")
    assert text_problems(d) == []  # within the view, over no title or activation label


def test_the_output_caption_says_what_it_stands_for_where_there_is_room(qtbot, tmp_path):
    d = _drawn(qtbot, _fifty_classes(tmp_path / "fifty.csv"), (300, 400))
    assert d.bounds.more[-1][2].toPlainText() == f"+{d.bounds.hidden(3)} more outputs"


@sweep("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES], default=0)
def test_wide_hidden_layers_captions_hide_no_neuron_and_no_link(qtbot, size):
    d = _drawn(qtbot, Trainer(TrainConfig(hidden=(64, 40))), size)
    assert d.bounds.more[1] is not None and d.bounds.more[2] is not None
    assert hidden_things(d) == []
    assert text_problems(d) == []
