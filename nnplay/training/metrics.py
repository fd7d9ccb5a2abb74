"""Quality measures beside the loss: accuracy, precision, recall and the
confusion matrix for classes; RMSE and R^2 for regression."""

from __future__ import annotations

import numpy as np


def confusion_matrix(y_true: np.ndarray, y_pred: np.ndarray, k: int) -> np.ndarray:
    """(k, k) counts: row = true class, column = predicted class."""
    cm = np.zeros((k, k), dtype=np.int64)
    np.add.at(cm, (np.asarray(y_true, np.intp), np.asarray(y_pred, np.intp)), 1)
    return cm


def classification_report(y_true, y_pred, k: int) -> dict:
    """Accuracy, per-class precision and recall (NaN for a class never predicted, or with no
    example: nothing to divide by), and their macro averages as scikit-learn's
    ``precision_score``/``recall_score(average="macro", zero_division=0)`` count them: the
    mean over the classes that are true or predicted at least once, a NaN counted as 0 (a
    class never predicted is never right: its 0 pulls the average down, not out).
    ``never_predicted``: those classes (true at least once, never predicted), by index."""
    cm = confusion_matrix(y_true, y_pred, k)
    tp = np.diag(cm).astype(float)
    predicted, actual = cm.sum(axis=0), cm.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        precision = np.where(predicted > 0, tp / predicted, np.nan)
        recall = np.where(actual > 0, tp / actual, np.nan)
    n = cm.sum()
    seen = (predicted > 0) | (actual > 0)  # scikit-learn's labels: those in y_true or y_pred
    return {
        "n": int(n),
        "accuracy": float(tp.sum() / n) if n else None,
        "precision": precision.tolist(),
        "recall": recall.tolist(),
        "macro_precision": float(np.nan_to_num(precision[seen]).mean()) if seen.any() else None,
        "macro_recall": float(np.nan_to_num(recall[seen]).mean()) if seen.any() else None,
        "never_predicted": np.flatnonzero((actual > 0) & (predicted == 0)).tolist(),
        "confusion": cm.tolist(),
    }


def regression_report(y_true, y_pred) -> dict:
    y_true = np.asarray(y_true, float).reshape(len(y_true), -1)
    y_pred = np.asarray(y_pred, float).reshape(y_true.shape)
    n = y_true.shape[0]
    if n == 0:
        return {"n": 0, "rmse": None, "r2": None}
    resid = ((y_true - y_pred) ** 2).sum()
    total = ((y_true - y_true.mean(axis=0)) ** 2).sum()
    return {"n": int(n), "rmse": float(np.sqrt(resid / y_true.size)),
            "r2": float(1 - resid / total) if total > 0 else None}
