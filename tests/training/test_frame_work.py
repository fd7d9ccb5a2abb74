"""What a frame costs the training process, as mechanisms (issue 20): the
pictures' extent is found once per data set, not by a scan of every row at
every frame."""

from nnplay.training import TrainConfig, Trainer, probes


def test_the_extent_is_scanned_once_per_data_set_and_axes(monkeypatch):
    scans = []
    real = probes.covering
    monkeypatch.setattr(probes, "covering", lambda data: scans.append(data) or real(data))
    t = Trainer(TrainConfig(dataset="circle", hidden=(4, 2)))
    first = t.snapshot(neuron_resolution=None)
    t.run(2)
    assert t.snapshot(neuron_resolution=None).grid_extent == first.grid_extent == real(t.data)
    assert len(scans) == 1  # (before: one scan of every row a frame, 1-2 ms on 100,000 rows)
    other = Trainer(TrainConfig(dataset="circle", hidden=(4, 2), noise=0.3, seed=4))  # another data set: its own
    assert other.grid_extent() == real(other.data) and len(scans) == 2


def test_the_inputs_thumbnails_are_made_once_per_grid_and_axes_and_are_the_grids_points():
    import numpy as np

    from nnplay.data import Dataset
    from nnplay.training import TrainConfig, Trainer
    from nnplay.training.live_grid import frame_request
    from nnplay.training.probes import ViewRequest

    rng = np.random.default_rng(0)
    X = rng.normal(size=(100, 3))
    t = Trainer(TrainConfig(dataset="csv", hidden=(4,), standardize=True), Dataset(X, (X[:, 0] > 0).astype(int), name="m"))
    for axes in ((0, 1), (2, 1)):
        view = frame_request(ViewRequest(axes=axes), True)
        first, second = (t.snapshot(view).neurons[0] for _ in range(2))
        assert first is not second and np.shares_memory(first, second)  # (made once)
        assert not first.flags.writeable
        np.testing.assert_array_equal(first, t.probes.grid_points(24, axes).reshape(24, 24, 3))
    assert not np.array_equal(t.snapshot(frame_request(ViewRequest(axes=(0, 1)), True)).neurons[0],
                              t.snapshot(frame_request(ViewRequest(axes=(2, 1)), True)).neurons[0])
