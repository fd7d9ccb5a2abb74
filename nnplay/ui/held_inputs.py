"""What a picture over two inputs holds the others at, in words (tester 16: an exported
output view of a 3-input CSV did not say that x1 was held at its mean)."""

from __future__ import annotations

import html

from ..data import input_labels
from ..numbers import count
from .elide import short_name


def held_note(data, axes) -> str:
    """" x1 held at its training mean." for data of more than two inputs (the plane's two are
    ``axes``, indices into ``data.input_names``): what the plane's other inputs are (the probes
    hold them at their training mean); "" when there are none. Rich text (escaped)."""
    raw = data.input_names
    others = [short_name(n, 24) for k, n in enumerate(input_labels(raw, raw)) if k not in axes]
    if not others:
        return ""
    if len(others) == 1:
        return f" {html.escape(others[0])} held at its training mean."
    return f" The other {count(len(others), 'input')} held at their training means."
