"""Whether a run can start from its settings alone: the check every way of
opening the window (``nnplay --settings``, ``--lesson``, a lesson file) makes
before the window is built, so that bad settings are refused in one line
instead of failing while the window is made.

A CSV run's settings (``dataset=csv``, as Edit › Copy settings writes them for a
loaded file) name no file: they start only with the file given beside them
(``nnplay --data FILE.csv --settings TEXT``).
"""

from __future__ import annotations

from .config import TrainConfig
from .trainer import make_dataset, resolve_loss

CSV_NEEDS_FILE = ("the settings name dataset=csv (a CSV file's run) but no file: "
                  "add --data FILE.csv, or choose a built-in data set (dataset=spiral...)")


def check_startable(config: TrainConfig, needs_file: str = CSV_NEEDS_FILE) -> None:
    """Raise ValueError (one line) unless a run can start from ``config`` alone:
    its data set is generated (``dataset=csv`` needs a file: ``needs_file`` says
    where to give it) and its loss suits that data (``trainer.resolve_loss``)."""
    if config.dataset == "csv":
        raise ValueError(needs_file)
    resolve_loss(config, make_dataset(config))


def check_with_data(patch: dict, data) -> TrainConfig:
    """The settings a run on the loaded ``data`` (a nnplay.data.Dataset read from
    a CSV) starts with: the defaults, then the settings text's ``patch``
    ({name: value}, dataset forced to csv); ValueError (one line) when they do
    not suit the data."""
    config = TrainConfig().with_changes(**{**patch, "dataset": "csv"})
    resolve_loss(config, data)
    return config
