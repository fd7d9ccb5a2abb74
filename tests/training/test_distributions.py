"""Distributions over time per layer (training.distributions): what is recorded,
when, in what memory, and that sessions and snapshots carry it."""

import numpy as np
import pytest

from nnplay.training import TrainConfig, Trainer
from nnplay.training.distributions import (
    PERCENTILES,
    QUANTITIES,
    Distributions,
    due,
    percentiles,
    saturation,
)
from nnplay.training.session import Session, load_session, restore_trainer, save_session


@pytest.fixture(scope="module")
def run():
    t = Trainer(TrainConfig(hidden=(6, 4), activation="relu"))
    t.run(150)
    return t


def test_percentiles_are_numpys_and_skip_non_finite_values():
    rng = np.random.default_rng(1)
    for n in (1, 2, 7, 500):
        x = rng.normal(size=(n, 3))
        assert np.allclose(percentiles(x), np.percentile(x, PERCENTILES))
    x = np.array([np.nan, 1.0, np.inf, 3.0])
    assert np.allclose(percentiles(x), np.percentile([1.0, 3.0], PERCENTILES))
    assert np.isnan(percentiles(np.array([np.nan]))).all()


def test_every_layer_is_recorded_on_the_schedule(run):
    recorded = [e for e in range(151) if due(e)]
    assert recorded[:32] == list(range(32)) and recorded[32:34] == [32, 34] and recorded[-1] == 144
    d = run.distributions
    assert len(d) == len(recorded)
    for layer in (1, 2, 3):
        for q in QUANTITIES:
            x, p, sat = d.bands(layer, q)
            assert np.all(np.diff(p, axis=1) >= 0)  # the percentiles are ordered in every record
            assert x[-1] == 144
    # the last record's W and dW are the network's own at that epoch: replay the run to epoch 144
    t = Trainer(run.config)
    t.run(144)
    x, p, _ = d.bands(2, "W")
    assert np.allclose(p[-1], np.percentile(t.net.weights[1], PERCENTILES))
    x, p, _ = d.bands(1, "dW")
    assert np.allclose(p[-1], np.percentile(t.net.dW[0], PERCENTILES))
    A = t.net.hidden_outputs(t.X_train)
    _, p, sat = d.bands(1, "A")
    assert np.allclose(p[-1], np.percentile(A[0], PERCENTILES)) and sat[-1] == pytest.approx(np.mean(A[0] == 0))


def test_saturation_marks_the_flat_ends():
    A = np.array([-0.995, 0.0, 0.5, 0.999])
    assert saturation("tanh", A) == 0.5
    assert saturation("sigmoid", np.array([0.001, 0.5, 0.9999, 0.3])) == 0.5
    assert saturation("relu", np.array([0.0, 0.0, 1.0, 2.0])) == 0.5
    assert np.isnan(saturation("linear", A))


def due_epochs(start, stop):
    """The recorded epochs in start .. stop - 1, from the schedule's rule written out by hand."""
    out = [e for e in range(start, min(stop, 32))]
    b = 6
    while (1 << (b - 1)) < stop:
        out += [e for e in range(1 << (b - 1), 1 << b, 1 << (b - 5)) if start <= e < stop]
        b += 1
    return out


def test_memory_stays_bounded_over_a_long_run():
    assert due_epochs(0, 5000) == [e for e in range(5000) if due(e)]
    d = Distributions(2)
    row = np.arange(len(d.records.names), dtype=float)
    for e in due_epochs(0, 200_000):
        row[0] = e
        d.records.append(*row)
    nbytes = d.records.nbytes
    for e in due_epochs(200_000, 20_000_000):
        row[0] = e
        d.records.append(*row)
    assert d.records.nbytes == nbytes  # a hundred times the epochs, not one byte more
    x, _, _ = d.bands(1, "W")
    assert x[0] < 100 and x[-1] > 19_000_000 and len(x) < 600


def test_sessions_carry_the_distributions(run, tmp_path):
    path = tmp_path / "run.nnplay"
    save_session(path, Session(run.config, run.data, run.state_dict()))
    back = restore_trainer(load_session(path))
    for q in QUANTITIES:
        a, b = run.distributions.bands(3, q), back.distributions.bands(3, q)
        assert all(np.array_equal(u, v, equal_nan=True) for u, v in zip(a, b))
    back.run(20)  # and it goes on recording
    assert len(back.distributions) > len(run.distributions)


def test_a_state_without_distributions_still_opens(run):
    state = run.state_dict()
    del state["distributions"]
    t = Trainer(run.config)
    t.load_state_dict(state)
    assert len(t.distributions) == 0 and t.epoch == run.epoch


def test_snapshots_carry_new_records_and_the_findings_only_when_asked(run):
    t = run.copy()
    assert t.snapshot().distributions is None and t.snapshot().health == ()
    first = t.snapshot(distributions=True)
    assert first.distributions is not None and isinstance(first.health, tuple)
    assert t.snapshot(distributions=True).distributions is None  # nothing new since
    t.run(4)
    assert t.snapshot(distributions=True).distributions is not None
    t.snapshot()  # the view closed ...
    assert t.snapshot(distributions=True).distributions is not None  # ... and opened again: it gets all of it
    d = Distributions.from_state(first.distributions["base"], 3)
    assert len(d) == len(run.distributions)


def test_a_view_follows_the_records_from_the_new_ones_alone(run):
    """A record added is sent alone (not the whole state each time); the view's copy, following the
    frames, holds what the run holds; a new run, records cleared or the view reopened resend all."""
    t = run.copy()
    copy = Distributions(3)
    bare = {"grid_resolution": None, "neuron_resolution": None}  # no pictures: the test reads the records only

    def follow():
        sent = t.snapshot(distributions=True, **bare).distributions
        if sent is not None:
            assert copy.records.receive(sent["base"], sent["start"], sent["rows"])
        return sent

    assert follow()["base"] is not None  # the first frame: everything
    increments = 0
    for _ in range(200):
        t.run(1)
        sent = follow()
        if sent is not None:
            assert sent["base"] is None and len(sent["rows"]) == 1 and sent["start"] == len(t.distributions) - 1
            increments += 1
        np.testing.assert_array_equal(copy.table()[1], t.distributions.table()[1])
    assert increments >= 3
    t.snapshot(**bare)  # the view closed: the next frame that asks sends all of it
    assert follow()["base"] is not None
    t.distributions.clear()
    t.run(1)
    assert follow()["base"] is not None and len(copy) == len(t.distributions)
    other = Trainer(run.config)  # a new run: all of it
    other.run(2)
    assert other.snapshot(distributions=True).distributions["base"] is not None


def test_table_has_one_row_per_layer_quantity_and_record(run):
    header, rows = run.distributions.table()
    assert header[:4] == ["layer", "quantity", "first_epoch", "last_epoch"] and len(header) == 4 + 7 + 1
    assert rows.shape == (3 * 4 * len(run.distributions), len(header))


def test_a_copy_followed_by_increments_stays_equal_once_records_are_summarised():
    sender, copy = Distributions(2), Distributions(2)
    rng = np.random.default_rng(0)
    whole = 0
    for k in range(600):
        sender.records.append(k, *rng.random(len(sender.records.names) - 1))
        sent = sender.for_view(7)
        whole += sent["base"] is not None
        assert copy.records.receive(sent["base"], sent["start"], sent["rows"])
    assert sender.records.exact_start > 0 and whole == 1  # (summarised, and never sent whole again)
    np.testing.assert_array_equal(copy.table()[1], sender.table()[1])


def test_the_tables_rows_are_each_layer_and_quantitys_bands_over_their_epochs():
    """The CSV's rows, written out here: per layer and quantity (in that order), one per record, its epochs
    (an exact record's own; a bucket of the summarised ones from its first to its last epoch) and its bands."""
    d = Distributions(2)
    rng = np.random.default_rng(3)
    for epoch in range(600):  # every epoch recorded: the older ones summarised into buckets
        d.records.append(epoch, *rng.random(len(d.records.names) - 1))
    spans = [(s.start + i * s.size, min(s.start + (i + 1) * s.size, s.end) - 1)
             for s in d.records.segments() for i in range(len(s))]
    assert any(a < b for a, b in spans) and any(a == b for a, b in spans)  # buckets and exact records
    header, rows = d.table()
    assert header[:4] == ["layer", "quantity", "first_epoch", "last_epoch"] and rows.shape[1] == len(header)
    expected = []
    for layer in (1, 2):
        for k, q in enumerate(QUANTITIES):
            _, p, sat = d.bands(layer, q)
            expected += [[layer, k, a, b, *p[i], sat[i]] for i, (a, b) in enumerate(spans)]
    np.testing.assert_array_equal(rows, np.array(expected, dtype=float))
