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
