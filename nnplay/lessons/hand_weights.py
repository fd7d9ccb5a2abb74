"""A lesson's ``weights`` table: parameters a learner sets by hand (clicking a
link or a neuron of the diagram), written as the matrices they are, e.g.::

    [weights]
    "W[1]" = [[5, 0], [0, 5]]   # W[l] has one row per neuron of layer l, one column per neuron of layer l-1
    "b[1]" = [0, 0]

Checked when the lesson is read: names, numbers, every row as long
(``parse_weights``), then each entry's layer and shape against the network the
lesson's settings (with its solution) build (``check_weights``, the same check
``apply_weights`` makes), so that ``nnplay lessons FILE``, ``nnplay --lesson
FILE`` and the window's Open… refuse what ``--check`` would. ``nnplay lessons
NAME --check`` and the tests apply them after the solution, as the learner would
type them, and then play the lesson. Nothing in a file is run as code."""

from __future__ import annotations

import math
import re

from ..numbers import count
from ..user_text import shortened

_NAME = re.compile(r"^([Wb])\[(\d+)\]$")


def parse_weights(doc) -> tuple[tuple[str, int, tuple[tuple[float, ...], ...]], ...]:
    """(kind "W" or "b", layer from 1, rows) for each entry of a ``weights`` table;
    ValueError (one line: the entry and what is wrong) for anything else."""
    if not isinstance(doc, dict) or not doc:
        raise ValueError('must be a table like [weights] "W[1]" = [[5, 0], [0, 5]]')
    out = []
    for name, value in doc.items():
        m = _NAME.match(name)
        if m is None or int(m.group(2)) < 1:
            raise ValueError(f"{name!r} is not a parameter: write W[l] or b[l] with l from 1")
        kind, layer = m.group(1), int(m.group(2))
        rows = value if kind == "W" else [[v] for v in value] if isinstance(value, list) else value
        if not isinstance(rows, list) or not rows or not all(isinstance(r, list) and r for r in rows):
            what = "a list of rows like [[5, 0], [0, 5]]" if kind == "W" else "a list of numbers like [0, 0]"
            raise ValueError(f"{name} must be {what}")
        if len({len(r) for r in rows}) != 1:
            raise ValueError(f"{name}: its rows are not all as long")
        for r in rows:
            for v in r:
                if isinstance(v, bool) or not isinstance(v, (int, float)) or not _finite(v):  # (named as written:
                    raise ValueError(f"{name}: {shortened(repr(v))} is not a finite number")  # 1e400, not inf)
        out.append((kind, layer, tuple(tuple(float(v) for v in r) for r in rows)))
    return tuple(out)


def _finite(v) -> bool:
    """Whether ``v`` is a finite float: a whole number past 1.8e308 (TOML keeps its digits) is not."""
    try:
        return math.isfinite(v)
    except OverflowError:
        return False


def count_numbers(weights) -> int:
    """How many numbers ``weights`` (``parse_weights``) set: W[l] counts its every entry."""
    return sum(len(rows) * len(rows[0]) for _, _, rows in weights)


def check_weights(sizes, weights) -> None:
    """ValueError (one line naming the entry) unless every entry of ``weights`` is a
    layer of a network of layer sizes ``sizes`` (n[0], ..., n[L]) and has its shape:
    W[l] is n[l] × n[l-1], b[l] has n[l] numbers."""
    for kind, layer, rows in weights:
        name = f"{kind}[{layer}]"
        if layer >= len(sizes):
            raise ValueError(f"{name}: the network has {count(len(sizes) - 1, 'layer')} of weights "
                             f"({kind}[1] to {kind}[{len(sizes) - 1}])")
        shape = (sizes[layer], sizes[layer - 1] if kind == "W" else 1)
        if (len(rows), len(rows[0])) != shape:
            raise ValueError(f"{name} is {len(rows)}×{len(rows[0])}, the network's is {shape[0]}×{shape[1]}")


def network_sizes(config) -> list[int]:
    """The layer sizes (n[0], ..., n[L]) of the network ``config`` builds on its generated data."""
    from ..training import Trainer

    return list(Trainer(config).net.sizes)


def apply_weights(trainer, weights) -> None:
    """Set each parameter of ``weights`` (``parse_weights``) on ``trainer`` as typed by
    hand (``Trainer.set_parameter``); ValueError naming the entry when its shape is not
    the network's (``check_weights``)."""
    check_weights(trainer.net.sizes, weights)
    for kind, layer, rows in weights:
        for i, r in enumerate(rows):
            for j, v in enumerate(r):
                trainer.set_parameter(layer - 1, kind, i, j, v)
