"""Data sets, feature transforms, CSV loading and splitting. No Qt."""

from .csv_loader import load_csv, write_csv
from .dataset import CLASSIFICATION, REGRESSION, Dataset, DataError
from .features import DEFAULT_FEATURES, FEATURES, parse_features, transform
from .generators import CLASSES_MAX, CLASSES_MIN, DATASETS, generate
from .split import Standardizer, train_test_indices

__all__ = [
    "CLASSES_MAX", "CLASSES_MIN", "CLASSIFICATION", "DATASETS", "DEFAULT_FEATURES", "FEATURES", "REGRESSION", "DataError", "Dataset",
    "Standardizer", "generate", "load_csv", "parse_features", "train_test_indices", "transform", "write_csv",
]
