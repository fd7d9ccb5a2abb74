"""The data as a run trains on it: split into training and test sets, turned
into features, standardised with the training set's statistics and checked
once (NaN or infinity is refused), with the targets as the loss takes them."""

from __future__ import annotations

import numpy as np

from ..data import CLASSIFICATION, Dataset, Standardizer, train_test_indices, transform
from ..engine.validation import as_float_array, check_X
from .config import TrainConfig


class SplitData:
    """``X_train`` (m_train, n[0]) and ``X_test`` in the run's dtype, the raw
    labels or values ``y_train``/``y_test``, the rows of ``data`` each came from
    (``train_index``, ``test_index``), the ``standardizer`` and the training
    inputs' means (``input_means``, raw units: where the pictures hold the
    inputs they do not show)."""

    def __init__(self, config: TrainConfig, data: Dataset, loss_name: str):
        self.config, self.data, self.loss_name = config, data, loss_name
        self.dtype = np.dtype(config.dtype)
        if data.test_mask is not None:
            tr, te = np.flatnonzero(~data.test_mask), np.flatnonzero(data.test_mask)
        else:
            strata = data.y if data.stratify and data.task == CLASSIFICATION else None
            tr, te = train_test_indices(data.n_examples, config.train_ratio, config.data_seed, strata)
        self.train_index, self.test_index = tr, te
        self.y_train, self.y_test = data.y[tr], data.y[te]
        # each part's rows taken once, then their features (a million rows: no full-size copy in between)
        raw_train = data.X[tr]
        feats_train, feats_test = self.features(raw_train), self.features(data.X[te])
        self.standardizer = (Standardizer.fit(feats_train) if config.standardize
                             else Standardizer.identity(feats_train.shape[1]))
        if config.standardize:
            feats_train, feats_test = self.standardizer(feats_train), self.standardizer(feats_test)
        self.X_train = as_float_array(feats_train, "X", self.dtype)  # checked once, here
        self.X_test = as_float_array(feats_test, "X", self.dtype)
        self.input_means = raw_train.mean(axis=0) if len(tr) else np.zeros(data.n_inputs)

    @property
    def uses_feature_transforms(self) -> bool:
        return self.data.n_inputs == 2

    @property
    def input_feature_names(self) -> list[str]:
        """The names of the network's inputs: the features, or the data's inputs."""
        return list(self.config.features) if self.uses_feature_transforms else list(self.data.input_names)

    def features(self, X_raw: np.ndarray) -> np.ndarray:
        return transform(X_raw, self.config.features) if self.uses_feature_transforms else X_raw

    def prepare_inputs(self, X_raw) -> np.ndarray:
        """Raw inputs (m, n_inputs) of any array-like -> the network's inputs
        (m, n[0]) in the run's dtype: features, then standardisation. ValueError
        naming the problem for a wrong shape, non-numbers, NaN or infinity."""
        X_raw = check_X(X_raw, self.data.n_inputs, np.float64)
        return check_X(self.standardizer(self.features(X_raw)), self.X_train.shape[1], self.dtype)

    @property
    def n_outputs(self) -> int:
        """n[L]: one per class for ce, one for bce and tanh_mse, else one per target."""
        if self.loss_name == "ce":
            return self.data.n_classes
        return 1 if self.loss_name in ("bce", "tanh_mse") else self.data.n_targets

    def targets(self, y: np.ndarray) -> np.ndarray:
        """Labels or values as the loss takes them (tanh_mse: classes 0/1 as -1/+1,
        the Playground's labels)."""
        if self.data.task == CLASSIFICATION and self.loss_name == "tanh_mse":
            return 2.0 * y - 1.0
        return y
