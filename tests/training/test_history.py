"""The bounded per-epoch history: memory, extremes, read-outs and saved state."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnplay.training.envelope import MinMaxPyramid
from nnplay.training.history import FIELDS, History


def _check_tiles_and_extremes(p: MinMaxPyramid, series: np.ndarray) -> None:
    """Segments tile 0..n-1 exactly once, and each bucket is the exact min/max of its span."""
    at = 0
    for s in p.segments():
        assert s.start == at and s.end > s.start
        for j in range(len(s)):
            a = s.start + j * s.size
            b = min(a + s.size, s.end)
            span = series[a:b]
            with np.errstate(all="ignore"):
                want_lo = np.where(np.isnan(span).all(axis=0), np.nan, np.nanmin(np.where(np.isnan(span), np.inf, span), axis=0))
                want_hi = np.where(np.isnan(span).all(axis=0), np.nan, np.nanmax(np.where(np.isnan(span), -np.inf, span), axis=0))
            np.testing.assert_array_equal(s.lo[j], want_lo)
            np.testing.assert_array_equal(s.hi[j], want_hi)
        at = s.end
    assert at == len(series) == len(p)


@settings(max_examples=30, deadline=None)
@given(n=st.integers(0, 3000), cuts=st.lists(st.integers(1, 700), max_size=8), seed=st.integers(0, 99),
       levels=st.integers(0, 3), one_by_one=st.booleans())
def test_every_bucket_at_every_level_is_the_min_and_max_of_its_epochs(n, cuts, seed, levels, one_by_one):
    rng = np.random.default_rng(seed)
    series = rng.normal(size=(n, 2))
    series[rng.random(n) < 0.1, 1] = np.nan  # a column with gaps
    p = MinMaxPyramid(2, recent=8, level_size=4, levels=levels, top=8)
    if one_by_one:
        for row in series:
            p.append(row)
    else:  # uneven pieces, as frames bring them
        at = 0
        for c in [*cuts, n]:
            p.extend(series[at : at + c])
            at = min(n, at + c)
    _check_tiles_and_extremes(p, series)
    assert sum(len(s) for s in p.segments()) <= 2 * 8 + levels * 2 * 4 + 8
    if n:
        np.testing.assert_array_equal(p.exact(), series[p.exact_start :])
        assert n - p.exact_start >= min(n, 8)  # at least ``recent`` epochs exactly


def test_ten_million_epochs_in_bounded_memory_with_every_spike_kept():
    n = 10_000_000
    h = History(("loss", "norm"))
    before = h.nbytes
    rng = np.random.default_rng(1)
    spikes = np.sort(rng.choice(n, 40, replace=False))
    for start in range(0, n, 1_000_000):  # a million epochs at a time, as fast as NumPy allows
        t = np.arange(start, start + 1_000_000, dtype=float)
        loss = 1.0 / (1.0 + t * 1e-5)
        loss[spikes[(spikes >= start) & (spikes < start + 1_000_000)] - start] = 5.0 + t[0] * 1e-9
        h.extend(np.column_stack([loss, -loss]))
    assert len(h) == n and h.nbytes == before < 1_000_000  # fixed buffers, under a megabyte for two series
    x, y = h.curve("loss")
    assert len(x) < 20_000  # what the curves draw, whatever the epoch count
    assert np.all(np.diff(x) >= 0) and x[0] >= 0 and x[-1] == n - 1
    for e in spikes:  # each spike is the max of the record holding it, at whatever level it lies
        r = h.at(int(e))
        assert r.first <= e <= r.last and r.hi["loss"] >= 5.0 and r.lo["norm"] <= -5.0
    assert h.extremes("loss")[1] == y.max() >= 5.0
    assert h.extremes("loss")[0] == pytest.approx(1.0 / (1.0 + (n - 1) * 1e-5))
    assert h.at(n - 1).exact and h.at(0).last - h.at(0).first + 1 == h.segments()[0].size > 1
    assert h.at(n) is None and h.at(-1) is None


def test_column_reads_exact_epochs_and_refuses_summarised_ones():
    h = History()
    for e in range(5000):
        h.append(float(e), 2.0 * e, np.nan, 0.5, 0.0)  # FIELDS: losses, accuracies, penalty
    assert h.last("test_loss") == 2 * 4999.0 and len(h) == 5000
    start = h.exact_start
    assert 0 < start <= 5000 - 1024
    np.testing.assert_array_equal(h.column("train_loss", start), np.arange(start, 5000.0))
    with pytest.raises(ValueError, match="envelope"):
        h.column("train_loss", 0)
    assert h.copy_since(4998)["test_loss"].tolist() == [9996.0, 9998.0]


def test_state_round_trips_and_maps_series_by_name():
    h = History(("a", "b", "c"))
    h.extend(np.random.default_rng(0).normal(size=(100_000, 3)))
    again = History.from_state(h.state())
    for name in "abc":
        np.testing.assert_array_equal(again.curve(name)[1], h.curve(name)[1])
    h.append(1.0, 2.0, 3.0)
    again.append(1.0, 2.0, 3.0)  # goes on exactly as the original
    np.testing.assert_array_equal(again.curve("b")[1], h.curve("b")[1])
    moved = History(("c", "new", "a"))  # a series added later: NaN; one removed: dropped
    moved.load_state(h.state())
    np.testing.assert_array_equal(moved.curve("c")[1], h.curve("c")[1])
    assert np.isnan(moved.curve("new")[1]).all() and len(moved) == len(h)
    bad = h.state()
    bad["n"] += 1
    with pytest.raises(ValueError, match=r"^n: \d+, but its parts hold [\d,]+ points$"):
        moved.load_state(bad)
    np.testing.assert_array_equal(moved.curve("a")[1], h.curve("a")[1])  # unchanged by the refusal


def test_receive_follows_increments_and_resyncs_from_a_base():
    src, dst = History(), History()
    rng = np.random.default_rng(2)
    sent = 0
    for chunk in (1, 7, 300, 1000, 900, 5):
        src.extend(rng.normal(size=(chunk, len(FIELDS))))
        assert dst.receive(None, sent, src.copy_since(sent))
        sent = len(src)
    np.testing.assert_array_equal(dst.curve("test_loss")[1], src.curve("test_loss")[1])
    src.extend(rng.normal(size=(50_000, len(FIELDS))))  # the receiver fell behind the exact window
    assert dst.receive(src.state(), len(src), src.copy_since(len(src)))
    np.testing.assert_array_equal(dst.curve("train_loss")[1], src.curve("train_loss")[1])
    assert not History().receive(None, 5, src.copy_since(len(src) - 3))  # a gap it cannot fill


def test_soak_summary_fits_memory_against_epochs_after_the_warm_up():
    from nnplay.ui.soak import summarize

    samples = [{"seconds": 10.0 * i, "epoch": 100_000 * i, "window_rss_mb": 100 + (50 if i == 0 else 0.5 * i),
                "training_rss_mb": 40.0, "update_ms_mean": 5.0 + i, "update_ms_p95": 9.0, "paint_ms": 20.0,
                "load_average": 1.0 + (9 if i == 0 else i % 2)}
               for i in range(10)]
    s = summarize(samples, warm_up=10)  # the first sample (a warm-up jump) is left out
    assert s["window_rss_mb_per_million_epochs"] == pytest.approx(5.0)
    assert s["window_rss_mb_per_minute"] == pytest.approx(3.0)  # 0.5 MB every 10 s
    assert s["load_average"] == pytest.approx(14 / 9, abs=0.01)
    assert s["training_rss_mb_per_million_epochs"] == pytest.approx(0.0, abs=1e-9)
    assert s["window_anon_mb_per_minute"] is None  # not sampled: no slope rather than a wrong one
    assert s["window_rss_mb_start"] == 100.5 and s["update_ms_mean_end"] == 14.0
    assert s["epochs_after_warm_up"] == 800_000


def test_a_snapshot_sends_the_whole_record_once_the_view_is_behind_the_exact_window():
    from nnplay.training import TrainConfig, Trainer

    t = Trainer(TrainConfig(hidden=(3,)))
    t.run(3)
    rows = np.random.default_rng(0).uniform(size=(5000, len(t.history.names)))
    t.history.extend(rows)  # as if 5,000 more epochs had been recorded
    t.grad_norm_history.extend(np.ones((5000, 2)))
    s = t.snapshot(grid_resolution=None, history_from=0)
    assert s.history_base is not None and s.history_start == len(t.history) and len(s.history["train_loss"]) == 0
    view = History()
    assert view.receive(s.history_base, s.history_start, s.history)
    np.testing.assert_array_equal(view.curve("test_loss")[1], t.history.curve("test_loss")[1])
    later = t.snapshot(grid_resolution=None, history_from=len(t.history) - 10)
    assert later.history_base is None and len(later.history["test_loss"]) == 10
    assert later.grad_norm_history.shape == (10, 2)


@settings(max_examples=20, deadline=None)
@given(n=st.integers(0, 2000), seed=st.integers(0, 99), levels=st.integers(0, 3))
def test_several_curves_at_once_are_each_curve_alone(n, seed, levels):
    """``curves`` (one x for the loss curves' four series, made once a frame) gives each
    series's points exactly as ``curve``: every bucket's min then max at its middle epoch."""
    rng = np.random.default_rng(seed)
    h = History(FIELDS, recent=8, level_size=4, levels=levels, top=8)
    rows = rng.normal(size=(n, len(FIELDS)))
    rows[rng.random(n) < 0.1, 2] = np.nan
    h.extend(rows)
    names = ("test_accuracy", "train_loss", "penalty")
    x, ys = h.curves(names)
    assert len(ys) == 3
    for name, y in zip(names, ys):
        x1, y1 = h.curve(name)
        np.testing.assert_array_equal(x, x1)
        np.testing.assert_array_equal(y, y1)
    if n:  # and curve is the rule itself: an exact epoch's value at its epoch
        xe, ye = h.curve("train_loss")
        assert xe[-1] == n - 1 and ye[-1] == rows[-1, 0]


def test_an_increment_received_again_adds_nothing_and_a_different_one_starts_over():
    rng = np.random.default_rng(1)
    src, dst = History(), History()
    src.extend(rng.normal(size=(10, len(FIELDS))))
    assert dst.receive(None, 0, src.copy_since(0))
    src.extend(rng.normal(size=(5, len(FIELDS))))
    increment = src.copy_since(10)
    assert dst.receive(None, 10, increment) and dst.receive(None, 10, increment)  # the same frame shown twice
    assert len(dst) == 15 and np.array_equal(dst.rows_since(0), src.rows_since(0))
    src.extend(rng.normal(size=(3, len(FIELDS))))
    assert dst.receive(None, 12, src.copy_since(12)) and len(dst) == 18  # overlapping: only the new epochs added
    assert np.array_equal(dst.rows_since(0), src.rows_since(0))
    other = {name: values + 1.0 for name, values in src.copy_since(12).items()}  # not the rows held: out of step
    assert not dst.receive(None, 12, other) and len(dst) == 0
