"""The one-line summary of the data as the network gets it, in the window's
Data panel and on `nnplay train`'s data line: each clause states a setting
truthfully (what the data is, where it came from, the inputs and features fed,
and whether they are standardised), read from the same ``config`` and
``data`` the run is built from."""

from __future__ import annotations

from ..data import CLASSIFICATION, DEFAULT_FEATURES
from ..numbers import count


def kind_text(data) -> str:
    """'3 classes' or 'regression' (from the data, which the run trains on)."""
    return count(data.n_classes, "class", "classes") if data.task == CLASSIFICATION else "regression"


def source_text(config, data) -> str:
    """'drawn by hand', 'loaded from CSV' or 'generated'."""
    return "drawn by hand" if data.edited else ("loaded from CSV" if config.dataset == "csv" else "generated")


def inputs_text(config, data) -> str:
    """The inputs and what is done to them, e.g. '2 inputs, 1 feature added, standardised'."""
    return f"{count(data.n_inputs, 'input')}, {treatment_text(config, data)}"


def treatment_text(config, data) -> str:
    """What is done to the inputs before the network: features added or not
    (features apply to two-input data only), and standardised or not
    (config.standardize: each network input scaled to mean 0, SD 1 on the
    training examples), e.g. '1 feature added, standardised'."""
    if data.n_inputs != 2:
        features = "no features added"
    else:
        added = sum(f not in DEFAULT_FEATURES for f in config.features)
        left_out = sum(r not in config.features for r in DEFAULT_FEATURES)
        features = f"{count(added, 'feature') if added else 'no features'} added"
        if left_out:
            features += f", {count(left_out, 'input')} left out"
    return f"{features}, {'standardised' if config.standardize else 'not standardised'}"


def summary(name: str, config, data) -> str:
    """'NAME: 500 points, 2 classes; no features added, not standardised' (a
    built-in set, its button checked above the summary; two inputs, shown by the
    feature boxes below it), 'NAME: 40 points, regression, loaded from CSV; 5
    inputs, no features added, standardised' (any other number of inputs, the
    source of data that is not generated). Two lines of the Data column in a
    1100-pixel window."""
    inputs = treatment_text(config, data) if data.n_inputs == 2 else inputs_text(config, data)
    source = source_text(config, data)
    said = ", ".join([count(data.n_examples, "point"), kind_text(data)] + ([source] if source != "generated" else []))
    return f"{name}: {said}; {inputs}"
