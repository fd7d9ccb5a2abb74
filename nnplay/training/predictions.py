"""A trained model's predictions on its data set, as a table a user opens in a
spreadsheet: ``nnplay train ... --predictions OUT.csv`` and the window's
File › Export › Predictions (CSV).

One row per example, in the data's order: the inputs under their own names
(a one-hot encoded category back as one column holding its level), the
target under its own name, ``prediction`` (the class name, or the value in
the target's own units, also when it was standardised for training), for
classification ``P(name)`` per class, and ``split`` (train or test).
"""

from __future__ import annotations

import numpy as np

from ..data import CLASSIFICATION
from ..data.target_units import in_target_units
from .pictures import predicted_classes


def predictions_table(trainer):
    """The table above as a pandas DataFrame, for ``trainer`` (a Trainer with its
    network as trained); the network runs once on every example (no training)."""
    import pandas as pd

    data = trainer.data
    table = _input_columns(data.X, list(data.input_names))
    target = data.target_name or "label"
    with np.errstate(all="ignore"):
        A = trainer.net.forward(trainer.prepare_inputs(data.X))
    if data.task == CLASSIFICATION:
        names = list(data.class_names or [str(k) for k in range(data.n_classes)])
        table[target] = [names[k] for k in data.y]
        classes = predicted_classes(A, trainer.loss_name)
        table[_free("prediction", table)] = [names[k] if k >= 0 else "" for k in classes]
        for k, p in enumerate(_probabilities(A, trainer.loss_name, len(names)).T):
            table[_free(f"P({names[k]})", table)] = p
    else:
        table[target] = in_target_units(data.y, data.target_scale)
        table[_free("prediction", table)] = in_target_units(A.reshape(len(A), -1)[:, 0], data.target_scale)
    split = np.full(data.n_examples, "train", dtype=object)
    split[trainer.test_index] = "test"
    table[_free("split", table)] = split
    return pd.DataFrame(table)


def write_predictions(trainer, path) -> None:
    """Write ``predictions_table`` to ``path`` as UTF-8 CSV, whole or not at all
    (``file_write.written_in_place``; OSError if it cannot be written)."""
    from ..file_write import written_in_place

    table = predictions_table(trainer)
    with written_in_place(path) as part:
        table.to_csv(part, index=False, float_format="%.10g")


def _probabilities(A: np.ndarray, loss: str, k: int) -> np.ndarray:
    """(m, k) class probabilities from the outputs A[L]: softmax outputs as they
    are ('ce'), P(class 1) = A and P(class 0) = 1 - A ('bce'), a tanh output
    read as P(class 1) = (A + 1) / 2 ('tanh_mse')."""
    A = A.reshape(len(A), -1)
    if A.shape[1] == k:
        return A
    p1 = (A[:, 0] + 1) / 2 if loss == "tanh_mse" else A[:, 0]
    p1 = np.clip(p1, 0.0, 1.0)
    return np.column_stack([1 - p1, p1])


def _input_columns(X: np.ndarray, names: list[str]) -> dict:
    """{name: column} with each one-hot block ("island=Biscoe", "island=Dream"...:
    0/1 columns one of which is 1 in every row) back as one column of levels."""
    out: dict = {}
    j = 0
    while j < len(names):
        base = names[j].split("=", 1)[0] if "=" in names[j] else None
        end = j + 1
        while base is not None and end < len(names) and names[end].startswith(base + "="):
            end += 1
        block = X[:, j:end]
        if base is not None and base not in out and np.isin(block, (0, 1)).all() and (block.sum(axis=1) == 1).all():
            levels = np.array([n.split("=", 1)[1] for n in names[j:end]], dtype=object)
            out[base] = levels[np.argmax(block, axis=1)]
        else:
            end = j + 1
            out[_free(names[j], out)] = X[:, j]
        j = end
    return out


def _free(name: str, taken) -> str:
    while name in taken:
        name += "_"
    return name
