"""The epoch read-out within a long epoch: its mini-batches done, counted, and a
speed in fractions of an epoch a second (never "0 epochs/s" while it trains)."""

from types import SimpleNamespace

import numpy as np
import pytest

from nnplay.ui.epoch_readout import epoch_text, rate_text

pytestmark = pytest.mark.timeout(120)


def test_the_read_out_counts_the_mini_batches_of_an_epoch_under_way():
    assert epoch_text(SimpleNamespace(epoch=0, batch_position=(12000, 50000))) == \
        "Epoch <b>0</b> · 12,000 / 50,000 mini-batches"
    assert epoch_text(SimpleNamespace(epoch=1234, batch_position=(0, 50))) == "Epoch <b>1,234</b>"
    assert epoch_text(SimpleNamespace(epoch=2, batch_position=(40, 50), sampled_rows=1024)) == \
        "Epoch <b>2</b> · 40 / 50 mini-batches · loss on a 1,024-row sample"  # said while it is a sample's
    assert epoch_text(SimpleNamespace(epoch=2, batch_position=(40, 50), sampled_rows=1024, measured_batch=40)) == \
        "Epoch <b>2</b> · 40 / 50 mini-batches · loss on a 1,024-row sample at mini-batch 40"  # (always: a steady text)
    assert epoch_text(SimpleNamespace(epoch=2, batch_position=(4300, 5000), sampled_rows=1024,
                                      measured_batch=4200)) == \
        "Epoch <b>2</b> · 4,300 / 5,000 mini-batches · loss on a 1,024-row sample at mini-batch 4,200"  # an earlier one
    assert rate_text(SimpleNamespace(playing=True, epochs_per_second=0.0913)) == "0.091 epochs/s"
    assert rate_text(SimpleNamespace(playing=True, epochs_per_second=1234.4)) == "1,234 epochs/s"
    assert rate_text(SimpleNamespace(playing=False, epochs_per_second=3.0)) == "paused"


def test_the_window_shows_a_long_epochs_progress(window, qtbot, tmp_path):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(40_000, 2))
    path = tmp_path / "long.csv"
    np.savetxt(path, np.column_stack([X, X[:, 0] * X[:, 1] > 0]), delimiter=",", header="a,b,label", comments="",
               fmt="%.3f")
    c = window.controller
    assert c.load_csv(str(path))
    qtbot.waitUntil(lambda: c.run_info.data.n_examples == 40_000 and c.last_frame is not None, timeout=20000)
    window.play_action.trigger()  # 2,000 mini-batches an epoch: trained in parts, with frames in between
    qtbot.waitUntil(lambda: 0 < c.last_frame.snapshot.batch_position[0], timeout=20000)
    done, batches = c.last_frame.snapshot.batch_position
    text = window.stats["epoch"].text()
    assert text == epoch_text(c.last_frame.snapshot) and f"/ {batches:,} mini-batches" in text
    window.play_action.trigger()
