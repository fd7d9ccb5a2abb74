"""Input feature transforms of a 2-D point, as TensorFlow Playground offers them."""

from __future__ import annotations

import numpy as np

FEATURES = {
    "x1": lambda X: X[:, 0],
    "x2": lambda X: X[:, 1],
    "x1^2": lambda X: X[:, 0] ** 2,
    "x2^2": lambda X: X[:, 1] ** 2,
    "x1x2": lambda X: X[:, 0] * X[:, 1],
    "sin_x1": lambda X: np.sin(X[:, 0]),
    "sin_x2": lambda X: np.sin(X[:, 1]),
}
DEFAULT_FEATURES = ("x1", "x2")

_ALIASES = {
    "x1sq": "x1^2", "x1**2": "x1^2", "x2sq": "x2^2", "x2**2": "x2^2",
    "x1*x2": "x1x2", "x1_x2": "x1x2",
    "sin(x1)": "sin_x1", "sinx1": "sin_x1", "sin(x2)": "sin_x2", "sinx2": "sin_x2",
}


def parse_features(text_or_list) -> tuple[str, ...]:
    """Canonical feature names from "x1,x2,x1^2" or a list; ValueError on unknown names."""
    items = text_or_list.split(",") if isinstance(text_or_list, str) else list(text_or_list)
    names = []
    for raw in items:
        key = raw.strip().lower().replace(" ", "")
        if not key:
            continue
        key = _ALIASES.get(key, key)
        if key not in FEATURES:
            raise ValueError(f"unknown feature {raw.strip()!r}; choose from {', '.join(FEATURES)}")
        if key not in names:
            names.append(key)
    if not names:
        raise ValueError("choose at least one input feature")
    return tuple(names)


def transform(X: np.ndarray, names) -> np.ndarray:
    """Columns for ``names`` computed from the first two columns of X (m, 2+)."""
    if X.shape[1] < 2:
        raise ValueError("feature transforms need two input columns")
    return np.column_stack([FEATURES[n](X) for n in names]).astype(np.float64, copy=False)
