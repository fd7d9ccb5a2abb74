"""The network diagram's drawing laid out in its view (``NetworkDiagram._fit``, once per change of the
view's size or font): every neuron shown and the whole of every input's name (drawn in pixels, so
the room they need in view units depends on the scale), the layers' titles full or short on one
row, the "+N more" captions of the hidden and output layers on a row under the lowest neuron, the hidden layers'
activation labels in the room left under them."""

from __future__ import annotations

from .diagram_room import follow_font, room_below, size_names, spaced_titles, title_sizes, titles_fit, view_pixel_size


def lay_out_drawing(d) -> None:
    """Diagram ``d`` (a NetworkDiagram with its nodes made) laid out in its view's present size."""
    from .network_diagram import CANVAS_TIP, FIT_PADDING, NEURON_GAP

    follow_font(d)  # the titles zoom with the window (View > Zoom)
    rects = [rect for col in d.nodes for _, rect in col] + [m[0] for m in d.bounds.more if m]
    x0, x1 = min(r.left() for r in rects), max(r.right() for r in rects)
    y0, y1 = min(r.top() for r in rects), max(r.bottom() for r in rects) + 0.6  # room for the layer titles
    widths, title_h = title_sizes(d)
    left, right, top, bottom, short = x0, x1, y1, y0, False
    below = d.activation_labels.height_px()  # a row of the hidden layers' activation labels, in pixels
    caption_h = d.bounds.caption_row_px()  # a row of "+N more" captions under the drawing, first
    for _ in range(4):  # the scale shrinks as the range grows: a few rounds settle it (in arithmetic)
        px, py = view_pixel_size(d.view, (left, right), (bottom, top), FIT_PADDING)
        # one row of titles on one baseline (they took turns on two, "in" and "out" a row apart from
        # their neighbours: fault 6 of round 15): the short ones where the full ones are wider than a layer.
        # Once short, short: the full titles' room widens the range, which shrinks the scale, which made
        # them fit again; the choice flipped each round and the last round's was kept at the final scale
        # ("inputs … layer 2 … output", layers 1 and 3 left out at x1.25: fault 1 of round 19)
        short = short or (len(d._titles) > 1 and d._gap / px < widths[0])
        title_px = widths[1] if short else widths[0]
        size_names(d, NEURON_GAP / py)
        label_px = max((t.boundingRect().width() for t in d._left_texts() if t.isVisible()), default=0.0) + 8.0
        left = min(x0, d.nodes[0][0][1].left() - 0.1 - label_px * px)
        right = max(x1, d._titles[-1][1] + title_px / 2 * px)  # the last title ("output") whole
        top = max(y1, 0.2 + title_h * py)  # the titles' tops (0.15 above the nodes)
        bottom = y0 - (0.05 + caption_h * py if caption_h else 0.0)
    under = bottom if caption_h else y0 - 0.05  # the activation labels' top: under the captions
    bottom = room_below(d.view, (left, right), (bottom, top), under, below, FIT_PADDING)  # (labels)
    d.view.setRange(xRange=(left, right), yRange=(bottom, top), padding=FIT_PADDING)
    # the hidden layers' activations go in the room left under the lowest neuron (they never shrink
    # the drawing, which room_below lifts into spare room above it): short names; hidden where none is left
    px, py = d.view.viewPixelSize()
    if not short and len(d._titles) > 1 and d._gap / px < widths[0]:  # at the scale the view was given
        short, title_px = True, widths[1]
    d.bounds.fit_captions(d._gap, px, y0 - 0.05)  # a "more" caption under its node
    under = y0 - 0.05 - caption_h * py
    room = (under - d.view.viewRange()[1][0]) / py
    d.activation_labels.fit(d._gap / px, max_rows=min(2, int(room // below)) if below else 0)
    d.activation_labels.place(lambda l: d._titles[l][1], under, below * py)
    d._canvas_tip = CANVAS_TIP + d.activation_labels.menu_hint()  # labels hidden: where their menu is
    if d._hover is None:
        d.canvas.setToolTip(d._canvas_tip)
    roomy = titles_fit(d.view.height(), title_h, 1)
    shown = spaced_titles([x for _, x, _ in d._titles], title_px * px)
    for l, ((item, x, y), texts) in enumerate(zip(d._titles, d._title_texts)):
        text = texts[1] if short else texts[0]
        if item.toPlainText() != text:
            item.setText(text)
        item.setPos(x, y)
        item.setVisible(roomy and l in shown)
