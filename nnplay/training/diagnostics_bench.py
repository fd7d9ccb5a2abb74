"""The cost of the training diagnostics on case B of ``nnplay bench`` (circle,
250 training points, 8 x 6 tanh, batches of 10): one record of the
distributions (training.distributions), the health diagnosis (training.health)
and the learning-rate range test (training.lr_finder), against one epoch."""

from __future__ import annotations

import time

import numpy as np

from .distributions import due, epoch_row
from .health import diagnose
from .lr_finder import find_learning_rate


def _median_ms(f, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        f()
        times.append(time.perf_counter() - start)
    return 1000 * float(np.median(times))


def bench_diagnostics(hidden=(8,) * 6, repeats: int = 30) -> dict:
    """Median milliseconds of an epoch, a distributions record, a diagnosis and a range
    test on case B, and the share of training time the records take over 1,000 epochs."""
    from . import TrainConfig, Trainer

    t = Trainer(TrainConfig(hidden=tuple(hidden)))
    t.run(5)
    twin = t.copy()
    epoch_ms = _median_ms(lambda: twin.net.train_epoch(twin.X_train, twin.Y_train, twin.optimizer,
                                                       twin.config.batch_size, twin.rng, check_input=False), repeats)
    record_ms = _median_ms(lambda: epoch_row(5, t.net, t.X_train), repeats)
    health_ms = _median_ms(lambda: diagnose(t), repeats)
    finder_ms = _median_ms(lambda: find_learning_rate(t), max(1, repeats // 10))
    records = sum(due(e) for e in range(1001))
    return {"network": "B", "epoch_ms": round(epoch_ms, 3), "distributions_record_ms": round(record_ms, 3),
            "records_per_1000_epochs": records,
            "distributions_share_1000_epochs": round(records * record_ms / (1000 * epoch_ms + records * record_ms), 4),
            "health_ms": round(health_ms, 3), "lr_finder_ms": round(finder_ms, 1)}


def format_diagnostics(d: dict) -> list[str]:
    """Lines for ``nnplay bench``'s table."""
    return ["", f"diagnostics on B (one epoch {d['epoch_ms']:.2f} ms)",
            (f"  distributions, one record {d['distributions_record_ms']:.2f} ms; {d['records_per_1000_epochs']} "
             f"records in 1,000 epochs = {100 * d['distributions_share_1000_epochs']:.1f}% of the training time"),
            (f"  health diagnosis {d['health_ms']:.2f} ms; learning-rate range test (200 mini-batches) "
             f"{d['lr_finder_ms']:.0f} ms")]
