"""Training runs: the Trainer, its settings and history. Thread-agnostic, no Qt."""

from .config import LIVE_SETTINGS, TrainConfig
from .history import FIELDS, History
from .trainer import RunInfo, Snapshot, Trainer, make_dataset, resolve_loss

__all__ = ["FIELDS", "LIVE_SETTINGS", "History", "RunInfo", "Snapshot", "TrainConfig", "Trainer", "make_dataset", "resolve_loss"]
