"""Input feature transforms of a 2-D point, as TensorFlow Playground offers them."""

from __future__ import annotations

import numpy as np

from ..user_text import shown

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

# How each feature is shown, with {a} and {b} standing for the two raw inputs
_LABEL_FORMS = {"x1": "{a}", "x2": "{b}", "x1^2": "{a}²", "x2^2": "{b}²", "x1x2": "{a}{dot}{b}",
                "sin_x1": "sin({a})", "sin_x2": "sin({b})"}
_SYMBOLS = ("X₁", "X₂")

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
            raise ValueError(f"unknown feature {shown(raw.strip())}; choose from {', '.join(FEATURES)}")
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


def feature_label(name: str, raw_names=("x1", "x2")) -> str:
    """How the window shows the feature ``name`` (a key of FEATURES, e.g. "x1^2")
    of data whose two raw inputs are called ``raw_names``: X₁² for the built-in
    sets (raw inputs x1, x2), height² for a CSV with columns height and weight.
    A name that is not a feature (a column of a CSV with more inputs) is shown
    as it is."""
    form = _LABEL_FORMS.get(name)
    if form is None:
        return str(name)
    a, b = (str(n) for n in raw_names[:2])
    if (a, b) == ("x1", "x2"):
        a, b = _SYMBOLS
    return form.format(a=a, b=b, dot="" if (a, b) == _SYMBOLS else "·")


def input_labels(input_names, raw_names) -> list[str]:
    """``feature_label`` of each of a network's inputs (RunInfo.input_names),
    for data whose raw inputs are ``raw_names`` (Dataset.input_names)."""
    raw = tuple(raw_names)
    return [feature_label(n, raw) if len(raw) == 2 else str(n) for n in input_names]
