"""The loss landscape (training.landscape, training.landscape_live): its value at
the centre, the path's projection, filter normalisation, the bounded path,
cancelling, the time share, and that the run's weights are never touched."""

import numpy as np
import pytest

from nnplay.training import TrainConfig, Trainer
from nnplay.training.landscape import (
    Landscape,
    Layout,
    Trajectory,
    filter_normalised_direction,
    grid_axis,
    pca_directions,
    plane_coordinates,
)
from nnplay.training.landscape_live import LandscapeJob, LandscapeRequest, LiveLandscape


@pytest.fixture(scope="module")
def run():
    """One short run with momentum and L2 (so the penalty counts), trained 30 epochs."""
    t = Trainer(TrainConfig(hidden=(4, 3), optimizer="momentum", lr=0.1, l2=0.003))
    t.run(30)
    return t


def test_centre_of_the_grid_is_the_runs_loss(run):
    job = LandscapeJob(run, LandscapeRequest(resolution=7))
    job.work(60.0)
    grid = job.grid()
    run_loss = run.history.last("train_loss") + run.history.last("penalty")
    assert grid.centre_loss == pytest.approx(run_loss, abs=1e-12, rel=0)
    assert grid.loss[3, 3] == grid.centre_loss
    assert np.isfinite(grid.loss).all()


def test_batched_losses_equal_the_engine_at_each_point(run):
    rng = np.random.default_rng(1)
    thetas = run.net.params + 0.3 * rng.standard_normal((5, run.net.params.size))
    got = Landscape(run.net, run.X_train, run.Y_train).losses(thetas)
    twin = run.net.copy()
    want = []
    for th in thetas:
        twin.params[...] = th
        want.append(twin.loss(run.X_train, run.Y_train))
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-14)


def test_the_float32_grid_agrees_with_float64(run):
    job = LandscapeJob(run, LandscapeRequest(resolution=5, span=2.0))
    job.work(60.0)
    exact = Landscape(run.net, run.X_train, run.Y_train)
    for i, b in enumerate(job.b):
        want = exact.losses(job.centre + job.a[:, None] * job.d1 + b * job.d2)
        np.testing.assert_allclose(job.loss[i], want, rtol=2e-5)


def test_pca_plane_reproduces_the_recorded_weights_coordinates(run):
    points = run.trajectory.points
    d1, d2, explained = pca_directions(points)
    assert d1 @ d2 == pytest.approx(0, abs=1e-12) and np.linalg.norm(d1) == pytest.approx(1)
    centre = run.net.params  # the last recorded point
    ab = plane_coordinates(points, centre, d1, d2)
    mean, D = points.mean(axis=0), np.stack([d1, d2])
    scores = (points - mean) @ D.T  # the recorded weights' principal coordinates
    np.testing.assert_allclose(ab - ab[-1], scores - scores[-1], atol=1e-10)
    np.testing.assert_allclose(ab[-1], 0.0, atol=1e-12)  # the path ends at the centre of the plane
    reconstruction = mean + scores @ D
    # the residual the plane leaves is the variance it does not explain
    total = ((points - mean) ** 2).sum()
    residual = ((points - reconstruction) ** 2).sum()
    assert 1 - residual / total == pytest.approx(sum(explained), abs=1e-9)
    assert sum(explained) > 0.8  # a short run's path is nearly flat


def test_a_path_in_a_plane_is_projected_exactly():
    rng = np.random.default_rng(0)
    centre, u, v = rng.standard_normal((3, 50))
    ab = rng.standard_normal((12, 2))
    points = centre + ab[:, :1] * u + ab[:, 1:] * v
    d1, d2, explained = pca_directions(points)
    assert sum(explained) == pytest.approx(1.0, abs=1e-12)
    coords = plane_coordinates(points, centre, d1, d2)
    np.testing.assert_allclose(centre + coords @ np.stack([d1, d2]), points, atol=1e-10)


def test_filter_normalised_rows_have_the_weights_row_norms(run):
    theta = run.net.params
    d = filter_normalised_direction(theta, run.net.sizes, np.random.default_rng(3))
    layout = Layout(run.net.sizes)
    for W, b in zip(layout.W, layout.b):
        np.testing.assert_allclose(np.linalg.norm(d[W], axis=1), np.linalg.norm(theta[W], axis=1), rtol=1e-12)
        assert (d[b] == 0).all()
    assert not np.allclose(d, theta)  # a direction, not the weights themselves


def test_the_trajectory_stays_bounded_and_evenly_thinned():
    tr = Trajectory(3, max_points=8)
    for epoch in range(100):
        tr.record(epoch, np.full(3, float(epoch)))
    assert len(tr) <= 8
    gaps = np.diff(tr.epochs)
    assert (gaps == gaps[0]).all() and tr.epochs[0] == 0
    np.testing.assert_array_equal(tr.points[:, 0], tr.epochs)
    assert Trajectory(10**7).max_points == 4  # a huge network keeps a few vectors, not gigabytes


def test_the_trainer_records_one_point_per_epoch_and_reset_clears(run):
    t = run.copy()
    assert len(t.trajectory) == 31 and t.trajectory.epochs[-1] == 30
    np.testing.assert_array_equal(t.trajectory.points[-1], t.net.params)
    t.reset()
    assert len(t.trajectory) == 1 and t.trajectory.epochs[0] == 0


def test_the_path_survives_a_saved_state(run):
    t = Trainer(run.config, run.data)
    t.load_state_dict(run.state_dict())
    np.testing.assert_array_equal(t.trajectory.points, run.trajectory.points)
    np.testing.assert_array_equal(t.trajectory.epochs, run.trajectory.epochs)


def test_a_damaged_path_is_refused_and_nothing_changes(run):
    t = Trainer(run.config, run.data)
    state = run.state_dict()
    state["trajectory"] = dict(state["trajectory"], points=state["trajectory"]["points"][:, :3])
    before = t.net.params.copy()
    with pytest.raises(ValueError, match="trajectory"):
        t.load_state_dict(state)
    np.testing.assert_array_equal(t.net.params, before)


def test_the_runs_weights_are_untouched(run):
    before, grads = run.net.params.copy(), run.net.grads.copy()
    job = LandscapeJob(run, LandscapeRequest(resolution=9, directions="random"))
    job.work(60.0)
    np.testing.assert_array_equal(run.net.params, before)
    np.testing.assert_array_equal(run.net.grads, grads)


def test_cancelling_stops_the_work_and_keeps_the_grid_shown(run, monkeypatch):
    clock = [100.0]

    def tick():  # every look at the clock takes 1 ms: a slice is 20 rows of the 41 whatever the machine's speed
        clock[0] += 0.001  # (on a real clock a quiet machine did all 41 rows in one slice: not busy, a red run)
        return clock[0]

    monkeypatch.setattr("nnplay.training.landscape_live.time.perf_counter", tick)
    live = LiveLandscape()
    live.set_request(LandscapeRequest(resolution=5), run)
    while live.busy:
        live.after_training(run, playing=False)
    shown = live.frame(run).grid
    live.set_request(LandscapeRequest(resolution=41), run)
    live.after_training(run, playing=False)
    assert live.busy and 0 < live.frame(run).progress < 1
    live.set_request(None, run)
    assert not live.busy
    assert live.after_training(run, playing=False) is False
    frame = live.frame(run)
    assert frame.progress is None and frame.grid.loss.shape == shown.loss.shape


def test_while_playing_it_takes_at_most_its_share(run, monkeypatch):
    clock = [100.0]

    def tick():  # a clock on which every look takes 1 ms, so a grid row "costs" 1 ms
        clock[0] += 0.001
        return clock[0]

    monkeypatch.setattr("nnplay.training.landscape_live.time.perf_counter", tick)
    live = LiveLandscape()
    live.set_request(LandscapeRequest(resolution=41, share=0.25), run)
    assert live.after_training(run, playing=True) is True
    assert live.job.rows_done == 1  # one row at least, and the time it took is owed
    assert live.after_training(run, playing=True) is False  # 1 ms later: still in debt
    assert live.job.rows_done == 1
    clock[0] += 0.2  # 200 ms of training
    live.after_training(run, playing=True)
    assert 15 <= live.job.rows_done - 1 <= 21  # a slice of about 20 ms (its cap), not the whole grid


def test_recomputed_every_n_epochs_while_training():
    t = Trainer(TrainConfig(hidden=(3,)))
    t.run(5)
    live = LiveLandscape()
    live.set_request(LandscapeRequest(resolution=5, every=10), t)
    while live.busy:
        live.after_training(t, playing=False)
    assert live.frame(t).grid.epoch == 5
    t.run(9)
    assert live.after_training(t, playing=False) is False  # 9 epochs on: not yet
    t.run(1)
    live.after_training(t, playing=False)
    while live.busy:
        live.after_training(t, playing=False)
    frame = live.frame(t)
    assert frame.grid.epoch == 15
    assert frame.path.shape == (16, 2) and frame.current == pytest.approx(tuple(frame.path[-1]), abs=1e-12)


def test_too_short_a_path_falls_back_to_random_directions_and_says_so():
    t = Trainer(TrainConfig(hidden=(3,)))
    job = LandscapeJob(t, LandscapeRequest(resolution=5))
    assert job.directions == "random" and "at least 3" in job.grid().caption()


def test_the_grid_axis_has_zero_exactly_at_its_centre():
    axis = grid_axis(41, 0.37)
    assert axis[20] == 0.0 and axis[0] == -0.37 and axis[-1] == 0.37


@pytest.mark.parametrize("field, value", [("resolution", 4), ("resolution", 201), ("span", 0.0),
                                          ("directions", "pcb"), ("share", 1.0)])
def test_bad_requests_name_the_field(field, value):
    with pytest.raises(ValueError, match=field):
        LandscapeRequest(**{field: value}).checked()


def test_the_path_ends_at_the_star_after_the_rate_is_raised_in_a_long_thinned_run():
    """The trajectory keeps every 2nd, 4th... epoch of a long run; after the rate
    is raised one epoch is a long step, and a path ending at the last kept epoch
    stopped visibly short of the current weights (the star)."""
    t = Trainer(TrainConfig(hidden=(4, 2), optimizer="momentum", lr=0.03))
    t.run(300)
    live = LiveLandscape()
    live.set_request(LandscapeRequest(resolution=5), t)
    live.job.work(float("inf"))
    live.after_training(t, playing=False)
    t.set_learning_rate(1.0)
    t.run(37)
    assert t.trajectory.epochs[-1] != t.epoch  # thinned: the current epoch is not kept
    frame = live.frame(t)
    assert tuple(frame.path[-1]) == frame.current and frame.epochs[-1] == t.epoch
    assert len(frame.path) == len(frame.epochs) == len(t.trajectory) + 1
    recorded = plane_coordinates(t.trajectory.points, live.shown.centre, live.shown.d1, live.shown.d2)
    np.testing.assert_array_equal(frame.path[:-1], recorded)  # the recorded path, projected on the plane shown
    cached = live._path[0]
    live.frame(t)
    assert live._path[0] is cached  # nothing new: not projected again
    t.run(1)
    live.frame(t)
    assert live._path[0] is not cached


@pytest.mark.parametrize("fraction, text", [(0.812, "81.2%"), (0.9997, "99.97%"), (0.99996, "99.996%"),
                                             (0.9995, "99.95%"), (1.0, "100%"), (0.0, "0.0%"), (0.0002, "0.02%")])
def test_shares_of_variance_never_round_up_to_100_percent(fraction, text):
    from nnplay.training.landscape_live import share_text

    assert share_text(fraction) == text


def test_a_nearly_straight_path_is_called_so():
    from nnplay.training.landscape_live import LandscapeGrid

    z = np.zeros((5, 5))
    grid = LandscapeGrid(z, z[0], z[0], "pca", (0.9997, 0.0002), 10, 0.5)
    caption = grid.caption()
    assert "99.99% of its variance: 99.97% + 0.02%" in caption and "100.0%" not in caption
    assert "nearly straight: 99.97% of its variance lies along the first direction" in caption
    assert "nearly straight" not in LandscapeGrid(z, z[0], z[0], "pca", (0.8, 0.15), 10, 0.5).caption()


def test_weights_beyond_float32_are_computed_in_the_runs_precision_without_a_warning():
    """Tester 16 (s73_landscape.png, app5.err): a weight typed as 1e150, trained, then set back to 0.5
    (loss 138) left the other first-layer weights near 4.6e147: past float32's range, the cast to the
    float32 grid overflowed ("RuntimeWarning: overflow encountered in cast" in the terminal) and the
    whole plane was hatched "J overflowed there", though J is finite in float64 everywhere near."""
    import warnings

    t = Trainer(TrainConfig(hidden=(4, 3)))
    t.run(3)
    first = t.net.weights[0]
    assert np.shares_memory(first, t.net.params)  # (a view of the run's parameter vector)
    first[...] = 4.6e147 * np.sign(first + 1e-12)
    assert np.isfinite(t.net.loss(t.X_train, t.Y_train))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no library warning may reach the terminal
        job = LandscapeJob(t, LandscapeRequest(resolution=5, directions="random"))
        job.work(60.0)
    assert job.landscape.dtype == np.float64 and np.isfinite(job.grid().loss).all(), job.grid().loss


def test_a_float32_grid_whose_parameters_overflow_is_said_so_without_a_warning(run):
    """The Landscape asked for float32 at parameters beyond its range: J not finite there, no warning."""
    import warnings

    thetas = np.vstack([run.net.params, run.net.params])
    thetas[1, 0] = 1e150
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = Landscape(run.net, run.X_train, run.Y_train, np.float32).losses(thetas)
    assert np.isfinite(got[0]) and not np.isfinite(got[1])
