"""Large data sets are drawn as a stated random sample with a brush per colour
(100k points with a brush each froze the window for seconds)."""

import numpy as np

from nnplay.ui import scatter_sample


def test_sample_is_stable_sorted_and_only_when_needed():
    idx = np.arange(3, 30_003)
    a, b = scatter_sample.sample(idx), scatter_sample.sample(idx)
    assert len(a) == scatter_sample.MAX_POINTS and np.array_equal(a, b) and np.all(np.diff(a) > 0)
    assert set(a) <= set(idx)
    small = np.arange(10)
    assert scatter_sample.sample(small) is small or np.array_equal(scatter_sample.sample(small), small)
    assert scatter_sample.sample_note(10, 10, "training") == ""
    assert "5,000 of the 30,000 training" in scatter_sample.sample_note(5000, 30_000, "training")
    assert "all of them train" in scatter_sample.sample_note(5000, 30_000, "training")
    test_note = scatter_sample.sample_note(5000, 30_000, "test")
    assert "5,000 of the 30,000 test" in test_note and "train" not in test_note  # test points never train


def test_one_brush_per_colour():
    rgb = np.array([[1, 2, 3], [4, 5, 6], [1, 2, 3]] * 1000, np.uint8)
    brushes = scatter_sample.brushes(rgb)
    assert len(brushes) == 3000 and len({id(b) for b in brushes}) == 2
    assert brushes[0].color().getRgb()[:3] == (1, 2, 3) and brushes[1].color().getRgb()[:3] == (4, 5, 6)


def test_the_window_draws_a_stated_sample_of_a_large_set(window, qtbot, tmp_path):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(24_000, 2)).round(3)
    path = tmp_path / "big.csv"
    np.savetxt(path, np.column_stack([X, X[:, 0] > 0]), delimiter=",", fmt=["%.3f", "%.3f", "%d"],
               header="a,b,label", comments="")
    c = window.controller
    assert c.load_csv(str(path))
    qtbot.waitUntil(lambda: c.run_info.data.n_examples == 24_000 and c.last_frame is not None, timeout=20000)
    view = window.boundary
    qtbot.waitUntil(lambda: "Showing a random 5,000 of the 12,000 training points" in view.caption.text(),
                    timeout=20000)
    assert len(view.train_points.data) == 5000
    c.pause()  # the caption follows the tick at once, with no new frame (it waited for one: paused, for ever)
    view.show_test.setChecked(True)
    assert len(view.test_points.data) == 5000
    assert "5,000 of the 12,000 test points" in view.caption.text()
